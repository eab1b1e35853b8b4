"""A `streamlit run` of the app on a loopback port, for the browser tests and the benchmark; no streamlit import."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

#: The entry script; `streamlit run` is started from the project root beside it.
APP = Path(__file__).resolve().parent / "app.py"
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


def free_port() -> int:
    """A loopback port nobody listens on (the OS picks it, so never the lead's 8501 while that is in use)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(
    root: Path | None, port: int, script: Path = APP, output: IO | int = subprocess.DEVNULL
) -> subprocess.Popen:
    """Start `streamlit run script` on 127.0.0.1:`port`, reading the project at `root` (DASHBOARD_ROOT) when given."""
    env = {**os.environ, **({"DASHBOARD_ROOT": str(root)} if root else {})}
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), *FLAGS]
    return subprocess.Popen(command, cwd=APP.parent.parent, env=env, stdout=output, stderr=subprocess.STDOUT)


def wait_healthy(url: str, proc: subprocess.Popen | None = None, timeout: float = 90) -> None:
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
            time.sleep(0.2)
    raise RuntimeError(f"streamlit did not become healthy in {timeout:g} s")


def stop(proc: subprocess.Popen) -> None:
    """Terminate the server, and kill it if it has not stopped within 20 seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
