"""Suggestions on a candidate: the indicator its figure most likely belongs to, and the period it describes.

An indicator is known by its words in each language: its name, description, note and unit count in the briefing
language (they are written in it), and the quotes already curated under it (with their translations) in theirs. A
candidate's clause is compared with the indicators known in its text's language, word beginnings (the language's
STEM letters) standing for words, each weighted by how few indicators use it, the words near the figure counting
double; a figure whose kind the indicator's unit cannot hold (a percentage for a count in rubles) counts half. Below
MIN_SCORE no indicator fits and a new one is proposed. Suggestions are worked out from the Dataset in hand, so a
changed indicators.yaml gives new ones; they are never kept in the per-text scan cache.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from dashboard.curation.mentions import Mention
from dashboard.curation.naming import transliterate
from dashboard.curation.periods import PeriodSuggestion, suggest_period
from dashboard.evidence import language as languages
from dashboard.evidence.language import Language
from dashboard.records.dataset import BRIEFING_LANGUAGE, Dataset
from dashboard.records.schema import CATEGORIES, Indicator

#: The least score that names an existing indicator: two distinctive words shared, or one shared right by the
#: figure (tests/curation/test_suggestions.py measures what this floor keeps).
MIN_SCORE = 3.0
#: How near the figure (in characters, either side) a word counts double: the words that name what it measures.
NEAR = 60
#: How many matched words `because` gives, the heaviest first.
BECAUSE_WORDS = 4
#: Words of a proposed indicator's name, taken from just before the figure.
NAME_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class IndicatorSuggestion:
    """An existing indicator (or a proposed new one, `new`) and the words of the candidate it was matched on."""

    id: str
    name: str
    because: tuple[str, ...]
    new: bool = False
    category: str = ""
    unit: str = ""

    def to_json(self) -> dict:
        """As plain data: id, name and because; a new one also with new, category and unit."""
        out: dict = {"id": self.id, "name": self.name, "because": list(self.because)}
        if self.new:
            out |= {"new": True, "category": self.category, "unit": self.unit}
        return out


@dataclass
class Suggester:
    """Every indicator's words in each language, made once from a Dataset, and the suggestions drawn from them."""

    data: Dataset
    # language code → indicator id → stem → how often it occurs in that indicator's words
    profiles: dict[str, dict[str, Counter[str]]] = field(default_factory=dict)
    # language code → stem → log weight (rarer across indicators is heavier)
    weights: dict[str, dict[str, float]] = field(default_factory=dict)
    _made: dict[tuple[str, int, int], tuple[IndicatorSuggestion, PeriodSuggestion]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        english = languages.get(BRIEFING_LANGUAGE)
        for indicator in self.data.indicators:
            own = " ".join(filter(None, (indicator.name, indicator.description, indicator.note, indicator.unit)))
            self._add(english, indicator.id, own)
            for obs in indicator.observations:
                stored = self.data.texts.get(obs.source)
                lang = stored.language if stored is not None else english
                self._add(lang, indicator.id, obs.quote)
                if obs.translation:
                    self._add(english, indicator.id, obs.translation)
        for code, by_indicator in self.profiles.items():
            df: Counter[str] = Counter(stem for words in by_indicator.values() for stem in words)
            total = len(by_indicator)
            self.weights[code] = {stem: math.log(1 + total / n) for stem, n in df.items()}

    def _add(self, lang: Language, indicator: str, text: str) -> None:
        self.profiles.setdefault(lang.CODE, {}).setdefault(indicator, Counter()).update(stems(text, lang))

    def suggest(self, source: str, mention: Mention, text: str) -> tuple[IndicatorSuggestion, PeriodSuggestion]:
        """Both suggestions for a mention of `source`'s whole `text`, worked out once per mention."""
        key = (source, mention.start, mention.end)
        found = self._made.get(key)
        if found is None:
            clause, sentence = mention.clause, mention.sentence
            found = (
                self.indicator(mention, text[clause[0] : clause[1]], clause[0], source),
                self.period(mention, text[sentence[0] : sentence[1]], sentence[0], source),
            )
            self._made[key] = found
        return found

    def fields(self, source: str, mention: Mention, text: str) -> dict:
        """Both suggestions as a candidate's JSON fields, suggested_indicator and suggested_period."""
        ind, per = self.suggest(source, mention, text)
        return {"suggested_indicator": ind.to_json(), "suggested_period": per.to_json()}

    def line(self, source: str, mention: Mention, text: str) -> str:
        """Both suggestions on one line: `indicator_id (because "…", "…"); period 2025-05 (from "…")`."""
        ind, per = self.suggest(source, mention, text)
        why = ", ".join(f'"{w}"' for w in ind.because) or "no words matched"
        head = f"new indicator {ind.id} ({ind.category}, {ind.unit or 'unit?'})" if ind.new else ind.id
        period = f"period {per.period} (" + ("fallback: " if per.fallback else "from ") + f'"{per.because}")'
        return f"{head} (because {why}); {period}"

    def indicator(self, mention: Mention, clause: str, clause_start: int, source: str) -> IndicatorSuggestion:
        """The indicator the figure in `clause` (which starts at `clause_start` of its text) most likely belongs to."""
        lang = self.data.texts[source].language
        profiles, weights = self.profiles.get(lang.CODE, {}), self.weights.get(lang.CODE, {})
        at = mention.start - clause_start
        words: dict[str, tuple[float, str]] = {}
        for match in _WORD.finditer(clause):
            stem = stem_of(match.group(), lang)
            if stem is None or stem not in weights:
                continue
            near = 2.0 if max(match.start() - (at + len(mention.text)), at - match.end(), 0) <= NEAR else 1.0
            if near > words.get(stem, (0.0, ""))[0]:
                words[stem] = (near, match.group())
        scored = []
        by_id = {i.id: i for i in self.data.indicators}
        for indicator_id, profile in profiles.items():
            shared = [(weights[s] * near, word) for s, (near, word) in words.items() if s in profile]
            score = sum(w for w, _ in shared) * (1.0 if _unit_fits(mention, by_id[indicator_id]) else 0.5)
            scored.append((score, indicator_id, shared))
        scored.sort(key=lambda s: (-s[0], s[1]))
        if scored and scored[0][0] >= MIN_SCORE:
            score, indicator_id, shared = scored[0]
            because = tuple(word for _, word in sorted(shared, key=lambda s: -s[0])[:BECAUSE_WORDS])
            return IndicatorSuggestion(indicator_id, by_id[indicator_id].name, because)
        category = by_id[scored[0][1]].category if scored and scored[0][0] > 0 else CATEGORIES[0]
        return self._proposal(mention, clause, at, lang, category)

    def _proposal(self, mention: Mention, clause: str, at: int, lang: Language, category: str) -> IndicatorSuggestion:
        """A new indicator named from the finding's words or those just before the figure, for the curator to rename."""
        # NOTE: a finding names what it is about in its own words ("growing budget deficit"); a number, just before.
        own = _WORD.findall(mention.text) if mention.value is None else _WORD.findall(clause[:at])[-NAME_WORDS:]
        before = [w for w in own if stem_of(w, lang) is not None][-NAME_WORDS:]
        named = before or [w for w in _WORD.findall(mention.unit or clause) if stem_of(w, lang) is not None][:1]
        name = " ".join(named) or mention.text
        base = "_".join(re.findall(r"[a-z0-9]+", transliterate(name)))[:40].strip("_") or "new_indicator"
        if not base[0].isalpha():
            base = f"indicator_{base}"
        taken = {i.id for i in self.data.indicators}
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}_{n}"
        unit = "%" if mention.kind == "percent" else "qualitative" if mention.value is None else mention.unit or ""
        return IndicatorSuggestion(candidate, name[:1].upper() + name[1:], tuple(named), True, category, unit)

    def period(self, mention: Mention, sentence: str, sentence_start: int, source: str) -> PeriodSuggestion:
        """The period the figure describes, from its sentence's time words and the source's publication date."""
        stored = self.data.texts[source]
        published = self.data.sources[source].published
        return suggest_period(sentence, mention.start - sentence_start, published, stored.language)


def stem_of(word: str, lang: Language) -> str | None:
    """A word's first STEM letters, folded and lowercased, or None for a stop word or one too short to tell."""
    lowered = languages.search_fold(word)
    if len(lowered) < 3 or lowered in lang.STOP_WORDS:
        return None
    return str(lowered[: lang.STEM])


def stems(text: str, lang: Language) -> Counter[str]:
    """The stems of a text's words, counted."""
    return Counter(s for w in _WORD.findall(text) if (s := stem_of(w, lang)) is not None)


def _unit_fits(mention: Mention, indicator: Indicator) -> bool:
    """Whether the indicator's unit can hold the figure: a percentage only a "%" one, a bare finding any."""
    if mention.kind == "percent":
        return indicator.unit == "%"
    if mention.value is None:
        return True
    return indicator.unit != "%" or mention.kind in ("multiplier", "share")
