import pytest

from dashboard.problems import CODES, Problem, Severity, error, sort_problems, summarize, warning


def test_format_is_the_compiler_shape():
    problem = error("quote-not-found", "indicators.yaml", 12, 9, "quote not found")
    assert problem.format() == "indicators.yaml:12:9: error[quote-not-found]: quote not found"


def test_format_without_a_line_names_the_file_only():
    assert error("file-missing", "x.yaml", None, None, "gone").format() == "x.yaml: error[file-missing]: gone"


def test_unregistered_code_is_a_bug():
    with pytest.raises(ValueError, match="unregistered"):
        Problem("no-such-code", Severity.ERROR, "f", 1, 1, "m")


def test_summary_counts_by_severity():
    problems = [
        error("yaml-syntax", "a", 1, 1, "x"),
        error("empty-file", "a", 1, 1, "y"),
        warning("qualifier-mismatch", "a", 2, 1, "z"),
    ]
    assert summarize(problems) == "2 errors, 1 warning"
    assert summarize([]) == "no problems"


def test_sorted_by_file_then_line():
    a = error("yaml-syntax", "b.yaml", 1, 1, "x")
    b = error("yaml-syntax", "a.yaml", 9, 1, "x")
    c = error("yaml-syntax", "a.yaml", 2, 5, "x")
    assert sort_problems([a, b, c]) == [c, b, a]


def test_every_code_has_a_hint_in_its_dict():
    problem = error("bad-period", "f", 1, 1, "m")
    assert problem.to_dict()["hint"] == CODES["bad-period"]
    assert problem.to_dict()["severity"] == "error"


def test_notices_and_accepted_problems_in_the_summary():
    from dashboard.problems import notice

    problems = [
        warning("sign-mismatch", "a", 1, 1, "x").accept("checked"),
        notice("untranslated-quote", "a", 2, 1, "y"),
        notice("untranslated-quote", "a", 3, 1, "y"),
    ]
    assert summarize(problems) == "2 notices"
    assert summarize(problems[:1]) == "no problems"
    assert problems[1].format() == "a:2:1: notice[untranslated-quote]: y"


def test_an_accepted_problem_carries_its_reason_in_its_dict():
    problem = warning("sign-mismatch", "a", 1, 1, "x")
    assert (problem.to_dict()["accepted"], problem.to_dict()["reason"]) == (False, None)
    accepted = problem.accept("the text calls a smaller loss a fall").to_dict()
    assert (accepted["accepted"], accepted["reason"]) == (True, "the text calls a smaller loss a fall")
    assert "accepted_because" not in accepted


def test_a_code_keeps_its_registered_severity():
    with pytest.raises(ValueError, match="registered as warning"):
        error("sign-mismatch", "f", 1, 1, "m")
    with pytest.raises(ValueError, match="registered as error"):
        warning("quote-not-found", "f", 1, 1, "m")
