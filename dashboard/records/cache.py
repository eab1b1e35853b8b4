"""Validated sources and stored texts kept between loads, keyed on file content: a reload parses only what changed."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from dashboard import paths

#: Roots remembered at once: the app serves one; tests and the benchmark load a few in turn.
MAX_ROOTS = 4
#: Results of pure checks kept between loads (a record's quote and value: a few hundred bytes each, ~25 MB in all
#: when full); twice the records of 10,000 indicators, so a reload after edits there still finds them.
MAX_CHECKS = 65_536

_lock = threading.Lock()
_entries: dict[tuple[str, str], tuple[str, Any]] = {}
_checks: dict[tuple, Any] = {}
_enabled = [True]
_MISSING = object()
T = TypeVar("T")


def digest(files: Iterable[Path]) -> str:
    """One hash of the names and bytes of `files`; a missing or unreadable file hashes as such."""
    h = hashlib.blake2b(digest_size=20)
    for path in files:
        h.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        try:
            # NOTE: a FIFO or device in place of a file would block or never end; read_text refuses it with a problem.
            content = path.read_bytes() if stat.S_ISREG(path.stat().st_mode) else b"\0not a plain file\0"
        except OSError as exc:
            h.update(f"unreadable {exc.errno}\0".encode())
            continue
        h.update(len(content).to_bytes(8, "little"))
        h.update(content)
    return h.hexdigest()


def source_files(root: Path) -> list[Path]:
    """Every file the sources part of a load reads: data/sources.yaml, data/seeds.sha256 and all of seeds/."""
    seeds = paths.seeds_dir(root)
    stored = sorted(p for p in seeds.rglob("*") if p.is_file()) if seeds.is_dir() else []
    return [paths.sources_path(root), root / "data" / "seeds.sha256", *stored]


def remember(root: Path, part: str, files: list[Path], compute: Callable[[], Any]) -> Any:
    """compute()'s value, computed again only when the content of `files` differs from the last call's."""
    if not _enabled[0]:
        return compute()
    key = (str(root), part)
    before = digest(files)
    with _lock:
        hit = _entries.get(key)
    if hit is not None and hit[0] == before:
        return hit[1]
    value = compute()
    # NOTE: a file saved while it was being read would pair new content with the old hash, so that is not kept.
    if digest(files) == before:
        with _lock:
            _entries.pop(key, None)
            _entries[key] = (before, value)
            while len(_entries) > MAX_ROOTS:
                _entries.pop(next(iter(_entries)))
    return value


def checked(key: tuple, compute: Callable[[], T]) -> T:
    """compute()'s value, kept under `key`, which must name everything the value depends on (the check is pure)."""
    if not _enabled[0]:
        return compute()
    with _lock:
        hit = _checks.get(key, _MISSING)
    if hit is not _MISSING:
        return hit
    value = compute()
    with _lock:
        _checks[key] = value
        while len(_checks) > MAX_CHECKS:
            _checks.pop(next(iter(_checks)))
    return value


def clear() -> None:
    """Forget everything remembered."""
    with _lock:
        _entries.clear()
        _checks.clear()


def enabled() -> bool:
    """Whether loads keep what they worked out (not within `disabled()`)."""
    return _enabled[0]


@contextlib.contextmanager
def disabled() -> Iterator[None]:
    """Within the block every load computes afresh (the benchmark's cold figures)."""
    _enabled[0] = False
    try:
        yield
    finally:
        _enabled[0] = True


@contextlib.contextmanager
def long_lived() -> Iterator[None]:
    """Around a load the app keeps: what is alive after the block is frozen, out of the cyclic collector's walks."""
    # NOTE: the last block's frozen objects are unfrozen and collected first, so a cycle frozen with them (a finished
    # script run's, say) is freed now rather than never; a first load pays ~0.05 s for this, a reload at 10,000
    # indicators ~0.2 s, while the freeze saves ~0.15 s of collector walks on every later run.
    gc.unfreeze()
    gc.collect()
    yield
    gc.freeze()
