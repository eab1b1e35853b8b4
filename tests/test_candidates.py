import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, expectations

from dashboard.candidates import coverage, render_text, survey
from dashboard.dataset import load_dataset
from dashboard.skeletons import TODO_PERIOD, render_yaml

ROOT = Path(__file__).resolve().parent.parent
HERE = FIXTURES / "candidates"
DISMISSED = sorted((HERE / "dismissed").glob("*.yaml"))
VARIANTS_SOURCE = """
  - id: variants-2025-06
    file: seeds/variants.txt
    title: Typographic variants
    title_basis: supplied
    published: "2025-06-01"
    published_basis: stated
"""


def run(*args: str, root: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DASHBOARD_ROOT": str(root)} if root else dict(os.environ)
    return subprocess.run([sys.executable, "-m", "dashboard", *args], capture_output=True, text=True, env=env, cwd=ROOT)


@pytest.fixture(scope="module")
def real():
    return load_dataset(ROOT)


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    """A writable copy of the real project's data and stored texts."""
    root = tmp_path / "real"
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy(ROOT / "indicators.yaml", root / "indicators.yaml")
    return root


@pytest.fixture
def variants(project: Path) -> Path:
    """The small test project plus a stored text holding every kind of mention in every typographic variant."""
    shutil.copy(HERE / "variants.txt", project / "seeds" / "variants.txt")
    with (project / "data" / "sources.yaml").open("a", encoding="utf-8") as out:
        out.write(VARIANTS_SOURCE)
    return project


def paste_filled(root: Path, skeletons: str, period: str = "2025-05") -> None:
    """Fill every skeleton's period and paste them under the last indicator of indicators.yaml, as a curator would."""
    path = root / "indicators.yaml"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    path.write_text(text + skeletons.replace(TODO_PERIOD, period), encoding="utf-8")


def test_real_coverage_overall_and_per_source(real):
    cov = coverage(real)
    assert (cov.mentions, cov.dismissed, cov.covered, cov.candidates) == (33, 1, 27, 5)
    assert round(cov.share, 4) == 0.8438
    assert [(s.source, s.mentions, s.dismissed, s.covered, s.candidates) for s in cov.sources] == [
        ("wapo-retold-2025-05", 4, 0, 4, 0),
        ("wapo-2025-05", 10, 0, 9, 1),
        ("blog-2025-08", 6, 0, 5, 1),
        ("foreignpolicy-2025-02", 7, 0, 4, 3),
        ("caliber-2025-04", 6, 1, 5, 0),
    ]
    frame = cov.frame()
    assert list(frame.columns) == ["source", "file", "mentions", "dismissed", "covered", "candidates", "coverage"]
    assert frame.set_index("source").loc["foreignpolicy-2025-02", "coverage"] == pytest.approx(4 / 7)


def test_real_candidates_are_the_uncited_findings(real):
    result = survey(real)
    assert result.problems == [] and result.unused == []
    found = [(c.source, c.mention.line, c.mention.column, c.mention.kind, c.mention.text) for c in result.candidates]
    assert found == [
        ("wapo-2025-05", 21, 79, "finding", "worsening economy"),
        ("blog-2025-08", 4, 258, "count", "four Ukrainian regions"),
        ("foreignpolicy-2025-02", 24, 130, "finding", "reserves will eventually run dry"),
        ("foreignpolicy-2025-02", 26, 10, "finding", "financial difficulties can only worsen"),
        ("foreignpolicy-2025-02", 26, 407, "finding", "bleak economic conditions"),
    ]


def test_real_numeric_figures_are_cited_but_two(real):
    numeric = [item for item in survey(real).items if item.mention.value is not None]
    assert len(numeric) == 15
    assert [(item.mention.text, item.state) for item in numeric if item.state != "covered"] == [
        ("four Ukrainian regions", "candidate"),
        ("two leaders", "dismissed"),
    ]


def test_every_real_skeleton_validates_once_filled(real_copy: Path):
    data = load_dataset(real_copy)
    skeletons = render_yaml(survey(data), data)
    assert skeletons.count(TODO_PERIOD) == 5
    paste_filled(real_copy, skeletons)
    after = load_dataset(real_copy)
    assert after.problems == [], [p.format() for p in after.problems]
    assert len(after.records) == len(data.records) + 5 and all(r.verified for r in after.records)
    assert survey(after).candidates == [] and coverage(after).share == 1.0


def test_an_unfilled_skeleton_is_refused_at_its_period(real_copy: Path):
    data = load_dataset(real_copy)
    paste_filled(real_copy, render_yaml(survey(data), data), period=TODO_PERIOD)
    codes = {p.code for p in load_dataset(real_copy).problems}
    assert codes == {"bad-period"}


def test_variant_mentions_and_their_parsed_values(variants: Path):
    data = load_dataset(variants)
    found = [
        (item.mention.kind, item.mention.text, item.mention.value, item.mention.qualifier)
        for item in survey(data, source="variants-2025-06").items
    ]
    assert found == [
        ("percent", "16.1 percent", 16.1, "exact"),
        ("percent", "21\u00a0percent", 21, "exact"),
        ("percent", "100%", 100, "exact"),
        ("money", "10 trillion rubles", 10, "exact"),
        ("money", "$300\u202fbillion", 300, "exact"),
        ("count", "160\u2009000 conscripts", 160000, "exact"),
        ("count", "around 5,000 square kilometers", 5000, "about"),
        ("count", "over 1,000 casualties per day", 1000, "over"),
        ("finding", "prices are rising", None, None),
        ("multiplier", "nearly double", None, "nearly"),
        ("share", "a third", None, "exact"),
        ("finding", "record losses", None, None),
        ("finding", "budget deficit is growing", None, None),
        ("percent", "10–15 percent", 15, "exact"),
        ("percent", "about 60 percent", -60, "about"),
    ]


def test_every_variant_skeleton_validates_once_filled(variants: Path):
    data = load_dataset(variants)
    result = survey(data, source="variants-2025-06")
    skeletons = render_yaml(result, data)
    parsed = yaml.safe_load(skeletons)
    assert len(parsed) == 15 and all(item["period"] == TODO_PERIOD for item in parsed)
    by_quote = {item["quote"]: item for item in parsed}
    rng = by_quote["Analysts expect inflation of 10–15 percent next year."]
    assert (rng["value"], rng["qualifier"], rng["note"]) == (15, "up_to", "the text gives a range, 10 to 15")
    thin = by_quote["Russia called up 160\u2009000 conscripts, capturing around 5,000 square kilometers."]
    assert "derived" in thin or thin["value"] == 5000
    paste_filled(variants, skeletons)
    after = load_dataset(variants)
    assert after.problems == [], [p.format() for p in after.problems]
    assert survey(after, source="variants-2025-06").candidates == []


def test_skeleton_reads_as_a_commented_observation(real):
    text = render_yaml(survey(real, source="blog-2025-08"), real)
    assert text.splitlines() == [
        '      # seeds/002_6a1ededbb51043c5.txt:4:258 count: "four Ukrainian regions" (unit: Ukrainian regions)',
        "      # TODO: paste under the indicator this figure belongs to (or a new one), then fill in period.",
        "      - value: 4",
        "        qualifier: exact",
        "        period: TODO-YYYY-MM  # TODO: the time the figure describes; the text was published 2025-08-04",
        "        source: blog-2025-08",
        '        quote: "According to sources close to the Kremlin, Putin still aims to fully capture four Ukrainian'
        ' regions and views the current military momentum as a strategic advantage he cannot abandon."',
    ]


@pytest.mark.parametrize("fixture", DISMISSED, ids=lambda p: p.stem)
def test_invalid_dismissed_fixture(project: Path, fixture: Path):
    shutil.copy(fixture, project / "data" / "dismissed.yaml")
    problems = survey(load_dataset(project)).problems
    found = {(p.code, p.line) for p in problems}
    for code, line in expectations(fixture):
        assert (code, line) in found, [p.format() for p in problems]
    assert {p.file for p in problems} == {"data/dismissed.yaml"}


def test_quote_not_found_names_the_difference(project: Path):
    shutil.copy(HERE / "dismissed" / "quote-not-found.yaml", project / "data" / "dismissed.yaml")
    [problem] = survey(load_dataset(project)).problems
    assert problem.format() == (
        "data/dismissed.yaml:4:12: error[quote-not-found]: dismissal 1: quote not found in seeds/sample.txt; "
        "closest passage at line 3 differs: 'per cent' vs 'percent'"
    )


def test_a_dismissal_takes_its_mentions_out_of_coverage(project: Path):
    before = coverage(load_dataset(project))
    (project / "data" / "dismissed.yaml").write_text(
        "dismissed:\n  - source: gazette-2025-05\n    quote: overdue consumer loans reached 16.1 percent\n"
        "    reason: a test\n  - source: gazette-2025-05\n    quote: Sample Gazette\n    reason: holds no mention\n"
    )
    result = survey(load_dataset(project))
    assert (before.mentions, before.covered, before.dismissed) == (6, 4, 0)
    assert (result.coverage.mentions, result.coverage.covered, result.coverage.dismissed) == (6, 4, 1)
    assert result.coverage.share == 0.8
    assert [entry.line for entry in result.unused] == [5]
    assert render_text(result).splitlines()[0] == "note: dismissal at line 5 covers no uncited mention; remove it"


def test_cli_text_lists_candidates_then_coverage():
    result = run("candidates")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        'seeds/001_ec0ce2dff5c88c0f.txt:21:79: finding: "worsening economy" — The debate in the government,'
    )
    assert lines[5] == "coverage: 27 of 32 figure mentions cited (84.4%); 1 dismissed, 5 candidates"
    assert lines[9] == "  foreignpolicy-2025-02    4 of 7     57.1%  (0 dismissed)  seeds/003_6ad62bae389a28e3.txt"


def test_cli_json_for_one_source():
    result = run("candidates", "--source", "foreignpolicy-2025-02", "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 0
    assert [c["mention"] for c in report["candidates"]] == [
        "reserves will eventually run dry",
        "financial difficulties can only worsen",
        "bleak economic conditions",
    ]
    assert report["coverage"]["mentions"] == 7 and report["coverage"]["covered"] == 4
    assert report["candidates"][0]["line"] == 24 and report["candidates"][0]["start"] < report["candidates"][0]["end"]


def test_cli_yaml_is_a_list_of_observations():
    result = run("candidates", "--format", "yaml")
    items = yaml.safe_load(result.stdout)
    assert result.returncode == 0 and len(items) == 5
    assert items[1] == {
        "value": 4,
        "qualifier": "exact",
        "period": TODO_PERIOD,
        "source": "blog-2025-08",
        "quote": items[1]["quote"],
    }


def test_cli_unknown_source_is_a_usage_error():
    result = run("candidates", "--source", "nope")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("unknown source 'nope'; one of: wapo-retold-2025-05, wapo-2025-05,")


def test_cli_broken_dismissals_exit_1(project: Path):
    shutil.copy(HERE / "dismissed" / "unknown-source.yaml", project / "data" / "dismissed.yaml")
    result = run("candidates", root=project)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "data/dismissed.yaml:3:13: error[unknown-source]: dismissal 1: source 'gazete-2025-05' is not in "
        "data/sources.yaml"
    )


def test_dismissed_schema_matches_the_committed_copy():
    assert run("schema", "--dismissed").stdout == (ROOT / "data" / "dismissed.schema.json").read_text("utf-8")


def test_readme_shows_the_real_output():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "$ .venv/bin/python -m dashboard candidates\n" + run("candidates").stdout + "```" in readme
    yaml_out = run("candidates", "--source", "blog-2025-08", "--format", "yaml").stdout
    assert "--source blog-2025-08 --format yaml\n" + yaml_out + "```" in readme


@pytest.mark.parametrize("text", ["", "\n\n", "“", "a;;b; ;", "(" * 500 + "/", "5 percent; " * 3])
def test_odd_texts_give_mentions_not_errors(text):
    from dashboard.mentions import find_mentions

    assert len(find_mentions(text)) == text.count("percent")
