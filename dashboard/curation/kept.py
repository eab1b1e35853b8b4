"""The suggestions on each text's mentions, kept in the user's cache folder under all that decides them.

A mention's suggested indicator and period depend only on its text and language (the scan's key), its source's
publication date, the suggester's inputs for that language (every indicator's id, name, category and unit, the
language's word profiles and weights: Suggester.fingerprint) and the code (VERSION). An entry is kept under the scan's
key and the date, in $XDG_CACHE_HOME/russia-dashboard/suggestions/<version>/; its first line holds the fingerprint
and a checksum of the rows, so another fingerprint is a miss and the entry is rewritten. A corrupt or unreadable
entry is ignored and rewritten; a cache folder that cannot be written is no error, only slower.
"""

from __future__ import annotations

import hashlib
import json
import sys
from functools import cache
from pathlib import Path

from dashboard import paths
from dashboard.curation import scans

#: Bumped when the entries' layout changes (the code's own changes are caught by version()).
FORMAT = 1
#: The modules that work suggestions out from the scan's features: an edit to any of them re-keys every entry.
_MODULES = ("curation.suggestions", "curation.ranking", "curation.naming", "curation.kept")

#: One mention's suggestions as plain data: start, end, then the indicator's id, name, because, new, category and
#: unit, then the period, its because and fallback.
Row = list


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
    return Path(_folder(str(paths.user_cache_dir()))) / f"{scan_key}.{published}.json"


@cache
def _folder(base: str) -> str:
    """The entries' folder under our cache folder `base` (a string: joining paths 50,000 times adds up)."""
    return str(Path(base) / "suggestions" / version())


def read(scan_key: str, published: str, fingerprint: str) -> list[Row] | None:
    """The rows kept for the text and date, or None when there are none, another fingerprint's, or damaged ones."""
    try:
        head, _, payload = entry_path(scan_key, published).read_bytes().partition(b"\n")
        if head != _head(fingerprint, payload):
            return None
        rows = json.loads(payload)
        return rows if isinstance(rows, list) else None
    except (OSError, ValueError):
        return None


def write(scan_key: str, published: str, fingerprint: str, rows: list[Row]) -> None:
    """Keep the rows for the text and date, under the fingerprint of the inputs they were worked out from."""
    payload = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode()
    scans.write_entry(entry_path(scan_key, published), _head(fingerprint, payload) + b"\n" + payload)


def _head(fingerprint: str, payload: bytes) -> bytes:
    """An entry's first line: the layout's version, the inputs' fingerprint and a checksum of the rows."""
    return f"{FORMAT} {fingerprint} {hashlib.blake2b(payload, digest_size=16).hexdigest()}".encode()
