"""The command line's argument types: values argparse turns into usage errors (exit 2) when they are wrong."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections.abc import Callable

from dashboard.records import clock
from dashboard.records.schema import DATE_PATTERN


def add_today(parser: argparse.ArgumentParser) -> None:
    """`--today YYYY-MM-DD`: the day figures' ages are counted to (default DASHBOARD_TODAY, else the machine's)."""
    what = f"count figures' ages to this day (default: ${clock.TODAY_VARIABLE} when set, else the machine's date)"
    parser.add_argument("--today", type=today, metavar="YYYY-MM-DD", help=what)


def today(text: str) -> dt.date:
    """A --today value; anything but a real YYYY-MM-DD date is a usage error."""
    try:
        return clock.parse_today(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def pattern(pattern: str, what: str) -> Callable[[str], str]:
    """An argument type accepting only text that matches `pattern`; anything else is a usage error."""

    def check(text: str) -> str:
        if not re.match(pattern, text):
            raise argparse.ArgumentTypeError(f"{text!r} is not {what} ({pattern})")
        if pattern == DATE_PATTERN:
            try:
                dt.date.fromisoformat(text)
            except ValueError:
                raise argparse.ArgumentTypeError(f"{text!r} is not a real date") from None
        return text

    return check


def scale(text: str) -> float:
    """A scale between 0.25 and 8; anything else is a usage error."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"scale must be a number, not {text!r}") from None
    if not 0.25 <= value <= 8:
        raise argparse.ArgumentTypeError(f"scale must be between 0.25 and 8, not {text}")
    return value
