"""Fetching a page over http on 127.0.0.1 only: 200, an error answer, a redirect loop, a wrong type, too many bytes."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.curation import add_source, fetch, intake
from dashboard.problems import Problem
from tests.helpers import PAGES

ARTICLE = (PAGES / "ru_jsonld.html").read_text(encoding="utf-8").encode("windows-1251", errors="xmlcharrefreplace")
#: Path → (status, headers, body) the test server answers with.
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/article": (200, {"Content-Type": "text/html; charset=windows-1251"}, ARTICLE),
    "/hop": (302, {"Location": "/article"}, b""),
    "/missing": (404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>"),
    "/loop": (302, {"Location": "/loop"}, b""),
    "/chain1": (302, {"Location": "/chain2"}, b""),
    "/chain2": (302, {"Location": "/chain3"}, b""),
    "/chain3": (302, {"Location": "/chain4"}, b""),
    "/chain4": (302, {"Location": "/article"}, b""),
    "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7"),
    "/huge": (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 5000 + b"</p>"),
    "/ftp": (302, {"Location": "ftp://127.0.0.1/file.html"}, b""),
}


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, headers, body = ROUTES.get(self.path, (404, {}, b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if self.path != "/huge":  # NOTE: no Content-Length, so only the bounded read can catch it
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_is_fetched_through_a_redirect_with_its_type_and_final_address(server: str) -> None:
    got = fetch.fetch(f"{server}/hop")
    assert not isinstance(got, Problem)
    assert (got.raw, got.kind, got.content_type, got.url) == (
        ARTICLE,
        "html",
        "text/html; charset=windows-1251",
        f"{server}/article",
    )


@pytest.mark.parametrize(
    ("path", "code", "message"),
    [
        (
            "/missing",
            "fetch-failed",
            "{url} answered 404 Not Found; check the address, or save the page from a browser",
        ),
        ("/loop", "fetch-failed", "{url} redirects in a loop or more than 3 times; save the page from a browser"),
        ("/chain1", "fetch-failed", "{url} redirects in a loop or more than 3 times; save the page from a browser"),
        ("/report.pdf", "not-a-page", "{url} answered with application/pdf; only HTML or plain text is added"),
        ("/huge", "too-large", "file is 1,001 bytes; the limit is 1,000 bytes"),
    ],
)
def test_a_bad_answer_is_a_problem_not_a_traceback(server: str, path: str, code: str, message: str) -> None:
    url = f"{server}{path}"
    got = fetch.fetch(url, limit=1000)
    assert isinstance(got, Problem)
    assert (got.code, got.file, got.message) == (code, url, message.format(url=url))


def test_a_redirect_to_another_scheme_is_not_followed(server: str) -> None:
    got = fetch.fetch(f"{server}/ftp")
    assert isinstance(got, Problem) and got.code == "fetch-failed"


def test_a_server_that_does_not_answer_is_a_problem() -> None:
    got = fetch.fetch("http://127.0.0.1:9/nothing-listens-here", timeout=2)
    assert isinstance(got, Problem) and got.code == "fetch-failed"
    assert got.message.startswith("cannot reach http://127.0.0.1:9/nothing-listens-here: ")


@pytest.mark.parametrize("target", ["ftp://127.0.0.1/page.html", "file:///etc/passwd", "data:text/html,<p>x</p>"])
def test_other_schemes_are_refused_unfetched(target: str) -> None:
    got = intake.read_input(target)
    assert isinstance(got, Problem) and got.code == "unsupported-input"
    assert got.message.endswith("addresses are not fetched; give an http(s) URL or a saved .html or .txt file")


def test_a_url_is_added_with_its_address_and_the_day_it_was_fetched(server: str, project: Path) -> None:
    outcome = add_source.add_source(add_source.Request(f"{server}/article"), project, today=dt.date(2025, 3, 20))
    assert (outcome.code, outcome.source) == (0, "delovoi-vestnik-2025-03"), outcome.err
    entry = (project / "data" / "sources.yaml").read_text(encoding="utf-8")
    assert f"  # added by add-source on 2025-03-20 from {server}/article: title from JSON-LD headline;" in entry
    assert entry.endswith(f'    url: "{server}/article"\n    retrieved: "2025-03-20"\n    language: ru\n')
    text = (project / "seeds" / "000_delovoi-vestnik-2025-03.txt").read_text(encoding="utf-8")
    assert "по состоянию на 1 марта составил 3,36 трлн рублей" in text
