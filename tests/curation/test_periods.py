"""The suggested period: the issue's examples, each a test sentence written for it, resolved against a date."""

import pytest

from dashboard.curation.periods import suggest_period, time_matches
from dashboard.evidence import language as languages
from dashboard.evidence.sentences import sentences
from tests.helpers import FIXTURES, REPO

CASES = [
    # (language, test sentence, published, period, because)
    ("en", "Inflation was 9.9 percent in May 2025.", "2025-06-10", "2025-05", "May 2025"),
    ("en", "Reserves stood at 2.8 trillion rubles as of June 1.", "2025-06-10", "2025-06-01", "June 1"),
    ("en", "Revenues fell 10 percent in the first quarter.", "2025-06-10", "2025-Q1", "first quarter"),
    ("en", "Last year the deficit came to 3.5 trillion rubles.", "2025-06-10", "2024", "Last year"),
    ("en", "Real wages grew 4 percent in the first four months of 2025.", "2025-06-10", "2025-01..2025-04", None),
    ("en", "The deficit reached 3.7 trillion rubles in January–May.", "2025-06-10", "2025-01..2025-05", None),
    ("ru", "По состоянию на 1 марта в фонде было 3 трлн руб.", "2025-03-05", "2025-03-01", "1 марта"),
    ("ru", "Дефицит по итогам 2025 года составил 5,6 трлн руб.", "2026-01-19", "2025", None),
    ("ru", "Дефицит за январь–май достиг 3,7 трлн руб.", "2025-06-10", "2025-01..2025-05", "январь–май"),
    ("ru", "Инфляция в сентябре составила 8%.", "2025-10-02", "2025-09", "сентябре"),
    ("ru", "Ставка 17% будет действовать до 20 марта.", "2026-02-13", "2026-03-20", "20 марта"),
    ("ru", "По итогам прошлого года дефицит составил 3,5 трлн руб.", "2025-06-10", "2024", None),
    ("ru", "Доходы в первом квартале составили 2,1 трлн руб.", "2025-06-10", "2025-Q1", None),
]


@pytest.mark.parametrize(("code", "sentence", "published", "period", "because"), CASES)
def test_time_words_give_the_period(code, sentence, published, period, because):
    at = next(i for i, ch in enumerate(sentence) if ch.isdigit() and sentence[i : i + 4] not in ("2025", "2026"))
    found = suggest_period(sentence, at, published, languages.get(code))
    assert (found.period, found.fallback) == (period, False)
    if because is not None:
        assert found.because == because


def test_no_time_words_fall_back_to_the_month_of_publication():
    found = suggest_period("Overdue loans reached 1.1 trillion rubles.", 22, "2025-06-10", languages.get("en"))
    assert found.to_json() == {"period": "2025-06", "because": "published 2025-06-10", "fallback": True}


def test_the_time_nearest_the_figure_wins():
    sentence = "The deficit for 2024 was 3 trillion rubles, the ministry said on March 3."
    assert suggest_period(sentence, 25, "2025-03-05", languages.get("en")).period == "2024"


def _every_sentence():
    """Each sentence of the project's stored texts and the test texts, with its text's language (detected)."""
    for path in sorted([*(REPO / "seeds").glob("*.txt"), *FIXTURES.rglob("seeds/*.txt")]):
        text = path.read_text(encoding="utf-8")
        lang = languages.get(languages.detect(text))
        for line in text.split("\n"):
            for s0, s1 in sentences(line, lang):
                yield line[s0:s1], lang


@pytest.mark.parametrize("code", languages.codes())
def test_a_time_pattern_is_skipped_only_where_it_cannot_match(code):
    # The gates (evidence/literals.py) leave out a pattern whose needed words are absent: the matches are the same.
    seen = 0
    lang = languages.get(code)
    every = [*_every_sentence(), *((s, languages.get(c)) for c, s, *_ in CASES)]
    for sentence in [s for s, theirs in every if theirs is lang]:
        everything = [
            (shape, m.start(), m.end(), m.groupdict(), m.group())
            for shape, pattern in lang.PERIODS
            for m in pattern.finditer(sentence)
        ]
        assert time_matches(sentence, lang) == everything, sentence
        seen += bool(everything)
    assert seen > 20  # the language's texts name times often enough for the comparison to mean something
