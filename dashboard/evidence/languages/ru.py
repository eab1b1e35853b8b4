"""Russian: the words and number forms of Russian-language texts (the Bank of Russia, the Finance Ministry, Rosstat,
the wires and the business press), for the quote check and the figure finder.

The same names as every language module (see en.py). Words are matched with ё folded to е, so each is written
here once, with е.
"""

from __future__ import annotations

import re

CODE = "ru"
NAME = "Russian"
SCRIPT = "CYRILLIC"
MARKERS = frozenset("и в не на что с по как это из за о к от для его но до же".split())
#: Russian writes ё or е for the same letter (most outlets print е), so the two match each other.
FOLD = {"ё": "е", "Ё": "Е"}

# Numbers: "5,6", "3,394" (three point three nine four), "17,00%", "160 000" grouped by a space, a no-break space
# or a thin space; a decimal point turns up in wire and channel copy ("7.65 трлн") and is read as one too.
_SPACE = "[ \u00a0\u202f\u2009\u2007]"
NUMBER = rf"(?<![\w.,])(\d{{1,3}}(?:{_SPACE}\d{{3}})+|\d+)([,.]\d+)?(?![\d])"
GROUP = " \u00a0\u202f\u2009\u2007"
_UNITS = {
    "ноль": 0, "один": 1, "одна": 1, "одно": 1, "одного": 1, "одной": 1, "два": 2, "две": 2, "двух": 2,
    "три": 3, "трех": 3, "четыре": 4, "четырех": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6,
    "семь": 7, "семи": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10,
    "одиннадцать": 11, "двенадцать": 12, "пятнадцать": 15, "двадцать": 20, "двадцати": 20,
    "тридцать": 30, "тридцати": 30, "сорок": 40, "сорока": 40, "пятьдесят": 50, "пятидесяти": 50,
    "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
}  # fmt: skip
WORD_NUMBERS = _UNITS | {word.replace("е", "ё"): n for word, n in _UNITS.items() if "ех" in word}
SCALES = {"тыс": 3, "тысяч": 3, "млн": 6, "миллион": 6, "млрд": 9, "миллиард": 9, "трлн": 12, "триллион": 12}
#: Unit words and the base each names (the English names of en.BASES), for an observation's `unit` ("млрд руб.").
BASES = {
    "руб": "rubles", "рубль": "rubles", "рубл": "rubles", "₽": "rubles",
    "долл": "dollars", "доллар": "dollars", "$": "dollars", "евро": "euros", "€": "euros", "юань": "yuan",
    "юан": "yuan", "%": "percent", "процент": "percent", "проц": "percent",
}  # fmt: skip

# Hedges. «не менее» is read before «менее» (the longest phrase wins), so it is not "under".
HEDGES = {
    "около": "about",
    "примерно": "about",
    "приблизительно": "about",
    "порядка": "about",
    "в районе": "about",
    "ориентировочно": "about",
    "почти": "nearly",
    "без малого": "nearly",
    "практически": "nearly",
    "более": "over",
    "более чем": "over",
    "больше чем": "over",
    "по меньшей мере": "over",
    "по крайней мере": "over",
    "свыше": "over",
    "больше": "over",
    "выше": "over",
    "не менее": "over",
    "не менее чем": "over",
    "не меньше": "over",
    "не ниже": "over",
    "как минимум": "over",
    "минимум": "over",
    "менее": "under",
    "менее чем": "under",
    "меньше чем": "under",
    "меньше": "under",
    "ниже": "under",
    "чуть менее": "under",
    "чуть меньше": "under",
    "до": "up_to",
    "вплоть до": "up_to",
    "не более": "up_to",
    "не более чем": "up_to",
    "не выше": "up_to",
    "не свыше": "up_to",
    "максимум": "up_to",
}
#: A hedge may stand before «на» ("почти на 8%") and before a currency sign.
HEDGE_GAP = r"\s+(?:на\s+)?(?:[$€£₽]\s*)?"
#: «до» after a change is the level reached ("снизил ставку на 100 б.п., до 17%"; "замедлилась до 5,6%").
LEVEL_HEDGES = frozenset({"до"})
#: Bounds that after a change are the level it crossed, keeping their hedge («опустилась ниже 5%» is under 5%, and
#: no fall of 5); «более», «менее» after a change stay its size («потерял более 12 млрд»).
LEVEL_BOUNDS = frozenset({"ниже", "выше"})
RANGE_BEFORE = r"\d\s*(?:[-–—‒−]|до)\s*[$€£₽]?$"

# Signs: inflected, so read by their beginnings; a change word counts anywhere earlier in the number's clause
# when «на» introduces the number ("сократились сразу на 34%", "о снижении ключевой ставки на 100 б.п.").
DECLINE_WORDS = frozenset({"минус"})
#: «рос», «росла» whole: a beginning «рос» would take Россия and Росстат.
RISE_WORDS = frozenset({"плюс", "рос", "росла", "росли", "росло"})
DECLINE_STEMS = (
    "сниж", "снизи", "сократ", "сокращ", "уменьш", "упал", "упад", "пада", "паден", "подешев", "удешев", "дешеве",
    "замедл", "рухн", "обвал", "опусти", "опуска", "просел", "просед", "потерял", "потеря", "теря", "спад", "сжал",
    "сжат", "ослаб", "убав", "урез", "понизи", "пониж", "скатил", "обесцен",
)  # fmt: skip
RISE_STEMS = (
    "рост", "раст", "выросл", "вырос", "вырас", "выраст", "возрос", "подрос", "прирост", "прирос", "увелич",
    "повыс", "повыш", "подорож", "удорож", "дорожа", "ускор", "подня", "подним", "взлет", "прибав", "расшир",
    "нарост", "нараст", "удвои", "утрои", "подскоч", "укреп",
)  # fmt: skip
#: Names that begin like a change word (Ростелеком, Ростов, Ростех): never a sign.
NOT_CHANGE = ("ростел", "ростов", "ростех", "ростсельмаш")
#: Words that, standing between a change word and «на» or «до», mean the number is not that change's size or
#: level: a conjunction starts another statement, and these verbs give an amount of their own.
SIGN_BREAKERS = frozenset({"и", "а", "но", "или"})
SIGN_BREAKER_STEMS = (
    "состав", "достиг", "ожида", "прогноз", "ждут", "ждет", "будет", "обеспеч", "выдел", "держ", "сохран", "оцен",
)  # fmt: skip
#: At most this many words may stand between a change word and «на» (сократились сразу на; о снижении ключевой
#: ставки на), as the finder reads them too.
SIGN_REACH = 3
CHANGE_BY = "на"
BY_ONLY: frozenset[str] = frozenset()
SIGN_IN_CLAUSE = True
CONTEXT = 80

# Sentence ends. A period after these never ends a sentence: initials (Э. Набиуллина, Н.В. Давыдов), «т.е.»,
# «им.», «ул.», titles, and «г.» that is not after a number (город: «г. Москва»). Other abbreviations (руб., трлн.,
# млрд., тыс., долл., гг., т.д., др.) end one when a capital follows («…3,8 трлн руб. Это…»), and so does «г.»
# after a year («в 2025 г. Минфин…» is read as two sentences: a news text ends a sentence there far more often
# than it puts a name after the year; a lowercase word after it, «в 2025 г. по данным…», never ends one).
#: A dash or a bracket after a stop continues the sentence («на 2 п.п. — до 18%», «1,7 трлн руб. (0,8% ВВП)»),
#: as «США» does after «долл.».
STOP_CONTINUES = re.compile(r"[—–(]|США\b")
ABBREVIATION = (
    r"(?:\b(?:[А-ЯЁA-Z]\.\s?)*[А-ЯЁA-Z]|\b(?:т\.\s?е|т\.\s?к|т\.\s?н|т\.\s?ч|им|ул|пр|просп|пер|акад|проф|доц|"
    r"тел|рис|табл|см|ср|напр|св|ст|гр|г-на|г-жи|г-н|янв|февр?|мар|апр|авг|сент?|окт|нояб|дек)"
    r"|(?<!\d )(?<!\d\u00a0)\bг)$"
)

# The figure finder.
_MONTHS_GEN = r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
_MONTHS = (
    r"(?:январ[ьяею]|феврал[ьяею]|март[аеу]?|апрел[ьяею]|ма[йяею]|июн[ьяею]|июл[ьяею]|август[аеу]?|"
    r"сентябр[ьяею]|октябр[ьяею]|ноябр[ьяею]|декабр[ьяею])"
)
_SCALE = r"(?:тыс\.?|тысяч[аиу]?|млн\.?|миллион(?:а|ов|ы)?|млрд\.?|миллиард(?:а|ов|ы)?|трлн\.?|триллион(?:а|ов|ы)?)"
_CURRENCY = (
    r"(?:руб(?:\.|л(?:ь|я|ей|ям|ях|ями)\b)?|₽|долл(?:\.|ар(?:а|ов|ы)?\b)?|евро|юан(?:ь|я|ей)\b|иен\b|"
    r"фунт(?:а|ов)?\b|гривен\b|тенге)"
)
# NOTE: the anchored alternatives share one ^, so a line is tried at each character against two, not six.
FURNITURE = re.compile(
    r"^(?:(?:[-•*·]\s*)?(?:поделиться|поделиться с друзьями|комментари[ийя]|добавить комментарий|реклама|18\+|"
    r"главное сейчас|лента новостей|популярные новости.*|новости партнеров|новость дополняется|"
    r"сообщить об опечатке|читать дальше.*|подписывайтесь.*|подпишитесь.*|мы в соцсетях|"
    r"вам может быть интересно.*|telegram|вконтакте|одноклассники|vk|ok|x|dmca)$"
    r"|(?:читайте также|читайте нас|смотрите также|подробнее|источник|фото|автор фото|автор|авторы|скриншот|теги|"
    r"рубрика|реклама|материалы по теме)\s*:"
    rf"|[\W\d]*\d{{1,2}}\s+{_MONTHS_GEN}(?:\s+\d{{4}})?(?:\s*(?:г\.|года))?[\W\d]*$"
    r"|[^А-Яа-яЁёA-Za-z]*$|\|)"
    r"|(?:^|\()(?:фото|©)\s*:?\s*[^()]{0,80}/[^()]{0,80}\)?$",
    re.IGNORECASE,
)
RANGE_JOIN = re.compile(r"\s*[-–—‒−]\s*|\s+до\s+")
RANGE_PAIRED = " до "
RANGE_OPENER = re.compile(r"(?:^|\s)от\s+(?:\S+\s+)?$", re.IGNORECASE)
#: An age or a code, not an amount: «в возрасте 45», «ОФЗ 26243», «АИ-95», «№ 47».
AGE_BEFORE = re.compile(
    r"(?i:(?:^|\s)(?:в\s+возрасте|возраст(?:ом)?)\s+(?:до\s+|от\s+)?)$|(?<![\w-])[А-ЯЁA-Z]{2,}[\s-]$|№\s*$"
)
UNIT_HEAD = re.compile(r"(?<![\w-])[а-яё][а-яё-]*")
#: Russian numbers already read a space between digit groups, so nothing is rewritten.
GROUP_SPACE = None
GROUP_SPACE_AS = ""
PERCENT = re.compile(
    r"\s*(?:%|проц\.|процент(?:а|ов|ы)?\b|процентн(?:ый|ого|ых|ых)\s+пункт(?:а|ов)?\b|п\.\s?п\.?|"
    r"базисн(?:ый|ого|ых)\s+пункт(?:а|ов)?\b|б\.\s?п\.?)",
    re.IGNORECASE,
)
MONEY_BEFORE = re.compile(r"(?:[$€£₽¥]|\bUS\$|\b(?:USD|EUR|RUB|CNY)\s)\s*$")
MONEY_AFTER = re.compile(rf"\s*(?:{_SCALE}\s*)?{_CURRENCY}", re.IGNORECASE)
SCALE_AFTER = re.compile(rf"\s*{_SCALE}(?![а-яё])", re.IGNORECASE)
ORDINAL = re.compile(r"-?(?:й|я|е|го|му|м|х|ти|ой|ый|ий)\b")
DATE_BEFORE = re.compile(rf"(?:^|\s){_MONTHS}\s+$", re.IGNORECASE)
DATE_AFTER = re.compile(rf"\s+(?:{_MONTHS_GEN}|{_MONTHS})(?![а-яё])", re.IGNORECASE)
DURATION = re.compile(
    r"(?:\s*-\s*|\s+)(?:лет\b|год(?:а|у|ом|ов)?\b|г\.|гг\.|месяц(?:а|ев)?\b|мес\.|недел[ьию]\b|дн(?:я|ей)\b|день\b|"
    r"сут(?:ок|ки)\b|час(?:а|ов)?\b|минут\w*|секунд\w*|квартал(?:а|ов)?\b|век(?:а|ов)?\b|раз(?:а)?\b)",
    re.IGNORECASE,
)
UNIT = re.compile(r"\s*(?:(?P<scale>" + _SCALE + r")\s+)?(?P<unit>(?:[А-ЯЁ][\w-]*\s+)?[а-яё][а-яё-]*)")
PLURAL = re.compile(r"\s+(?:[А-ЯЁ][\w-]*\s+)?(?!трет|четверт|раз)[а-яё][а-яё-]+")
NOT_UNITS = frozenset(
    "и в во на с со по до из за от к ко о об у а но или что как же не ни при для без под над через между "
    "после перед около более менее раз года году годом лет г гг млн млрд трлн тыс это этот эта эти тот та "
    "те который которая которые также уже еще лишь всего только процента процентов против".split()
)
#: The finder's decline: the checker's decline words within SIGN_REACH words before «на», «минус», or a minus sign.
DECLINE_BEFORE = re.compile(
    r"(?:^|\s)(?:" + "|".join(DECLINE_STEMS) + r")[а-яё]*\s+(?:[^\s,;:]+\s+){0," + str(SIGN_REACH) + r"}?"
    r"(?:на\s+)(?:\S+\s+)?$|(?<![\w-])минус\s+$|(?:^|(?<=[\s(]))[-−–]$",
    re.IGNORECASE,
)
_WORD_TIMES = r"(?:два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|полтора|полторы|несколько)"
MULTIPLE = re.compile(
    rf"(?<![\w-])(?:вдвое|втрое|вчетверо|впятеро|вдесятеро|удвои\w*|утрои\w*|двукратн\w*|трехкратн\w*|"
    rf"\d+(?:[,.]\d+)?-?кратн\w*|в\s+(?:{_WORD_TIMES}|\d+(?:[,.]\d+)?)\s+раз(?:а)?)(?![\w-])",
    re.IGNORECASE,
)
SHARE = re.compile(
    r"(?<![\w-])(?:половин[аыуеой]|полови?ну|трет[ьи]|четверт[ьи]|пят(?:ая|ую|ой)\s+част[ьи]|"
    r"две\s+трети|три\s+четверти|кажд(?:ый|ое|ая|ого)\s+(?:второй|третий|четвертый|пятый|десятый|"
    r"второе|третье|пятое|вторая|третья|пятая))(?![\w-])",
    re.IGNORECASE,
)
TERM = re.compile(
    r"(?<![\w-])(?:дефицит\w*|профицит\w*|инфляци\w*|цен[аыу]?|убыт\w*|доход\w*|выручк\w*|прибыл\w*|долг\w*|"
    r"задолженност\w*|просрочк\w*|кредит\w*|неплатеж\w*|резерв\w*|актив\w*|сбережени\w*|инвестици\w*|"
    r"расход\w*|ВВП|экономик\w*|рубл[ьяюем]\w*|ставк\w*|экспорт\w*|импорт\w*|безработиц\w*|банкротств\w*|"
    r"ФНБ|бюджет\w*|зарплат\w*|бегство\s+капитала)(?![\w-])",
    re.IGNORECASE,
)
_RISING = (
    r"раст\w*|растущ\w*|вырос\w*|выраст\w*|рост\w*|увелич\w*|ускор\w*|расшир\w*|подорож\w*|взлет\w*|"
    r"нараст\w*|углуб\w*|разгон\w*"
)
_FALLING = (
    r"сниж\w*|снизи\w*|сократ\w*|сокращ\w*|упал\w*|упад\w*|падени\w*|уменьш\w*|замедл\w*|рухн\w*|обвал\w*|"
    r"спад\w*|охлажд\w*|иссяк\w*|тает|таю\w*"
)
CHANGE = re.compile(
    rf"(?<![\w-])(?:(?P<rising>{_RISING})|(?P<falling>{_FALLING})|рекорд\w*|минимальн\w*|максимальн\w*|"
    r"исторически\w*|резк\w*|значительн\w*|масштабн\w*|серьезн\w*|огромн\w*|тяжел\w*|ухудш\w*|"
    r"заморож\w*)(?![\w-])",
    re.IGNORECASE,
)

# Suggestions (dashboard/curation/suggestions.py and periods.py): which indicator a figure is of, and which time.
#: Words too common to tell one indicator from another.
STOP_WORDS = frozenset(
    "и в во на по за из от до для при о об с со к ко у не но а или что как это этот эта эти его её их он она они "
    "был была были было быть будет будут также уже еще ещё всего более менее около почти свыше году года год "
    "месяц месяца месяцев квартал квартала процента процентов процент млрд млн трлн тыс рублей руб долларов "
    "сообщил сообщила заявил заявила которые который которая после россии россия составил составила составили "
    "составит составлял составляла итогам сразу лишь всех".split()
)
#: How many letters of a word are compared, so that its inflected forms meet («бюджета», «бюджетом»).
STEM = 5
#: The month a word names, by its beginning (the longest beginning that fits wins: «мар» before «ма»).
MONTH_NUMBERS = {m: n for n, m in enumerate("янв фев мар апр ма июн июл авг сен окт ноя дек".split(), start=1)}
#: The quarter an ordinal names, by its beginning.
QUARTER_NUMBERS = {"перв": 1, "i": 1, "1": 1, "втор": 2, "ii": 2, "2": 2, "трет": 3, "iii": 3, "3": 3}
QUARTER_NUMBERS |= {"четв": 4, "iv": 4, "4": 4}
#: The year a relative phrase names, as years after the publication year, by the phrase's first word.
RELATIVE_YEARS = {"прошл": -1, "предыдущ": -1, "минувш": -1, "эт": 0, "текущ": 0, "нынешн": 0, "следующ": 1}
_YEAR = r"(?:\s+(?P<year>(?:19|20)\d{2})(?:\s*(?:г\.|года|году|год)(?![а-яё]))?)?"
_MONTH = rf"(?P<month>{_MONTHS})(?![а-яё])"
#: The time words of a sentence, each with its shape (day, months, first_months, quarter, month, relative, year);
#: the named groups month, month2, day, year, quarter, count and relative are read by the shape.
PERIODS = (
    ("day", re.compile(rf"(?<![\d,.])(?P<day>\d{{1,2}})\s+{_MONTH}{_YEAR}", re.IGNORECASE)),
    (
        "months",
        re.compile(rf"{_MONTH}\s*(?:[-–—]|\s+по\s+)\s*(?P<month2>{_MONTHS})(?![а-яё]){_YEAR}", re.IGNORECASE),
    ),
    ("first_months", re.compile(rf"\bперв\w*\s+(?P<count>\w+)\s+месяц\w*{_YEAR}", re.IGNORECASE)),
    (
        "quarter",
        re.compile(
            rf"(?P<quarter>\b(?:IV|I{{1,3}}|[1-4])\b|перв\w*|втор\w*|трет\w*|четв[её]рт\w*)\s+квартал\w*{_YEAR}"
        ),
    ),
    ("month", re.compile(rf"(?<![а-яё]){_MONTH}{_YEAR}", re.IGNORECASE)),
    (
        "relative",
        re.compile(
            r"(?<![а-яё])(?P<relative>прошл|предыдущ|минувш|эт|текущ|нынешн|следующ)\w*\s+год\w*", re.IGNORECASE
        ),
    ),
    ("year", re.compile(r"(?<![\d.,])(?P<year>(?:19|20)\d{2})(?![\d.,]\d)")),
)
