"""Display formatting shared by the app, the charts and the export: values with hedge and unit, periods, credits."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from dashboard.records.schema import Source

if TYPE_CHECKING:
    from dashboard.records.dataset import Dataset

#: The text's hedge word as a sign before the number ("nearly 10 percent" → "≈10%").
HEDGE_SIGNS = {"exact": "", "about": "≈", "nearly": "≈", "over": ">", "under": "<", "up_to": "≤"}
#: The text's hedge word as a reader reads it where there is room ("nearly 10%"); charts' mark labels keep the sign.
HEDGE_WORDS = {
    "exact": "", "about": "about ", "nearly": "nearly ", "over": "over ", "under": "under ", "up_to": "up to ",
}  # fmt: skip
#: The unit of a change between the two ends of its period ("−60" over 2022-02..2025-02 is a fall since Feb 2022).
CHANGE_UNIT = "% change"
#: A period the curator chose (period_basis: chosen), marked where there is no room for words.
CHOSEN_MARK = "*"
#: What each mark means, said once on every page and image that uses them (the short form in each chart's footer).
MARKS_LEGEND = (
    "≈ the text hedges the figure (about, nearly) · ~ a date inferred from the text · * a period the curator chose"
)
MARKS_SHORT = "≈ hedged · ~ inferred date · * curator's period"
#: How a reader names a text of each kind (data/sources.yaml `kind`) when no outlet is named.
KIND_NOUNS = {"official": "Official release", "news": "News report", "analysis": "Analysis", "blog": "Blog post"}
#: The kind of text in a credit, short enough for a chart footer: `Caliber.Az (news), ~3 Apr 2025`.
KIND_WORDS = {"official": "official release", "news": "news", "analysis": "analysis", "blog": "blog"}
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
    value: float | None,
    qualifier: str | None = "exact",
    unit: str = "",
    status: str | None = None,
    words: bool = False,
    places: int = 2,
) -> str:
    """The value with its hedge and unit (`≈10%`, `16.1% of portfolio`, `>1,000 casualties per day`), or the status.

    With `words` the hedge is the text's word (`nearly 10%`, `over 1,000 casualties per day`).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return status or "no value"
    sign = (HEDGE_WORDS if words else HEDGE_SIGNS).get(qualifier or "exact", "")
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


def value_label(row: Mapping | pd.Series, words: bool = False) -> str:
    """A row's value as every view shows it: hedge, number and unit (or its status), `(derived)` when computed.

    `row` is anything with `.get` (a dict, a pandas row) holding value, qualifier, unit, status, derived and period;
    `≈20% (derived)` is the curator's arithmetic on the text's words, not a figure the text states. With `words`
    (tiles, sheet, tables, tooltips) the hedge is a word and a change says what it is measured from:
    `about 60% lower than in Feb 2022`; without (chart mark labels) it is `≈−60% since Feb 2022`. A figure the
    text states in another scale (`stated_unit`) is shown in the indicator's unit with the text's own form beside
    it: `0.4538 trillion rubles (text: 453.8 billion rubles)`; its `indicator_value` is the converted number, and
    `stated_value` (the charts' name for it) or else `value` the text's.
    """
    status = row.get("status")
    qualifier = None if _missing(row.get("qualifier")) else row.get("qualifier")
    unit = "" if _missing(row.get("unit")) else str(row.get("unit"))
    number, text_value, stated = _shown_number(row)
    converted = stated is not None and number is not None
    places = max(2, _decimals(number)) if converted and number is not None else 2
    label = format_value(number, qualifier, unit, None if _missing(status) else status, words, places)
    period = "" if _missing(row.get("period")) else str(row.get("period"))
    if number is not None and unit.strip() == CHANGE_UNIT and ".." in period:
        base = format_period(period.partition("..")[0])
        if words and number:
            size = format_value(abs(number), qualifier, "%", None, words)
            label = f"{size} {'lower' if number < 0 else 'higher'} than in {base}"
        else:
            label = f"{label} since {base}"
    if converted:
        text = format_value(float(cast(float, text_value)), qualifier, str(stated), None, words, _decimals(text_value))
        label += f" (text: {text})"
    return f"{label} (derived)" if not _missing(row.get("derived")) and row.get("derived") else label


def _shown_number(row: Mapping | pd.Series) -> tuple[float | None, object, str | None]:
    """The number shown (in the indicator's unit), the text's own number, and the text's unit when it differs."""
    value = row.get("value")
    unit = "" if _missing(row.get("unit")) else str(row.get("unit"))
    stated = None if _missing(row.get("stated_unit")) else str(row.get("stated_unit"))
    text_value = row.get("stated_value", value)
    converted = stated is not None and stated != unit and not _missing(text_value)
    given = row.get("indicator_value", value) if converted else value
    number = None if given is None or _missing(given) else float(given)
    return number, text_value, stated if converted else None


def _decimals(number: object) -> int:
    """How many decimals a number's shortest form has (`0.4538` → 4), so a converted figure keeps its digits."""
    text = repr(float(cast(float, number)))
    return 0 if "e" in text or "." not in text else len(text.split(".")[1].rstrip("0"))


def value_parts(row: Mapping | pd.Series) -> tuple[str, str]:
    """A number's hedge and figure (`about −60%`) and the words after it (`change since Feb 2022`), for a tile whose
    figure is drawn large; a finding with no number is all figure. A converted figure is in the indicator's unit."""
    value, _, stated = _shown_number(row)
    if value is None:
        return value_label(row, words=True), ""
    qualifier = None if _missing(row.get("qualifier")) else row.get("qualifier")
    unit = "" if _missing(row.get("unit")) else str(row.get("unit")).strip()
    places = max(2, _decimals(value)) if stated else 2
    big = format_value(value, qualifier, "%" if unit.startswith("%") else "", None, True, places)
    rest = format_value(value, qualifier, unit, None, True, places)[len(big) :].strip()
    period = "" if _missing(row.get("period")) else str(row.get("period"))
    if unit == CHANGE_UNIT:
        rest = f"change since {format_period(period.partition('..')[0])}" if ".." in period else "change"
    derived = not _missing(row.get("derived")) and bool(row.get("derived"))
    return big, " ".join(p for p in (rest, "(derived)" if derived else "") if p)


def period_labels(frame: pd.DataFrame) -> pd.Series:
    """Each row's period in words, `(chosen by the curator)` where `period_basis` says the curator chose it."""
    basis = frame["period_basis"] if "period_basis" in frame.columns else pd.Series(None, index=frame.index)
    pairs = zip(frame["period"].astype(str), basis, strict=True)
    shown = [format_period(p, b if isinstance(b, str) else None, words=True) for p, b in pairs]
    return pd.Series(shown, index=frame.index, dtype=object)


def value_labels(frame: pd.DataFrame, words: bool = False) -> pd.Series:
    """`value_label` of every row of `frame`, indexed like it."""
    wanted = (
        "value", "qualifier", "unit", "status", "derived", "period", "stated_unit", "indicator_value", "stated_value",
    )  # fmt: skip
    fields = [c for c in wanted if c in frame.columns]
    rows = frame[fields].to_dict("records")
    return pd.Series([value_label(r, words) for r in rows], index=frame.index, dtype=object)


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


def format_period(period: str, basis: str | None = "stated", words: bool = False) -> str:
    """`2025-05` → `May 2025`, `2025-Q1` → `Q1 2025`, `2022-02..2025-02` → `Feb 2022 – Feb 2025`.

    A period the curator chose (`basis` "chosen") is marked: `2021 (chosen by the curator)` with `words`, else `2021*`.
    """
    first, _, last = str(period).partition("..")
    shown = f"{_format_point(first)} – {_format_point(last)}" if last else _format_point(first)
    if basis != "chosen":
        return shown
    return f"{shown} (chosen by the curator)" if words else f"{shown}{CHOSEN_MARK}"


def _format_point(point: str) -> str:
    year, rest = point[:4], point[5:]
    if not rest:
        return year
    if rest.startswith("Q"):
        return f"{rest} {year}"
    if len(rest) == 2:
        return f"{_MONTHS[int(rest) - 1]} {year}"
    return format_date(point)


def source_label(source: Source | None, sources: dict[str, Source] | None = None, kind: bool = False) -> str:
    """A short credit for a source: its publisher, `Caliber.Az (per Bloomberg)`, or `retelling of …`.

    With `kind` the kind of text is said too (KIND_WORDS): `Caliber.Az (news, per Bloomberg)`, `Foreign Policy
    (analysis)`, `retelling (blog) of The Washington Post`; a text with no outlet is named by its kind already.
    """
    if source is None:
        return "unknown source"
    word = KIND_WORDS.get(source.kind or "") if kind else None
    if source.derived_from and sources and source.derived_from in sources:
        return f"retelling{f' ({word})' if word else ''} of {source_label(sources[source.derived_from])}"
    if source.publisher:
        marks = [m for m in (word, f"per {source.reports}" if source.reports else None) if m]
        return f"{source.publisher} ({', '.join(marks)})" if marks else source.publisher
    if source.reports:
        return f"retelling{f' ({word})' if word else ''} of {source.reports}"
    # NOTE: the id is the curator's handle, never a reader's name; the kind of text says what it is instead.
    return f"{KIND_NOUNS.get(source.kind or '', 'Text')}, no outlet named"


def source_credit(source: Source | None, sources: dict[str, Source] | None = None, lead: str = "") -> str:
    """`The Washington Post (news), ~2 May 2025`: the reader's label of a source, its kind and its date (`~` when
    inferred).

    Every place a reader sees a source (footers, tooltips, the sheet, the deck, filters, tiles) names it by this;
    ids stay on the Sources page and in the command line. `lead` goes before the date (`published `).
    """
    if source is None:
        return "unknown source"
    date = format_date(source.published, source.published_basis == "inferred")
    return f"{source_label(source, sources, kind=True)}, {lead}{date}"


def reader_note(note: str | None, sources: Mapping[str, Source]) -> str | None:
    """A note fit for a reader, or None when it speaks of stored files ("text 001,", "(004)"; "160,000" is a number).

    Such a note is the curator's working (which seeds/ file retells which); it stays in the YAML files, on the
    Sources page and on the Indicator page (which also shows ids), and is left off the tiles, the sheet and the deck.
    """
    if not note:
        return None
    numbers = {Path(s.file).name.partition("_")[0] for s in sources.values()}
    cited = set(re.findall(r"(?<![\d.,])(\d{3})(?![\d%]|[.,]\d)", note))
    return None if cited & numbers else note


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
