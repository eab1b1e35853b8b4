"""Problems as GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), one a line.

The escaping is the runner's own (actions/toolkit `packages/core/src/command.ts`): in the message `%`, carriage
return and newline become %25, %0D and %0A; in a property value `:` and `,` also become %3A and %2C, since they
separate the properties. An annotation without a line is attached to the file alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from dashboard.problems import Problem

#: What the data part of a workflow command escapes; `%` first, so the escapes are not escaped again.
DATA_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
#: What a property value escapes besides: the separators of properties.
PROPERTY_ESCAPES = (*DATA_ESCAPES, (":", "%3A"), (",", "%2C"))
#: The workflow command for each severity (the same words).
COMMANDS = {"error": "error", "warning": "warning", "notice": "notice"}


def escape_data(text: str) -> str:
    """The message part of a workflow command."""
    for plain, escaped in DATA_ESCAPES:
        text = text.replace(plain, escaped)
    return text


def escape_property(text: str) -> str:
    """A property value of a workflow command (file, title)."""
    for plain, escaped in PROPERTY_ESCAPES:
        text = text.replace(plain, escaped)
    return text


def workflow_command(problem: Problem) -> str:
    """One problem as `::error file=…,line=…,col=…,title=…::message` (warning and notice alike)."""
    props = [f"file={escape_property(problem.file)}"]
    if problem.line is not None:
        props.append(f"line={problem.line}")
        if problem.column is not None:
            props.append(f"col={problem.column}")
    props.append(f"title={escape_property(f'{problem.severity}[{problem.code}]')}")
    return f"::{COMMANDS[str(problem.severity)]} {','.join(props)}::{escape_data(problem.message)}"


def workflow_commands(problems: Iterable[Problem]) -> list[str]:
    """Each problem's workflow command, in the order given."""
    return [workflow_command(p) for p in problems]
