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
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from dashboard.curation.mentions import Mention
from dashboard.curation.naming import transliterate
from dashboard.curation.periods import PeriodSuggestion, Time, nearest_time, times_in
from dashboard.curation.ranking import Holders, best, holders_of
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
#: Suggestions kept for the candidates asked about last (a page asks again for the ones it shows).
MEMO = 4_096
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
    # language code → the indicators as bit sets, searched for the best instead of scoring each one
    holders: dict[str, Holders] = field(default_factory=dict)
    _made: dict[tuple[str, int, int], tuple[IndicatorSuggestion, PeriodSuggestion]] = field(default_factory=dict)
    _by_id: dict[str, Indicator] = field(default_factory=dict)
    # the last sentence's times and the last clause's stems (a clause's figures are suggested one after another)
    _times: tuple[tuple[str, int, str] | None, list[Time]] = (None, [])
    _stems: tuple[tuple[str, int, str] | None, list[tuple[str, int, int, str]]] = (None, [])
    _built: bool = False
    # NOTE: the app's sessions share one survey (and so one Suggester) across threads.
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _build(self) -> None:
        """The indicators' words, made on the first suggestion: a survey whose page shows none never pays for them."""
        with self._lock:
            if not self._built:
                self._make()
                self._built = True

    def _make(self) -> None:
        self._by_id = {i.id: i for i in self.data.indicators}
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
            percent = {i.id for i in self.data.indicators if i.unit == "%"}
            self.holders[code] = holders_of(by_indicator, percent)

    def _add(self, lang: Language, indicator: str, text: str) -> None:
        self.profiles.setdefault(lang.CODE, {}).setdefault(indicator, Counter()).update(stems(text, lang))

    def suggest(self, source: str, mention: Mention, text: str) -> tuple[IndicatorSuggestion, PeriodSuggestion]:
        """Both suggestions for a mention of `source`'s whole `text`, worked out once per mention."""
        key = (source, mention.start, mention.end)
        found = self._made.get(key)
        if found is None:
            if not self._built:
                self._build()
            clause, sentence = mention.clause, mention.sentence
            found = (
                self.indicator(mention, text[clause[0] : clause[1]], clause[0], source),
                self.period(mention, text[sentence[0] : sentence[1]], sentence[0], source),
            )
            # NOTE: a page shows the same few candidates again and again; a report of 50,000 needs each once, and
            # keeping every one held ~25 MB at 1,000 texts, so only the latest MEMO are kept.
            with self._lock:
                if len(self._made) >= MEMO:
                    self._made.pop(next(iter(self._made)))
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
        if not self._built:
            self._build()
        weights = self.weights.get(lang.CODE, {})
        at = mention.start - clause_start
        key = (source, clause_start, clause)
        clause_stems = self._stems
        if clause_stems[0] != key:
            found_stems = [(stem_of(m.group(), lang), m.start(), m.end(), m.group()) for m in _WORD.finditer(clause)]
            clause_stems = (key, [(s, a, b, w) for s, a, b, w in found_stems if s is not None and s in weights])
            self._stems = clause_stems
        words: dict[str, tuple[float, str]] = {}
        for stem, start, end, word in clause_stems[1]:
            near = 2.0 if max(start - (at + len(mention.text)), at - end, 0) <= NEAR else 1.0
            if near > words.get(stem, (0.0, ""))[0]:
                words[stem] = (near, word)
        found = None
        if (holders := self.holders.get(lang.CODE)) is not None:
            # NOTE: the indicators whose unit fits the figure are searched first, so the others are mostly cut off.
            pct, other = holders.percent, holders.everyone & ~holders.percent
            groups = [(pct, 1.0 if _unit_fits(mention, "%") else 0.5), (other, 1.0 if _unit_fits(mention, "") else 0.5)]
            groups.sort(key=lambda group: -group[1])
            found = best(holders, [(s, weights[s] * near) for s, (near, _) in words.items()], groups)
        if found is not None and found[0] >= MIN_SCORE:
            indicator_id = found[1]
            profile = self.profiles[lang.CODE][indicator_id]
            shared = [(weights[s] * near, word) for s, (near, word) in words.items() if s in profile]
            because = tuple(word for _, word in sorted(shared, key=lambda s: -s[0])[:BECAUSE_WORDS])
            return IndicatorSuggestion(indicator_id, self._by_id[indicator_id].name, because)
        category = self._by_id[found[1]].category if found is not None and found[0] > 0 else CATEGORIES[0]
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
        candidate, n = base, 1
        while candidate in self._by_id:
            n += 1
            candidate = f"{base}_{n}"
        unit = "%" if mention.kind == "percent" else "qualitative" if mention.value is None else mention.unit or ""
        return IndicatorSuggestion(candidate, name[:1].upper() + name[1:], tuple(named), True, category, unit)

    def period(self, mention: Mention, sentence: str, sentence_start: int, source: str) -> PeriodSuggestion:
        """The period the figure describes, from its sentence's time words and the source's publication date."""
        published = self.data.sources[source].published
        # NOTE: a sentence's figures come one after another, so its times are read once for all of them.
        key = (source, sentence_start, sentence)
        times = self._times
        if times[0] != key:
            times = (key, times_in(sentence, published, self.data.texts[source].language))
            self._times = times
        return nearest_time(times[1], mention.start - sentence_start, published)


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


def _unit_fits(mention: Mention, unit: str) -> bool:
    """Whether an indicator of that unit can hold the figure: a percentage only a "%" one, a bare finding any."""
    if mention.kind == "percent":
        return unit == "%"
    if mention.value is None:
        return True
    return unit != "%" or mention.kind in ("multiplier", "share")
