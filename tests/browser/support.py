"""What the browser tests share: starting a server on a copy of a project, waiting for a page, selectors."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.serve import CHROMIUM, free_port, start_app, stop, wait_healthy
from dashboard.views.overview import TILE_KEY
from dashboard.views.shared import CHART_STACK, STYLE
from tests.helpers import REPO

ARTIFACTS = REPO / "artifacts"
#: What a page of the app may ask for: its own server, and data and blob URLs the page made itself.
LOCAL = r"^(?:http://127\.0\.0\.1:\d+/|data:|blob:)"

KEY_RATE_BAR = "[data-testid='stVegaLiteChart'] path[aria-label*='row: Bank of Russia key rate']"
LIVE_CHART = ".vega-embed svg, .vega-embed canvas"
PREVIEW = f"[class*='st-key-{CHART_STACK}'] img"
#: A headline tile's label and its value: the first and the second paragraph of the tile's Markdown block.
TILE_TEXT = f"[class*='st-key-{TILE_KEY}'] [data-testid='stMarkdown'] [data-testid='stMarkdownContainer']"
TILE_LABEL = f"{TILE_TEXT} > p:nth-child(1)"
TILE_VALUE = f"{TILE_TEXT} > p:nth-child(2)"
#: Whether the page's own style sheet (STYLE, without its tags) is in the page, so its layout applies.
STYLED = """(css) => [...document.querySelectorAll('style')].some((sheet) => sheet.textContent.trim() === css)"""
STYLE_CSS = STYLE.removeprefix("<style>").removesuffix("</style>").strip()


def require_browser() -> None:
    """Skip (or fail, when DASHBOARD_REQUIRE_BROWSER=1) where Debian's Chromium is missing."""
    if CHROMIUM.exists():
        return
    reason = "Debian's Chromium is not at /usr/bin/chromium (apt-get install chromium); browser tests need it"
    if os.environ.get("DASHBOARD_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " and DASHBOARD_REQUIRE_BROWSER=1 says they must run")
    pytest.skip(reason)


@contextlib.contextmanager
def served(root: Path) -> Iterator[str]:
    """`streamlit run` on `root` on a free loopback port, stopped afterwards; a start that fails shows its log."""
    port = free_port()
    log = root / "streamlit.log"
    with log.open("w") as out:
        proc = start_app(root, port, output=out)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_healthy(url, proc)
        except RuntimeError as exc:
            pytest.fail(f"{exc}:\n{log.read_text()}")
        yield url
    finally:
        stop(proc)


def copy_project(root: Path) -> Path:
    """The repository's own data and stored texts, copied under `root`."""
    shutil.copy(REPO / "indicators.yaml", root)
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "seeds", root / "seeds")
    return root


def settle(page) -> None:
    """Wait until Streamlit has finished its run (no running indicator) and fonts have loaded."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=30_000)
    page.wait_for_timeout(1200)


def finish(page, shot: str, dialogs: list[str] | None = None) -> None:
    """Settle, save the screenshot under artifacts/, check that no script opened a dialog, and close the page."""
    settle(page)
    page.screenshot(path=ARTIFACTS / shot)
    page.close()
    assert dialogs in (None, []), dialogs
