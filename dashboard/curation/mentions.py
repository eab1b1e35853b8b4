"""Figure mentions in a stored text, found by the rules in rules.py, each with its sentence and clause."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from dashboard.curation import rules
from dashboard.evidence.provenance import hedge_before, numbers_in
from dashboard.evidence.sentences import sentences, trim

#: How far back (and ahead) the rules look from a number, in characters; enough for "more than about $".
_WINDOW = 80


@dataclass(frozen=True, slots=True)
class Mention:
    """A figure stated in a text: its kind, where it is (offsets into the whole text), and what it says."""

    kind: str  # percent | money | count | multiplier | share | finding
    start: int
    end: int
    text: str
    line: int
    column: int
    sentence: tuple[int, int]
    clause: tuple[int, int]
    value: float | None = None
    qualifier: str | None = None
    unit: str = ""
    low: float | None = None
    trend: str | None = None


def is_furniture(line: str) -> bool:
    """Whether a line is page furniture (share buttons, sponsor lines, bylines, bare dates, captions)."""
    stripped = line.strip()
    masthead = not any(ch.islower() or ch.isdigit() for ch in stripped)
    return masthead or bool(rules.FURNITURE.search(stripped))


def find_mentions(text: str) -> list[Mention]:
    """Every figure mention in a stored text, in reading order, with line, column and sentence."""
    found: list[Mention] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not is_furniture(line):
            for s0, s1 in sentences(line):
                pieces = [trim(line, s0 + m.start(), s0 + m.end()) for m in re.finditer(r"[^;]+", line[s0:s1])]
                starts = [a for a, _ in pieces]
                quotes = [_unquote(line, a, b) for a, b in pieces]
                for start, end, fields in _in_sentence(line[s0:s1]):
                    clause = quotes[max(bisect.bisect_right(starts, s0 + start) - 1, 0)]
                    found.append(
                        Mention(
                            start=offset + s0 + start,
                            end=offset + s0 + end,
                            text=line[s0 + start : s0 + end],
                            line=number,
                            column=s0 + start + 1,
                            sentence=(offset + s0, offset + s1),
                            clause=(offset + clause[0], offset + clause[1]),
                            **fields,
                        )
                    )
        offset += len(line) + 1
    return found


def _unquote(line: str, a: int, b: int) -> tuple[int, int]:
    """A sentence or its part between semicolons, without an unbalanced quotation mark or a trailing comma."""
    if b - a < 2:
        return a, b
    if line[a] in '“"‘' and not re.search('[”"’]', line[a + 1 : b]):
        a += 1
    if line[b - 1] in '”"’' and not re.search('[“"‘]', line[a : b - 1]):
        b -= 1
    if line[b - 1] == "," and b - a > 1:
        b -= 1
    return a, b


def _in_sentence(sentence: str) -> list[tuple[int, int, dict]]:
    # NOTE: separator spaces become commas in a same-length copy, so offsets stay those of the text.
    plain = rules.SEPARATOR_SPACE.sub(",", sentence)
    breaks = [m.start() for m in rules.CLAUSE_BREAK.finditer(plain)]
    found = sorted(_numbers(plain) + _multiples(plain), key=lambda item: item[0])
    taken = {_clause_of(breaks, start, len(plain)) for start, _, _ in found}
    starts = [start for start, _, _ in found]
    for start, end, fields in _findings(plain, breaks):
        before = bisect.bisect_left(starts, end) - 1
        overlaps = before >= 0 and found[before][1] > start
        if _clause_of(breaks, start, len(plain)) not in taken and not overlaps:
            found.append((start, end, fields))
    return sorted(found, key=lambda item: item[0])


def _clause_of(breaks: list[int], at: int, length: int) -> tuple[int, int]:
    """[start, end) of the clause holding offset `at`, given the sorted offsets of clause breaks."""
    index = bisect.bisect_left(breaks, at)
    begin = breaks[index - 1] + 1 if index > 0 else 0
    end = breaks[index] if index < len(breaks) else length
    return begin, end


def _numbers(s: str) -> list[tuple[int, int, dict]]:
    nums = numbers_in(s)
    out: list[tuple[int, int, dict]] = []
    i = 0
    while i < len(nums):
        low = high = nums[i]
        if i + 1 < len(nums):
            join = s[low.end : nums[i + 1].start]
            between = re.search(r"\bbetween\s+(?:\S+\s+)?$", _before(s, low.start), re.IGNORECASE)
            if rules.RANGE_JOIN.fullmatch(join) and (" and " not in join or between) and "." not in join:
                high = nums[i + 1]
        found = _classify(s, low, high)
        if found is not None:
            out.append(found)
            i += 2 if high is not low else 1
        else:
            i += 1
    return out


def _before(s: str, at: int) -> str:
    """The few words before offset `at`: every rule looks back only this far, so long lines stay linear."""
    return s[max(0, at - _WINDOW) : at]


def _hedged_start(s: str, at: int) -> int:
    """Where a hedge word right before offset `at` starts, or `at` when there is none."""
    context = _before(s, at)
    match = rules.HEDGE_TAIL.search(context)
    return at - len(context) + match.start() if match else at


def _classify(s: str, low, high) -> tuple[int, int, dict] | None:
    before, after = _before(s, low.start), s[high.end : high.end + _WINDOW]
    raw = s[low.start : high.end]
    digits = raw[0].isdigit()
    kind = unit = None
    end = high.end
    money = rules.MONEY_BEFORE.search(before) if digits else None
    if (m := rules.PERCENT.match(after)) is not None:
        kind, unit, end = "percent", "%", end + m.end()
    elif money is not None:
        kind, unit = "money", money.group().strip()
        if (m := rules.SCALE_AFTER.match(after)) is not None:
            unit, end = f"{unit} {m.group().strip()}", end + m.end()
    elif (m := rules.MONEY_AFTER.match(after)) is not None:
        kind, unit, end = "money", m.group().strip(), end + m.end()
    elif _skipped(before, after, raw, low):
        return None
    elif (m := rules.UNIT.match(after)) is not None:
        word = re.search(r"\b[a-z][a-z-]*", m["unit"])
        assert word is not None  # UNIT's unit always holds a lower-case word
        head = word.group()
        if head not in rules.NOT_UNITS:
            kind, unit, end = "count", " ".join(m.group().split()), end + m.end()
        elif m["scale"]:
            kind, unit, end = "count", m["scale"], end + m.start("unit")
    if kind is None:
        return None
    start = low.start - len(before) + money.start() if kind == "money" and money is not None else low.start
    value = -high.value if rules.DECLINE.search(before) else high.value
    fields = {"kind": kind, "value": value, "qualifier": hedge_before(before) or "exact", "unit": unit}
    if high is not low:
        fields["low"] = low.value
    return _hedged_start(s, start), end, fields


def _skipped(before: str, after: str, raw: str, low) -> bool:
    """Whether a bare number is a year, a date, a duration, an age, an ordinal or a stray word number."""
    if not raw[0].isdigit() and (low.value < 2 or not (rules.SCALE_AFTER.match(after) or rules.PLURAL.match(after))):
        return True
    is_year = raw.isdigit() and len(raw) == 4 and 1800 <= low.value <= 2100
    return bool(
        is_year
        or rules.ORDINAL.match(after)
        or rules.DATE_BEFORE.search(before)
        or rules.DATE_AFTER.match(after)
        or rules.DURATION.match(after)
        or re.search(r"\baged?\s+$", before, re.IGNORECASE)
    )


def _multiples(s: str) -> list[tuple[int, int, dict]]:
    out = []
    for pattern, kind in ((rules.MULTIPLE, "multiplier"), (rules.SHARE, "share")):
        for m in pattern.finditer(s):
            qualifier = hedge_before(_before(s, m.start())) or "exact"
            out.append((_hedged_start(s, m.start()), m.end(), {"kind": kind, "qualifier": qualifier}))
    return out


def _findings(s: str, breaks: list[int]) -> list[tuple[int, int, dict]]:
    out: list[tuple[int, int, dict]] = []
    changes = list(rules.CHANGE.finditer(s))
    starts = [change.start() for change in changes]
    for term in rules.TERM.finditer(s):
        clause = _clause_of(breaks, term.start(), len(s))
        best = None
        # NOTE: three words is never more than a window's width away, so only nearby change words are tried.
        lo = bisect.bisect_left(starts, term.start() - _WINDOW)
        hi = bisect.bisect_right(starts, term.end() + _WINDOW)
        for change in changes[lo:hi]:
            if change.start() < term.end() and term.start() < change.end():
                continue
            a, b = min(term.start(), change.start()), max(term.end(), change.end())
            gap = len(s[min(term.end(), change.end()) : max(term.start(), change.start())].split())
            if gap <= 3 and clause[0] <= a and b <= clause[1] and (best is None or gap < best[0]):
                best = (gap, a, b, change)
        if best is not None:
            _, a, b, change = best
            trend = "rising" if change["rising"] else "falling" if change["falling"] else None
            if out and out[-1][1] >= a:
                a = min(a, out[-1][0])
                b = max(b, out[-1][1])
                trend = trend or out[-1][2]["trend"]
                out.pop()
            out.append((a, b, {"kind": "finding", "trend": trend}))
    return out
