"""Quotes located in the stored texts: character offsets of each piece, a second place, or why not."""

from __future__ import annotations

import bisect
import difflib
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from dashboard.evidence import language as languages
from dashboard.evidence.language import Language
from dashboard.evidence.numbers import NumberMention
from dashboard.evidence.sentences import ends_a_sentence
from dashboard.evidence.wording import hedge_before

#: What a person types in place of the typographic characters stored texts use.
_FOLD = {
    **dict.fromkeys("‘’‚‛′`´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
}
_SPACES = frozenset(
    " \t\r\n\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a quote stands in its stored text: character offsets [start, end) and the line it starts on."""

    start: int
    end: int
    line: int
    column: int
    match: Literal["exact", "normalised"]
    #: Each piece of an elided quote as [start, end) in the text (one span when nothing is left out);
    #: start and end above are the overall span, which a highlight may use until it draws the pieces.
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class QuoteSearch:
    """What looking for a quote found: its citation, a second place it also fits, or why an omission was refused."""

    citation: Citation | None
    #: Offset of a second place in the text that the quote fits equally well, when there is one.
    again: int | None = None
    #: Why the pieces around an omission, though each is in the text, do not make one citation.
    refused: str | None = None


def fold(text: str, lang: Language | None = None) -> tuple[str, list[int]]:
    """Text as a person types it (straight quotes, hyphens, single spaces, the language's folded letters such as ё
    typed as е) and each character's original offset."""
    table = {**_FOLD, **(lang.FOLD if lang is not None else {})}
    out: list[str] = []
    where: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch in _SPACES:
            if not in_space:
                out.append(" ")
                where.append(i)
            in_space = True
            continue
        in_space = False
        out.append(table.get(ch, ch))
        where.append(i)
    where.append(len(text))
    return "".join(out), where


def _restored(text: str, code: str, sha256: str | None) -> StoredText:
    """A StoredText as StoredText.__reduce__ sent it."""
    return StoredText(text, languages.get(code), sha256)


class StoredText:
    """A stored source text, with the folded copy used for tolerant matching made once, on first need."""

    def __init__(self, text: str, language: Language | None = None, sha256: str | None = None) -> None:
        """`sha256`, when given, is the hex SHA-256 of the text's UTF-8 bytes, already worked out by the reader."""
        self.text = text
        #: The language the text is read in (its numbers, hedges, sign words and sentence ends).
        self.language = language or languages.get(None)
        if sha256 is not None:
            self.__dict__["sha256"] = sha256

    def __reduce__(self) -> tuple:
        # NOTE: a language is a module, which pickle cannot send, so it goes by its code (records/beside.py sends
        # the texts read in another process); the folded copy and line starts are made again when first asked for.
        return (_restored, (self.text, self.language.CODE, self.__dict__.get("sha256")))

    @cached_property
    def folded(self) -> tuple[str, list[int]]:
        """The text folded for tolerant matching, with each character's original offset."""
        return fold(self.text, self.language)

    @cached_property
    def sha256(self) -> str:
        """The SHA-256 of the text's UTF-8 bytes, in hex: what the curation caches key a text's scan on."""
        # NOTE: kept, as a run asks for it once per cache it reads (0.02 s a time at 1,000 texts).
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    @cached_property
    def line_starts(self) -> list[int]:
        """Offset of the first character of each line."""
        # NOTE: str.find scans in C; a per-character Python loop here was a tenth of a 10,000-indicator load.
        starts = [0]
        find, at = self.text.find, self.text.find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = find("\n", at + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def citation(
        self, start: int, end: int, match: Literal["exact", "normalised"], spans: tuple[tuple[int, int], ...] = ()
    ) -> Citation:
        """A citation of text[start:end], made of `spans` when pieces were left out."""
        line, column = self.position(start)
        return Citation(start, end, line, column, match, spans or ((start, end),))


def locate_quote(quote: str, stored: StoredText) -> Citation | None:
    """Offsets of `quote` in the text: verbatim first, then tolerant of typed quotes, dashes, spaces and ellipses."""
    return search_quote(quote, stored).citation


def search_quote(quote: str, stored: StoredText) -> QuoteSearch:
    """Where `quote` stands in the text (the first place), a second place it fits, or why an omission fails."""
    text = stored.text
    start = text.find(quote)
    if start >= 0:
        again = text.find(quote, start + 1)
        return QuoteSearch(stored.citation(start, start + len(quote), "exact"), again if again >= 0 else None)
    pieces = [fold(piece, stored.language)[0].strip() for piece in _ELLIPSIS.split(quote.strip())]
    pieces = [piece for piece in pieces if piece]
    if not pieces:
        return QuoteSearch(None)
    found, refused = [], None
    for spans in _elided_matches(pieces, stored):
        if spans is None:
            refused = refused or "its pieces stand in different sentences"
            continue
        found.append(spans)
        if len(found) == 2:
            break
    if not found:
        return QuoteSearch(None, refused=refused)
    spans = found[0]
    citation = stored.citation(spans[0][0], spans[-1][1], "normalised", spans)
    return QuoteSearch(citation, found[1][0][0] if len(found) > 1 else None)


def _elided_matches(pieces: list[str], stored: StoredText) -> Iterator[tuple[tuple[int, int], ...] | None]:
    """Each placement of the pieces in order, one per place the first piece fits; None where a sentence ends between."""
    folded, where = stored.folded
    text = stored.text
    first = pieces[0]
    # NOTE: the earliest place of each later piece is remembered, so many places of the first piece stay linear.
    earliest = [-1] * len(pieces)
    at = folded.find(first)
    while at >= 0:
        spans = [(at, at + len(first))]
        cursor = at + len(first)
        for k in range(1, len(pieces)):
            found = earliest[k] if earliest[k] >= cursor else folded.find(pieces[k], cursor)
            if found < 0:
                return  # a later place of the first piece only leaves less room
            earliest[k] = found
            # NOTE: an omission may skip words, never a sentence end: that would join two statements into one.
            if ends_a_sentence(text, where[cursor - 1] + 1, where[found], stored.language):
                yield None
                break
            spans.append((found, found + len(pieces[k])))
            cursor = found + len(pieces[k])
        else:
            yield tuple((where[a], where[b - 1] + 1) for a, b in spans)
        at = folded.find(first, at + 1)


def closest_passage(quote: str, stored: StoredText) -> tuple[int, str, str] | None:
    """The line of the text most like `quote`, and the first place they differ (quote's words, text's words)."""
    lang = stored.language
    folded_quote = fold(quote, lang)[0].strip()
    best_ratio, best_line = 0.0, None
    for number, line in enumerate(stored.text.split("\n"), start=1):
        if not line.strip():
            continue
        matcher = difflib.SequenceMatcher(None, folded_quote, fold(line, lang)[0], autojunk=False)
        if matcher.quick_ratio() <= best_ratio:
            continue
        blocks = matcher.get_matching_blocks()
        ratio = sum(b.size for b in blocks) / max(len(folded_quote), 1)
        if ratio > best_ratio:
            best_ratio, best_line = ratio, (number, line)
    if best_line is None or best_ratio < 0.5:
        return None
    number, line = best_line
    folded_line = fold(line, lang)[0]
    matcher = difflib.SequenceMatcher(None, folded_quote, folded_line, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    lo = max(blocks[0].b - blocks[0].a, 0)
    hi = min(blocks[-1].b + blocks[-1].size + (len(folded_quote) - blocks[-1].a - blocks[-1].size), len(folded_line))
    region = folded_line[lo:hi]
    for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(None, folded_quote, region, autojunk=False).get_opcodes():
        if tag != "equal":
            return number, _widen(folded_quote, a0, a1), _widen(region, b0, b1)
    return number, "", ""


def _widen(text: str, start: int, end: int) -> str:
    """The whole words around text[start:end], so a difference reads as words, not letters."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end].strip()


def hedge_for(mention: NumberMention, quote: str, citation: Citation | None, stored: StoredText) -> str | None:
    """The hedge word standing before a number, looked for in the quote and, when it starts there, the text."""
    before = quote[: mention.start]
    if citation is not None and citation.match == "exact" and len(before.split()) < 3:
        reach = stored.language.CONTEXT
        before = stored.text[max(0, citation.start - reach) : citation.start] + before
    return hedge_before(before, stored.language)
