"""Sources page: each stored text's metadata, the indicators it backs, and its whole text with every quote marked."""

from __future__ import annotations

import streamlit as st

from dashboard.evidence.language import search_fold
from dashboard.records.schema import SOURCE_KINDS
from dashboard.tables.display import CURATORS, format_date, source_credit
from dashboard.views.shared import PAGE, Context, context, md, quote_pieces, render_notices


def choose_source(ctx: Context) -> str | None:
    """The source named in the URL (`?source=wapo-2025-05`), or the one picked in the select box."""
    sources = ctx.data.sources
    options = sorted(sources, key=lambda s: (sources[s].published, s))
    wanted = st.query_params.get("source")
    if wanted and wanted not in sources:
        st.error(f"No source with the id ‘{md(wanted)}’; choose one below.")
    index = options.index(wanted) if wanted in sources else (0 if options else None)
    choice = st.selectbox(
        "Stored text", options, index=index, format_func=lambda s: f"{source_credit(sources[s], sources)} — {s}"
    )
    if choice and choice != wanted:
        st.query_params["source"] = choice
    return choice


def metadata_lines(ctx: Context, source_id: str) -> list[str]:
    """The source's metadata as Markdown lines, every value escaped."""
    s = ctx.data.sources[source_id]
    lines = [f"**Title:** {md(s.title)}" + (" *(supplied by the curator)*" if s.title_basis == "supplied" else "")]
    if s.title_translation:
        lines.append(f"**Title, {CURATORS}** {md(s.title_translation)} *(not checked against the text)*")
    lines.append(f"**Publisher:** {md(s.publisher or 'not named in the text')}")
    kind = md(f"{s.kind} ({SOURCE_KINDS[s.kind]})") if s.kind else "not stated in data/sources.yaml"
    lines.append(f"**Kind:** {kind}")
    if s.author:
        lines.append(f"**Author:** {md(s.author)}")
    if s.reports:
        lines.append(f"**Retells reporting by:** {md(s.reports)}")
    if s.derived_from:
        lines.append(f"**Rewrites stored text:** {md(s.derived_from)} (its findings are not independent confirmation)")
    stored = ctx.data.texts.get(source_id)
    if stored is not None:
        basis = ctx.data.language_basis.get(source_id, "detected")
        how = "stated in data/sources.yaml" if basis == "stated" else "detected from the text"
        lines.append(f"**Language:** {md(stored.language.NAME)} ({md(stored.language.CODE)}, {how})")
    date = format_date(s.published, s.published_basis == "inferred")
    reason = f" — inferred: {md(s.published_reason)}" if s.published_basis == "inferred" else " (stated in the text)"
    lines.append(f"**Published:** {md(date)}{reason}")
    lines.append(f"**File:** {md(s.file)}")
    if s.note:
        lines.append(f"**Note:** {md(s.note)}")
    return lines


def cited_spans(ctx: Context, source_id: str) -> list[tuple[int, int, str | None]]:
    """Every piece of every verified quote from this text as (start, end, indicator id on its last piece, else None)."""
    rows = ctx.frame[ctx.frame["source"] == source_id]
    out: list[tuple[int, int, str | None]] = []
    for ind, pieces in zip(rows["indicator_id"], quote_pieces(ctx.data, rows), strict=True):
        out += [(start, end, ind if n == len(pieces) - 1 else None) for n, (start, end) in enumerate(pieces)]
    return out


def merge_spans(spans: list[tuple[int, int, str | None]]) -> list[tuple[int, int, list[str]]]:
    """Overlapping cited spans merged into one, each with every indicator it backs (by where its quote ends)."""
    merged: list[tuple[int, int, list[str]]] = []
    for start, end, ind in sorted(spans, key=lambda s: (s[0], s[1], s[2] or "")):
        new = [ind] if ind else []
        if merged and start < merged[-1][1]:
            first, last, ids = merged[-1]
            merged[-1] = (first, max(last, end), ids + [i for i in new if i not in ids])
        else:
            merged.append((start, end, new))
    return merged


def indicator_links(ids: list[str], names: dict[str, str]) -> str:
    """` (→ [Key rate](/indicator?indicator=key_rate), …)`: a link to each indicator a passage backs, names escaped."""
    # NOTE: links are built by us from a snake_case id, never from the text.
    links = [f"[{md(names.get(i, i))}](/indicator?indicator={i})" for i in ids]
    return " (→ " + ", ".join(links) + ")"


def highlight_paragraph(paragraph: str, offset: int, merged: list, names: dict[str, str]) -> str:
    """One paragraph as Markdown: cited passages highlighted, each followed by links to the indicators it backs."""
    end = offset + len(paragraph)
    out, cursor = [], 0
    for start, stop, ids in merged:
        if stop <= offset or start >= end:
            continue
        left, right = max(start, offset) - offset, min(stop, end) - offset
        out.append(md(paragraph[cursor:left]))
        out.append(f":orange-background[{md(paragraph[left:right])}]")
        if ids and stop <= end:  # a passage over several paragraphs lists its indicators once, where it ends
            out.append(indicator_links(ids, names))
        cursor = right
    out.append(md(paragraph[cursor:]))
    # NOTE: leading spaces would make the paragraph a code block.
    return "".join(out).lstrip(" \t")


def render_text(text: str, spans: list[tuple[int, int, str | None]], names: dict[str, str]) -> None:
    """The whole text, paragraph by paragraph, each cited passage highlighted and linked to every indicator it backs."""
    merged = merge_spans(spans)
    offset = 0
    chunks = []
    for paragraph in text.split("\n"):
        if paragraph.strip():
            chunks.append(highlight_paragraph(paragraph, offset, merged, names))
        offset += len(paragraph) + 1
    st.markdown("\n\n".join(chunks))


#: Most passages a search of one text lists; past it the count says how many more there are.
MAX_FINDS = 50


def find_passages(text: str, query: str) -> list[tuple[int, int, int]]:
    """(line, start, end) of each place `query` stands in the text, blind to case and to ё/е; offsets into the line."""
    wanted = search_fold(query.strip())
    if not wanted:
        return []
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        folded, at = search_fold(line), 0
        while (at := folded.find(wanted, at)) >= 0:
            found.append((number, at, at + len(wanted)))
            at += len(wanted)
    return found


def render_finds(text: str, query: str) -> None:
    """Each line of the text where `query` stands, the match highlighted, and how many there are."""
    found = find_passages(text, query)
    st.caption(f"{len(found)} match{'es' if len(found) != 1 else ''} for ‘{md(query.strip())}’ (case and ё/е ignored)")
    lines = text.split("\n")
    rows = []
    for number, start, end in found[:MAX_FINDS]:
        line = lines[number - 1]
        left, right = max(0, start - 80), min(len(line), end + 80)
        shown = f"{md(line[left:start])}:blue-background[{md(line[start:end])}]{md(line[end:right])}"
        rows.append(f"- line {number}: {'…' if left else ''}{shown}{'…' if right < len(line) else ''}")
    if len(found) > MAX_FINDS:
        rows.append(f"- … and {len(found) - MAX_FINDS} more")
    if rows:
        st.markdown("\n".join(rows))


def render_sources(ctx: Context) -> None:
    """The Sources page."""
    st.title("Sources")
    render_notices(ctx)
    chosen = choose_source(ctx)
    if chosen is None:
        st.info("No sources could be read; see Data quality.")
        return
    st.markdown("  \n".join(metadata_lines(ctx, chosen)))
    spans = cited_spans(ctx, chosen)
    backed = sorted({ind for _, _, ind in spans if ind})
    names = {ind.id: ind.name for ind in ctx.data.indicators}
    st.subheader(f"Backs {len(backed)} indicator{'s' if len(backed) != 1 else ''}")
    columns = st.columns(3)
    for i, ind in enumerate(backed):
        columns[i % 3].page_link(PAGE["indicator"], label=md(names.get(ind, ind)), query_params={"indicator": ind})
    st.subheader("Whole text")
    st.caption("Highlighted: the passages quoted by indicators; after each, a link to every indicator it backs.")
    stored = ctx.data.texts.get(chosen)
    if stored is None:
        st.warning("The stored text could not be read; see Data quality.")
        return
    query = st.text_input("Find in this text", key="source_find", placeholder="e.g. дефицит, key rate")
    if query.strip():
        render_finds(stored.text, query)
    with st.container(border=True, height=520):
        render_text(stored.text, spans, names)


if __name__ == "__main__":
    render_sources(context())
