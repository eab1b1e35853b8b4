"""The scan cache: same answers cold and warm, kept in the user's cache folder only, and rescanned when it must be."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.curation import entries, scans
from dashboard.curation.candidates import survey
from dashboard.curation.mentions import find_mentions
from dashboard.curation.output import to_json
from dashboard.evidence import language as languages
from dashboard.evidence.provenance import StoredText
from dashboard.records.dataset import load_dataset
from tests.helpers import FIXTURES, REPO

UNCURATED = "indicators:\n"


def run(root: Path, *args: str, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DASHBOARD_ROOT": str(root), "XDG_CACHE_HOME": str(cache)}
    return subprocess.run([sys.executable, "-m", "dashboard", "candidates", *args], capture_output=True, env=env)


@pytest.fixture(params=["project", "ru_project", "real"])
def uncurated(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A test project (English, Russian, or the real texts) with no records, so every mention is a candidate."""
    root = tmp_path / request.param
    if request.param == "real":
        for name in ("seeds", "data"):
            shutil.copytree(REPO / name, root / name)
        (root / "data" / "dismissed.yaml").unlink()
    else:
        shutil.copytree(FIXTURES / request.param, root)
    (root / "indicators.yaml").write_text(UNCURATED, encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt", ["json", "text", "yaml"])
def test_a_warm_run_prints_the_cold_runs_bytes(uncurated: Path, tmp_path: Path, fmt: str):
    cache = tmp_path / "cache"
    cold = run(uncurated, "--format", fmt, cache=cache)
    entries = sorted(p.name for p in cache.rglob("*.entry"))
    warm = run(uncurated, "--format", fmt, cache=cache)
    assert cold.returncode == warm.returncode == 0, cold.stderr
    assert len(list((cache / "russia-dashboard" / "mentions").rglob("*.entry"))) == len(list(uncurated.glob("seeds/*")))
    assert warm.stdout == cold.stdout
    assert sorted(p.name for p in cache.rglob("*.entry")) == entries
    if fmt == "json":
        assert json.loads(cold.stdout)["coverage"]["candidates"] > 0


def test_streamed_json_is_json_dumps_byte_for_byte(uncurated: Path):
    from dashboard.curation.output import write_json

    class Out(list):
        write = list.append

    result = survey(load_dataset(uncurated))
    out = Out()
    write_json(result, out)
    assert "".join(out) == json.dumps(to_json(result), ensure_ascii=False, indent=2) + "\n"


def test_scans_live_in_the_xdg_cache_folder_or_home_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert scans.cache_dir() == tmp_path / "xdg" / "russia-dashboard" / "mentions" / scans.rules_version()
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/not/allowed")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert scans.cache_dir().parent.parent.parent == tmp_path / "home" / ".cache"


def test_a_scan_is_kept_under_checksum_and_language(scan_cache: Path):
    text = "Inflation reached 9.5 percent in May.\n"
    en, ru = StoredText(text, languages.get("en")), StoredText(text, languages.get("ru"))
    assert scans.key(en).endswith(".en") and scans.key(ru).endswith(".ru")
    assert scans.key(en).split(".")[0] == scans.key(ru).split(".")[0]
    assert [m.text for m in scans.mentions_of(en)] == ["9.5 percent"]
    scans.mentions_of(ru)
    assert sorted(p.name for p in scans.cache_dir().iterdir()) == sorted(
        [scans.entry_path(scans.key(en)).name, scans.entry_path(scans.key(ru)).name]
    )


def test_mentions_read_back_share_one_copy_of_each_span_and_word():
    """Read from the cache folder, two mentions of one sentence hold one sentence span and one unit string."""
    stored = StoredText("The deficit reached 5.6 percent in May and 2.6 percent in June.\n")
    scanned = scans.mentions_of(stored)
    scans.clear()
    first, second = scans.mentions_of(stored)
    assert [first, second] == scanned
    assert first.sentence is second.sentence
    assert first.unit is second.unit


@pytest.mark.parametrize("damage", [b"", b"not marshal\n[", b"1 0000\n[]", b"garbage-without-newline"])
def test_a_corrupt_entry_is_ignored_and_rewritten(damage: bytes):
    stored = StoredText("The deficit reached 5.6 trillion roubles, or 2.6% of GDP.\n")
    expected = find_mentions(stored.text, stored.language)
    scans.mentions_of(stored)
    entry = scans.entry_path(scans.key(stored))
    good = entry.read_bytes()
    entry.write_bytes(damage)
    scans.clear()
    assert scans.mentions_of(stored) == expected
    # NOTE: read back, not compared byte for byte: marshal marks a string interned or not by how it was made.
    assert entries.read(entry, str(scans.FORMAT), [0, 1]) is not None
    assert len(entry.read_bytes()) == len(good)
    scans.clear()
    assert scans.mentions_of(stored) == expected  # read back from the rewritten entry


def test_a_tampered_row_is_scanned_again():
    stored = StoredText("Inflation reached 9.5 percent in May.\n")
    scans.mentions_of(stored)
    entry = scans.entry_path(scans.key(stored))
    entry.write_bytes(entry.read_bytes().replace(b"9.5 percent", b"1.0 percent"))
    scans.clear()
    assert [m.text for m in scans.mentions_of(stored)] == ["9.5 percent"]


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    stored = StoredText("Inflation reached 9.5 percent in May.\n")
    assert [m.text for m in scans.mentions_of(stored)] == ["9.5 percent"]


def test_a_changed_text_is_scanned_again(project: Path):
    data = load_dataset(project)
    assert scans.unscanned(data.texts.values()) == len(data.texts)
    survey(data)
    assert scans.unscanned(data.texts.values()) == 0
    stored = next(iter(data.texts.values()))
    changed = StoredText(stored.text + "Wages grew by 12 percent.\n", stored.language)
    assert scans.unscanned([changed]) == 1
    assert scans.mentions_of(changed)[-1].text == "12 percent"


def test_a_change_of_the_rules_scans_every_text_again(project: Path, monkeypatch: pytest.MonkeyPatch):
    data = load_dataset(project)
    survey(data)
    scans.clear()
    assert scans.unscanned(data.texts.values()) == 0
    monkeypatch.setattr(scans, "rules_version", lambda: "another-version")
    assert scans.unscanned(data.texts.values()) == len(data.texts)


def test_the_rules_version_hashes_the_finder_and_every_language():
    scans.rules_version.cache_clear()
    before = scans.rules_version()
    assert len(before) == 24 and scans.rules_version() == before


def test_progress_hears_of_each_text_scanned(project: Path):
    data = load_dataset(project)
    heard: list[tuple[int, int]] = []
    survey(data, progress=lambda done, total: heard.append((done, total)))
    assert heard == [(n, len(data.texts)) for n in range(1, len(data.texts) + 1)]
    heard.clear()
    survey(data, progress=lambda done, total: heard.append((done, total)))
    assert heard == []


def test_the_real_data_coverage_stays_32_of_32_cold_and_warm():
    for _ in range(2):
        cov = survey(load_dataset(REPO)).coverage
        assert (cov.covered, cov.mentions - cov.dismissed, cov.candidates) == (32, 32, 0)
        scans.clear()


def test_the_features_kept_beside_the_mentions_are_read_back_and_a_damaged_part_worked_out_again():
    from dashboard.curation import features

    stored = StoredText("The deficit reached 5.6 percent in May and 2.6 percent in June; inflation was 9 percent.\n")
    expected = features.features_of(stored.text, find_mentions(stored.text, stored.language), stored.language)
    assert scans.features_of(stored) == expected
    scans.clear()
    assert scans.features_of(stored) == expected
    entry = scans.entry_path(scans.key(stored))
    good = entry.read_bytes()
    assert b"June" in good.split(b"\n", 1)[1]
    entry.write_bytes(good.replace(b"June", b"Juny"))
    assert scans.features_of(stored) == expected
    assert entry.read_bytes() == good
