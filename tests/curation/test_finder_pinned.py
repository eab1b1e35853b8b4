"""The figure finder's whole output on fixed English and Russian test texts, pinned field by field.

A change meant only to make the finder faster must leave this file's answers as they are; a change of the rules
that moves them is rewritten here on purpose (`python -m tests.curation.test_finder_pinned`) and reviewed as a diff.
The texts are test texts written for this project (tests/fixtures/finder/en.txt, ru_finder/variants.txt and the
ru_project seeds).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from dashboard.curation.mentions import find_mentions
from dashboard.evidence import language
from tests.helpers import FIXTURES

PINNED = FIXTURES / "finder" / "pinned.json"
TEXTS = {
    "finder/en.txt": "en",
    "ru_finder/variants.txt": "ru",
    "ru_project/seeds/budget.txt": "ru",
    "ru_project/seeds/rate.txt": "ru",
}


def found(name: str) -> list[dict]:
    """Every mention the finder reads in one test text, as plain data."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return [
        dataclasses.asdict(m) | {"sentence": list(m.sentence), "clause": list(m.clause)}
        for m in find_mentions(text, language.get(TEXTS[name]))
    ]


@pytest.mark.parametrize("name", list(TEXTS))
def test_the_finder_answers_as_pinned(name: str):
    assert found(name) == json.loads(PINNED.read_text(encoding="utf-8"))[name]


if __name__ == "__main__":
    Path(PINNED).write_text(
        json.dumps({name: found(name) for name in TEXTS}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
