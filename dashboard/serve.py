"""Starting the app's server: `python -m dashboard.serve` (what `make run` runs), and one on a loopback port for tests.

Why a launcher: Streamlit runs none of our code before the first browser tab connects, so the first visitor after a
start paid for importing pandas and altair, the first load, the first chart spec, vl-convert's start and the briefing
sheet (4-5x an empty page). `main` runs the app's script once per page in WARM_VISITS, headless (Streamlit's AppTest,
in this process), before it hands over to Streamlit's own `streamlit run`, also in this process: the imports stay
imported and the app's `st.cache_resource` caches (process-wide) hold the load, the tiles, the first chart and the
sheet, so the first visitor gets what a later one gets. The cost moves to start-up, where `make bench` times it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

#: The entry script; `streamlit run` is started from the project root beside it.
APP = Path(__file__).resolve().parent / "app.py"
#: The pages run once before the server opens its port, by their URL query: the Overview, the briefing view.
WARM_VISITS: tuple[dict[str, str], ...] = ({}, {"view": "briefing"})
#: At most this many Indicator pages are run once too, each of an indicator with a series chart (its spec, preview).
WARM_INDICATORS = 8
#: The page script of an Indicator page visit, relative to app.py.
INDICATOR_PAGE = "views/indicator.py"
#: Seconds one warm-up run may take on a loaded machine before the server starts without it.
WARM_TIMEOUT = 180.0
#: Streamlit's logger that calls each warm-up run's lack of a browser tab a fault.
NO_CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"
#: Streamlit's warning when the command line's options differ from the config the warm-up read: the server has not
#: started yet, so it does start with them (a restart is not needed).
RESTART_WARNING = "An update to the [server] config option section was detected"
#: Tells the app it runs in this launcher's server, which watches the files itself (views/preload.ENV, the same name).
PRELOAD_ENV = "DASHBOARD_PRELOAD"
#: Debian's Chromium; no browser is ever downloaded.
CHROMIUM = Path("/usr/bin/chromium")
#: Headless-friendly flags; without the background-networking ones Chromium tries to reach Google at start.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
#: Bound to this machine, headless, no usage statistics: nothing of a test run leaves the machine.
FLAGS = ("--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false")


def warm_up(script: Path = APP, visits: Sequence[dict[str, str]] = WARM_VISITS) -> list[str]:
    """Run `script` once per query in `visits`, headless, in this process; what went wrong, one line each."""
    # NOTE: imported here, not at the top: the tests and the bench import this module for its helpers only.
    from streamlit.testing.v1 import AppTest

    from dashboard import paths
    from dashboard.export import preview

    failed: list[str] = []
    with _quiet():
        for query in visits:
            failed += _visit(AppTest, script, query)
    # NOTE: the app starts vl-convert after its first page; waiting for it here gives the first visitor a preview.
    preview.warm_up().join(timeout=WARM_TIMEOUT)
    # NOTE: and the Overview's first chart is drawn as that preview only by a run once vl-convert is ready: one more
    # run draws it now (0.1-0.4 s), which the first visitor's run otherwise did while the browser waited.
    if preview.ready() and {} in visits and not failed:
        with _quiet():
            failed += _visit(AppTest, script, {})
            # NOTE: an indicator's chart spec and preview are drawn by its page's first run (0.2-0.3 s), which was the
            # first reader to open it after each start; the charted ones are few (one of 41 in the real data).
            for query in chart_visits(paths.app_root()):
                failed += _visit(AppTest, script, query, INDICATOR_PAGE)
    return failed


def chart_visits(root: Path, limit: int = WARM_INDICATORS) -> list[dict[str, str]]:
    """The Indicator page's query of each indicator whose page draws a chart (two figures or more), first `limit` in
    indicators.yaml's order; none when the file cannot be read (the warm-up's Overview run has said why)."""
    from dashboard import paths
    from dashboard.records.loading import load_indicators

    try:
        entries, _ = load_indicators(paths.indicators_path(root))
    except Exception:  # noqa: BLE001 - a failed warm-up costs speed, never the server
        return []
    charted = [e.indicator.id for e in entries if sum(o.value is not None for o in e.indicator.observations) >= 2]
    return [{"indicator": ident} for ident in charted[:limit]]


def _visit(app_test, script: Path, query: dict[str, str], page: str | None = None) -> list[str]:
    """One headless run of `script` with the URL query `query` (on `page`, a page script, when given); what went
    wrong, one line each."""
    try:
        run = app_test.from_file(str(script), default_timeout=WARM_TIMEOUT)
        run.query_params.update(query)
        run.run()
        if page and not run.exception:
            run.switch_page(page).run()
        return [f"{query or 'Overview'}: {e.message}" for e in run.exception]
    except Exception as exc:  # noqa: BLE001 - a failed warm-up costs speed, never the server
        return [f"{query or 'Overview'}: {type(exc).__name__}: {exc}"]


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Within the block Streamlit's missing-context warnings are dropped: a warm-up run has no browser tab."""
    # NOTE: a filter, not a level: Streamlit sets its loggers' levels again each time it reads its config.
    chatter = logging.getLogger(NO_CONTEXT_LOGGER)
    drop = logging.Filter("nothing")  # a name no logger has: every record fails it
    chatter.addFilter(drop)
    try:
        yield
    finally:
        chatter.removeFilter(drop)


def main(argv: Sequence[str] | None = None) -> int:
    """Warm the app up, then `streamlit run dashboard/app.py` with `argv`'s options, in this same process."""
    args = list(sys.argv[1:] if argv is None else argv)
    print("Preparing the pages before the server opens (imports, data, first chart, briefing sheet)…", file=sys.stderr)
    started = time.perf_counter()
    for line in warm_up():
        print(f"warm-up skipped a page: {line}", file=sys.stderr)
    print(f"Pages prepared in {time.perf_counter() - started:.1f} s.", file=sys.stderr)
    from streamlit.web import cli

    logging.getLogger("streamlit.config").addFilter(lambda record: RESTART_WARNING not in record.getMessage())
    # NOTE: this server loads a saved version of the files as soon as it is saved (dashboard/views/preload.py).
    os.environ[PRELOAD_ENV] = "1"
    # NOTE: what `python -m streamlit run` does: Streamlit's own command line, so options and config are read as ever.
    sys.argv = ["streamlit", "run", str(APP), *args]
    return cli.main(prog_name="streamlit")


def free_port() -> int:
    """A loopback port nobody listens on (the OS picks it, so never the lead's 8501 while that is in use)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(
    root: Path | None, port: int, script: Path = APP, output: IO | int = subprocess.DEVNULL
) -> subprocess.Popen:
    """Start `script` on 127.0.0.1:`port`, reading the project at `root` (DASHBOARD_ROOT) when given: the app through
    this launcher, as `make run` starts it; any other script (the bench's empty page) by plain `streamlit run`."""
    env = {**os.environ, **({"DASHBOARD_ROOT": str(root)} if root else {})}
    head = ["-m", "dashboard.serve"] if script == APP else ["-m", "streamlit", "run", str(script)]
    command = [sys.executable, *head, "--server.port", str(port), *FLAGS]
    return subprocess.Popen(command, cwd=APP.parent.parent, env=env, stdout=output, stderr=subprocess.STDOUT)


def wait_healthy(url: str, proc: subprocess.Popen | None = None, timeout: float = 180) -> None:
    """Return once `url`'s health check answers ok; RuntimeError when the server exits or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as reply:
                if reply.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"streamlit did not become healthy in {timeout:g} s")


def stop(proc: subprocess.Popen) -> None:
    """Terminate the server, and kill it if it has not stopped within 20 seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


if __name__ == "__main__":
    sys.exit(main())
