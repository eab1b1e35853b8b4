"""parse_yaml from libyaml's events: the marks store, and aliases wherever they stand; read_bytes's bounded read."""

import os

from dashboard.yamlio.document import Mark
from dashboard.yamlio.reading import parse_yaml, read_bytes


def codes(doc):
    return [(p.code, p.line) for p in doc.problems]


def test_marks_answer_for_every_value_and_key():
    doc = parse_yaml("a:\n  - 1.5\n  - x\nb: {c: yes}\n", "f.yaml")
    assert dict(doc.marks) == {
        (): Mark(1, 1),
        ("a",): Mark(2, 3),
        ("a", 0): Mark(2, 5, "1.5"),
        ("a", 1): Mark(3, 5),
        ("b",): Mark(4, 4),
        ("b", "c"): Mark(4, 8, "yes"),
    }
    assert dict(doc.key_marks) == {("a",): Mark(1, 1), ("b",): Mark(4, 1), ("b", "c"): Mark(4, 5)}
    assert ("a", 2) not in doc.marks and doc.marks.get(("a", 2)) is None
    assert doc.mark(("b", "c", "missing")) == Mark(4, 8, "yes")


def test_an_alias_of_an_anchor_inside_a_dropped_value_is_still_refused():
    doc = parse_yaml("a: {x: 1, x: &q [1]}\nb: *q\n", "f.yaml")
    assert codes(doc) == [("duplicate-key", 1), ("alias-refused", 2)]
    assert doc.data == {"a": {"x": 1}, "b": None}


def test_an_alias_as_a_key_is_refused_with_its_value():
    doc = parse_yaml("a: &k name\n*k : 1\nc: 2\n", "f.yaml")
    assert codes(doc) == [("alias-refused", 2)]
    assert doc.data == {"a": "name", "c": 2}


def test_a_hundred_thousand_levels_are_one_problem_not_a_crash():
    doc = parse_yaml("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "f.yaml")
    assert [p.format() for p in doc.problems] == [
        "f.yaml:1:68: error[too-large]: nesting is deeper than 64 levels; the records need five"
    ]


def test_a_file_is_read_whole_and_one_that_grew_past_its_size_is_still_bounded(tmp_path, monkeypatch):
    path = tmp_path / "f.txt"
    path.write_bytes(b"0123456789")
    assert read_bytes(path, "f.txt", limit=10) == (b"0123456789", [])
    real_fstat = os.fstat

    def smaller(fd):
        # The size as it was before the file grew: ten bytes are there to read past it.
        return os.stat_result((*real_fstat(fd)[:6], 3, *real_fstat(fd)[7:]))

    monkeypatch.setattr(os, "fstat", smaller)
    assert read_bytes(path, "f.txt", limit=20) == (b"0123456789", [])
    raw, problems = read_bytes(path, "f.txt", limit=5)
    assert raw is None and [p.code for p in problems] == ["too-large"]
