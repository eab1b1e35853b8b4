"""Smoke run of the benchmark on tiny sizes: the generated data verifies and the table reads right; no timing."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bench.__main__ import parse
from bench.generate import OBSERVATIONS, generate
from bench.load import measure
from bench.table import NOT_BUILT, Figure, growth_exponent, render
from dashboard.records.dataset import load_dataset


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Two tiny generated projects over five stored texts."""
    return generate(tmp_path_factory.mktemp("bench"), [4, 12], texts=5, seed=1)


def test_generated_records_all_verify(projects: dict) -> None:
    data = load_dataset(projects[12].root)
    # random figures of one indicator and period from two texts may disagree: a notice, not a failure
    assert [p.format() for p in data.problems if p.severity != "notice"] == []
    assert len(data.indicators) == 12
    assert sum(r.verified for r in data.records) == 12 * OBSERVATIONS
    assert len(data.texts) == 5
    assert data.indicators[1].id == "key_rate"


def test_stored_texts_are_5_to_10_kb(projects: dict) -> None:
    sizes = [p.stat().st_size for p in (projects[4].root / "seeds").iterdir()]
    assert len(sizes) == 5
    assert all(5_000 <= s <= 11_000 for s in sizes), sizes


def test_generator_is_deterministic(tmp_path: Path, projects: dict) -> None:
    again = generate(tmp_path, [12], texts=5, seed=1)
    assert (again[12].root / "indicators.yaml").read_bytes() == (projects[12].root / "indicators.yaml").read_bytes()
    other = generate(tmp_path / "other", [12], texts=5, seed=2)
    assert (other[12].root / "indicators.yaml").read_bytes() != (projects[12].root / "indicators.yaml").read_bytes()


def test_load_row_names_its_floor_and_every_size(projects: dict) -> None:
    load, floor, _, warm = measure(projects, repeat=1)
    assert set(load.values) == set(load.ratios) == set(floor.values) == {4, 12}
    assert load.met is None  # the target is checked at 10,000 indicators only
    assert floor.name == "floor: yaml.load(CSafeLoader), indicators.yaml"
    assert set(warm.values) == {4, 12}


def test_growth_exponent_of_linear_and_flat_figures() -> None:
    assert math.isclose(growth_exponent({100: 1.0, 1_000: 10.0, 10_000: 100.0}), 1.0)
    assert math.isclose(growth_exponent({100: 5.0, 10_000: 5.0}), 0.0)
    assert growth_exponent({100: 1.0}) is None


def test_table_prints_ratios_growth_and_not_built_rows() -> None:
    load = Figure("load", "s", {100: 0.05, 1_000: 0.5}, {100: 2.0, 1_000: 1.25}, target="≤1.3×", met=True)
    missing = Figure("export", "s", note=NOT_BUILT)
    lines = render([load, missing], [100, 1_000]).splitlines()
    assert lines[0] == "| figure | 100 | 1,000 | growth | target | met |"
    assert lines[2] == "| load | 50 ms (2.00×) | 500 ms (1.25×) | 1.00 | ≤1.3× | yes |"
    assert lines[3] == "| export | n/a (not built) | n/a (not built) | – |  | – |"


def test_table_lists_a_failure_once_below_the_rows() -> None:
    first = Figure("app rerun", "s", {100: 0.5, 1_000: None}, note="failed at 1,000: too many\nrows")
    second = Figure("app cold run", "s", {100: 0.7, 1_000: None}, note="failed at 1,000: too many\nrows")
    lines = render([first, second], [100, 1_000]).splitlines()
    assert lines[2] == "| app rerun [1] | 500 ms | – | – |  | – |"
    assert lines[3] == "| app cold run [1] | 700 ms | – | – |  | – |"
    assert lines[4:] == ["", "[1] failed at 1,000: too many rows"]


def test_quick_and_only_options() -> None:
    args = parse(["--quick", "--only", "load,app"])
    assert args.size_list == [100, 1_000]
    assert args.rows == ["load", "app"]
    assert parse([]).size_list == [100, 1_000, 10_000]
    with pytest.raises(SystemExit):
        parse(["--only", "nonsense"])
