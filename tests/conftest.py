"""Shared fixtures: a small valid project in a temporary root, and a guard that the user's files stay untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from dashboard import paths
from dashboard.curation import scans
from tests.helpers import PROJECT, REPO, protected_files

#: The suite's "today" (DASHBOARD_TODAY, which the CLI and the app read, servers included): a day on which no curated
#: figure is stale yet, so only the staleness tests, which fix their own days, depend on figures' ages.
TODAY = "2025-03-15"
#: Where pytest_configure keeps the suite's cache folder and what the user's own one held.
_CACHE_KEY = pytest.StashKey[tuple]()


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


def pytest_configure(config: pytest.Config) -> None:
    """Every scan the suite keeps goes to a temporary cache folder, never the user's ~/.cache (servers included)."""
    folder = tempfile.mkdtemp(prefix="dashboard-test-cache-")
    config.stash[_CACHE_KEY] = (folder, os.environ.get("XDG_CACHE_HOME"), _user_cache_state())
    os.environ["XDG_CACHE_HOME"] = folder
    os.environ["DASHBOARD_TODAY"] = TODAY


def pytest_unconfigure(config: pytest.Config) -> None:
    """Put XDG_CACHE_HOME back and remove the suite's cache folder."""
    folder, before, _ = config.stash[_CACHE_KEY]
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before
    shutil.rmtree(folder, ignore_errors=True)


def _user_cache_state() -> list[tuple[str, int]]:
    """Every file in the user's own scan cache, with its modification time (none, on a machine that never ran it)."""
    base = paths.user_cache_dir()
    return sorted((str(p), p.stat().st_mtime_ns) for p in base.rglob("*")) if base.is_dir() else []


@pytest.fixture(autouse=True)
def scan_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test starts with an empty scan cache of its own, in memory and on disk."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    scans.clear()
    return folder


@pytest.fixture(scope="session", autouse=True)
def users_cache_untouched(request: pytest.FixtureRequest):
    """The user's own scan cache ($XDG_CACHE_HOME as the suite found it, else ~/.cache) is as it was after the run."""
    _, before_env, before = request.config.stash[_CACHE_KEY]
    yield
    suite = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = before_env or ""
    try:
        after = _user_cache_state()
    finally:
        os.environ["XDG_CACHE_HOME"] = suite or ""
    assert after == before, "the suite wrote to the user's cache folder"
