import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dashboard.curation.candidates import coverage, render_text, survey
from dashboard.curation.skeletons import TODO_PERIOD, render_yaml, skeleton
from dashboard.records.dataset import load_dataset
from tests.helpers import FIXTURES, REPO, expectations

ROOT = REPO
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


#: The real texts with one record: every other figure mention in them is a candidate.
UNCURATED = """indicators:
  - id: key_rate
    name: Bank of Russia key rate
    category: monetary
    unit: "%"
    higher_is: worse
    description: Policy rate the Bank of Russia sets to fight inflation.
    observations:
      - value: 21
        period: 2025-05
        source: wapo-2025-05
        quote: "sky-high interest rates of 21 percent"
"""


@pytest.fixture
def uncurated(real_copy: Path) -> Path:
    """The real stored texts, sources and dismissals with a single record."""
    (real_copy / "indicators.yaml").write_text(UNCURATED, encoding="utf-8")
    return real_copy


@pytest.fixture
def variants(project: Path) -> Path:
    """The small test project plus a stored text holding every kind of mention in every typographic variant."""
    shutil.copy(HERE / "variants.txt", project / "seeds" / "variants.txt")
    with (project / "data" / "sources.yaml").open("a", encoding="utf-8") as out:
        out.write(VARIANTS_SOURCE)
    return project


def paste_filled(root: Path, skeletons: str, period: str | None = None, fill: bool = True) -> None:
    """Paste each block of skeletons under its indicator (a new one at the end) as a curator would; `fill` the TODOs."""
    path = root / "indicators.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    by_id = {indicator["id"]: indicator for indicator in doc["indicators"]}
    for block in re.split(r"^(?=# ── )", skeletons, flags=re.MULTILINE):
        if not block.strip():
            continue
        head = re.match(r"# ── paste under `- id: (\w+)`", block)
        if head:
            by_id[head[1]]["observations"] += yaml.safe_load(block)
            continue
        [new] = yaml.safe_load(block)
        if fill:
            new |= {"higher_is": "neutral", "description": "A test record."}
        doc["indicators"].append(new)
    for indicator in doc["indicators"]:
        for obs in indicator["observations"]:
            obs["period"] = str(period or obs["period"])
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def observations_of(skeletons: str) -> list[dict]:
    """Every observation of `candidates --format yaml`, from its paste-under blocks and its new indicators alike."""
    blocks = [b for b in re.split(r"^(?=# ── )", skeletons, flags=re.MULTILINE) if b.strip()]
    return [
        obs
        for block in blocks
        for obs in (yaml.safe_load(block) if "paste under" in block else yaml.safe_load(block)[0]["observations"])
    ]


# NOTE: the real data is held to full coverage: a stored text's figure is either cited or dismissed with a reason.
# Tests that need uncited mentions use `uncurated`, the real texts with a single record, so curating never breaks them.
def test_real_data_cites_or_dismisses_every_figure_mention(real):
    cov = coverage(real)
    result = survey(real)
    assert result.problems == [] and result.unused == []
    assert [c.mention.text for c in result.candidates] == []
    assert (cov.mentions, cov.dismissed, cov.covered, cov.share) == (33, 1, 32, 1.0)
    assert [(s.source, s.mentions, s.dismissed) for s in cov.sources] == [
        ("wapo-retold-2025-05", 4, 0),
        ("wapo-2025-05", 10, 0),
        ("blog-2025-08", 6, 0),
        ("foreignpolicy-2025-02", 7, 0),
        ("caliber-2025-04", 6, 1),
    ]


def test_uncurated_coverage_overall_and_per_source(uncurated: Path):
    cov = coverage(load_dataset(uncurated))
    assert (cov.mentions, cov.dismissed, cov.covered, cov.candidates) == (33, 1, 1, 31)
    assert round(cov.share, 4) == 0.0312
    assert [(s.source, s.mentions, s.dismissed, s.covered, s.candidates) for s in cov.sources] == [
        ("wapo-retold-2025-05", 4, 0, 0, 4),
        ("wapo-2025-05", 10, 0, 1, 9),
        ("blog-2025-08", 6, 0, 0, 6),
        ("foreignpolicy-2025-02", 7, 0, 0, 7),
        ("caliber-2025-04", 6, 1, 0, 5),
    ]
    frame = cov.frame()
    assert list(frame.columns) == ["source", "file", "mentions", "dismissed", "covered", "candidates", "coverage"]
    assert frame.set_index("source").loc["wapo-2025-05", "coverage"] == pytest.approx(1 / 10)


def test_uncurated_candidates_of_one_source(uncurated: Path):
    result = survey(load_dataset(uncurated), source="foreignpolicy-2025-02")
    found = [(c.mention.line, c.mention.column, c.mention.kind, c.mention.text) for c in result.candidates]
    assert found == [
        (22, 110, "finding", "record losses"),
        (22, 210, "percent", "10 percent"),
        (22, 253, "finding", "significant shortfall"),
        (24, 130, "finding", "reserves will eventually run dry"),
        (24, 227, "percent", "about 60 percent"),
        (26, 10, "finding", "financial difficulties can only worsen"),
        (26, 407, "finding", "bleak economic conditions"),
    ]


def test_every_skeleton_validates_once_filled(uncurated: Path):
    data = load_dataset(uncurated)
    skeletons = render_yaml(survey(data), data)
    assert skeletons.count("\n      - ") == 31 and TODO_PERIOD not in skeletons
    assert skeletons.count("# suggested from ") == 31 and skeletons.count(": check it") >= 31
    paste_filled(uncurated, skeletons)
    after = load_dataset(uncurated)
    # NOTE: every skeleton is pasted under one indicator for one period, so unrelated figures "disagree" (a notice).
    problems = [p.format() for p in after.problems if p.code != "texts-disagree"]
    assert problems == [], problems
    assert len(after.records) == len(data.records) + 31 and all(r.verified for r in after.records)
    assert survey(after).candidates == [] and coverage(after).share == 1.0


def test_an_unfilled_skeleton_is_refused_at_its_todos(uncurated: Path):
    data = load_dataset(uncurated)
    paste_filled(uncurated, render_yaml(survey(data), data), period=TODO_PERIOD, fill=False)
    codes = {p.code for p in load_dataset(uncurated).problems}
    assert "bad-period" in codes


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
    parsed = observations_of(skeletons)
    assert len(parsed) == 15 and all(str(item["period"]) != TODO_PERIOD for item in parsed)
    by_quote = {item["quote"]: item for item in parsed}
    rng = by_quote["Analysts expect inflation of 10–15 percent next year."]
    assert (rng["value"], rng["qualifier"], rng["note"]) == (15, "up_to", "the text gives a range, 10 to 15")
    thin = by_quote["Russia called up 160\u2009000 conscripts, capturing around 5,000 square kilometers."]
    assert "derived" in thin or thin["value"] == 5000
    paste_filled(variants, skeletons)
    after = load_dataset(variants)
    assert after.problems == [], [p.format() for p in after.problems]
    assert survey(after, source="variants-2025-06").candidates == []


def test_skeleton_reads_as_a_commented_observation(uncurated: Path):
    data = load_dataset(uncurated)
    item = next(c for c in survey(data, source="blog-2025-08").candidates if c.mention.text == "four Ukrainian regions")
    assert skeleton(item, data).splitlines() == [
        '      # seeds/002_6a1ededbb51043c5.txt:4:258 count: "four Ukrainian regions" (unit: Ukrainian regions)',
        '      # suggested indicator: fully_capture (new) from "fully", "capture"',
        "      - value: 4",
        "        qualifier: exact",
        '        period: 2025-08  # suggested from "published 2025-08-04": check it',
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


def test_cli_text_lists_candidates_then_coverage(uncurated: Path):
    result = run("candidates", root=uncurated)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        'seeds/000_76286529c2261ca8.txt:4:308: finding: "economic strain is going to intensify" — “Otherwise,'
    )
    assert lines[1].startswith("  suggested: new indicator strain_going_intensify (prices, qualitative) (because ")
    assert lines[62] == "coverage: 1 of 32 figure mentions cited (3.1%); 1 dismissed, 31 candidates"
    assert lines[66] == "  foreignpolicy-2025-02    0 of 7      0.0%  (0 dismissed)  seeds/003_6ad62bae389a28e3.txt"


def test_cli_text_on_the_real_data_is_the_coverage_alone():
    result = run("candidates")
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.splitlines()[0] == "coverage: 32 of 32 figure mentions cited (100.0%); 1 dismissed, 0 candidates"
    )


def test_cli_json_for_one_source(uncurated: Path):
    result = run("candidates", "--source", "foreignpolicy-2025-02", "--format", "json", root=uncurated)
    report = json.loads(result.stdout)
    assert result.returncode == 0
    assert [c["mention"] for c in report["candidates"]] == [
        "record losses",
        "10 percent",
        "significant shortfall",
        "reserves will eventually run dry",
        "about 60 percent",
        "financial difficulties can only worsen",
        "bleak economic conditions",
    ]
    assert report["coverage"]["mentions"] == 7 and report["coverage"]["covered"] == 0
    assert report["candidates"][0]["line"] == 22 and report["candidates"][0]["start"] < report["candidates"][0]["end"]


def test_cli_yaml_is_one_block_per_suggested_indicator(uncurated: Path):
    result = run("candidates", "--format", "yaml", root=uncurated)
    assert result.returncode == 0
    observations = observations_of(result.stdout)
    assert len(observations) == 31 and result.stdout.count("# ── ") < 31
    assert {
        "value": 5000,
        "qualifier": "about",
        "period": 2025,
        "source": "blog-2025-08",
        "quote": "Russian forces have made modest gains in 2025, capturing around 5,000 square kilometers, and believe "
        "Ukraine’s defensive lines could collapse within months.",
    } in observations


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


def test_readme_shows_the_real_output(uncurated: Path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "$ .venv/bin/python -m dashboard candidates\n" + run("candidates").stdout + "```" in readme
    # The skeleton example shows a text before it was curated: the real one with a single record.
    yaml_out = run("candidates", "--source", "blog-2025-08", "--format", "yaml", root=uncurated).stdout
    first = "".join(yaml_out.splitlines(keepends=True)[:15])
    assert "--format yaml | head -15   # before 002 was curated\n" + first + "```" in readme


@pytest.mark.parametrize("text", ["", "\n\n", "“", "a;;b; ;", "(" * 500 + "/", "5 percent; " * 3])
def test_odd_texts_give_mentions_not_errors(text):
    from dashboard.curation.mentions import find_mentions

    assert len(find_mentions(text)) == text.count("percent")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_first_scan_on_a_terminal_shows_a_status_line_and_the_same_report(
    fmt: str, uncurated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    from dashboard import cli
    from dashboard.curation import scans, status

    class Terminal(io.StringIO):
        """stderr as a terminal (test double)."""

        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("DASHBOARD_ROOT", str(uncurated))
    monkeypatch.setattr(status, "DELAY", 0.0)
    monkeypatch.setattr(status, "EVERY", 0.0)
    # NOTE: so that the text report's texts are scanned in workers (the only place it reports), as at desk scale.
    monkeypatch.setattr(scans, "PARALLEL_MIN", 1)

    def report(stderr: io.StringIO, cache: str) -> tuple[str, str]:
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / cache))
        scans.clear()
        monkeypatch.setattr(sys, "stderr", stderr)
        cli.main(["candidates", "--format", fmt])
        return capsys.readouterr().out, stderr.getvalue()

    piped, quiet = report(io.StringIO(), "piped")
    shown, status_text = report(Terminal(), "terminal")
    texts = len(load_dataset(uncurated).texts)
    assert shown == piped and quiet == ""
    assert f"\rscanning stored texts: 1 of {texts} (kept for the next run)" in status_text
    last = f"scanning stored texts: {texts - 1} of {texts} (kept for the next run)"
    assert status_text.endswith(f"\r{last}\r{' ' * len(last)}\r")
    assert report(Terminal(), "terminal")[1] == ""  # all kept: nothing to scan, nothing shown
