"""The app run headless with AppTest on every page: what the reader sees, with good, broken and hostile data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.candidates import survey
from dashboard.dataset import load_dataset

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
REAL_ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60
PAYLOAD = "Probe <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) $x^2$ :red[red]"


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


def tiles(at: AppTest) -> dict[str, str]:
    """Headline tiles as {label: value}, unescaped."""
    return {unescape(m.label): unescape(m.value) for m in at.metric}


def all_markdown(at: AppTest) -> list[str]:
    """The source of every Markdown element on the page, captions included."""
    return [m.value for m in at.markdown] + [c.value for c in at.caption]


def test_overview_tiles_show_the_five_headline_figures(monkeypatch):
    at = start(monkeypatch, REAL_ROOT)
    assert not at.exception
    assert tiles(at) == {
        "Official inflation": "≈10%",
        "Bank of Russia key rate": "21%",
        "Sberbank overdue consumer loans": "16.1% of portfolio",
        "National Welfare Fund liquid assets": "≈−60%",
        "Gazprom losses": "record losses",
    }
    captions = [unescape(c.value) for c in at.caption]
    assert "Feb 2025 · Foreign Policy" in captions
    assert "May 2025 · The Washington Post" in captions
    assert [unescape(p.label) for p in at.sidebar.page_link if "Data quality" in p.label] == [
        "Data quality: no problems"
    ]


def test_filters_are_read_from_the_url(monkeypatch):
    at = start(monkeypatch, REAL_ROOT, category="banking", q="Sberbank")
    assert at.multiselect(key="filter_category").value == ["banking"]
    assert at.text_input(key="filter_q").value == "Sberbank"
    verified = sum(r.verified for r in load_dataset(REAL_ROOT).records)
    assert [i.value for i in at.info] == [f"Filtered: 2 of {verified} findings shown in the table and charts."]
    assert sorted(at.dataframe[0].value["Id"]) == ["sberbank_overdue_consumer_loans", "sberbank_problem_loans"]
    at.text_input(key="filter_q").input("problem").run()
    assert at.query_params["q"] == "problem"


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
    assert "**Sample Gazette** · The Gazette · 2 May 2025 · line 2" in captions
    assert (
        "**A retelling (title supplied by the curator)** · retells The Gazette · "
        "~3 May 2025 (date inferred: A day after the text it retells.) · line 2" in captions
    )


def test_sources_and_quality_pages(monkeypatch, project):
    at = start(monkeypatch, project)
    at.switch_page("views/sources.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Sources"]
    assert "[:orange-background[held its key rate at 21 percent]](/indicator?indicator=key_rate)" in "".join(
        all_markdown(at)
    )
    at.switch_page("views/quality.py").run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "No problems: 4 observations verified against 2 stored texts (3 indicators)."
    ]


def test_quality_page_shows_coverage_and_a_ready_record_per_candidate(monkeypatch, project):
    at = start(monkeypatch, project)
    at.switch_page("views/quality.py").run()
    assert not at.exception
    expected = survey(load_dataset(project))
    assert [m.value for m in at.metric] == [f"{expected.coverage.share:.0%}"]
    coverage = at.dataframe[0].value
    assert coverage["source"].tolist() == ["gazette-2025-05", "retold-2025-05"]
    blocks = [c.value for c in at.code]
    assert len(blocks) == len(expected.candidates) == 2
    assert all("period: TODO-YYYY-MM" in block for block in blocks)


def test_quality_page_on_the_real_data_has_nothing_left_to_cite(monkeypatch):
    at = start(monkeypatch, REAL_ROOT)
    at.switch_page("views/quality.py").run()
    assert [m.value for m in at.metric] == ["100%"]
    assert at.code == [] or len(at.code) == 0
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
    table = at.dataframe[0].value
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
        out.write(
            f"""  - id: payload_probe
    name: '{PAYLOAD}'
    category: war
    unit: qualitative
    higher_is: neutral
    description: '{PAYLOAD}'
    observations:
      - status: '{PAYLOAD}'
        period: 2025
        source: gazette-2025-05
        quote: '{PAYLOAD}'
"""
        )
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
