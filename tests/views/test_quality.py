"""The Data quality page: notices in their own group, accepted problems listed last, a cold scan's progress bar."""

from __future__ import annotations

import shutil
from pathlib import Path

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
