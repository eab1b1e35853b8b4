"""The languages of the stored texts: one module each under languages/, found by name, and a text's language told.

A language module is plain data (words, number syntax, patterns); the code that reads texts takes a module from
here and names no language's words itself. Adding a language is adding its module and its tests.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from collections import Counter
from functools import cache
from types import ModuleType

from dashboard.evidence import languages
from dashboard.evidence.literals import quickened

#: What every language module provides (tests/evidence/test_language.py holds each module to it).
REQUIRED = (
    "CODE NAME SCRIPT MARKERS FOLD NUMBER GROUP WORD_NUMBERS SCALES BASES HEDGES HEDGE_GAP LEVEL_HEDGES LEVEL_BOUNDS "
    "RANGE_BEFORE "
    "DECLINE_WORDS RISE_WORDS DECLINE_STEMS RISE_STEMS NOT_CHANGE SIGN_BREAKERS SIGN_BREAKER_STEMS SIGN_REACH "
    "CHANGE_BY BY_ONLY SIGN_IN_CLAUSE CONTEXT STOP_CONTINUES "
    "ABBREVIATION "
    "FURNITURE RANGE_JOIN RANGE_PAIRED RANGE_OPENER AGE_BEFORE UNIT_HEAD GROUP_SPACE GROUP_SPACE_AS PERCENT "
    "MONEY_BEFORE MONEY_AFTER SCALE_AFTER ORDINAL DATE_BEFORE DATE_AFTER DURATION UNIT PLURAL NOT_UNITS "
    "DECLINE_BEFORE MULTIPLE SHARE TERM CHANGE "
    "STOP_WORDS STEM MONTH_NUMBERS QUARTER_NUMBERS RELATIVE_YEARS PERIODS"
).split()
#: The language a text is read in when nothing says otherwise and nothing can be told from it.
DEFAULT = "en"
#: A stated language is doubted when fewer than this share of the text's letters are in its script.
MISMATCH_SHARE = 0.5
#: How many characters of a text its scripts and words are counted in: some 800 letters tell the script, and a
#: thousand texts a load stay cheap (counting every character cost a 1,000-text load 0.2 s).
SAMPLE = 1_000
_WORD = re.compile(r"\w+")

Language = ModuleType


@cache
def script_of(ch: str) -> str | None:
    """The script of a letter as the first word of its Unicode name ("LATIN", "CYRILLIC"), or None if not a letter."""
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else None


@cache
def all_languages() -> dict[str, Language]:
    """Every language module under languages/, by its ISO 639-1 code."""
    found = {}
    for info in sorted(pkgutil.iter_modules(languages.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{languages.__name__}.{info.name}")
        _quicken(module)
        found[module.CODE] = module
    return found


def _quicken(module: Language) -> None:
    """Give the module's patterns the first-character lookahead literals.quickened adds (the same matches, faster)."""
    # NOTE: done once, where a language is loaded, so the code that runs the patterns pays no call for it.
    for name in REQUIRED:
        value = getattr(module, name, None)
        if isinstance(value, re.Pattern):
            setattr(module, name, quickened(value))
    periods = getattr(module, "PERIODS", ())
    vars(module)["PERIODS"] = tuple((shape, quickened(pattern)) for shape, pattern in periods)


def codes() -> list[str]:
    """The ISO 639-1 codes of the languages a stored text may be in."""
    return list(all_languages())


def get(code: str | None) -> Language:
    """The module of a language by its code (the default language when the code is None or unknown)."""
    known = all_languages()
    return known.get(code or DEFAULT, known[DEFAULT])


def _sample(text: str) -> str:
    """The stretch of a text its scripts are counted in: from its middle, where the article is, not its masthead."""
    middle = max(0, len(text) // 2 - SAMPLE // 2)
    return text[middle : middle + SAMPLE]


def script_shares(text: str) -> dict[str, float]:
    """Each script's share of the letters in a sample of the text."""
    # NOTE: characters are counted in C first, so each distinct letter's Unicode name is looked up once.
    counts: Counter[str] = Counter()
    for ch, n in Counter(_sample(text)).items():
        script = script_of(ch)
        if script is not None:
            counts[script] += n
    total = sum(counts.values())
    return {script: n / total for script, n in counts.most_common()} if total else {}


def detect(text: str) -> str:
    """The language a text is written in: the script most of its letters are in, then its most frequent words."""
    shares = script_shares(text)
    if not shares:
        return DEFAULT
    script, share = next(iter(shares.items()))
    candidates = [lang for lang in all_languages().values() if script == lang.SCRIPT]
    if not candidates or not share:
        return DEFAULT
    if len(candidates) == 1:
        return str(candidates[0].CODE)
    words = Counter(w.lower() for w in _WORD.findall(_sample(text)))
    best = max(candidates, key=lambda lang: sum(words[m] for m in lang.MARKERS))
    return str(best.CODE)


def mismatch_share(text: str, code: str) -> float | None:
    """The share of the text's letters in the stated language's script, when it is too small to be that language."""
    shares = script_shares(text)
    if not shares:
        return None
    share = shares.get(get(code).SCRIPT, 0.0)
    return share if share < MISMATCH_SHARE else None


@cache
def _search_table() -> dict[int, str]:
    """Every language's folded letters, for a search that is blind to them as it is to case."""
    return {ord(a): b for lang in all_languages().values() for a, b in lang.FOLD.items()}


def search_fold(text: str) -> str:
    """`text` lowercased and with every language's folded letters (ё as е), one character for one, so offsets hold."""
    lowered = "".join(ch if len(low := ch.lower()) != 1 else low for ch in text) if not text.isascii() else text.lower()
    return lowered.translate(_search_table())


def search_table() -> dict[int, str]:
    """The folded letters of search_fold, as a str.translate table (for pandas' .str.translate)."""
    return dict(_search_table())


def mixed_letters(quote: str) -> list[tuple[int, str, str, str]]:
    """Letters in a word of another script ("бюджетa" with a Latin a): (column, letter, its script, the word's)."""
    found = []
    for word in _WORD.finditer(quote):
        scripts = Counter(s for s in map(script_of, word.group()) if s is not None)
        if len(scripts) < 2:
            continue
        main = scripts.most_common(1)[0][0]
        for offset, ch in enumerate(word.group()):
            theirs = script_of(ch)
            if theirs is not None and theirs != main:
                found.append((word.start() + offset + 1, ch, theirs, main))
    return found
