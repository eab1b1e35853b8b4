"""The deck's speaker notes: each figure a slide shows, its quote as written, its source, how it was derived."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from dashboard.charts import specs
from dashboard.records.dataset import BRIEFING_LANGUAGE, Dataset
from dashboard.tables.display import CURATORS, format_date, format_period, reader_note, source_label, value_label

#: The columns that tie a chart's rows to the observations they draw (a chart keeps only what it needs to draw).
CHART_KEYS: dict[str, tuple[str, ...]] = {
    "rates-prices": ("indicator_id", "source"),
    "financial-stress": ("indicator_id", "source", "period"),
    "sanctions-threats": ("indicator_id", "source", "period_end"),
    "reporting-timeline": ("source", "category"),
    "corroboration": ("indicator_id", "source", "period_label"),
}
#: Charts that draw each indicator's latest figure only, so their keys are looked up among the latest rows.
LATEST_ONLY = frozenset({"rates-prices"})


def _keys(rows: pd.DataFrame, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    # NOTE: compared as text: a chart's columns are plain objects where the tidy table's are categoricals and dates.
    return [tuple(str(v) for v in row) for row in rows[list(columns)].itertuples(index=False)]


def shown_figures(name: str, chart_rows: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """The observations (rows of `frame`) that the chart `name` draws from `chart_rows`, by indicator and period."""
    columns = CHART_KEYS[name]
    pool = specs.latest(frame) if name in LATEST_ONLY else frame
    pool = pool.assign(period_label=[format_period(p) for p in pool["period"]])
    wanted = set(_keys(chart_rows, columns))
    picked = pool[[key in wanted for key in _keys(pool, columns)]]
    return picked.sort_values(["name", "period_end", "published", "source"], kind="stable")


def derived_rows(chart_rows: pd.DataFrame) -> list[str]:
    """The chart's own arithmetic (the real rate), which no text states: each with how it was worked out."""
    if "kind" not in chart_rows:
        return []
    made = chart_rows[chart_rows["kind"] == "derived"]
    # NOTE: the chart pads its label with two spaces before the bracket; a note reads it as one sentence.
    return [
        f"• {r.row}: {' '.join(str(r.label).split())}. Worked out on the chart from the figures above."
        for r in made.itertuples()
    ]


def translation_of(row: Mapping[Any, Any]) -> str | None:
    """The curator's English translation of a quote (the tidy table's `translation`), when the record gives one."""
    text = row.get("translation")
    return text if isinstance(text, str) and text.strip() else None


def source_note(source_id: str, data: Dataset, numbers: Mapping[str, int]) -> str:
    """`Source [1]: “Title” (title supplied by the curator) · The Gazette · ~3 May 2025 (date inferred; …)`."""
    src = data.sources.get(source_id)
    if src is None:
        return f"Source: {source_id} (not in data/sources.yaml)"
    number = f" [{numbers[source_id]}]" if source_id in numbers else ""
    title = f"“{src.title}”" + (" (title supplied by the curator)" if src.title_basis == "supplied" else "")
    if src.title_translation:
        title += f" ({CURATORS} “{src.title_translation}”)"
    inferred = src.published_basis == "inferred"
    # NOTE: the reasoning behind an inferred date is long and the same for every figure of a text, so it is said
    # once, in the sources slide's notes.
    date = format_date(src.published, inferred) + (
        " (date inferred; why: see the sources slide's notes)" if inferred else ""
    )
    return f"Source{number}: {title} · {source_label(src, data.sources, kind=True)} · {date}"


def figure_note(row: Mapping[Any, Any], data: Dataset, numbers: Mapping[str, int]) -> list[str]:
    """The lines a briefer reads about one figure: what it says, the quote as written, its source, and its basis."""
    lines = [
        f"• {row['name']}: {value_label(row, words=True)} "
        f"({format_period(str(row['period']), row.get('period_basis'), words=True)})",
        f"  Quote: “{row['quote']}”",
        f"  {source_note(str(row['source']), data, numbers)}",
    ]
    derived = row.get("derived")
    if isinstance(derived, str) and derived:
        lines.append(f"  Derived, not stated in the text: {derived}")
    stored = data.texts.get(str(row["source"]))
    language = stored.language if stored is not None else None
    if language is not None and language.CODE != BRIEFING_LANGUAGE:
        translated = translation_of(row)
        lines.append(
            f"  Translation (the curator's): {translated}"
            if translated
            else f"  The quote is in {language.NAME}; no curator's translation is recorded yet."
        )
    return lines


def figures_notes(rows: pd.DataFrame, data: Dataset, numbers: Mapping[str, int], extra: Iterable[str] = ()) -> str:
    """The notes of a slide that shows `rows`: every figure's lines, then any chart arithmetic."""
    lines = ["Where each figure on this slide comes from (quotes exactly as recorded in indicators.yaml):"]
    for row in rows.to_dict("records"):
        lines += figure_note(row, data, numbers)
    lines += list(extra)
    return "\n".join(lines)


def sources_notes(data: Dataset, numbers: Mapping[str, int]) -> str:
    """The sources slide's notes: each listed text's stored file and, for an inferred date, the reasoning."""
    lines = ["Each source is a stored text in seeds/, checked against its checksum on every load:"]
    for source_id in numbers:
        src = data.sources[source_id]
        lines.append(f"[{numbers[source_id]}] {src.file}")
        # NOTE: a reason or note that names stored files ("text 001") is the curator's working, kept off the deck.
        reason = reader_note(src.published_reason, data.sources)
        if src.published_basis == "inferred":
            lines.append(f"  Date inferred: {reason or 'see the Sources page for why'}")
        note = reader_note(src.note, data.sources)
        if note:
            lines.append(f"  Note: {note}")
    return "\n".join(lines)
