"""Figure mentions in a stored text, found by the rules rules.py describes, each with its sentence and clause."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from dashboard.evidence import language as languages
from dashboard.evidence.language import Language
from dashboard.evidence.literals import gate, lowered
from dashboard.evidence.numbers import NumberMention, numbers_in, syntax
from dashboard.evidence.sentences import sentences, trim
from dashboard.evidence.wording import CLAUSE_BREAK, Hedge, read_hedge, wording

#: How far back (and ahead) the rules look from a number, in characters; enough for "more than about $".
_WINDOW = 80
#: Sentences whose mentions a process keeps: texts repeat sentences (an outlet's boilerplate, wire copy), and a
#: sentence's mentions depend on nothing else; about 2 MB at most.
_SENTENCES_KEPT = 4_096
#: A sentence's pieces between semicolons, each a mention's clause as quoted.
_PIECE = re.compile(r"[^;]+")


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


class _Needles:
    """Whether a sentence, or words of it, may hold a pattern's match: its needles are looked for once a sentence."""

    __slots__ = ("_seen", "lower", "text")

    def __init__(self, text: str) -> None:
        self.text, self.lower = text, lowered(text)
        self._seen: dict[int, tuple[bool, re.Pattern[str] | None, str]] = {}

    def may(self, pattern: re.Pattern[str], at: int | None = None, end: int = 0) -> bool:
        """False when `pattern` cannot match in the sentence, or (given `at`) in the sentence's words [at, end)."""
        # NOTE: by id, as hashing a compiled pattern hashes its code; the language's patterns live as long as it.
        seen = self._seen.get(id(pattern))
        if seen is None:
            found = gate(pattern)
            folded, needle = found if found is not None else (False, None)
            target = self.lower if folded else self.text
            if needle is None or target is None:
                seen = (True, None, "")
            else:
                seen = (needle.search(target) is not None, needle, target)
            self._seen[id(pattern)] = seen
        whole, needle, target = seen
        if not whole or at is None or needle is None:
            return whole
        # NOTE: a needle is plain characters, so a search between offsets finds what a search of the slice would.
        return needle.search(target, at, end) is not None


def is_furniture(line: str, lang: Language | None = None) -> bool:
    """Whether a line is page furniture (share buttons, sponsor lines, bylines, bare dates, captions)."""
    stripped = line.strip()
    masthead = not any(ch.islower() or ch.isdigit() for ch in stripped)
    return masthead or bool((lang or languages.get(None)).FURNITURE.search(stripped))


def find_mentions(text: str, lang: Language | None = None) -> list[Mention]:
    """Every figure mention in a stored text, in reading order, with line, column and sentence."""
    lang = lang or languages.get(None)
    found: list[Mention] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not is_furniture(line, lang):
            for s0, s1 in sentences(line, lang):
                here = _in_sentence(line[s0:s1], lang)
                if not here:
                    continue
                pieces = [trim(line, s0 + m.start(), s0 + m.end()) for m in _PIECE.finditer(line[s0:s1])]
                starts = [a for a, _ in pieces]
                quotes = [_unquote(line, a, b) for a, b in pieces]
                for start, end, fields in here:
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
    if line[a] in '“"‘«' and not re.search('[”"’»]', line[a + 1 : b]):
        a += 1
    if line[b - 1] in '”"’»' and not re.search('[“"‘«]', line[a : b - 1]):
        b -= 1
    if line[b - 1] == "," and b - a > 1:
        b -= 1
    return a, b


@lru_cache(maxsize=_SENTENCES_KEPT)
def _in_sentence(sentence: str, lang: Language) -> tuple[tuple[int, int, dict], ...]:
    """The mentions of one sentence, offsets into it (kept: the field dicts are read, never changed)."""
    # NOTE: the copy the rules read has the same length as the text (separator spaces written as the language's
    # group separator, folded letters), so offsets stay those of the text.
    plain = lang.GROUP_SPACE.sub(lang.GROUP_SPACE_AS, sentence) if lang.GROUP_SPACE is not None else sentence
    if lang.FOLD:
        plain = plain.translate(wording(lang).fold)
    # NOTE: a pattern whose needed words are not in the sentence is not run (most of the finder's work before).
    needles = _Needles(plain)
    found = sorted(_numbers(plain, lang, needles) + _multiples(plain, lang, needles), key=lambda item: item[0])
    findings, breaks = _findings(plain, lang, needles)
    if not findings:
        return tuple(found)
    taken = {_clause_of(breaks, start, len(plain)) for start, _, _ in found}
    starts = [start for start, _, _ in found]
    for start, end, fields in findings:
        before = bisect.bisect_left(starts, end) - 1
        overlaps = before >= 0 and found[before][1] > start
        if _clause_of(breaks, start, len(plain)) not in taken and not overlaps:
            found.append((start, end, fields))
    return tuple(sorted(found, key=lambda item: item[0]))


def _clause_of(breaks: list[int], at: int, length: int) -> tuple[int, int]:
    """[start, end) of the clause holding offset `at`, given the sorted offsets of clause breaks."""
    index = bisect.bisect_left(breaks, at)
    begin = breaks[index - 1] + 1 if index > 0 else 0
    end = breaks[index] if index < len(breaks) else length
    return begin, end


def _numbers(s: str, lang: Language, needles: _Needles) -> list[tuple[int, int, dict]]:
    nums = numbers_in(s, lang, words=needles.may(syntax(lang).words))
    out: list[tuple[int, int, dict]] = []
    i = 0
    while i < len(nums):
        low = high = nums[i]
        if i + 1 < len(nums):
            join = s[low.end : nums[i + 1].start]
            joined = lang.RANGE_JOIN.fullmatch(join) and "." not in join
            if joined and (lang.RANGE_PAIRED not in join or lang.RANGE_OPENER.search(_before(s, low.start))):
                high = nums[i + 1]
        found = _classify(s, low, high, lang, needles)
        if found is not None:
            out.append(found)
            i += 2 if high is not low else 1
        else:
            i += 1
    return out


def _before(s: str, at: int) -> str:
    """The few words before offset `at`: every rule looks back only this far, so long lines stay linear."""
    return s[max(0, at - _WINDOW) : at]


def _hedged_start(s: str, at: int, lang: Language, hedge: Hedge | None = None) -> int:
    """Where a hedge word right before offset `at` starts, or `at` when there is none (nor a level's «до»).

    `hedge` is read_hedge of the words before `at` when the caller has already read it.
    """
    if hedge is not None and hedge.qualifier is None:
        return at
    context = _before(s, at)
    hedge = hedge or read_hedge(context, lang)
    return at - len(context) + hedge.start if hedge.qualifier is not None else at


def _classify(
    s: str, low: NumberMention, high: NumberMention, lang: Language, needles: _Needles
) -> tuple[int, int, dict] | None:
    before, after = _before(s, low.start), s[high.end : high.end + _WINDOW]
    at = low.start - len(before)
    raw = s[low.start : high.end]
    digits = raw[0].isdigit()
    kind = unit = None
    end = high.end
    money = None
    if (m := lang.PERCENT.match(after)) is not None:
        kind, unit, end = "percent", "%", end + m.end()
    elif digits and (money := _search(lang.MONEY_BEFORE, before, at, needles)) is not None:
        kind, unit = "money", money.group().strip()
        if (m := lang.SCALE_AFTER.match(after)) is not None:
            unit, end = f"{unit} {m.group().strip()}", end + m.end()
    elif (m := lang.MONEY_AFTER.match(after)) is not None:
        kind, unit, end = "money", m.group().strip(), end + m.end()
    elif _skipped(before, after, raw, low, lang, needles, at):
        return None
    elif (m := lang.UNIT.match(after)) is not None:
        word = lang.UNIT_HEAD.search(m["unit"])
        assert word is not None  # UNIT's unit always holds a lower-case word
        head = word.group()
        if head not in lang.NOT_UNITS:
            kind, unit, end = "count", " ".join(m.group().split()), end + m.end()
        elif m["scale"]:
            kind, unit, end = "count", m["scale"], end + m.start("unit")
    if kind is None:
        return None
    start = low.start - len(before) + money.start() if kind == "money" and money is not None else low.start
    value = -high.value if _search(lang.DECLINE_BEFORE, before, at, needles) else high.value
    hedge = read_hedge(before, lang) if needles.may(wording(lang).hedge) else Hedge(None, len(before))
    fields = {"kind": kind, "value": value, "qualifier": hedge.qualifier or "exact", "unit": unit}
    if high is not low:
        fields["low"] = low.value
    return _hedged_start(s, start, lang, hedge if start == low.start else None), end, fields


def _search(pattern: re.Pattern[str], words: str, at: int, needles: _Needles) -> re.Match[str] | None:
    """pattern.search(words), not run when the words (from offset `at` of the sentence) lack its needles."""
    return pattern.search(words) if needles.may(pattern, at, at + len(words)) else None


def _skipped(before: str, after: str, raw: str, low: NumberMention, lang: Language, needles: _Needles, at: int) -> bool:
    """Whether a bare number is a year, a date, a duration, an age, an ordinal or a stray word number.

    `before` stands at offset `at` of the sentence `needles` reads.
    """
    if not raw[0].isdigit() and (low.value < 2 or not (lang.SCALE_AFTER.match(after) or lang.PLURAL.match(after))):
        return True
    is_year = raw.isdigit() and len(raw) == 4 and 1800 <= low.value <= 2100
    return bool(
        is_year
        or lang.ORDINAL.match(after)
        or lang.DATE_BEFORE.search(before)
        or lang.DATE_AFTER.match(after)
        or lang.DURATION.match(after)
        or _search(lang.AGE_BEFORE, before, at, needles)
    )


def _multiples(s: str, lang: Language, needles: _Needles) -> list[tuple[int, int, dict]]:
    out = []
    for pattern, kind in ((lang.MULTIPLE, "multiplier"), (lang.SHARE, "share")):
        for m in pattern.finditer(s) if needles.may(pattern) else ():
            hedge = read_hedge(_before(s, m.start()), lang)
            fields = {"kind": kind, "qualifier": hedge.qualifier or "exact"}
            out.append((_hedged_start(s, m.start(), lang, hedge), m.end(), fields))
    return out


def _findings(s: str, lang: Language, needles: _Needles) -> tuple[list[tuple[int, int, dict]], list[int]]:
    """A term beside a change word, where no number says it, and the offsets of the clause breaks they were read in."""
    out: list[tuple[int, int, dict]] = []
    changes = list(lang.CHANGE.finditer(s)) if needles.may(lang.CHANGE) else []
    if not changes or not needles.may(lang.TERM):
        return out, []  # a finding is a term beside a change word, so without both there is none
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(s)]
    starts = [change.start() for change in changes]
    for term in lang.TERM.finditer(s):
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
    return out, breaks
