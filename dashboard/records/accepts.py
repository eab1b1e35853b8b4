"""A record's `accept:` applied: the warnings and notices a curator has checked, and acceptances that no longer hold."""

from __future__ import annotations

import difflib
from collections.abc import Callable

from dashboard.problems import ACCEPTABLE, CODES, SEVERITIES, Problem, error, warning

#: Codes about a pair of records, judged once every record is loaded (records/disagreements.py), so never stale here.
PAIRED = frozenset({"texts-disagree"})

#: Where in the file a code named under `accept:` stands, as (line, column).
Place = Callable[[str], tuple[int | None, int | None]]


def settle(
    accept: dict[str, str] | None, found: list[Problem], checked: bool, place: Place, file: str, prefix: str
) -> list[Problem]:
    """`found` with each problem the record accepts marked so, and a problem for each acceptance refused or stale.

    `checked` says every check ran (the quote was found): only then can an accepted code be known to be gone.
    """
    if not accept:
        return found
    got = {p.code for p in found}
    out = [p.accept(accept[p.code]) if p.code in accept and p.code in ACCEPTABLE else p for p in found]
    for code in accept:
        line, column = place(code)
        if code not in ACCEPTABLE:
            out.append(error("accept-refused", file, line, column, f"{prefix}{_refused(code)}"))
        elif checked and code not in got and code not in PAIRED:
            message = (
                f"accept names '{code}', which this record no longer gets; remove it from accept "
                "(the data or the checks have changed since it was accepted)"
            )
            out.append(warning("stale-accept", file, line, column, f"{prefix}{message}"))
    return out


def _refused(code: str) -> str:
    """Why `code` cannot be accepted on a record."""
    if code not in CODES:
        guess = difflib.get_close_matches(code, ACCEPTABLE, n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else f"only these can be: {', '.join(ACCEPTABLE)}"
        return f"accept names '{code}', which is no problem code; {hint}"
    if code not in SEVERITIES:
        return f"accept names '{code}', an error; errors cannot be accepted, so fix what it reports"
    if code == "stale-accept":
        return "accept names 'stale-accept'; remove the stale acceptance instead of accepting it"
    return f"accept names '{code}', which is reported on a source in data/sources.yaml, not on a record"
