"""The verified dataset: sources, stored texts, indicators and their citations, and every problem, in one load."""

from __future__ import annotations

import datetime as dt
import functools
import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dashboard import paths
from dashboard.evidence import language as languages
from dashboard.evidence.provenance import Citation, QuoteSearch, StoredText, closest_passage, search_quote
from dashboard.evidence.wording import Finding, check_value
from dashboard.problems import Problem, Severity, error, notice, sort_problems, warning
from dashboard.records import cache, clock
from dashboard.records.accepts import settle
from dashboard.records.disagreements import Pair, RecordKey, check_pairs
from dashboard.records.loading import Document, Located, load_indicators
from dashboard.records.schema import Indicator, Observation, Source
from dashboard.records.sources import read_sources, read_sources_beside, unknown_source
from dashboard.records.units import check_unit

#: The language briefers read: a quote in any other needs the curator's `translation` beside it.
BRIEFING_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class Record:
    """One observation with its indicator, its place in indicators.yaml and its citation in the stored text."""

    indicator: Indicator
    observation: Observation
    index: int
    line: int
    citation: Citation | None
    verified: bool


@dataclass
class Dataset:
    """Everything one load produced: the valid records, the sources they cite, and the problems."""

    root: Path
    indicators_file: str
    sources: dict[str, Source] = field(default_factory=dict)
    texts: dict[str, StoredText] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    indicator_lines: dict[str, int] = field(default_factory=dict)
    source_lines: dict[str, int] = field(default_factory=dict)
    #: Ids of sources whose stored text no longer matches its checksum in data/seeds.sha256.
    changed: set[str] = field(default_factory=set)
    #: Source id → whether its text's language was "stated" in data/sources.yaml or "detected" from the text.
    language_basis: dict[str, str] = field(default_factory=dict)
    #: The day figures' ages are counted to (clock.py): --today, DASHBOARD_TODAY, or the machine's date.
    today: dt.date = field(default_factory=lambda: clock.today_or_machine()[0])
    #: Pairs of records from independent texts whose figures disagree (texts-disagree), accepted or not.
    disagreements: list[Pair] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems of severity error (none is ever accepted)."""
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """Warnings no record has accepted: what `--strict` fails on."""
        return [p for p in self.problems if p.severity is Severity.WARNING and not p.accepted]

    @property
    def notices(self) -> list[Problem]:
        """Notices no record has accepted: what is left to do, never a failure."""
        return [p for p in self.problems if p.severity is Severity.NOTICE and not p.accepted]

    @property
    def accepted(self) -> list[Problem]:
        """Warnings and notices a curator has checked and accepted on their record, each with the reason."""
        return [p for p in self.problems if p.accepted]

    @property
    def open_problems(self) -> list[Problem]:
        """Every problem not accepted."""
        return [p for p in self.problems if not p.accepted]

    def disagreeing_ids(self) -> set[RecordKey]:
        """(indicator id, observation line) of every record in a disagreement no record has accepted."""
        return {k for p in self.disagreements if p.accepted_because is None for k in (p.first, p.second)}

    def partners(self, key: RecordKey) -> list[RecordKey]:
        """The records an unsettled disagreement pairs with `key`'s, in file order."""
        unsettled = [p for p in self.disagreements if p.accepted_because is None]
        return [p.second if p.first == key else p.first for p in unsettled if key in (p.first, p.second)]

    @property
    def as_of(self) -> str | None:
        """The latest publication date among the sources that verified records cite."""
        dates = {self.sources[r.observation.source].published for r in self.records if r.verified}
        return max(dates) if dates else None


def _collector_paused(func):
    """Run `func` with the cyclic garbage collector paused (refcounting still frees what it drops)."""

    @functools.wraps(func)
    def run(*args, **kwargs):
        # NOTE: a load builds a million small acyclic objects; the collector's passes over them were half the time.
        paused = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if paused:
                gc.enable()

    return run


@_collector_paused
def load_dataset(root: Path | None = None, indicators: Path | None = None, today: dt.date | None = None) -> Dataset:
    """Load and verify indicators.yaml (or `indicators`) against data/sources.yaml and the stored texts on `today`."""
    root = (root or paths.ROOT).resolve()
    path = indicators or paths.indicators_path(root)
    label = _label(path, root)
    data = Dataset(root, label) if today is None else Dataset(root, label, today=today)
    if cache.enabled():
        # NOTE: sources.yaml and the stored texts rarely change between loads, so they are parsed again only when they
        # do.
        sources = cache.remember(root, "sources", cache.source_files(root), lambda: read_sources(root))
        entries, doc = load_indicators(path, label)
    else:
        # NOTE: a load that keeps nothing (the command line) reads the stored texts in a forked process while it
        # reads indicators.yaml here, on the second core: 0.2-0.3 s of a warm `candidates` at 1,000 texts.
        pending = read_sources_beside(root)
        try:
            entries, doc = load_indicators(path, label)
        finally:
            sources = pending.wait()  # NOTE: even when the parse raised, so that no child is left waiting to send
    data.sources, data.texts, data.source_lines = dict(sources.sources), dict(sources.texts), dict(sources.source_lines)
    data.changed = set(sources.changed)
    data.language_basis = dict(sources.language_basis)
    data.problems.extend(sources.problems)
    data.problems.extend(doc.problems)
    seen: dict[str, int] = {}
    places: dict[RecordKey, tuple] = {}
    for entry in entries:
        ind = entry.indicator
        id_mark = doc.mark((*entry.path, "id"))
        if ind.id in seen:
            message = f"indicator id '{ind.id}' is used again (first at line {seen[ind.id]}); ids must be unique"
            data.problems.append(error("duplicate-id", label, id_mark.line, id_mark.column, message))
            continue
        seen[ind.id] = entry.line
        data.indicators.append(ind)
        data.indicator_lines[ind.id] = entry.line
        for located in entry.observations:
            data.records.append(_verify(data, doc, ind, located))
            places[(ind.id, located.line)] = located.path

    def place(key: RecordKey, fields: tuple[str, ...]) -> tuple[int | None, int | None]:
        path = places[key]
        mark = doc.key_marks.get((*path, *fields)) if fields[0] == "accept" else None
        mark = mark or doc.mark((*path, *fields[:1]))
        return mark.line, mark.column

    data.disagreements, found = check_pairs(data.records, data.sources, place, label)
    data.problems.extend(found)
    data.problems = sort_problems(data.problems)
    return data


def _label(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


def _verify(data: Dataset, doc: Document, ind: Indicator, located: Located) -> Record:
    obs: Observation = located.record
    path = located.path
    index = located.index
    found: list[Problem] = []
    prefix = f"indicator '{ind.id}', observation {index + 1}: "

    def report(code: str, field_name: str, message: str, make: Callable[..., Problem] = error) -> None:
        mark = doc.mark((*path, field_name))
        found.append(make(code, data.indicators_file, mark.line, mark.column, prefix + message))

    def place(code: str) -> tuple[int | None, int | None]:
        mark = doc.key_marks.get((*path, "accept", code)) or doc.mark((*path, "accept"))
        return mark.line, mark.column

    citation = None
    stored = data.texts.get(obs.source)
    if obs.source not in data.sources:
        report("unknown-source", "source", unknown_source(obs.source, data.sources))
    elif stored is None:
        report("source-file-missing", "source", f"the stored text of source '{obs.source}' could not be read")
    else:
        if obs.source in data.changed:
            report("source-changed", "source", _changed(obs.source, data))
        search, findings = _checked(obs, stored)
        citation = search.citation
        if citation is None:
            report("quote-not-found", "quote", _not_found(obs, data, search.refused))
        elif search.again is not None:
            report("ambiguous-quote", "quote", _ambiguous(obs, data, citation, search.again), warning)
        for code, field_name, message, severe in findings:
            # NOTE: a qualifier left out (exact by default) has no line of its own, so the value's line stands in.
            in_file = field_name if (*path, field_name) in doc.marks else "value"
            report(code, in_file, message, error if severe else warning)
    if obs.unit is not None and (refused := check_unit(obs.unit, ind.unit, ind.id)) is not None:
        report(refused[0], "unit", refused[1])
    if stored is not None and obs.translation is None and stored.language.CODE != BRIEFING_LANGUAGE:
        report("untranslated-quote", "quote", _untranslated(stored.language.NAME, stored.language.CODE), make=notice)
    found = settle(obs.accept, found, citation is not None, place, data.indicators_file, prefix)
    data.problems.extend(found)
    verified = citation is not None and not any(p.severity is Severity.ERROR for p in found)
    return Record(ind, obs, index, located.line, citation, verified)


def _checked(obs: Observation, stored: StoredText) -> tuple[QuoteSearch, tuple[Finding, ...]]:
    """Where the quote stands in the text and what its value's wording says: kept between loads, as they depend only
    on the quote, the value as written, its qualifier, whether it is derived, and the text's bytes and language."""
    value, derived = obs.value, obs.derived is not None
    key = (obs.quote, value, type(value), obs.qualifier, derived, stored.sha256, stored.language.CODE)

    def compute() -> tuple[QuoteSearch, tuple[Finding, ...]]:
        search = search_quote(obs.quote, stored)
        if search.citation is None or value is None:
            return search, ()
        spans = search.citation.spans
        return search, tuple(check_value(value, obs.qualifier, derived, stored.text, spans, stored.language))

    # NOTE: after a save of indicators.yaml the app loads every record again, and all but the edited ones check as
    # before: these searches were a quarter of that reload.
    return cache.checked(key, compute)


def _untranslated(name: str, code: str) -> str:
    return (
        f"the quote is in {name} ({code}) and has no translation; add `translation:`, your English rendering, "
        "so that briefers who read no " + name + " can follow it"
    )


def _changed(source_id: str, data: Dataset) -> str:
    file = data.sources[source_id].file
    return (
        f"stored text {file} has changed since it was curated (data/sources.yaml:{data.source_lines[source_id]}), "
        "so this record is not verified; restore the text from git"
    )


def _ambiguous(obs: Observation, data: Dataset, citation: Citation, again: int) -> str:
    stored = data.texts[obs.source]
    other = stored.position(again)[0]
    file = data.sources[obs.source].file
    return (
        f"the quote fits {file} at line {citation.line} and again at line {other}; the first is cited, "
        "so lengthen the quote until it fits one place"
    )


def _not_found(obs: Observation, data: Dataset, refused: str | None = None) -> str:
    source = data.sources[obs.source]
    if refused is not None:
        return (
            f"quote not found in {source.file}: the words around '…' are there, but {refused}; "
            "an omission may leave out words within a sentence, never join two sentences"
        )
    mixed = languages.mixed_letters(obs.quote)
    if mixed:
        column, letter, script, word_script = mixed[0]
        return (
            f"quote not found in {source.file}: the {script.title()} letter '{letter}' (U+{ord(letter):04X}) at "
            f"column {column} of the quote stands in a {word_script.title()} word; retype it in "
            f"{word_script.title()} (letters that look alike in two scripts do not match)"
        )
    near = closest_passage(obs.quote, data.texts[obs.source])
    if near is None:
        return f"quote not found in {source.file}; copy it verbatim from the stored text"
    line, ours, theirs = near
    if not ours and not theirs:
        return f"quote not found in {source.file}; closest passage at line {line}"
    return f"quote not found in {source.file}; closest passage at line {line} differs: '{ours}' vs '{theirs}'"
