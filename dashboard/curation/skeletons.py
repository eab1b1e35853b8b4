"""Ready-to-paste observation skeletons: a candidate mention as a record with only the human fields left to fill."""

from __future__ import annotations

import json

from dashboard.curation.candidates import Item, Survey
from dashboard.curation.suggestions import IndicatorSuggestion, Suggester
from dashboard.evidence.numbers import find_value
from dashboard.evidence.provenance import hedge_for, locate_quote
from dashboard.records.dataset import BRIEFING_LANGUAGE, Dataset

#: Marks a field only a person can fill; `validate` refuses it until they do (bad-period, bad higher_is).
TODO_PERIOD = "TODO-YYYY-MM"
TODO = "TODO"
#: Indentation of an observation item in indicators.yaml, so a skeleton pastes in place.
INDENT = " " * 6


def skeleton(item: Item, data: Dataset, suggester: Suggester | None = None) -> str:
    """The candidate as an observation to paste under its suggested indicator; the suggested period filled in."""
    m = item.mention
    indicator, period = (suggester or Suggester(data)).suggest(item.source, m, item.text)
    stored = data.texts[item.source]
    head = [
        f'# {item.file}:{m.line}:{m.column} {m.kind}: "{m.text}"' + (f" (unit: {m.unit})" if m.unit else ""),
        f"# suggested indicator: {indicator.id}" + (" (new)" if indicator.new else "") + f" from {_words(indicator)}",
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
        f"period: {period.period}  # suggested from {_quoted(period.because)}: check it",
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
    """Every candidate as a ready-to-paste skeleton, grouped under its suggested indicator: one block to paste each."""
    suggester = result.suggester or Suggester(data)
    groups: dict[str, tuple[IndicatorSuggestion, list[str]]] = {}
    for item in result.candidates:
        indicator, _ = suggester.suggest(item.source, item.mention, item.text)
        groups.setdefault(indicator.id, (indicator, []))[1].append(skeleton(item, data, suggester))
    return "\n".join(_block(indicator, items) for indicator, items in groups.values())


def _block(indicator: IndicatorSuggestion, items: list[str]) -> str:
    """One indicator's skeletons: under a paste-here line, or inside a new indicator's own record."""
    if not indicator.new:
        head = f"# ── paste under `- id: {indicator.id}` ({indicator.name}), at the end of its observations ──\n"
        return head + "\n".join(items)
    lines = [
        f"# ── a new indicator (suggested from {_words(indicator)}): rename it, fill the TODOs, paste it in ──",
        f"  - id: {indicator.id}",
        f"    name: {_quoted(indicator.name)}",
        f"    category: {indicator.category}  # suggested: check it",
        f"    unit: {_quoted(indicator.unit or TODO)}",
        f"    higher_is: {TODO}  # worse, better or neutral",
        f"    description: {_quoted(TODO)}",
        "    observations:",
    ]
    return "\n".join(lines) + "\n" + "\n".join(items)


def _words(indicator: IndicatorSuggestion) -> str:
    return ", ".join(_quoted(w) for w in indicator.because) or "no words matched"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _quoted(text: str) -> str:
    """`text` as json.dumps(text, ensure_ascii=False) writes it, by the encoder's own C function (json.dumps makes an
    encoder for each call: 0.3-0.4 s of a `--format yaml` report's 2.7 s at 1,000 texts)."""
    # NOTE: a JSON string is a YAML double-quoted scalar; curly quotes and dashes stay as they are.
    return json.encoder.encode_basestring(text)
