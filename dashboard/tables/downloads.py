"""The table every download gives (each observation with its provenance) and CSV that spreadsheets cannot run."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.records.dataset import Dataset
from dashboard.tables.display import format_as_of, source_credit, value_labels

#: What a cell may start with for a spreadsheet to run it as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Columns of every table the project writes (the Findings and Indicator CSVs, `data` as CSV or JSON), in order: the
#: observation, how it is shown, where it comes from, and how it was checked. The curator's translations are in
#: columns whose names say whose they are: they are never checked against the text. README.md says what each holds.
EXPORT_COLUMNS = [
    "indicator_id", "indicator", "category", "value", "unit", "stated_unit", "indicator_value", "qualifier", "status",
    "shown", "period", "period_basis", "trend", "derived", "derived_how", "note", "independent", "source",
    "source_kind", "source_title",
    "title_translation_by_curator", "title_basis", "publisher", "reports", "retells", "published", "published_basis",
    "published_reason", "credit", "quote", "translation_by_curator", "quote_line", "quote_start", "quote_end",
    "source_file", "language", "yaml_line", "verified", "update_period_days", "age_days", "stale", "as_of",
]  # fmt: skip
#: What a downloaded table holds, for the download button's tooltip.
EXPORT_HELP = (
    "Every finding shown, with its quote, source title (and the curator's translations of both, where the text is "
    "not in English), publication date (stated or inferred, and why), derived flag, qualifier and the as-of date"
)


def export_table(frame: pd.DataFrame, data: Dataset) -> pd.DataFrame:
    """One row per observation of `frame` with everything needed to check it: quote, source, date basis, as-of.

    The one schema of every table written: whole numbers as integers (`160000`, never `160000.0`), yes/no for every
    flag, no qualifier where there is no number, and one as-of rule: the whole dataset's as-of date (its latest
    verified text, `~` when inferred), so a row reads the same in every table whatever else was chosen with it.
    """
    sources = [data.sources.get(s) for s in frame["source"]]

    def field(name: str) -> list:
        return [getattr(s, name, None) if s is not None else None for s in sources]

    derived = frame["derived"].astype("string")
    out = pd.DataFrame(
        {
            "indicator_id": frame["indicator_id"].to_numpy(),
            "indicator": frame["name"].to_numpy(),
            "category": frame["category"].astype(str).to_numpy(),
            "value": None,
            "unit": frame["unit"].to_numpy(),
            "stated_unit": _column(frame, "stated_unit"),
            # NOTE: a qualifier hedges a number; a finding with none has nothing to hedge.
            "qualifier": [
                q if not pd.isna(v) else None for q, v in zip(frame["qualifier"], frame["value"], strict=True)
            ],
            "status": frame["status"].to_numpy(),
            "shown": value_labels(frame, words=True).to_numpy(),
            "period": frame["period"].to_numpy(),
            "period_basis": _column(frame, "period_basis"),
            "trend": frame["trend"].to_numpy(),
            "derived": _yes_no(derived.notna()),
            "derived_how": derived.to_numpy(),
            "note": frame["note"].to_numpy(),
            "independent": _yes_no(frame["independent"]) if "independent" in frame.columns else None,
            "source": frame["source"].to_numpy(),
            "source_kind": field("kind"),
            "source_title": field("title"),
            "title_translation_by_curator": field("title_translation"),
            "title_basis": field("title_basis"),
            "publisher": field("publisher"),
            "reports": field("reports"),
            "retells": field("derived_from"),
            "published": field("published"),
            "published_basis": field("published_basis"),
            "published_reason": field("published_reason"),
            "credit": [source_credit(s, data.sources) for s in sources],
            "quote": frame["quote"].to_numpy(),
            "translation_by_curator": frame["translation"].to_numpy(),
            "quote_line": frame["quote_line"].to_numpy(),
            "quote_start": _column(frame, "quote_start"),
            "quote_end": _column(frame, "quote_end"),
            "source_file": field("file"),
            "language": _column(frame, "language"),
            "yaml_line": _column(frame, "yaml_line"),
            "verified": _yes_no(frame["verified"]) if "verified" in frame.columns else None,
            "update_period_days": _column(frame, "update_period_days"),
            "age_days": _column(frame, "age_days"),
            "stale": _yes_no(frame["stale"]) if "stale" in frame.columns else None,
            "as_of": format_as_of(frame.iloc[:0], data),
        },
        columns=EXPORT_COLUMNS,
    )
    # NOTE: an object column, set after the frame is built: the constructor would turn 160000 back into 160000.0.
    out["value"] = pd.Series([_number(v) for v in frame["value"]], index=out.index, dtype=object)
    converted = frame["indicator_value"] if "indicator_value" in frame.columns else frame["value"]
    out["indicator_value"] = pd.Series([_number(v) for v in converted], index=out.index, dtype=object)
    for column in ("quote_line", "quote_start", "quote_end", "yaml_line", "update_period_days", "age_days"):
        out[column] = out[column].astype("Int64")
    return out


def _column(frame: pd.DataFrame, name: str) -> object:
    """`frame[name]`'s values, or nothing when `frame` lacks that column."""
    return frame[name].to_numpy() if name in frame.columns else None


def _number(value: Any) -> int | float | None:
    """A cell's number as a reader writes it: a whole number as an int (`160000`), else the float; None when empty."""
    if value is None or pd.isna(value):
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def _yes_no(flags: pd.Series) -> list[str]:
    return ["yes" if bool(f) else "no" for f in flags]


def neutralise_cell(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe; anything else is kept."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells cannot start a formula (numbers keep their sign: they are not text)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            # NOTE: cell by cell, not .map: map would turn a column of whole numbers (`value`) into floats.
            out[column] = pd.Series([neutralise_cell(v) for v in out[column]], index=out.index, dtype=object)
        elif not (pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_bool_dtype(out[column])):
            out[column] = out[column].map(neutralise_cell, na_action="ignore")
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """`frame` as UTF-8 CSV for download, formulas neutralised."""
    return neutralise_formulas(frame).to_csv(index=False, lineterminator="\n").encode("utf-8")
