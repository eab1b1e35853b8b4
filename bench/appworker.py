"""One process per size: the app's cold first run, its cached reruns and an empty script's run, through AppTest.

Run as `python -m bench.appworker ROOT REPEAT`; prints one JSON line. A fresh process per size keeps
st.cache_data cold for the first run and keeps one size's memory out of the next one's peak.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
import traceback
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
EMPTY_SCRIPT = "import streamlit as st\n"
#: AppTest's own limit per run; a 10,000-indicator cold run on a busy 2-core machine takes tens of seconds.
TIMEOUT = 400
#: Seconds the cached reruns may take together before the median is taken of fewer.
BUDGET = 30.0


def peak_memory_mb(pid: int | str = "self") -> float | None:
    """The process's peak resident memory (VmHWM) in MB, from /proc."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def count_elements(node: object) -> int:
    """Leaf elements under an AppTest node (blocks are walked, not counted)."""
    children = getattr(node, "children", None)
    if isinstance(children, dict) and children:
        return sum(count_elements(child) for child in children.values())
    return 1


def _timed_run(at) -> float:
    start = time.perf_counter()
    at.run()
    return time.perf_counter() - start


def measure(root: Path, repeat: int) -> dict:
    """Every app figure for the project at `root`."""
    os.environ["DASHBOARD_ROOT"] = str(root)
    # NOTE: imports are paid once per server, not per run, so they are made before any clock starts.
    import altair  # noqa: F401
    import pandas  # noqa: F401
    from streamlit.testing.v1 import AppTest

    import dashboard.charts.specs  # noqa: F401
    from dashboard.records import cache
    from dashboard.records.dataset import load_dataset

    def load() -> float:
        # NOTE: as the load row measures it: sources and texts parsed too, not handed back by dashboard.cache.
        start = time.perf_counter()
        with cache.disabled():
            load_dataset(root)
        return time.perf_counter() - start

    load_before = load()
    out: dict = {"load": load_before}
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    # NOTE: a cold first run starts with nothing cached, records.cache included (the load above did not fill it).
    cache.clear()
    out["cold"] = _timed_run(at)
    if at.exception:
        out["exception"] = at.exception[0].message.splitlines()[0][:160]
        return out
    out["elements"] = count_elements(at._tree)
    out["load"] = (load_before + load()) / 2
    empty = AppTest.from_string(EMPTY_SCRIPT, default_timeout=TIMEOUT)
    cached: list[float] = []
    bare: list[float] = []
    while len(cached) < repeat and sum(cached) < BUDGET:
        bare.append(_timed_run(empty))
        cached.append(_timed_run(at))
    out["cached"] = statistics.median(cached)
    out["empty"] = statistics.median(bare)
    out["ratio"] = statistics.median(c / b for c, b in zip(cached, bare, strict=True))
    out["peak_mb"] = peak_memory_mb()
    return out


def main() -> None:
    """Measure and print the result as one JSON line."""
    root, repeat = Path(sys.argv[1]), int(sys.argv[2])
    try:
        result = measure(root, repeat)
    except Exception as exc:  # noqa: BLE001 - the table reports the failure instead of stopping the bench
        result = {"exception": f"{type(exc).__name__}: {exc}"[:160], "trace": traceback.format_exc()[-600:]}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
