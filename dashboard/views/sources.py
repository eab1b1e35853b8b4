"""Sources page: each stored text's metadata, the indicators it backs, and its whole text with every quote marked."""

from __future__ import annotations

import streamlit as st

from dashboard.display import format_date, highlight_markdown, source_credit
from dashboard.views.shared import PAGE, Context, context, md, render_notices


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
    lines.append(f"**Publisher:** {md(s.publisher or 'not named in the text')}")
    if s.author:
        lines.append(f"**Author:** {md(s.author)}")
    if s.reports:
        lines.append(f"**Retells reporting by:** {md(s.reports)}")
    if s.derived_from:
        lines.append(f"**Rewrites stored text:** {md(s.derived_from)} (its findings are not independent confirmation)")
    date = format_date(s.published, s.published_basis == "inferred")
    reason = f" — inferred: {md(s.published_reason)}" if s.published_basis == "inferred" else " (stated in the text)"
    lines.append(f"**Published:** {md(date)}{reason}")
    lines.append(f"**File:** {md(s.file)}")
    if s.note:
        lines.append(f"**Note:** {md(s.note)}")
    return lines


def cited_spans(ctx: Context, source_id: str) -> list[tuple[int, int, str]]:
    """Every verified quote from this text as (start, end, indicator id)."""
    rows = ctx.frame[ctx.frame["source"] == source_id]
    return [(int(r.quote_start), int(r.quote_end), r.indicator_id) for r in rows.itertuples()]


def render_text(text: str, spans: list[tuple[int, int, str]]) -> None:
    """The whole text, paragraph by paragraph, each cited span highlighted and linked to its indicator."""
    offset = 0
    chunks = []
    for paragraph in text.split("\n"):
        end = offset + len(paragraph)
        inside = [
            (max(s, offset) - offset, min(e, end) - offset, f"/indicator?indicator={ind}")
            for s, e, ind in spans
            if s < end and e > offset
        ]
        if paragraph.strip():
            chunks.append(highlight_markdown(paragraph, inside))
        offset = end + 1
    st.markdown("\n\n".join(chunks))


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
    backed = sorted({ind for _, _, ind in spans})
    names = {ind.id: ind.name for ind in ctx.data.indicators}
    st.subheader(f"Backs {len(backed)} indicator{'s' if len(backed) != 1 else ''}")
    columns = st.columns(3)
    for i, ind in enumerate(backed):
        columns[i % 3].page_link(PAGE["indicator"], label=md(names.get(ind, ind)), query_params={"indicator": ind})
    st.subheader("Whole text")
    st.caption("Highlighted: the passages quoted by an indicator; each links to it.")
    stored = ctx.data.texts.get(chosen)
    if stored is None:
        st.warning("The stored text could not be read; see Data quality.")
        return
    with st.container(border=True, height=520):
        render_text(stored.text, spans)


if __name__ == "__main__":
    render_sources(context())
