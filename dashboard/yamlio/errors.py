"""libyaml's errors → one plain sentence at the most useful line and column, with YAML's own words after it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from dashboard.problems import Problem, error

#: The line breaks libyaml counts, so that lines computed here agree with its marks.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
#: A line where a double-quoted value opens and does not close: the usual cause of a runaway quote.
_OPEN_QUOTE = re.compile(r"""^[ \t]*(?:- +)*(?:[^\s"'#-][^:#]*: +)?"(?:[^"\\\n]|\\.)*$""", re.MULTILINE)


def reader_problem(exc: yaml.reader.ReaderError, text: str, file: str) -> Problem:
    """A character libyaml's reader refuses (a control character), located by line and column."""
    # NOTE: libyaml reports the position in UTF-8 bytes of the text, not in characters.
    before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore")
    lines = _LINE_BREAK.split(before)
    line, column = len(lines), len(lines[-1]) + 1
    char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    kind = "control character" if "control" in str(exc.reason) else "character"
    message = f"{kind} U+{char:04X} is not allowed (it is invisible in most editors); delete it"
    return error("control-character", file, line, column, message)


def syntax_problem(exc: yaml.YAMLError, text: str, file: str) -> Problem:
    """A parser error as one plain sentence at the most useful place, with YAML's own words after it."""
    context = getattr(exc, "context", None) or ""
    problem = getattr(exc, "problem", None) or str(exc)
    where, began = getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)
    where = where or began
    words = " ".join(part for part in (context, problem) if part)
    code, lead = "yaml-syntax", None
    if "tab" in problem or _char_at(text, where) == "\t":
        lead = "a tab character: YAML indents with spaces only, so replace the tab with spaces"
    elif problem.startswith("mapping values are not allowed"):
        lead = "a ': ' inside an unquoted value; put the whole value in quotes"
    elif "quoted scalar" in context and "end of stream" in problem and began is not None:
        where = _open_quote(text, began.line) or began
        lead = "the quote that opens here is never closed; add the closing quote"
    elif "quoted scalar" in context and "escape" in problem:
        lead = "a backslash in double quotes starts an escape; write \\\\ for a backslash, or use single quotes"
    elif "flow sequence" in context or "flow mapping" in context:
        where = began or where
        lead = f"the '{'[' if 'sequence' in context else '{'}' that opens here is not closed, or an item lacks a comma"
    elif "block mapping" in context or "block collection" in context or "block sequence" in context:
        lead = "this line's indentation does not fit the lines above; line it up with its siblings"
    elif "expected ':'" in problem and began is not None:
        where, lead = began, "a key with no ':' after it (a colon missing, or the file cut short)"
    elif "undefined alias" in problem:
        code, lead = "alias-refused", "aliases (*name) are not allowed; write the value out"
    elif "single document" in context + problem:
        lead = "a second document ('---') is not allowed; keep one document per file"
    stopped = getattr(exc, "problem_mark", None)
    if stopped is not None and where is not None and stopped.line != where.line:
        words += f"; YAML stopped at line {stopped.line + 1}"
    elif began is not None and where is not None and began.line != where.line and code == "yaml-syntax":
        words += f"; the construct began at line {began.line + 1}"
    line, column = _clamp(text, where) if where is not None else (None, None)
    message = f"{lead} (YAML: {words})" if lead else f"YAML syntax: {words}"
    return error(code, file, line, column, message)


def _open_quote(text: str, before: int) -> _Mark0 | None:
    """The first line, up to line `before` (0-based), where a double quote opens and is not closed."""
    for match in _OPEN_QUOTE.finditer(text):
        line = text.count("\n", 0, match.start())
        if line > before:
            return None
        column = match.group().index('"')
        return _Mark0(line, column)
    return None


@dataclass(frozen=True, slots=True)
class _Mark0:
    """A 0-based place, shaped like libyaml's marks."""

    line: int
    column: int


def _clamp(text: str, mark: Any) -> tuple[int, int]:
    """1-based line and column of a mark, kept inside the text (libyaml may point one line past its end)."""
    lines = _LINE_BREAK.split(text)
    if mark.line < len(lines):
        return mark.line + 1, mark.column + 1
    return len(lines), len(lines[-1]) + 1


def _char_at(text: str, mark: Any) -> str | None:
    if mark is None:
        return None
    lines = _LINE_BREAK.split(text)
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return None
