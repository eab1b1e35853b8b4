"""Russian as financial reporting writes it: numbers, hedges, levels, signs, sentence ends and quotes as typed.

Every sentence here is a test sentence written for this project, in the style of Russian financial reporting.
"""

from __future__ import annotations

import pytest

from dashboard.evidence import language
from dashboard.evidence.numbers import find_value, numbers_in
from dashboard.evidence.provenance import StoredText, locate_quote, search_quote
from dashboard.evidence.sentences import ends_a_sentence, sentences
from dashboard.evidence.wording import check_value, hedge_before, read_hedge, sign_against

RU = language.get("ru")
EN = language.get("en")


def codes(text: str, quote: str, value: float, qualifier: str = "exact", lang=RU) -> list[str]:
    """The problem codes check_value gives a record citing `quote` in `text`."""
    citation = locate_quote(quote, StoredText(text, lang))
    assert citation is not None, quote
    return [code for code, *_ in check_value(value, qualifier, False, text, citation.spans, lang)]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("5,6", 5.6),
        ("3,394", 3.394),
        ("17,00", 17.0),
        ("160 000", 160000),
        ("160\u00a0000", 160000),
        ("160\u2009000", 160000),
        ("1\u202f250\u202f000", 1250000),
        ("136 037,3", 136037.3),
        ("7.65", 7.65),
        ("6027", 6027),
        ("двух", 2),
        ("пять", 5),
    ],
)
def test_russian_number_forms(written, value):
    (number,) = numbers_in(f"составил {written} трлн руб.", RU)
    assert number.value == value


def test_the_source_language_decides_what_3_394_means():
    assert numbers_in("3,394", RU)[0].value == 3.394
    assert numbers_in("3,394", EN)[0].value == 3394


def test_a_year_beside_a_number_is_not_read_as_its_thousands():
    assert [n.value for n in numbers_in("в 2025 300 компаний", RU)] == [2025, 300]


def test_a_correct_decimal_comma_record_verifies():
    text = "Дефицит, таким образом, сложился в размере 5,6 трлн руб., или 2,6% ВВП.\n"
    assert codes(text, "сложился в размере 5,6 трлн руб., или 2,6% ВВП", 5.6) == []
    assert find_value(2.6, "или 2,6% ВВП", RU) is not None


@pytest.mark.parametrize(
    ("context", "qualifier"),
    [
        ("составит около ", "about"),
        ("примерно ", "about"),
        ("приблизительно ", "about"),
        ("порядка ", "about"),
        ("почти ", "nearly"),
        ("без малого ", "nearly"),
        ("более ", "over"),
        ("свыше ", "over"),
        ("не менее ", "over"),
        ("не ниже ", "over"),
        ("как минимум ", "over"),
        ("менее ", "under"),
        ("меньше ", "under"),
        ("до ", "up_to"),
        ("не более ", "up_to"),
        ("выросли почти на ", "nearly"),
        ("составил ", None),
    ],
)
def test_russian_hedges(context, qualifier):
    assert hedge_before(context, RU) == qualifier


def test_menee_inside_ne_menee_is_not_under():
    text = "Рост составит не менее 1,5% по итогам года.\n"
    assert codes(text, "не менее 1,5%", 1.5, "over") == []
    assert codes(text, "не менее 1,5%", 1.5, "under") == ["qualifier-mismatch"]


def test_a_hedge_is_read_in_russian():
    text = "Дефицит составит около 3,4 трлн руб.\n"
    assert codes(text, "около 3,4 трлн руб.", 3.4) == ["qualifier-mismatch"]
    text = "Инвесторы вложили более 290 млрд руб. в облигации.\n"
    assert codes(text, "более 290 млрд руб.", 290, "over") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "ЦБ снизил ставку на 100 б.п., до 17% годовых.",
        "Инфляция в январе замедлилась до 17%.",
        "Ставка выросла до 17%.",
    ],
)
def test_do_after_a_change_is_the_level_reached_not_a_hedge(sentence):
    text = sentence + "\n"
    assert read_hedge(text[: text.index("17")], RU).level
    assert codes(text, sentence, 17) == []


def test_do_with_no_change_before_it_is_up_to():
    text = "Вклады предлагают под ставку до 22% годовых.\n"
    assert codes(text, "до 22% годовых", 22) == ["qualifier-mismatch"]
    assert codes(text, "до 22% годовых", 22, "up_to") == []


def test_english_has_the_same_trap_cut_to_against_up_to():
    text = "The bank cut the rate to 17 percent. Deposits pay up to 17 percent.\n"
    assert codes(text, "cut the rate to 17 percent", 17, lang=EN) == []
    assert codes(text, "pay up to 17 percent", 17, lang=EN) == ["qualifier-mismatch"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Нефтегазовые доходы сократились на 34%.",
        "Нефтегазовые доходы сократились сразу на 34%.",
        "Совет директоров принял решение о снижении ключевой ставки на 34 б.п.",
        "Объем фонда уменьшился за год на 34%.",
        "Экспорт упал на 34%.",
        "Товарооборот снизился (минус 34%).",
    ],
)
def test_a_decline_recorded_positive_is_a_sign_mismatch(sentence):
    text = sentence + "\n"
    assert codes(text, sentence, 34) == ["sign-mismatch"]
    assert codes(text, sentence, -34) == []


@pytest.mark.parametrize("sentence", ["Цены выросли на 12%.", "Расходы увеличились почти на 12%.", "Рост на 12%."])
def test_a_rise_recorded_negative_is_a_sign_mismatch(sentence):
    text = sentence + "\n"
    assert codes(text, sentence, -12, read_hedge(text[: text.index("12")], RU).qualifier or "exact") == [
        "sign-mismatch"
    ]


def test_a_change_word_in_another_clause_does_not_sign_the_number():
    assert sign_against(5, "Доходы сократились, а расходы составили на ", RU) is None
    assert sign_against(5, "Доходы сократились сразу на ", RU) == "сократились"


@pytest.mark.parametrize(
    ("line", "count"),
    [
        ("Фонд составил 3,8 трлн руб. Это минимум с 2019 года.", 2),
        # NOTE: the decision: «г.» after a year and before a capital ends a sentence, even before a name.
        ("Итоги подвели в 2025 г. Минфин занял 5 трлн руб.", 2),
        ("В 2025 г. по данным Минфина дефицит вырос.", 1),
        ("Об этом заявила Э. Набиуллина на пресс-конференции.", 1),
        ("Об этом сообщил Н.В. Давыдов.", 1),
        ("Ставку снизили, т.е. кредиты подешевеют.", 1),
        ("Офис в г. Москва открыт.", 1),
        ("Ставку снизили на 2 п.п. — до 18% годовых.", 1),
        ("Курс вырос на 3,5 руб. Рубль ослаб.", 2),
        ("«Это рекорд». Так сказал министр.", 2),
    ],
)
def test_russian_sentence_ends(line, count):
    assert len(sentences(line, RU)) == count, sentences(line, RU)


def test_an_omission_may_not_join_two_russian_sentences():
    text = "Фонд составил 3,8 трлн руб. Это минимум за шесть лет.\n"
    assert ends_a_sentence(text, 0, text.index("Это"), RU)
    assert search_quote("Фонд составил … минимум за шесть лет", StoredText(text, RU)).citation is None


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Дефицит бюджета растёт.", "Дефицит бюджета растет."),
        ("Объем фонда вырос.", "Объём фонда вырос."),
        ("«Газпром» сообщил об убытке.", '"Газпром" сообщил об убытке.'),
        ("„Газпром“ сообщил об убытке.", '"Газпром" сообщил об убытке.'),
        ("Ставка — 17% годовых.", "Ставка - 17% годовых."),
        ("Фонд\u00a0составил  3,8\u00a0трлн руб.", "Фонд составил 3,8 трлн руб."),
    ],
)
def test_quotes_as_people_type_them_match_normalised_with_offsets(stored, typed):
    citation = locate_quote(typed, StoredText(stored, RU))
    assert citation is not None and citation.match == "normalised"
    assert (citation.start, citation.end) == (0, len(stored))


def test_russian_language_module_words_fold_yo():
    assert RU.FOLD == {"ё": "е", "Ё": "Е"}
    assert EN.FOLD == {}


# Cases a review found (test sentences written for this project).
@pytest.mark.parametrize(
    ("sentence", "value", "qualifier", "expected"),
    [
        ("Рубль ослаб на 3%.", 3, "exact", ["sign-mismatch"]),
        ("Цены росли на 5%.", -5, "exact", ["sign-mismatch"]),
        ("Нефть дешевеет на 2%.", 2, "exact", ["sign-mismatch"]),
        ("Продажи падают на 10%.", 10, "exact", ["sign-mismatch"]),
        ("Рубль укрепился на 2%.", -2, "exact", ["sign-mismatch"]),
        ("Капитализация Ростелекома составила на 3% меньше.", -3, "exact", []),
        ("ЦБ снизил ставку и выделил банкам кредиты на 500 млрд руб.", 500, "exact", []),
        ("Нефть подешевела ниже $60 за баррель.", 60, "under", []),
        ("Инфляция опустилась ниже 5%.", 5, "under", []),
        ("При росте ВВП на 3% инфляция составит до 8%.", 8, "up_to", []),
        ("Ожидается снижение ставки. Инфляция составит до 8%.", 8, "up_to", []),
        ("Курс вырос почти до 100 руб.", 100, "nearly", []),
        ("Рост составит больше чем на 5%.", 5, "over", []),
        ("Газпром потерял более 12 млрд руб.", 12, "over", ["sign-mismatch"]),
    ],
)
def test_what_a_review_found(sentence, value, qualifier, expected):
    text = sentence + "\n"
    assert codes(text, sentence, value, qualifier) == expected


def test_a_quote_starting_inside_a_grouped_number_does_not_state_its_tail():
    text = "Доходы составили 12 150 000 руб.\n"
    citation = locate_quote("150 000 руб.", StoredText(text, RU))
    assert check_value(150000, "exact", False, text, citation.spans, RU)[0][0] == "value-not-in-quote"


@pytest.mark.parametrize(
    ("line", "count"),
    [
        ("Цена 100 долл. США за баррель.", 1),
        ("Дефицит составил 1,7 трлн руб. (0,8% ВВП). Это меньше.", 2),
        ("Выплаты начнутся с 1 янв. 2026 г. по новым правилам.", 1),
    ],
)
def test_sentence_ends_a_review_found(line, count):
    assert len(sentences(line, RU)) == count, sentences(line, RU)
