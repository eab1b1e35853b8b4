"""Numbers, hedges and signs read in the stored text around a citation, not in the typed quote."""

import pytest

from dashboard.evidence.numbers import find_value, find_value_in_text, numbers_in
from dashboard.evidence.provenance import StoredText, locate_quote
from dashboard.evidence.wording import check_value, context_before, hedge_before, sign_against
from dashboard.records.schema import Observation


def test_value_is_read_in_the_text_not_the_typed_quote():
    text = "Loans reached 16.1 percent of the portfolio.\n"
    # The quote "6.1 percent" is verbatim, but it starts inside 16.1: the text never states 6.1.
    cited = locate_quote("6.1 percent", StoredText(text))
    assert find_value_in_text(6.1, text, cited.spans) == (None, False)
    cut = locate_quote("reached 16", StoredText(text))
    assert find_value_in_text(16, text, cut.spans) == (None, False)
    whole = locate_quote("reached 16.1 percent", StoredText(text))
    mention, _ = find_value_in_text(16.1, text, whole.spans)
    assert text[mention.start : mention.end] == "16.1"


def test_a_value_right_after_an_omission_is_passed_over():
    text = "It held its key rate at 21 percent, citing inflation at nearly 10 percent.\n"
    spans = locate_quote("held its key rate at … 10 percent", StoredText(text)).spans
    assert find_value_in_text(10, text, spans) == (None, True)
    spans = locate_quote("held its key rate … at nearly 10 percent", StoredText(text)).spans
    mention, skipped = find_value_in_text(10, text, spans)
    assert (text[mention.start : mention.end], skipped) == ("10", False)
    assert hedge_before(context_before(text, mention.start)) == "nearly"


@pytest.mark.parametrize(
    ("value", "context", "word"),
    [
        (60, "The fund’s assets have shrunk by about ", "shrunk"),
        (-60, "The fund’s assets have shrunk by about ", None),
        (5, "exports fell ", "fell"),
        (5, "exports fell to ", None),
        (5, "profit was down by ", "down by"),
        (12, "Gazprom lost more than $", "lost"),
        (-3, "prices rose by nearly ", "rose"),
        (-3, "output grew ", "grew"),
        (-3, "output was up by ", "up by"),
        (-3, "imports increased ", "increased"),
        (-3, "prices jumped over ", "jumped"),
        (3, "prices jumped over ", None),
        (-3, "prices climbed to ", None),
        (0, "exports fell ", None),
    ],
)
def test_sign_against(value, context, word):
    assert sign_against(value, context) == word


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


@pytest.mark.parametrize(("qualifier", "codes"), [("up_to", []), ("about", ["qualifier-unsupported"])])
def test_the_upper_end_of_a_range_supports_up_to(qualifier, codes):
    text = "Analysts expect inflation of 10–15 percent next year.\n"
    obs = Observation(value=15, qualifier=qualifier, period="2026", source="x", quote="inflation of 10–15 percent")
    assert [
        code
        for code, *_ in check_value(
            obs.value, obs.qualifier, False, text, locate_quote(obs.quote, StoredText(text)).spans
        )
    ] == codes
