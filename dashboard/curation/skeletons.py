"""Ready-to-paste observation skeletons: a candidate mention as a record with only the human fields left to fill."""

from __future__ import annotations

import json

from dashboard.curation.candidates import Item, Survey
from dashboard.evidence.numbers import find_value
from dashboard.evidence.provenance import hedge_for, locate_quote
from dashboard.records.dataset import BRIEFING_LANGUAGE, Dataset

#: Marks the field only a person can fill; `validate` refuses it until they do (bad-period).
TODO_PERIOD = "TODO-YYYY-MM"
#: Indentation of an observation item in indicators.yaml, so a skeleton pastes in place.
INDENT = " " * 6


def skeleton(item: Item, data: Dataset) -> str:
    """The candidate as an observation to paste under an indicator in indicators.yaml; only TODOs left to fill."""
    m = item.mention
    stored = data.texts[item.source]
    published = data.sources[item.source].published
    head = [
        f'# {item.file}:{m.line}:{m.column} {m.kind}: "{m.text}"' + (f" (unit: {m.unit})" if m.unit else ""),
        "# TODO: paste under the indicator this figure belongs to (or a new one), then fill in period.",
    ]
    fields: list[str] = []
    if m.value is not None:
        qualifier = m.qualifier or "exact"
        if m.low is not None and qualifier == "exact":
            qualifier = "up_to"
        found = find_value(m.value, item.quote, stored.language)
        if found is not None:
            # NOTE: the same check `validate` makes, so a pasted skeleton never draws a qualifier-mismatch warning.
            qualifier = hedge_for(found, item.quote, locate_quote(item.quote, stored), stored) or qualifier
        fields += [f"value: {_number(m.value)}", f"qualifier: {qualifier}"]
        if found is None:
            fields.append(f"derived: {_quoted(f'written {m.text!r} in the text')}")
        if m.low is not None:
            fields.append(f"note: {_quoted(f'the text gives a range, {_number(m.low)} to {_number(abs(m.value))}')}")
    else:
        fields.append(f"status: {_quoted(m.text)}")
        if m.qualifier not in (None, "exact"):
            fields.append(f"qualifier: {m.qualifier}")
        if m.kind in ("multiplier", "share"):
            head.append("# TODO (optional): to chart it, add value with `derived` saying what it is a multiple of.")
    if stored.language.CODE != BRIEFING_LANGUAGE:
        head.append(
            f"# TODO: add translation: your English rendering of the {stored.language.NAME} quote, for briefers."
        )
    fields += [
        f"period: {TODO_PERIOD}  # TODO: the time the figure describes; the text was published {published}",
        f"source: {item.source}",
        f"quote: {_quoted(item.quote)}",
    ]
    if m.trend:
        fields.append(f"trend: {m.trend}")
    lines = [INDENT + line for line in head]
    lines.append(f"{INDENT}- {fields[0]}")
    lines += [f"{INDENT}  {line}" for line in fields[1:]]
    return "\n".join(lines) + "\n"


def render_yaml(result: Survey, data: Dataset) -> str:
    """Every candidate as a ready-to-paste observation skeleton."""
    return "\n".join(skeleton(item, data) for item in result.candidates)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _quoted(text: str) -> str:
    # NOTE: a JSON string is a YAML double-quoted scalar; curly quotes and dashes stay as they are.
    return json.dumps(text, ensure_ascii=False)
