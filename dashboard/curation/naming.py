"""A new source's id (`rbc-2025-03`, made unique) and its stored text's file name (`seeds/NNN_ID.txt`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

#: Russian letters in Latin, as the passport transliteration (ICAO 9303) writes them; ъ and ь leave no trace.
CYRILLIC_TO_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e iu ia".split(),
        strict=True,
    )
)
#: Words a publisher's name may open with that say nothing of which one it is.
ARTICLES = ("the",)
#: Longest publisher part of an id, so that the id stays under the schema's 64 characters with its -YYYY-MM-NN.
MAX_STEM = 40
_SEED_NUMBER = re.compile(r"^(\d{3})_")


def transliterate(text: str) -> str:
    """The text in lowercase Latin letters: Cyrillic by CYRILLIC_TO_LATIN, accents dropped."""
    out = []
    for ch in text.lower():
        latin = CYRILLIC_TO_LATIN.get(ch)
        out.append("" if latin == "-" else latin if latin is not None else ch)
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slug(text: str) -> str:
    """Lowercase words of Latin letters and digits joined by hyphens (`The Ledger Tribune` → `ledger-tribune`)."""
    words = re.findall(r"[a-z0-9]+", transliterate(text))
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return "-".join(words)[:MAX_STEM].strip("-")


def host_name(url: str | None) -> str | None:
    """The site's name from its address (`https://www.rbc.ru/…` → `rbc`), for a page that states no publisher."""
    host = urlsplit(url or "").hostname or ""
    labels = [label for label in host.split(".") if label and label != "www"]
    return labels[-2] if len(labels) >= 2 else labels[0] if labels else None


def source_id(stem: str | None, published: str | None, taken: Iterable[str]) -> str:
    """`stem-YYYY-MM` for the publication month, with -2, -3… when that id is taken."""
    base = slug(stem or "") or "source"
    if published:
        base = f"{base}-{published[:7]}"
    taken = set(taken)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def seed_file(seeds: Path, sid: str) -> Path:
    """`seeds/NNN_ID.txt` with the next three-digit number after the highest one in use."""
    numbers = [int(m.group(1)) for p in seeds.iterdir() if (m := _SEED_NUMBER.match(p.name))] if seeds.is_dir() else []
    return seeds / f"{max(numbers, default=-1) + 1:03d}_{sid}.txt"
