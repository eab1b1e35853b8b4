import pytest

from dashboard.provenance import StoredText, closest_passage, find_value, fold, hedge_before, locate_quote, numbers_in

TEXT = (
    "Intro line.\n"
    "Inflation is “officially at nearly 10 percent” — it said.\n"
    "The fund’s assets shrank\u00a0by about 60 percent.\n"
)


def test_fold_maps_back_to_original_offsets():
    folded, where = fold("a “b”\u00a0 — c")
    assert folded == 'a "b" - c'
    assert where == [0, 1, 2, 3, 4, 5, 7, 8, 9, 10]


def test_exact_quote_gives_its_offsets():
    stored = StoredText(TEXT)
    citation = locate_quote("officially at nearly 10 percent", stored)
    assert citation.match == "exact"
    assert TEXT[citation.start : citation.end] == "officially at nearly 10 percent"
    assert (citation.line, citation.column) == (2, 15)


@pytest.mark.parametrize(
    ("typed", "original"),
    [
        ('is "officially at nearly 10 percent" - it', "is “officially at nearly 10 percent” — it"),
        ("The fund's assets shrank by about 60 percent.", "The fund’s assets shrank\u00a0by about 60 percent."),
        ("assets   shrank by", "assets shrank\u00a0by"),
        ("…shrank by about 60 percent…", "shrank\u00a0by about 60 percent"),
        ("The fund's assets ... about 60 percent", "The fund’s assets shrank\u00a0by about 60 percent"),
    ],
)
def test_typed_quote_is_found_at_the_original_characters(typed, original):
    citation = locate_quote(typed, StoredText(TEXT))
    assert citation is not None and citation.match == "normalised"
    assert TEXT[citation.start : citation.end] == original


def test_elided_quote_must_stay_in_one_paragraph():
    assert locate_quote("Intro line. … the fund", StoredText(TEXT)) is None


def test_missing_quote_is_none_and_closest_names_the_difference():
    stored = StoredText(TEXT)
    assert locate_quote("shrank by about 60 per cent", stored) is None
    line, ours, theirs = closest_passage("shrank by about 60 per cent", stored)
    assert line == 3
    assert (ours, theirs) == ("per cent", "percent")


def test_numbers_in_reads_separators_decimals_and_words():
    values = [m.value for m in numbers_in("16.1 percent, 5,000 km, 160,000 conscripts, three years, 500%")]
    assert values == [16.1, 5000, 160000, 3, 500]


def test_find_value_matches_a_decline_by_its_size():
    assert find_value(-60, "shrunk by about 60 percent").start == 16
    assert find_value(61, "shrunk by about 60 percent") is None


@pytest.mark.parametrize(
    ("context", "qualifier"),
    [
        ("officially at nearly ", "nearly"),
        ("by about ", "about"),
        ("over ", "over"),
        ("more than $", "over"),
        ("up to ", "up_to"),
        ("rates of ", None),
    ],
)
def test_hedge_before(context, qualifier):
    assert hedge_before(context) == qualifier
