"""A separate process that renders charts with vl-convert, so an export's charts render while it builds the sheet.

Why a process: vl-convert holds the GIL while it renders, so a thread would not overlap anything. The worker
imports nothing but vl-convert (no pandas, no altair), reads its jobs as JSON on stdin and writes each image to a
file of the folder it is given, named by the job's index; the parent reads them once it has exited.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

#: The folder that holds the `dashboard` package, for the worker's `python -m` from any working directory.
PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent
#: What the worker runs: this module.
MODULE = "dashboard.export.worker"


def render_job(job: dict) -> bytes:
    """One job: a Vega-Lite `spec` (fonts already pinned) compiled with `vl_version`, rendered as `fmt` at `scale`."""
    import vl_convert as vlc

    vega = vlc.vegalite_to_vega(job["spec"], vl_version=job["vl_version"])
    if job["fmt"] == "svg":
        return vlc.vega_to_svg(vega).encode("utf-8")
    if job["fmt"] == "png":
        return vlc.vega_to_png(vega, scale=job["scale"])
    return vlc.vega_to_pdf(vega)


def start(jobs: list[dict], fallback: Callable[[int], bytes]) -> Callable[[], list[bytes]]:
    """Start a worker on `jobs`; the call returned waits for its images, in order.

    If the worker cannot start or fails, the call renders each job here with `fallback(index)` instead (the same bytes:
    same vl-convert, same spec), so a failed worker costs time, never an image.
    """
    folder = tempfile.mkdtemp(prefix="dashboard-export-")
    path = os.pathsep.join(p for p in (str(PACKAGE_ROOT), os.environ.get("PYTHONPATH", "")) if p)
    proc: subprocess.Popen | None = None
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", MODULE, folder],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": path},
        )
        assert proc.stdin is not None  # stdin=PIPE
        with proc.stdin:
            proc.stdin.write(json.dumps(jobs).encode("utf-8"))
    except OSError:  # no interpreter to start, or it exited before reading its jobs
        pass

    def collect() -> list[bytes]:
        try:
            if proc is not None and proc.wait() == 0:
                return [(Path(folder) / str(n)).read_bytes() for n in range(len(jobs))]
        except OSError:
            pass
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return [fallback(n) for n in range(len(jobs))]

    return collect


def main(argv: list[str]) -> int:
    """`python -m dashboard.export.worker FOLDER` with a JSON list of jobs on stdin: FOLDER/0, FOLDER/1, … out."""
    folder = Path(argv[0])
    jobs = json.load(sys.stdin)
    for n, job in enumerate(jobs):
        (folder / str(n)).write_bytes(render_job(job))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
