"""The stored texts are never edited: they match the checksums recorded when they were curated."""

import hashlib
from pathlib import Path

import pytest

from dashboard import paths

MANIFEST = paths.ROOT / "data" / "seeds.sha256"
ENTRIES = [line.split("  ", 1) for line in MANIFEST.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize(("digest", "name"), ENTRIES, ids=[name for _, name in ENTRIES])
def test_stored_text_is_unchanged(digest: str, name: str):
    assert hashlib.sha256((paths.ROOT / name).read_bytes()).hexdigest() == digest


def test_every_stored_text_is_in_the_manifest():
    on_disk = {str(p.relative_to(paths.ROOT)) for p in Path(paths.seeds_dir()).glob("*.txt")}
    assert on_disk == {name for _, name in ENTRIES}
