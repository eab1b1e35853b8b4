"""The needles a pattern's matches must hold: read right from the pattern, and never skipping a text it matches in."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.evidence import language
from dashboard.evidence.literals import PLAIN, gate, lowered, may_match, needles
from dashboard.evidence.numbers import syntax
from tests.helpers import FINDER_GATED, pieces_near


def gated(lang):
    return [getattr(lang, name) for name in FINDER_GATED] + [syntax(lang).words]


def checked(lang):
    """Every pattern a gate may skip: the finder's, and the time words' (curation/periods.py)."""
    return gated(lang) + [pattern for _, pattern in lang.PERIODS]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (re.compile(r"ab(?:cd|ef)+g?"), {"ab"}),
        (re.compile(r"x(?:Foo|bar)", re.IGNORECASE), {"foo", "bar"}),
        (re.compile(r"(?:one|two)\s+in\s+(?:three|four)"), {"three", "four"}),
        (re.compile(r"[$€]1"), {"1"}),
        (re.compile(r"(?:grows?|growing)"), {"grow"}),
        (re.compile(r"a?"), None),
        (re.compile(r"(?:abc|d*)"), None),
        (re.compile(r"(?i:abc)"), {"abc"}),
        (re.compile(r"(?i:\bFirst\s+quarter)\s+\d+"), {"quarter"}),
        (re.compile(r"x(?i:B)CDE"), {"cde"}),
        (re.compile(r"(?-i:abc)", re.IGNORECASE), None),
        (re.compile(r"(?x:abc)"), None),
        (re.compile(r"(?i:\bſx)"), None),
        (re.compile(r"\bſx", re.IGNORECASE), None),
    ],
)
def test_needles_are_read_from_the_pattern(pattern, expected):
    assert needles(pattern) == (frozenset(expected) if expected is not None else None)


def test_a_case_blind_group_makes_the_gate_case_blind():
    pattern = re.compile(r"(?i:\bfirst\s+quarter\b)")
    assert gate(pattern)[0] is True
    assert may_match(pattern, "the FIRST QUARTER", lowered("the FIRST QUARTER"))
    assert not may_match(pattern, "the first half", lowered("the first half"))
    assert gate(re.compile(r"quarter"))[0] is False


@pytest.mark.parametrize("code", language.codes())
def test_every_gated_pattern_of_the_finder_has_needles(code):
    for pattern in gated(language.get(code)):
        assert needles(pattern), pattern.pattern[:60]


def test_str_lower_folds_every_plain_character_as_re_ignorecase_does():
    alphabet = "".join(ch for ch in map(chr, range(0x110000)) if re.fullmatch(f"[{PLAIN}]", ch))
    for ch in alphabet:
        assert len(ch.lower()) == 1
        matched = set(re.findall(re.escape(ch), alphabet, re.IGNORECASE))
        assert matched == {other for other in alphabet if other.lower() == ch.lower()}, ch


def test_text_with_a_letter_lower_folds_otherwise_is_never_skipped():
    share = re.compile(r"\bsixth\b", re.IGNORECASE)
    assert share.search("a ſixth") and lowered("a ſixth") is None
    assert may_match(share, "a ſixth", lowered("a ſixth"))
    assert not may_match(share, "a fifth", lowered("a fifth"))


@pytest.mark.parametrize("code", language.codes())
@settings(max_examples=500, deadline=None)
@given(data=st.data())
def test_may_match_never_skips_a_sentence_a_pattern_matches_in(code, data):
    lang = language.get(code)
    pattern = data.draw(st.sampled_from(checked(lang)))
    # NOTE: a few pieces near one pattern, so that a sentence often holds one needle alone (a missing one shows).
    near = sorted({w for w in pieces_near(code) if w.lower() in pattern.pattern.lower()})
    pieces = st.tuples(st.sampled_from(near), st.sampled_from([" ", " ", "", "-", ", ", ". "]))
    words = data.draw(st.lists(pieces, max_size=4))
    sentence = data.draw(st.text(max_size=3)) + "".join(a + b for a, b in words) + data.draw(st.text(max_size=3))
    for each in (sentence, sentence.upper(), sentence.title()):
        if pattern.search(each):
            assert may_match(pattern, each, lowered(each)), (pattern.pattern[:60], each)


@pytest.mark.parametrize("code", language.codes())
def test_no_word_of_a_pattern_s_own_source_that_it_matches_alone_is_skipped(code):
    lang = language.get(code)
    for pattern in checked(lang):
        for word in pieces_near(code):
            for sentence in (word, f"a {word} of", word.upper(), word.title()):
                if pattern.search(sentence):
                    assert may_match(pattern, sentence, lowered(sentence)), (pattern.pattern[:60], sentence)
