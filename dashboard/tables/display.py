"""Display formatting shared by the app, the charts and the export: values with hedge and unit, periods, credits."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from dashboard.records.schema import Source

if TYPE_CHECKING:
    from dashboard.records.dataset import Dataset

#: The text's hedge word as a sign before the number ("nearly 10 percent" → "≈10%").
HEDGE_SIGNS = {"exact": "", "about": "≈", "nearly": "≈", "over": ">", "under": "<", "up_to": "≤"}
#: Units that mean "no number", so the observation's status is shown instead.
QUALITATIVE_UNITS = frozenset({"", "qualitative"})
MINUS = "\u2212"
#: How every translation is introduced wherever it is shown: it is the curator's, never checked against the text.
CURATORS = "curator's translation:"
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of them
# also disarms Streamlit's own syntax (:red[…], :material/…:, $…$ maths).
_MD_SPECIAL = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def format_number(value: float, places: int = 2) -> str:
    """`160000` → `160,000`, `16.1` → `16.1`, `-60` → `−60` (typographic minus), at most `places` decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    size = abs(float(value))
    text = f"{size:,.0f}" if size.is_integer() else f"{size:,.{places}f}".rstrip("0").rstrip(".")
    return (MINUS if value < 0 else "") + text


def format_value(
    value: float | None, qualifier: str | None = "exact", unit: str = "", status: str | None = None, places: int = 2
) -> str:
    """The value with its hedge and unit (`≈10%`, `16.1% of portfolio`, `>1,000 casualties per day`), or the status."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return status or "no value"
    sign = HEDGE_SIGNS.get(qualifier or "exact", "")
    number = format_number(value, places)
    unit = (unit or "").strip()
    if unit in QUALITATIVE_UNITS:
        return f"{sign}{number}"
    if unit.startswith("%"):
        rest = unit[1:].strip()
        # NOTE: a "% change" already shows its direction in the sign, so the word adds nothing.
        rest = "" if rest == "change" else rest
        return f"{sign}{number}%" + (f" {rest}" if rest else "")
    return f"{sign}{number} {unit}"


def _missing(value: Any) -> bool:
    """True for None, NaN and pandas' NA (a table cell with nothing in it)."""
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def value_label(row: Mapping | pd.Series) -> str:
    """A row's value as every view shows it: hedge, number and unit (or its status), `(derived)` when computed.

    `row` is anything with `.get` (a dict, a pandas row) holding value, qualifier, unit, status and derived;
    `≈20% (derived)` is the curator's arithmetic on the text's words, not a figure the text states. A figure the
    text states in another scale (`stated_unit`) is shown in the indicator's unit with the text's own form beside
    it: `0.4538 trillion rubles (text: 453.8 billion rubles)`; its `indicator_value` is the converted number, and
    `stated_value` (the charts' name for it) or else `value` the text's.
    """
    value, status = row.get("value"), row.get("status")
    qualifier = None if _missing(row.get("qualifier")) else row.get("qualifier")
    unit = "" if _missing(row.get("unit")) else str(row.get("unit"))
    stated = None if _missing(row.get("stated_unit")) else str(row.get("stated_unit"))
    text_value = row.get("stated_value", value)
    converted = stated is not None and stated != unit and not _missing(text_value)
    given = row.get("indicator_value", value) if converted else value
    number = None if given is None or _missing(given) else float(given)
    label = format_value(
        number,
        qualifier,
        unit,
        None if _missing(status) else status,
        max(2, _decimals(number)) if converted and number is not None else 2,
    )
    if converted and number is not None:
        text = format_value(float(cast(float, text_value)), qualifier, str(stated), places=_decimals(text_value))
        label += f" (text: {text})"
    return f"{label} (derived)" if not _missing(row.get("derived")) and row.get("derived") else label


def _decimals(number: object) -> int:
    """How many decimals a number's shortest form has (`0.4538` → 4), so a converted figure keeps its digits."""
    text = repr(float(cast(float, number)))
    return 0 if "e" in text or "." not in text else len(text.split(".")[1].rstrip("0"))


def value_labels(frame: pd.DataFrame) -> pd.Series:
    """`value_label` of every row of `frame`, indexed like it."""
    wanted = ("value", "qualifier", "unit", "status", "derived", "stated_unit", "indicator_value", "stated_value")
    fields = [c for c in wanted if c in frame.columns]
    return pd.Series([value_label(r) for r in frame[fields].to_dict("records")], index=frame.index, dtype=object)


def format_as_of(frame: pd.DataFrame, data: Dataset) -> str:
    """The as-of date of the rows shown: the latest publication among their sources, `~` when that date is inferred.

    Only verified rows count when `frame` has a `verified` column; with no rows (or no `source` column) it is
    the whole dataset's as-of date, and `undated` when no cited source has a date.
    """
    rows = frame[frame["verified"].astype(bool)] if "verified" in frame.columns else frame
    ids = set(rows["source"].dropna()) if "source" in rows.columns and len(rows) else set()
    if not ids:
        ids = {r.observation.source for r in data.records if r.verified}
    dated = [data.sources[s] for s in ids if s in data.sources and data.sources[s].published]
    if not dated:
        return "undated"
    latest = max(s.published for s in dated)
    # NOTE: when two texts share the latest date and one states it, the date is known, not inferred.
    inferred = all(s.published_basis == "inferred" for s in dated if s.published == latest)
    return format_date(latest, inferred)


def format_date(date: str | None, inferred: bool = False) -> str:
    """`2025-05-02` → `2 May 2025`, prefixed `~` when the date is inferred."""
    if not date:
        return "undated"
    day = dt.date.fromisoformat(date)
    return f"{'~' if inferred else ''}{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_period(period: str) -> str:
    """`2025-05` → `May 2025`, `2025-Q1` → `Q1 2025`, `2022-02..2025-02` → `Feb 2022 – Feb 2025`."""
    first, _, last = str(period).partition("..")
    if last:
        return f"{_format_point(first)} – {_format_point(last)}"
    return _format_point(first)


def _format_point(point: str) -> str:
    year, rest = point[:4], point[5:]
    if not rest:
        return year
    if rest.startswith("Q"):
        return f"{rest} {year}"
    if len(rest) == 2:
        return f"{_MONTHS[int(rest) - 1]} {year}"
    return format_date(point)


def source_label(source: Source | None, sources: dict[str, Source] | None = None) -> str:
    """A short credit for a source: its publisher, `Caliber.Az (per Bloomberg)`, or `retelling of …`."""
    if source is None:
        return "unknown source"
    if source.derived_from and sources and source.derived_from in sources:
        return f"retelling of {source_label(sources[source.derived_from])}"
    if source.publisher:
        return f"{source.publisher} (per {source.reports})" if source.reports else source.publisher
    if source.reports:
        return f"retelling of {source.reports}"
    return f"{source.id} (no outlet named)"


def source_credit(source: Source | None, sources: dict[str, Source] | None = None) -> str:
    """`The Washington Post, ~2 May 2025`: short label and date, `~` marking an inferred date."""
    if source is None:
        return "unknown source"
    date = format_date(source.published, source.published_basis == "inferred")
    return f"{source_label(source, sources)}, {date}"


def escape_markdown(text: str) -> str:
    """Text that st.markdown shows literally: Markdown, HTML, maths and directives are all disarmed."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    # NOTE: indentation would start a code block and a single newline would vanish; keep lines as lines.
    return re.sub(r"[ \t]*\r?\n[ \t]*", "  \n", escaped)


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the paragraph (the run between blank-free newlines) holding text[start:end]."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right < 0 else right


def highlight_markdown(text: str, spans: list[tuple[int, int, str | None]], colour: str = "orange") -> str:
    """Markdown of `text` with each (start, end, link) span highlighted; every piece of `text` is escaped first."""
    out: list[str] = []
    cursor = 0
    for start, end, link in sorted(spans):
        start = max(start, cursor)
        if end <= start:
            continue
        out.append(escape_markdown(text[cursor:start]))
        marked = f":{colour}-background[{escape_markdown(text[start:end])}]"
        # NOTE: links are built by us from a snake_case id, never from the text.
        out.append(f"[{marked}]({link})" if link else marked)
        cursor = end
    out.append(escape_markdown(text[cursor:]))
    return "".join(out).lstrip(" \t")
