"""What a page's own markup states about it (Open Graph, JSON-LD, meta tags), each field with where it was read.

NOTE: trafilatura's metadata guesses when the markup is silent (the title from the <h1>, the date from a "(c) 2025"
footer or a date in the body), and a guess must never be written down as `stated`. So the fields are read here
from the markup that states them, and nothing else: a field no tag states is left out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

#: Where each field is looked for, first found wins: (origin as the entry's comment names it, how to find it).
#: A ("meta", attribute, value) step reads <meta attribute=value content=…>; ("ld", key) reads a JSON-LD article's.
LOOKUPS: dict[str, tuple[tuple[str, ...], ...]] = {
    "title": (("meta", "property", "og:title"), ("ld", "headline"), ("meta", "name", "twitter:title")),
    "publisher": (("meta", "property", "og:site_name"), ("ld", "publisher")),
    "author": (("ld", "author"), ("meta", "name", "author"), ("meta", "property", "article:author")),
    "published": (
        ("meta", "property", "article:published_time"),
        ("ld", "datePublished"),
        ("meta", "itemprop", "datePublished"),
        ("meta", "name", "pubdate"),
        ("meta", "name", "date"),
    ),
    "url": (("meta", "property", "og:url"), ("link", "canonical"), ("ld", "url")),
}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|[T ])")


@dataclass
class Metadata:
    """Each field the markup states, and where it was read (`og:title`, `JSON-LD headline`…)."""

    values: dict[str, str] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)


def read_metadata(html: str) -> Metadata:
    """The fields the page's markup states: title, publisher, author, published (YYYY-MM-DD), url."""
    import lxml.html  # NOTE: imported here, as trafilatura is, so that validate and the app do not load it

    found = Metadata()
    try:
        # NOTE: lxml refuses a str that still carries an XML encoding declaration; the bytes are decoded already.
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html) or "<html></html>")
    except (ValueError, lxml.etree.ParserError):
        return found
    articles = list(_ld_articles(tree))
    for name, steps in LOOKUPS.items():
        for step in steps:
            value, origin = _look(tree, articles, step)
            value = _fit(name, value)
            if value:
                found.values[name], found.origins[name] = value, origin
                break
    return found


def _look(tree, articles: list[dict], step: tuple[str, ...]) -> tuple[str | None, str]:
    if step[0] == "meta":
        _, attribute, wanted = step
        for meta in tree.iter("meta"):
            if (meta.get(attribute) or "").strip().lower() == wanted.lower() and meta.get("content"):
                return meta.get("content"), f"<meta {attribute}={wanted}>"
        return None, ""
    if step[0] == "link":
        for link in tree.iter("link"):
            if step[1] in (link.get("rel") or "").lower().split() and link.get("href"):
                return link.get("href"), f'<link rel="{step[1]}">'
        return None, ""
    for article in articles:
        value = _named(article.get(step[1]))
        if value:
            return value, f"JSON-LD {step[1]}"
    return None, ""


def _fit(name: str, value: str | None) -> str | None:
    """The value as the entry holds it: one line of text; a date as YYYY-MM-DD; an author, not a profile link."""
    if value is None:
        return None
    value = " ".join(value.split())
    if name == "published":
        match = _ISO_DAY.match(value)
        if not match:
            return None
        try:
            dt.date.fromisoformat(match.group(1))
        except ValueError:
            return None
        return match.group(1)
    if name == "url":
        return value if re.match(r"^https?://\S+$", value) else None
    if name == "author" and re.match(r"^https?://", value):
        return None
    return value or None


def _ld_articles(tree) -> Iterator[dict]:
    """Every JSON-LD object on the page whose @type is an article of some kind (NewsArticle, BlogPosting…)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        yield from (item for item in _items(data) if _is_article(item))


def _items(data: object) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _items(item)
    elif isinstance(data, dict):
        yield data
        yield from _items(data.get("@graph", []))


def _is_article(item: dict) -> bool:
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and (k.endswith("Article") or k == "BlogPosting") for k in kinds)


def _named(value: object) -> str | None:
    """A JSON-LD value as text: a string, an object's `name`, or several names joined with commas."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _named(value.get("name"))
    if isinstance(value, list):
        names = [name for name in map(_named, value) if name]
        return ", ".join(names) or None
    return None
