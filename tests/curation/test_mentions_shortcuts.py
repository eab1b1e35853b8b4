"""The finder's shortcuts (patterns not run where their needles are absent) change no mention it finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.curation import mentions
from dashboard.evidence import language, wording
from tests.helpers import pieces_near

#: Words that make numbers into mentions, and hedges and signs around them, in both languages.
FIGURES = ["percent", "%", "billion", "dollars", "рублей", "млрд", "about", "около", "by", "fell", "снизился", "на"]
ENDS = ["", ".", ". Next 5 percent.", "\nSecond line 7%", "; a third of it.", " (half of 12)."]


@pytest.mark.parametrize("code", language.codes())
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_the_finder_with_its_shortcuts_finds_what_it_finds_with_none(code, data):
    words = data.draw(st.lists(st.sampled_from(pieces_near(code) + FIGURES), max_size=30))
    text = " ".join(words) + data.draw(st.sampled_from(ENDS))
    lang = language.get(code)
    fast = mentions.find_mentions(text, lang)
    mentions._in_sentence.cache_clear()  # the sentences are read again, with every pattern run
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mentions, "gate", lambda _: None)
        patch.setattr(wording, "may_match", lambda *_: True)
        assert mentions.find_mentions(text, lang) == fast, text
    mentions._in_sentence.cache_clear()


def test_the_shortcut_is_taken_on_a_sentence_without_needles():
    calls = []
    mentions._in_sentence.cache_clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mentions, "numbers_in", lambda *a, **k: calls.append(k) or [])
        mentions.find_mentions("Nothing here to count at all.", language.get("en"))
    mentions._in_sentence.cache_clear()
    assert calls == [{"words": False}]


def test_a_sentence_said_twice_is_read_once_and_found_in_both_places():
    mentions._in_sentence.cache_clear()
    found = mentions.find_mentions("Prices rose 5 percent.\nPrices rose 5 percent.", language.get("en"))
    assert [(m.text, m.line, m.start) for m in found] == [("5 percent", 1, 12), ("5 percent", 2, 35)]
    assert mentions._in_sentence.cache_info().hits == 1
