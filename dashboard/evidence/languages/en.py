"""English: the words and number forms of English-language texts, for the quote check and the figure finder.

Every language module provides the same names (tests/evidence/test_languages.py checks it); the README's
"Adding a language" says what each one means. Nothing outside this folder names an English word.
"""

from __future__ import annotations

import re

CODE = "en"
NAME = "English"
#: The script of the language's letters, as Unicode names it (the first word of a letter's name).
SCRIPT = "LATIN"
#: Short words frequent in any English text, to tell English from another language written in the same script.
MARKERS = frozenset("the of and to in is that for on with as was by it are from".split())
#: Letters a person may type for one another, folded one to one before matching (none in English).
FOLD: dict[str, str] = {}

# Numbers: "5,000" and "16.1"; a comma groups thousands, a point starts the decimals.
#: A number in digits: group 1 the whole part, group 2 the decimals with their separator.
NUMBER = r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d])"
#: Characters that group the whole part's digits, dropped when the number is read.
GROUP = ","
WORD_NUMBERS = {
    word: n
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
#: Scale words and the power of ten each one means.
SCALES = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12, "bn": 9, "mn": 6, "tn": 12}
#: Unit words and the base each names, for an observation's `unit` ("billion rubles"); the keys of every language's
#: BASES are these English names, so that a ruble figure in one language compares with one in another.
BASES = {
    "ruble": "rubles", "rouble": "rubles", "rub": "rubles", "₽": "rubles",
    "dollar": "dollars", "usd": "dollars", "$": "dollars", "us$": "dollars",
    "euro": "euros", "eur": "euros", "€": "euros", "yuan": "yuan", "cny": "yuan",
    "percent": "percent", "per cent": "percent", "%": "percent",
}  # fmt: skip

# Hedges: the words before a number that say it is not exact, and the qualifier each one means.
HEDGES = {
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "over": "over",
    "more than": "over",
    "above": "over",
    "upwards of": "over",
    "in excess of": "over",
    "at least": "over",
    "under": "under",
    "less than": "under",
    "below": "under",
    "fewer than": "under",
    "up to": "up_to",
}
#: What may stand between a hedge word and its number.
HEDGE_GAP = r"\s+[$€£]?"
#: Hedge words that, after a change, give the level reached rather than a bound (none in English: "cut to 17%"
#: has no hedge, "up to 17%" is one).
LEVEL_HEDGES: frozenset[str] = frozenset()
#: Bounds that after a change give the level crossed (none: "fell below 5%" reads as English always has).
LEVEL_BOUNDS: frozenset[str] = frozenset()
#: The upper end of a range ("10–15", "10 to 15", "between 10 and 15"), which `up_to` states as the project does.
RANGE_BEFORE = r"\d\s*(?:[-–—]|to|and)\s*[$€£]?$"

# Signs: words that say a figure fell or rose, when they stand right before it (with "by" between at most).
DECLINE_WORDS = frozenset(
    "shrunk shrank shrink shrinks fell fall falls dropped drop drops declined decline declines lost lose loses cut "
    "cuts decreased decrease decreases plunged plummeted slumped tumbled down".split()
)
RISE_WORDS = frozenset(
    "rose rise rises grew grow grows increased increase increases jumped jump jumps surged soared climbed up".split()
)
#: Beginnings of inflected change words (none needed in English: its forms are listed whole).
DECLINE_STEMS: tuple[str, ...] = ()
RISE_STEMS: tuple[str, ...] = ()
#: Names that begin like a change word (none: English change words are listed whole).
NOT_CHANGE: tuple[str, ...] = ()
#: Words between a change word and its number that break the link (none: English reads only the adjacent words).
SIGN_BREAKERS: frozenset[str] = frozenset()
SIGN_BREAKER_STEMS: tuple[str, ...] = ()
#: Words a change word may stand before CHANGE_BY in a language that reads the whole clause (unused in English).
SIGN_REACH = 0
#: The word that introduces the size of a change ("fell by 5 percent").
CHANGE_BY = "by"
#: Change words that count only with CHANGE_BY ("down by 5", not "down 5": "up to" is a hedge, "down to" a level).
BY_ONLY = frozenset({"down", "up"})
#: Whether a change word anywhere earlier in the clause counts, or only the one right before the number.
SIGN_IN_CLAUSE = False
#: How far before a number the text is read for its hedge and sign words, in characters.
CONTEXT = 40

# Sentence ends: a period after initials ("U.S", "J") or after one of these never ends a sentence.
#: What, right after a stop and its space, continues the sentence (nothing in English: a pattern that never matches).
STOP_CONTINUES = re.compile(r"(?!)")
ABBREVIATION = (
    r"(?:\b(?:[A-Za-z]\.)*[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr|Prof|No|vs|Inc|Corp|Ltd|Co|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|est|etc))$"
)

# The figure finder (dashboard/curation/mentions.py): what counts as a figure mention in English.
MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DATE = rf"(?:{MONTHS}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTHS}\.?(?:\s+\d{{4}})?)"
#: Lines that are page furniture, not article text (matched against the stripped line).
# NOTE: a byline's names are capitalised whatever the flags say ((?-i:...)), so "by two percent" is text.
# NOTE: the anchored alternatives share one ^, so a line is tried at each character against two, not seven.
FURNITURE = re.compile(
    r"^(?:(?:[-•*·]\s*)?(?:get link|x|facebook|twitter|whatsapp|pinterest|email|e-mail|print|share|other apps|"
    r"comments?|post a comment|leave a (?:comment|reply)|reply|advertisement|sponsored|back|topic)$"
    r"|(?:sponsor(?:ed)?|see also|read more|related|nextimg|photo|image|caption)\s*:"
    r"|by\s+(?-i:[A-Z])[\w.'’-]*(?:\s+(?-i:[A-Z])[\w.'’-]*){0,3}$"
    rf"|[\W\d]*{DATE}[\W\d]*$"
    r"|[^A-Za-z]*$|\|)"
    r"|\((?:photo:?\s*)?[^()/]{0,80}/[^()]{0,80}\)$",
    re.IGNORECASE,
)
#: What joins the two ends of a range; RANGE_PAIRED among them only after RANGE_OPENER ("between 10 and 15").
RANGE_JOIN = re.compile(r"\s*(?:[-–—]|to)\s*|\s+and\s+")
RANGE_PAIRED = " and "
RANGE_OPENER = re.compile(r"\bbetween\s+(?:\S+\s+)?$", re.IGNORECASE)
#: An age, not an amount ("aged 45").
AGE_BEFORE = re.compile(r"\baged?\s+$", re.IGNORECASE)
#: The head word of a unit after a number, a lower-case word ("conscripts", "square kilometers").
UNIT_HEAD = re.compile(r"\b[a-z][a-z-]*")
#: A no-break or thin space between digit groups ("160 000") is read as this language's group separator.
GROUP_SPACE = re.compile(r"(?<=\d)[\u00a0\u202f\u2009\u2007](?=\d{3}(?!\d))")
GROUP_SPACE_AS = ","
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
#: What makes a number a decline in the finder ("shrunk by", "fell by", "down"): it is recorded negative.
DECLINE_BEFORE = re.compile(
    r"\b(?:shr[aiu]nk|shrinks|shrunken|fell|fallen|falls?|dropped|drops?|declined|declines?|decreased|lost|cut|"
    r"slashed|plunged|slumped|contracted)\s+by\s+(?:\S+\s+){0,2}$|\bdown\s+(?:\S+\s+)?$",
    re.IGNORECASE,
)
WORD_NUM = r"(?:one|two|three|four|five|six|seven|eight|nine|ten)"
# NOTE: every alternative of MULTIPLE, TERM and CHANGE starts with a letter or digit, so the leading (?=\w) changes
# no match; it lets the engine skip spaces and punctuation before trying the case-blind alternatives (2x faster).
MULTIPLE = re.compile(
    rf"(?=\w)\b(?:doubled?|doubling|twice(?=\s+(?:as|the|that|what)\b)|tripled?|tripling|quadrupled?|halved|halving|"
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
    r"(?=\w)\b(?:budget\s+deficits?|deficits?|inflation|price\s+(?:increases|growth)|prices|(?:financial\s+)?losses|"
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
    rf"(?=\w)\b(?:(?P<rising>{RISING})|(?P<falling>{FALLING})|record|major|heavy|huge|massive|significant|immense|"
    r"sky-high|severe|steep|sharp(?:ly)?|frozen|worsen(?:s|ed|ing)?|deteriorat(?:e|es|ed|ing)|bleak)\b",
    re.IGNORECASE,
)

# Suggestions (dashboard/curation/suggestions.py and periods.py): which indicator a figure is of, and which time.
#: Words too common to tell one indicator from another.
STOP_WORDS = NOT_UNITS | frozenset(
    "also said says will would could can its their his her our they them there here what all any about just only "
    "percent per cent year years month months quarter new last this next one two three data figure figures".split()
)
#: How many letters of a word are compared, so that its forms meet ("reserve", "reserves").
STEM = 6
#: The month a word names, by its beginning (the longest beginning that fits wins).
MONTH_NUMBERS = {m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
#: The quarter an ordinal names, by its beginning.
QUARTER_NUMBERS = {"first": 1, "1st": 1, "q1": 1, "second": 2, "2nd": 2, "q2": 2, "third": 3, "3rd": 3, "q3": 3}
QUARTER_NUMBERS |= {"fourth": 4, "4th": 4, "q4": 4}
#: The year a relative phrase names, as years after the publication year, by the phrase's first word.
RELATIVE_YEARS = {"last": -1, "previous": -1, "past": -1, "this": 0, "current": 0, "next": 1}
_YEAR = r"(?:,?\s+(?:of\s+)?(?P<year>(?:19|20)\d{2})\b)?"
_MONTH = rf"(?P<month>{MONTHS})\b\.?"
#: The time words of a sentence, each with its shape (day, months, first_months, quarter, month, relative, year);
#: the named groups month, month2, day, year, quarter, count and relative are read by the shape.
PERIODS = (
    ("day", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent)){_YEAR}")),
    ("day", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}{_YEAR}")),
    (
        "months",
        re.compile(rf"\b{_MONTH}\s*(?:[-–—]|\bto\b|\bthrough\b|\band\b)\s*(?P<month2>{MONTHS})\b\.?{_YEAR}"),
    ),
    ("first_months", re.compile(rf"(?i:\bfirst\s+(?P<count>\w+)\s+months\b){_YEAR}")),
    ("quarter", re.compile(rf"(?i:\b(?P<quarter>first|second|third|fourth|[1-4](?:st|nd|rd|th))\s+quarter\b){_YEAR}")),
    ("quarter", re.compile(r"\b(?P<quarter>Q[1-4])\b(?:\s+(?P<year>(?:19|20)\d{2})\b)?")),
    ("month", re.compile(rf"\b{_MONTH}{_YEAR}")),
    ("relative", re.compile(r"(?i:\b(?P<relative>last|previous|past|this|current|next)\s+year\b)")),
    ("year", re.compile(r"(?<![\d.,])(?P<year>(?:19|20)\d{2})(?![\d.,]\d)")),
)
