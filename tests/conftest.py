"""Shared fixtures: a small valid project copied to a temporary root, and the expectations of invalid fixtures."""

from __future__ import annotations

import re
import shutil
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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/project: two stored texts, two sources, three indicators."""
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    return root
