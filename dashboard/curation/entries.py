"""Cache entries of several parts, each read and checked on its own: a run reads only the parts it needs.

An entry is one file: a first line of its own (what the entry is: a layout version, a fingerprint) followed by each
part's length and checksum, then the parts back to back. Reading a part reads and checks only its bytes, so the
features a scan keeps beside its mentions cost a run nothing until a suggestion needs them. A missing, damaged or
foreign entry reads as None; one that cannot be written is skipped: the cache only ever saves work.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write(path: Path, label: str, parts: list[bytes]) -> None:
    """Keep `parts` at `path` under the first-line `label`, through a temporary file and a rename, so a reader never
    sees half an entry."""
    head = " ".join([label, *(f"{len(part)}:{_checksum(part)}" for part in parts)])
    write_bytes(path, head.encode() + b"\n" + b"".join(parts))


def read(path: Path, label: str, wanted: Iterable[int]) -> list[bytes] | None:
    """The parts numbered `wanted` of the entry at `path`, or None when it is missing, not `label`'s or damaged."""
    try:
        with open(path, "rb") as handle:
            head = handle.readline()
            fields = head.decode().split(" ")
            count = len(fields) - len(label.split(" "))
            if head[-1:] != b"\n" or count < 1 or " ".join(fields[:-count]) != label:
                return None
            sizes, sums = zip(*(field.strip().split(":") for field in fields[-count:]), strict=True)
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
            return out
    except (OSError, ValueError, IndexError):
        return None


def write_bytes(path: Path, data: bytes) -> None:
    """Write a file through a temporary file and a rename; a folder that cannot be written is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        # NOTE: a read-only or full cache folder only costs the next run its work again; it never fails the command.
        return


def _checksum(part: bytes) -> str:
    return hashlib.blake2b(part, digest_size=16).hexdigest()
