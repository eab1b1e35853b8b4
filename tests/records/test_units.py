"""An observation's `unit`: read by every language's scale and base words, converted both ways, and refused."""

from __future__ import annotations

import pytest

from dashboard.records.schema import Indicator, Observation
from dashboard.records.units import check_unit, convert, indicator_value, parse_unit, stated_unit


@pytest.mark.parametrize(
    ("text", "power", "base", "rest"),
    [
        ("billion rubles", 9, "rubles", ""),
        ("trillion roubles", 12, "rubles", ""),
        ("bn $", 9, "dollars", ""),
        ("billion US dollars", 9, "dollars", "US"),
        ("млрд руб.", 9, "rubles", ""),
        ("трлн руб.", 12, "rubles", ""),
        ("миллиардов рублей", 9, "rubles", ""),
        ("тыс. человек", 3, None, "человек"),
        ("млрд долл.", 9, "dollars", ""),
        ("% of state revenues", 0, "percent", "of state revenues"),
        ("per cent", 0, "percent", ""),
        ("conscripts", 0, None, "conscripts"),
    ],
)
def test_a_unit_is_read_into_its_scale_and_base(text, power, base, rest):
    unit = parse_unit(text)
    assert (unit.power, unit.base, unit.rest) == (power, base, rest)


@pytest.mark.parametrize(
    ("value", "stated", "indicator", "expected"),
    [
        (453.8, "billion rubles", "trillion rubles", 0.4538),
        (0.4538, "trillion rubles", "billion rubles", 453.8),
        (4820, "млрд руб.", "трлн руб.", 4.82),
        (3.8, "трлн руб.", "billion rubles", 3800),
        (160, "thousand conscripts", "conscripts", 160_000),
        (1.5, "million", "thousand", 1500),
    ],
)
def test_a_value_converts_in_decimal_both_ways(value, stated, indicator, expected):
    assert convert(value, stated, indicator) == expected


def test_a_unit_with_no_known_scale_word_is_refused_naming_the_known_ones():
    code, message = check_unit("basis points", "%", "key_rate")
    assert code == "unknown-unit"
    assert message.startswith("unit 'basis points' has no scale word the program knows (thousand, million, billion")
    assert "млрд" in message and "трлн" in message


@pytest.mark.parametrize(
    ("stated", "indicator", "said"),
    [
        ("billion dollars", "trillion rubles", "unit 'billion dollars' is in dollars, but indicator 'x' is in rubles"),
        ("млрд долл.", "трлн руб.", "unit 'млрд долл.' is in dollars, but indicator 'x' is in rubles"),
        ("billion rubles", "%", "unit 'billion rubles' is in rubles, but indicator 'x' is in percent"),
    ],
)
def test_a_unit_in_another_base_is_refused(stated, indicator, said):
    code, message = check_unit(stated, indicator, "x")
    assert code == "unit-mismatch"
    assert message.startswith(said)


@pytest.mark.parametrize(
    ("stated", "indicator"),
    [("billion", "trillion rubles"), ("thousand", "conscripts"), ("млрд руб.", "trillion roubles"), ("bn", "%")],
)
def test_a_unit_with_the_indicators_base_or_none_known_converts(stated, indicator):
    assert check_unit(stated, indicator, "x") is None


def _pair(unit: str | None, value: float | None = 453.8) -> tuple[Indicator, Observation]:
    indicator = Indicator.model_validate(
        {"id": "nwf", "name": "NWF", "category": "reserves", "unit": "trillion rubles", "higher_is": "better",
         "description": "Test text: the fund.", "observations": [{"period": "2025", "source": "a", "quote": "q",
         "status": "s"}]}
    )  # fmt: skip
    fields = {"value": value, "period": "2025", "source": "a", "quote": "q", "status": "s"}
    observation = Observation.model_validate({**fields, "unit": unit} if unit else fields)
    return indicator, observation


def test_the_data_fields_keep_the_texts_form_and_give_the_indicators():
    assert indicator_value(*_pair("billion rubles")) == 0.4538
    assert stated_unit(*_pair("billion rubles")) == "billion rubles"
    assert (indicator_value(*_pair(None)), stated_unit(*_pair(None))) == (453.8, "trillion rubles")
    assert indicator_value(*_pair("billion dollars")) is None
    assert indicator_value(*_pair("billion rubles", None)) is None
