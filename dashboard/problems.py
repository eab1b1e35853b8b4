"""Problems found in the data: each a record with a code, a severity and a place, never a traceback."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, replace
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: errors drop the record, warnings keep it, notices say what is left to do."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


#: Every problem code the program can report, with what the user should do about it.
CODES: dict[str, str] = {
    "file-missing": "The file does not exist; check the path.",
    "file-unreadable": "The file could not be read; check its permissions.",
    "not-utf8": "Save the file as UTF-8.",
    "empty-file": "The file holds no records; restore it from git or add a record.",
    "yaml-syntax": "Fix the YAML syntax at the line shown.",
    "duplicate-key": "A key appears twice in one mapping; YAML would silently keep the last one.",
    "alias-refused": "Anchors and aliases (&name, *name) are not allowed; write the value out.",
    "tag-refused": "Tags such as !!python/object are not allowed; remove the tag.",
    "not-a-mapping": "The file or record has the wrong shape; compare with the example at the top.",
    "unknown-field": "Remove or rename the field; it is not in the schema.",
    "missing-field": "Add the required field.",
    "wrong-type": "Give the field a value of the right type.",
    "invalid-value": "Use one of the allowed values.",
    "bad-period": "Write the period as YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD or FROM..TO.",
    "bad-update-period": "Write `update_period_days` as a whole number of days above zero (45 for eight times a year).",
    "missing-status": "A qualitative observation (no value) needs a short `status`.",
    "duplicate-id": "Ids must be unique; rename one of the records.",
    "unknown-source": "Use a source id from data/sources.yaml, or add the source there.",
    "source-file-missing": "The stored text is missing; restore it under seeds/.",
    "source-outside-seeds": "A source file must be a plain file inside seeds/.",
    "quote-not-found": "Copy the quote verbatim from the stored text.",
    "value-not-in-quote": "Quote the sentence that states the number, or explain in `derived`.",
    "qualifier-mismatch": "Set `qualifier` to the text's own hedge word.",
    "too-large": "The file, a value or the nesting is larger than the program accepts; split it or trim it.",
    "control-character": "Delete the invisible control character (NUL, bell, escape…); it comes from a bad paste.",
    "ambiguous-number": "YAML 1.1 reads this number in a surprising base; write plain decimal digits or quote it.",
    "source-changed": "The stored text differs from its checksum in data/seeds.sha256; restore it from git.",
    "not-a-file": "Point at a plain file; a FIFO, device or folder is refused unread.",
    "qualifier-unsupported": "No hedge word stands before the number in the text; set `qualifier: exact`.",
    "sign-mismatch": "A decline is a negative value and a rise a positive one; check the value's sign.",
    "ambiguous-quote": "The quote fits the text in more than one place; lengthen it until it fits one.",
    "unsupported-input": "Give add-source an http(s) URL, a saved .html page or a .txt text.",
    "fetch-failed": "The page could not be fetched; check the address, or save the page from a browser and add that.",
    "not-a-page": "Only HTML pages and plain texts are added; save the article as a web page or as text.",
    "not-an-article": "The page holds no article text; add the article's own page, not a home page or paywall.",
    "missing-metadata": "The page does not state a required field; give it with --title or --published.",
    "duplicate-text": "The same text is already stored; use its source instead of adding it again.",
    "write-failed": "A file could not be written; free space or fix permissions, then add the source again.",
    "language-mismatch": "The stored text is mostly in another script than its stated `language`; fix the field.",
    "untranslated-quote": "Add `translation`: the curator's English rendering of the quote, for briefers.",
    "accept-refused": "Only a warning or notice about this record can be accepted; fix what an error reports.",
    "stale-accept": "The record no longer gets the accepted problem; remove it from `accept`.",
    "unit-mismatch": "The observation's unit is in another base than its indicator's; it belongs to another indicator.",
    "texts-disagree": "Two independent texts give figures their hedges cannot both allow; check both, or accept it.",
    "unknown-unit": "Write the observation's unit with a scale word the program knows, e.g. 'billion rubles'.",
}

#: The severity of each code that is not an error (every other code is one); Problem checks it on creation.
SEVERITIES: dict[str, Severity] = {
    "qualifier-mismatch": Severity.WARNING,
    "qualifier-unsupported": Severity.WARNING,
    "sign-mismatch": Severity.WARNING,
    "ambiguous-quote": Severity.WARNING,
    "language-mismatch": Severity.WARNING,
    "stale-accept": Severity.WARNING,
    "untranslated-quote": Severity.NOTICE,
    "texts-disagree": Severity.NOTICE,
}
#: Codes a curator may accept on an observation (`accept:`): the warnings and notices about that one record.
# NOTE: language-mismatch is about a source, and accepting stale-accept would only hide a stale acceptance.
ACCEPTABLE = tuple(code for code in SEVERITIES if code not in {"language-mismatch", "stale-accept"})


#: Unicode categories that are invisible or steer a terminal: controls, format (zero-width, bidi), line breaks.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
#: Longest piece of the data a message repeats; a 1 MB value is named, not printed.
SHOWN_CHARS = 80


def escape_unsafe(text: str) -> str:
    """`text` with control, zero-width and bidi characters written as visible escapes (`\\x07`, `\\u202e`)."""
    if text.isprintable():
        return text
    return "".join(_escape(ch) if unicodedata.category(ch) in _HIDDEN else ch for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def shown(value: object) -> str:
    """A piece of the data as a message repeats it: hidden characters escaped, cut to SHOWN_CHARS."""
    text = str(value)
    if len(text) > SHOWN_CHARS:
        return f"{escape_unsafe(text[: SHOWN_CHARS - 1])}… ({len(text):,} characters)"
    return escape_unsafe(text)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the data, where it is and what it is."""

    code: str
    severity: Severity
    file: str
    line: int | None
    column: int | None
    message: str
    #: The curator's reason when the record accepts this problem (`accept:`); None while it stands.
    accepted_because: str | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unregistered problem code {self.code!r}")
        if self.severity is not SEVERITIES.get(self.code, Severity.ERROR):
            raise ValueError(f"{self.code!r} is registered as {SEVERITIES.get(self.code, Severity.ERROR)}")
        # NOTE: messages quote the data; whatever the data holds, the message printed to a terminal is inert.
        object.__setattr__(self, "message", escape_unsafe(self.message))

    def location(self) -> str:
        """`file:line:col`, as compilers and linters print it."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        """One line: `indicators.yaml:12:9: error[quote-not-found]: …`."""
        return f"{self.location()}: {self.severity}[{self.code}]: {self.message}"

    @property
    def accepted(self) -> bool:
        """Whether a curator has checked this problem and accepted it on its record."""
        return self.accepted_because is not None

    def accept(self, reason: str) -> Problem:
        """This problem, accepted for `reason`."""
        return replace(self, accepted_because=reason)

    def to_dict(self) -> dict:
        """A plain dict for JSON and tables."""
        out = asdict(self)
        reason = out.pop("accepted_because")
        return out | {
            "severity": str(self.severity),
            "hint": CODES[self.code],
            "accepted": self.accepted,
            "reason": reason,
        }


def error(code: str, file: str, line: int | None, column: int | None, message: str) -> Problem:
    """An error at a place."""
    return Problem(code, Severity.ERROR, file, line, column, message)


def warning(code: str, file: str, line: int | None, column: int | None, message: str) -> Problem:
    """A warning at a place."""
    return Problem(code, Severity.WARNING, file, line, column, message)


def notice(code: str, file: str, line: int | None, column: int | None, message: str) -> Problem:
    """A notice at a place: nothing is wrong, but something is left to do."""
    return Problem(code, Severity.NOTICE, file, line, column, message)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """File, then line, then column order, as an editor would list them."""
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.code))


def summarize(problems: list[Problem]) -> str:
    """`2 errors, 1 warning, 3 notices` or `no problems`; accepted problems are not counted."""
    counts = Counter(p.severity for p in problems if not p.accepted)
    if not counts:
        return "no problems"
    parts = []
    for severity in Severity:
        n = counts.get(severity, 0)
        if n:
            parts.append(f"{n} {severity}{'' if n == 1 else 's'}")
    return ", ".join(parts)
