"""Bytes of a saved page or text → text: the charset the page or the server declares, else one told from the bytes."""

from __future__ import annotations

import codecs
import re

#: The charsets a Russian or English page is told apart in when it declares none (UTF-8 is tried first).
CYRILLIC_CHARSETS = ("windows-1251", "koi8-r")
#: How far into a page its <meta charset> is looked for; HTML requires it in the first 1024 bytes, some pages are late.
META_WINDOW = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def charset_in(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header (`text/html; charset=windows-1251`), if any."""
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.\-]+)", content_type or "", re.IGNORECASE)
    return match.group(1) if match else None


def declared_charset(raw: bytes) -> str | None:
    """The charset a page declares in its own markup (`<meta charset>` or `http-equiv` Content-Type)."""
    match = _META_CHARSET.search(raw[:META_WINDOW])
    return match.group(1).decode("ascii") if match else None


def decode_page(raw: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """An HTML page's text and the charset it was read in: a byte-order mark, the server's, the page's, else told."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return raw.decode(name, errors="replace"), name.removesuffix("-sig")
    if not raw.isascii():
        try:
            # NOTE: bytes in a Cyrillic single-byte charset almost never form valid UTF-8, while a page saved as UTF-8
            # often keeps the <meta charset> it was served with; valid UTF-8 outweighs the declaration.
            return raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    for declared in (header_charset, declared_charset(raw)):
        known = known_charset(declared)
        if known is not None:
            # NOTE: a page that declares one charset and is in another gets a few replacement marks, not a refusal:
            # browsers read it the same way, and the text check after extraction refuses a page that is gibberish.
            return raw.decode(known, errors="replace"), known
    return decode_text(raw)


def decode_text(raw: bytes) -> tuple[str, str]:
    """A text's content and its charset: UTF-8 when the bytes are valid UTF-8, else the likelier Cyrillic one."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded = [(raw.decode(name, errors="replace"), name) for name in CYRILLIC_CHARSETS]
    return max(decoded, key=lambda pair: _lowercase_share(pair[0]))


def known_charset(name: str | None) -> str | None:
    """Python's name for a declared charset, or None when Python does not know it."""
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _lowercase_share(text: str) -> float:
    """Share of lowercase among the Cyrillic letters.

    NOTE: KOI8-R puts the lowercase letters where windows-1251 has the capitals (and the other way round), so
    a text read in the wrong one of the two comes out in capitals; prose in its right charset is mostly lowercase.
    """
    letters = [ch for ch in text if "\u0400" <= ch <= "\u04ff"]
    return sum(ch.islower() for ch in letters) / len(letters) if letters else 0.0
