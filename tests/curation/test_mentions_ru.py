"""The figure finder on Russian text: the test texts' figures a curator would cite, and each typographic variant.

The texts under tests/fixtures/ru_project/seeds/ and tests/fixtures/ru_finder/variants.txt are test texts written
for this project in the style of Russian financial reporting; the expected mentions are a curator's reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dashboard.curation.mentions import Mention, find_mentions, is_furniture
from dashboard.evidence import language
from tests.helpers import FIXTURES

RU = language.get("ru")
FINDER = FIXTURES / "ru_finder"
PROJECT = FIXTURES / "ru_project"
#: The issue's target: at least this share of the figures a curator would cite are found, as they are in English.
RECALL = 0.9
#: The kinds whose value the finder reads (multipliers and shares are left to the curator, as in English).
VALUED = {"percent", "money", "count"}


def _expected(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _matches(found: Mention, want: dict, text: str, line_start: int) -> bool:
    """Whether a mention is the one a curator cites: same kind, overlapping span, and the same value and hedge."""
    at = text.find(want["text"], line_start)
    if at < 0 or found.kind != want["kind"] or not (found.start < at + len(want["text"]) and at < found.end):
        return False
    if found.kind in VALUED:
        return found.value == want["value"] and found.qualifier == want["qualifier"] and found.low == want.get("low")
    return found.kind == "finding" or found.qualifier == want["qualifier"]


def _line_start(text: str, line: int) -> int:
    return sum(len(row) + 1 for row in text.split("\n")[: line - 1])


@pytest.mark.parametrize("seed", ["seeds/budget.txt", "seeds/rate.txt"])
def test_the_finder_finds_what_a_curator_cites_in_russian(seed):
    text = (PROJECT / seed).read_text(encoding="utf-8")
    wanted = _expected(FINDER / "expected.yaml")[seed]
    found = find_mentions(text, RU)
    hits = [w for w in wanted["mentions"] if any(_matches(f, w, text, _line_start(text, w["line"])) for f in found)]
    missed = [w["text"] for w in wanted["mentions"] if w not in hits]
    assert len(hits) >= RECALL * len(wanted["mentions"]), missed


@pytest.mark.parametrize("seed", ["seeds/budget.txt", "seeds/rate.txt"])
def test_nothing_from_furniture_dates_or_ordinals_is_a_figure(seed):
    text = (PROJECT / seed).read_text(encoding="utf-8")
    not_figures = _expected(FINDER / "expected.yaml")[seed]["not_figures"]
    said = [m.text for m in find_mentions(text, RU) if m.kind != "finding"]
    assert [n for n in not_figures if any(n in s or s in n for s in said)] == []


VARIANTS = (FINDER / "variants.txt").read_text(encoding="utf-8").split("\n")
VARIANT_EXPECTED = _expected(FINDER / "variants.yaml")


@pytest.mark.parametrize("number", sorted(VARIANT_EXPECTED), ids=lambda n: f"line{n}")
def test_each_typographic_variant(number):
    line = VARIANTS[number - 1]
    found = [m for m in find_mentions(line, RU) if m.kind != "finding" or VARIANT_EXPECTED[number]]
    wanted = VARIANT_EXPECTED[number] or []
    for want in wanted:
        assert any(_matches(f, want, line, 0) for f in found), (want, [(f.kind, f.text, f.value) for f in found])
    assert len([f for f in found if f.kind != "finding"]) <= len(wanted) + 0, [(f.kind, f.text) for f in found]


@pytest.mark.parametrize(
    ("sentence", "kind", "said", "value", "qualifier"),
    [
        ("Дефицит составил 5,6 трлн руб. по итогам года.", "money", "5,6 трлн руб.", 5.6, "exact"),
        ("Фонд оценили в 3,394 трлн руб.", "money", "3,394 трлн руб.", 3.394, "exact"),
        ("Ставка составит 17,00% годовых.", "percent", "17,00%", 17.0, "exact"),
        ("Призвали 160\u00a0000 человек.", "count", "160\u00a0000 человек", 160000, "exact"),
        ("Долг вырос до 29\u2009400 млрд рублей.", "money", "29\u2009400 млрд рублей", 29400, "exact"),
        ("ЦБ снизил ставку на 100 б.п.", "percent", "100 б.п.", -100, "exact"),
        ("Доходы сократились сразу на 34%.", "percent", "34%", -34, "exact"),
        ("Дефицит составит около 3,4 трлн руб.", "money", "около 3,4 трлн руб.", 3.4, "about"),
        ("Вложили более 290 млрд руб.", "money", "более 290 млрд руб.", 290, "over"),
        ("Выплаты составят не менее 50% прибыли.", "percent", "не менее 50%", 50, "over"),
        ("Займы под менее 2% портфеля.", "percent", "менее 2%", 2, "under"),
        ("Добыча упала почти на 13%.", "percent", "почти на 13%", -13, "nearly"),
        ("Инфляция составит от 4 до 5%.", "percent", "4 до 5%", 5, "exact"),
        ("Курс вырос до 95\u00a0000 ₽.", "money", "95\u00a0000 ₽", 95000, "exact"),
        ("Цены выросли на 20 процентов.", "percent", "20 процентов", 20, "exact"),
        ("Убытки выросли вдвое.", "multiplier", "вдвое", None, "exact"),
        ("Просрочка выросла в 2,5 раза.", "multiplier", "в 2,5 раза", None, "exact"),
        ("Импорт сократился в полтора раза.", "multiplier", "в полтора раза", None, "exact"),
        ("Две трети банков урезали сметы.", "share", "Две трети", None, "exact"),
        ("«Газпром» зафиксировал рекордные убытки.", "finding", "рекордные убытки", None, None),
        ("Дефицит бюджета растёт.", "finding", "Дефицит бюджета растёт", None, None),
    ],
)
def test_each_kind_of_russian_mention(sentence, kind, said, value, qualifier):
    found = find_mentions(sentence, RU)
    assert len(found) == 1, [(m.kind, m.text) for m in found]
    mention = found[0]
    assert (mention.kind, mention.text, mention.value, mention.qualifier) == (kind, said, value, qualifier)


def test_the_level_after_a_change_is_no_hedge_in_the_finder():
    cut, level = find_mentions("ЦБ снизил ставку на 100 б.п., до 17% годовых.", RU)
    assert (cut.text, cut.value, level.text, level.value, level.qualifier) == ("100 б.п.", -100, "17%", 17, "exact")
    (bound,) = find_mentions("Банки предлагают вклады под ставку до 22% годовых.", RU)
    assert (bound.text, bound.qualifier) == ("до 22%", "up_to")


def test_a_range_from_to_is_read_with_both_ends():
    (mention,) = find_mentions("Инфляция составит от 4 до 5%.", RU)
    assert (mention.low, mention.value) == (4, 5)


@pytest.mark.parametrize(
    "line",
    [
        "Поделиться",
        "Читайте также: ЦБ снизил ставку",
        "Реклама",
        "18+",
        "Комментарии",
        "Фото: Иван Петров / ТАСС",
        "Автор: Анна Смирнова",
    ],
)
def test_russian_page_furniture(line):
    assert is_furniture(line, RU)


# NOTE: a short line after a preposition is text, as "by two percent" is in English (a byline is "Автор: …").
@pytest.mark.parametrize(
    "line",
    ["Дефицит бюджета составил 5,6 трлн руб.", "Ставка — 17%", "на два процента", "Авторы отчёта ждут роста на 2%"],
)
def test_russian_article_text_is_not_furniture(line):
    assert not is_furniture(line, RU)


@pytest.mark.parametrize(
    "sentence", ["Заседание прошло 19 января.", "В сентябре 2025 года ставку сохранили.", "Итоги за 3-й квартал."]
)
def test_dates_years_and_ordinals_are_not_figures(sentence):
    assert find_mentions(sentence, RU) == []


def test_the_finder_signs_a_decline_as_the_checker_does():
    (mention,) = find_mentions("Рубль ослаб на 3%.", RU)
    assert mention.value == -3
    (mention,) = find_mentions("Выручка упала в среднем по отрасли на 4%.", RU)
    assert mention.value == 4  # more words between than the checker reads, so neither signs it


def test_a_word_beginning_with_foto_is_article_text():
    assert not is_furniture("Продажи фототехники выросли на 15% г/г.", RU)
    assert is_furniture("Фото: Иван Петров / ТАСС", RU)
