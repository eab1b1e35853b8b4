"""The reports as written: the streamed text report is the survey's, byte for byte, dismissals and one source too."""

import io
import json
import shutil
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.curation.candidates import render_text, survey
from dashboard.curation.output import _indented, stream_text
from dashboard.records.dataset import load_dataset
from tests.helpers import FIXTURES

DISMISSED = (
    "dismissed:\n  - source: gazette-2025-05\n    quote: overdue consumer loans reached 16.1 percent\n"
    "    reason: a test\n  - source: gazette-2025-05\n    quote: Sample Gazette\n    reason: holds no mention\n"
    "  - source: nowhere\n    quote: anything\n    reason: an unknown source\n"
)


@pytest.fixture(params=["project", "ru_project", "suggestions", "dismissals"])
def root(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    name = "project" if request.param == "dismissals" else request.param
    folder = tmp_path / request.param
    shutil.copytree(FIXTURES / name, folder)
    if request.param == "dismissals":
        (folder / "data" / "dismissed.yaml").write_text(DISMISSED, encoding="utf-8")
    return folder


def test_the_streamed_text_report_is_the_surveys(root: Path):
    data = load_dataset(root)
    for source in [None, *data.texts]:
        out = io.StringIO()
        problems = stream_text(data, out, source)
        result = survey(data, source=source)
        assert out.getvalue() == render_text(result)
        assert problems == result.problems
    if root.name == "dismissals":
        assert render_text(survey(data)).startswith("data/dismissed.yaml:")
        assert "note: dismissal at line 5 covers no uncited mention; remove it\n" in render_text(survey(data))


def test_worker_processes_write_the_report_one_process_writes(root: Path, monkeypatch: pytest.MonkeyPatch):
    from dashboard.curation import scans

    # NOTE: a fork is taken only in a process with one thread; with more this test would prove nothing.
    if threading.active_count() > 1:
        pytest.skip("this process runs other threads, so scans.forked works in this one")
    data = load_dataset(root)
    expected = render_text(survey(data))
    scans.clear()
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "forked-cache"))
    monkeypatch.setattr(scans, "PARALLEL_MIN", 1)
    monkeypatch.setattr(scans.os, "cpu_count", lambda: 2)
    here: list[str] = []
    real = scans._scanned

    def scanned(text, lang):
        # NOTE: a worker's list is its own copy, so only this process's scans are counted.
        here.append(text)
        return real(text, lang)

    monkeypatch.setattr(scans, "_scanned", scanned)
    out = io.StringIO()
    stream_text(data, out)
    assert out.getvalue() == expected
    assert len(list((root / "forked-cache").rglob("mentions/*/*.entry"))) == len(data.texts)
    # NOTE: this process scans only the texts with dismissals (their report comes first); workers scan the rest.
    assert len(here) == (1 if root.name == "dismissals" else 0)


_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_KEYS = st.text() | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none()
_VALUES = st.recursive(
    _SCALARS, lambda inner: st.lists(inner) | st.tuples(inner, inner) | st.dictionaries(_KEYS, inner), max_leaves=20
)


@given(value=_VALUES, depth=st.integers(0, 4))
def test_a_value_is_laid_out_as_json_dumps_lays_it_out(value: object, depth: int):
    indent = "  " * depth
    assert _indented(value, indent) == json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)
