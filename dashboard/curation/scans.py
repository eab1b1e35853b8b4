"""Each stored text's figure mentions, scanned once and kept in the user's cache folder, keyed on what decides them.

What a text's mentions are depends only on its characters, its language and the finder's rules, so a scan is kept
under the text's SHA-256, its language code and RULES_VERSION (a hash of the finder's own source files): a changed
text, another language or any edit to the rules is a new key and a new scan. Beside the mentions an entry keeps the
suggestions' features that no indicator decides (curation/features.py), read only when a suggestion is worked out.
Entries live in $XDG_CACHE_HOME/russia-dashboard/mentions/ (else ~/.cache/…), never in the project's folders. A
missing, corrupt or unreadable entry is scanned again and rewritten; a cache folder that cannot be written is no
error, only slower.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

from dashboard import paths
from dashboard.curation import features
from dashboard.curation.features import Features
from dashboard.curation.mentions import Mention, find_mentions
from dashboard.evidence import language as languages
from dashboard.evidence.provenance import StoredText

#: Bumped when the entries' layout changes (the rules' own changes are caught by RULES_VERSION).
FORMAT = 2
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
    "curation.features",
    "curation.periods",
)

_lock = threading.Lock()
_memo: dict[str, list[Mention]] = {}
Progress = Callable[[int, int], None]


@cache
def rules_version() -> str:
    """A hash of the finder's source files and every language module, with FORMAT."""
    h = hashlib.blake2b(f"format {FORMAT}\0".encode(), digest_size=12)
    files = [Path(sys.modules[f"dashboard.{name}"].__file__ or "") for name in _RULE_MODULES]
    files += sorted(Path(str(lang.__file__)) for lang in languages.all_languages().values())
    files.append(Path(languages.__file__ or ""))
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def cache_dir() -> Path:
    """Where scans are kept: in our folder of the user's cache folder, under the rules' version."""
    return paths.user_cache_dir() / "mentions" / rules_version()


def key(stored: StoredText) -> str:
    """The text's SHA-256 and its language code: all a scan depends on besides the rules."""
    digest = hashlib.sha256(stored.text.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{digest}.{stored.language.CODE}"


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
            hit = _read(cache_dir() / f"{k}.json")
        if hit is None:
            missing.append(sid)
        else:
            out[sid] = _keep(k, hit)
    for done, (sid, (found, rows)) in enumerate(_scan(texts, missing), start=1):
        _write(cache_dir() / f"{keys[sid]}.json", found, rows)
        out[sid] = _keep(keys[sid], found)
        if progress is not None:
            progress(done, len(missing))
    return {sid: out[sid] for sid in texts}


def features_of(stored: StoredText) -> Features:
    """The suggestions' features of the text's mentions: from the cache folder, else worked out (and kept)."""
    path = cache_dir() / f"{key(stored)}.json"
    try:
        body = _body(path.read_bytes())
        if body is not None:
            return features.from_rows(json.loads(body[1]))
    except (OSError, ValueError, TypeError):
        pass
    found = mentions_of(stored)
    rows = features.features_of(stored.text, found, stored.language).to_rows()
    _write(path, found, rows)
    return features.from_rows(rows)


Scanned = tuple[list[Mention], list]


def _scan(texts: dict[str, StoredText], missing: list[str]) -> Iterator[tuple[str, Scanned]]:
    """Each missing text's mentions and features, in order: in worker processes when there are many and nothing else
    runs."""
    workers = min(os.cpu_count() or 1, len(missing) // PARALLEL_MIN)
    # NOTE: a fork copies only the calling thread, so it is safe only in a process with one thread (the command
    # line); the app's server has dozens and scans in its own thread, showing progress instead.
    if workers < 2 or threading.active_count() > 1 or "fork" not in mp.get_all_start_methods():
        for sid in missing:
            yield sid, _scanned(texts[sid].text, texts[sid].language)
        return
    jobs = [(texts[sid].text, texts[sid].language.CODE) for sid in missing]
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
        yield from zip(missing, pool.map(_find, jobs, chunksize=16), strict=True)


def _find(job: tuple[str, str]) -> Scanned:
    """A scan in a worker process (a language module cannot be pickled; its code can)."""
    text, code = job
    return _scanned(text, languages.get(code))


def _scanned(text: str, lang: languages.Language) -> Scanned:
    """The text's mentions, and their features as plain data for the entry."""
    found = find_mentions(text, lang)
    return found, features.features_of(text, found, lang).to_rows()


def unscanned(texts: Iterable[StoredText]) -> int:
    """How many of the texts have no scan in memory or in the cache folder (what a survey would have to scan)."""
    folder = cache_dir()
    count = 0
    for stored in texts:
        k = key(stored)
        with _lock:
            known = k in _memo
        count += not known and not (folder / f"{k}.json").is_file()
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
    try:
        body = _body(path.read_bytes())
        if body is None:
            return None
        rows = json.loads(body[0])
        # NOTE: one object per distinct span and word, not one per mention: json makes a new str or tuple for each, and
        # at 1,000 texts those copies were a third of the command's memory above validate's.
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        # NOTE: the checksum vouches for the rows' shape (we wrote them), so they are built without checking each field.
        return [
            Mention(
                sys.intern(kind),
                a,
                b,
                sys.intern(text),
                line,
                col,
                spans.setdefault((s0, s1), (s0, s1)),
                spans.setdefault((c0, c1), (c0, c1)),
                value,
                _word(qualifier),
                sys.intern(unit),
                low,
                _word(trend),
            )
            for kind, a, b, text, line, col, s0, s1, c0, c1, value, qualifier, unit, low, trend in rows
        ]
    except (OSError, ValueError, TypeError):
        return None


def _word(text: str | None) -> str | None:
    """`text` as the one shared copy of that string (None stays None)."""
    return None if text is None else sys.intern(text)


def _body(entry: bytes) -> tuple[bytes, bytes] | None:
    """An entry's mentions and features lines, or None when its first line's checksum does not vouch for them."""
    head, _, payload = entry.partition(b"\n")
    if head != _head(payload):
        return None
    found, newline, rest = payload.partition(b"\n")
    return (found, rest) if newline else None


def _head(payload: bytes) -> bytes:
    """An entry's first line: the layout's version and a checksum of the rows that follow it."""
    return f"{FORMAT} {hashlib.blake2b(payload, digest_size=16).hexdigest()}".encode()


def _write(path: Path, found: list[Mention], rows: list) -> None:
    """Keep the scan (mentions, features' rows) at `path` through a temporary file and a rename, so a reader never
    sees half an entry."""
    lines = [[_row(m) for m in found], rows]
    payload = b"\n".join(json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode() for line in lines)
    write_entry(path, _head(payload) + b"\n" + payload)


def write_entry(path: Path, data: bytes) -> None:
    """Write a cache entry through a temporary file and a rename; a folder that cannot be written is no error."""
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


def _row(m: Mention) -> list:
    """A mention as one flat row, in the order _read builds it back."""
    (s0, s1), (c0, c1) = m.sentence, m.clause
    return [
        m.kind,
        m.start,
        m.end,
        m.text,
        m.line,
        m.column,
        s0,
        s1,
        c0,
        c1,
        m.value,
        m.qualifier,
        m.unit,
        m.low,
        m.trend,
    ]
