"""The languages of the stored texts: every module provides the same pieces, and a text's language is told."""

from __future__ import annotations

import pytest

from dashboard.evidence import language
from tests.helpers import FIXTURES


@pytest.mark.parametrize("code", language.codes())
def test_every_language_module_provides_the_same_names(code):
    module = language.get(code)
    assert [name for name in language.REQUIRED if not hasattr(module, name)] == []
    assert code == module.CODE and len(code) == 2
    assert set(module.HEDGES.values()) <= {"about", "nearly", "over", "under", "up_to"}
    assert all(len(a) == 1 and len(b) == 1 for a, b in module.FOLD.items()), "folds must keep offsets"


def test_english_and_russian_are_known_and_english_is_the_default():
    assert language.codes() == ["en", "ru"]
    assert language.get(None).CODE == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The central bank held its key rate at 21 percent.", "en"),
        ("Банк России сохранил ключевую ставку на уровне 21% годовых.", "ru"),
        ("Минфин: дефицит бюджета в 2025 году составил 5,6 трлн руб. (2,6% ВВП), сообщил CNN.", "ru"),
        ("12 345 678", "en"),
    ],
)
def test_a_text_language_is_detected_from_its_script_then_its_words(text, code):
    assert language.detect(text) == code


def test_a_stated_language_the_text_contradicts_gives_its_share():
    russian = (FIXTURES / "ru_project" / "seeds" / "budget.txt").read_text(encoding="utf-8")
    assert language.mismatch_share(russian, "ru") is None
    share = language.mismatch_share(russian, "en")
    assert share is not None and share < 0.1


def test_a_latin_letter_in_a_cyrillic_word_is_named_with_its_column():
    assert language.mixed_letters("дефицит бюджетa") == [(15, "a", "LATIN", "CYRILLIC")]
    assert language.mixed_letters("дефицит бюджета и CNN") == []
