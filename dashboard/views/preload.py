"""The running server's own watch on the files: a saved version is loaded (and surveyed) before any tab asks for it."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dashboard.curation.scans import unscanned

log = logging.getLogger(__name__)

#: Set by dashboard/serve.py (its PRELOAD_ENV) for the server it starts: a test's AppTest runs, one per temporary
#: project, start none.
ENV = "DASHBOARD_PRELOAD"
#: How often the files are looked at (a look stats every file: a few ms at 1,000 texts).
POLL_SECONDS = 0.5
#: The projects already watched, by root: one thread each for the server's life.
_watched: set[str] = set()
_lock = threading.Lock()


def keep_loaded(
    root: str, signature: Callable[[Path], str], load: Callable[[str, str], Any], survey: Callable[[str, str], Any]
) -> None:
    """Watch `root` from a daemon thread (once per root): on a new `signature`, `load` it, then `survey` it when no
    text is left to scan (a first scan is the Data quality page's, with its progress bar)."""
    with _lock:
        if root in _watched:
            return
        _watched.add(root)
    threading.Thread(target=_watch, args=(root, signature, load, survey), name="dashboard-preload", daemon=True).start()


def _watch(root: str, signature: Callable[[Path], str], load: Callable, survey: Callable) -> None:
    # NOTE: a new tab after a save found the load and the survey still to do (0.5-0.8 s at 1,000 texts) once its
    # script ran, after the browser's own start; loaded here, the tab's run finds them in the app's caches.
    last = signature(Path(root))
    while True:
        time.sleep(POLL_SECONDS)
        try:
            now = signature(Path(root))
            if now == last:
                continue
            last = now
            loaded = load(root, now)
            if not unscanned(loaded.data.texts.values()):
                survey(root, now)
        except Exception:  # a failed preload only leaves the work to the next tab, as before
            log.warning("preloading %s failed", root, exc_info=True)
