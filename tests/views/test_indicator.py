"""The Indicator page: the list with none chosen, the close match of a mistyped id, the series chart and its quotes."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import FIXTURES, REPO

APP = str(REPO / "dashboard" / "app.py")


def unescape(text: str) -> str:
    """Markdown backslash escapes removed: what the reader sees."""
    return re.sub(r"\\(.)", r"\1", text)


def indicator_page(monkeypatch, project, **params: str) -> AppTest:
    monkeypatch.setenv("DASHBOARD_ROOT", str(project))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page("views/indicator.py").run()


def test_with_nothing_chosen_every_indicator_is_listed_by_category(monkeypatch, project):
    at = indicator_page(monkeypatch, project)
    assert not at.exception
    assert [t.value for t in at.title] == ["Indicators"]
    assert [s.value for s in at.subheader] == ["Prices", "Monetary", "Energy"]
    links = [(link.proto.label, link.proto.query_string) for link in at.get("page_link")]
    assert ("Key rate", "indicator=key_rate") in links, links


def test_a_mistyped_id_is_answered_with_the_close_match(monkeypatch, project):
    at = indicator_page(monkeypatch, project, indicator="key_rat")
    assert not at.exception
    assert [e.value for e in at.error] == [
        "No indicator with the id ‘key\\_rat’. Did you mean ‘Key rate’ (`key_rate`)? Choose one below."
    ]


@pytest.fixture
def series_project(tmp_path):
    """A writable copy of the series test project (test texts: seven key-rate figures from three texts)."""
    root = tmp_path / "series"
    shutil.copytree(FIXTURES / "series_project", root)
    return root


def test_the_series_chart_draws_every_figure_and_a_tile_counts_the_texts(monkeypatch, series_project):
    at = indicator_page(monkeypatch, series_project, indicator="key_rate")
    assert not at.exception
    (chart,) = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    assert spec["title"]["text"] == "Key rate over time"
    assert spec["title"]["subtitle"][0] == "7 figures from 3 texts, each in the period it describes (%)"
    assert "Click a mark to read its quote just below; hover over it for its source, period and hedge." in [
        c.value for c in at.caption
    ]
    assert [s.value for s in at.subheader] == ["Observations", "Where the texts say it"]


def test_a_clicked_mark_puts_its_quote_first(monkeypatch, series_project):
    at = indicator_page(monkeypatch, series_project, indicator="key_rate", record="key_rate:32")
    assert not at.exception
    assert [s.value for s in at.subheader] == ["Observations", "The quote you clicked", "The other quotes"]
    quotes = [m.value for m in at.markdown if ":orange-background[" in m.value]
    assert "In June the rate was 18 percent, by our count." in unescape(quotes[0]), quotes[0]
    assert len(quotes) == 7


def test_the_overview_tile_says_how_many_texts_report_it(monkeypatch, series_project):
    monkeypatch.setenv("DASHBOARD_ROOT", str(series_project))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.button(key="tile-key_rate").label == "Reported by 3 texts →"
