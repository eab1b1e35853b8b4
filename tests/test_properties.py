"""Property tests: random damage to the real indicators.yaml only ever yields reported problems, never a hang."""

import contextlib
import functools
import io
import shutil
import tracemalloc
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import paths
from dashboard.cli import main
from dashboard.problems import CODES
from dashboard.records.dataset import load_dataset
from dashboard.yamlio.reading import MAX_DEPTH, parse_yaml
from tests.helpers import hang_guard


@functools.cache
def real() -> bytes:
    """The real indicators.yaml, read when a test first needs it (never while the suite is collected)."""
    return paths.indicators_path().read_bytes()


#: Payloads a hurried paste or a hostile text could bring in; each must stay data.
MARKUP = [
    b"<script>alert(1)</script>",
    b'<img src=x onerror="alert(2)">',
    b"[link](javascript:alert(3))",
    b"$\\frac{1}{0}$",
    b":red[alarm]",
    b"&a [*a, *a]",
    b"!!python/object/apply:os.system ['true']",
    b"\x00",
    b"\x1b[2J",
    b"\t",
    b"\r\n",
    b'"',
    b"- ",
    b": ",
    b"\xef\xbb\xbf",
    b"\xff",
    b"[" * 200,
]
#: Examples per property: enough to reach every kind of edit, few enough for two shared cores.
EXAMPLES = 60
# NOTE: no deadline and no health check that times anything: how busy the machine is must never fail a test.
# Speed is measured by `make bench`; each example here only runs under conftest.hang_guard, which catches hangs.
UNTIMED = settings(deadline=None, suppress_health_check=list(HealthCheck))
PROPERTY = settings(UNTIMED, max_examples=EXAMPLES)


def _delete_line(data: st.DataObject, text: bytes) -> bytes:
    lines = text.split(b"\n")
    i = data.draw(st.integers(0, len(lines) - 1))
    return b"\n".join(lines[:i] + lines[i + 1 :])


def _swap(data: st.DataObject, text: bytes) -> bytes:
    if len(text) < 2:
        return text
    i = data.draw(st.integers(0, len(text) - 2))
    return text[:i] + text[i + 1 : i + 2] + text[i : i + 1] + text[i + 2 :]


def _truncate(data: st.DataObject, text: bytes) -> bytes:
    return text[: data.draw(st.integers(0, len(text)))]


def _insert(data: st.DataObject, text: bytes) -> bytes:
    i = data.draw(st.integers(0, len(text)))
    payload = data.draw(st.sampled_from(MARKUP) | st.binary(min_size=1, max_size=8))
    return text[:i] + payload + text[i:]


EDITS = [_delete_line, _swap, _truncate, _insert]


def damage(data: st.DataObject) -> bytes:
    """The real file with one to three random edits."""
    text = real()
    for _ in range(data.draw(st.integers(1, 3))):
        text = data.draw(st.sampled_from(EDITS))(data, text) or text
    return text


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real project to damage; the real files are never touched."""
    root = tmp_path_factory.mktemp("real")
    shutil.copytree(paths.ROOT / "data", root / "data")
    shutil.copytree(paths.ROOT / "seeds", root / "seeds")
    (root / "indicators.yaml").write_bytes(real())
    return root


@pytest.fixture(scope="module")
def undamaged(copy: Path) -> int:
    """How many records the undamaged copy holds."""
    (copy / "indicators.yaml").write_bytes(real())
    return len(load_dataset(copy).records)


def check_problems(data, lines: int) -> None:
    for problem in data.problems:
        assert problem.code in CODES
        assert problem.line is None or 1 <= problem.line <= lines + 1, problem.format()
        hidden = [ch for ch in problem.format() if unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp", "Cs"}]
        assert hidden == [], problem.format()


@PROPERTY
@given(data=st.data())
def test_damaged_file_gives_problems_not_exceptions(copy: Path, undamaged: int, data: st.DataObject):
    text = damage(data)
    (copy / "indicators.yaml").write_bytes(text)
    with hang_guard():
        loaded = load_dataset(copy)
    check_problems(loaded, text.count(b"\n") + text.count(b"\r"))
    if text != real():
        # NOTE: damage can only lose records or report problems; it can never add a silent record.
        assert loaded.problems or len(loaded.records) <= undamaged


@PROPERTY
@given(data=st.data())
def test_damaged_file_through_validate(copy: Path, data: st.DataObject):
    path = copy / "damaged.yaml"
    path.write_bytes(damage(data))
    out, err = io.StringIO(), io.StringIO()
    with hang_guard(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", str(path)])
    out, err = out.getvalue(), err.getvalue()
    assert code in {0, 1} and err == "", err
    assert out.splitlines()[-1].startswith(f"{path}: ")


@pytest.fixture(scope="module")
def app_loader(copy: Path):
    """dashboard.app.load_cached, called once up front so that Streamlit's first-call setup happens here."""
    try:
        from dashboard.app import load_cached
    except ImportError:
        pytest.skip("dashboard/app.py has no load_cached yet")
    load_cached(str(copy), ("warm-up",))
    return load_cached


@PROPERTY
@given(data=st.data())
def test_damaged_file_through_the_apps_loader(copy: Path, app_loader, data: st.DataObject):
    text = damage(data)
    (copy / "indicators.yaml").write_bytes(text)
    with hang_guard():
        result = app_loader(str(copy), (text,))
    loaded, frame = result.data, result.frame
    # NOTE: load_cached turns an exception into a 'could not load' problem; that would be a bug of ours here.
    assert not any(p.message.startswith("could not load") for p in loaded.problems)
    check_problems(loaded, text.count(b"\n") + text.count(b"\r"))
    assert len(frame) == len(loaded.records)


def laughs(levels: int, width: int) -> str:
    """A "billion laughs" file: `levels` anchors, each a list of `width` aliases of the one before."""
    lines = ["indicators:", f"  - l0: &l0 [{', '.join(['lol'] * width)}]"]
    lines += [f"    l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * width)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


@settings(UNTIMED, max_examples=20)
@given(levels=st.integers(2, 12), width=st.integers(2, 12))
def test_alias_bombs_stay_small(levels: int, width: int):
    text = laughs(levels, width)
    tracemalloc.start()
    with hang_guard():
        doc = parse_yaml(text, "f.yaml")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # Expanded, 12 levels of 12 would be 12^12 strings; refused, it costs what the text does (memory, not time).
    assert [(p.code, p.line) for p in doc.problems] == [("alias-refused", n) for n in range(3, levels + 2)]
    assert peak < 2_000_000, peak


@settings(UNTIMED, max_examples=20)
@given(depth=st.integers(1, 50_000), style=st.sampled_from(["flow", "block"]))
def test_any_depth_is_read_or_refused_never_a_crash(depth: int, style: str):
    inner = "[" * depth + "]" * depth if style == "flow" else "- " * depth + "x"
    with hang_guard():
        doc = parse_yaml(f"a: {inner}\n" if style == "flow" else f"a:\n{inner}\n", "f.yaml")
    # The innermost flow list sits at depth `depth`; in block style the scalar x sits one deeper.
    too_deep = depth > MAX_DEPTH if style == "flow" else depth + 1 > MAX_DEPTH
    assert [p.code for p in doc.problems] == (["too-large"] if too_deep else [])
