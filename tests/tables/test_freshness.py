"""How a stale figure is said: cadence and age in words, and the chart footer line naming stale figures."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from dashboard.records.dataset import load_dataset
from dashboard.tables.freshness import age_words, cadence_words, stale_footer, stale_note
from tests.helpers import FIXTURES


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (1, "daily"),
        (7, "weekly"),
        (14, "about every 14 days"),
        (31, "monthly"),
        (30, "monthly"),
        (45, "about 8 times a year"),
        (60, "about 6 times a year"),
        (92, "quarterly"),
        (183, "twice a year"),
        (365, "yearly"),
        (400, "about yearly"),
        (730, "about every 2 years"),
    ],
)
def test_cadence_words_come_from_the_days(days: int, words: str):
    assert cadence_words(days) == words


@pytest.mark.parametrize(
    ("age", "period", "today", "words"),
    [
        (1, "2025-05", dt.date(2025, 6, 1), "1 day old"),
        (46, "2025-05", dt.date(2025, 7, 16), "46 days old"),
        (550, "2025-05", dt.date(2026, 12, 2), "19 months old"),
        (1000, "2022-01", dt.date(2024, 10, 28), "2 years old"),
    ],
)
def test_age_words(age: int, period: str, today: dt.date, words: str):
    assert age_words(age, period, today) == words


def test_the_issues_example_reads_as_a_briefer_would_say_it():
    assert stale_note("2025-05", 550, 45, dt.date(2026, 12, 2)) == "19 months old; updated about 8 times a year"


@pytest.fixture
def cadenced(project: Path) -> Path:
    """The small project with a 45-day cadence on its key rate (tests/fixtures/cadence)."""
    shutil.copy(FIXTURES / "cadence" / "indicators.yaml", project / "indicators.yaml")
    return project


def test_a_chart_footer_names_a_stale_figure_and_only_past_its_cadence(cadenced: Path):
    late = load_dataset(cadenced, today=dt.date(2025, 7, 16))
    assert stale_footer(late, ["key_rate", "official_inflation"]) == [
        "Stale, past the publisher's cadence: Key rate (May 2025 · 46 days old; updated about 8 times a year)."
    ]
    assert stale_footer(load_dataset(cadenced, today=dt.date(2025, 7, 15)), ["key_rate"]) == []
    # official_inflation has no cadence: never stale, however old
    assert stale_footer(load_dataset(cadenced, today=dt.date(2040, 1, 1)), ["official_inflation"]) == []
