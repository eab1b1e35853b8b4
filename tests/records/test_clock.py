"""The program's "today" and a figure's age: fixed days only, never the real date."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.records import clock


def test_a_fixed_day_is_read_and_a_bad_one_is_refused_with_a_message():
    assert clock.parse_today(" 2026-12-02 ") == dt.date(2026, 12, 2)
    with pytest.raises(ValueError, match=r"^'2026-13-02' is not a real date$"):
        clock.parse_today("2026-13-02")
    with pytest.raises(ValueError, match=r"^'2 Dec 2026' is not a date written YYYY-MM-DD$"):
        clock.parse_today("2 Dec 2026")


def test_today_is_the_environments_day_else_the_machines(monkeypatch):
    monkeypatch.setattr(clock, "machine_today", lambda: dt.date(2030, 1, 1))
    assert clock.environment_today({"DASHBOARD_TODAY": "2026-12-02"}) == dt.date(2026, 12, 2)
    assert clock.environment_today({}) == dt.date(2030, 1, 1)
    assert clock.environment_today({"DASHBOARD_TODAY": "  "}) == dt.date(2030, 1, 1)
    with pytest.raises(ValueError, match=r"^DASHBOARD_TODAY: 'soon' is not a date written YYYY-MM-DD$"):
        clock.environment_today({"DASHBOARD_TODAY": "soon"})


def test_an_invalid_environment_day_falls_back_to_the_machines_and_says_so(monkeypatch):
    monkeypatch.setattr(clock, "machine_today", lambda: dt.date(2030, 1, 1))
    assert clock.today_or_machine({"DASHBOARD_TODAY": "2026-12-02"}) == (dt.date(2026, 12, 2), None)
    day, why = clock.today_or_machine({"DASHBOARD_TODAY": "2026-02-30"})
    assert day == dt.date(2030, 1, 1)
    assert why == (
        "DASHBOARD_TODAY: '2026-02-30' is not a real date; showing figures' ages as of the machine's date, 2030-01-01"
    )


@pytest.mark.parametrize(
    ("period", "today", "age"),
    [
        ("2025-05", dt.date(2025, 5, 31), 0),  # the period's last day
        ("2025-05", dt.date(2025, 5, 10), 0),  # a period not over yet is current
        ("2025-05", dt.date(2025, 7, 15), 45),
        ("2025-Q1", dt.date(2025, 7, 1), 92),
        ("2022-02..2025-02", dt.date(2025, 3, 31), 31),  # a range ages from its end
        ("2025-05-02", dt.date(2025, 5, 3), 1),
    ],
)
def test_age_counts_days_from_the_end_of_the_period(period: str, today: dt.date, age: int):
    assert clock.age_days(period, today) == age


@pytest.mark.parametrize(
    ("today", "stale"),
    [(dt.date(2025, 7, 14), False), (dt.date(2025, 7, 15), False), (dt.date(2025, 7, 16), True)],
)
def test_a_key_rate_of_may_is_stale_only_past_45_days(today: dt.date, stale: bool):
    assert clock.is_stale(clock.age_days("2025-05", today), 45) is stale


def test_without_a_cadence_nothing_is_stale():
    assert clock.is_stale(clock.age_days("2000", dt.date(2026, 12, 2)), None) is False


def test_months_are_calendar_months_to_todays():
    assert clock.months_between("2025-05", dt.date(2026, 12, 2)) == 19
    assert clock.months_between("2025-05", dt.date(2025, 5, 2)) == 0
