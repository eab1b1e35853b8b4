"""What the curator hands add-source, read: a saved .html page, a .txt text, or an http(s) URL, as text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from dashboard.curation import decoding, fetch
from dashboard.problems import Problem, error
from dashboard.yamlio.reading import read_bytes

#: How each file name ending is read; anything else is refused (a PDF, a .doc, an image).
SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "text"}


@dataclass(frozen=True, slots=True)
class Page:
    """A page or text as text, with what it is (html | text), the charset it was read in and its address if any."""

    text: str
    kind: str
    charset: str
    url: str | None
    label: str


def is_address(target: str) -> bool:
    """Whether the argument is an address (`scheme://…`) rather than a file path."""
    return "://" in target or urlsplit(target).scheme in ("http", "https", "ftp", "file", "data")


def read_input(target: str) -> Page | Problem:
    """The page or text at a path or an http(s) URL, decoded, or the problem that stopped it."""
    if is_address(target):
        scheme = urlsplit(target).scheme.lower()
        if scheme not in fetch.SCHEMES:
            message = f"'{scheme}:' addresses are not fetched; give an http(s) URL or a saved .html or .txt file"
            return error("unsupported-input", target, None, None, message)
        got = fetch.fetch(target)
        if isinstance(got, Problem):
            return got
        charset = decoding.charset_in(got.content_type)
        return _decoded(got.raw, got.kind, charset, got.url, target)
    path = Path(target)
    kind = SUFFIXES.get(path.suffix.lower())
    raw, problems = read_bytes(path, target, fetch.MAX_PAGE_BYTES)
    if raw is None:
        return problems[0]
    if kind is None:
        message = f"'{path.suffix or path.name}' files are not read; give a saved .html page or a .txt text"
        return error("unsupported-input", target, None, None, message)
    return _decoded(raw, kind, None, None, target)


def _decoded(raw: bytes, kind: str, header_charset: str | None, url: str | None, label: str) -> Page:
    if kind == "html":
        text, charset = decoding.decode_page(raw, header_charset)
    elif header_charset is not None and decoding.known_charset(header_charset):
        text, charset = raw.decode(header_charset, errors="replace"), header_charset
    else:
        text, charset = decoding.decode_text(raw)
    return Page(text, kind, charset, url, label)
