"""Where a sentence ends: one rule for the quote check (an omission may not skip one) and the curation assistant."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from dashboard.evidence import language as languages
from dashboard.evidence.language import Language

#: A stop, the closing quotes or brackets after it, and the space after them.
_STOP = re.compile(r"[.!?…][”’\"'»)\]]*\s+")
#: Characters before a period that the abbreviation test reads, enough for the longest one ("U.S.A", "approx").
_LOOKBACK = 12
#: Characters past the end of a range a stop may still need: its closing marks, its space, the next word's start.
_LOOKAHEAD = 64


@cache
def _abbreviation(lang: Language | None) -> re.Pattern[str]:
    """What a period may follow without ending the sentence in a language: initials or a common abbreviation."""
    return re.compile((lang or languages.get(None)).ABBREVIATION)


def sentence_ends(
    text: str, start: int = 0, end: int | None = None, lang: Language | None = None
) -> Iterator[tuple[int, int]]:
    """(stop, next) for each sentence end whose stop stands in text[start:end]; `next` is where the next one begins."""
    end = len(text) if end is None else end
    abbreviation = _abbreviation(lang)
    lang_ = lang or languages.get(None)
    for match in _STOP.finditer(text, start, min(len(text), end + _LOOKAHEAD)):
        if match.start() >= end:
            return
        # NOTE: a lowercase word after the stop continues the sentence ("approx. ten"); anything else starts one,
        # in any script ("$10 billion", "«Да»", "Éric"), as does the end of the text.
        following = text[match.end() : match.end() + 1]
        if following.islower() or lang_.STOP_CONTINUES.match(text, match.end()):
            continue
        # NOTE: the word before the stop may stand before `start` (a quote's piece ending "Sen"), so it is read there.
        if text[match.start()] == "." and abbreviation.search(text, max(0, match.start() - _LOOKBACK), match.start()):
            continue
        yield match.start(), match.end()


def ends_a_sentence(text: str, start: int, end: int, lang: Language | None = None) -> bool:
    """Whether text[start:end] holds a sentence end or a line break (an omission must not skip either)."""
    return "\n" in text[start:end] or next(sentence_ends(text, start, end, lang), None) is not None


def sentences(line: str, lang: Language | None = None) -> list[tuple[int, int]]:
    """[start, end) of each sentence in one line (paragraph), trimmed of spaces."""
    spans, begin = [], 0
    for _, following in sentence_ends(line, lang=lang):
        spans.append((begin, following))
        begin = following
    spans.append((begin, len(line)))
    return [trim(line, a, b) for a, b in spans if line[a:b].strip()]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) narrowed past the spaces at either side."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
