"""Numbers, hedge words and sign words as a stored text writes them, read in and around a cited passage."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
#: How far before a number the text is read for its hedge and sign words ("shrunk by about ", "more than $").
_CONTEXT = 40
#: How far past a cited span a number is read, so that a quote that cuts a number short ("1" of "16.1") fails.
_NUMBER_TAIL = 32
#: The upper end of a range ("10–15", "10 to 15", "between 10 and 15"), which `up_to` states as the project does.
_RANGE_BEFORE = re.compile(r"\d\s*(?:[-–—]|to|and)\s*[$€£]?$")
#: Words that say a figure fell or rose, when they stand right before it (with "by" and a hedge between at most);
#: "down" and "up" count only with "by", since "up to" is a hedge and "down to" a level.
_DECLINE = frozenset(
    "shrunk shrank shrink shrinks fell fall falls dropped drop drops declined decline declines lost lose loses cut "
    "cuts decreased decrease decreases plunged plummeted slumped tumbled down".split()
)
_RISE = frozenset(
    "rose rise rises grew grow grows increased increase increases jumped jump jumps surged soared climbed up".split()
)


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number written in a quote, with its offsets in the quote."""

    value: float
    start: int
    end: int


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


def find_value_in_text(
    value: float, text: str, spans: tuple[tuple[int, int], ...]
) -> tuple[NumberMention | None, bool]:
    """The first mention of `value` inside one cited span, read in the text itself (offsets into the text).

    Also says whether a mention was passed over for standing first in a piece after an omission, where the words
    that say what it counts were left out.
    """
    size, skipped, end_of_text = abs(value), False, len(text)
    tolerance = 1e-9 * max(size, 1)
    for k, (a, b) in enumerate(spans):
        # NOTE: reading on past the span means a quote that stops inside a number ("16" of "16.1") does not match.
        stop = min(b + _NUMBER_TAIL, end_of_text)
        found = None
        for m in _NUMBER.finditer(text, a, stop):
            if m.end() > b:
                break  # this number runs past the quote, and every later one starts past it
            number = float(m.group(1).replace(",", "") + (m.group(2) or ""))
            if abs(number - size) <= tolerance:
                if k and _bare(text, a, m.start()):
                    skipped = True
                    continue
                found = NumberMention(number, m.start(), m.end())
                break
        # NOTE: only a number word before the first matching digits can come first, so only that stretch is read;
        # a number word is at most nine letters, so ten more characters let \b see the text's next character.
        limit = found.start if found else b
        for m in _WORD.finditer(text, a, min(limit + 10, stop)):
            if m.start() >= limit or m.end() > b:
                break
            number = _WORD_NUMBERS[m.group(1).lower()]
            if abs(number - size) <= tolerance:
                if k and _bare(text, a, m.start()):
                    skipped = True
                    continue
                return NumberMention(float(number), m.start(), m.end()), skipped
        if found:
            return found, skipped
    return None, skipped


def _bare(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds no word, so a number at `end` opens its piece of an elided quote."""
    return not any(ch.isalnum() for ch in text[start:end])


def context_before(text: str, offset: int) -> str:
    """The words of the text just before `offset`, where a hedge or a sign word stands."""
    return text[max(0, offset - _CONTEXT) : offset]


def sign_against(value: float, context: str) -> str | None:
    """The decline word before a positive value, or the rise word before a negative one; None when they agree."""
    match = _HEDGE_BEFORE.search(context)
    return _sign_word(value, context[: match.start()] if match else context)


def _sign_word(value: float, before: str) -> str | None:
    """sign_against on the words before the number with its hedge already taken off."""
    if not value:
        return None
    # NOTE: set lookups on the last two words; a regex of thirty alternatives tried at every position cost more
    # than all the rest of checking a value.
    words = before.rstrip(" $€£").lower().split()[-2:]
    if not words:
        return None
    by = words[-1] == "by" and len(words) == 2
    word = words[0] if by else words[-1]
    if word in ("down", "up") and not by:
        return None
    said = f"{word} by" if word in ("down", "up") else word
    return said if word in (_DECLINE if value > 0 else _RISE) else None


def hedge_before(context: str) -> str | None:
    """The qualifier that a hedge word at the end of `context` expresses ("nearly" → nearly), if any."""
    match = _HEDGE_BEFORE.search(context)
    return HEDGES[match.group(1).lower()] if match else None


#: One finding of check_value: problem code, the field it is about, the message, and whether it is an error.
Finding = tuple[str, str, str, bool]


def check_value(
    value: float, qualifier: str, derived: bool, text: str, spans: tuple[tuple[int, int], ...]
) -> list[Finding]:
    """The value, its hedge and its sign, each read in the cited spans of the text rather than in the typed quote.

    `derived` says the record explains how the value was worked out, so a value the text does not state is no error.
    """
    mention, after_omission = find_value_in_text(value, text, spans)
    if mention is None:
        return [] if derived else [("value-not-in-quote", "value", _missing(value, after_omission), True)]
    found: list[Finding] = []
    said = text[mention.start : mention.end]
    context = context_before(text, mention.start)
    match = _HEDGE_BEFORE.search(context)
    hedge = HEDGES[match.group(1).lower()] if match else None
    if hedge is not None and hedge != qualifier:
        message = f"the text hedges '{said}' as '{hedge}', but qualifier is '{qualifier}'"
        found.append(("qualifier-mismatch", "qualifier", message, False))
    elif hedge is None and qualifier != "exact" and not (qualifier == "up_to" and _RANGE_BEFORE.search(context)):
        message = (
            f"qualifier is '{qualifier}', but no hedge word stands before '{said}' in the text; "
            "set qualifier: exact, or quote the words that hedge it"
        )
        found.append(("qualifier-unsupported", "qualifier", message, False))
    word = _sign_word(value, context[: match.start()] if match else context)
    if word is not None:
        message = (
            f"the text says '{word}' before '{said}' ({'a fall' if value > 0 else 'a rise'}), "
            f"but value is {value:g}; a decline is a negative value, a rise a positive one"
        )
        found.append(("sign-mismatch", "value", message, False))
    return found


def _missing(value: float, after_omission: bool) -> str:
    shown = f"{value:g}"
    if after_omission:
        return (
            f"value {shown} stands right after '…' in the quote, so the words that say what it counts are left out; "
            "quote them too"
        )
    return (
        f"value {shown} does not appear in the quote; quote the words that state it, or say how you got it in 'derived'"
    )
