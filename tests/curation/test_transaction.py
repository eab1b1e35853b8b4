"""Whole-file writes through a temporary file, undone newest first."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.curation.transaction import Transaction


def test_rollback_restores_every_file_and_leaves_no_temporary_one(tmp_path: Path) -> None:
    old = tmp_path / "old.txt"
    old.write_bytes(b"before\n")
    old.chmod(0o640)
    done = Transaction()
    done.create(tmp_path / "new.txt", b"new\n")
    done.replace(old, b"after\n")
    assert (old.read_bytes(), old.stat().st_mode & 0o777) == (b"after\n", 0o640)
    assert done.rollback() == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.txt"] and old.read_bytes() == b"before\n"


def test_create_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "taken.txt").write_bytes(b"mine\n")
    with pytest.raises(FileExistsError):
        Transaction().create(tmp_path / "taken.txt", b"theirs\n")
    assert [p.name for p in tmp_path.iterdir()] == ["taken.txt"] and (tmp_path / "taken.txt").read_bytes() == b"mine\n"
