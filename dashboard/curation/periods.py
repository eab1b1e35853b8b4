"""The suggested period of a figure: the sentence's own time words resolved against the publication date.

The language module's PERIODS say which words name a time; this module only resolves what they matched. A day or
month without its year is the one nearest publication, the earlier when two are as near ("in May", published
2025-06-10, is 2025-05; "until March 20", published 2026-02-13, is 2026-03-20); a quarter or run of months without
its year is the latest that has begun by publication. Of several times in a sentence the one nearest the figure
wins, a time inside another ("June" in "June 1, 2025") counting only as part of it. With no time words, the
suggestion is the month of publication, marked `fallback`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dashboard.evidence.language import Language
from dashboard.evidence.literals import lowered, may_match


@dataclass(frozen=True, slots=True)
class PeriodSuggestion:
    """A period in indicators.yaml's syntax, the words it came from, and whether it is only the publication month."""

    period: str
    because: str
    fallback: bool = False

    def to_json(self) -> dict:
        """As plain data: period, because, and fallback only when true."""
        out: dict = {"period": self.period, "because": self.because}
        if self.fallback:
            out["fallback"] = True
        return out


@lru_cache(maxsize=1 << 12)
def published_date(published: str) -> dt.date:
    """A source's publication date (YYYY, YYYY-MM or YYYY-MM-DD) as a day, its first when only part is given."""
    parts = [int(p) for p in published.split("-")[:3]] + [1, 1]
    return dt.date(parts[0], parts[1] or 1, parts[2] or 1)


def suggest_period(sentence: str, at: int, published: str, lang: Language) -> PeriodSuggestion:
    """The time the figure at offset `at` of `sentence` describes, or the publication month as a fallback."""
    return nearest_time(times_in(sentence, published, lang), at, published)


#: A time named in a sentence: its start and end there, the period in indicators.yaml's syntax, and its words.
Time = tuple[int, int, str, str]


#: A time word matched in a sentence, before the publication date resolves it: its shape, start and end, the
#: pattern's named groups that matched, and its words. It depends only on the sentence and its language (the scan
#: keeps it).
Match = tuple[str, int, int, dict[str, str | None], str]


def times_in(sentence: str, published: str, lang: Language) -> list[Time]:
    """Every time `sentence` names, outermost matches only: what every figure of the sentence chooses from."""
    return resolve_times(time_matches(sentence, lang), published, lang)


def time_matches(sentence: str, lang: Language) -> list[Match]:
    """Every match of the language's time patterns in `sentence`, in the order `resolve_times` expects them."""
    # NOTE: a pattern whose needed words are not in the sentence ("quarter", "months") is not run.
    lower = lowered(sentence)
    return [
        (shape, m.start(), m.end(), m.groupdict(), m.group())
        for shape, pattern in lang.PERIODS
        if may_match(pattern, sentence, lower)
        for m in pattern.finditer(sentence)
    ]


def resolve_times(matches: list[Match], published: str, lang: Language) -> list[Time]:
    """The matched times resolved against the publication date, outermost matches only."""
    if not matches:
        return []
    pub = published_date(published)
    found: list[Time] = []
    for shape, start, end, groups, words in matches:
        period = _resolve(shape, groups, pub, lang)
        if period is not None:
            found.append((start, end, period, words.strip().rstrip(".,")))
    # NOTE: a match inside a longer one is part of it ("June" of "June 1"), so only the outermost matches count.
    return [f for f in found if not any(o != f and o[0] <= f[0] and f[1] <= o[1] for o in found)]


def nearest_time(whole: list[Time], at: int, published: str) -> PeriodSuggestion:
    """Of a sentence's times, the one nearest the figure at offset `at`, or the publication month when none."""
    if not whole:
        pub = published_date(published)
        return PeriodSuggestion(f"{pub.year:04d}-{pub.month:02d}", f"published {published}", fallback=True)
    best = min(whole, key=lambda f: (max(f[0] - at, at - f[1], 0), f[0]))
    return PeriodSuggestion(best[2], best[3])


def _resolve(shape: str, groups: dict[str, Any], pub: dt.date, lang: Language) -> str | None:
    """The period a matched time names, in indicators.yaml's syntax, or None when it names no real time."""
    year = int(groups["year"]) if groups.get("year") else None
    if shape == "year":
        return str(year)
    if shape == "relative":
        offset = _by_beginning(groups["relative"], lang.RELATIVE_YEARS)
        return None if offset is None else str(pub.year + offset)
    if shape == "quarter":
        quarter = _by_beginning(groups["quarter"], lang.QUARTER_NUMBERS)
        if quarter is None:
            return None
        year = year or (pub.year if quarter <= (pub.month + 2) // 3 else pub.year - 1)
        return f"{year}-Q{quarter}"
    if shape == "first_months":
        count = groups["count"]
        last = int(count) if count.isdigit() else lang.WORD_NUMBERS.get(count.lower())
        if not isinstance(last, int) or not 1 <= last <= 12:
            return None
        year = year or (pub.year if last <= pub.month else pub.year - 1)
        return f"{year}-01" if last == 1 else f"{year}-01..{year}-{last:02d}"
    month = _by_beginning(groups["month"], lang.MONTH_NUMBERS)
    if month is None:
        return None
    if shape == "months":
        last = _by_beginning(groups["month2"], lang.MONTH_NUMBERS)
        if last is None or last <= month:
            return None
        year = year or (pub.year if last <= pub.month else pub.year - 1)
        return f"{year}-{month:02d}..{year}-{last:02d}"
    if shape == "day":
        day = int(groups["day"])
        try:
            return (dt.date(year, month, day) if year else _nearest(pub, month, day)).isoformat()
        except ValueError:
            return None
    return f"{year:04d}-{month:02d}" if year else _nearest(pub, month, 1).strftime("%Y-%m")


def _nearest(pub: dt.date, month: int, day: int) -> dt.date:
    """The day `month`/`day` nearest the publication date, the earlier of two as near ("until March 20" is ahead)."""
    days = [dt.date(y, month, day) for y in (pub.year - 1, pub.year, pub.year + 1)]
    return min(days, key=lambda d: (abs((d - pub).days), d))


def _by_beginning(word: str, table: dict[str, int]) -> int | None:
    """The value of the longest key of `table` that `word` (lowercased) begins with."""
    # NOTE: the tables are a language module's constants, so one is known by its id; a word is looked up once.
    known = _beginnings.get((id(table), word), _beginnings)
    if known is _beginnings:
        lowered = word.lower()
        keys = [k for k in table if lowered.startswith(k)]
        known = _beginnings[(id(table), word)] = table[max(keys, key=len)] if keys else None
    return known  # type: ignore[return-value]


_beginnings: dict[tuple[int, str], object] = {}
