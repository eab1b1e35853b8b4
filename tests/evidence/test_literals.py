"""The needles a pattern's matches must hold: read right from the pattern, and never skipping a text it matches in."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.evidence import language
from dashboard.evidence.literals import PLAIN, first_characters, gate, lowered, may_match, needles, quickened
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


ROOT = Path(__file__).resolve().parents[2]


def as_written(code: str) -> dict[str, re.Pattern[str]]:
    """A language module's patterns as its file compiles them, before language.py quickens them (a fresh copy)."""
    path = Path(language.get(code).__file__)
    spec = importlib.util.spec_from_file_location(f"as_written_{code}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found = {name: getattr(module, name) for name in language.REQUIRED if isinstance(getattr(module, name), re.Pattern)}
    found.update({f"PERIODS[{k}]": pattern for k, (_, pattern) in enumerate(module.PERIODS)})
    return found


def as_loaded(code: str) -> dict[str, re.Pattern[str]]:
    lang = language.get(code)
    found = {name: getattr(lang, name) for name in language.REQUIRED if isinstance(getattr(lang, name), re.Pattern)}
    found.update({f"PERIODS[{k}]": pattern for k, (_, pattern) in enumerate(lang.PERIODS)})
    return found


def matches(pattern: re.Pattern[str], text: str) -> list:
    return [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bab|c", "[ac]"),
        (r"(?<![\d.])(?:19|20)\d\d", "[12]"),
        (r"(?:^|\s)от", r"[\sо]"),
        (r"(?i:\bfirst|Q)\d", "(?i:[fQ])"),
        (r"x?[a-c\d]", r"[xa-c\d]"),
        (r"\b[^a]b", None),  # a negated class
        (r"\ba?", None),  # matches empty
        (r"\b.", None),
    ],
)
def test_first_characters_are_read_from_the_pattern(pattern, expected):
    assert first_characters(re.compile(pattern)) == expected


def test_a_pattern_the_engine_already_skips_ahead_in_is_left_as_it_is():
    for source in (r"abc\b", r"[$€]\d", r"\ba?", r"\b[^a]"):
        pattern = re.compile(source)
        assert quickened(pattern) is pattern
    assert quickened(re.compile(r"\bab")).pattern == r"(?=[a])(?:\bab)"


def test_a_case_blind_first_letter_is_folded_by_the_engine():
    # NOTE: re.IGNORECASE matches the Kelvin sign for "k" and "ſ" for "s", which str.lower and str.upper do not give.
    for source, text in ((r"(?i:\bkm)", "5 \u212am"), (r"\bsix", "a ſix"), (r"(?i:\bsix)", "a ſix")):
        flags = re.IGNORECASE if "(?i" not in source else 0
        pattern = re.compile(source, flags)
        assert matches(quickened(pattern), text) == matches(pattern, text) != []


@pytest.mark.parametrize("code", language.codes())
def test_every_language_pattern_as_loaded_finds_what_its_source_finds_in_the_stored_texts(code):
    written, loaded = as_written(code), as_loaded(code)
    assert written.keys() == loaded.keys()
    assert any(loaded[name] is not written[name] for name in loaded)  # some were quickened
    lines = [line for path in sorted((ROOT / "seeds").glob("*.txt")) for line in path.read_text().splitlines()]
    for name, pattern in written.items():
        for line in lines:
            assert matches(loaded[name], line) == matches(pattern, line), (name, line[:80])


@pytest.mark.parametrize("code", language.codes())
@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_every_language_pattern_as_loaded_finds_what_its_source_finds(code, data):
    written, loaded = as_written(code), as_loaded(code)
    name = data.draw(st.sampled_from(sorted(written)))
    pieces = st.tuples(st.sampled_from(pieces_near(code)), st.sampled_from([" ", "", "-", ", ", ". ", " 5 ", "%"]))
    words = data.draw(st.lists(pieces, max_size=5))
    text = data.draw(st.text(max_size=3)) + "".join(a + b for a, b in words) + data.draw(st.text(max_size=3))
    for each in (text, text.upper(), text.title()):
        assert matches(loaded[name], each) == matches(written[name], each), (name, each)
        assert bool(loaded[name].match(each)) == bool(written[name].match(each)), (name, each)
