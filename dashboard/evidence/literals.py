"""What every match of a pattern must contain, read from the pattern itself, so text without it is never searched."""

from __future__ import annotations

import re

# NOTE: the parser re compiles with; Python is pinned (3.11), and the public sre_parse alias warns on import.
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

#: Characters whose case-blind matches under re.IGNORECASE are exactly those str.lower makes equal, one for one
#: (ASCII, Latin-1 but µ, Cyrillic, punctuation, currency and math signs, №; tests/evidence/test_literals.py proves
#: it); text holding any other character (ſ, ı, Greek, the Kelvin sign) is always searched.
PLAIN = "\x00-\xb4\xb6-\xff\u0400-\u04ff\u2000-\u20cf\u2116\u2190-\u23ff"
_PLAIN = re.compile(f"[{PLAIN}]*")
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
Needles = frozenset[str]
Gate = tuple[bool, re.Pattern[str]]
#: Each pattern's gate, by the pattern's id, with the pattern (kept alive, so that its id is never reused).
_gates: dict[int, tuple[re.Pattern[str], Gate | None]] = {}


def lowered(text: str) -> str | None:
    """`text` lowercased for may_match, or None when it holds a character str.lower folds otherwise than re does."""
    return text.lower() if _PLAIN.fullmatch(text) else None


def may_match(pattern: re.Pattern[str], text: str, lower: str | None) -> bool:
    """False only when `pattern` cannot match in `text` (`lower` is lowered(text)): what its matches hold is absent."""
    found = gate(pattern)
    if found is None:
        return True
    folded, needle = found
    if not folded:
        return needle.search(text) is not None
    return lower is None or needle.search(lower) is not None


def gate(pattern: re.Pattern[str]) -> Gate | None:
    """Whether `pattern` ignores case (its needles are then looked for in lowered text), and one plain pattern of its
    needles; None when it has none."""
    # NOTE: keyed by id, as hashing a compiled pattern hashes its whole code each time (2 µs for the finder's).
    kept = _gates.get(id(pattern))
    if kept is None or kept[0] is not pattern:
        kept = _gates[id(pattern)] = (pattern, _gate(pattern))
    return kept[1]


def needles(pattern: re.Pattern[str]) -> Needles | None:
    """Strings one of which every match of `pattern` contains (lowercased if it ignores case), or None if unknown."""
    found = _folded_needles(pattern)
    return found[1] if found is not None else None


def _folded_needles(pattern: re.Pattern[str]) -> tuple[bool, Needles] | None:
    """Whether the needles are lowercased (to be looked for in lowered text), and the needles; None if unknown."""
    folds: list[bool] = []
    found = _needles(parser.parse(pattern.pattern, pattern.flags), folds)
    if found is None or pattern.flags & re.LOCALE:
        return None
    # NOTE: a case-blind group (?i:…) makes the whole gate case-blind: lowered needles in lowered text are found
    # whenever the needles themselves are, so a gate that folds more than it must still never skips a match.
    folded = bool(pattern.flags & re.IGNORECASE) or any(folds)
    if folded:
        if not all(_PLAIN.fullmatch(n) for n in found):
            return None
        found = frozenset(n.lower() for n in found)
    # NOTE: a needle that holds another is found whenever that one is, so it is dropped.
    return folded, frozenset(n for n in found if not any(m != n and m in n for m in found))


def _gate(pattern: re.Pattern[str]) -> Gate | None:
    """Whether the needles are looked for in lowered text, and one plain pattern of them; None when it has none."""
    found = _folded_needles(pattern)
    if found is None:
        return None
    folded, needles_ = found
    alternatives = "|".join(map(re.escape, sorted(needles_, key=lambda n: (len(n), n))))
    return folded, re.compile(alternatives)


def _score(found: Needles) -> tuple[int, int]:
    """How selective a set of needles is: its shortest needle's length, then how few there are."""
    return min(map(len, found)), -len(found)


def _needles(items: Any, folds: list[bool]) -> Needles | None:
    """The needles of a parsed sequence: the most selective set of those each of its required parts gives (`folds`
    hears of each case-blind group read)."""
    options: list[Needles] = []
    run = ""
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        if run:
            options.append(frozenset({run}))
        run = ""
        part = _part(op, av, folds)
        if part is not None:
            options.append(part)
    if run:
        options.append(frozenset({run}))
    return max(options, key=_score) if options else None


def _part(op: Any, av: Any, folds: list[bool]) -> Needles | None:
    """The needles of one parsed item every match goes through (a group, a choice, a repeat of one or more, a class)."""
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, body = av
        if add_flags == re.IGNORECASE and not del_flags:
            folds.append(True)  # a case-blind group: its needles hold only in lowered text (see _folded_needles)
            return _needles(body, folds)
        # NOTE: any other group with flags of its own (?-i:…, ?x:…) says nothing.
        return None if add_flags or del_flags else _needles(body, folds)
    if op is sre.BRANCH:
        choices = [_needles(choice, folds) for choice in av[1]]
        return frozenset().union(*[c for c in choices if c is not None]) if all(choices) else None
    if op in _REPEATS and av[0] >= 1:
        return _needles(av[2], folds)
    if op is sre.IN and all(kind is sre.LITERAL for kind, _ in av):
        return frozenset(chr(code) for _, code in av)  # a class of single characters, such as [$€£]
    return None


#: Zero-width items a pattern may start with, before the character that its first match must begin with.
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
#: The classes a first character may be written as in the lookahead quickened() adds.
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
#: The pieces of a first-character class: those read as written, and those read case-blind (inside (?i:…)).
_Firsts = tuple[list[str], list[str]]


class _Unknown(Exception):
    """A part of a pattern whose first characters are not worked out here (the pattern is then left as it is)."""


def first_characters(pattern: re.Pattern[str]) -> str | None:
    """A lookahead's body that every match of `pattern` begins with (a class, and a case-blind class for what (?i:…)
    holds), or None when unknown or when the pattern can match empty."""
    return _first_class(parser.parse(pattern.pattern, pattern.flags))


def quickened(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` with a lookahead for its first character when it begins with a word boundary, a lookaround, a group
    or a choice: the same matches, found up to twice as fast in the finder's sentences.

    Python's engine skips ahead to a possible first character only when a pattern begins with a literal or a class;
    before "\\b", "(?<!…)" or a case-blind choice it tries the whole pattern at every character instead.
    """
    if pattern.flags & (re.LOCALE | re.VERBOSE):
        return pattern
    parsed = parser.parse(pattern.pattern, pattern.flags)
    if not parsed.data or parsed.data[0][0] in (sre.LITERAL, sre.IN):
        return pattern
    found = _first_class(parsed)
    if found is None:
        return pattern
    try:
        return re.compile(f"(?={found})(?:{pattern.pattern})", pattern.flags)
    except re.error:
        return pattern  # a pattern with flags of its own at its start cannot be wrapped


def _first_class(parsed: Any) -> str | None:
    """first_characters() of a parsed pattern."""
    try:
        (cased, folded), empty = _first_of_sequence(parsed, False)
    except _Unknown:
        return None
    if empty or not (cased or folded):
        return None
    # NOTE: a case-blind class is left to the engine to fold, as the pattern's own letters are (ſ, K, İ included).
    parts = [f"[{''.join(dict.fromkeys(cased))}]"] if cased else []
    parts += [f"(?i:[{''.join(dict.fromkeys(folded))}])"] if folded else []
    return "|".join(parts)


def _first_of_sequence(items: Any, fold: bool) -> tuple[_Firsts, bool]:
    """The pieces of the characters a sequence's match can begin with, and whether it can match empty."""
    cased: list[str] = []
    folded: list[str] = []
    for op, av in items:
        (more_cased, more_folded), empty = _first_of(op, av, fold)
        cased += more_cased
        folded += more_folded
        if not empty:
            return (cased, folded), False
    return (cased, folded), True


def _first_of(op: Any, av: Any, fold: bool) -> tuple[_Firsts, bool]:
    """_first_of_sequence for one parsed item; `fold` says a case-blind group (?i:…) holds it."""
    if op in _ZERO_WIDTH:
        return ([], []), True
    if op in (sre.LITERAL, sre.IN):
        pieces = [re.escape(chr(av))] if op is sre.LITERAL else [_class_piece(kind, value) for kind, value in av]
        return ([], pieces) if fold else (pieces, []), False
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, body = av
        if (add_flags | del_flags) & ~re.IGNORECASE:
            raise _Unknown
        return _first_of_sequence(body, (fold or bool(add_flags)) and not del_flags)
    if op is sre.BRANCH:
        cased: list[str] = []
        folded: list[str] = []
        empty = False
        for choice in av[1]:
            (more_cased, more_folded), can_be_empty = _first_of_sequence(choice, fold)
            cased, folded, empty = cased + more_cased, folded + more_folded, empty or can_be_empty
        return (cased, folded), empty
    if op in _REPEATS:
        found, empty = _first_of_sequence(av[2], fold)
        return found, empty or av[0] == 0
    raise _Unknown


def _class_piece(kind: Any, value: Any) -> str:
    """One item of a parsed class, written back as a class's piece."""
    if kind is sre.LITERAL:
        return re.escape(chr(value))
    if kind is sre.RANGE:
        return f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}"
    if kind is sre.CATEGORY and value in _CATEGORIES:
        return _CATEGORIES[value]
    raise _Unknown  # a negated class
