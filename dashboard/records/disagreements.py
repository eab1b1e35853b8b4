"""Texts that disagree: two independent texts giving one indicator for overlapping periods, in figures their hedges
cannot both allow (`texts-disagree`, a notice), settled by `accept` on either record.

Decisions: only verified figures are compared, in their indicator's unit (`indicator_value`); two figures from one
text are never a disagreement (a text contradicting itself is the curator's to read); a figure from a text that
retells another (`derived_from`, however far back) is left out when the text it retells states the same indicator,
as the tidy table's `independent` leaves it out of corroboration: it repeats that text, so it adds no second voice.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from dashboard.problems import Problem, notice, warning
from dashboard.records.schema import Indicator, Observation, Source, period_bounds
from dashboard.records.units import convert, indicator_value, stated_unit

CODE = "texts-disagree"
#: How far a figure hedged "about" or "nearly" may stand from the truth, as a share of it (the issue's 10%).
HEDGED_SHARE = 0.1
#: A record as this module knows it: an indicator's id and the line of the observation in indicators.yaml.
RecordKey = tuple[str, int]
#: Where a record's field stands in indicators.yaml, as (line, column), from the record's key and the field's name.
Place = Callable[[RecordKey, tuple[str, ...]], tuple[int | None, int | None]]
_WORDS = {"exact": "", "about": "about ", "nearly": "nearly ", "over": "over ", "under": "under ", "up_to": "up to "}


class Observed(Protocol):
    """What this module reads of a verified record (dataset.Record has it all)."""

    @property
    def indicator(self) -> Indicator: ...
    @property
    def observation(self) -> Observation: ...
    @property
    def index(self) -> int: ...
    @property
    def line(self) -> int: ...
    @property
    def verified(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Pair:
    """Two records that disagree: the earlier in the file, the later (where the notice stands), and the acceptance."""

    first: RecordKey
    second: RecordKey
    accepted_because: str | None


@dataclass(frozen=True, slots=True)
class Bounds:
    """The values a figure allows, in its indicator's unit; `half` is set for an exact figure (half its last digit)."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False
    half: float | None = None


def last_digit(value: float) -> float:
    """A unit of the last digit a figure states (35.7 → 0.1, 31 → 1, 160000 → 1)."""
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return 10.0 ** min(0, int(exponent))


def bounds(record: Observed) -> Bounds | None:
    """What the record's figure allows, by its hedge; None without a figure in its indicator's unit."""
    obs, ind = record.observation, record.indicator
    value = indicator_value(ind, obs)
    if value is None or obs.value is None:
        return None
    if obs.qualifier == "exact":
        half = last_digit(obs.value) / 2
        half = convert(half, obs.unit, ind.unit) if obs.unit is not None else half
        return Bounds(value - half, value + half, half=half)
    if obs.qualifier in ("about", "nearly"):
        slack = abs(value) * HEDGED_SHARE
        return Bounds(value - slack, value + slack)
    if obs.qualifier == "over":
        return Bounds(value, math.inf, low_open=True)
    if obs.qualifier == "under":
        return Bounds(-math.inf, value, high_open=True)
    return Bounds(-math.inf, value)  # up_to


def disagree(a: Bounds, b: Bounds) -> bool:
    """Whether no value fits both: exact figures differ by more than half a unit of the coarser last digit stated;
    any other pair has bounds that exclude each other."""
    if a.half is not None and b.half is not None:
        gap = abs((a.low + a.high) - (b.low + b.high)) / 2
        # NOTE: a float's error in the subtraction must not turn "exactly half a digit apart" into a disagreement.
        return gap > max(a.half, b.half) * (1 + 1e-9)
    return _below(a, b) or _below(b, a)


def _below(a: Bounds, b: Bounds) -> bool:
    """Every value `a` allows is below every value `b` allows."""
    return a.high < b.low or (a.high == b.low and (a.high_open or b.low_open))


def ancestors(source_id: str, sources: dict[str, Source]) -> list[str]:
    """The texts `source_id` retells, nearest first; a cycle stops the walk."""
    chain: list[str] = []
    source = sources.get(source_id)
    while source is not None and source.derived_from and source.derived_from not in [*chain, source_id]:
        chain.append(source.derived_from)
        source = sources.get(source.derived_from)
    return chain


def key(record: Observed) -> RecordKey:
    """The record's key: its indicator's id and its observation's line in indicators.yaml."""
    return record.indicator.id, record.line


def find_pairs(records: Iterable[Observed], sources: dict[str, Source]) -> list[tuple[Observed, Observed]]:
    """Each pair of records, earlier first, from two texts neither of which repeats the other, that disagree."""
    by_indicator: dict[str, list[Observed]] = defaultdict(list)
    for record in records:
        if record.verified and record.observation.value is not None:
            by_indicator[record.indicator.id].append(record)
    pairs = []
    # NOTE: a text's chain and a figure's bounds are worked out once each, and bounds only for a figure that has a
    # counterpart from another text in an overlapping period: at 30,000 records that is most of the work saved.
    chains = {s: set(ancestors(s, sources)) for s in {r.observation.source for g in by_indicator.values() for r in g}}
    for group in by_indicator.values():
        if len({r.observation.source for r in group}) < 2:
            continue
        stating = {r.observation.source for r in group}
        own = [(r, period_bounds(r.observation.period)) for r in group if not chains[r.observation.source] & stating]
        fits: dict[int, Bounds | None] = {}
        for i, (a, a_period) in enumerate(own):
            for j, (b, b_period) in enumerate(own[i + 1 :], start=i + 1):
                if a.observation.source == b.observation.source:
                    continue
                if not (a_period[0] <= b_period[1] and b_period[0] <= a_period[1]):
                    continue
                a_fits = fits[i] if i in fits else fits.setdefault(i, bounds(a))
                b_fits = fits[j] if j in fits else fits.setdefault(j, bounds(b))
                if a_fits is not None and b_fits is not None and disagree(a_fits, b_fits):
                    pairs.append((a, b))
    return pairs


def check_pairs(
    records: Sequence[Observed], sources: dict[str, Source], place: Place, file: str
) -> tuple[list[Pair], list[Problem]]:
    """The disagreeing pairs, and a notice for each (accepted where either record accepts it) at the later record's
    value, plus a stale-accept warning for each verified record that accepts a disagreement it no longer has."""
    pairs, problems = [], []
    involved: set[RecordKey] = set()
    for a, b in find_pairs(records, sources):
        reason = (a.observation.accept or {}).get(CODE) or (b.observation.accept or {}).get(CODE)
        pairs.append(Pair(key(a), key(b), reason))
        involved |= {key(a), key(b)}
        line, column = place(key(b), ("value",))
        problem = notice(CODE, file, line, column, _message(a, b, file))
        problems.append(problem.accept(reason) if reason is not None else problem)
    for record in records:
        if record.verified and CODE in (record.observation.accept or {}) and key(record) not in involved:
            line, column = place(key(record), ("accept", CODE))
            message = (
                f"{_prefix(record)}accept names '{CODE}', but no independent text now gives a figure this one "
                "cannot allow; remove it from accept (the data or the checks have changed since it was accepted)"
            )
            problems.append(warning("stale-accept", file, line, column, message))
    return pairs, problems


def _prefix(record: Observed) -> str:
    return f"indicator '{record.indicator.id}', observation {record.index + 1}: "


def _figure(record: Observed) -> str:
    obs = record.observation
    return f"{_WORDS[obs.qualifier]}{obs.value:g} {stated_unit(record.indicator, obs)}".strip()


def _message(a: Observed, b: Observed, file: str) -> str:
    periods = f"{b.observation.period} and {a.observation.period}"
    return (
        f"{_prefix(b)}{b.observation.source} gives {_figure(b)}, but {a.observation.source} gives {_figure(a)} "
        f"(observation {a.index + 1}, {file}:{a.line}) for an overlapping period ({periods}); neither text retells "
        f"the other and their hedges cannot both hold, so check both quotes, and if both stand as the texts state "
        f"them, accept {CODE} on either record with the reason"
    )
