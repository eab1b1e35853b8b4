"""Overview page: the five headline tiles, the filters (kept in the URL), the filtered table and the briefing charts."""

from __future__ import annotations

from dataclasses import asdict

import pandas as pd
import streamlit as st

from dashboard.charts.specs import OVERVIEW_CHARTS, latest
from dashboard.evidence.language import search_fold, search_table
from dashboard.export.headlines import HEADLINE_IDS, tile_text
from dashboard.export.images import CHART_ROWS
from dashboard.records.dataset import Dataset
from dashboard.records.schema import CATEGORIES
from dashboard.tables.display import format_period, source_credit, value_labels
from dashboard.tables.downloads import EXPORT_HELP, csv_bytes, export_table
from dashboard.views.shared import (
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

#: URL parameter → widget key of each filter.
FILTER_KEYS = {"category": "filter_category", "source": "filter_source", "q": "filter_q"}
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
#: Rows the findings table shows: the page stays light at any size, and the CSV download holds every row.
TABLE_ROWS = 200
#: The Overview's tabs: one per chart, by the chart's slug, then the findings table and picker.
CHART_TABS = {
    "rates-prices": "Rates vs prices",
    "financial-stress": "Financial stress",
    "sanctions-threats": "Sanctions threats",
    "reporting-timeline": "Reporting timeline",
    "corroboration": "Corroboration",
}
FINDINGS_TAB = "Findings"
#: Widget key of the tabs, and the URL parameter that names the open one (`?tab=Corroboration`).
TAB_KEY = "tab"
#: Key prefix of each headline tile's box (STYLE tightens its spacing by this class).
TILE_KEY = "tile-box-"
#: Key prefix of the block that holds a tile's label over its value (STYLE sets their size and weight by this class).
TILE_HEAD_KEY = "tile-head-"
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
    return asdict(tile_text(rows.iloc[0], data)) | {"reported_by": reported_by(frame, indicator_id)}


def headline_tiles(frame: pd.DataFrame, data: Dataset) -> dict[str, dict | None]:
    """Every headline tile's content, by indicator id (app.py works this out once per load)."""
    return {indicator_id: tile(frame, data, indicator_id) for indicator_id in HEADLINE_IDS}


def render_tiles(ctx: Context) -> None:
    """One bordered tile per headline figure, each with a button that opens its indicator."""
    shown_tiles = ctx.tiles() if ctx.tiles else headline_tiles(ctx.frame, ctx.data)
    for column, indicator_id in zip(st.columns(len(HEADLINE_IDS)), HEADLINE_IDS, strict=True):
        shown = shown_tiles[indicator_id]
        with column.container(border=True, height="stretch", key=f"{TILE_KEY}{indicator_id}"):
            # NOTE: label and value are two Markdown elements, not st.metric: Markdown's code is in Streamlit's first
            # bundle, st.metric's is fetched when the first one arrives, and until then the browser draws a 40 px
            # placeholder per metric; the tiles (sent after the chart) then grew by up to 61 px and pushed the chart,
            # its preview and the tabs down as the reader looked at them.
            with st.container(gap=None, key=f"{TILE_HEAD_KEY}{indicator_id}"):
                if shown is None:
                    st.markdown(md(indicator_id), help="No verified record (see Data quality).")
                    st.markdown("not available")
                    continue
                st.markdown(md(shown["name"]))
                st.markdown(md(shown["value"]))
            st.caption(f"{md(shown['period'])} · {md(shown['credit'])}")
            # NOTE: the count is the link's own words (it opens the page listing those texts): a line of its own made
            # the tiles taller and pushed the first chart's as-of line off a 1280×720 screen.
            if st.button(f"{md(shown['reported_by'])} →", key=f"tile-{indicator_id}", type="tertiary"):
                open_indicator(indicator_id)


def current_filters(ctx: Context) -> Filters:
    """This run's filters before their widgets are drawn, first filled from the URL so a shared link reopens them."""
    params = st.query_params
    if FILTER_KEYS["category"] not in st.session_state:
        sources = ctx.data.sources
        st.session_state[FILTER_KEYS["category"]] = [c for c in params.get_all("category") if c in CATEGORIES]
        st.session_state[FILTER_KEYS["source"]] = [s for s in params.get_all("source") if s in sources]
        st.session_state[FILTER_KEYS["q"]] = params.get("q", "")
    state = st.session_state
    return (tuple(state[FILTER_KEYS["category"]]), tuple(state[FILTER_KEYS["source"]]), state[FILTER_KEYS["q"]].strip())


def read_filters(ctx: Context) -> tuple[list[str], list[str], str]:
    """The sidebar filters' widgets (their values come from current_filters), and the URL kept in step with them."""
    params = st.query_params
    # NOTE: in order of publication, as the reporting timeline lists the texts.
    sources = sorted(ctx.data.sources, key=lambda s: (ctx.data.sources[s].published, s))
    current_filters(ctx)
    with st.sidebar:
        st.subheader("Filters")
        cats = st.multiselect("Category", list(CATEGORIES), key=FILTER_KEYS["category"])
        srcs = st.multiselect(
            "Source",
            sources,
            key=FILTER_KEYS["source"],
            format_func=lambda s: source_credit(ctx.data.sources[s], ctx.data.sources),
        )
        query = st.text_input("Search text", key=FILTER_KEYS["q"], placeholder="e.g. tariff, Sberbank")
    wanted = {"category": cats, "source": srcs, "q": query.strip()}
    for name, value in wanted.items():
        current = params.get_all(name) if isinstance(value, list) else params.get(name, "")
        if value != current:
            if value:
                params[name] = value
            elif name in params:
                del params[name]
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
    out["shown"] = value_labels(frame)
    out["period"] = out["period"].map(format_period)
    out["credit"] = [source_credit(data.sources.get(s), data.sources) for s in out["source"]]
    return out[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS)


def findings(frame: pd.DataFrame, data: Dataset, filters: Filters) -> Findings:
    """The rows the filters keep and the first TABLE_ROWS of them labelled for the page (app.py caches this)."""
    rows = apply_filters(frame, list(filters[0]), list(filters[1]), filters[2])
    return Findings(rows, table(rows.head(TABLE_ROWS), data))


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
        f"{len(data.texts):,} stored texts · data as of {ctx.data_as_of()} · ≈ marks the text's own hedge"
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
        st.info(f"Filtered: {len(frame)} of {len(ctx.frame)} findings shown in the table and charts.")
    # NOTE: only the open tab is built and sent (tab.open): the first chart is drawn without waiting for the others,
    # in the browser and on a cold first run; the open tab lives in the URL, so a shared link reopens it.
    if FIRST_TAB_KEY not in st.session_state:
        st.session_state[FIRST_TAB_KEY] = first_tab(frame, data) if len(frame) != len(ctx.frame) else None
    tabs = st.tabs(
        [*CHART_TABS.values(), FINDINGS_TAB], key=TAB_KEY, bind="query-params", default=st.session_state[FIRST_TAB_KEY]
    )
    # NOTE: a browser tab's first chart is drawn on the server too, so it is on screen before vega-embed has loaded
    # (drawing one takes 0.1-0.4 s when it is not cached yet, and is never waited for while vl-convert starts).
    preview = ctx.overview_preview if needs_preview() else None
    for tab, slug in zip(tabs, CHART_TABS, strict=False):
        if tab.open:
            with tab:
                chart = ctx.overview_spec(filters, slug) if ctx.overview_spec else overview_spec(frame, data, slug)
                render_chart(ctx, chart, slug, preview(filters, slug) if preview is not None else None)
    with tiles:
        render_tiles(ctx)
    if tabs[-1].open:
        with tabs[-1]:
            render_findings(ctx, found)
    read_filters(ctx)


def first_tab(frame: pd.DataFrame, data: Dataset) -> str | None:
    """The first chart tab with something to draw for `frame`, or None (the first tab) when none has."""
    # NOTE: worked out once per session (a link's filters), then kept: a changing default would move the open tab.
    shown = (label for slug, label in CHART_TABS.items() if not CHART_ROWS[slug](frame, data).empty)
    return next(shown, None)


def render_findings(ctx: Context, found: Findings) -> None:
    """The Findings tab: a picker that opens an indicator, the first TABLE_ROWS filtered findings, the CSV of all."""
    frame = found.frame
    names = ctx.indicator_names()
    choice = st.selectbox(
        "Open an indicator",
        list(names),
        index=None,
        format_func=names.__getitem__,
        placeholder="Choose an indicator, or click a tile or a chart mark",
        key="overview-open",
    )
    if choice:
        open_indicator(choice)
    if len(frame) > TABLE_ROWS:
        st.caption(
            f"Showing the first {TABLE_ROWS:,} of {len(frame):,} findings; refine the filters, or download the CSV "
            "for all of them."
        )
    st.dataframe(found.table, hide_index=True, width="stretch")
    st.download_button(
        f"Download the {len(frame):,} findings shown (CSV)",
        lambda: csv_bytes(export_table(frame, ctx.data)),
        "findings.csv",
        "text/csv",
        on_click="ignore",
        icon=":material/download:",
        help=EXPORT_HELP,
    )


if __name__ == "__main__":
    render_overview(context())
