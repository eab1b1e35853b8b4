import io

import pytest

from dashboard.curation import status
from dashboard.curation.status import StatusLine, status_line, status_lines


class Terminal(io.StringIO):
    """A stream that says it is a terminal (test double)."""

    def isatty(self) -> bool:
        return True


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_only_a_terminal_gets_a_status_line():
    assert status_line(io.StringIO(), "scanning") is None
    assert isinstance(status_line(Terminal(), "scanning"), StatusLine)


def test_the_line_shows_after_the_delay_moves_at_most_so_often_and_is_wiped_when_done():
    out, clock = Terminal(), Clock()
    line = StatusLine(out, "scanning stored texts", clock)
    line(1, 1000)
    assert out.getvalue() == ""  # within DELAY: a quick run shows nothing
    clock.now += status.DELAY
    line(16, 1000)
    assert out.getvalue() == "\rscanning stored texts: 16 of 1,000 (kept for the next run)"
    clock.now += status.EVERY / 2
    line(32, 1000)
    assert out.getvalue().count("\r") == 1  # too soon after the last rewrite
    clock.now += 2 * status.EVERY
    line(999, 1000)
    assert out.getvalue().endswith("\rscanning stored texts: 999 of 1,000 (kept for the next run)")
    width = len("scanning stored texts: 999 of 1,000 (kept for the next run)")
    line(1000, 1000)
    assert out.getvalue().endswith("\r" + " " * width + "\r")


def test_a_shorter_line_covers_what_the_longer_one_left():
    out, clock = Terminal(), Clock()
    line = StatusLine(out, "scanning", clock)
    clock.now += status.DELAY
    line(1000, 10000)
    clock.now += 2 * status.EVERY
    line(9, 10)
    longer = len("scanning: 1,000 of 10,000 (kept for the next run)")
    assert out.getvalue().endswith("\r" + "scanning: 9 of 10 (kept for the next run)".ljust(longer))


def test_a_line_never_shown_is_never_wiped():
    out = Terminal()
    line = StatusLine(out, "scanning", Clock())
    line(5, 5)
    line.close()
    assert out.getvalue() == ""


def test_status_lines_are_wiped_when_the_work_stops_halfway(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(status, "DELAY", 0.0)
    out = Terminal()
    with pytest.raises(KeyboardInterrupt), status_lines(out, "scanning", "suggesting") as (scanning, suggesting):
        assert scanning is not None and suggesting is not None
        scanning(3, 10)
        raise KeyboardInterrupt
    shown = "scanning: 3 of 10 (kept for the next run)"
    assert out.getvalue() == "\r" + shown + "\r" + " " * len(shown) + "\r"
