"""Quotes located in the stored texts (character offsets), and values and hedges checked against them."""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

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

#: Hedge words that may stand right before a number, and the qualifier each one means.
HEDGES = {
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "over": "over",
    "more than": "over",
    "above": "over",
    "upwards of": "over",
    "in excess of": "over",
    "at least": "over",
    "under": "under",
    "less than": "under",
    "below": "under",
    "fewer than": "under",
    "up to": "up_to",
}
_HEDGE_BEFORE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, HEDGES), key=len, reverse=True)) + r")\s+[$€£]?$", re.IGNORECASE
)
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d])")
_WORD_NUMBERS = {
    word: n
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_WORD = re.compile(r"\b(" + "|".join(_WORD_NUMBERS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a quote stands in its stored text: character offsets [start, end) and the line it starts on."""

    start: int
    end: int
    line: int
    column: int
    match: Literal["exact", "normalised"]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number written in a quote, with its offsets in the quote."""

    value: float
    start: int
    end: int


def fold(text: str) -> tuple[str, list[int]]:
    """Text as a person types it (straight quotes, hyphens, single spaces) and each character's original offset."""
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
        out.append(_FOLD.get(ch, ch))
        where.append(i)
    where.append(len(text))
    return "".join(out), where


class StoredText:
    """A stored source text, with the folded copy used for tolerant matching made once, on first need."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def folded(self) -> tuple[str, list[int]]:
        """The text folded for tolerant matching, with each character's original offset."""
        return fold(self.text)

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

    def citation(self, start: int, end: int, match: Literal["exact", "normalised"]) -> Citation:
        """A citation of text[start:end]."""
        line, column = self.position(start)
        return Citation(start, end, line, column, match)


def locate_quote(quote: str, stored: StoredText) -> Citation | None:
    """Offsets of `quote` in the text: verbatim first, then tolerant of typed quotes, dashes, spaces and ellipses."""
    start = stored.text.find(quote)
    if start >= 0:
        return stored.citation(start, start + len(quote), "exact")
    folded, where = stored.folded
    pieces = [fold(piece)[0].strip() for piece in _ELLIPSIS.split(quote.strip())]
    pieces = [piece for piece in pieces if piece]
    if not pieces:
        return None
    begin = end = None
    cursor = 0
    for piece in pieces:
        found = folded.find(piece, cursor)
        # NOTE: the pieces of an elided quote must stand in one paragraph of the text, in order.
        if found < 0 or (end is not None and "\n" in stored.text[where[end - 1] : where[found]]):
            return None
        begin = found if begin is None else begin
        end = found + len(piece)
        cursor = end
    return stored.citation(where[begin], where[end - 1] + 1, "normalised")


def closest_passage(quote: str, stored: StoredText) -> tuple[int, str, str] | None:
    """The line of the text most like `quote`, and the first place they differ (quote's words, text's words)."""
    folded_quote = fold(quote)[0].strip()
    best_ratio, best_line = 0.0, None
    for number, line in enumerate(stored.text.split("\n"), start=1):
        if not line.strip():
            continue
        matcher = difflib.SequenceMatcher(None, folded_quote, fold(line)[0], autojunk=False)
        if matcher.quick_ratio() <= best_ratio:
            continue
        blocks = matcher.get_matching_blocks()
        ratio = sum(b.size for b in blocks) / max(len(folded_quote), 1)
        if ratio > best_ratio:
            best_ratio, best_line = ratio, (number, line)
    if best_line is None or best_ratio < 0.5:
        return None
    number, line = best_line
    folded_line = fold(line)[0]
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


def numbers_in(quote: str) -> list[NumberMention]:
    """Every number written in the quote, in digits ("16.1", "5,000") or as a word up to ninety."""
    found = [
        NumberMention(float(m.group(1).replace(",", "") + (m.group(2) or "")), m.start(), m.end())
        for m in _NUMBER.finditer(quote)
    ]
    found += [
        NumberMention(float(_WORD_NUMBERS[m.group(1).lower()]), m.start(), m.end()) for m in _WORD.finditer(quote)
    ]
    return sorted(found, key=lambda mention: mention.start)


def find_value(value: float, quote: str) -> NumberMention | None:
    """The first mention of `value` in the quote; a decline (negative value) matches its size, as texts word it."""
    size = abs(value)
    found = None
    for match in _NUMBER.finditer(quote):
        number = float(match.group(1).replace(",", "") + (match.group(2) or ""))
        if abs(number - size) <= 1e-9 * max(size, 1):
            found = NumberMention(number, match.start(), match.end())
            break
    # NOTE: only a number word before the first matching digits can come first; this skips building every mention.
    for match in _WORD.finditer(quote, 0, found.start if found else len(quote)):
        number = float(_WORD_NUMBERS[match.group(1).lower()])
        if abs(number - size) <= 1e-9 * max(size, 1):
            return NumberMention(number, match.start(), match.end())
    return found


def hedge_before(context: str) -> str | None:
    """The qualifier that a hedge word at the end of `context` expresses ("nearly" → nearly), if any."""
    match = _HEDGE_BEFORE.search(context)
    return HEDGES[match.group(1).lower()] if match else None


def hedge_for(mention: NumberMention, quote: str, citation: Citation | None, text: str | None) -> str | None:
    """The hedge word standing before a number, looked for in the quote and, when it starts there, the text."""
    before = quote[: mention.start]
    if citation is not None and text is not None and citation.match == "exact" and len(before.split()) < 3:
        before = text[max(0, citation.start - 40) : citation.start] + before
    return hedge_before(before)
