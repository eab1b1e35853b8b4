"""Fixtures of the browser tests: Debian's Chromium (Playwright) against the app's server on copies of projects.

One server on a clean copy of the project serves the whole session, one Chromium each module; a module whose tests
edit the project's files gets a server of its own (`scratch_server`). Every page a test opens records its requests,
and the test fails when one of them leaves the machine. Every browser test of the app lives in this folder.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dashboard.serve import CHROMIUM, CHROMIUM_ARGS
from tests.browser.support import ARTIFACTS, LOCAL, copy_project, require_browser, served
from tests.helpers import REPO


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[str]:
    """The app on a clean copy of the project; no test may change its files (use `scratch_server` for that)."""
    require_browser()
    with served(copy_project(tmp_path_factory.mktemp("project"))) as url:
        yield url


@pytest.fixture(scope="module")
def scratch_server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The app on a copy of the project the module's tests may edit, and that copy's folder."""
    require_browser()
    root = copy_project(tmp_path_factory.mktemp("scratch"))
    with served(root) as url:
        yield url, root


@pytest.fixture(scope="session")
def series_server(tmp_path_factory) -> Iterator[str]:
    """The app on a copy of the series test project (test texts: seven key-rate figures from three texts)."""
    require_browser()
    root = tmp_path_factory.mktemp("series")
    shutil.copytree(REPO / "tests" / "fixtures" / "series_project", root, dirs_exist_ok=True)
    with served(root) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module: Playwright's sync API allows one instance at a time, and tests elsewhere (the
    bench's smoke test) start their own, so none may stay open past its module."""
    require_browser()
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser) -> Iterator[Callable]:
    """`open_page(url, width, height, block=glob)` gives (page, dialogs); no request may have left the machine after.

    `block` aborts the requests matching a glob, to see the page as it is before that code arrives.
    """
    requests: list[str] = []

    def opener(url: str, width: int = 1280, height: int = 720, block: str | None = None):
        page = browser.new_page(viewport={"width": width, "height": height})
        if block:
            page.route(block, lambda route: route.abort())
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(url)
        return page, dialogs

    yield opener
    assert requests, "the test's pages asked for nothing: their requests were not recorded"
    assert [r for r in requests if not re.match(LOCAL, r)] == []
