import pytest

from dashboard.curation.mentions import find_mentions, is_furniture, sentences
from tests.helpers import REPO

ROOT = REPO


def one(text: str):
    found = find_mentions(text)
    assert len(found) == 1, [(m.kind, m.text) for m in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "kind", "said", "value", "qualifier", "unit"),
    [
        ("Overdue loans reached 16.1 percent of the portfolio.", "percent", "16.1 percent", 16.1, "exact", "%"),
        ("It threatens 100% tariffs on buyers.", "percent", "100%", 100, "exact", "%"),
        ("Rates rose to 21 per cent on Friday.", "percent", "21 per cent", 21, "exact", "%"),
        ("Spending grew by ten percent.", "percent", "ten percent", 10, "exact", "%"),
        ("The deficit hit 10 trillion rubles.", "money", "10 trillion rubles", 10, "exact", "trillion rubles"),
        ("Europe froze $300 billion of reserves.", "money", "$300 billion", 300, "exact", "$ billion"),
        ("Russia called up 160,000 conscripts.", "count", "160,000 conscripts", 160000, "exact", "conscripts"),
        ("It took around 5,000 square kilometers.", "count", "around 5,000 square kilometers", 5000, "about", None),
        ("Losses are over 1,000 casualties per day.", "count", "over 1,000 casualties per day", 1000, "over", None),
        ("A group of 50 US senators backs it.", "count", "50 US senators", 50, "exact", "US senators"),
        ("Putin aims to take four Ukrainian regions.", "count", "four Ukrainian regions", 4, "exact", None),
        ("Its assets have shrunk by about 60 percent.", "percent", "about 60 percent", -60, "about", "%"),
        ("Output is down nearly 5 percent.", "percent", "nearly 5 percent", -5, "nearly", "%"),
        ("Prices are nearly double that rate.", "multiplier", "nearly double", None, "nearly", ""),
        ("A third of the budget goes to defence.", "share", "A third", None, "exact", ""),
        ("Exports fell by half.", "share", "by half", None, "exact", ""),
        ("Gazprom is posting record losses.", "finding", "record losses", None, None, ""),
        ("The government says the budget deficit is growing.", "finding", "budget deficit is growing", None, None, ""),
    ],
)
def test_each_kind_of_mention(sentence, kind, said, value, qualifier, unit):
    mention = one(sentence)
    assert (mention.kind, mention.text, mention.value, mention.qualifier) == (kind, said, value, qualifier)
    assert unit is None or mention.unit == unit
    assert sentence[mention.column - 1 :].startswith(said)


@pytest.mark.parametrize(
    ("sentence", "said", "value"),
    [
        ("“Inflation is at 9.9 percent,” he said.", "9.9 percent", 9.9),
        ("Rates of 21\u00a0percent bite.", "21\u00a0percent", 21),
        ("Europe froze $300\u202fbillion.", "$300\u202fbillion", 300),
        ("They drafted 160\u2009000 conscripts.", "160\u2009000 conscripts", 160000),
        ("They drafted 160\u00a0000 conscripts.", "160\u00a0000 conscripts", 160000),
        ("Inflation is nearly\u00a010 percent.", "nearly\u00a010 percent", 10),
    ],
)
def test_typographic_variants(sentence, said, value):
    mention = one(sentence)
    assert (mention.text, mention.value) == (said, value)


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("Analysts expect 10–15 percent next year.", "10–15 percent"),
        ("Analysts expect 10-15 percent next year.", "10-15 percent"),
        ("Analysts expect 10 to 15 percent next year.", "10 to 15 percent"),
        ("Analysts expect between 10 and 15 percent next year.", "10 and 15 percent"),
        ("Analysts expect 10 — 15 percent next year.", "10 — 15 percent"),
    ],
)
def test_ranges_keep_both_ends(sentence, said):
    mention = one(sentence)
    assert (mention.text, mention.low, mention.value, mention.kind) == (said, 10, 15, "percent")


@pytest.mark.parametrize(
    "sentence",
    [
        "It could cloud Putin’s May 9 celebrations of the 80th anniversary.",
        "Trump said he could end it within 24 hours of becoming president.",
        "Kyiv backed a U.S.-proposed 30-day ceasefire and a three-day truce.",
        "Russian forces made modest gains in 2025.",
        "Trump welcomed Zelenskyy on Feb. 28, 2025.",
        "A truce by 20 April now looks unlikely, 24 Feb 2025 notwithstanding.",
        "It was the largest draft in 14 years, since the February 2022 invasion.",
        "A 45-year-old man, aged 45, was fined.",
        "Talks have occurred three times since May; the sides met once.",
        "The U.S. would work for a further 100 days.",
        "One official said one senator agreed.",
        "In the first half of 2025 little changed.",
        "Three financial warning signs are flashing red.",
    ],
)
def test_dates_years_durations_ages_and_ordinals_are_not_mentions(sentence):
    assert find_mentions(sentence) == []


FURNITURE_002 = [1, 2, 3, 6, 9, 10, 11, 12, 13]
FURNITURE_003 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 16]  # 11-12 "Foreign Policy" is a section name, no figure


@pytest.mark.parametrize(
    ("name", "numbers"),
    [("002_6a1ededbb51043c5.txt", FURNITURE_002), ("003_6ad62bae389a28e3.txt", FURNITURE_003)],
)
def test_real_page_furniture_lines_are_skipped(name, numbers):
    lines = (ROOT / "seeds" / name).read_text(encoding="utf-8").split("\n")
    for number in numbers:
        assert is_furniture(lines[number - 1]), (number, lines[number - 1])
    assert find_mentions("\n".join(lines[n - 1] for n in numbers)) == []


@pytest.mark.parametrize(
    "line",
    [
        "President Donald Trump welcomes Ukraine President Volodymyr Zelenskyy on Feb. 28, 2025. (Ben Curtis/AP)",
        "By Aghakazim Guliyev",
        "See also: Putin Unmoved by Trump’s Ceasefire Ultimatum, Eyes Full Control of 4 Ukrainian Regions",
        "Photo: 5,000 troops on parade",
        "• Share",
        "Leave a comment",
    ],
)
def test_captions_bylines_and_links_are_furniture(line):
    assert is_furniture(line)
    assert find_mentions(line) == []


@pytest.mark.parametrize(
    "line",
    [
        "Media: Russia still banking on Trump for Ukraine peace deal despite war readiness",
        "Inflation hits 10 percent",
        "X marks a 5 percent rise.",
    ],
)
def test_article_lines_are_not_furniture(line):
    assert not is_furniture(line)


def test_real_002_mentions_come_only_from_article_lines():
    text = (ROOT / "seeds" / "002_6a1ededbb51043c5.txt").read_text(encoding="utf-8")
    assert [(m.line, m.kind, m.text) for m in find_mentions(text)] == [
        (4, "count", "four Ukrainian regions"),
        (4, "percent", "100%"),
        (7, "count", "around 5,000 square kilometers"),
        (8, "finding", "major financial losses"),
        (8, "finding", "frozen assets"),
        (8, "finding", "declining foreign investment"),
    ]


def test_sentences_do_not_break_at_abbreviations():
    line = "The U.S. Treasury said so. Sen. Graham agreed on Feb. 28. Then it rose."
    assert [line[a:b] for a, b in sentences(line)] == [
        "The U.S. Treasury said so.",
        "Sen. Graham agreed on Feb. 28.",
        "Then it rose.",
    ]


def test_offsets_line_column_and_sentence_are_those_of_the_whole_text():
    text = "Intro.\nFirst one. Then the deficit hit 10 trillion rubles; more later.\n"
    mention = one(text)
    assert (mention.line, mention.column) == (2, 33)
    assert text[mention.start : mention.end] == "10 trillion rubles"
    assert text[slice(*mention.sentence)] == "Then the deficit hit 10 trillion rubles; more later."
    assert text[slice(*mention.clause)] == "Then the deficit hit 10 trillion rubles"


def test_a_finding_is_dropped_from_a_clause_that_states_a_number():
    found = find_mentions("Its liquid assets have shrunk by about 60 percent, and reserves will run dry.")
    assert [(m.kind, m.text, m.trend) for m in found] == [
        ("percent", "about 60 percent", None),
        ("finding", "reserves will run dry", "falling"),
    ]


def test_an_unbalanced_quotation_mark_is_left_out_of_the_quote():
    text = "“The budget deficit is growing. It is bad,” he said."
    mention = one(text)
    assert text[slice(*mention.sentence)] == "“The budget deficit is growing."
    assert text[slice(*mention.clause)] == "The budget deficit is growing."
