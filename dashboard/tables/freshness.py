"""How a stale figure is said: its age in words and its publisher's cadence in words ("19 months old; …")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from dashboard.records.clock import months_between
from dashboard.records.dataset import Dataset
from dashboard.records.staleness import stale_figures
from dashboard.tables.display import format_period

#: Cadences with a word of their own, by the days between releases that mean them.
NAMED_CADENCES = (
    (range(1, 2), "daily"),
    (range(7, 8), "weekly"),
    (range(28, 32), "monthly"),
    (range(89, 93), "quarterly"),
    (range(181, 185), "twice a year"),
    (range(365, 367), "yearly"),
)
#: Below this many days an age is said in days (a month-old figure is "40 days old", not "1 month old").
DAYS_SAID_UNDER = 60
#: Marks a stale figure wherever it is drawn (tiles, sheet, deck, chart footers); a word, not a ⚠ sign, because
#: the vendored Liberation Sans has no such sign and the image renderer then swaps the whole line's font.
STALE_WORD = "Stale:"
#: What "stale" means, where a page can say it on hover.
STALE_HELP = (
    "Older than the publisher's usual cadence (update_period_days in indicators.yaml), counted from the end of the "
    "figure's period to today; a newer figure has probably been published. Add the text that states it."
)


def cadence_words(days: int) -> str:
    """`update_period_days` as a reader says it: 31 → "monthly", 92 → "quarterly", 45 → "about 8 times a year"."""
    for span, word in NAMED_CADENCES:
        if days in span:
            return word
    if days < 28:
        return f"about every {days} days"
    per_year = round(365 / days)
    if per_year >= 2:
        return f"about {per_year} times a year"
    years = round(days / 365)
    return "about yearly" if years <= 1 else f"about every {years} years"


def age_words(age_days: int, period: str, today: dt.date) -> str:
    """An age as a reader says it: "40 days old", "19 months old" (calendar months), "3 years old"."""
    if age_days < DAYS_SAID_UNDER:
        return f"{age_days} day{'s' if age_days != 1 else ''} old"
    months = months_between(period, today)
    if months < 24:
        return f"{months} months old"
    return f"{months // 12} years old"


def stale_note(period: str, age_days: int, update_period_days: int, today: dt.date) -> str:
    """ "19 months old; updated about 8 times a year": what a stale figure's tile says under its period."""
    return f"{age_words(age_days, period, today)}; updated {cadence_words(update_period_days)}"


def row_stale_note(row: pd.Series | Mapping[str, Any], today: dt.date) -> str:
    """`stale_note` for a row of the tidy table when it is stale, else "" (a tile already shows the period)."""
    if not bool(row.get("stale", False)):
        return ""
    return stale_note(str(row["period"]), int(row["age_days"]), int(row["update_period_days"]), today)


def stale_footer(data: Dataset, indicator_ids: Iterable[str]) -> list[str]:
    """A chart footer's line naming each stale figure among these indicators' latest ones, or no line."""
    said = []
    for record, age in stale_figures(data, indicator_ids):
        period = record.observation.period
        cadence = record.indicator.update_period_days
        assert cadence is not None  # only a figure with a cadence is stale
        note = stale_note(period, age, cadence, data.today)
        said.append(f"{record.indicator.name} ({format_period(period)} · {note})")
    if not said:
        return []
    return ["Stale, past the publisher's cadence: " + ", ".join(said) + "."]
