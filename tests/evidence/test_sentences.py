import pytest

from dashboard.evidence.sentences import ends_a_sentence, sentence_ends, sentences

LINE = (
    "Sen. Lindsey Graham of the U.S. Senate proposed a 500 percent tariff, e.g. on oil. "
    '"It will bite," he said. Gazprom Inc. lost money! Rates rose … Then fell.'
)


def test_a_line_splits_at_stops_not_at_abbreviations_or_initials():
    assert [LINE[a:b] for a, b in sentences(LINE)] == [
        "Sen. Lindsey Graham of the U.S. Senate proposed a 500 percent tariff, e.g. on oil.",
        '"It will bite," he said.',
        "Gazprom Inc. lost money!",
        "Rates rose …",
        "Then fell.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Putin spoke.", []),
        ("Prices rose 5 percent. the next day", []),  # a lowercase word continues the sentence
        ("The fund fell 5 percent. $10 billion was spent", [(23, 25)]),
        ("Он сказал. «Да» и всё", [(9, 11)]),
        ("It fell. Éric said so", [(7, 9)]),
        ("Prices rose 5 percent. 2025 was worse", [(21, 23)]),
        ("He said “no.” Then left", [(11, 14)]),
        ("It fell approx. 10 percent", []),
    ],
)
def test_where_sentences_end(text, expected):
    assert list(sentence_ends(text)) == expected


def test_a_range_sees_the_next_sentence_past_its_end_and_the_word_before_its_start():
    text = "Rates rose 5 percent. Then Sen. Graham spoke."
    stop = text.index(". Then")
    assert ends_a_sentence(text, stop, stop + 2)  # ". " with the capital just past the range
    sen = text.index(". Graham")
    assert not ends_a_sentence(text, sen, sen + 2)  # "Sen" stands before the range
    assert ends_a_sentence("one line\nnext line", 3, 12)
    assert not ends_a_sentence(text, 0, stop)
