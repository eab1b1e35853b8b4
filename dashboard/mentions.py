"""Figure mentions in a stored text: percentages, money, counts, multipliers and shares, and finance findings.

The rules, decided once here so that coverage always counts the same things:

- Only article text is read. A whole line is page furniture, and skipped, when it is a share button ("Get link",
  "X", "Other Apps", "Share", "Email"…), a comment prompt ("Comments", "Post a Comment"), a sponsor or advert line
  ("Sponsor: …", "Advertisement"), a related-post link ("See also: …", "Read more: …"), an image artefact
  ("NextImg:…"), a byline ("By Aghakazim Guliyev"), only a date ("Jun 1, 2025  |", "24 Feb 2025"), has no letter
  at all ("0"), is a header fragment ("| Remer,MN"), is a masthead (capitals and no digit: "THE AMERICA ONE
  NEWS"), or is a photo caption (ends in a credit such as "(Ben Curtis/AP)", or starts "Photo:").
- percent: a number or range followed by %, percent, per cent or percentage point(s) ("16.1 percent", "100%").
- money: a currency sign before a number ("$300 billion"), or a number with an optional scale before a currency
  word ("10 trillion rubles").
- count: a number in digits followed by a unit noun, which may carry one capitalised word, "square"/"cubic" and a
  "per day" / "a day" rate ("160,000 conscripts", "50 US senators", "5,000 square kilometers",
  "1,000 casualties per day"); a word number from two to ninety before a plural noun ("four Ukrainian regions");
  or any number before million/billion/trillion/thousand ("two million barrels").
- multiplier / share: double(d), twice as/the, triple(d), halved, N-fold, N times as/more, half of, by half,
  a/one third/quarter/fifth (before "of" or at a clause's end), two-thirds, three-quarters, one in five.
- finding: a finance term (deficit, inflation, losses, revenues, debt, loans, reserves, investment, the economy…)
  and a change or magnitude word (growing, mount, record, declining, shrunk, spiraling…) in one clause with at
  most three words between them ("record losses", "the budget deficit is growing"), in a clause (text between
  commas, dashes, colons, semicolons and brackets) that states no number: a number's clause is its number's.
- Not figure mentions: years (1800–2100 written without a separator: "in 2025"), dates ("May 9", "20 April",
  "Feb. 28, 2025", "February 2022"), times and durations (before hour/day/week/month/year/decade, or "30-day"),
  ages ("45-year-old", "aged 45"), ordinals ("80th"), bare numbers with no unit, "one" (a pronoun far more
  often than a figure), and "three times" (how often, not how much).
- Typography: thousands separators ("1,000"; a no-break or thin space "160 000" too), decimals ("16.1"), any
  Unicode space between number and unit, ranges with a hyphen, en or em dash, "to", or "between … and"
  ("10–15 percent"; the value is the upper end). A hedge right before the number (provenance.HEDGES: "about",
  "nearly", "over"…) is part of the mention and gives its qualifier; "shrunk by", "fell by", "down" make it a
  decline (a negative value, as indicators.yaml writes declines).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from dashboard.provenance import HEDGES, hedge_before, numbers_in
from dashboard.sentences import sentences, trim

#: How far back (and ahead) the rules look from a number, in characters; enough for "more than about $".
_WINDOW = 80
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = rf"(?:{_MONTHS}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTHS}\.?(?:\s+\d{{4}})?)"
#: Lines that are page furniture, not article text (matched against the stripped line).
FURNITURE = re.compile(
    r"^(?:[-•*·]\s*)?(?:get link|x|facebook|twitter|whatsapp|pinterest|email|e-mail|print|share|other apps|"
    r"comments?|post a comment|leave a (?:comment|reply)|reply|advertisement|sponsored|back|topic)$"
    r"|^(?:sponsor(?:ed)?|see also|read more|related|nextimg|photo|image|caption)\s*:"
    r"|^by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}$"
    rf"|^[\W\d]*{_DATE}[\W\d]*$"
    r"|^[^A-Za-z]*$|^\|"
    r"|\((?:photo:?\s*)?[^()/]{0,80}/[^()]{0,80}\)$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]|\s-\s")
_SEPARATOR_SPACE = re.compile(r"(?<=\d)[\u00a0\u202f\u2009\u2007](?=\d{3}(?!\d))")
_RANGE_JOIN = re.compile(r"\s*(?:[-–—]|to)\s*|\s+and\s+")
_SCALE = r"(?:thousand|million|billion|trillion|bn|mn|tn)"
_CURRENCY = r"(?:rubles?|roubles?|dollars?|euros?|yuan|pounds?|hryvnias?|rupees?)"
_PERCENT = re.compile(r"\s*(?:%|percent\b|per\s+cent\b|percentage\s+points?\b)", re.IGNORECASE)
_MONEY_BEFORE = re.compile(r"(?:[$€£₽]|\bUS\$|\b(?:USD|EUR|RUB)\s)\s*$")
_MONEY_AFTER = re.compile(rf"\s*(?:{_SCALE}\b\s*)?(?:(?:US|U\.S\.)\s+)?{_CURRENCY}\b", re.IGNORECASE)
_SCALE_AFTER = re.compile(rf"\s*{_SCALE}\b", re.IGNORECASE)
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
_DATE_BEFORE = re.compile(rf"\b{_MONTHS}\.?\s+$")
_DATE_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b")
_DURATION = re.compile(
    r"(?:\s*-\s*|\s+)(?:hours?|days?|weeks?|months?|years?|decades?|minutes?|seconds?|century|centuries|"
    r"a\.m\.|p\.m\.|am|pm)\b",
    re.IGNORECASE,
)
_UNIT = re.compile(
    rf"\s*(?:(?P<scale>{_SCALE})\s+)?(?P<unit>(?:[A-Z][\w.’'-]*\s+)?(?:(?:square|cubic)\s+)?[a-z][a-z-]*"
    r"(?:\s+per\s+[a-z]+|\s+a\s+(?:day|week|month|year))?)"
)
_PLURAL = re.compile(r"\s+(?:[A-Z][\w’'-]*\s+)?(?!times\b)[a-z-]+s\b")
_NOT_UNITS = frozenset(
    "of in on at to and or but nor the a an for by with from as is are was were be been being has have had "
    "that which who whom this these those it its than then more less most least into over under since after "
    "before during between per each while when where if so such not".split()
)
_DECLINE = re.compile(
    r"\b(?:shr[aiu]nk|shrinks|shrunken|fell|fallen|falls?|dropped|drops?|declined|declines?|decreased|lost|cut|"
    r"slashed|plunged|slumped|contracted)\s+by\s+(?:\S+\s+){0,2}$|\bdown\s+(?:\S+\s+)?$",
    re.IGNORECASE,
)
_HEDGE_TAIL = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, HEDGES), key=len, reverse=True)) + r")\s+$", re.IGNORECASE
)
_WORD_NUM = r"(?:one|two|three|four|five|six|seven|eight|nine|ten)"
_MULTIPLE = re.compile(
    rf"\b(?:doubled?|doubling|twice(?=\s+(?:as|the|that|what)\b)|tripled?|tripling|quadrupled?|halved|halving|"
    rf"(?:{_WORD_NUM}|\d+)-?fold|(?:{_WORD_NUM}|\d+(?:\.\d+)?)\s+times\s+(?:as|more|higher|larger|bigger|the)\b)\b",
    re.IGNORECASE,
)
_SHARE = re.compile(
    rf"\b(?:a|one)\s+(?:third|quarter|fifth|sixth|tenth)(?=\s+of\b|\s*[,.;:)—–]|\s*$)|\b(?:one|two)-thirds?\b"
    rf"|\b(?:one|three)-quarters?\b|(?<!first )(?<!second )\bhalf(?=\s+of\b)|\bby\s+half\b"
    rf"|\b{_WORD_NUM}\s+in\s+{_WORD_NUM}\b",
    re.IGNORECASE,
)
_TERM = re.compile(
    r"\b(?:budget\s+deficits?|deficits?|inflation|price\s+(?:increases|growth)|prices|(?:financial\s+)?losses|"
    r"revenues?|incomes?|wages|profits?|debts?|(?:problem\s+)?loans|non-payments|arrears|defaults|reserves|"
    r"(?:liquid\s+)?assets|savings|(?:foreign\s+)?investment|spending|expenditures?|GDP|economy|"
    r"economic\s+(?:growth|outlook|strain|conditions)|financial\s+difficulties|ruble|rouble|interest\s+rates|"
    r"key\s+rate|shortfall|exports|imports|living\s+standards|bankruptcies|unemployment|borrowing|capital\s+flight)\b",
    re.IGNORECASE,
)
_RISING = (
    r"grows?|growing|grew|grown|rises?|rising|rose|risen|mount(?:s|ing|ed)?|increas(?:ing|ed)|deepen(?:s|ing|ed)?|"
    r"widen(?:s|ing|ed)?|soar(?:s|ing|ed)?|surg(?:e|es|ed|ing)|spiral+(?:ing|ed)?|climb(?:s|ing|ed)?|"
    r"jump(?:s|ing|ed)?|balloon(?:s|ing|ed)?|intensify(?:ing)?"
)
_FALLING = (
    r"falls?|falling|fell|fallen|declin(?:e|es|ed|ing)|drop(?:s|ped|ping)?|shrink(?:s|ing)?|shrank|shrunk(?:en)?|"
    r"plung(?:e|es|ed|ing)|slump(?:s|ed|ing)?|dwindl(?:e|es|ed|ing)|collaps(?:e|es|ed|ing)|run(?:s|ning)?\s+dry"
)
_CHANGE = re.compile(
    rf"\b(?:(?P<rising>{_RISING})|(?P<falling>{_FALLING})|record|major|heavy|huge|massive|significant|immense|"
    r"sky-high|severe|steep|sharp(?:ly)?|frozen|worsen(?:s|ed|ing)?|deteriorat(?:e|es|ed|ing)|bleak)\b",
    re.IGNORECASE,
)


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
    return masthead or bool(FURNITURE.search(stripped))


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
    plain = _SEPARATOR_SPACE.sub(",", sentence)
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(plain)]
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
            if _RANGE_JOIN.fullmatch(join) and (" and " not in join or between) and "." not in join:
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
    match = _HEDGE_TAIL.search(context)
    return at - len(context) + match.start() if match else at


def _classify(s: str, low, high) -> tuple[int, int, dict] | None:
    before, after = _before(s, low.start), s[high.end : high.end + _WINDOW]
    raw = s[low.start : high.end]
    digits = raw[0].isdigit()
    kind = unit = None
    end = high.end
    money = _MONEY_BEFORE.search(before) if digits else None
    if (m := _PERCENT.match(after)) is not None:
        kind, unit, end = "percent", "%", end + m.end()
    elif money is not None:
        kind, unit = "money", money.group().strip()
        if (m := _SCALE_AFTER.match(after)) is not None:
            unit, end = f"{unit} {m.group().strip()}", end + m.end()
    elif (m := _MONEY_AFTER.match(after)) is not None:
        kind, unit, end = "money", m.group().strip(), end + m.end()
    elif _skipped(before, after, raw, low):
        return None
    elif (m := _UNIT.match(after)) is not None:
        head = re.search(r"\b[a-z][a-z-]*", m["unit"]).group()
        if head not in _NOT_UNITS:
            kind, unit, end = "count", " ".join(m.group().split()), end + m.end()
        elif m["scale"]:
            kind, unit, end = "count", m["scale"], end + m.start("unit")
    if kind is None:
        return None
    start = low.start - len(before) + money.start() if kind == "money" and money is not None else low.start
    value = -high.value if _DECLINE.search(before) else high.value
    fields = {"kind": kind, "value": value, "qualifier": hedge_before(before) or "exact", "unit": unit}
    if high is not low:
        fields["low"] = low.value
    return _hedged_start(s, start), end, fields


def _skipped(before: str, after: str, raw: str, low) -> bool:
    """Whether a bare number is a year, a date, a duration, an age, an ordinal or a stray word number."""
    if not raw[0].isdigit() and (low.value < 2 or not (_SCALE_AFTER.match(after) or _PLURAL.match(after))):
        return True
    is_year = raw.isdigit() and len(raw) == 4 and 1800 <= low.value <= 2100
    return bool(
        is_year
        or _ORDINAL.match(after)
        or _DATE_BEFORE.search(before)
        or _DATE_AFTER.match(after)
        or _DURATION.match(after)
        or re.search(r"\baged?\s+$", before, re.IGNORECASE)
    )


def _multiples(s: str) -> list[tuple[int, int, dict]]:
    out = []
    for pattern, kind in ((_MULTIPLE, "multiplier"), (_SHARE, "share")):
        for m in pattern.finditer(s):
            qualifier = hedge_before(_before(s, m.start())) or "exact"
            out.append((_hedged_start(s, m.start()), m.end(), {"kind": kind, "qualifier": qualifier}))
    return out


def _findings(s: str, breaks: list[int]) -> list[tuple[int, int, dict]]:
    out: list[tuple[int, int, dict]] = []
    changes = list(_CHANGE.finditer(s))
    starts = [change.start() for change in changes]
    for term in _TERM.finditer(s):
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
