"""What tests share besides fixtures: the repository's paths, fixture expectations, a hang guard, markup payloads."""

from __future__ import annotations

import contextlib
import re
import signal
from collections.abc import Iterator
from pathlib import Path

#: The repository's root (tests/ sits directly under it).
REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
PROJECT = FIXTURES / "project"
_EXPECT = re.compile(r"^# expect: (?P<code>[a-z0-9-]+) (?P<line>\d+)$", re.MULTILINE)


def expectations(path: Path) -> list[tuple[str, int]]:
    """The (code, line) pairs an invalid fixture declares in its `# expect: CODE LINE` header."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    found = [(m["code"], int(m["line"])) for m in _EXPECT.finditer(text)]
    assert found, f"{path.name} declares no '# expect: CODE LINE'"
    return found


class Hung(BaseException):
    """Raised by hang_guard; not an OSError or Exception, so no `except` in the code under test can swallow it."""


#: A hang guard, not a timing: real runs take milliseconds, so only a call that never returns reaches this.
HANG_SECONDS = 30


@contextlib.contextmanager
def hang_guard(seconds: int = HANG_SECONDS) -> Iterator[None]:
    """Fail the block with Hung if it has not returned after `seconds` (a hang, not a slow machine)."""

    def hung(signum, frame):
        raise Hung(f"still running after {seconds} s: a hang (this guard is not a speed test)")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


#: Markup of every kind the app must show as literal text: HTML, script, Markdown link, maths, colour directive.
PAYLOAD = "Probe <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) $x^2$ :red[red]"


def payload_indicator(source: str) -> str:
    """An indicator record, to append to indicators.yaml, whose every text field is PAYLOAD quoted from `source`."""
    return f"""  - id: payload_probe
    name: '{PAYLOAD}'
    category: war
    unit: qualitative
    higher_is: neutral
    description: '{PAYLOAD}'
    observations:
      - status: '{PAYLOAD}'
        period: 2025
        source: {source}
        quote: '{PAYLOAD}'
"""


def protected_files(root: Path) -> list[Path]:
    """The user's files that no test, command or page may write: indicators.yaml, data/ and seeds/."""
    found = [root / "indicators.yaml"]
    for folder in ("data", "seeds"):
        found += sorted(path for path in (root / folder).rglob("*") if path.is_file())
    return found


#: Saved-page fixtures of our own making, written in UTF-8 and saved by the tests in the charset each declares.
PAGES = FIXTURES / "pages"


def saved_page(name: str, encoding: str, folder: Path) -> Path:
    """The fixture page `name` saved into `folder` in `encoding`, as a browser saves a page in its own charset.

    A character the charset lacks (▲, an em dash in KOI8-R) is written as a character reference, as browsers do.
    """
    path = folder / name
    path.write_bytes((PAGES / name).read_text(encoding="utf-8").encode(encoding, errors="xmlcharrefreplace"))
    return path


def filtered(shown: int, total: int) -> str:
    """The Overview's notice while a filter is on: how many findings are shown, and that the tiles are not filtered."""
    return (
        f"Filtered: {shown} of {total} findings shown in the table and charts; each tab says how many it holds. "
        "The headline tiles above are not filtered."
    )


#: The finder's patterns it leaves unrun on a sentence without their needles (dashboard/evidence/literals.py).
FINDER_GATED = ("MULTIPLE", "SHARE", "TERM", "CHANGE")


def pieces_near(code: str) -> list[str]:
    """Words that come near the finder's patterns: words of their source and neighbours, in odd cases and letters."""
    from dashboard.evidence import language
    from dashboard.evidence.numbers import syntax

    lang = language.get(code)
    patterns = [getattr(lang, name) for name in FINDER_GATED] + [syntax(lang).words]
    patterns += [pattern for _, pattern in lang.PERIODS]
    # NOTE: the words are read from the patterns' source, not from the needles under test ("\\bhalf" gives "bhalf"
    # and "half").
    runs = {run for pattern in patterns for run in re.findall(r"[^\W\d_]{2,}", pattern.pattern)}
    words = sorted(runs | {run[1:] for run in runs})
    odd = ["ſ", "ı", "İ", "K", "ё", "Ё", "µ", "ᲀ", "—", "-", ",", ".", " ", "  ", "\u00a0", "5", "12", "3.5", "4,5"]
    glue = ["of", "as", "the", "in", "more", "times", "fold", "раз", "в", "на", "часть", "капитала", "dry", "ly"]
    return words + [w.upper() for w in words[::3]] + [w.title() for w in words[1::3]] + odd + glue
