"""Smoke run of the benchmark on tiny sizes: the generated data verifies and the table reads right; no timing."""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

import pytest

from bench import pages
from bench.__main__ import compile_package, parse
from bench.generate import OBSERVATIONS, generate
from bench.load import measure
from bench.table import NOT_BUILT, Figure, growth_exponent, render
from dashboard.records.dataset import load_dataset
from dashboard.serve import CHROMIUM


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


def test_curation_rows_on_the_text_count_axis(tmp_path: Path) -> None:
    from bench import curation

    projects = {n: generate(tmp_path / f"t{n}", [6], texts=n, seed=1)[6] for n in (2, 4)}
    figures = curation.measure(projects, repeat=1)
    names = [fig.name for fig in figures]
    assert names[0] == "floor: every stored text read, one combined figure pattern (in process)"
    assert "candidates cold, new process, empty cache (× floor)" in names
    assert "CLI start-up: import dashboard.cli (× python -c pass)" in names
    assert "candidates warm, new process, after a save that adds one record's quote (words change)" in names
    assert all(set(fig.values) == {2, 4} for fig in figures), names
    assert all(fig.met is None for fig in figures)  # the targets are checked at 1,000 texts only
    # NOTE: the rows leave the project as they found it (the added text and its source entry undone).
    assert sorted(p.name for p in (projects[2].root / "seeds").iterdir()) == ["src-0000.txt", "src-0001.txt"]
    assert "# bench save" in (projects[2].root / "indicators.yaml").read_text(encoding="utf-8").splitlines()[-1]
    lines = render(figures, [2, 4], axis="stored texts").splitlines()
    assert lines[0] == "| figure (stored texts) | 2 | 4 | growth | target | met |"


def test_text_sizes_option() -> None:
    assert parse([]).text_list == [100, 1_000]
    assert parse(["--text-sizes", "100,1000,10000"]).text_list == [100, 1_000, 10_000]
    assert "curation" in parse(["--only", "curation,quality"]).rows


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no browser at {CHROMIUM}")
def test_page_rows_reach_an_idle_page_once() -> None:
    # NOTE: one server and two visits, not every row: the full set starts three servers (~1 min on this machine).
    found = pages.measure_pages(None, 1, ([pages.OVERVIEW_FIRST, pages.INDICATOR_PAGE],))
    visits = [pages.OVERVIEW_FIRST.name, pages.INDICATOR_PAGE.name]
    assert sorted(found) == sorted(["empty", pages.EMPTY_START, pages.START, *visits])
    assert len(found["empty"][0]) == 2
    assert all(len(found[name][0]) == len(found[name][1]) == 1 for name in visits)
    # one start of each server, timed to its first healthy answer, with no floor to be a ratio of
    assert [len(found[name][0]) for name in (pages.EMPTY_START, pages.START)] == [1, 1]
    assert found[pages.START][1] == []


def test_project_rows_are_options_of_their_own() -> None:
    assert parse(["--only", "pages,fullexport"]).rows == ["pages", "fullexport"]
    table = render(
        [Figure("a page", "s", values={0: 2.0}, ratios={0: 1.2}, slope_applies=False)], [0], labels={0: "this project"}
    )
    assert table.splitlines()[0] == "| figure | this project | growth | target | met |"
    assert "2.00 s (1.20×)" in table


def test_a_commands_peak_memory_is_its_own_not_the_benchmarks() -> None:
    import sys

    from bench import curation

    # NOTE: a parent this large made every command read as at least its size before bench/peak.py started them.
    ballast = b"x" * (256 << 20)
    seconds, peak = curation._child([sys.executable, "-c", "b = b'y' * (64 << 20)"], dict(os.environ))
    assert len(ballast) == 256 << 20
    assert 64 < peak < 128, peak
    assert 0 < seconds < 60


def test_the_packages_bytecode_is_written_before_timing_even_where_python_is_told_not_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mod.py").write_text("VALUE = 1\n")
    compile_package(tmp_path / "pkg")
    assert [p.name for p in (tmp_path / "pkg" / "__pycache__").iterdir()] == [f"mod.{sys.implementation.cache_tag}.pyc"]
