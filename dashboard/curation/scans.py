"""Each stored text's figure mentions, scanned once and kept in the user's cache folder, keyed on what decides them.

What a text's mentions are depends only on its characters, its language and the finder's rules, so a scan is kept
under the text's SHA-256, its language code and RULES_VERSION (a hash of the finder's own source files): a changed
text, another language or any edit to the rules is a new key and a new scan. Beside the mentions an entry keeps the
suggestions' features that no indicator decides (curation/features.py), read only when a suggestion is worked out.
Entries live in $XDG_CACHE_HOME/russia-dashboard/mentions/ (else ~/.cache/…), never in the project's folders. A
missing, corrupt or unreadable entry is scanned again and rewritten; a cache folder that cannot be written is no
error, only slower. Parts are written with `marshal` (curation/entries.py says why), whose format is the running
Python's: the version hashes the interpreter's cache tag, so another Python reads none of them.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from dashboard import paths
from dashboard.curation import entries, features
from dashboard.curation.features import Features
from dashboard.curation.mentions import Mention, find_mentions
from dashboard.evidence import language as languages
from dashboard.evidence.provenance import StoredText

#: Bumped when the entries' layout changes (the rules' own changes are caught by RULES_VERSION).
FORMAT = 5
#: Texts to scan per worker process before a second process pays for itself (a fork costs ~20 ms; a text ~7 ms).
PARALLEL_MIN = 64
#: Texts whose mentions a process keeps in memory (the app rescans none after a save); ~20 KB each at 50 a text.
MEMO_TEXTS = 20_000
#: The finder's modules and the features': an edit to any of them (a rule, a language's words) re-keys every scan.
_RULE_MODULES = (
    "curation.mentions",
    "evidence.numbers",
    "evidence.sentences",
    "evidence.wording",
    "evidence.literals",
    "curation.features",
    "curation.periods",
)

_lock = threading.Lock()
_memo: dict[str, list[Mention]] = {}
Progress = Callable[[int, int], None]
Job = TypeVar("Job")
Done = TypeVar("Done")


@cache
def rules_version() -> str:
    """A hash of the finder's source files and every language module, with FORMAT."""
    h = hashlib.blake2b(f"format {FORMAT} {sys.implementation.cache_tag}\0".encode(), digest_size=12)
    files = [Path(sys.modules[f"dashboard.{name}"].__file__ or "") for name in _RULE_MODULES]
    files += sorted(Path(str(lang.__file__)) for lang in languages.all_languages().values())
    files.append(Path(languages.__file__ or ""))
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def cache_dir() -> Path:
    """Where scans are kept: in our folder of the user's cache folder, under the rules' version."""
    return paths.user_cache_dir() / "mentions" / rules_version()


def entry_path(k: str) -> Path:
    """Where the scan of key `k` is kept."""
    return cache_dir() / f"{k}{entries.SUFFIX}"


def key(stored: StoredText) -> str:
    """The text's SHA-256 and its language code: all a scan depends on besides the rules."""
    return f"{stored.sha256}.{stored.language.CODE}"


def mentions_of(stored: StoredText) -> list[Mention]:
    """The text's figure mentions: from memory, else from the cache folder, else scanned (and kept)."""
    return scan_all({"": stored})[""]


def scan_all(texts: dict[str, StoredText], progress: Progress | None = None) -> dict[str, list[Mention]]:
    """Every text's mentions; `progress(done, total)` is called as the texts that must be scanned are scanned."""
    keys = {sid: key(stored) for sid, stored in texts.items()}
    out: dict[str, list[Mention]] = {}
    missing = []
    for sid, k in keys.items():
        with _lock:
            hit = _memo.get(k)
        if hit is None:
            hit = _read(entry_path(k))
        if hit is None:
            missing.append(sid)
        else:
            out[sid] = _keep(k, hit)
    jobs = [(texts[sid].text, texts[sid].language.CODE, str(entry_path(keys[sid]))) for sid in missing]
    for done, (sid, back) in enumerate(zip(missing, forked(_find_and_keep, jobs), strict=True), start=1):
        # NOTE: a worker that wrote its entry sends nothing back (pickling 50 mentions costs more than reading them).
        found = back[0] if back is not None else _read(entry_path(keys[sid]))
        if found is None:
            found = _scanned(texts[sid].text, texts[sid].language)[0]
        out[sid] = _keep(keys[sid], found)
        if progress is not None:
            progress(done, len(missing))
    return {sid: out[sid] for sid in texts}


def scanned(stored: StoredText) -> tuple[list[Mention], Features]:
    """The text's mentions and their features: kept in memory or the cache folder, else scanned and kept."""
    k = key(stored)
    path = entry_path(k)
    with _lock:
        found = _memo.get(k)
    if found is None:
        # NOTE: both parts at once, as a survey after a words change reads both of every text it works out again.
        parts = entries.read(path, str(FORMAT), [0, 1])
        found, feats = (_mentions(parts[0]), _features_in(parts[1])) if parts is not None else (None, None)
    else:
        feats = _features(path)
    if found is not None and feats is not None:
        return _keep(k, found), feats
    found, feats = _scanned(stored.text, stored.language)
    _write(path, found, feats)
    return _keep(k, found), feats


def features_of(stored: StoredText) -> Features:
    """The suggestions' features of the text's mentions: from the cache folder, else worked out (and kept)."""
    found = _features(entry_path(key(stored)))
    return found if found is not None else scanned(stored)[1]


def _features(path: Path) -> Features | None:
    """The features kept at `path`, or None when there are none or their part is damaged."""
    part = entries.read(path, str(FORMAT), [1])
    return _features_in(part[0]) if part is not None else None


def _features_in(part: bytes) -> Features | None:
    """The features in an entry's second part, or None when it is of the wrong shape."""
    try:
        clauses, sentences = marshal.loads(part)
        return Features(clauses, sentences)
    except (ValueError, TypeError, EOFError):
        return None


Scanned = tuple[list[Mention], Features]


def forked(func: Callable[[Job], Done], jobs: list[Job]) -> Iterator[Done]:
    """`func` of each job, in order: in forked worker processes when there are many and nothing else runs, else here
    (`func` must be a module's function; a worker inherits what the process held when the pool started)."""
    workers = min(os.cpu_count() or 1, len(jobs) // PARALLEL_MIN)
    # NOTE: a fork copies only the calling thread, so it is safe only in a process with one thread (the command
    # line); the app's server has dozens and scans in its own thread, showing progress instead.
    if workers < 2 or threading.active_count() > 1:
        yield from map(func, jobs)
        return
    # NOTE: imported here, as a warm run forks no worker and these imports were a hundredth of it.
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in mp.get_all_start_methods():
        yield from map(func, jobs)
        return
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
        yield from pool.map(func, jobs, chunksize=16)


def _find_and_keep(job: tuple[str, str, str]) -> Scanned | None:
    """A scan, kept at the job's path: None when it was written (the caller reads it there), else the scan itself
    (a language module cannot be pickled; its code can)."""
    text, code, path = job
    found, feats = _scanned(text, languages.get(code))
    return None if _write(Path(path), found, feats) else (found, feats)


def _scanned(text: str, lang: languages.Language) -> Scanned:
    """The text's mentions, and their features."""
    found = find_mentions(text, lang)
    return found, features.features_of(text, found, lang)


def unscanned(texts: Iterable[StoredText]) -> int:
    """How many of the texts have no scan in memory or in the cache folder (what a survey would have to scan)."""
    folder = cache_dir()
    count = 0
    for stored in texts:
        k = key(stored)
        with _lock:
            known = k in _memo
        count += not known and not (folder / f"{k}{entries.SUFFIX}").is_file()
    return count


def clear() -> None:
    """Forget the scans kept in memory (the cache folder stays)."""
    with _lock:
        _memo.clear()


def _keep(k: str, found: list[Mention]) -> list[Mention]:
    with _lock:
        _memo.pop(k, None)
        _memo[k] = found
        while len(_memo) > MEMO_TEXTS:
            _memo.pop(next(iter(_memo)))
    return found


def _read(path: Path) -> list[Mention] | None:
    """The mentions kept at `path`, or None when there are none or the entry is damaged (its checksum says so)."""
    part = entries.read(path, str(FORMAT), [0])
    return _mentions(part[0]) if part is not None else None


def _mentions(part: bytes) -> list[Mention] | None:
    """The mentions in an entry's first part, or None when it is of the wrong shape."""
    try:
        words, span_rows, rows = marshal.loads(part)
        # NOTE: one object per distinct span and word, not one per mention: a load makes a new str or list for each, and
        # at 1,000 texts those copies were a third of the command's memory above validate's; the entry names each
        # once and the rows point at them, which also spares 50,000 look-ups a run.
        w = [None if word is None else sys.intern(word) for word in words]
        spans = span_rows
        # NOTE: the checksum vouches for the rows' shape (we wrote them), so they are built without checking each field.
        return [
            Mention(w[k], a, b, sys.intern(text), line, col, spans[s], spans[c], value, w[q], w[u], low, w[t])
            for k, a, b, text, line, col, s, c, value, q, u, low, t in rows
        ]
    except (ValueError, TypeError, IndexError, EOFError):
        return None


def _write(path: Path, found: list[Mention], feats: Features) -> bool:
    """Keep the scan at `path`: its mentions first, then the features (read only for suggestions); whether it was
    written."""
    parts: list[Any] = [_rows(found), (feats.clauses, feats.sentences)]
    return entries.write(path, str(FORMAT), [marshal.dumps(p) for p in parts])


def _rows(found: list[Mention]) -> list:
    """The mentions as [words, spans, rows], each row naming its words and spans by their place, as _read reads it."""
    words: dict[str | None, int] = {None: 0}
    spans: dict[tuple[int, int], int] = {}

    def word(text: str | None) -> int:
        return words.setdefault(text, len(words))

    def span(at: tuple[int, int]) -> int:
        return spans.setdefault(at, len(spans))

    rows = []
    for m in found:
        where = [m.start, m.end, m.text, m.line, m.column, span(m.sentence), span(m.clause)]
        rows.append([word(m.kind), *where, m.value, word(m.qualifier), word(m.unit), m.low, word(m.trend)])
    return [list(words), list(spans), rows]
