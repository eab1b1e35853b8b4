"""An http(s) page fetched with the user's own network: a timeout, a size cap, few redirects, HTML or text only."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from dashboard.problems import Problem, error
from dashboard.yamlio.reading import too_large_message

#: Seconds to wait for the server to connect or to send more; a news page answers in one or two.
TIMEOUT_SECONDS = 20
#: Largest page or text taken in; a news page with its scripts inlined is rarely over 2 MB.
MAX_PAGE_BYTES = 10 * 2**20
#: Redirects followed: http → https → www is two; more is a loop or a tracker chain.
MAX_REDIRECTS = 3
#: What each content type is read as; anything else (PDF, images, JSON) is refused.
CONTENT_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
SCHEMES = ("http", "https")
USER_AGENT = "russia-finance-dashboard add-source (a curator's one-off fetch)"


@dataclass(frozen=True, slots=True)
class Fetched:
    """What a server answered: its bytes, how to read them, and the address it finally came from."""

    raw: bytes
    kind: str  # html | text
    content_type: str
    url: str


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, and only to http(s)."""

    max_redirections = MAX_REDIRECTS
    max_repeats = 1

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in SCHEMES:
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-http(s) address {newurl}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, timeout: float = TIMEOUT_SECONDS, limit: int = MAX_PAGE_BYTES) -> Fetched | Problem:
    """The page at `url`, or the problem that stopped it (an error answer, a loop, a wrong type, too many bytes)."""
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain"})
    try:
        with opener.open(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type", "")
            kind = CONTENT_TYPES.get(response.headers.get_content_type())
            if kind is None:
                message = f"{url} answered with {content_type or 'no content type'}; only HTML or plain text is added"
                return error("not-a-page", url, None, None, message)
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                return error("too-large", url, None, None, too_large_message(int(length), limit))
            raw = response.read(limit + 1)
            if len(raw) > limit:
                return error("too-large", url, None, None, too_large_message(len(raw), limit))
            return Fetched(raw, kind, content_type, response.geturl())
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            message = f"{url} redirects in a loop or more than {MAX_REDIRECTS} times; save the page from a browser"
        else:
            message = f"{url} answered {exc.code} {exc.reason}; check the address, or save the page from a browser"
        return error("fetch-failed", url, None, None, message)
    except TimeoutError:
        return error("fetch-failed", url, None, None, f"{url} sent nothing for {timeout:g} s; try again later")
    except urllib.error.URLError as exc:
        reason = exc.reason.strerror if isinstance(exc.reason, OSError) and exc.reason.strerror else exc.reason
        return error("fetch-failed", url, None, None, f"cannot reach {url}: {reason}; check the address")
    except (OSError, ValueError) as exc:
        return error("fetch-failed", url, None, None, f"cannot fetch {url}: {exc}")
