"""The suggestions on each text's mentions, kept in the user's cache folder under all that decides them.

A mention's suggested indicator and period depend only on its text and language (the scan's key), its source's
publication date, the suggester's inputs for that language (every indicator's id, name, category and unit, each of
the language's stems' weight and which indicators hold it: Suggester.fingerprint) and the code (VERSION). An entry
is kept under the scan's key and the date, in $XDG_CACHE_HOME/russia-dashboard/suggestions/<version>/; its first
line holds the fingerprint and a checksum of the rows, so another fingerprint is a miss and the entry is rewritten.
A corrupt or unreadable entry is ignored and rewritten; a cache folder that cannot be written is no error, only
slower.

Beside them the suggester's own making, the indicators' word profiles, weights and bit sets, is kept under the
hashes of every language's words (they decide it), so that a run with one new text need not make them again.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from dashboard import paths
from dashboard.curation import entries, scans
from dashboard.curation.mentions import Mention
from dashboard.curation.periods import PeriodSuggestion
from dashboard.curation.proposals import IndicatorSuggestion
from dashboard.curation.ranking import Holders

#: Bumped when the entries' layout changes (the code's own changes are caught by version()).
FORMAT = 4
#: The modules that work suggestions out from the scan's features: an edit to any of them re-keys every entry.
_MODULES = ("curation.suggestions", "curation.proposals", "curation.ranking", "curation.naming", "curation.kept")

#: One mention's suggestions as plain data: start, end, then the indicator's id, name, because, new, category and
#: unit, then the period, its because and fallback.
Row = list
#: Both suggestions on one mention.
Pair = tuple[IndicatorSuggestion, PeriodSuggestion]


@cache
def version() -> str:
    """A hash of the suggestion modules' source, the scan's rules version and FORMAT."""
    h = hashlib.blake2b(f"format {FORMAT} {scans.rules_version()}\0".encode(), digest_size=12)
    for name in _MODULES:
        path = Path(sys.modules[f"dashboard.{name}"].__file__ or "")
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def entry_path(scan_key: str, published: str) -> Path:
    """Where the suggestions on the text of `scan_key`, published on `published`, are kept."""
    folder = _folder(os.environ.get("XDG_CACHE_HOME", ""), os.environ.get("HOME", ""))
    return Path(folder, f"{scan_key}.{published}{entries.SUFFIX}")


@cache
def _folder(_xdg: str, _home: str) -> Path:
    """The entries' folder, worked out once for each cache folder the environment names (a run asks 1,000 times)."""
    return paths.user_cache_dir() / "suggestions" / version()


class Entry:
    """One text's kept suggestions: every mention's span and its text report's lines, and the rows (read if asked)."""

    __slots__ = ("_label", "_lines", "_path", "_places", "_rows", "heads", "spans")

    def __init__(self, spans: list[tuple[int, int]], heads: list[str], lines: list[str], path: Path, label: str):
        #: Every mention of the text in reading order, and its text-report line (head_of) less the file.
        self.spans, self.heads = spans, heads
        self._places: dict[tuple[int, int], int] = {}
        for place, span in enumerate(spans):
            # NOTE: of two mentions on one span the first one's suggestions stand, as they always have.
            self._places.setdefault(span, place)
        self._lines, self._path, self._label = lines, path, label
        self._rows: list[Row] | None = None

    def line(self, span: tuple[int, int]) -> str | None:
        """The text report's line of the mention on `span`, or None when the text has no such mention."""
        place = self._places.get(span)
        return None if place is None else self._lines[place]

    def row(self, span: tuple[int, int]) -> Row | None:
        """The suggestions on the mention on `span` as plain data; None when the text has no such mention, or when
        the entry's rows were damaged since its lines were read (the caller works them out again)."""
        place = self._places.get(span)
        if place is None:
            return None
        if self._rows is None:
            # NOTE: only the JSON and YAML reports and the app ask for rows; the text report reads only the lines.
            part = entries.read(self._path, self._label, [1])
            try:
                self._rows = marshal.loads(part[0]) if part is not None else None
            except (ValueError, TypeError, EOFError):
                self._rows = None
            if self._rows is None:
                return None
        return self._rows[place]

    def table(self) -> tuple[list[Row], list[str]] | None:
        """Every mention's row and report line, in the entry's order; None when its rows are damaged."""
        if self.spans and self.row(self.spans[0]) is None:
            return None
        return (self._rows or []), self._lines


def read(scan_key: str, published: str, fingerprint: str) -> Entry | None:
    """The entry kept for the text and date, or None when there is none, another fingerprint's, or a damaged one."""
    path, label = entry_path(scan_key, published), f"{FORMAT} {fingerprint}"
    part = entries.read(path, label, [0])
    return _entry_of(path, label, part) if part is not None else None


def _entry_of(path: Path, label: str, parts: list[bytes]) -> Entry | None:
    """The entry of these parts (the lines, and the rows when given), or None when they are of the wrong shape."""
    try:
        spans, heads, lines = marshal.loads(parts[0])
        entry = Entry(spans, heads, lines, path, label)
        if len(parts) > 1:
            entry._rows = marshal.loads(parts[1])
        return entry
    except (ValueError, TypeError, EOFError):
        return None


def read_previous(scan_key: str, published: str) -> tuple[Entry, str] | None:
    """The entry kept for the text and date whatever its fingerprint, its rows read, and that fingerprint; None when
    there is none or it is damaged (a save that changed the indicators' words reuses what they did not change)."""
    path = entry_path(scan_key, published)
    # NOTE: an entry's label is two words, FORMAT and the fingerprint, as write() labels it.
    found = entries.read_labelled(path, 2, [0, 1])
    if found is None or not found[0].startswith(f"{FORMAT} "):
        return None
    entry = _entry_of(path, found[0], found[1])
    return None if entry is None else (entry, found[0].split(" ")[1])


def holds(scan_key: str, published: str, fingerprint: str) -> bool:
    """Whether an entry for the text and date is kept under `fingerprint` (its first line says; nothing is checked)."""
    return entries.read(entry_path(scan_key, published), f"{FORMAT} {fingerprint}", []) is not None


def write(
    scan_key: str, published: str, fingerprint: str, rows: list[Row], heads: list[str], lines: list[str]
) -> Entry:
    """Keep the rows (each starting with its span) and their report lines for the text and date, under the
    fingerprint of the inputs they were worked out from."""
    path, label = entry_path(scan_key, published), f"{FORMAT} {fingerprint}"
    spans = [(row[0], row[1]) for row in rows]
    parts: list[Any] = [[spans, heads, lines], rows]
    entries.write(path, label, [marshal.dumps(p) for p in parts])
    entry = Entry(spans, heads, lines, path, label)
    entry._rows = rows
    return entry


def row_of(mention: Mention, pair: Pair) -> Row:
    """A mention's suggestions as a kept entry's row."""
    ind, per = pair
    named = [ind.id, ind.name, list(ind.because), ind.new, ind.category, ind.unit]
    return [mention.start, mention.end, *named, per.period, per.because, per.fallback]


def line_of(pair: Pair) -> str:
    """Both suggestions on one line: `indicator_id (because "…", "…"); period 2025-05 (from "…")`."""
    ind, per = pair
    why = ", ".join(f'"{w}"' for w in ind.because) or "no words matched"
    head = f"new indicator {ind.id} ({ind.category}, {ind.unit or 'unit?'})" if ind.new else ind.id
    return f'{head} (because {why}); period {per.period} ({"fallback: " if per.fallback else "from "}"{per.because}")'


def pair_of(row: Row) -> Pair:
    """A kept entry's row as the suggestions row_of was given."""
    _, _, ident, name, because, new, category, unit, period, why, fallback = row
    indicator = IndicatorSuggestion(ident, name, tuple(because), new, category, unit)
    return indicator, PeriodSuggestion(period, why, fallback)


def period_of(row: Row) -> PeriodSuggestion:
    """A kept entry's row's period suggestion."""
    return PeriodSuggestion(row[8], row[9], row[10])


def head_of(mention: Mention, text: str) -> str:
    """A mention's first line in the text report, less its file: `LINE:COL: kind: "mention" — sentence`."""
    s0, s1 = mention.sentence
    return f'{mention.line}:{mention.column}: {mention.kind}: "{mention.text}" — {text[s0:s1]}'


#: How many sets of profiles the cache folder keeps, the newest.
PROFILES_KEPT = 4
#: The suggester's making: by language code, the word profiles (indicator id → stem → count), the stems' weights
#: and the indicators' bit sets.
Made = tuple[dict[str, dict[str, Counter[str]]], dict[str, dict[str, float]], dict[str, Holders]]


def profiles_path(fingerprints: dict[str, str]) -> Path:
    """Where the profiles made under these fingerprints (language code → fingerprint) are kept."""
    h = hashlib.blake2b(repr(sorted(fingerprints.items())).encode(), digest_size=16)
    folder = _folder(os.environ.get("XDG_CACHE_HOME", ""), os.environ.get("HOME", ""))
    return Path(folder, "profiles", f"{h.hexdigest()}{entries.SUFFIX}")


def read_profiles(fingerprints: dict[str, str]) -> Made | None:
    """The profiles kept for these fingerprints, or None when there are none or they are damaged."""
    part = entries.read(profiles_path(fingerprints), f"{FORMAT} profiles", [0])
    try:
        if part is None:
            return None
        profiles, weights, holders = marshal.loads(part[0])
        counted = {code: {i: Counter(words) for i, words in by.items()} for code, by in profiles.items()}
        return counted, weights, {code: Holders(*h) for code, h in holders.items()}
    except (ValueError, TypeError, EOFError):
        return None


def read_fingerprints(fingerprints: dict[str, str]) -> dict[str, str] | None:
    """The suggestions' fingerprints of the profiles kept for these word hashes (their second part, read alone: a
    run whose suggestions are all kept needs nothing else of them), or None when there are none or they are damaged."""
    part = entries.read(profiles_path(fingerprints), f"{FORMAT} profiles", [1])
    try:
        found = marshal.loads(part[0]) if part is not None else None
        return found if isinstance(found, dict) and fingerprints.keys() <= found.keys() else None
    except (ValueError, TypeError, EOFError):
        return None


def write_profiles(fingerprints: dict[str, str], made: Made, made_prints: dict[str, str]) -> None:
    """Keep the profiles made under these word hashes, as plain data (marshal knows no Counter nor dataclass), and
    the suggestions' fingerprints worked out from them."""
    profiles, weights, holders = made
    plain = {code: {i: dict(words) for i, words in by.items()} for code, by in profiles.items()}
    bits = {code: (h.ids, h.stems, h.percent, h.everyone) for code, h in holders.items()}
    path = profiles_path(fingerprints)
    if entries.write(path, f"{FORMAT} profiles", [marshal.dumps((plain, weights, bits)), marshal.dumps(made_prints)]):
        # NOTE: each save that changes an indicator's words makes new profiles (0.3 MB at 1,000 indicators), and only
        # the latest few are asked for again (an edit undone): the rest would pile up over a day of curating.
        entries.keep_newest(path.parent, PROFILES_KEPT)


#: One language's indicators as a suggestion reads them, kept under its fingerprint: a hash of the indicators' ids,
#: names, categories and units, each stem's weight, and the bits of the indicators holding each stem.
Snapshot = tuple[str, dict[str, float], dict[str, int]]


def read_made(fingerprint: str) -> Snapshot | None:
    """What the fingerprint was made of, or None when it was not kept or is damaged."""
    part = entries.read(_made_path(fingerprint), f"{FORMAT} made", [0])
    try:
        if part is None:
            return None
        named, weights, stems = marshal.loads(part[0])
        return str(named), dict(weights), dict(stems)
    except (ValueError, TypeError, EOFError):
        return None


def write_made(fingerprint: str, made: Snapshot) -> None:
    """Keep what the fingerprint was made of, for a later save's suggestions to tell which stems it changed."""
    path = _made_path(fingerprint)
    if entries.write(path, f"{FORMAT} made", [marshal.dumps(made)]):
        entries.keep_newest(path.parent, 2 * PROFILES_KEPT)


def _made_path(fingerprint: str) -> Path:
    folder = _folder(os.environ.get("XDG_CACHE_HOME", ""), os.environ.get("HOME", ""))
    return Path(folder, "made", f"{fingerprint}{entries.SUFFIX}")
