"""An observation's `unit`: read into a scale and a base by every language's words, and its value converted.

Only an observation's `unit` is held to this (it must carry a scale word: `billion rubles`, `млрд руб.`); an
indicator's unit stays free text ("% change", "qualitative") and is read leniently, for its scale and base
when it has them. Two bases are compared only when both are words a language module names (rubles, dollars,
percent…): a unit word no module knows ("conscripts", "km²") is taken to be the indicator's own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from dashboard.evidence import language as languages
from dashboard.problems import shown
from dashboard.records.schema import Indicator, Observation

#: How many letters an inflected or plural form may add to a word a language module lists ("миллиард" →
#: "миллиардов", "ruble" → "rubles"); words of two letters or fewer ("bn", "$") match only whole.
ENDING = 3
_SYMBOLS = re.compile(r"([$€₽%])")


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as read: the power of ten of its scale words, its base (an English name) and the words left over."""

    power: int
    scales: tuple[str, ...]
    base: str | None
    rest: str


@functools.cache
def scale_words() -> dict[str, int]:
    """Every language's scale words and the power of ten each means, folded to lower case."""
    return {languages.search_fold(w): p for lang in languages.all_languages().values() for w, p in lang.SCALES.items()}


@functools.cache
def base_words() -> dict[str, str]:
    """Every language's unit words and the base each names (rubles, dollars, euros, yuan, percent)."""
    return {languages.search_fold(w): b for lang in languages.all_languages().values() for w, b in lang.BASES.items()}


def _match(token: str, words: Mapping[str, object]) -> str | None:
    """The listed word `token` is, whole or with an ending of at most ENDING letters."""
    if token in words:
        return token
    for word in words:
        if len(word) > 2 and token.startswith(word) and len(token) - len(word) <= ENDING and token.isalpha():
            return word
    return None


@functools.lru_cache(maxsize=1024)
def parse_unit(text: str) -> Unit:
    """`text` read into scale words, a base and the rest (`млрд руб.` → 10^9 of rubles); never raises."""
    scales: list[str] = []
    rest: list[str] = []
    power = 0
    base: str | None = None
    spaced = _SYMBOLS.sub(r" \1 ", text)
    # NOTE: search_fold keeps one character for one, so the folded tokens line up with the raw ones.
    raw, tokens = spaced.split(), languages.search_fold(spaced).split()
    i = 0
    while i < len(tokens):
        token = tokens[i].rstrip(".")
        pair = f"{token} {tokens[i + 1].rstrip('.')}" if i + 1 < len(tokens) else ""
        if pair and pair in base_words() and base is None:
            base, i = base_words()[pair], i + 2
            continue
        scale = _match(token, scale_words())
        named = _match(token, base_words())
        if scale is not None:
            scales.append(raw[i])
            power += scale_words()[scale]
        elif named is not None and base is None:
            base = base_words()[named]
        else:
            rest.append(raw[i])
        i += 1
    return Unit(power, tuple(scales), base, " ".join(rest))


def check_unit(stated: str, indicator_unit: str, indicator_id: str) -> tuple[str, str] | None:
    """Why an observation's `unit` is refused under its indicator's, as (code, message); None when it converts."""
    unit, theirs = parse_unit(stated), shown(indicator_unit)
    if not unit.scales:
        known = ", ".join(dict.fromkeys(scale_words()))
        return (
            "unknown-unit",
            f"unit '{shown(stated)}' has no scale word the program knows ({known}); give the text's scale and base, "
            f"as in 'billion rubles', or leave unit out when the text uses the indicator's unit ('{theirs}')",
        )
    base = parse_unit(indicator_unit).base
    if unit.base is not None and base is not None and unit.base != base:
        return (
            "unit-mismatch",
            f"unit '{shown(stated)}' is in {unit.base}, but indicator '{indicator_id}' is in {base} ('{theirs}'); "
            f"a figure in {unit.base} is another indicator, so record it under one whose unit is in {unit.base}",
        )
    return None


def convert(value: float, stated: str, indicator_unit: str) -> float:
    """`value` in `stated` units expressed in the indicator's (453.8 billion → 0.4538 trillion), shifted in decimal."""
    shift = parse_unit(stated).power - parse_unit(indicator_unit).power
    # NOTE: a decimal shift, not a float product: 453.8 * 1e-3 is 0.45380000000000004, a digit no text states.
    return float(Decimal(repr(value)).scaleb(shift))


def indicator_value(indicator: Indicator, observation: Observation) -> float | None:
    """The observation's value in its indicator's unit; None without a value or when its `unit` is refused."""
    value, stated = observation.value, observation.unit
    if value is None or stated is None:
        return value
    if check_unit(stated, indicator.unit, indicator.id) is not None:
        return None
    return convert(value, stated, indicator.unit)


def stated_unit(indicator: Indicator, observation: Observation) -> str:
    """The unit the text states the figure in: the observation's `unit`, else the indicator's."""
    return observation.unit if observation.unit is not None else indicator.unit
