"""The Data quality page: notices in their own group, accepted problems listed last, a cold scan's progress bar."""

from __future__ import annotations

import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.helpers import FIXTURES, REPO
from tests.views.tables import tables

APP = str(REPO / "dashboard" / "app.py")
REASON = "the gazette rounds it"


def quality(monkeypatch, root: Path) -> AppTest:
    monkeypatch.setenv("DASHBOARD_ROOT", str(root))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    return at.switch_page("views/quality.py").run()


def test_notices_have_their_own_group(monkeypatch, tmp_path: Path):
    root = tmp_path / "ru"
    shutil.copytree(FIXTURES / "ru_project", root)
    shutil.copy(FIXTURES / "ru_invalid" / "untranslated-quote.yaml", root / "indicators.yaml")
    at = quality(monkeypatch, root)
    assert not at.exception
    assert [h.value for h in at.header][:1] == ["Notices (1)"]
    assert [s.value for s in at.subheader][:1] == ["untranslated-quote · 1"]
    table = tables(at)[0]
    assert table["Line"].tolist() == [89] and "has no translation" in table["Message"][0]
    assert any("Data quality: 1 notice" in link.label for link in at.get("page_link"))


def test_an_accepted_warning_is_listed_as_accepted_with_its_reason(monkeypatch, project: Path):
    path = project / "indicators.yaml"
    path.write_text(
        path.read_text().replace(
            "qualifier: nearly", f'qualifier: exact\n        accept: {{qualifier-mismatch: "{REASON}"}}'
        )
    )
    at = quality(monkeypatch, project)
    assert not at.exception
    assert [h.value for h in at.header][:1] == ["Accepted (1)"]
    table = tables(at)[0]
    assert table[["Line", "Severity", "Reason"]].values.tolist() == [[26, "warning", REASON]]
    assert any(m.value.startswith("**no problems.** Errors leave their record out") for m in at.markdown)
    assert any(link.label == "Data quality: no problems" for link in at.get("page_link"))


def test_the_coverage_table_lists_the_texts_with_most_left_to_cite_first_and_says_how_many_it_leaves_out():
    from dashboard.curation.candidates import Coverage, SourceCoverage
    from dashboard.views.quality import COVERAGE_ROWS, coverage_table

    # text n has n mentions left to cite (src-000 none), so the table starts at the last one
    texts = [SourceCoverage(f"src-{n:03}", f"seeds/src-{n:03}.txt", 40, 40 - n, 0) for n in range(COVERAGE_ROWS + 5)]
    table = coverage_table(Coverage(tuple(texts)))
    assert len(table) == COVERAGE_ROWS
    assert table["source"].tolist()[:2] == [f"src-{COVERAGE_ROWS + 4:03}", f"src-{COVERAGE_ROWS + 3:03}"]
    assert table["candidates"].tolist() == sorted(table["candidates"], reverse=True)
    assert table["coverage"].iloc[0] == f"{(40 - COVERAGE_ROWS - 4) / 40:.0%}"


def test_a_long_list_of_problems_shows_its_first_rows_and_how_many_more_there_are(monkeypatch, tmp_path: Path):
    from bench.generate import generate
    from dashboard.views.quality import PROBLEM_ROWS

    project = generate(tmp_path, [4000], texts=20, seed=3)[4000]
    at = quality(monkeypatch, project.root)
    assert not at.exception
    counts = [int(s.value.split(" · ")[1]) for s in at.subheader if " · " in s.value and "Not cited" not in s.value]
    count = max(counts)
    assert count > PROBLEM_ROWS, counts
    assert not at.dataframe and not at.table, "Markdown tables only: a data grid holds back the page's paint"
    assert max(len(t) for t in tables(at)) == PROBLEM_ROWS
    more = f"The first {PROBLEM_ROWS} of {count:,}; the other {count - PROBLEM_ROWS:,} are not shown."
    assert any(c.value.startswith(more) for c in at.caption), [c.value for c in at.caption]


def test_the_ready_records_come_a_few_at_a_time_up_to_the_pages_cap(monkeypatch, tmp_path: Path):
    from bench.generate import generate
    from dashboard.views.quality import CANDIDATES_SHOWN, CANDIDATES_STEP

    project = generate(tmp_path, [20], texts=20, seed=3)[20]
    at = quality(monkeypatch, project.root)
    assert not at.exception
    assert len(at.code) == CANDIDATES_STEP
    assert any(c.value.startswith(f"Showing the first {CANDIDATES_STEP} of ") for c in at.caption)
    for _ in range(CANDIDATES_SHOWN // CANDIDATES_STEP - 1):
        shown = len(at.code)
        assert at.button(key="quality-show-more").label == f"Show {CANDIDATES_STEP} more"
        at.button(key="quality-show-more").click().run()
        assert not at.exception and len(at.code) == shown + CANDIDATES_STEP
    assert len(at.code) == CANDIDATES_SHOWN
    assert not [b for b in at.button if b.key == "quality-show-more"], "no more than the page's cap"
