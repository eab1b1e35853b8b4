"""Shared fixtures: a small valid project in a temporary root, and a guard that the user's files stay untouched."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.helpers import PROJECT, REPO, protected_files


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/project: two stored texts, two sources, three indicators."""
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    return root


def _digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in protected_files(root)}


@pytest.fixture(scope="session", autouse=True)
def users_files_untouched():
    """Nothing lost: indicators.yaml, data/ and seeds/ are byte-identical after the whole suite has run."""
    root = REPO
    before = _digests(root)
    yield
    after = _digests(root)
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    # NOTE: in a shared tree an editor saving during the run trips this too; rerun to tell the two apart.
    assert changed == [], f"the user's files changed while the suite ran: {changed}"
