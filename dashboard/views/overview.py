"""Overview page: the five headline tiles, the filters (kept in the URL), the filtered table and the briefing charts."""

from __future__ import annotations

from dataclasses import asdict

import pandas as pd
import streamlit as st

from dashboard.charts.specs import OVERVIEW_CHARTS, latest
from dashboard.evidence.language import search_fold, search_table
from dashboard.export.headlines import HEADLINE_IDS, disagreement_note, tile_text
from dashboard.records.dataset import Dataset
from dashboard.records.schema import CATEGORIES
from dashboard.tables.display import MARKS_SHORT, period_labels, source_credit, value_labels
from dashboard.tables.freshness import STALE_HELP, STALE_WORD
from dashboard.views.findings import (  # noqa: F401 (re-exported: tests name them here)
    FINDINGS_COLUMNS,
    TABLE_ROWS,
    render_findings,
)
from dashboard.views.shared import (
    PAGE,
    RECORD_PARAM,
    ChartSpec,
    Context,
    Filters,
    Findings,
    chart_spec,
    context,
    md,
    needs_preview,
    open_indicator,
    render_chart,
    render_notices,
)
from dashboard.views.tabs import (  # noqa: F401 (re-exported: tests and app name them here)
    CHART_TABS,
    FINDINGS_TAB,
    SEGMENT_KEY,
    TAB_KEY,
    TIMELINE_SLUG,
    first_tab,
    render_tabs,
    tab_counts,
    tab_labels,
    tab_name,
)

#: Each filter → its widget key, which is also its URL parameter, as a widget bound to the URL needs.
# NOTE: the source filter is `sources`, not `source`: the Sources page sets `?source=` itself, and Streamlit refuses
# that once a widget of the session is bound to the name.
FILTER_KEYS = {"category": "category", "source": "sources", "q": "q"}
SEARCHED = [
    "indicator_id", "name", "description", "status", "quote", "translation", "source_title", "publisher", "note",
]  # fmt: skip
TABLE_COLUMNS = {
    "name": "Indicator",
    "category": "Category",
    "shown": "Value",
    "period": "Period",
    "credit": "Source",
    "quote": "Quote",
    "translation": "Curator's translation",
    "indicator_id": "Id",
}
#: Key prefix of each headline tile's box (STYLE tightens its spacing by this class).
TILE_KEY = "tile-box-"
#: Session key of the tab a session opens on when its link names none.
FIRST_TAB_KEY = "overview-first-tab"


def reported_by(frame: pd.DataFrame, indicator_id: str) -> str:
    """`Reported by 3 texts`: how many stored texts (retellings included) state the indicator in `frame`."""
    n = frame.loc[frame["indicator_id"] == indicator_id, "source"].nunique()
    return f"Reported by {n} text{'s' if n != 1 else ''}"


def tile(frame: pd.DataFrame, data: Dataset, indicator_id: str) -> dict | None:
    """What a headline tile shows: name, value with hedge and unit (or status), period, the source's credit, and how
    many texts report the indicator."""
    rows = latest(frame[frame["indicator_id"] == indicator_id])
    if rows.empty:
        return None
    row = rows.iloc[0]
    # NOTE: a latest figure another independent text contradicts says so, so it cannot reach a slide unqualified.
    disagrees = disagreement_note(data, indicator_id, int(row["yaml_line"]))
    return asdict(tile_text(row, data)) | {"disagrees": disagrees, "reported_by": reported_by(frame, indicator_id)}


def headline_tiles(frame: pd.DataFrame, data: Dataset) -> dict[str, dict | None]:
    """Every headline tile's content, by indicator id (app.py works this out once per load)."""
    return {indicator_id: tile(frame, data, indicator_id) for indicator_id in HEADLINE_IDS}


def tile_markdown(shown: dict) -> str:
    """A tile's text as one Markdown block, a paragraph each: label, value, period and credit, then any warnings
    (STYLE sizes each paragraph by its place)."""
    lines = [md(shown["name"]), md(shown["value"]), f"{md(shown['period'])} · {md(shown['credit'])}"]
    if shown.get("stale"):
        # NOTE: said on the tile itself, so a figure past its publisher's cadence never reads as current.
        lines.append(f":red[**{md(STALE_WORD)}** {md(shown['stale'])}]")
    if shown.get("disagrees"):
        lines.append(f":orange[{md(shown['disagrees'])}]")
    return "\n\n".join(lines)


def render_tiles(ctx: Context) -> None:
    """One bordered tile per headline figure, each with a link that opens its indicator."""
    shown_tiles = ctx.tiles() if ctx.tiles else headline_tiles(ctx.frame, ctx.data)
    for column, indicator_id in zip(st.columns(len(HEADLINE_IDS)), HEADLINE_IDS, strict=True):
        shown = shown_tiles[indicator_id]
        with column.container(border=True, height="stretch", key=f"{TILE_KEY}{indicator_id}"):
            # NOTE: one Markdown element for the tile's text, not st.metric and captions: Markdown's code is in
            # Streamlit's first bundle (st.metric's 40 px placeholders grew and pushed the chart down as it arrived),
            # and each element the browser builds costs the first paint (the five tiles were 40 of ~110).
            if shown is None:
                st.markdown(f"{md(indicator_id)}\n\nnot available", help="No verified record (see Data quality).")
                continue
            st.markdown(tile_markdown(shown), help=STALE_HELP if shown.get("stale") else None)
            # NOTE: a page link, not a button that switches page: a link adds one history entry (Back returns here).
            # The count is the link's own words: a line of its own made the tiles taller and pushed the first chart's
            # as-of line off a 1280×720 screen.
            label = f"{md(shown['reported_by'])} →"
            st.page_link(PAGE["indicator"], label=label, query_params={"indicator": indicator_id})


def current_filters(ctx: Context) -> Filters:
    """This run's filters before their widgets are drawn, first filled from the URL so a shared link reopens them."""
    params = st.query_params
    if FILTER_KEYS["category"] not in st.session_state:
        sources = ctx.data.sources
        keys = FILTER_KEYS
        st.session_state[keys["category"]] = [c for c in params.get_all(keys["category"]) if c in CATEGORIES]
        st.session_state[keys["source"]] = [s for s in params.get_all(keys["source"]) if s in sources]
        st.session_state[keys["q"]] = params.get(keys["q"], "")
    state = st.session_state
    return (tuple(state[FILTER_KEYS["category"]]), tuple(state[FILTER_KEYS["source"]]), state[FILTER_KEYS["q"]].strip())


def read_filters(ctx: Context) -> tuple[list[str], list[str], str]:
    """The sidebar filters' widgets (their values come from current_filters), each bound to its URL parameter."""
    # NOTE: bound, not written with st.query_params: a bound widget edits the URL in place (one history entry per
    # page, so Back leaves the Overview in one press) and its parameter survives a visit to another page, so the
    # sidebar's link back to the Overview keeps the filters.
    # NOTE: in order of publication, as the reporting timeline lists the texts.
    sources = sorted(ctx.data.sources, key=lambda s: (ctx.data.sources[s].published, s))
    current_filters(ctx)
    with st.sidebar:
        st.subheader("Filters")
        cats = st.multiselect("Category", list(CATEGORIES), key=FILTER_KEYS["category"], bind="query-params")
        srcs = st.multiselect(
            "Source",
            sources,
            key=FILTER_KEYS["source"],
            format_func=lambda s: source_credit(ctx.data.sources[s], ctx.data.sources),
            bind="query-params",
        )
        query = st.text_input(
            "Search text", key=FILTER_KEYS["q"], placeholder="e.g. tariff, Sberbank", bind="query-params"
        )
    return cats, srcs, query.strip()


def apply_filters(frame: pd.DataFrame, categories: list[str], sources: list[str], query: str) -> pd.DataFrame:
    """Rows in the chosen categories and sources whose text contains `query` (blind to case and to ё/е)."""
    if not (categories or sources or query):
        return frame
    keep = pd.Series(True, index=frame.index)
    if categories:
        keep &= frame["category"].astype(str).isin(categories)
    if sources:
        keep &= frame["source"].isin(sources)
    if query:
        # NOTE: column by column: a row-wise join took most of a filtered rerun at 6,000 rows (1.2 s of 1.2 s).
        # NOTE: case and every language's folded letters (ё as е) are ignored on both sides, as on the Sources page.
        wanted, table = search_fold(query), search_table()
        found = [
            frame[c].astype("string").str.lower().str.translate(table).str.contains(wanted, regex=False)
            for c in SEARCHED
        ]
        keep &= pd.concat(found, axis=1).fillna(False).any(axis=1)
    return frame[keep]


def table(frame: pd.DataFrame, data: Dataset) -> pd.DataFrame:
    """The observations as the page shows them: value with unit, period, short credit, quote."""
    out = frame.copy()
    out["shown"] = value_labels(frame, words=True)
    out["period"] = period_labels(frame)
    out["credit"] = [source_credit(data.sources.get(s), data.sources) for s in out["source"]]
    return out[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS)


def findings(frame: pd.DataFrame, data: Dataset, filters: Filters) -> Findings:
    """The rows the filters keep, the first TABLE_ROWS of them labelled for the page, and while a filter is on each
    tab's count of them (app.py caches this)."""
    rows = apply_filters(frame, list(filters[0]), list(filters[1]), filters[2])
    counts = tab_counts(rows, data) if len(rows) != len(frame) else {}
    return Findings(rows, table(rows.head(TABLE_ROWS), data), counts)


def overview_spec(frame: pd.DataFrame, data: Dataset, slug: str) -> ChartSpec:
    """One Overview chart of `frame`, turned into its spec (app.py caches this per files, filters and chart)."""
    return chart_spec(OVERVIEW_CHARTS[slug](frame, data))


def render_overview(ctx: Context) -> None:
    """The Overview page; a link ending `/?indicator=key_rate` goes straight to that indicator."""
    if st.query_params.get("indicator"):
        open_indicator(st.query_params["indicator"], st.query_params.get(RECORD_PARAM))
    st.title("Russia's wartime finances")
    data = ctx.data
    st.caption(
        f"Every figure quotes the sentence that states it · {len(ctx.frame):,} verified findings from "
        f"{len(data.texts):,} stored texts · data as of {ctx.data_as_of()} · {md(MARKS_SHORT)}"
    )
    render_notices(ctx)
    # NOTE: the tiles' place is kept here and filled after the chart: the browser fetches the code of the elements it
    # receives first, and the chart's (vega-embed, 775 KB) is the slowest to arrive.
    tiles = st.container()
    # NOTE: the filter widgets are drawn after the charts (their values are already in the session state): the
    # browser then fetches the chart's code before the selects', and 1,000 source names arrive after the chart.
    filters = current_filters(ctx)
    found = ctx.findings(filters) if ctx.findings else findings(ctx.frame, data, filters)
    frame = found.frame
    if len(frame) != len(ctx.frame):
        st.info(
            f"Filtered: {len(frame):,} of {len(ctx.frame):,} findings shown in the table and charts; each tab says how "
            "many it holds. The headline tiles above are not filtered."
        )
    # NOTE: only the open tab is built and sent (tab.open): the first chart is drawn without waiting for the others,
    # in the browser and on a cold first run; the open tab lives in the URL, so a shared link reopens it.
    if FIRST_TAB_KEY not in st.session_state:
        st.session_state[FIRST_TAB_KEY] = first_tab(frame, data) if len(frame) != len(ctx.frame) else None
    tabs = render_tabs(found.counts, st.session_state[FIRST_TAB_KEY])
    # NOTE: a browser tab's first chart is drawn on the server too, so it is on screen before vega-embed has loaded
    # (drawing one takes 0.1-0.4 s when it is not cached yet, and is never waited for while vl-convert starts).
    preview = ctx.overview_preview if needs_preview() else None
    for tab, slug in zip(tabs, CHART_TABS, strict=False):
        if tab.open:
            with tab:
                chart = ctx.overview_spec(filters, slug) if ctx.overview_spec else overview_spec(frame, data, slug)
                shown = preview(filters, slug) if preview is not None else None
                if slug == TIMELINE_SLUG:
                    render_chart(ctx, chart, slug, shown, on_pick=filter_to_segment)
                else:
                    render_chart(ctx, chart, slug, shown)
    with tiles:
        render_tiles(ctx)
    if tabs[-1].open:
        with tabs[-1]:
            render_findings(ctx, found)
    read_filters(ctx)


def filter_to_segment(picked: dict) -> None:
    """A click on a reporting-timeline segment: filter the Overview to that segment's text and category."""
    source, category = picked.get("source"), picked.get("category")
    # NOTE: the chart keeps its selection from run to run; only a new click may set the filters, or clearing them in
    # the sidebar would be undone by the segment still selected.
    if not (source and category) or st.session_state.get(SEGMENT_KEY) == (source, category):
        return
    st.session_state[SEGMENT_KEY] = (source, category)
    # NOTE: the filter widgets are drawn after the charts (read_filters), so their state may still be set this run.
    st.session_state[FILTER_KEYS["source"]] = [source]
    st.session_state[FILTER_KEYS["category"]] = [category]
    st.rerun()


if __name__ == "__main__":
    render_overview(context())
