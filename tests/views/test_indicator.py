"""The Indicator page: the list with none chosen, the close match of a mistyped id, tables that fit at 1280, the
series chart and its quotes, and figures that disagree."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import FIXTURES, REPO
from tests.views.tables import tables

APP = str(REPO / "dashboard" / "app.py")


def unescape(text: str) -> str:
    """Markdown backslash escapes removed: what the reader sees."""
    return re.sub(r"\\(.)", r"\1", text)


def observations(at: AppTest):
    """The observations table as the reader reads it (a Markdown table)."""
    return tables(at)[0].map(str)


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


def disagreeing(tmp_path, indicator_id: str = "nwf_liquid_assets_usd"):
    """The disagreement test project with the Courier's $31 billion for May against the Ledger's $35.7 billion."""
    import shutil

    from tests.helpers import FIXTURES

    root = tmp_path / "disagree_project"
    shutil.copytree(FIXTURES / "disagree_project", root)
    text = (FIXTURES / "disagree_invalid" / "texts-disagree.yaml").read_text(encoding="utf-8")
    (root / "indicators.yaml").write_text(text.replace("nwf_liquid_assets_usd", indicator_id), encoding="utf-8")
    return root


def test_the_findings_table_marks_each_figure_of_a_pair_that_disagrees(monkeypatch, tmp_path):
    at = indicator_page(monkeypatch, disagreeing(tmp_path), indicator="nwf_liquid_assets_usd")
    assert not at.exception
    table = observations(at)
    assert list(table.columns[:6]) == ["Value", "Status", "Period", "Trend", "Source", "Another text gives"]
    rows = table["Source"] + " " + table["Period"] + " " + table["Value"]
    marks = dict(zip(rows, table["Another text gives"], strict=True))
    assert marks["The Ledger, 2 Jun 2025 May 2025 35.7 billion dollars"] == "31 billion dollars (The Courier)"
    assert marks["The Courier, 3 Jun 2025 May 2025 31 billion dollars"] == "35.7 billion dollars (The Ledger)"
    assert marks["The Courier, 3 Jun 2025 May 2025 about 33 billion dollars"] == ""


def test_an_indicator_with_no_disagreement_has_no_such_column(monkeypatch):
    from tests.helpers import FIXTURES

    at = indicator_page(monkeypatch, FIXTURES / "disagree_project", indicator="nwf_liquid_assets_usd")
    assert "Another text gives" not in observations(at).columns


def test_a_qualitative_finding_has_its_words_under_status_and_no_value(monkeypatch):
    at = indicator_page(monkeypatch, REPO, indicator="living_standards")
    assert not at.exception
    table = observations(at)
    assert (table["Value"].tolist(), table["Status"].tolist()) == ([""], ["falling"])
    assert table["Note"].tolist() == ["Said by an anonymous Russian official."]


def test_the_observations_are_a_static_table_of_every_column_with_their_meaning_below(monkeypatch):
    from dashboard.views.indicator import COLUMN_HELP

    at = indicator_page(monkeypatch, REPO, indicator="consumer_price_growth")
    assert not at.dataframe, "a static table, not the data grid (its code was the page's last wait)"
    table = observations(at)
    # NOTE: the texts-disagree column is there only beside a figure in an unsettled texts-disagree.
    assert list(table.columns) == ["Value", "Status", "Period", "Trend", "Source", "Line", "Note", "Derived"]
    assert table["Value"].iloc[0] and table["Status"].tolist() == [""], "a figure with no status words"
    assert table["Source"].iloc[0].startswith("The Washington Post (news)"), "the cells read as plain text"
    assert COLUMN_HELP in [c.value for c in at.caption]


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
    links = {unescape(link.proto.label): link.proto.query_string for link in at.get("page_link")}
    assert links["Reported by 3 texts →"] == "indicator=key_rate"


def test_a_choice_in_the_box_goes_to_its_url_and_back_to_the_old_url_shows_the_old_indicator(monkeypatch, project):
    at = indicator_page(monkeypatch, project, indicator="key_rate")
    at.selectbox[0].select("official_inflation").run()
    assert at.query_params["indicator"] == "official_inflation"
    assert [t.value for t in at.title] == ["Official inflation"]
    # Back: the browser puts the old URL back and the page reruns on it; the box must not hold the old choice.
    at.query_params["indicator"] = "key_rate"
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Key rate"]
    assert at.query_params["indicator"] == "key_rate"
    assert at.selectbox[0].value == "key_rate"
