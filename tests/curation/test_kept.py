"""Kept suggestions: a warm run prints a cold run's bytes after any save; a damaged entry is worked out again."""

import os
import shutil
from pathlib import Path

import pytest

from dashboard.curation import kept, scans
from dashboard.curation import profiles as profiles_module
from dashboard.curation import suggestions as suggestions_module
from dashboard.curation.candidates import survey
from dashboard.curation.output import write_json
from dashboard.records.dataset import load_dataset
from tests.curation.test_scans import run
from tests.helpers import FIXTURES

NEW_QUOTE = """      - value: 21
        period: 2025-06
        source: measure-en-2025-06
        quote: "The Bank of Russia held its key rate at 21 percent on June 6."
"""


def comment(root: Path) -> None:
    """A save that changes no indicator's words: a comment line."""
    path = root / "indicators.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# saved again\n", encoding="utf-8")


def quote(root: Path) -> None:
    """A save that adds one record's quote, so the English indicators' words change."""
    path = root / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = '        quote: "The Bank of Russia kept its key rate at 21 percent, citing stubborn inflation."\n'
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + NEW_QUOTE, 1), encoding="utf-8")


def repeated(root: Path) -> None:
    """A save that changes an indicator's words but no stem it holds: its description says its rate once more."""
    path = root / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "    description: Policy rate the Bank of Russia sets to fight inflation.\n"
    assert anchor in text
    path.write_text(text.replace(anchor, anchor.replace("inflation.", "inflation, its key rate."), 1), encoding="utf-8")


def published(root: Path) -> None:
    """A changed publication date: the periods of that text's figures resolve against another day."""
    path = root / "data" / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    assert '    published: "2025-06-10"\n' in text
    path.write_text(text.replace('    published: "2025-06-10"\n', '    published: "2024-11-03"\n'), encoding="utf-8")


@pytest.fixture
def suggestions(tmp_path: Path) -> Path:
    root = tmp_path / "suggestions"
    shutil.copytree(FIXTURES / "suggestions", root)
    return root


@pytest.mark.parametrize("save", [comment, quote, repeated, published])
@pytest.mark.parametrize("fmt", ["json", "text", "yaml"])
def test_a_warm_run_after_a_save_prints_a_cold_runs_bytes(suggestions: Path, tmp_path: Path, save, fmt: str):
    warm_cache = tmp_path / "warm"
    before = run(suggestions, "--format", fmt, cache=warm_cache)
    save(suggestions)
    warm = run(suggestions, "--format", fmt, cache=warm_cache)
    cold = run(suggestions, "--format", fmt, cache=tmp_path / "cold")
    assert before.returncode == warm.returncode == cold.returncode == 0, cold.stderr
    assert warm.stdout == cold.stdout
    if save not in (comment, repeated):
        assert warm.stdout != before.stdout
    else:
        assert warm.stdout == before.stdout


def test_a_save_that_changes_no_stem_keeps_every_entry_and_one_that_does_rewrites_them(suggestions: Path):
    def entries() -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in (kept.entry_path("x", "y").parent).glob("*.entry")}

    def report() -> None:
        result = survey(load_dataset(suggestions))
        write_json(result, _Sink())

    report()
    first = entries()
    assert len(first) == 2  # the texts with candidates: the curated two have none
    comment(suggestions)
    report()
    assert entries() == first
    # NOTE: the words changed, but no stem's weight nor which indicators hold it, and those are all a suggestion reads.
    repeated(suggestions)
    report()
    assert entries() == first
    quote(suggestions)
    report()
    after = entries()
    assert set(after) == set(first)
    english = {name for name in first if ".en." in name}
    assert {name for name in after if after[name] != first[name]} == english


class _Sink(list):
    write = list.append


@pytest.mark.parametrize("damage", [b"", b"not marshal\n[", b"2 0000\n[]", b"garbage-without-newline", None])
def test_a_corrupt_entry_is_ignored_and_rewritten(suggestions: Path, damage: bytes | None):
    data = load_dataset(suggestions)
    result = survey(data)
    assert result.suggester is not None
    expected = [result.suggester.fields(i.source, i.mention, i.text) for i in result.candidates]
    stored = data.texts["measure-en-2025-06"]
    path = kept.entry_path(scans.key(stored), data.sources["measure-en-2025-06"].published)
    good = path.read_bytes()
    # NOTE: None stands for a tampered row: its bytes change but the entry keeps its shape.
    path.write_bytes(good.replace(b"key_rate", b"key_rats") if damage is None else damage)
    result = survey(load_dataset(suggestions))
    assert result.suggester is not None
    assert [result.suggester.fields(i.source, i.mention, i.text) for i in result.candidates] == expected
    assert path.read_bytes() == good


def test_the_rows_damaged_after_the_lines_were_read_are_worked_out_again(suggestions: Path):
    data = load_dataset(suggestions)
    result = survey(data)
    assert result.suggester is not None
    expected = [result.suggester.fields(i.source, i.mention, i.text) for i in result.candidates]
    result = survey(load_dataset(suggestions))
    assert result.suggester is not None
    lines = [result.suggester.line(i.source, i.mention, i.text) for i in result.candidates]
    for path in kept.entry_path("x", "y").parent.glob("*.entry"):
        path.write_bytes(path.read_bytes().replace(b"key_rate", b"key_rats"))
    assert [result.suggester.fields(i.source, i.mention, i.text) for i in result.candidates] == expected
    assert [result.suggester.line(i.source, i.mention, i.text) for i in result.candidates] == lines


def test_suggestions_live_in_the_xdg_cache_folder(suggestions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    path = kept.entry_path("abc.en", "2025-06-10")
    assert path == tmp_path / "xdg" / "russia-dashboard" / "suggestions" / kept.version() / "abc.en.2025-06-10.entry"
    assert not path.is_relative_to(suggestions)


def test_a_text_new_to_the_cache_is_suggested_from_the_kept_profiles_as_from_new_ones(
    suggestions: Path, monkeypatch: pytest.MonkeyPatch
):
    expected = _fields(suggestions)
    [profiles] = (kept.entry_path("x", "y").parent / "profiles").glob("*.entry")
    good = profiles.read_bytes()
    for path in kept.entry_path("x", "y").parent.glob("*.entry"):
        path.unlink()  # every text's suggestions to work out again, as for a new text
    # The kept profiles are read, not made: no indicator's words are stemmed.
    with monkeypatch.context() as patched:
        patched.setattr(profiles_module, "stems", _never)
        assert _fields(suggestions) == expected
    for damage in (b"", b"garbage-without-newline", good.replace(b"key_rate", b"key_rats")):
        for path in kept.entry_path("x", "y").parent.glob("*.entry"):
            path.unlink()
        profiles.write_bytes(damage)
        assert _fields(suggestions) == expected
        assert profiles.read_bytes() == good
    quote(suggestions)
    _fields(suggestions)
    assert len(list(profiles.parent.glob("*.entry"))) == 2, "new words are new profiles, kept beside the old"


def test_a_run_whose_suggestions_are_all_kept_reads_only_the_fingerprints_kept_beside_the_profiles(
    suggestions: Path, monkeypatch: pytest.MonkeyPatch
):
    expected = _fields(suggestions)
    with monkeypatch.context() as patched:
        patched.setattr(kept, "read_profiles", _never)
        assert _fields(suggestions) == expected
    [path] = (kept.entry_path("x", "y").parent / "profiles").glob("*.entry")
    path.write_bytes(path.read_bytes()[:-5])  # the fingerprints' part cut short: the profiles are made again
    assert _fields(suggestions) == expected


def _fields(root: Path) -> list[dict]:
    """Every candidate's suggestions in a survey of the project at `root`."""
    result = survey(load_dataset(root))
    assert result.suggester is not None
    return [result.suggester.fields(i.source, i.mention, i.text) for i in result.candidates]


def _never(*_args):
    raise AssertionError("the indicators' profiles were made again")


def test_only_the_newest_profiles_are_kept():
    folder = kept.profiles_path({}).parent
    made = ({}, {}, {})
    for n in range(kept.PROFILES_KEPT + 3):
        kept.write_profiles({"en": f"fingerprint {n}"}, made, {})
        os.utime(kept.profiles_path({"en": f"fingerprint {n}"}), ns=(n * 10**9, n * 10**9))
    newest = range(3, kept.PROFILES_KEPT + 3)
    assert sorted(folder.glob("*.entry")) == sorted(kept.profiles_path({"en": f"fingerprint {n}"}) for n in newest)


def test_what_each_fingerprint_was_made_of_is_kept_for_the_newest_few():
    made = ("named", {"ключе": 0.5}, {"ключе": 3})
    kept.write_made("fingerprint 0", made)
    assert kept.read_made("fingerprint 0") == made and kept.read_made("never made") is None
    count = 2 * kept.PROFILES_KEPT
    for n in range(count + 3):
        kept.write_made(f"fingerprint {n}", made)
        [path] = (kept.entry_path("x", "y").parent / "made").glob(f"fingerprint {n}.entry")
        os.utime(path, ns=(n * 10**9, n * 10**9))
    assert sorted(p.name for p in path.parent.glob("*.entry")) == sorted(
        f"fingerprint {n}.entry" for n in range(3, count + 3)
    )


@pytest.mark.parametrize("damaged", [False, True])
def test_after_new_words_only_the_mentions_whose_clauses_hold_a_changed_stem_are_worked_out_again(
    suggestions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damaged: bool
):
    worked: list[str] = []
    indicator_of = suggestions_module.Suggester._indicator_of

    def counted(self, mention, stored, feats):
        worked.append(stored.language.CODE)
        return indicator_of(self, mention, stored, feats)

    def fields() -> list[dict]:
        worked.clear()
        result = survey(load_dataset(suggestions))
        assert result.suggester is not None
        return [result.suggester.fields(i.source, i.mention, i.text) for i in result.candidates]

    monkeypatch.setattr(suggestions_module.Suggester, "_indicator_of", counted)
    first = fields()
    english = worked.count("en")
    quote(suggestions)  # new English words: the Russian suggestions stay as they were
    if damaged:
        for path in (kept.entry_path("x", "y").parent / "made").glob("*.entry"):
            path.write_bytes(b"not what was kept\n")
    warm = fields()
    again = list(worked)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cold"))
    assert warm == fields() and warm != first
    assert set(again) == {"en"}
    if damaged:
        assert len(again) == english  # not known what changed: every English mention is worked out again
    else:
        assert 0 < len(again) < english
