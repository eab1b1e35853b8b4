"""Hedge words and sign words as a stored text writes them, read around a number in a cited passage."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dashboard.evidence import language as languages
from dashboard.evidence.language import Language
from dashboard.evidence.literals import lowered, may_match, quickened
from dashboard.evidence.numbers import NumberMention, find_value_in_text
from dashboard.evidence.sentences import sentence_ends

#: Where a clause ends, in every language: commas, semicolons, colons, brackets and dashes (the finder's clauses too).
CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]|\s-\s")


@dataclass(frozen=True, slots=True)
class Wording:
    """A language's hedge and sign patterns, compiled once."""

    lang: Language
    hedge: re.Pattern[str]
    range_before: re.Pattern[str]
    fold: dict[int, str]
    sign_strip: str
    #: How far back from a number its hedge may start: the longest hedge phrase and a gap.
    reach: int


@cache
def wording(lang: Language | None = None) -> Wording:
    """The hedge and sign patterns of a language (English when none is given)."""
    lang = lang or languages.get(None)
    alternatives = "|".join(sorted(map(re.escape, lang.HEDGES), key=len, reverse=True))
    hedge = quickened(re.compile(r"\b(" + alternatives + r")" + lang.HEDGE_GAP + "$", re.IGNORECASE))
    fold = {ord(a): b for a, b in lang.FOLD.items()}
    # NOTE: the currency signs a hedge gap allows are also what may stand between a sign word and its number.
    strip = " " + "".join(sorted(set(re.findall(r"[$€£₽]", lang.HEDGE_GAP))))
    reach = max(map(len, lang.HEDGES)) + 24
    return Wording(lang, hedge, re.compile(lang.RANGE_BEFORE), fold, strip, reach)


@dataclass(frozen=True, slots=True)
class Hedge:
    """The hedge word before a number: the qualifier it means, where it starts in the context, and whether it gives
    the level a change reached ("снизила … на 100 б.п., до 17%") rather than a bound."""

    qualifier: str | None
    start: int
    level: bool = False


def read_hedge(context: str, lang: Language | None = None) -> Hedge:
    """The hedge word at the end of `context` (the words right before a number), if any."""
    w = wording(lang)
    # NOTE: the hedge stands at the end, so only its longest reach is searched (a whole context cost a tenth of a load).
    offset = max(0, len(context) - w.reach)
    tail = context[offset:]
    match = w.hedge.search(context, offset) if may_match(w.hedge, tail, lowered(tail)) else None
    if match is None:
        return Hedge(None, len(context))
    word = match.group(1).lower()
    if word in w.lang.LEVEL_BOUNDS and _change_before(context[: match.start()], w) is not None:
        return Hedge(w.lang.HEDGES[word], match.start(), level=True)
    if word in w.lang.LEVEL_HEDGES and _change_before(context[: match.start()], w) is not None:
        # NOTE: a hedge may stand before the level's own word ("вырос почти до 100 руб." is nearly 100).
        outer = read_hedge(context[: match.start()], lang)
        if outer.qualifier is not None:
            return Hedge(outer.qualifier, outer.start, level=True)
        return Hedge(None, match.start(), level=True)
    return Hedge(w.lang.HEDGES[word], match.start())


def hedge_before(context: str, lang: Language | None = None) -> str | None:
    """The qualifier that a hedge word at the end of `context` expresses ("nearly" → nearly), if any."""
    return read_hedge(context, lang).qualifier


def context_before(text: str, offset: int, lang: Language | None = None) -> str:
    """The words of the text just before `offset`, where a hedge or a sign word stands."""
    return text[max(0, offset - wording(lang).lang.CONTEXT) : offset]


def sign_against(value: float, context: str, lang: Language | None = None) -> str | None:
    """The decline word before a positive value, or the rise word before a negative one; None when they agree."""
    hedge, w = read_hedge(context, lang), wording(lang)
    return None if hedge.level else _sign_word(value, context[: hedge.start], w)


def _is_change(word: str, w: Wording, decline: bool) -> bool:
    lang = w.lang
    words, stems = (lang.DECLINE_WORDS, lang.DECLINE_STEMS) if decline else (lang.RISE_WORDS, lang.RISE_STEMS)
    if word in words:
        return True
    return bool(stems) and word.startswith(stems) and not (lang.NOT_CHANGE and word.startswith(lang.NOT_CHANGE))


def _breaks(word: str, w: Wording) -> bool:
    """Whether a word between a change word and the number means the number is another statement's."""
    stems = w.lang.SIGN_BREAKER_STEMS
    return word in w.lang.SIGN_BREAKERS or (bool(stems) and word.startswith(stems))


def _change_before(before: str, w: Wording) -> str | None:
    """The change word a level («до 17%») is reached by: the nearest one in its sentence, unless a verb of its own
    («составит до 8%») or a conjunction stands between them."""
    starts = [following for _, following in sentence_ends(before, lang=w.lang)]
    sentence = before[starts[-1] :] if starts else before
    for word in reversed(sentence.lower().translate(w.fold).split()):
        word = word.strip(".,;:!?«»\"'()")
        if _is_change(word, w, True) or _is_change(word, w, False):
            return word
        if _breaks(word, w):
            return None
    return None


def _sign_word(value: float, before: str, w: Wording) -> str | None:
    """sign_against on the words before the number with its hedge already taken off."""
    if not value:
        return None
    lang = w.lang
    # NOTE: set lookups on the last words; a regex of thirty alternatives tried at every position cost more
    # than all the rest of checking a value.
    words = before.rstrip(w.sign_strip).lower().split()[-2:]
    if not words:
        return None
    by = words[-1] == lang.CHANGE_BY and len(words) == 2
    if by and lang.SIGN_IN_CLAUSE:
        return _sign_in_clause(value, before, w)
    # NOTE: an opening bracket or quote is not part of the word ("(минус 4,2%)").
    word = (words[0] if by else words[-1]).lstrip('(«"“')
    if w.fold:
        word = word.translate(w.fold)
    if word in lang.BY_ONLY and not by:
        return None
    said = f"{word} {lang.CHANGE_BY}" if word in lang.BY_ONLY else word
    return said if _is_change(word, w, value > 0) else None


def _sign_in_clause(value: float, before: str, w: Wording) -> str | None:
    """The nearest change word earlier in the number's clause, within SIGN_REACH words of «на» and with no other
    statement between ("сократились сразу на 34%", not "снизил ставку и выделил кредиты на 500")."""
    breaks = list(CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    words = clause.lower().translate(w.fold).split()[:-1]
    for between, word in enumerate(reversed(words)):
        word = word.strip(".!?«»\"'")
        if _is_change(word, w, value > 0):
            return word
        if _is_change(word, w, value < 0) or _breaks(word, w) or between >= w.lang.SIGN_REACH:
            return None
    return None


#: One finding of check_value: problem code, the field it is about, the message, and whether it is an error.
Finding = tuple[str, str, str, bool]


def check_value(
    value: float,
    qualifier: str,
    derived: bool,
    text: str,
    spans: tuple[tuple[int, int], ...],
    lang: Language | None = None,
) -> list[Finding]:
    """The value, its hedge and its sign, each read in the cited spans of the text rather than in the typed quote.

    `derived` says the record explains how the value was worked out, so a value the text does not state is no error.
    """
    mention, after_omission = find_value_in_text(value, text, spans, lang)
    if mention is None:
        return [] if derived else [("value-not-in-quote", "value", _missing(value, after_omission), True)]
    first = _wording_of(value, qualifier, text, mention, lang)
    # NOTE: a value the quote states twice ("от 4 до 5%, а … до 3–4%") is read where its wording agrees, if anywhere.
    while first:
        rest = tuple((max(a, mention.end), b) for a, b in spans if b > mention.end)
        mention = find_value_in_text(value, text, rest, lang)[0] if rest else None
        if mention is None:
            break
        if not _wording_of(value, qualifier, text, mention, lang):
            return []
    return first


def _wording_of(
    value: float, qualifier: str, text: str, mention: NumberMention, lang: Language | None
) -> list[Finding]:
    """The hedge and sign findings on one mention of the value in the text."""
    found: list[Finding] = []
    said = text[mention.start : mention.end]
    context = context_before(text, mention.start, lang)
    hedge = read_hedge(context, lang)
    w = wording(lang)
    if hedge.qualifier is not None and hedge.qualifier != qualifier:
        message = f"the text hedges '{said}' as '{hedge.qualifier}', but qualifier is '{qualifier}'"
        found.append(("qualifier-mismatch", "qualifier", message, False))
    elif (
        hedge.qualifier is None
        and qualifier != "exact"
        and not (qualifier == "up_to" and w.range_before.search(context))
    ):
        message = (
            f"qualifier is '{qualifier}', but no hedge word stands before '{said}' in the text; "
            "set qualifier: exact, or quote the words that hedge it"
        )
        found.append(("qualifier-unsupported", "qualifier", message, False))
    word = None if hedge.level else _sign_word(value, context[: hedge.start], w)
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
