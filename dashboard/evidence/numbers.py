"""Numbers as a stored text writes them, in its language's syntax ("5,000" in English; "5,6", "160 000" in Russian)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dashboard.evidence import language as languages
from dashboard.evidence.language import Language
from dashboard.evidence.literals import quickened

#: How far past a cited span a number is read, so that a quote that cuts a number short ("1" of "16.1") fails.
_NUMBER_TAIL = 32


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number written in a quote, with its offsets in the quote."""

    value: float
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NumberSyntax:
    """A language's number patterns, compiled once: digits, and number words."""

    digits: re.Pattern[str]
    group: dict[int, None]
    words: re.Pattern[str]
    word_values: dict[str, int]
    #: The values some number word has, so a search for any other value skips reading words.
    word_sizes: frozenset[float]

    def read(self, match: re.Match[str]) -> float:
        """The value of a number in digits, whatever its language's separators."""
        whole, decimals = match.group(1), match.group(2)
        return float(whole.translate(self.group) + ("." + decimals[1:] if decimals else ""))


@cache
def syntax(lang: Language | None = None) -> NumberSyntax:
    """The number syntax of a language (English when none is given)."""
    lang = lang or languages.get(None)
    group = dict.fromkeys(map(ord, lang.GROUP))
    alternatives = "|".join(sorted(map(re.escape, lang.WORD_NUMBERS), key=len, reverse=True))
    # NOTE: every number word starts with a letter, so (?=\w) changes no match; it lets the engine pass over spaces
    # and punctuation without trying each word there.
    words = quickened(re.compile(r"(?=\w)\b(" + alternatives + r")\b", re.IGNORECASE))
    values = dict(lang.WORD_NUMBERS)
    return NumberSyntax(re.compile(lang.NUMBER), group, words, values, frozenset(map(float, values.values())))


def numbers_in(quote: str, lang: Language | None = None, words: bool = True) -> list[NumberMention]:
    """Every number written in the quote, in digits ("16.1", "5,000") or as a number word (unless `words` is False)."""
    syn = syntax(lang)
    found = [NumberMention(syn.read(m), m.start(), m.end()) for m in syn.digits.finditer(quote)]
    if not words:
        return found
    found += [
        NumberMention(float(syn.word_values[m.group(1).lower()]), m.start(), m.end()) for m in syn.words.finditer(quote)
    ]
    return sorted(found, key=lambda mention: mention.start)


def find_value(value: float, quote: str, lang: Language | None = None) -> NumberMention | None:
    """The first mention of `value` in the quote; a decline (negative value) matches its size, as texts word it."""
    syn = syntax(lang)
    size = abs(value)
    found = None
    for match in syn.digits.finditer(quote):
        number = syn.read(match)
        if abs(number - size) <= 1e-9 * max(size, 1):
            found = NumberMention(number, match.start(), match.end())
            break
    # NOTE: only a number word before the first matching digits can come first; this skips building every mention.
    for match in syn.words.finditer(quote, 0, found.start if found else len(quote)):
        number = float(syn.word_values[match.group(1).lower()])
        if abs(number - size) <= 1e-9 * max(size, 1):
            return NumberMention(number, match.start(), match.end())
    return found


def find_value_in_text(
    value: float, text: str, spans: tuple[tuple[int, int], ...], lang: Language | None = None
) -> tuple[NumberMention | None, bool]:
    """The first mention of `value` inside one cited span, read in the text itself (offsets into the text).

    Also says whether a mention was passed over for standing first in a piece after an omission, where the words
    that say what it counts were left out.
    """
    syn = syntax(lang)
    size, skipped, end_of_text = abs(value), False, len(text)
    tolerance = 1e-9 * max(size, 1)
    for k, (a, b) in enumerate(spans):
        # NOTE: reading on past the span means a quote that stops inside a number ("16" of "16.1") does not match.
        stop = min(b + _NUMBER_TAIL, end_of_text)
        found = None
        for m in syn.digits.finditer(text, a, stop):
            if m.end() > b:
                break  # this number runs past the quote, and every later one starts past it
            if m.start() == a and _inside_group(text, a, syn):
                continue  # the quote starts inside a grouped number ("150 000" of "12 150 000")
            number = syn.read(m)
            if abs(number - size) <= tolerance:
                if k and _bare(text, a, m.start()):
                    skipped = True
                    continue
                found = NumberMention(number, m.start(), m.end())
                break
        # NOTE: only a number word before the first matching digits can come first, so only that stretch is read;
        # a number word is at most fifteen letters, so sixteen more characters let \b see the text's next character.
        # A value no number word has (16.1, 5,000) needs no word read at all.
        limit = found.start if found else b
        if size not in syn.word_sizes:
            limit = a
        for m in syn.words.finditer(text, a, min(limit + 16, stop) if limit > a else a):
            if m.start() >= limit or m.end() > b:
                break
            word_value = syn.word_values[m.group(1).lower()]
            if abs(word_value - size) <= tolerance:
                if k and _bare(text, a, m.start()):
                    skipped = True
                    continue
                return NumberMention(float(word_value), m.start(), m.end()), skipped
        if found:
            return found, skipped
    return None, skipped


def _inside_group(text: str, at: int, syn: NumberSyntax) -> bool:
    """Whether offset `at` follows a digit and a group separator, so a number there is the tail of a longer one."""
    return at >= 2 and ord(text[at - 1]) in syn.group and text[at - 2].isdigit()


def _bare(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds no word, so a number at `end` opens its piece of an elided quote."""
    return not any(ch.isalnum() for ch in text[start:end])
