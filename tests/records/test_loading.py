import os
from pathlib import Path

import pytest

from dashboard.records.loading import MAX_DEPTH, load_indicators, parse_yaml, read_text
from tests.helpers import hang_guard


def codes(doc):
    return [(p.code, p.line) for p in doc.problems]


def test_every_value_keeps_its_line_and_column():
    doc = parse_yaml("a:\n  b: [1, two]\n  c: x\n", "f.yaml")
    assert doc.data == {"a": {"b": [1, "two"], "c": "x"}}
    assert (doc.marks[("a", "b", 1)].line, doc.marks[("a", "b", 1)].column) == (2, 10)
    assert doc.marks[("a", "c")].line == 3
    assert doc.key_marks[("a", "c")].column == 3


def test_dates_stay_text_and_numbers_keep_their_source():
    doc = parse_yaml("d: 2025-05-02\nn: 10.50\nb: NO\no: 010\n", "f.yaml")
    assert doc.data["d"] == "2025-05-02"
    assert doc.data["b"] is False and doc.marks[("b",)].raw == "NO"
    assert doc.marks[("n",)].raw == "10.50"
    # NOTE: a leading zero is octal to YAML 1.1 (010 is 8): refused rather than read as a different number.
    assert doc.data["o"] is None and codes(doc) == [("ambiguous-number", 4)]


def test_duplicate_key_is_reported_and_the_first_kept():
    doc = parse_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert codes(doc) == [("duplicate-key", 3)]
    assert doc.data["a"] == 1


def test_syntax_error_has_the_parsers_line_and_column():
    doc = parse_yaml("a: [1, 2\nb: 3\n", "f.yaml")
    assert [p.code for p in doc.problems] == ["yaml-syntax"]
    assert doc.problems[0].line is not None and doc.data is None


@pytest.mark.parametrize(
    "text", ["a: !!python/object/apply:os.system ['echo hi']\n", "a: !!python/name:os.system\n", "a: !custom x\n"]
)
def test_object_tags_are_refused_not_run(text):
    doc = parse_yaml(text, "f.yaml")
    assert [p.code for p in doc.problems] == ["tag-refused"]
    assert doc.data == {"a": None}


def test_an_alias_bomb_is_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    doc = parse_yaml(bomb, "f.yaml")
    assert {p.code for p in doc.problems} == {"alias-refused"}


def test_deep_nesting_is_a_problem_not_a_crash():
    doc = parse_yaml("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n", "f.yaml")
    assert "too-large" in [p.code for p in doc.problems]


def test_byte_order_mark_is_dropped(tmp_path: Path):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert read_text(path, "f.yaml") == ("a: 1\n", [])


def test_non_utf8_is_located(tmp_path: Path):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    text, problems = read_text(path, "f.yaml")
    assert text is None
    assert [(p.code, p.line, p.column) for p in problems] == [("not-utf8", 2, 7)]


@pytest.mark.parametrize(("kind", "what"), [("fifo", "a named pipe (FIFO)"), ("folder", "a folder")])
def test_a_file_that_is_not_a_plain_file_is_refused_unread(tmp_path: Path, kind: str, what: str):
    path = tmp_path / "f.yaml"
    os.mkfifo(path) if kind == "fifo" else path.mkdir()
    with hang_guard():  # NOTE: opening a FIFO that has no writer would block forever
        text, problems = read_text(path, "f.yaml")
    assert text is None
    assert [p.format() for p in problems] == [
        f"f.yaml: error[not-a-file]: {path} is {what}, not a plain file; only plain files are read"
    ]


def test_missing_file(tmp_path: Path):
    _, doc = load_indicators(tmp_path / "nope.yaml", "nope.yaml")
    assert [p.code for p in doc.problems] == ["file-missing"]


def test_one_bad_observation_does_not_drop_its_indicator(project: Path):
    path = project / "indicators.yaml"
    path.write_text(
        path.read_text().replace(
            "value: 21\n        period: 2025-05\n        source: retold",
            "value: x\n        period: 2025-05\n        source: retold",
        )
    )
    entries, doc = load_indicators(path, "indicators.yaml")
    assert codes(doc) == [("wrong-type", 14)]
    key_rate = next(e for e in entries if e.indicator.id == "key_rate")
    assert len(key_rate.indicator.observations) == 1
    assert [o.line for o in key_rate.observations] == [10]


def test_top_level_typo_is_an_unknown_field(project: Path):
    path = project / "indicators.yaml"
    path.write_text(path.read_text().replace("indicators:", "indicator:"))
    _, doc = load_indicators(path, "indicators.yaml")
    assert codes(doc) == [("unknown-field", 2), ("missing-field", 2)]
