"""What day it is for the program (the machine's, or one fixed by --today or DASHBOARD_TODAY) and a figure's age."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping

from dashboard.records.calendar import period_bounds

#: The environment variable that fixes "today" (the app reads it; the CLI too, under its --today).
TODAY_VARIABLE = "DASHBOARD_TODAY"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_today(text: str) -> dt.date:
    """The day `text` names as YYYY-MM-DD; ValueError with a message a user can act on otherwise."""
    text = text.strip()
    if not _DAY.match(text):
        raise ValueError(f"'{text}' is not a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None


def machine_today() -> dt.date:
    """The machine's local date."""
    return dt.date.today()


def environment_today(environ: Mapping[str, str] | None = None) -> dt.date:
    """DASHBOARD_TODAY when it is set, else the machine's date; ValueError (naming the variable) when it is invalid."""
    text = (os.environ if environ is None else environ).get(TODAY_VARIABLE, "").strip()
    if not text:
        return machine_today()
    try:
        return parse_today(text)
    except ValueError as exc:
        raise ValueError(f"{TODAY_VARIABLE}: {exc}") from None


def today_or_machine(environ: Mapping[str, str] | None = None) -> tuple[dt.date, str | None]:
    """DASHBOARD_TODAY, or the machine's date and why when the variable is invalid (the app says so and goes on)."""
    try:
        return environment_today(environ), None
    except ValueError as exc:
        day = machine_today()
        return day, f"{exc}; showing figures' ages as of the machine's date, {day.isoformat()}"


def age_days(period: str, today: dt.date) -> int:
    """Days from the last day of `period` to `today`; 0 while the period has not ended yet."""
    return max(0, (today - period_bounds(period)[1]).days)


def months_between(period: str, today: dt.date) -> int:
    """Calendar months from the month `period` ends in to today's month (May 2025 to December 2026: 19)."""
    end = period_bounds(period)[1]
    return max(0, (today.year - end.year) * 12 + today.month - end.month)


def is_stale(age: int, update_period_days: int | None) -> bool:
    """Whether a figure `age` days old is older than its publisher's cadence; never without a cadence."""
    return update_period_days is not None and age > update_period_days
