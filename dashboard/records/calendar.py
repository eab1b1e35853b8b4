"""Periods in indicators.yaml's syntax (a year, quarter, month or day, or FROM..TO) and the days they cover."""

from __future__ import annotations

import datetime as dt
import functools

_POINT = r"\d{4}(?:-Q[1-4]|-\d{2}(?:-\d{2})?)?"
#: One period: a year, quarter, month or day, or a FROM..TO range of them.
PERIOD_PATTERN = rf"^{_POINT}(?:\.\.{_POINT})?$"


# NOTE: periods repeat across thousands of records, and this check was a sixth of validating them.
@functools.lru_cache(maxsize=4096)
def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """First and last day a period covers; raises ValueError when it names no real date."""
    first, _, last = period.partition("..")
    start = _point_bounds(first)[0]
    end = _point_bounds(last or first)[1]
    if end < start:
        raise ValueError(f"the range {period!r} ends before it starts")
    return start, end


def _point_bounds(point: str) -> tuple[dt.date, dt.date]:
    year = int(point[:4])
    rest = point[5:]
    if not rest:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if rest.startswith("Q"):
        q = int(rest[1])
        return dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    if len(rest) == 2:
        month = int(rest)
        return dt.date(year, month, 1), _month_end(year, month)
    day = dt.date.fromisoformat(point)
    return day, day


def _month_end(year: int, month: int) -> dt.date:
    if not 1 <= month <= 12:
        raise ValueError(f"month {month:02d} does not exist")
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)
