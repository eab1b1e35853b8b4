"""texts-disagree: raised for two independent texts whose figures for overlapping periods their hedges cannot both
allow, and not for a retelling, another period, figures within their hedges, or a pair a curator has accepted."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from dashboard.records.dataset import load_dataset
from dashboard.records.disagreements import Bounds, disagree, last_digit
from tests.helpers import FIXTURES, expectations

PROJECT = FIXTURES / "disagree_project"
INVALID = FIXTURES / "disagree_invalid" / "texts-disagree.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A writable copy of the disagreement project (three test texts: two outlets and a retelling)."""
    out = tmp_path / "disagree_project"
    shutil.copytree(PROJECT, out)
    return out


def edit(root: Path, old: str, new: str) -> None:
    path = root / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_retelling_another_month_and_figures_within_their_hedges_do_not_disagree():
    data = load_dataset(PROJECT)
    assert data.problems == [] and data.disagreements == []
    assert data.disagreeing_ids() == set()


def test_two_independent_texts_that_cannot_both_hold_are_a_notice_naming_both(root: Path):
    shutil.copy(INVALID, root / "indicators.yaml")
    data = load_dataset(root)
    ((code, line),) = expectations(INVALID)
    (problem,) = data.problems
    assert (problem.code, problem.severity, problem.line, problem.column) == (code, "notice", line, 16)
    assert problem.message == (
        "indicator 'nwf_liquid_assets_usd', observation 5: courier-2025-06 gives 31 billion dollars, but "
        "ledger-2025-06 gives 35.7 billion dollars (observation 1, indicators.yaml:12) for an overlapping period "
        "(2025-05 and 2025-05); neither text retells the other and their hedges cannot both hold, so check both "
        "quotes, and if both stand as the texts state them, accept texts-disagree on either record with the reason"
    )
    assert data.notices == [problem] and data.errors == data.warnings == []
    assert data.disagreeing_ids() == {("nwf_liquid_assets_usd", 12), ("nwf_liquid_assets_usd", line)}
    assert data.partners(("nwf_liquid_assets_usd", 12)) == [("nwf_liquid_assets_usd", line)]
    assert all(r.verified for r in data.records)


def test_accepting_it_on_the_other_record_settles_the_pair(root: Path):
    shutil.copy(INVALID, root / "indicators.yaml")
    edit(root, "      - value: 35.7\n", '      - value: 35.7\n        accept: {texts-disagree: "end of May"}\n')
    data = load_dataset(root)
    (problem,) = data.problems
    assert (problem.code, problem.accepted_because) == ("texts-disagree", "end of May")
    assert data.notices == [] and data.disagreeing_ids() == set()


def test_an_acceptance_with_no_disagreement_left_is_stale(root: Path):
    edit(root, "      - value: 35.7\n", '      - value: 35.7\n        accept: {texts-disagree: "end of May"}\n')
    (problem,) = load_dataset(root).problems
    assert (problem.code, problem.line, problem.column) == ("stale-accept", 12, 18)
    assert "accept names 'texts-disagree', but no independent text now gives" in problem.message


def test_a_retelling_that_repeats_its_source_is_not_a_second_voice(root: Path):
    # the retelling's 35.7 would disagree with the Courier's 31 too; only the Ledger's own figure is compared
    shutil.copy(INVALID, root / "indicators.yaml")
    assert len(load_dataset(root).problems) == 1


def test_figures_in_another_scale_are_compared_in_the_indicators_unit(root: Path):
    # 35,700 million dollars is the Ledger's 35.7 billion: compared as stated, 35,700 against 35.7, it would disagree
    edit(
        root,
        "  - id: key_rate\n",
        "      - value: 35700\n        unit: million dollars\n        period: 2025-05\n"
        '        source: courier-2025-06\n        quote: "35,700 million dollars for May"\n  - id: key_rate\n',
    )
    data = load_dataset(root)
    assert data.problems == [] and len(data.records) == 7


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Bounds(35.65, 35.75, half=0.05), Bounds(30.5, 31.5, half=0.5), True),
        (Bounds(35.65, 35.75, half=0.05), Bounds(35.5, 36.5, half=0.5), False),  # 35.7 and 36: half of 1 apart
        (Bounds(20.95, 21.05, half=0.05), Bounds(21.15, 21.25, half=0.05), True),  # 21.0 and 21.2
        (Bounds(29.7, 36.3), Bounds(35.65, 35.75, half=0.05), False),  # about 33 allows 35.7
        (Bounds(20, math.inf, low_open=True), Bounds(-math.inf, 20, high_open=True), True),  # over 20, under 20
        (Bounds(20, math.inf, low_open=True), Bounds(-math.inf, 20), True),  # over 20, up to 20
        (Bounds(20, math.inf, low_open=True), Bounds(20.5, 21.5, half=0.5), False),  # over 20, 21
        (Bounds(-math.inf, 5), Bounds(5.5, 6.5, half=0.5), True),  # up to 5, 6
    ],
)
def test_what_each_hedge_allows(a: Bounds, b: Bounds, expected: bool):
    assert disagree(a, b) is expected
    assert disagree(b, a) is expected


def test_the_last_digit_a_figure_states():
    assert (last_digit(35.7), last_digit(31), last_digit(160_000), last_digit(3.394)) == (0.1, 1, 1, 0.001)
