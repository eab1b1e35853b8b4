"""The Data quality page: notices in their own group, accepted problems listed last, a cold scan's progress bar."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import FIXTURES, REPO

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
    table = at.dataframe[0].value
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
    table = at.dataframe[0].value
    assert table[["Line", "Severity", "Reason"]].values.tolist() == [[26, "warning", REASON]]
    assert any(m.value.startswith("**no problems.** Errors leave their record out") for m in at.markdown)
    assert any(link.label == "Data quality: no problems" for link in at.get("page_link"))


#: Stored texts of the progress test's generated project: enough that a cold scan lasts seconds on any machine.
PROGRESS_TEXTS = 300


@pytest.mark.browser
def test_a_cold_scan_shows_a_progress_bar_then_the_coverage_table(tmp_path: Path):
    """In Chromium, with an empty scan cache: the page shows the scan's progress bar, then the table without it."""
    from playwright.sync_api import sync_playwright

    from bench.generate import generate
    from dashboard.serve import CHROMIUM, CHROMIUM_ARGS, free_port, start_app, stop, wait_healthy

    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    project = generate(tmp_path, [8], texts=PROGRESS_TEXTS, seed=3)[8]
    port = free_port()
    proc = start_app(project.root, port)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, proc)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url + "/quality")
            bar = page.locator("[data-testid='stProgress']")
            bar.wait_for(state="visible", timeout=180_000)
            label = page.get_by_text(f"Scanning {PROGRESS_TEXTS} stored texts for figure mentions")
            assert label.count() == 1
            (REPO / "artifacts").mkdir(exist_ok=True)
            page.screenshot(path=REPO / "artifacts" / "quality-progress.png")
            page.locator("[data-testid='stDataFrame']").first.wait_for(state="visible", timeout=300_000)
            # NOTE: the frontend drops the bar when the run that drew the table ends, a moment after the table shows.
            bar.wait_for(state="detached", timeout=60_000)
            assert bar.count() == 0
            assert page.get_by_text("Coverage of the stored texts").count() == 1
            browser.close()
    finally:
        stop(proc)
