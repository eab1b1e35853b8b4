"""Records → tidy pandas frames: one row per observation, with the indicator's and the source's fields."""

from __future__ import annotations

from operator import attrgetter

import pandas as pd

from dashboard.records import units
from dashboard.records.calendar import period_bounds
from dashboard.records.clock import age_days, is_stale
from dashboard.records.dataset import Dataset
from dashboard.records.schema import CATEGORIES

#: Columns of the tidy table, in the order `data` prints them.
OBSERVATION_COLUMNS = [
    "indicator_id", "name", "category", "unit", "higher_is", "description",
    "value", "stated_unit", "indicator_value", "qualifier", "period", "period_basis", "period_start", "period_end",
    "status", "trend", "derived", "note",
    "source", "source_title", "title_translation", "publisher", "author", "reports", "source_kind", "derived_from",
    "published",
    "published_basis", "source_file", "language", "language_basis", "quote", "translation", "quote_start",
    "quote_end", "quote_line", "match", "yaml_line", "verified", "independent",
    "update_period_days", "age_days", "stale",
]  # fmt: skip
#: Tidy-table column → the `Source` field it holds (None where the observation's source is not in sources.yaml).
SOURCE_FIELDS = {
    "source_title": "title", "title_translation": "title_translation", "publisher": "publisher", "author": "author",
    "reports": "reports", "source_kind": "kind",
    "derived_from": "derived_from", "published": "published", "published_basis": "published_basis",
    "source_file": "file",
}  # fmt: skip
#: Tidy-table column → the `Indicator` field it holds.
INDICATOR_FIELDS = {
    "indicator_id": "id", "name": "name", "category": "category", "unit": "unit", "higher_is": "higher_is",
    "description": "description",
}  # fmt: skip
#: The `Observation` fields the tidy table holds under their own names (`translation` is the curator's, unchecked).
OBSERVATION_FIELDS = [
    "value", "qualifier", "period", "period_basis", "status", "trend", "derived", "note", "source", "quote",
    "translation",
]  # fmt: skip
#: Tidy-table column → the `Citation` field it holds (None where the quote was not found).
CITATION_FIELDS = {"quote_start": "start", "quote_end": "end", "quote_line": "line", "match": "match"}


def observations_frame(data: Dataset) -> pd.DataFrame:
    """The tidy table: one row per schema-valid observation; `verified` says its quote and value were found."""
    # NOTE: built column by column from per-field lists; fields shared by many rows (an indicator's, a source's,
    # a period's bounds) are worked out once each and looked up, which at 30,000 rows is most of the time saved.
    records = data.records
    # NOTE: one C-level attribute map per column, no tuple per row: 30,000 surviving tuples set off a full
    # garbage collection over the whole loaded dataset (~0.15 s at 10,000 indicators).
    indicators = [r.indicator for r in records]
    observations = [r.observation for r in records]
    columns = {name: list(map(attrgetter(field), indicators)) for name, field in INDICATOR_FIELDS.items()}
    columns.update({name: list(map(attrgetter(name), observations)) for name in OBSERVATION_FIELDS})
    # NOTE: the text's own value and unit stay as stated; indicator_value is the same figure in the indicator's unit.
    columns["stated_unit"] = [units.stated_unit(i, o) for i, o in zip(indicators, observations, strict=True)]
    columns["indicator_value"] = [units.indicator_value(i, o) for i, o in zip(indicators, observations, strict=True)]
    bounds = {}
    for period in dict.fromkeys(columns["period"]):
        start, end = period_bounds(period)
        bounds[period] = (start.isoformat(), end.isoformat())
    columns["period_start"] = [bounds[p][0] for p in columns["period"]]
    columns["period_end"] = [bounds[p][1] for p in columns["period"]]
    used = {s: data.sources.get(s) for s in dict.fromkeys(columns["source"])}
    for column, name in SOURCE_FIELDS.items():
        values = {s: getattr(source, name) if source else None for s, source in used.items()}
        columns[column] = [values[s] for s in columns["source"]]
    texts = {s: data.texts.get(s) for s in used}
    codes = {s: text.language.CODE if text is not None else None for s, text in texts.items()}
    columns["language"] = [codes[s] for s in columns["source"]]
    columns["language_basis"] = [data.language_basis.get(s) for s in columns["source"]]
    citations = [r.citation for r in records]
    for name, field in CITATION_FIELDS.items():
        columns[name] = [getattr(c, field) if c else None for c in citations]
    columns["yaml_line"] = [r.line for r in records]
    columns["verified"] = [r.verified for r in records]
    frame = pd.DataFrame(
        {
            **columns,
            "category": pd.Categorical(columns["category"], categories=list(CATEGORIES)),
            "value": pd.array(columns["value"], dtype="Float64"),
            "indicator_value": pd.array(columns["indicator_value"], dtype="Float64"),
            "verified": pd.array(columns["verified"], dtype=bool),
            **{
                name: pd.array(columns[name], dtype="Int64")
                for name in ("quote_start", "quote_end", "quote_line", "yaml_line")
            },
        },
        columns=OBSERVATION_COLUMNS[: OBSERVATION_COLUMNS.index("independent")],
    )
    frame["independent"] = pd.Series(
        _independent(columns["indicator_id"], columns["source"], data), index=frame.index, dtype=bool
    )
    return frame.assign(**_freshness(indicators, columns["period"], data))


def _freshness(indicators: list, periods: list[str], data: Dataset) -> dict[str, pd.api.extensions.ExtensionArray]:
    """`update_period_days`, `age_days` (from the end of the period to data.today) and `stale`, per row."""
    cadence = [ind.update_period_days for ind in indicators]
    ages = {p: age_days(p, data.today) for p in dict.fromkeys(periods)}
    age = [ages[p] for p in periods]
    return {
        "update_period_days": pd.array(cadence, dtype="Int64"),
        "age_days": pd.array(age, dtype="Int64"),
        "stale": pd.array([is_stale(a, c) for a, c in zip(age, cadence, strict=True)], dtype=bool),
    }


def ancestors(source_id: str, data: Dataset) -> list[str]:
    """The texts `source_id` retells, nearest first (its `derived_from`, that one's, …); a cycle stops the walk."""
    chain: list[str] = []
    source = data.sources.get(source_id)
    while source is not None and source.derived_from and source.derived_from not in [*chain, source_id]:
        chain.append(source.derived_from)
        source = data.sources.get(source.derived_from)
    return chain


def mark_independent(frame: pd.DataFrame, data: Dataset) -> pd.DataFrame:
    """`frame` with an `independent` column (see `independence`)."""
    return frame.assign(independent=independence(frame, data))


def independence(frame: pd.DataFrame, data: Dataset) -> pd.Series:
    """False where the row's text retells one that states the same indicator, True otherwise.

    Decided on the whole dataset, never on `frame`, so a filter cannot turn a repeat into a confirmation: a row
    from a text with `derived_from: X` is a repeat iff X (or a text X retells) has a verified observation of the
    same indicator; otherwise it is the retelling's own reporting and counts.
    """
    independent = _independent(list(frame["indicator_id"]), list(frame["source"]), data)
    return pd.Series(independent, index=frame.index, dtype=bool)


def _independent(indicator_ids: list[str], source_ids: list[str], data: Dataset) -> list[bool]:
    """`independence` on plain columns: a row is looked at only when its text retells another."""
    chains = {s: chain for s in dict.fromkeys(source_ids) if (chain := ancestors(s, data))}
    if not chains:
        return [True] * len(indicator_ids)
    retold = {a for chain in chains.values() for a in chain}
    stated = {
        (r.indicator.id, r.observation.source) for r in data.records if r.verified and r.observation.source in retold
    }
    return [
        s not in chains or not any((i, a) in stated for a in chains[s])
        for i, s in zip(indicator_ids, source_ids, strict=True)
    ]


def problems_frame(data: Dataset) -> pd.DataFrame:
    """Every problem of the load as a table (code, severity, file, line, column, message, hint, accepted, reason)."""
    columns = ["code", "severity", "file", "line", "column", "message", "hint", "accepted", "reason"]
    frame = pd.DataFrame([p.to_dict() for p in data.problems], columns=columns)
    frame["line"] = frame["line"].astype("Int64")
    frame["column"] = frame["column"].astype("Int64")
    frame["accepted"] = frame["accepted"].astype(bool)
    return frame
