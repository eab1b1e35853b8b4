"""Synthetic projects for the benchmark: stored texts, sources.yaml and indicators.yaml whose quotes all verify."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from dashboard.records.schema import CATEGORIES

#: Default number of stored texts; the issue fixes it at 1,000 for every size.
TEXTS = 1000
#: Each stored text is between these sizes (bytes, before the last sentence), as the issue asks.
TEXT_MIN, TEXT_MAX = 5_000, 10_000
#: Observations per indicator, as the issue asks.
OBSERVATIONS = 3

_SUBJECTS = (
    "The key rate",
    "Official inflation",
    "Overdue consumer debt",
    "The budget deficit",
    "The National Welfare Fund",
    "Gas exports to Europe",
    "Oil and gas revenue",
    "Defence spending",
    "Corporate arrears",
    "The rouble’s exchange rate",
    "Mortgage lending",
    "Wage growth",
)
_VERBS = ("stood at", "reached", "came to", "was put at", "climbed to", "fell to", "held at", "amounted to")
_UNITS = (" percent", " billion roubles", " trillion roubles", "%", " million tonnes", " points")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")
_TAILS = (
    "according to figures published by the ministry",
    "the central bank said in its quarterly review",
    "analysts at a Moscow brokerage estimated",
    "a level not seen since the early 2000s",
    "which officials described as manageable",
    "while independent economists put it higher",
    "as the war — now in its fourth year — drained reserves",
    "a figure that regional governors have disputed",
)
#: The same figures as Russian reporting writes them (decimal comma, grouped thousands, «до» after a change).
_SUBJECTS_RU = (
    "Ключевая ставка",
    "Официальная инфляция",
    "Просроченная задолженность",
    "Дефицит бюджета",
    "Объем ФНБ",
    "Экспорт газа в Европу",
    "Нефтегазовые доходы",
    "Военные расходы",
    "Задолженность предприятий",
    "Ипотечное кредитование",
)
_VERBS_RU = ("составила", "достигла", "оценивалась в", "выросла до", "снизилась до", "находилась на уровне")
_UNITS_RU = (" процента", " млрд руб.", " трлн руб.", "%", " млн т", " пунктов")
_MONTHS_RU = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре")
_TAILS_RU = (
    "сообщил Минфин",
    "говорится в обзоре Банка России",
    "подсчитали аналитики московского брокера",
    "это минимум с начала 2000-х годов",
    "что в правительстве назвали приемлемым",
    "хотя независимые экономисты дают более высокую оценку",
    "на фоне войны, которая идет уже четвертый год",
)
_FILLER_RU = (
    "В министерстве от дальнейших комментариев отказались.",
    "Доклад подробно обсуждали в Госдуме.",
    "Несколько экономистов ожидают, что давление будет нарастать весь год.",
    "Предприятия в регионах сообщают о резком падении заказов.",
)
_FILLER = (
    "Officials declined to comment further on the record.",
    "The report was discussed at length in the State Duma.",
    "Several economists said the pressure would build through the year.",
    "Businesses in the regions described a sharp fall in orders.",
    "The ministry’s statement did not address the question directly.",
)


#: The first indicators take the ids the app's tiles and charts look for, so those draw at every size.
NAMED = (
    ("official_inflation", "prices", "%", "worse"),
    ("key_rate", "monetary", "%", "worse"),
    ("consumer_price_growth", "prices", "%", "worse"),
    ("sberbank_overdue_consumer_loans", "banking", "% of portfolio", "worse"),
    ("nwf_liquid_assets", "reserves", "% change", "better"),
    ("gazprom_losses", "energy", "bn roubles", "worse"),
    ("graham_bill_tariff", "sanctions", "%", "worse"),
    ("oil_buyer_tariff_threat", "sanctions", "%", "worse"),
)


@dataclass(frozen=True, slots=True)
class Project:
    """A generated project root and what it holds."""

    root: Path
    indicators: int
    observations: int
    texts: int


def _number(rng: random.Random, russian: bool = False) -> tuple[str, float]:
    """A number as a text in that language writes it, and its value."""
    kind = rng.random()
    if kind < 0.4:
        whole = rng.randint(1, 999)
        tenth = rng.randint(0, 9)
        return f"{whole}{',' if russian else '.'}{tenth}", float(f"{whole}.{tenth}")
    if kind < 0.8:
        n = rng.randint(21, 999)
        return str(n), float(n)
    n = rng.randint(1_000, 99_999)
    return (f"{n:,}".replace(",", "\u00a0") if russian else f"{n:,}"), float(n)


def _sentence(rng: random.Random, russian: bool = False) -> tuple[str, float]:
    """One sentence that states a figure, and the figure."""
    shown, value = _number(rng, russian)
    year = rng.randint(2022, 2025)
    if russian:
        text = (
            f"{rng.choice(_SUBJECTS_RU)} {rng.choice(_VERBS_RU)} {shown}{rng.choice(_UNITS_RU)} в "
            f"{rng.choice(_MONTHS_RU)} {year} года, {rng.choice(_TAILS_RU)}."
        )
    else:
        text = (
            f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {shown}{rng.choice(_UNITS)} in "
            f"{rng.choice(_MONTHS)} {year}, {rng.choice(_TAILS)}."
        )
    return text, value


def _text(rng: random.Random, size: int, russian: bool = False) -> tuple[str, list[tuple[str, float]]]:
    """A stored text of about `size` bytes in paragraphs (in Russian or English), and its sentences that state
    figures."""
    paragraphs: list[str] = []
    stated: list[tuple[str, float]] = []
    length = 0
    while length < size:
        parts = []
        for _ in range(rng.randint(3, 6)):
            if rng.random() < 0.8:
                sentence, value = _sentence(rng, russian)
                stated.append((sentence, value))
            else:
                sentence = rng.choice(_FILLER_RU if russian else _FILLER)
            parts.append(sentence)
        paragraph = " ".join(parts)
        paragraphs.append(paragraph)
        length += len(paragraph.encode()) + 2
    return "\n\n".join(paragraphs) + "\n", stated


def _write_sources(root: Path, rng: random.Random, texts: int) -> list[tuple[str, list[tuple[str, float]]]]:
    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    (root / "data").mkdir()
    lines = ["sources:"]
    out = []
    for n in range(texts):
        ident = f"src-{n:04d}"
        # NOTE: half the texts are Russian; half of those state their language and the rest have it detected.
        russian = n % 2 == 1
        body, stated = _text(rng, rng.randint(TEXT_MIN, TEXT_MAX), russian)
        (seeds / f"{ident}.txt").write_text(body, encoding="utf-8")
        lines += [
            f"  - id: {ident}",
            f"    file: seeds/{ident}.txt",
            f"    title: Synthetic report number {n}",
            "    publisher: The Synthetic Gazette",
            f'    published: "2025-{1 + n % 12:02d}-{1 + n % 28:02d}"',
            "    published_basis: stated",
        ]
        if russian and n % 4 == 1:
            lines.append("    language: ru")
        out.append((ident, stated))
    (root / "data" / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def indicators_yaml(count: int, sources: list[tuple[str, list[tuple[str, float]]]], seed: int) -> str:
    """indicators.yaml with `count` indicators, each observation quoting a whole sentence of its source."""
    rng = random.Random(seed * 7919 + count)
    lines = ["# Synthetic indicators for the benchmark.", "indicators:"]
    for n in range(count):
        ident, category, unit, higher = (
            NAMED[n]
            if n < len(NAMED)
            else (f"indicator_{n:05d}", CATEGORIES[n % len(CATEGORIES)], "%", ("worse", "better", "neutral")[n % 3])
        )
        lines += [
            f"  - id: {ident}",
            f"    name: Synthetic indicator {n}",
            f"    category: {category}",
            f"    unit: {json.dumps(unit)}",
            f"    higher_is: {higher}",
            "    description: A figure generated for the benchmark.",
            "    observations:",
        ]
        for _ in range(OBSERVATIONS):
            ident, stated = rng.choice(sources)
            sentence, value = rng.choice(stated)
            lines += [
                f"      - value: {value:g}",
                f"        period: {rng.randint(2022, 2025)}-{rng.randint(1, 12):02d}",
                f"        source: {ident}",
                f"        quote: {json.dumps(sentence, ensure_ascii=False)}",
                "        trend: rising",
            ]
            if _cyrillic(sentence):
                # NOTE: a curated Russian record carries its translation, and without one each is a notice.
                lines.append(f"        translation: {json.dumps(f'the figure stated is {value:g}')}")
    return "\n".join(lines) + "\n"


def generate(root: Path, sizes: list[int], texts: int = TEXTS, seed: int = 6) -> dict[int, Project]:
    """One project per size under `root` (they share the stored texts' content), the same for the same seed."""
    rng = random.Random(seed)
    base = root / "texts"
    sources = _write_sources(base, rng, texts)
    out = {}
    for size in sizes:
        project = root / f"n{size}"
        project.mkdir()
        # NOTE: every size links the same seeds/ and data/, so 1,000 texts are written once, not per size.
        (project / "seeds").symlink_to(base / "seeds", target_is_directory=True)
        (project / "data").symlink_to(base / "data", target_is_directory=True)
        (project / "indicators.yaml").write_text(indicators_yaml(size, sources, seed), encoding="utf-8")
        out[size] = Project(project, size, size * OBSERVATIONS, texts)
    return out


def text_body(n: int) -> str:
    """One more stored text, the same for the same `n`, in Russian for odd `n` (what a curator adds between runs)."""
    rng = random.Random(n * 104_729 + 17)
    return _text(rng, rng.randint(TEXT_MIN, TEXT_MAX), russian=n % 2 == 1)[0]
