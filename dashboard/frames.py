"""Records → tidy pandas frames: one row per observation, with the indicator's and the source's fields."""

from __future__ import annotations

import pandas as pd

from dashboard.dataset import Dataset
from dashboard.schema import CATEGORIES, period_bounds

#: Columns of the tidy table, in the order `data` prints them.
OBSERVATION_COLUMNS = [
    "indicator_id", "name", "category", "unit", "higher_is", "description",
    "value", "qualifier", "period", "period_start", "period_end", "status", "trend", "derived", "note",
    "source", "source_title", "publisher", "author", "reports", "derived_from", "published", "published_basis",
    "source_file", "quote", "quote_start", "quote_end", "quote_line", "match", "yaml_line", "verified",
    "independent",
]  # fmt: skip


def observations_frame(data: Dataset) -> pd.DataFrame:
    """The tidy table: one row per schema-valid observation; `verified` says its quote and value were found."""
    rows = []
    for record in data.records:
        ind, obs, cit = record.indicator, record.observation, record.citation
        source = data.sources.get(obs.source)
        start, end = period_bounds(obs.period)
        rows.append(
            {
                "indicator_id": ind.id,
                "name": ind.name,
                "category": ind.category,
                "unit": ind.unit,
                "higher_is": ind.higher_is,
                "description": ind.description,
                "value": obs.value,
                "qualifier": obs.qualifier,
                "period": obs.period,
                "period_start": start.isoformat(),
                "period_end": end.isoformat(),
                "status": obs.status,
                "trend": obs.trend,
                "derived": obs.derived,
                "note": obs.note,
                "source": obs.source,
                "source_title": source.title if source else None,
                "publisher": source.publisher if source else None,
                "author": source.author if source else None,
                "reports": source.reports if source else None,
                "derived_from": source.derived_from if source else None,
                "published": source.published if source else None,
                "published_basis": source.published_basis if source else None,
                "source_file": source.file if source else None,
                "quote": obs.quote,
                "quote_start": cit.start if cit else None,
                "quote_end": cit.end if cit else None,
                "quote_line": cit.line if cit else None,
                "match": cit.match if cit else None,
                "yaml_line": record.line,
                "verified": record.verified,
            }
        )
    frame = pd.DataFrame(rows, columns=OBSERVATION_COLUMNS[:-1])
    frame["category"] = pd.Categorical(frame["category"], categories=list(CATEGORIES))
    for column in ("quote_start", "quote_end", "quote_line", "yaml_line"):
        frame[column] = frame[column].astype("Int64")
    frame["value"] = frame["value"].astype("Float64")
    frame["verified"] = frame["verified"].astype(bool)
    return mark_independent(frame, data)


def ancestors(source_id: str, data: Dataset) -> list[str]:
    """The texts `source_id` retells, nearest first (its `derived_from`, that one's, …); a cycle stops the walk."""
    chain: list[str] = []
    source = data.sources.get(source_id)
    while source is not None and source.derived_from and source.derived_from not in [*chain, source_id]:
        chain.append(source.derived_from)
        source = data.sources.get(source.derived_from)
    return chain


def mark_independent(frame: pd.DataFrame, data: Dataset) -> pd.DataFrame:
    """`frame` with an `independent` column: False where the row's text retells one that states the same indicator.

    Decided on the whole dataset, never on `frame`, so a filter cannot turn a repeat into a confirmation: a row
    from a text with `derived_from: X` is a repeat iff X (or a text X retells) has a verified observation of the
    same indicator; otherwise it is the retelling's own reporting and counts.
    """
    stated = {(r.indicator.id, r.observation.source) for r in data.records if r.verified}
    chains: dict[str, list[str]] = {}
    independent = []
    for indicator_id, source_id in zip(frame["indicator_id"], frame["source"], strict=True):
        if source_id not in chains:
            chains[source_id] = ancestors(source_id, data)
        independent.append(not any((indicator_id, a) in stated for a in chains[source_id]))
    return frame.assign(independent=pd.Series(independent, index=frame.index, dtype=bool))


def problems_frame(data: Dataset) -> pd.DataFrame:
    """Every problem of the load as a table (code, severity, file, line, column, message, hint)."""
    columns = ["code", "severity", "file", "line", "column", "message", "hint"]
    frame = pd.DataFrame([p.to_dict() for p in data.problems], columns=columns)
    frame["line"] = frame["line"].astype("Int64")
    frame["column"] = frame["column"].astype("Int64")
    return frame
