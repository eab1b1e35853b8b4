"""Cache entries are written in place: whatever a reader meets, it reads an entry as written or None, never a mix."""

from __future__ import annotations

import threading
from pathlib import Path

from dashboard.curation import entries


def test_an_entry_reads_back_each_part_on_its_own(tmp_path: Path):
    path = tmp_path / "a.entry"
    assert entries.write(path, "4 abc", [b"first", b"second part"])
    assert entries.read(path, "4 abc", [1]) == [b"second part"]
    assert entries.read(path, "4 abc", [0, 1]) == [b"first", b"second part"]
    assert entries.read(path, "4 other", [0]) is None


def test_a_shorter_entry_written_over_a_longer_one_leaves_none_of_the_longer(tmp_path: Path):
    path = tmp_path / "a.entry"
    entries.write(path, "4 long", [b"x" * 5_000, b"y" * 5_000])
    entries.write(path, "4 short", [b"z"])
    assert entries.read(path, "4 short", [0]) == [b"z"]
    assert path.stat().st_size == len(path.read_bytes().split(b"\n", 1)[0]) + 2


def test_a_half_written_entry_reads_as_none(tmp_path: Path):
    path = tmp_path / "a.entry"
    entries.write(path, "4 abc", [b"x" * 1_000, b"y" * 1_000])
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) - 500])
    assert entries.read(path, "4 abc", [0]) == [b"x" * 1_000]  # the first part is whole, and checked on its own
    assert entries.read(path, "4 abc", [1]) is None
    assert entries.read(path, "4 abc", [0, 1]) is None


def test_an_entry_whose_bytes_two_writers_mixed_reads_as_none(tmp_path: Path):
    path = tmp_path / "a.entry"
    entries.write(path, "4 abc", [b"a" * 1_000])
    first = path.read_bytes()
    entries.write(path, "4 abc", [b"b" * 1_000])
    second = path.read_bytes()
    # NOTE: the head of one writer over the body of the other, as two writers in turn may leave it.
    path.write_bytes(second[:600] + first[600:])
    assert entries.read(path, "4 abc", [0]) is None


def test_writers_racing_on_one_entry_leave_one_of_theirs_or_none(tmp_path: Path):
    path = tmp_path / "a.entry"
    written = {n: [bytes([65 + n]) * (500 + 300 * n)] for n in range(4)}
    seen: list[list[bytes] | None] = []

    def writer(n: int) -> None:
        for _ in range(200):
            entries.write(path, "4 abc", written[n])

    def reader() -> None:
        for _ in range(400):
            seen.append(entries.read(path, "4 abc", [0]))

    threads = [threading.Thread(target=writer, args=(n,)) for n in written] + [threading.Thread(target=reader)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(found is None or found in written.values() for found in seen)
    # NOTE: the race may end on a mix, which the next writer mends.
    entries.write(path, "4 abc", written[0])
    assert entries.read(path, "4 abc", [0]) == written[0]


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path: Path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert entries.write(blocked / "a.entry", "4 abc", [b"x"]) is False
    assert entries.read(blocked / "a.entry", "4 abc", [0]) is None
