"""A text's suggestion features that no indicator decides: each clause's word stems and each sentence's time words.

They depend only on the text, its language and the rules here and in periods.py, so the scan keeps them beside the
mentions (curation/scans.py) and an edit to either module re-keys every scan; what depends on the publication date
(resolving the times) or on indicators.yaml (weights, the best indicator) is worked out per run, on these.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from dashboard.curation.mentions import Mention
from dashboard.curation.periods import Match, time_matches
from dashboard.evidence import language as languages
from dashboard.evidence.language import Language

_WORD = re.compile(r"[^\W\d_]+")
#: A word of a clause that has a stem: the stem, the word's start and end in the clause, and the word.
Stem = tuple[str, int, int, str]
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Features:
    """The stems of every clause and the time matches of every sentence that holds a mention, by span in the text."""

    clauses: dict[Span, list[Stem]]
    sentences: dict[Span, list[Match]]


def features_of(text: str, mentions: list[Mention], lang: Language) -> Features:
    """The features of the clauses and sentences of `mentions` in `text`."""
    clauses: dict[Span, list[Stem]] = {}
    sentences: dict[Span, list[Match]] = {}
    for mention in mentions:
        if mention.clause not in clauses:
            c0, c1 = mention.clause
            clauses[mention.clause] = clause_stems(text[c0:c1], lang)
        if mention.sentence not in sentences:
            s0, s1 = mention.sentence
            sentences[mention.sentence] = time_matches(text[s0:s1], lang)
    return Features(clauses, sentences)


def stems_of_clause(mention: Mention, text: str, feats: Features, lang: Language) -> list[Stem]:
    """The stems of the mention's clause of `text`: as `feats` keeps them, else worked out."""
    found = feats.clauses.get(mention.clause)
    return found if found is not None else clause_stems(text[mention.clause[0] : mention.clause[1]], lang)


def clause_stems(clause: str, lang: Language) -> list[Stem]:
    """Every word of `clause` that has a stem, in order, with its offsets in the clause."""
    out = []
    for m in _WORD.finditer(clause):
        word = m.group()
        stem = stem_of(word, lang)
        if stem is not None:
            out.append((stem, m.start(), m.end(), word))
    return out


@lru_cache(maxsize=1 << 16)
def stem_of(word: str, lang: Language) -> str | None:
    """A word's first STEM letters, folded and lowercased, or None for a stop word or one too short to tell."""
    lowered = languages.search_fold(word)
    if len(lowered) < 3 or lowered in lang.STOP_WORDS:
        return None
    return str(lowered[: lang.STEM])


def stems(text: str, lang: Language) -> Counter[str]:
    """The stems of a text's words, counted."""
    return Counter(s for w in _WORD.findall(text) if (s := stem_of(w, lang)) is not None)


def words(text: str) -> list[str]:
    """The words of `text` (letters only), as the stems are made from."""
    return _WORD.findall(text)
