"""Problems as GitHub Actions workflow commands: the runner's escaping, and `validate --format github`."""

import os
import subprocess
import sys
from pathlib import Path

from dashboard.problems import error, notice, warning
from dashboard.tables.annotations import escape_data, escape_property, workflow_command
from tests.helpers import REPO


def test_the_message_escapes_percent_and_line_ends_only():
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"


def test_a_property_escapes_its_separators_too():
    assert escape_property("dir,1/a:b%\n.yaml") == "dir%2C1/a%3Ab%25%0A.yaml"


def test_each_severity_is_its_own_command():
    e = error("quote-not-found", "indicators.yaml", 13, 16, "quote not found; 21 percent vs 21%")
    assert workflow_command(e) == (
        "::error file=indicators.yaml,line=13,col=16,title=error[quote-not-found]::quote not found; 21 percent vs 21%25"
    )
    # NOTE: a Problem's message is already inert (a newline in the data reads \x0a), so only `%` is left to escape.
    w = warning("qualifier-mismatch", "indicators.yaml", 7, None, "a\nb 5%")
    assert workflow_command(w) == (
        "::warning file=indicators.yaml,line=7,title=warning[qualifier-mismatch]::a\\x0ab 5%25"
    )
    n = notice("untranslated-quote", "data/sources.yaml", None, None, "m")
    assert workflow_command(n) == "::notice file=data/sources.yaml,title=notice[untranslated-quote]::m"


def test_validate_prints_workflow_commands(project: Path):
    path = project / "indicators.yaml"
    path.write_text(path.read_text().replace("at 21 percent", "at 21 per cent"))
    env = {**os.environ, "DASHBOARD_ROOT": str(project)}
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "validate", "--format", "github"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert result.returncode == 1
    first, *_, last = result.stdout.splitlines()
    assert first.startswith("::error file=indicators.yaml,line=13,col=16,title=error[quote-not-found]::indicator ")
    assert last.startswith("indicators.yaml: 1 error")
