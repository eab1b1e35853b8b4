"""The app run headless with AppTest on every page: what the reader sees, with good, broken and hostile data."""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboard.charts import specs
from dashboard.curation.candidates import survey
from dashboard.export import deck, images, preview
from dashboard.export.headlines import HEADLINE_IDS
from dashboard.records.dataset import load_dataset
from dashboard.tables.display import MARKS_SHORT, source_credit
from dashboard.tables.downloads import EXPORT_COLUMNS
from dashboard.views.briefing import briefing_images
from dashboard.views.overview import CHART_TABS, FINDINGS_TAB, TAB_KEY, TABLE_ROWS, TILE_KEY
from dashboard.views.shared import PREVIEW_ALT
from tests.helpers import FIXTURES, PAYLOAD, REPO, filtered, payload_indicator
from tests.views.tables import tables

APP = str(REPO / "dashboard" / "app.py")
REAL_ROOT = REPO
TIMEOUT = 60


def open_tab(at: AppTest, label: str) -> AppTest:
    """The Overview with the tab `label` open, as a click on it does."""
    at.session_state[TAB_KEY] = label
    return at.run()


def chart_titles(at: AppTest) -> list[str]:
    """The title of every chart drawn on the page, read from its Vega-Lite spec."""
    return [json.loads(chart.proto.spec)["title"]["text"] for chart in at.get("vega_lite_chart")]


def unescape(text: str) -> str:
    """Markdown backslash escapes removed: what the reader sees."""
    return re.sub(r"\\(.)", r"\1", text)


def start(monkeypatch, root: Path, **params: str) -> AppTest:
    """The app pointed at `root`, run once with `params` in the URL."""
    monkeypatch.setenv("DASHBOARD_ROOT", str(root))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def tile_lines(at: AppTest) -> list[list[str]]:
    """Each headline tile's paragraphs in the page's order, unescaped: label, value, period and credit, warnings."""
    boxes = [block for block in at.container if (block.key or "").startswith(TILE_KEY)]
    return [[unescape(line) for line in box.markdown[0].value.split("\n\n")] for box in boxes]


def tile_pairs(at: AppTest) -> list[tuple[str, str]]:
    """Headline tiles as (label, value) in the page's order, unescaped: the first two paragraphs of each tile."""
    return [(lines[0], lines[1]) for lines in tile_lines(at)]


def tiles(at: AppTest) -> dict[str, str]:
    """Headline tiles as {label: value}, unescaped."""
    return dict(tile_pairs(at))


def all_markdown(at: AppTest) -> list[str]:
    """The source of every Markdown element on the page, captions included."""
    return [m.value for m in at.markdown] + [c.value for c in at.caption]


@pytest.fixture
def downloads(monkeypatch) -> dict[str, Callable[[], bytes | str]]:
    """File name → the callable a download button runs on click, recorded as the page registers it."""
    found: dict[str, Callable[[], bytes | str]] = {}
    register = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        found[file_name] = data_callable
        return register(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return found


def downloaded_csv(downloads: dict, name: str) -> pd.DataFrame:
    """The CSV the button named `name` gives, read back as text cells."""
    content = downloads[name]()
    return pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)


def test_overview_tiles_show_value_period_and_credit(monkeypatch, project):
    at = start(monkeypatch, project)
    assert not at.exception
    assert tiles(at) == {
        "Official inflation": "nearly 10%",
        "Key rate": "21%",
        "sberbank_overdue_consumer_loans": "not available",
        "nwf_liquid_assets": "not available",
        "Gazprom losses": "record losses",
    }
    captions = [unescape(c.value) for c in at.caption]
    # NOTE: the two dates are labelled, the hedge is a word, and what each mark means is said once on the page.
    assert [lines[2] for lines in tile_lines(at) if len(lines) > 2] == [
        "Period May 2025 · The Gazette (news), published 2 May 2025"
    ] * 2 + ["Period 2025 · The Gazette (news), published 2 May 2025"]
    assert captions[0].endswith(f"4 verified findings from 2 stored texts · data as of ~3 May 2025 · {MARKS_SHORT}")
    assert [unescape(p.label) for p in at.sidebar.page_link if "Data quality" in p.label] == [
        "Data quality: no problems"
    ]


def test_sidebar_says_when_the_data_was_loaded_not_when_the_page_reran(monkeypatch, project):
    at = start(monkeypatch, project)
    first = [c.value for c in at.sidebar.caption]
    time.sleep(1.1)
    at.run()
    assert [c.value for c in at.sidebar.caption] == first
    assert re.search(r"data as of ~3 May 2025 · loaded \d\d:\d\d:\d\d;", unescape(first[0]))


def test_real_data_shows_every_headline_tile_with_a_figure_and_a_credit(monkeypatch):
    at = start(monkeypatch, REAL_ROOT)
    assert not at.exception
    data = load_dataset(REAL_ROOT)
    names = {ind.id: ind.name for ind in data.indicators}
    shown = tile_pairs(at)
    assert [label for label, _ in shown] == [names[i] for i in HEADLINE_IDS]
    assert all(value and value != "not available" for _, value in shown), shown
    credits = {source_credit(s, data.sources, lead="published ") for s in data.sources.values()}
    tile_captions = [lines[2] for lines in tile_lines(at)]
    assert [c.rsplit(" · ", 1)[1] in credits for c in tile_captions] == [True] * len(HEADLINE_IDS), tile_captions
    # NOTE: a change says what it is measured from; the hedge is the text's word.
    assert dict(shown)["National Welfare Fund liquid assets"] == "about −60%"
    assert tile_captions[3] == (
        "change since Feb 2022 · Period Feb 2022 – Feb 2025 · Foreign Policy (analysis), published 24 Feb 2025"
    )


def test_filters_are_read_from_the_url(monkeypatch, project):
    at = start(monkeypatch, project, category="monetary", q="retelling")
    assert at.multiselect(key="category").value == ["monetary"]
    assert at.text_input(key="q").value == "retelling"
    assert [i.value for i in at.info] == [filtered(1, 4)]
    assert not at.dataframe, "the findings table is drawn only when its tab is open"
    open_tab(at, FINDINGS_TAB)
    table = at.dataframe[0].value
    assert table["Id"].tolist() == ["key_rate"]
    assert table["Source"].tolist() == ["retelling of The Gazette, ~3 May 2025"]
    at.text_input(key="q").input("percent").run()
    # The browser, not the server, writes a bound widget's value into the URL (tests/browser/ checks it there).
    assert at.text_input(key="q").value == "percent"
    assert [i.value for i in at.info] == [filtered(2, 4)]


def test_a_filter_that_matches_nothing_draws_charts_without_a_click_selection(monkeypatch, project):
    at = start(monkeypatch, project, q="no such words")
    assert not at.exception
    assert [i.value for i in at.info] == [filtered(0, 4)]
    for label in CHART_TABS.values():
        open_tab(at, label)
        assert not at.exception
        (chart,) = at.get("vega_lite_chart")
        assert "params" not in json.loads(chart.proto.spec), label


def test_while_a_filter_is_on_each_tab_names_its_count_and_the_tiles_are_said_not_to_be_filtered(monkeypatch, project):
    at = start(monkeypatch, project, category="monetary", tab="Corroboration")
    assert [t.label for t in at.tabs] == [
        "Rates vs prices (2)",
        "Financial stress (0)",
        "Sanctions threats (0)",
        "Reporting timeline (2)",
        "Corroboration (2)",
        "Findings (2)",
    ]
    assert [i.value for i in at.info] == [filtered(2, 4)]
    assert "The headline tiles above are not filtered." in at.info[0].value
    assert chart_titles(at) == ["Corroboration: who else says so?"], "a link's tab name opens its counted tab"
    at.multiselect(key="category").set_value([]).run()
    assert [t.label for t in at.tabs] == [*CHART_TABS.values(), FINDINGS_TAB], "no count while nothing is filtered"
    assert chart_titles(at) == ["Corroboration: who else says so?"], "the open tab stays open as its label changes"
    assert not at.info


#: Streamlit's test for an emoji code in Markdown (its frontend's StreamlitMarkdown): a match fetches 260 KB of emoji.
EMOJI_CODE = re.compile(r":(?!material/|streamlit:)[\w+-][\w_+-]*:")


def test_no_text_on_a_page_reads_as_an_emoji_code(monkeypatch, project):
    at = start(monkeypatch, project)
    texts = [e.value for e in [*at.markdown, *at.caption, *at.sidebar.caption, *at.title]]
    assert len(texts) > 5 and [t for t in texts if EMOJI_CODE.search(t)] == []
    assert re.search(r"loaded \d\d\\:\d\d\\:\d\d;", at.sidebar.caption[0].value)


def test_only_the_open_tab_is_drawn_and_the_url_names_it(monkeypatch, project):
    assert list(CHART_TABS) == list(specs.OVERVIEW_CHARTS), "every Overview chart has its tab"
    at = start(monkeypatch, project)
    assert chart_titles(at) == ["Rates against prices"]
    assert not at.dataframe and not at.selectbox
    open_tab(at, "Corroboration")
    assert chart_titles(at) == ["Corroboration: who else says so?"]
    shared = start(monkeypatch, project, tab="Financial stress")
    assert chart_titles(shared) == ["Financial stress by category"]
    findings = start(monkeypatch, project, tab=FINDINGS_TAB)
    assert chart_titles(findings) == [] and len(findings.dataframe[0].value) == 4
    assert findings.selectbox(key="overview-open").label == "Open an indicator"


def previews(at: AppTest) -> list[str]:
    """The SVG text of every server-drawn chart preview on the page (a Markdown image of a data URL)."""
    image = re.compile(rf"!\[{re.escape(PREVIEW_ALT)}\]\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)")
    found = [image.fullmatch(m.value) for m in at.markdown if m.value.startswith("![")]
    assert all(found), "every Markdown image on the page is a preview"
    return [base64.b64decode(match.group(1)).decode("utf-8") for match in found]


def test_a_browser_tabs_first_chart_comes_with_its_server_drawn_preview(monkeypatch, project):
    preview.warm_up().join(timeout=60)
    at = start(monkeypatch, project)
    (drawn,) = previews(at)
    assert "Rates against prices" in drawn and "Sources: The Gazette (news), 2 May 2025" in drawn
    assert chart_titles(at) == ["Rates against prices"], "the live chart is sent too"
    at.run()
    assert previews(at) == [] and chart_titles(at) == ["Rates against prices"]
    open_tab(at, "Corroboration")
    assert previews(at) == [], "vega-embed is loaded by now: no preview"
    shared = start(monkeypatch, project, tab="Corroboration")
    assert ["Corroboration: who else says so?" in svg for svg in previews(shared)] == [True]
    on_indicator = start(monkeypatch, project, indicator="key_rate")
    # NOTE: two texts give the key rate for May 2025, so its page draws the series, its preview first.
    assert ["Key rate over time" in svg for svg in previews(on_indicator)] == [True]


def test_the_indicator_pages_first_chart_comes_with_its_preview_too(monkeypatch):
    preview.warm_up().join(timeout=60)
    at = start(monkeypatch, REAL_ROOT, indicator="graham_bill_tariff")
    assert not at.exception
    (drawn,) = previews(at)
    (title,) = chart_titles(at)
    assert title.startswith("Threatened US tariff") and "Threatened US tariff" in drawn
    at.run()
    assert previews(at) == [] and chart_titles(at) == [title], "vega-embed is loaded by now: no preview"


def test_no_page_waits_for_a_preview_while_vl_convert_is_starting(monkeypatch, project):
    monkeypatch.setattr(preview, "ready", lambda: False)
    at = start(monkeypatch, project)
    assert previews(at) == [] and chart_titles(at) == ["Rates against prices"]


def test_a_chart_vl_convert_cannot_draw_is_shown_live_without_a_preview(monkeypatch, project, caplog):
    preview.warm_up().join(timeout=60)
    monkeypatch.setattr(preview, "draw", lambda spec: (_ for _ in ()).throw(preview.PreviewError("refused: test")))
    at = start(monkeypatch, project, tab="Corroboration")
    assert not at.exception
    assert previews(at) == [] and chart_titles(at) == ["Corroboration: who else says so?"]
    assert "refused: test" in caplog.text


def test_a_filtered_link_without_a_tab_opens_the_first_chart_with_findings(monkeypatch, project):
    at = start(monkeypatch, project, category="energy")
    assert chart_titles(at) == ["Financial stress by category"]
    at.multiselect(key="category").set_value(["monetary"]).run()
    assert chart_titles(at) == ["Financial stress by category"], "the open tab stays put as the filters change"
    assert chart_titles(start(monkeypatch, project, category="energy", tab="Corroboration")) == [
        "Corroboration: who else says so?"
    ]
    assert chart_titles(start(monkeypatch, project)) == ["Rates against prices"]


def test_a_changed_checksum_file_reloads_the_page(monkeypatch, project):
    at = start(monkeypatch, project)
    assert tiles(at)["Key rate"] == "21%"
    (project / "data" / "seeds.sha256").write_text(f"{'0' * 64}  seeds/sample.txt\n", "utf-8")
    at.run()
    assert not at.exception
    assert tiles(at)["Key rate"] == "21%"  # the retelling's figure still stands
    assert tiles(at)["official_inflation"] == "not available"
    assert [unescape(p.label) for p in at.sidebar.page_link if "Data quality" in p.label] == ["Data quality: 4 errors"]


def test_overview_csv_carries_each_findings_provenance(monkeypatch, project, downloads):
    at = start(monkeypatch, project, category="prices", tab=FINDINGS_TAB)
    assert not at.exception
    table = downloaded_csv(downloads, "findings.csv")
    assert table.columns.tolist() == EXPORT_COLUMNS
    assert table.to_dict("records") == [
        {
            "indicator_id": "official_inflation",
            "indicator": "Official inflation",
            "category": "prices",
            "value": "10",
            "unit": "%",
            "stated_unit": "%",
            "indicator_value": "10",
            "qualifier": "nearly",
            "status": "",
            "shown": "nearly 10%",
            "period": "2025-05",
            "period_basis": "stated",
            "trend": "",
            "derived": "no",
            "derived_how": "",
            "note": "",
            "independent": "yes",
            "source": "gazette-2025-05",
            "source_kind": "news",
            "source_title": "Sample Gazette",
            "title_translation_by_curator": "",
            "title_basis": "stated",
            "publisher": "The Gazette",
            "reports": "",
            "retells": "",
            "published": "2025-05-02",
            "published_basis": "stated",
            "published_reason": "",
            "credit": "The Gazette (news), 2 May 2025",
            "quote": 'inflation "officially at nearly 10 percent" - a level',
            "translation_by_curator": "",
            "quote_line": "2",
            "quote_start": "82",
            "quote_end": "135",
            "source_file": "seeds/sample.txt",
            "language": "en",
            "yaml_line": "25",
            "verified": "yes",
            # NOTE: no cadence is set in the test project; the suite's day (2025-03-15) is before May 2025 ends.
            "update_period_days": "",
            "age_days": "0",
            "stale": "no",
            # NOTE: the whole dataset's as-of, not the filtered rows': the same row reads the same in every CSV.
            "as_of": "~3 May 2025",
        }
    ]


def test_every_table_written_has_one_schema_and_the_same_graham_bill_row(monkeypatch, downloads):
    start(monkeypatch, REAL_ROOT, tab=FINDINGS_TAB)
    findings = downloaded_csv(downloads, "findings.csv")
    start(monkeypatch, REAL_ROOT, indicator="graham_bill_tariff")
    indicator = downloaded_csv(downloads, "graham_bill_tariff.csv")
    done = subprocess.run([sys.executable, "-m", "dashboard", "data"], capture_output=True, text=True, cwd=REPO)
    cli = pd.read_csv(io.StringIO(done.stdout), dtype=str, keep_default_na=False)
    assert findings.columns.tolist() == indicator.columns.tolist() == cli.columns.tolist() == EXPORT_COLUMNS

    def graham(table: pd.DataFrame) -> list[dict]:
        return table[table["indicator_id"] == "graham_bill_tariff"].sort_values("yaml_line").to_dict("records")

    assert graham(findings) == graham(indicator) == graham(cli)
    rows = graham(cli)
    assert [(r["value"], r["qualifier"], r["as_of"]) for r in rows] == [
        ("500", "exact", "~4 Aug 2025"),
        ("500", "exact", "~4 Aug 2025"),
        ("", "", "~4 Aug 2025"),  # no number, so no qualifier
    ]
    assert cli.loc[cli["indicator_id"] == "conscription_draft", "value"].tolist() == ["160000"]
    for flag in ("derived", "independent", "verified"):
        assert set(cli[flag]) <= {"yes", "no"}, flag


@pytest.mark.parametrize("name", ["findings.csv", "budget_deficit.csv"])
def test_a_russian_csv_gives_the_curators_translations_beside_quote_and_title(monkeypatch, downloads, name):
    params = {"tab": FINDINGS_TAB} if name == "findings.csv" else {"indicator": "budget_deficit"}
    at = start(monkeypatch, FIXTURES / "ru_project", **params)
    assert not at.exception
    table = downloaded_csv(downloads, name)
    row = table[table["quote"] == "в 2026 г. дефицит составит около 3,4 трлн руб."].iloc[0]
    assert row["translation_by_curator"] == "in 2026 the deficit will be about 3.4 trillion roubles."
    assert row["source_title"] == "Минфин подвёл итоги исполнения бюджета за год"
    assert row["title_translation_by_curator"] == "The Finance Ministry sums up the year's budget"


def test_indicator_csv_has_each_quote_and_the_retellings_inferred_date(monkeypatch, project, downloads):
    at = start(monkeypatch, project, indicator="key_rate")
    assert not at.exception
    table = downloaded_csv(downloads, "key_rate.csv")
    assert table.columns.tolist() == EXPORT_COLUMNS
    picked = table[["source", "quote", "published", "published_basis", "published_reason", "retells", "as_of"]]
    assert picked.to_dict("records") == [
        {
            "source": "gazette-2025-05",
            "quote": "held its key rate at 21 percent",
            "published": "2025-05-02",
            "published_basis": "stated",
            "published_reason": "",
            "retells": "",
            "as_of": "~3 May 2025",
        },
        {
            "source": "retold-2025-05",
            "quote": "the key rate is 21 percent",
            "published": "2025-05-03",
            "published_basis": "inferred",
            "published_reason": "A day after the text it retells.",
            "retells": "gazette-2025-05",
            "as_of": "~3 May 2025",
        },
    ]
    assert table["independent"].tolist() == ["yes", "no"]


def test_a_formula_in_the_data_reaches_the_csv_as_text(monkeypatch, project, downloads):
    path = project / "indicators.yaml"
    formula = '=HYPERLINK("http://x.example","open")'
    text = path.read_text("utf-8").replace(
        'quote: "held its key rate at 21 percent"',
        f"quote: \"held its key rate at 21 percent\"\n        note: '{formula}'",
    )
    path.write_text(text, "utf-8")
    at = start(monkeypatch, project, indicator="key_rate")
    assert not at.exception
    assert downloaded_csv(downloads, "key_rate.csv")["note"].tolist() == ["'" + formula, ""]


def test_chart_downloads_are_the_exports_images(monkeypatch, project, downloads):
    at = start(monkeypatch, project)
    assert not at.exception
    open_tab(at, CHART_TABS["reporting-timeline"])
    data = load_dataset(project)
    for fmt in ("png", "svg"):
        exported = {image.name: image.content for image in images.build_images(data, fmt)}
        for name in ("rates-prices", "reporting-timeline"):
            assert downloads[f"{name}.{fmt}"]() == exported[f"{name}.{fmt}"], f"{name}.{fmt}"


def test_indicator_link_shows_the_quote_highlighted_in_its_paragraph(monkeypatch, project):
    at = start(monkeypatch, project, indicator="key_rate")
    assert not at.exception
    assert [t.value for t in at.title] == ["Key rate"]
    shown = all_markdown(at)
    assert (
        r"The central bank :orange-background[held its key rate at 21 percent] on Friday\, citing inflation "
        r"“officially at nearly 10 percent” — a level it called dangerous\." in shown
    )
    assert r"According to the Gazette\, :orange-background[the key rate is 21 percent]\." in shown
    captions = [unescape(c.value) for c in at.caption]
    assert "**Sample Gazette** · The Gazette (news), 2 May 2025 · line 2" in captions
    assert (
        "**A retelling (title supplied by the curator)** · retelling of The Gazette, "
        "~3 May 2025 (date inferred: A day after the text it retells.) · line 2" in captions
    )


ELIDED = """
  - id: elided_rate
    name: Elided rate
    category: monetary
    unit: "%"
    higher_is: worse
    description: A quote with a part left out.
    observations:
      - value: 21
        period: 2025-06
        source: gazette-2025-05
        quote: "The central bank held its key rate at 21 percent … citing inflation"
"""


def test_an_elided_quote_highlights_only_its_pieces(monkeypatch, project):
    with (project / "indicators.yaml").open("a", encoding="utf-8") as out:
        out.write(ELIDED)
    at = start(monkeypatch, project, indicator="elided_rate")
    assert not at.exception
    assert (
        r":orange-background[The central bank held its key rate at 21 percent] on Friday\, "
        r":orange-background[citing inflation] “officially at nearly 10 percent” — a level it called dangerous\."
        in all_markdown(at)
    )
    at.switch_page("views/sources.py").run()
    text = "".join(all_markdown(at))
    # NOTE: key_rate's quote is the first piece's end and official_inflation's overlaps the second, so each merges;
    # the elided quote's link follows its last piece only, and what its "…" left out stays unmarked.
    assert (
        r":orange-background[The central bank held its key rate at 21 percent] (→ [Key rate](/indicator?indicator="
        r"key_rate)) on Friday\, :orange-background[citing inflation “officially at nearly 10 percent” — a level] "
        r"(→ [Elided rate](/indicator?indicator=elided_rate), [Official inflation](/indicator?indicator="
        r"official_inflation)) it called dangerous\." in text
    )


def test_overview_table_shows_the_first_rows_and_the_csv_all_of_them(monkeypatch, project, downloads):
    extra = "".join(
        f"      - value: 21\n        period: 2024-{1 + n % 12:02d}\n        source: gazette-2025-05\n"
        '        quote: "held its key rate at 21 percent"\n'
        for n in range(TABLE_ROWS)
    )
    text = (project / "indicators.yaml").read_text("utf-8")
    anchor = '        quote: "the key rate is 21 percent"\n'
    (project / "indicators.yaml").write_text(text.replace(anchor, anchor + extra), "utf-8")
    at = start(monkeypatch, project)
    assert not at.exception
    open_tab(at, FINDINGS_TAB)
    assert len(at.dataframe[0].value) == TABLE_ROWS
    total = TABLE_ROWS + 4
    assert (
        f"Showing the first {TABLE_ROWS} of {total} findings; refine the filters, or download the CSV for all of them."
        in [c.value for c in at.caption]
    )
    assert len(downloaded_csv(downloads, "findings.csv")) == total


def test_sources_and_quality_pages(monkeypatch, project):
    at = start(monkeypatch, project)
    at.switch_page("views/sources.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Sources"]
    assert (
        ":orange-background[held its key rate at 21 percent] (→ [Key rate](/indicator?indicator=key_rate))"
        in "".join(all_markdown(at))
    )
    at.switch_page("views/quality.py").run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "No problems: 4 observations verified against 2 stored texts (3 indicators)."
    ]


def test_a_passage_quoted_by_several_indicators_links_to_each(monkeypatch):
    at = start(monkeypatch, REAL_ROOT, source="wapo-2025-05")
    at.switch_page("views/sources.py").run()
    assert not at.exception
    text = "".join(all_markdown(at))
    passage = _escaped("have led to spiraling inflation — officially at nearly 10 percent — while consumer price")
    found = re.search(re.escape(passage) + r"[^\]]*\] \(→ ([^\n]*?)\)(?: |$|\n)", text)
    assert found, "the official inflation sentence is not highlighted"
    linked = re.findall(r"\]\(/indicator\?indicator=([a-z0-9_]+)\)", found[1])
    assert {"official_inflation", "consumer_price_growth"} <= set(linked)
    assert len(linked) == len(set(linked))


def test_quality_page_shows_coverage_and_a_ready_record_per_candidate(monkeypatch, project):
    at = start(monkeypatch, project)
    at.switch_page("views/quality.py").run()
    assert not at.exception
    expected = survey(load_dataset(project))
    cov = expected.coverage
    counted = cov.mentions - cov.dismissed
    said = f"**{cov.share:.0%}** of the figure mentions are cited by a record: {cov.covered:,} of {counted:,}"
    assert any(m.value.startswith(said) for m in at.markdown), [m.value for m in at.markdown]
    coverage = tables(at)[-1]
    # NOTE: the texts with the most mentions left to cite come first.
    by_text = sorted(expected.coverage.sources, key=lambda s: -s.candidates)
    assert coverage["source"].tolist() == [s.source for s in by_text]
    assert sorted(coverage["source"]) == ["gazette-2025-05", "retold-2025-05"]
    assert coverage["coverage"].tolist() == [f"{s.share:.0%}" for s in by_text]
    blocks = [c.value for c in at.code]
    assert len(blocks) == len(expected.candidates) == 2
    assert all("# suggested from " in block and "# suggested indicator: " in block for block in blocks)
    assert len([c for c in at.caption if c.value.startswith("Suggested: ")]) == 2


def test_quality_page_on_the_real_data_has_nothing_left_to_cite(monkeypatch):
    at = start(monkeypatch, REAL_ROOT)
    at.switch_page("views/quality.py").run()
    assert any(m.value.startswith("**100%** of the figure mentions are cited by a record") for m in at.markdown)
    assert len(at.code) == 0
    assert "Every figure mention is cited or dismissed." in [c.value for c in at.caption]


def test_broken_yaml_shows_the_problems_and_every_valid_record(monkeypatch, project):
    path = project / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("officially at nearly 10 percent", "officially at nearly 10 per cent"), "utf-8")
    at = start(monkeypatch, project)
    assert not at.exception
    assert tiles(at)["Key rate"] == "21%"
    assert tiles(at)["Gazprom losses"] == "record losses"
    assert tiles(at)["official_inflation"] == "not available"
    assert at.error[0].value.startswith("1 problem in the data: the records they affect are left out")
    assert [unescape(p.label) for p in at.sidebar.page_link if "Data quality" in p.label] == ["Data quality: 1 error"]
    at.switch_page("views/quality.py").run()
    # The unverified quote's figure ("nearly 10 percent") becomes one of the worklist's candidates.
    assert [s.value for s in at.subheader] == ["quote-not-found · 1", "Not cited yet · 3"]
    table = tables(at)[0]
    assert table["Line"].tolist() == [29] and table["File"].tolist() == ["indicators.yaml"]
    assert table["Message"].iloc[0].startswith("indicator 'official_inflation', observation 1: quote not found")


@pytest.mark.parametrize(
    "half_written",
    [
        "indicators:\n  - id: key_rate\n    name: [unclosed\n",
        "indicators:\n  - id: key_rate\n    name: Key \x1b",
        "indicators:\n  - id: key_rate\n    name: *missing\n",
        "",
    ],
    ids=["unclosed-bracket", "control-character", "undefined-alias", "empty"],
)
def test_unparsable_file_keeps_the_last_good_data_with_a_notice(monkeypatch, project, half_written):
    at = start(monkeypatch, project)
    assert tiles(at)["Key rate"] == "21%"
    (project / "indicators.yaml").write_text(half_written, "utf-8")
    at.run()
    assert not at.exception
    assert tiles(at)["Key rate"] == "21%"
    assert at.warning[0].value.startswith(r"indicators\.yaml could not be read just now")


def test_unparsable_file_on_first_load_shows_its_problem(monkeypatch, project):
    (project / "indicators.yaml").write_text("indicators: [\n", "utf-8")
    at = start(monkeypatch, project)
    assert not at.exception
    assert set(tiles(at).values()) == {"not available"}
    at.switch_page("views/quality.py").run()
    assert [s.value for s in at.subheader] == ["yaml-syntax · 1", "Not cited yet · 6"]


@pytest.fixture
def hostile(project: Path) -> Path:
    """The fixture project with markup payloads in a stored text, a source's metadata and an indicator."""
    with (project / "seeds" / "sample.txt").open("a", encoding="utf-8") as seed:
        seed.write(PAYLOAD + "\n")
    sources = project / "data" / "sources.yaml"
    sources.write_text(
        sources.read_text("utf-8").replace("title: Sample Gazette", f"title: '{PAYLOAD}'"), encoding="utf-8"
    )
    with (project / "indicators.yaml").open("a", encoding="utf-8") as out:
        out.write(payload_indicator("gazette-2025-05"))
    return project


def test_markup_payloads_are_shown_as_literal_text(monkeypatch, hostile):
    at = start(monkeypatch, hostile, indicator="payload_probe")
    assert not at.exception
    assert [unescape(t.value) for t in at.title] == [PAYLOAD]
    shown = all_markdown(at)
    assert f":orange-background[{_escaped(PAYLOAD)}]" in shown
    for source in shown:
        # Every markup character from the data is escaped; only our own directive and bold are live.
        bare = source.replace(":orange-background[", "").replace("**", "")
        assert not re.search(r"(?<!\\)<(script|img)", bare)
        assert not re.search(r"(?<!\\)\]\((?!/)", bare)
    at.switch_page("views/sources.py").run()
    assert not at.exception
    assert any(_escaped(PAYLOAD) in s for s in all_markdown(at))


def _escaped(text: str) -> str:
    return re.sub(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])", r"\\\1", text)


def test_no_pages_folder_beside_the_entry_script():
    # A pages/ folder next to app.py puts Streamlit in legacy multipage mode: /sources would run a module alone.
    assert not (Path(APP).parent / "pages").exists(), "keep page modules in dashboard/views/, not dashboard/pages/"


def test_briefing_view_downloads_the_sheet_and_the_exports_deck(monkeypatch, project, downloads):
    at = start(monkeypatch, project, view="briefing")
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download PNG", "Download SVG", "Download PDF", "Download PPTX"]
    # NOTE: the deck is a deferred download, so the recorded callable is what a click runs; its bytes are the CLI's.
    assert downloads["briefing-2025-05-03.pptx"]() == deck.build_deck(load_dataset(project))
    # NOTE: only the PNG is rendered with the page; SVG and PDF are rendered on a click, to the same bytes.
    assert downloads["briefing-2025-05-03.svg"]() == briefing_images(load_dataset(project), ("svg",))["svg"]
    assert downloads["briefing-2025-05-03.pdf"]().startswith(b"%PDF")


def test_a_stale_headline_says_so_on_its_tile_as_of_dashboard_today(monkeypatch, project):
    shutil.copy(FIXTURES / "cadence" / "indicators.yaml", project / "indicators.yaml")
    monkeypatch.setenv("DASHBOARD_TODAY", "2025-07-16")
    at = start(monkeypatch, project)
    assert not at.exception
    stale = [line for lines in tile_lines(at) for line in lines if "Stale" in line]
    # only the key rate has a cadence (45 days), and its May 2025 figure is 46 days old
    assert stale == [":red[**Stale:** 46 days old; updated about 8 times a year]"]
    monkeypatch.setenv("DASHBOARD_TODAY", "2025-07-15")
    assert not [line for lines in tile_lines(start(monkeypatch, project)) for line in lines if "Stale" in line]


def test_an_invalid_dashboard_today_is_said_on_the_page_and_the_machines_date_is_used(monkeypatch, project):
    monkeypatch.setenv("DASHBOARD_TODAY", "2025-02-30")
    at = start(monkeypatch, project)
    assert not at.exception
    (warning,) = [unescape(w.value) for w in at.warning if "DASHBOARD_TODAY" in unescape(w.value)]
    assert warning.startswith(
        "DASHBOARD_TODAY: '2025-02-30' is not a real date; showing figures' ages as of the machine's date, "
    )
