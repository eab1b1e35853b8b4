"""The indicators as the suggestions read them, in each language: word profiles, stem weights, bit sets, fingerprints.

An indicator is known by its words in each language: its name, description, note and unit count in the briefing
language (they are written in it), and the quotes already curated under it (with their translations) in theirs.
Each word stands for its beginning (the language's STEM letters); a stem's weight is how few indicators hold it.
The profiles are kept on disk under a hash of the words (word_prints, cheap), and each language's fingerprint, the
key of its kept suggestions (curation/kept.py), hashes what a suggestion reads of them: every indicator's id, name,
category and unit, each stem's weight and which indicators hold it.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from dashboard.curation import kept
from dashboard.curation.features import stems
from dashboard.curation.ranking import Holders, holders_of
from dashboard.evidence import language as languages
from dashboard.evidence.language import Language
from dashboard.records.dataset import BRIEFING_LANGUAGE, Dataset
from dashboard.records.schema import CATEGORIES


@dataclass(frozen=True, slots=True)
class Profiles:
    """Every indicator's words in each language, as the suggestions read them."""

    # language code → indicator id → stem → how often it occurs in that indicator's words
    profiles: dict[str, dict[str, Counter[str]]]
    # language code → stem → log weight (rarer across indicators is heavier)
    weights: dict[str, dict[str, float]]
    # language code → the indicators as bit sets, searched for the best instead of scoring each one
    holders: dict[str, Holders]
    # language code → the hash of all the above that a suggestion in that language reads (see fingerprint_of)
    fingerprints: dict[str, str]
    # a hash of the indicators' ids, names, categories and units (common)
    named: str

    def changed_since(self, code: str, fingerprint: str) -> frozenset[str] | None:
        """The stems of language `code` whose weight, or whose holders, differ from those the fingerprint was made
        of; None when that is not known (not kept, or the indicators' names or units differ too)."""
        before = kept.read_made(fingerprint)
        if before is None or before[0] != self.named:
            return None
        weights, holders = self.weights.get(code, {}), self.holders.get(code)
        stems_now = holders.stems if holders is not None else {}
        old_weights, old_stems = before[1], before[2]
        return frozenset(
            stem
            for stem in old_weights.keys() | weights.keys()
            if old_weights.get(stem) != weights.get(stem) or old_stems.get(stem) != stems_now.get(stem)
        )


def make(data: Dataset, prints: dict[str, str]) -> Profiles:
    """The profiles of `data`'s indicators: kept under `prints` (word_prints), else made and kept."""
    # NOTE: kept under every language's words, which decide them: making them was half of a run that has one new
    # text's suggestions to work out.
    found = kept.read_profiles(prints)
    named = common(data)
    named_hash = hashlib.blake2b(named.encode(), digest_size=16).hexdigest()
    if found is not None:
        made, weights, holders = found
    else:
        made, weights, holders = {}, {}, {}
        for lang, indicator_id, text in words(data):
            made.setdefault(lang.CODE, {}).setdefault(indicator_id, Counter()).update(stems(text, lang))
        percent = {i.id for i in data.indicators if i.unit == "%"}
        for code, by_indicator in made.items():
            df: Counter[str] = Counter(stem for held in by_indicator.values() for stem in held)
            total = len(by_indicator)
            weights[code] = {stem: math.log(1 + total / n) for stem, n in df.items()}
            holders[code] = holders_of(by_indicator, percent)
    prints_made = {code: fingerprint_of(named, weights.get(code, {}), holders.get(code)) for code in prints}
    if found is None:
        kept.write_profiles(prints, (made, weights, holders), prints_made)
        # NOTE: kept so that the next save that changes words can tell which stems it changed (Profiles.changed_since).
        for code, fingerprint in prints_made.items():
            bits = holders[code].stems if code in holders else {}
            kept.write_made(fingerprint, (named_hash, weights.get(code, {}), bits))
    return Profiles(made, weights, holders, prints_made, named_hash)


def fingerprints(data: Dataset, prints: dict[str, str]) -> dict[str, str]:
    """Each language's fingerprint of `data`'s indicators: as kept beside their profiles, else from the profiles."""
    return kept.read_fingerprints(prints) or make(data, prints).fingerprints


def fingerprint_of(named: str, weights: dict[str, float], holders: Holders | None) -> str:
    """A language's fingerprint: the indicators' ids, names, categories and units (`named`), its stems' weights and
    which indicators hold each stem, all that a suggestion reads of the indicators' words."""
    made = (sorted(weights.items()), sorted(holders.stems.items()) if holders else [])
    # NOTE: JSON, not marshal, whose bytes differ for equal strings when only one is interned.
    blob = f"{named}\0{json.dumps(made, ensure_ascii=False)}".encode()
    return hashlib.blake2b(blob, digest_size=16).hexdigest()


def common(data: Dataset) -> str:
    """What every language's suggestions read of the indicators besides words: ids, names, categories, units."""
    named = [[i.id, i.name, i.category, i.unit] for i in data.indicators]
    return json.dumps([CATEGORIES, named], ensure_ascii=False, default=str)


def word_prints(data: Dataset) -> dict[str, str]:
    """By language code, a hash of every indicator's id, name, category and unit and the words the language's
    profiles are made of (the profiles and weights follow from them): cheaper to make than the profiles, which are
    kept under them."""
    named = common(data)
    by_language: dict[str, list[tuple[str, str]]] = {}
    for lang, indicator_id, text in words(data):
        by_language.setdefault(lang.CODE, []).append((indicator_id, text))
    out = {}
    for code in {*by_language, *languages.all_languages()}:
        blob = f"{named}\0{json.dumps(by_language.get(code, []), ensure_ascii=False)}".encode()
        out[code] = hashlib.blake2b(blob, digest_size=16).hexdigest()
    return out


def words(data: Dataset) -> Iterator[tuple[Language, str, str]]:
    """Each text an indicator is known by, in its language: what the profiles (and so the weights) are made of."""
    english = languages.get(BRIEFING_LANGUAGE)
    for indicator in data.indicators:
        yield (
            english,
            indicator.id,
            " ".join(filter(None, (indicator.name, indicator.description, indicator.note, indicator.unit))),
        )
        for obs in indicator.observations:
            stored = data.texts.get(obs.source)
            yield (stored.language if stored is not None else english), indicator.id, obs.quote
            if obs.translation:
                yield english, indicator.id, obs.translation
