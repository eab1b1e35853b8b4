"""The Overview's text search (the sidebar) on a Russian project of test texts: blind to case and to ё/е."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.records.dataset import load_dataset
from dashboard.tables.display import source_credit
from dashboard.tables.frames import observations_frame
from dashboard.views.overview import FILTER_KEYS, apply_filters
from tests.helpers import FIXTURES, REPO


@pytest.fixture(scope="module")
def frame():
    return observations_frame(load_dataset(FIXTURES / "ru_project"))


@pytest.mark.parametrize("query", ["растет", "РАСТЁТ", "Дефицит бюджета растёт"])
def test_the_search_finds_russian_words_whatever_their_case_and_yo(frame, query):
    found = apply_filters(frame, [], [], query)
    assert "Дефицит бюджета растет уже третий год подряд" in set(found["quote"])


def test_the_search_still_finds_english_words_and_nothing_that_is_not_there(frame):
    assert apply_filters(frame, [], [], "zzz-not-there").empty
    assert len(apply_filters(frame, [], [], "")) == len(frame)


def test_the_source_filter_lists_texts_in_order_of_publication(monkeypatch):
    monkeypatch.setenv("DASHBOARD_ROOT", str(REPO))
    at = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=60).run()
    data = load_dataset(REPO)
    ordered = sorted(data.sources.values(), key=lambda s: (s.published, s.id))
    assert at.multiselect(key=FILTER_KEYS["source"]).options == [source_credit(s, data.sources) for s in ordered]


def test_a_tile_whose_latest_figure_another_text_contradicts_says_so(monkeypatch, tmp_path):
    from tests.views.test_indicator import disagreeing

    monkeypatch.setenv("DASHBOARD_ROOT", str(disagreeing(tmp_path, "nwf_liquid_assets")))
    at = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=60).run()
    assert not at.exception
    tiles = [m.value for m in at.markdown]
    said = r":orange[another text gives 35\.7 billion dollars \(The Ledger\)]"
    assert any(t.endswith("\n\n" + said) for t in tiles), tiles
