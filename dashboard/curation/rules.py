"""What counts as a figure mention (mentions.py applies these patterns), decided once here so that coverage
always counts the same things:

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

import re

from dashboard.evidence.provenance import HEDGES

MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DATE = rf"(?:{MONTHS}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTHS}\.?(?:\s+\d{{4}})?)"
#: Lines that are page furniture, not article text (matched against the stripped line).
FURNITURE = re.compile(
    r"^(?:[-•*·]\s*)?(?:get link|x|facebook|twitter|whatsapp|pinterest|email|e-mail|print|share|other apps|"
    r"comments?|post a comment|leave a (?:comment|reply)|reply|advertisement|sponsored|back|topic)$"
    r"|^(?:sponsor(?:ed)?|see also|read more|related|nextimg|photo|image|caption)\s*:"
    r"|^by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}$"
    rf"|^[\W\d]*{DATE}[\W\d]*$"
    r"|^[^A-Za-z]*$|^\|"
    r"|\((?:photo:?\s*)?[^()/]{0,80}/[^()]{0,80}\)$",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]|\s-\s")
SEPARATOR_SPACE = re.compile(r"(?<=\d)[\u00a0\u202f\u2009\u2007](?=\d{3}(?!\d))")
RANGE_JOIN = re.compile(r"\s*(?:[-–—]|to)\s*|\s+and\s+")
SCALE = r"(?:thousand|million|billion|trillion|bn|mn|tn)"
CURRENCY = r"(?:rubles?|roubles?|dollars?|euros?|yuan|pounds?|hryvnias?|rupees?)"
PERCENT = re.compile(r"\s*(?:%|percent\b|per\s+cent\b|percentage\s+points?\b)", re.IGNORECASE)
MONEY_BEFORE = re.compile(r"(?:[$€£₽]|\bUS\$|\b(?:USD|EUR|RUB)\s)\s*$")
MONEY_AFTER = re.compile(rf"\s*(?:{SCALE}\b\s*)?(?:(?:US|U\.S\.)\s+)?{CURRENCY}\b", re.IGNORECASE)
SCALE_AFTER = re.compile(rf"\s*{SCALE}\b", re.IGNORECASE)
ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
DATE_BEFORE = re.compile(rf"\b{MONTHS}\.?\s+$")
DATE_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS}\b")
DURATION = re.compile(
    r"(?:\s*-\s*|\s+)(?:hours?|days?|weeks?|months?|years?|decades?|minutes?|seconds?|century|centuries|"
    r"a\.m\.|p\.m\.|am|pm)\b",
    re.IGNORECASE,
)
UNIT = re.compile(
    rf"\s*(?:(?P<scale>{SCALE})\s+)?(?P<unit>(?:[A-Z][\w.’'-]*\s+)?(?:(?:square|cubic)\s+)?[a-z][a-z-]*"
    r"(?:\s+per\s+[a-z]+|\s+a\s+(?:day|week|month|year))?)"
)
PLURAL = re.compile(r"\s+(?:[A-Z][\w’'-]*\s+)?(?!times\b)[a-z-]+s\b")
NOT_UNITS = frozenset(
    "of in on at to and or but nor the a an for by with from as is are was were be been being has have had "
    "that which who whom this these those it its than then more less most least into over under since after "
    "before during between per each while when where if so such not".split()
)
DECLINE = re.compile(
    r"\b(?:shr[aiu]nk|shrinks|shrunken|fell|fallen|falls?|dropped|drops?|declined|declines?|decreased|lost|cut|"
    r"slashed|plunged|slumped|contracted)\s+by\s+(?:\S+\s+){0,2}$|\bdown\s+(?:\S+\s+)?$",
    re.IGNORECASE,
)
HEDGE_TAIL = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, HEDGES), key=len, reverse=True)) + r")\s+$", re.IGNORECASE
)
WORD_NUM = r"(?:one|two|three|four|five|six|seven|eight|nine|ten)"
MULTIPLE = re.compile(
    rf"\b(?:doubled?|doubling|twice(?=\s+(?:as|the|that|what)\b)|tripled?|tripling|quadrupled?|halved|halving|"
    rf"(?:{WORD_NUM}|\d+)-?fold|(?:{WORD_NUM}|\d+(?:\.\d+)?)\s+times\s+(?:as|more|higher|larger|bigger|the)\b)\b",
    re.IGNORECASE,
)
SHARE = re.compile(
    rf"\b(?:a|one)\s+(?:third|quarter|fifth|sixth|tenth)(?=\s+of\b|\s*[,.;:)—–]|\s*$)|\b(?:one|two)-thirds?\b"
    rf"|\b(?:one|three)-quarters?\b|(?<!first )(?<!second )\bhalf(?=\s+of\b)|\bby\s+half\b"
    rf"|\b{WORD_NUM}\s+in\s+{WORD_NUM}\b",
    re.IGNORECASE,
)
TERM = re.compile(
    r"\b(?:budget\s+deficits?|deficits?|inflation|price\s+(?:increases|growth)|prices|(?:financial\s+)?losses|"
    r"revenues?|incomes?|wages|profits?|debts?|(?:problem\s+)?loans|non-payments|arrears|defaults|reserves|"
    r"(?:liquid\s+)?assets|savings|(?:foreign\s+)?investment|spending|expenditures?|GDP|economy|"
    r"economic\s+(?:growth|outlook|strain|conditions)|financial\s+difficulties|ruble|rouble|interest\s+rates|"
    r"key\s+rate|shortfall|exports|imports|living\s+standards|bankruptcies|unemployment|borrowing|capital\s+flight)\b",
    re.IGNORECASE,
)
RISING = (
    r"grows?|growing|grew|grown|rises?|rising|rose|risen|mount(?:s|ing|ed)?|increas(?:ing|ed)|deepen(?:s|ing|ed)?|"
    r"widen(?:s|ing|ed)?|soar(?:s|ing|ed)?|surg(?:e|es|ed|ing)|spiral+(?:ing|ed)?|climb(?:s|ing|ed)?|"
    r"jump(?:s|ing|ed)?|balloon(?:s|ing|ed)?|intensify(?:ing)?"
)
FALLING = (
    r"falls?|falling|fell|fallen|declin(?:e|es|ed|ing)|drop(?:s|ped|ping)?|shrink(?:s|ing)?|shrank|shrunk(?:en)?|"
    r"plung(?:e|es|ed|ing)|slump(?:s|ed|ing)?|dwindl(?:e|es|ed|ing)|collaps(?:e|es|ed|ing)|run(?:s|ning)?\s+dry"
)
CHANGE = re.compile(
    rf"\b(?:(?P<rising>{RISING})|(?P<falling>{FALLING})|record|major|heavy|huge|massive|significant|immense|"
    r"sky-high|severe|steep|sharp(?:ly)?|frozen|worsen(?:s|ed|ing)?|deteriorat(?:e|es|ed|ing)|bleak)\b",
    re.IGNORECASE,
)
