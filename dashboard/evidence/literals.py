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
