"""The curator's translations on every page that shows a Russian quote or title (test texts), always marked as theirs:
the Indicator page under the quote, the Findings table, the Sources page; and none shown where there is none."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.views.overview import FINDINGS_TAB, TAB_KEY
from tests.helpers import FIXTURES, REPO, filtered

APP = str(REPO / "dashboard" / "app.py")
NWF = "The fund's liquid assets stood at 3.394 trillion roubles on 1 January."
TITLE = "The Finance Ministry sums up the year's budget"


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def page(monkeypatch, root: Path, view: str | None = None, **params: str) -> AppTest:
    monkeypatch.setenv("DASHBOARD_ROOT", str(root))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(view).run() if view else at


@pytest.fixture
def untranslated(tmp_path: Path) -> Path:
    """The Russian project with the fund's quote left untranslated (ru_invalid/untranslated-quote.yaml)."""
    root = tmp_path / "ru"
    shutil.copytree(FIXTURES / "ru_project", root)
    shutil.copy(FIXTURES / "ru_invalid" / "untranslated-quote.yaml", root / "indicators.yaml")
    return root


def test_the_indicator_page_shows_the_translation_under_the_quote_marked_as_the_curators(monkeypatch):
    at = page(monkeypatch, FIXTURES / "ru_project", "views/indicator.py", indicator="nwf_liquid_assets")
    assert not at.exception
    shown = [unescape(m.value) for m in at.markdown]
    quote = next(n for n, m in enumerate(shown) if "Объём ликвидных активов фонда" in m)
    assert shown[quote + 1] == f":gray[*Curator's translation, not checked against the text:*] {NWF}"
    caption = next(unescape(c.value) for c in at.caption if "Минфин" in c.value)
    assert caption.startswith(f"**Минфин подвёл итоги исполнения бюджета за год (curator's translation: {TITLE})**")


def test_a_quote_with_no_translation_shows_none(monkeypatch, untranslated: Path):
    at = page(monkeypatch, untranslated, "views/indicator.py", indicator="nwf_liquid_assets")
    assert not at.exception
    assert not any("translation" in m.value and "gray" in m.value for m in at.markdown)
    # a source with no title_translation shows its title alone
    other = page(monkeypatch, untranslated, "views/indicator.py", indicator="key_rate")
    caption = next(unescape(c.value) for c in other.caption if "Банк России" in c.value)
    assert caption.startswith("**Банк России снизил ключевую ставку и предупредил о рисках** · ")


def test_the_findings_table_has_the_translation_in_its_own_column(monkeypatch, untranslated: Path):
    at = page(monkeypatch, untranslated)
    at.session_state[TAB_KEY] = FINDINGS_TAB
    table = at.run().dataframe[0].value
    assert "Curator's translation" in table.columns
    by_id = dict(zip(table["Id"], table["Curator's translation"], strict=True))
    assert by_id["key_rate"] == "cut the key rate by 100 basis points, to 17% a year"
    assert pd.isna(by_id["nwf_liquid_assets"])


def test_the_findings_search_reads_the_translation(monkeypatch):
    at = page(monkeypatch, FIXTURES / "ru_project", q="record losses")
    assert [i.value for i in at.info] == [filtered(1, 10)]


def test_the_sources_page_gives_the_title_translation_marked(monkeypatch):
    at = page(monkeypatch, FIXTURES / "ru_project", "views/sources.py", source="budget-2026-01")
    text = "\n".join(unescape(m.value) for m in at.markdown)
    assert f"**Title, curator's translation:** {TITLE} *(not checked against the text)*" in text
    other = page(monkeypatch, FIXTURES / "ru_project", "views/sources.py", source="rate-2026-02")
    assert "curator's translation" not in "\n".join(m.value for m in other.markdown)
