"""Suggestions on a candidate: the indicator its figure most likely belongs to, and the period it describes.

A candidate's clause is compared with the indicators known in its text's language (curation/profiles.py: their
words, word beginnings standing for words), each word weighted by how few indicators use it, the words near the
figure counting double; a figure whose kind the indicator's unit cannot hold (a percentage for a count in rubles)
counts half. Below MIN_SCORE no indicator fits and a new one is proposed. A text's suggestions are worked out
together, from the features its scan keeps (curation/features.py), and kept on disk under all they depend on
(curation/kept.py), so a changed indicators.yaml gives new ones only when it changes what they read of the
indicators' words.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from dashboard.curation import features, kept, profiles, scans
from dashboard.curation.features import Features, Stem
from dashboard.curation.mentions import Mention
from dashboard.curation.periods import Time, nearest_time, resolve_times, time_matches
from dashboard.curation.profiles import Profiles
from dashboard.curation.proposals import IndicatorSuggestion, propose
from dashboard.curation.ranking import Holders, best
from dashboard.evidence.language import Language
from dashboard.evidence.provenance import StoredText
from dashboard.records.dataset import Dataset
from dashboard.records.schema import CATEGORIES, Indicator

#: The least score that names an existing indicator: two distinctive words shared, or one shared right by the
#: figure (tests/curation/test_suggestions.py measures what this floor keeps).
MIN_SCORE = 3.0
#: How near the figure (in characters, either side) a word counts double: the words that name what it measures.
NEAR = 60
#: How many matched words `because` gives, the heaviest first.
BECAUSE_WORDS = 4
#: Texts whose suggestions are kept in memory, the latest asked about (a page asks again for the ones it shows).
TABLES = 64


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
    # source → its mentions' suggestions by span, for the latest TABLES texts asked about
    _tables: dict[str, kept.Entry] = field(default_factory=dict)
    # language code → a hash of the indicators' words in it (what the profiles are kept under), and of what the
    # profiles make of them (what the kept suggestions are kept under)
    _words_hashed: dict[str, str] = field(default_factory=dict)
    _fingerprints: dict[str, str] = field(default_factory=dict)
    _made: Profiles | None = None
    # (language code, an earlier fingerprint) → the stems changed since (Profiles.changed_since)
    _changes: dict[tuple[str, str], frozenset[str] | None] = field(default_factory=dict)
    # the entry asked for last (a report asks for each text's mentions one after another), read without the lock
    _last: tuple[str, kept.Entry | None] = ("", None)
    _by_id: dict[str, Indicator] = field(default_factory=dict)
    _built: bool = False
    # NOTE: the app's sessions share one survey (and so one Suggester) across threads.
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _build(self) -> None:
        """The indicators' words, made on the first suggestion: a survey whose page shows none never pays for them."""
        with self._lock:
            if not self._built:
                self._by_id = {i.id: i for i in self.data.indicators}
                made = self._made = profiles.make(self.data, self._word_prints())
                self.profiles, self.weights, self.holders = made.profiles, made.weights, made.holders
                self._fingerprints = made.fingerprints
                self._built = True

    def fingerprint(self, code: str) -> str:
        """A hash of all a suggestion in language `code` depends on besides its text and publication date.

        That is every indicator's id, name, category and unit, and what the language's profiles make of the
        indicators' words: each stem's weight and which indicators hold it (profiles.fingerprint_of). A save that
        changes words but none of these (a quote cited again, a word an indicator already had) keeps every
        suggestion. A run whose suggestions are all kept reads only these hashes, kept beside the profiles.
        """
        if not self._fingerprints:
            with self._lock:
                if not self._fingerprints:
                    self._fingerprints = profiles.fingerprints(self.data, self._word_prints())
        return self._fingerprints[code]

    def _word_prints(self) -> dict[str, str]:
        """profiles.word_prints of the data, made once."""
        if not self._words_hashed:
            self._words_hashed = profiles.word_prints(self.data)
        return self._words_hashed

    def suggest(self, source: str, mention: Mention, text: str) -> kept.Pair:
        """Both suggestions for a mention of `source`'s whole `text`, worked out once per text and kept."""
        return kept.pair_of(self._row_of(source, mention, text))

    def prepare(self, sources: Iterable[str], progress: scans.Progress | None = None) -> None:
        """Work out and keep the suggestions of the texts with no entry, in worker processes when there are many (a
        new indicators.yaml's words, an empty cache), each worker scanning a text with no scan first; otherwise each
        text's are worked out when first asked for. `progress(done, total)` hears of each text worked out here."""
        missing = []
        for source in sources:
            stored = self.data.texts[source]
            fingerprint, published = self.fingerprint(stored.language.CODE), self.data.sources[source].published
            if not kept.holds(scans.key(stored), published, fingerprint):
                missing.append(source)
        if len(missing) < 2 * scans.PARALLEL_MIN:
            return
        global _forked
        self._build()
        _forked = self
        try:
            for done, _ in enumerate(scans.forked(_work_out_text, missing), start=1):
                if progress is not None:
                    progress(done, len(missing))
        finally:
            _forked = None

    def _row_of(self, source: str, mention: Mention, text: str) -> kept.Row:
        """Both suggestions for the mention, as a kept entry's row."""
        span = (mention.start, mention.end)
        entry = self._entry(source)
        found = entry.row(span)
        if found is None and entry.line(span) is not None:
            # NOTE: the entry's rows were damaged after its lines were read: it is worked out and written again.
            found = self._entry(source, again=True).row(span)
        return found if found is not None else self._alone(source, mention, text)[0]

    def _alone(self, source: str, mention: Mention, text: str) -> tuple[kept.Row, str]:
        """A mention the scan never found (made by hand), worked out on its own and not kept: its row and line."""
        lang = self.data.texts[source].language
        pair = self._work_out(source, mention, text, features.features_of(text, [mention], lang), {})
        return kept.row_of(mention, pair), kept.line_of(pair)

    def entry(self, source: str) -> kept.Entry:
        """Every mention of `source`'s text with its suggestions and its text report's lines (kept, else worked out)."""
        return self._entry(source)

    def _entry(self, source: str, again: bool = False, missing: bool = False) -> kept.Entry:
        """The suggestions on every mention of `source`'s text: kept on disk, else (or `again`) worked out from its
        features and kept (`missing`: the caller found none kept)."""
        last_source, last = self._last
        if last_source == source and last is not None and not again:
            return last
        with self._lock:
            entry = None if again else self._tables.get(source)
        if entry is not None:
            self._last = (source, entry)
            return entry
        stored = self.data.texts[source]
        published = self.data.sources[source].published
        fingerprint, scan_key = self.fingerprint(stored.language.CODE), scans.key(stored)
        entry = None if again or missing else kept.read(scan_key, published, fingerprint)
        if entry is None:
            if not self._built:
                self._build()
            (found, feats), times = scans.scanned(stored), dict[tuple[int, int], list[Time]]()
            before = None if again else self._before(stored, scan_key, published, found)
            rows, heads, lines = [], [], []
            for place, mention in enumerate(found):
                if before is None:
                    pair = self._work_out(source, mention, stored.text, feats, times)
                elif self._touched(mention, stored, feats, before[0]):
                    # NOTE: a period is read from the text and its date alone, so only the indicator may be another.
                    pair = self._indicator_of(mention, stored, feats), kept.period_of(before[1][place])
                else:
                    rows.append(before[1][place])
                    heads.append(before[2][place])
                    lines.append(before[3][place])
                    continue
                rows.append(kept.row_of(mention, pair))
                heads.append(kept.head_of(mention, stored.text))
                lines.append(kept.line_of(pair))
            entry = kept.write(scan_key, published, fingerprint, rows, heads, lines)
        with self._lock:
            self._tables[source] = entry
            self._last = (source, entry)
            while len(self._tables) > TABLES:
                self._tables.pop(next(iter(self._tables)))
        return entry

    def _before(
        self, stored: StoredText, scan_key: str, published: str, found: list[Mention]
    ) -> tuple[frozenset[str], list[kept.Row], list[str], list[str]] | None:
        """The stems a save changed and the text's suggestions from before it (rows, heads, lines), when those of
        the mentions whose clauses hold none of those stems still stand (all else a suggestion reads is the same);
        None when there are none or that is not known."""
        previous = kept.read_previous(scan_key, published)
        if previous is None or self._made is None:
            return None
        entry, fingerprint = previous
        code = stored.language.CODE
        if (code, fingerprint) not in self._changes:
            self._changes[(code, fingerprint)] = self._made.changed_since(code, fingerprint)
        changed = self._changes[(code, fingerprint)]
        table = entry.table() if changed is not None else None
        if changed is None or table is None or entry.spans != [(m.start, m.end) for m in found]:
            return None
        return changed, table[0], entry.heads, table[1]

    def _touched(self, mention: Mention, stored: StoredText, feats: Features, changed: frozenset[str]) -> bool:
        """Whether the mention's clause holds a stem of `changed`, so that its indicator may be another."""
        stems = features.stems_of_clause(mention, stored.text, feats, stored.language)
        return any(stem in changed for stem, _, _, _ in stems)

    def _work_out(
        self, source: str, mention: Mention, text: str, feats: Features, times: dict[tuple[int, int], list[Time]]
    ) -> kept.Pair:
        """Both suggestions for one mention, from its text's features; `times` keeps each sentence's resolved times."""
        stored = self.data.texts[source]
        published = self.data.sources[source].published
        found = times.get(mention.sentence)
        if found is None:
            s0, s1 = mention.sentence
            matches = feats.sentences.get(mention.sentence)
            if matches is None:
                matches = time_matches(text[s0:s1], stored.language)
            found = times[mention.sentence] = resolve_times(matches, published, stored.language)
        period = nearest_time(found, mention.start - mention.sentence[0], published)
        return self._indicator_of(mention, stored, feats), period

    def _indicator_of(self, mention: Mention, stored: StoredText, feats: Features) -> IndicatorSuggestion:
        """The indicator suggested for a mention of the stored text, from its features."""
        stems = features.stems_of_clause(mention, stored.text, feats, stored.language)
        return self.indicator(mention, stored.text, stems, stored.language)

    def fields(self, source: str, mention: Mention, text: str) -> dict:
        """Both suggestions as a candidate's JSON fields, suggested_indicator and suggested_period."""
        ind, per = self.suggest(source, mention, text)
        return {"suggested_indicator": ind.to_json(), "suggested_period": per.to_json()}

    def line(self, source: str, mention: Mention, text: str) -> str:
        """Both suggestions on one line: `indicator_id (because "…", "…"); period 2025-05 (from "…")`."""
        # NOTE: kept with the rows: a report of 50,000 lines need not make two objects and a line for each.
        found = self._entry(source).line((mention.start, mention.end))
        return found if found is not None else self._alone(source, mention, text)[1]

    def indicator(self, mention: Mention, text: str, clause_stems: list[Stem], lang: Language) -> IndicatorSuggestion:
        """The indicator the figure most likely belongs to, from the stems of its clause (`text` is the whole text)."""
        if not self._built:
            self._build()
        weights = self.weights.get(lang.CODE, {})
        at = mention.start - mention.clause[0]
        after = at + len(mention.text)
        words: dict[str, tuple[float, str]] = {}
        # NOTE: a word is near when it ends at most NEAR before the figure and starts at most NEAR after it.
        first, last = at - NEAR, after + NEAR
        for stem, start, end, word in clause_stems:
            if stem in weights:
                if start <= last and end >= first:
                    if words.get(stem, (0.0, ""))[0] < 2.0:
                        words[stem] = (2.0, word)
                elif stem not in words:
                    words[stem] = (1.0, word)
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
        clause = text[mention.clause[0] : mention.clause[1]]
        return self._proposal(mention, clause, at, lang, category)

    def _proposal(self, mention: Mention, clause: str, at: int, lang: Language, category: str) -> IndicatorSuggestion:
        """A new indicator for the curator to rename, fill in and paste (curation/proposals.py names it)."""
        ident, name, named, unit = propose(mention, clause, at, lang, self._by_id)
        return IndicatorSuggestion(ident, name, named, True, category, unit)


#: The Suggester whose work the worker processes share (they inherit it from the fork).
_forked: Suggester | None = None


def _work_out_text(source: str) -> None:
    """In a worker process: the suggestions of `source`'s text worked out and kept on disk, for the caller to read."""
    assert _forked is not None
    _forked._entry(source, missing=True)


def _unit_fits(mention: Mention, unit: str) -> bool:
    """Whether an indicator of that unit can hold the figure: a percentage only a "%" one, a bare finding any."""
    if mention.kind == "percent":
        return unit == "%"
    if mention.value is None:
        return True
    return unit != "%" or mention.kind in ("multiplier", "share")
