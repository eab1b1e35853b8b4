"""Shared fixtures: a small valid project copied to a temporary root, and the expectations of invalid fixtures."""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = FIXTURES / "project"
_EXPECT = re.compile(r"^# expect: (?P<code>[a-z0-9-]+) (?P<line>\d+)$", re.MULTILINE)


def expectations(path: Path) -> list[tuple[str, int]]:
    """The (code, line) pairs an invalid fixture declares in its `# expect: CODE LINE` header."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    found = [(m["code"], int(m["line"])) for m in _EXPECT.finditer(text)]
    assert found, f"{path.name} declares no '# expect: CODE LINE'"
    return found


class Hung(BaseException):
    """Raised by hang_guard; not an OSError or Exception, so no `except` in the code under test can swallow it."""


#: A hang guard, not a timing: real runs take milliseconds, so only a call that never returns reaches this.
HANG_SECONDS = 30


@contextlib.contextmanager
def hang_guard(seconds: int = HANG_SECONDS) -> Iterator[None]:
    """Fail the block with Hung if it has not returned after `seconds` (a hang, not a slow machine)."""

    def hung(signum, frame):
        raise Hung(f"still running after {seconds} s: a hang (this guard is not a speed test)")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


#: Markup of every kind the app must show as literal text: HTML, script, Markdown link, maths, colour directive.
PAYLOAD = "Probe <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) $x^2$ :red[red]"


def payload_indicator(source: str) -> str:
    """An indicator record, to append to indicators.yaml, whose every text field is PAYLOAD quoted from `source`."""
    return f"""  - id: payload_probe
    name: '{PAYLOAD}'
    category: war
    unit: qualitative
    higher_is: neutral
    description: '{PAYLOAD}'
    observations:
      - status: '{PAYLOAD}'
        period: 2025
        source: {source}
        quote: '{PAYLOAD}'
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/project: two stored texts, two sources, three indicators."""
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    return root


def protected_files(root: Path) -> list[Path]:
    """The user's files that no test, command or page may write: indicators.yaml, data/ and seeds/."""
    found = [root / "indicators.yaml"]
    for folder in ("data", "seeds"):
        found += sorted(path for path in (root / folder).rglob("*") if path.is_file())
    return found


def _digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in protected_files(root)}


@pytest.fixture(scope="session", autouse=True)
def users_files_untouched():
    """Nothing lost: indicators.yaml, data/ and seeds/ are byte-identical after the whole suite has run."""
    root = Path(__file__).resolve().parent.parent
    before = _digests(root)
    yield
    after = _digests(root)
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    # NOTE: in a shared tree an editor saving during the run trips this too; rerun to tell the two apart.
    assert changed == [], f"the user's files changed while the suite ran: {changed}"
