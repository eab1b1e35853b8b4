"""`accept:` on a record: each warning and notice code accepted with its reason, an error refused, a stale acceptance
reported, and what a Russian project reports with and without translations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.problems import ACCEPTABLE
from dashboard.records.dataset import Dataset, load_dataset
from tests.helpers import FIXTURES, expectations

REASON = "checked by the curator: the text says it that way"
#: Each acceptable code, with the project whose copy raises it and the fixture that breaks it.
RAISED = {
    "qualifier-mismatch": ("project", "invalid/qualifier-mismatch.yaml"),
    "qualifier-unsupported": ("project", "invalid/qualifier-unsupported.yaml"),
    "sign-mismatch": ("project", "invalid/sign-mismatch.yaml"),
    "ambiguous-quote": ("project", "invalid/ambiguous-quote.yaml"),
    "untranslated-quote": ("ru_project", "ru_invalid/untranslated-quote.yaml"),
    "texts-disagree": ("disagree_project", "disagree_invalid/texts-disagree.yaml"),
}


def test_every_acceptable_code_is_tried():
    assert set(RAISED) == set(ACCEPTABLE)


def copy_with(tmp_path: Path, project: str, fixture: str) -> Path:
    root = tmp_path / project
    shutil.copytree(FIXTURES / project, root)
    shutil.copy(FIXTURES / fixture, root / "indicators.yaml")
    return root


def accept_at(root: Path, line: int, code: str, reason: str = REASON) -> int:
    """Add `accept: {code: reason}` to the observation that holds `line` of indicators.yaml; `line`'s new number."""
    path = root / "indicators.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = max(n for n, text in enumerate(lines[:line], start=1) if text.lstrip().startswith("- "))
    indent = len(lines[start]) - len(lines[start].lstrip())
    lines.insert(start, f'{" " * indent}accept: {{{code}: "{reason}"}}\n')
    path.write_text("".join(lines), encoding="utf-8")
    return line + 1 if line > start else line


def codes(data: Dataset) -> list[tuple[str, int | None, bool]]:
    return [(p.code, p.line, p.accepted) for p in data.problems]


@pytest.mark.parametrize("code", list(RAISED))
def test_an_accepted_problem_is_kept_marked_with_its_reason(tmp_path: Path, code: str):
    project, fixture = RAISED[code]
    root = copy_with(tmp_path, project, fixture)
    ((_, line),) = expectations(FIXTURES / fixture)
    assert (code, line, False) in codes(load_dataset(root))
    moved = accept_at(root, line, code)
    data = load_dataset(root)
    assert codes(data) == [(code, moved, True)]
    assert data.problems[0].accepted_because == REASON
    assert data.warnings == data.notices == data.errors == []
    assert data.accepted == data.problems
    assert all(r.verified for r in data.records)


def test_an_error_cannot_be_accepted_and_still_drops_its_record(project: Path):
    shutil.copy(FIXTURES / "invalid" / "value-not-in-quote.yaml", project / "indicators.yaml")
    ((_, line),) = expectations(FIXTURES / "invalid" / "value-not-in-quote.yaml")
    moved = accept_at(project, line, "value-not-in-quote")
    data = load_dataset(project)
    refused = next(p for p in data.problems if p.code == "accept-refused")
    assert "accept names 'value-not-in-quote', an error; errors cannot be accepted" in refused.message
    assert not any(p.accepted for p in data.problems)
    assert ("value-not-in-quote", moved, False) in codes(data)
    assert [r.verified for r in data.records].count(False) == 1


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("language-mismatch", "which is reported on a source in data/sources.yaml, not on a record"),
        ("stale-accept", "remove the stale acceptance instead of accepting it"),
        ("no-such-thing", "which is no problem code; only these can be: qualifier-mismatch,"),
    ],
)
def test_a_code_no_record_gets_is_refused_by_name(project: Path, code: str, said: str):
    accept_at(project, 13, code)
    (problem,) = load_dataset(project).problems
    assert (problem.code, problem.line, problem.column) == ("accept-refused", 11, 18)
    assert said in problem.message


def test_an_acceptance_the_record_no_longer_needs_is_stale(project: Path):
    shutil.copy(FIXTURES / "invalid" / "sign-mismatch.yaml", project / "indicators.yaml")
    accept_at(project, 49, "sign-mismatch")
    assert codes(load_dataset(project)) == [("sign-mismatch", 49, True)]
    path = project / "indicators.yaml"
    path.write_text(path.read_text().replace("value: 60", "value: -60"))  # the curator fixes the sign
    (problem,) = load_dataset(project).problems
    assert (problem.code, problem.line, problem.severity) == ("stale-accept", 50, "warning")
    assert "accept names 'sign-mismatch', which this record no longer gets" in problem.message


def test_staleness_is_not_judged_while_the_quote_is_not_found(project: Path):
    shutil.copy(FIXTURES / "invalid" / "sign-mismatch.yaml", project / "indicators.yaml")
    accept_at(project, 49, "sign-mismatch")
    path = project / "indicators.yaml"
    path.write_text(path.read_text().replace("have shrunk by", "have shrank by"))
    # the value was never checked, so whether the acceptance still holds is unknown: only the error is reported
    assert [p.code for p in load_dataset(project).problems] == ["quote-not-found"]


def test_a_russian_project_with_every_translation_has_no_notice():
    data = load_dataset(FIXTURES / "ru_project")
    assert data.problems == []
    assert all(r.observation.translation for r in data.records)


def test_a_russian_project_without_translations_has_a_notice_per_quote(tmp_path: Path):
    root = copy_with(tmp_path, "ru_project", "ru_project/indicators.yaml")
    path = root / "indicators.yaml"
    path.write_text(
        "".join(line for line in path.read_text(encoding="utf-8").splitlines(True) if "translation:" not in line),
        encoding="utf-8",
    )
    data = load_dataset(root)
    assert {p.code for p in data.problems} == {"untranslated-quote"}
    assert len(data.notices) == len(data.records) == 10
    assert data.warnings == data.errors == []
    assert "the quote is in Russian (ru) and has no translation" in data.problems[0].message


def test_a_translation_on_an_english_quote_is_simply_kept(project: Path):
    path = project / "indicators.yaml"
    text = path.read_text().replace(
        '        quote: "held its key rate at 21 percent"\n',
        '        quote: "held its key rate at 21 percent"\n        translation: "held its key rate at 21 percent"\n',
    )
    path.write_text(text)
    data = load_dataset(project)
    assert data.problems == []
    assert data.records[0].observation.translation == "held its key rate at 21 percent"
