"""The Sources page on a Russian project (test texts): its language, stated or detected, and a search of the text
that finds Russian words whatever their case and ё/е."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.views.sources import find_passages
from tests.helpers import FIXTURES, REPO

APP = str(REPO / "dashboard" / "app.py")


def sources_page(monkeypatch, source: str) -> AppTest:
    monkeypatch.setenv("DASHBOARD_ROOT", str(FIXTURES / "ru_project"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["source"] = source
    at.run()
    return at.switch_page("views/sources.py").run()


@pytest.mark.parametrize(
    ("source", "said"),
    [("budget-2026-01", "Russian (ru, stated in data/sources.yaml)"), ("rate-2026-02", "Russian (ru, detected from")],
)
def test_the_sources_page_says_the_language_and_how_it_is_known(monkeypatch, source, said):
    at = sources_page(monkeypatch, source)
    assert not at.exception
    assert said in "".join(m.value for m in at.markdown)


@pytest.mark.parametrize("query", ["ОБЪЕМ", "объём", "Объем ликвидных"])
def test_a_search_of_the_text_ignores_case_and_yo(query):
    text = "Заголовок\nОбъём ликвидных активов фонда вырос.\nИ снова объем.\n"
    found = find_passages(text, query)
    assert found[0] == (2, 0, len(query))
    if query != "Объем ликвидных":
        assert [line for line, *_ in found] == [2, 3]


def test_the_page_lists_and_counts_what_the_search_finds(monkeypatch):
    at = sources_page(monkeypatch, "budget-2026-01")
    at.text_input(key="source_find").input("ОБЪЕМ").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any(c.startswith("2 matches for ‘ОБЪЕМ’") for c in captions), captions
    assert any(":blue-background[Объём]" in m.value for m in at.markdown)


def test_the_sources_page_says_what_kind_of_text_it_is(monkeypatch):
    monkeypatch.setenv("DASHBOARD_ROOT", str(FIXTURES / "project"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["source"] = "gazette-2025-05"
    at.run()
    page = at.switch_page("views/sources.py").run()
    shown = page.markdown[0].value
    assert r"**Kind:** news \(a news outlet\'s report\)  " in shown, shown
    other = sources_page(monkeypatch, "budget-2026-01")
    assert "**Kind:** not stated in data/sources.yaml  " in other.markdown[0].value
