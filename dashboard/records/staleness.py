"""Stale figures: each indicator's latest verified figure past its publisher's cadence on the dataset's day."""

from __future__ import annotations

from collections.abc import Iterable

from dashboard.records import clock
from dashboard.records.dataset import Dataset, Record


def stale_figures(data: Dataset, indicator_ids: Iterable[str] | None = None) -> list[tuple[Record, int]]:
    """Each indicator's latest verified figure (by the end of its period) that is stale on data.today, with its age.

    Only the end of the period decides staleness, so whichever of two texts for the same period a chart shows,
    this says the same. `indicator_ids` limits it to those indicators, in their order.
    """
    wanted = list(dict.fromkeys(indicator_ids)) if indicator_ids is not None else None
    keep = set(wanted) if wanted is not None else None
    latest: dict[str, tuple[Record, int]] = {}
    for record in data.records:
        ind = record.indicator
        # NOTE: a chart footer asks on every draw, so records that cannot be stale are passed over first.
        if not record.verified or ind.update_period_days is None or (keep is not None and ind.id not in keep):
            continue
        age = clock.age_days(record.observation.period, data.today)
        held = latest.get(ind.id)
        if held is None or age < held[1]:
            latest[ind.id] = (record, age)
    chosen = [latest[i] for i in (wanted if wanted is not None else list(latest)) if i in latest]
    return [(r, age) for r, age in chosen if clock.is_stale(age, r.indicator.update_period_days)]


def stale_report(data: Dataset) -> list[dict]:
    """Each stale figure as `validate` reports it: indicator, period, the record's line, its age and the cadence."""
    return [
        {
            "indicator_id": r.indicator.id,
            "period": r.observation.period,
            "line": r.line,
            "age_days": age,
            "update_period_days": r.indicator.update_period_days,
        }
        for r, age in stale_figures(data)
    ]
