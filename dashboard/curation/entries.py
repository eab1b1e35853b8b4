"""Cache entries of several parts, each read and checked on its own: a run reads only the parts it needs.

An entry is one file: a first line of its own (what the entry is: a layout version, a fingerprint) followed by each
part's length and checksum, then the parts back to back. Reading a part reads and checks only its bytes, so the
features a scan keeps beside its mentions cost a run nothing until a suggestion needs them. A missing, damaged or
foreign entry reads as None; one that cannot be written is skipped: the cache only ever saves work.

The parts are `marshal` data (lists, tuples, dicts, strings, numbers, None), not JSON: a cold run at 1,000 texts
spent 0.6 s of CPU encoding JSON and building the lists it needs from tuples, and marshal keeps the tuples and is
two to three times faster each way. marshal is not meant for data anyone could have made, so a part is only loaded
after its checksum matched, and only from the user's own cache folder, which only this program writes (anyone who
can write there can change the user's programs anyway); loading never runs code, and a part of the wrong shape
fails to unpack and is worked out again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

#: The entries' file suffix (they are marshal data, see above).
SUFFIX = ".entry"


def write(path: Path, label: str, parts: list[bytes]) -> bool:
    """Keep `parts` at `path` under the first-line `label`; whether it was written (a half-written entry reads as
    None, see write_bytes)."""
    head = " ".join([label, *(f"{len(part)}:{_checksum(part)}" for part in parts)])
    return write_bytes(path, head.encode() + b"\n" + b"".join(parts))


def read(path: Path, label: str, wanted: Iterable[int]) -> list[bytes] | None:
    """The parts numbered `wanted` of the entry at `path`, or None when it is missing, not `label`'s or damaged."""
    found = read_labelled(path, len(label.split(" ")), wanted)
    return found[1] if found is not None and found[0] == label else None


def read_labelled(path: Path, fields: int, wanted: Iterable[int]) -> tuple[str, list[bytes]] | None:
    """The label (its first `fields` words) and the parts numbered `wanted` of the entry at `path`, whatever the
    label says; None when it is missing or damaged."""
    try:
        with open(path, "rb") as handle:
            head = handle.readline()
            words = head.decode().split(" ")
            count = len(words) - fields
            if head[-1:] != b"\n" or count < 1:
                return None
            sizes, sums = zip(*(word.strip().split(":") for word in words[-count:]), strict=True)
            starts = [len(head)]
            for size in sizes:
                starts.append(starts[-1] + int(size))
            out = []
            for n in wanted:
                handle.seek(starts[n])
                part = handle.read(int(sizes[n]))
                if len(part) != int(sizes[n]) or _checksum(part) != sums[n]:
                    return None
                out.append(part)
            return " ".join(words[:fields]), out
    except (OSError, ValueError, IndexError):
        return None


def write_bytes(path: Path, data: bytes) -> bool:
    """Write a file in place; a folder that cannot be written is no error (False)."""
    # NOTE: in place, not through a temporary file and a rename: on this ext4 disk (mounted with `discard`) a rename
    # over an entry frees its blocks, and 500 rewrites took 0.17 s against 0.02 s in place (docs/performance.md).
    # A reader that meets a half-written entry finds a part's length or checksum wrong and reads None, as it does
    # for one two writers interleaved; the entry is then worked out again and rewritten.
    try:
        if path.parent not in _folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            _folders.add(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.truncate()
    except OSError:
        # NOTE: a read-only or full cache folder only costs the next run its work again; it never fails the command.
        _folders.discard(path.parent)
        return False
    return True


def keep_newest(folder: Path, count: int) -> None:
    """Delete all but the `count` newest entries of `folder` (a folder that cannot be read or written is no error)."""
    try:
        found = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in found[count:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


#: The folders this process made or found, so that a write does not ask for its folder again.
_folders: set[Path] = set()


def _checksum(part: bytes) -> str:
    return hashlib.blake2b(part, digest_size=16).hexdigest()
