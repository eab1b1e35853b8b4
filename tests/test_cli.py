import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import paths
from dashboard.cli import main
from tests.helpers import FIXTURES, REPO

ROOT = REPO


def run(*args: str, root: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DASHBOARD_ROOT": str(root)} if root else dict(os.environ)
    return subprocess.run([sys.executable, "-m", "dashboard", *args], capture_output=True, text=True, env=env, cwd=ROOT)


def test_validate_clean_project_exits_0():
    result = run("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("indicators.yaml: no problems (")


def test_a_command_hashes_no_stored_text_to_remember_it(monkeypatch: pytest.MonkeyPatch, capsys):
    """The CLI loads once and exits: the app's memo of the sources (keyed on a hash of every text) is not kept."""
    from dashboard.records import cache

    def refuse(files):
        raise AssertionError("a command hashed the stored texts")

    monkeypatch.setattr(cache, "digest", refuse)
    assert main(["validate", "--root", str(REPO)]) == 0
    assert "internal error" not in capsys.readouterr().err


def test_validate_broken_copy_prints_line_precise_errors_and_exits_1(project: Path):
    path = project / "indicators.yaml"
    path.write_text(path.read_text().replace("at 21 percent", "at 21 per cent").replace("value: 10", "value: ten"))
    result = run("validate", root=project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("indicators.yaml:13:16: error[quote-not-found]: indicator 'key_rate', observation 1: ")
    assert lines[1].startswith("indicators.yaml:25:16: error[wrong-type]: ")
    assert lines[-1].startswith("indicators.yaml: 2 errors (")
    assert result.stderr == ""


def test_warnings_fail_only_with_strict(project: Path):
    path = project / "indicators.yaml"
    path.write_text(path.read_text().replace("qualifier: nearly", "qualifier: exact"))
    assert run("validate", root=project).returncode == 0
    strict = run("validate", "--strict", root=project)
    assert strict.returncode == 1 and "warning[qualifier-mismatch]" in strict.stdout


def test_texts_that_disagree_are_a_notice_strict_does_not_fail_on(tmp_path: Path):
    root = tmp_path / "disagree_project"
    shutil.copytree(FIXTURES / "disagree_project", root)
    shutil.copy(FIXTURES / "disagree_invalid" / "texts-disagree.yaml", root / "indicators.yaml")
    strict = run("validate", "--strict", root=root)
    assert strict.returncode == 0, strict.stdout
    assert strict.stdout.splitlines()[0].startswith("indicators.yaml:29:16: notice[texts-disagree]: ")
    report = json.loads(run("validate", "--format", "json", root=root).stdout)
    assert [(p["code"], p["severity"]) for p in report["problems"]] == [("texts-disagree", "notice")]


def test_strict_passes_when_every_warning_is_accepted(project: Path):
    path = project / "indicators.yaml"
    reason = "the gazette rounds it"
    path.write_text(
        path.read_text().replace(
            "qualifier: nearly", f'qualifier: exact\n        accept: {{qualifier-mismatch: "{reason}"}}'
        )
    )
    strict = run("validate", "--strict", root=project)
    assert strict.returncode == 0, strict.stdout
    # an accepted warning is settled: no problem line, not in the count, but said to be there
    assert strict.stdout.splitlines() == [
        "indicators.yaml: no problems (3 indicators, 4 observations, 4 verified against 2 stored texts; "
        "1 accepted on their records, listed by --format json)"
    ]
    report = json.loads(run("validate", "--strict", "--format", "json", root=project).stdout)
    assert report["ok"] is True
    assert report["summary"]["warnings"] == 0
    assert report["summary"]["accepted"] == 1
    (problem,) = report["problems"]
    assert (problem["code"], problem["severity"], problem["line"]) == ("qualifier-mismatch", "warning", 26)
    assert (problem["accepted"], problem["reason"]) == (True, reason)


def test_notices_are_listed_and_never_fail_strict(tmp_path: Path):
    root = tmp_path / "ru"
    shutil.copytree(FIXTURES / "ru_project", root)
    shutil.copy(FIXTURES / "ru_invalid" / "untranslated-quote.yaml", root / "indicators.yaml")
    strict = run("validate", "--strict", root=root)
    assert strict.returncode == 0, strict.stdout
    lines = strict.stdout.splitlines()
    assert lines[0].startswith("indicators.yaml:89:16: notice[untranslated-quote]: indicator 'nwf_liquid_assets'")
    assert lines[1].startswith("indicators.yaml: 1 notice (")
    report = json.loads(run("validate", "--format", "json", root=root).stdout)
    assert report["summary"]["notices"] == 1 and report["problems"][0]["accepted"] is False


def test_validate_json(project: Path):
    (project / "indicators.yaml").write_text("indicators: []\n")
    result = run("validate", "--format", "json", root=project)
    report = json.loads(result.stdout)
    assert result.returncode == 1 and report["ok"] is False
    assert report["problems"][0]["code"] == "empty-file" and report["problems"][0]["line"] == 1


def test_validate_a_given_path(project: Path, tmp_path: Path):
    other = tmp_path / "other.yaml"
    other.write_text("indicators:\n  - id: x\n")
    result = run("validate", str(other), root=project)
    assert result.returncode == 1
    assert f"{other}:2:5: error[missing-field]" in result.stdout


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["validate", "--format", "xml"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2


def test_data_json_lists_every_observation_verified():
    result = run("data", "--format", "json")
    rows = json.loads(result.stdout)
    assert result.returncode == 0 and rows
    assert all(row["verified"] == "yes" for row in rows)
    assert {"quote_start", "quote_end", "verified", "source_title", "published"} <= rows[0].keys()
    assert all(row["stated_unit"] == row["unit"] and row["indicator_value"] == row["value"] for row in rows)


def test_data_csv_has_a_header_and_a_row_per_observation(project: Path):
    result = run("data", root=project)
    lines = result.stdout.splitlines()
    # NOTE: the columns of the app's CSVs (tables/downloads.EXPORT_COLUMNS), in their order.
    assert lines[0].startswith(
        "indicator_id,indicator,category,value,unit,stated_unit,indicator_value,qualifier,status"
    )
    assert len(lines) == 5


def test_schema_matches_the_committed_copy():
    result = run("schema")
    assert result.stdout == paths.schema_path().read_text(encoding="utf-8")


def test_a_bug_of_ours_is_one_line_not_a_traceback(monkeypatch, capsys):
    import dashboard.cli as cli

    def boom(args):
        raise RuntimeError("kaboom")

    monkeypatch.setitem(cli.COMMANDS, "validate", boom)
    assert main(["validate"]) == 3
    err = capsys.readouterr().err
    assert err == "internal error: RuntimeError: kaboom (please report it)\n"


def test_add_source_adds_a_page_and_refuses_with_one_line_and_exit_1(project: Path, tmp_path: Path):
    from tests.helpers import PAGES

    result = run("add-source", str(PAGES / "en_opengraph.html"), root=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("added seeds/000_ledger-tribune-2025-06.txt as source 'ledger-tribune-2025-06' (")
    again = run("add-source", str(PAGES / "en_opengraph.html"), root=project)
    assert again.returncode == 1 and again.stdout == "" and len(again.stderr.splitlines()) == 1
    assert "error[duplicate-text]" in again.stderr
    folder = run("add-source", str(tmp_path), root=project)
    assert folder.returncode == 1 and f"error[not-a-file]: {tmp_path} is a folder" in folder.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["add-source"],
        ["add-source", "page.html", "--language", "de"],
        ["add-source", "page.html", "--id", "Not An Id"],
        ["add-source", "page.html", "--published", "2025-02-30"],
    ],
)
def test_add_source_usage_errors_exit_2(args: list[str], capsys):
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    assert "usage: python -m dashboard add-source" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["validate"], ["schema"], ["candidates"], ["candidates", "--format", "json"]])
def test_commands_that_print_no_table_import_no_pandas(argv: list[str]):
    code = (
        "import sys, contextlib, io\nfrom dashboard import cli\n"
        f"with contextlib.redirect_stdout(io.StringIO()): cli.main({argv!r})\n"
        "print(sorted(m for m in ('pandas', 'numpy', 'streamlit', 'altair') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.stdout == "[]\n", result.stderr


@pytest.fixture
def cadenced(project: Path) -> Path:
    """The small project with a 45-day cadence on its key rate (tests/fixtures/cadence)."""
    shutil.copy(FIXTURES / "cadence" / "indicators.yaml", project / "indicators.yaml")
    return project


@pytest.mark.parametrize("command", ["validate", "data", "export"])
@pytest.mark.parametrize(
    ("given", "said"),
    [("2026-02-30", "'2026-02-30' is not a real date"), ("tomorrow", "'tomorrow' is not a date written YYYY-MM-DD")],
)
def test_a_bad_today_is_a_usage_error(command: str, given: str, said: str, tmp_path: Path):
    extra = ["--out", str(tmp_path)] if command == "export" else []
    result = run(command, *extra, "--today", given)
    assert result.returncode == 2 and f"argument --today: {said}" in result.stderr
    assert "Traceback" not in result.stderr and not list(tmp_path.iterdir())


def test_a_bad_dashboard_today_is_a_usage_error_naming_the_variable():
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "data"],
        capture_output=True,
        text=True,
        env={**os.environ, "DASHBOARD_TODAY": "2026-13-01"},
        cwd=ROOT,
    )
    assert result.returncode == 2 and "error: DASHBOARD_TODAY: '2026-13-01' is not a real date" in result.stderr


def test_validate_lists_a_stale_figure_after_the_summary_and_never_as_a_problem(cadenced: Path):
    late = run("validate", "--strict", "--today", "2025-07-16", root=cadenced)
    assert late.returncode == 0, late.stdout
    assert late.stdout.splitlines()[1:] == [
        "indicators.yaml:12: stale on 2025-07-16: key_rate, 2025-05, is 46 days old; expected every 45 days"
    ]
    report = json.loads(run("validate", "--format", "json", "--today", "2025-07-16", root=cadenced).stdout)
    assert report["today"] == "2025-07-16" and report["problems"] == []
    assert report["stale"] == [
        {"indicator_id": "key_rate", "period": "2025-05", "line": 12, "age_days": 46, "update_period_days": 45}
    ]
    on_time = run("validate", "--today", "2025-07-15", root=cadenced)
    assert len(on_time.stdout.splitlines()) == 1


def test_data_gives_each_figures_age_and_whether_it_is_stale(cadenced: Path):
    rows = json.loads(run("data", "--format", "json", "--today", "2025-07-16", root=cadenced).stdout)
    seen = [(r["indicator_id"], r["update_period_days"], r["age_days"], r["stale"]) for r in rows]
    assert seen == [
        ("key_rate", 45, 46, "yes"),
        ("key_rate", 45, 46, "yes"),
        ("official_inflation", None, 46, "no"),  # no cadence: never stale
        ("gazprom_losses", None, 0, "no"),  # a year not over yet is current
    ]
    # the machine's date never enters: DASHBOARD_TODAY (the suite's) stands in without --today
    env_rows = json.loads(run("data", "--format", "json", root=cadenced).stdout)
    assert {r["age_days"] for r in env_rows} == {0}


def test_validate_takes_its_root_from_the_working_directory_or_root(project: Path, tmp_path: Path):
    path = project / "indicators.yaml"
    path.write_text(path.read_text().replace("at 21 percent", "at 21 per cent"))
    env = {k: v for k, v in os.environ.items() if k != "DASHBOARD_ROOT"} | {"PYTHONPATH": str(ROOT)}
    here = subprocess.run(
        [sys.executable, "-m", "dashboard", "validate"], capture_output=True, text=True, env=env, cwd=project
    )
    assert here.returncode == 1 and here.stdout.startswith("indicators.yaml:13:16: error[quote-not-found]")
    given = subprocess.run(
        [sys.executable, "-m", "dashboard", "validate", "--root", str(project)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert given.stdout == here.stdout
    # NOTE: a folder without indicators.yaml is not a project: the package's own is checked, as before.
    package = subprocess.run(
        [sys.executable, "-m", "dashboard", "validate"], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert package.returncode == 0 and package.stdout.startswith("indicators.yaml: no problems (")
