"""What every page shares: the run's context, the sidebar, chart rendering with downloads, and opening an indicator."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.charts.specs import SELECTION
from dashboard.curation.candidates import Survey
from dashboard.export import images
from dashboard.problems import summarize
from dashboard.records.dataset import Dataset
from dashboard.tables.display import escape_markdown, format_as_of
from dashboard.views.navigation import (  # noqa: F401 (re-exported)
    PAGE,
    PAGES,
    RECORD_PARAM,
    open_indicator,
    render_history_fix,
)

#: Where app.py leaves this run's context for the page script it runs.
CONTEXT_KEY = "_dashboard_context"
#: Session key set once a chart has been sent to this browser tab (its vega-embed code is then loaded or loading).
CHART_SENT_KEY = "_dashboard_chart_sent"
#: Key prefix of the container that stacks a chart over its preview (STYLE finds it by this class).
CHART_STACK = "chart-stack-"
#: The preview image's alternative text (screen readers meet the live chart right after it).
PREVIEW_ALT = "Chart preview, drawn on the server while the interactive chart loads"


#: The Overview's filters as a cache key: (categories, sources, search text).
Filters = tuple[tuple[str, ...], tuple[str, ...], str]


@dataclass(frozen=True)
class Loaded:
    """One load of the files, shared read-only by every run and session: the dataset, its tables, when it was read."""

    data: Dataset
    frame: pd.DataFrame
    verified: pd.DataFrame
    loaded_at: str
    as_of: str = ""
    #: Indicator id → name, in the order the pickers list them (by name).
    names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ChartSpec:
    """A chart turned into Vega-Lite once: the spec, its JSON (what downloads render), whether a click picks."""

    spec: dict
    json: str
    selectable: bool


def has_param(spec: object, name: str) -> bool:
    """Whether a Vega-Lite spec (or any view nested in it) declares the parameter `name`."""
    if isinstance(spec, dict):
        if any(isinstance(p, dict) and p.get("name") == name for p in spec.get("params", [])):
            return True
        return any(has_param(v, name) for k, v in spec.items() if k not in ("data", "datasets"))
    if isinstance(spec, list):
        return any(has_param(v, name) for v in spec)
    return False


def chart_spec(chart: alt.TopLevelMixin) -> ChartSpec:
    """The chart as the page draws it and the downloads render it."""
    spec = images.chart_dict(chart)
    return ChartSpec(spec, json.dumps(spec, ensure_ascii=False), has_param(spec, SELECTION))


@dataclass(frozen=True)
class Findings:
    """The Overview's filtered findings: the rows, the first of them labelled as the page shows them, and while a
    filter is on, each tab's count of them (by tab name)."""

    frame: pd.DataFrame
    table: pd.DataFrame
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Context:
    """One run's data: the load, its verified table, notices, and the cached converters and chart specs."""

    data: Dataset
    frame: pd.DataFrame
    all_frame: pd.DataFrame
    notices: list[str] = field(default_factory=list)
    signature: str = ""
    loaded_at: str = ""
    image: Callable[[str, str], bytes] | None = None
    survey: Callable[..., Survey] | None = None
    briefing: Callable[[Dataset], dict[str, bytes]] | None = None
    overview_spec: Callable[[Filters, str], ChartSpec] | None = None
    indicator_spec: Callable[[str], ChartSpec] | None = None
    as_of: str = ""
    names: dict[str, str] = field(default_factory=dict)
    findings: Callable[[Filters], Findings] | None = None
    tiles: Callable[[], dict[str, dict | None]] | None = None
    overview_preview: Callable[[Filters, str], str | None] | None = None
    indicator_preview: Callable[[str], str | None] | None = None

    def data_as_of(self) -> str:
        """The as-of date of every verified finding (worked out once per load when app.py made the context)."""
        return self.as_of or format_as_of(self.frame, self.data)

    def indicator_names(self) -> dict[str, str]:
        """Indicator id → name of every verified finding, ordered by name."""
        if self.names:
            return self.names
        names = dict(zip(self.frame["indicator_id"], self.frame["name"], strict=False))
        return {i: names[i] for i in sorted(names, key=names.__getitem__)}


def context() -> Context:
    """This run's context, as app.py left it."""
    return st.session_state[CONTEXT_KEY]


def md(text: object) -> str:
    """Untrusted text made safe for any Streamlit call that renders Markdown."""
    return escape_markdown("" if text is None else str(text))


def render_sidebar(ctx: Context) -> None:
    """The problem count (on every page), the data's as-of date and how the page keeps itself current."""
    data = ctx.data
    with st.sidebar:
        n = len(data.open_problems)
        label = f"Data quality: {summarize(data.problems)}"
        if n:
            st.page_link(PAGE["quality"], label=label, icon=":material/warning:")
        else:
            st.page_link(PAGE["quality"], label=label, icon=":material/check_circle:")
        verified = int(ctx.frame.shape[0])
        # NOTE: the time goes through md(): its "12:34:56" reads to Streamlit as an emoji code and fetches 260 KB.
        st.caption(
            f"{verified:,} verified findings from {len(data.texts):,} stored texts · "
            f"data as of {ctx.data_as_of()} · loaded {md(ctx.loaded_at)}; "
            "saving indicators.yaml or data/sources.yaml updates this page within about 2 s."
        )


#: Our own static style (no data text in it): margins and tiles tight enough that the first chart, sources included,
#: fits 1280×720; tile values that wrap, not clip; a chart's preview in the chart's own place, on top until the live
#: chart is drawn, then gone; a headline tile's label over its big value, as st.metric draws them, then its captions
#: (the Overview draws each tile's text as one Markdown block, a paragraph each); a chart and its preview never wider
#: than the column, and on a wide screen (1600 px and up) scaled to the column's width, text and all (below that the
#: first chart must fit 1280×720 with its footer); Markdown tables (views/statictable.py) at the size of Streamlit's.
STYLE = """<style>
[data-testid="stMainBlockContainer"] {padding: 1rem 1.6rem 3rem 1.6rem; max-width: 1500px;}
[class*="st-key-tile-box-"] {gap: 0.4rem;} [class*="st-key-tile-box-"] [data-testid=stMarkdown] {padding-bottom: .5rem;}
[class*="st-key-tile-box-"] [data-testid="stMarkdown"] p {margin: 0 0 0.4rem 0 !important;}
[class*="st-key-tile-box-"] [data-testid="stMarkdown"] p:first-child
  {min-height: 24px; display: flex; align-items: center; font-size: 0.875rem; font-weight: 600; line-height: normal;
  margin: 0 !important;}
[class*="st-key-tile-box-"] [data-testid="stMarkdown"] p:nth-child(2)
  {font-size: 1.6rem; line-height: 1.15; padding-bottom: 4px;}
[class*="st-key-tile-box-"] [data-testid="stMarkdown"] p:nth-child(n+3)
  {font-size: 0.875rem; color: rgba(49, 51, 63, 0.6);}
h1 {font-size: 2.1rem !important; padding-top: 0.2rem;}
[data-testid="stMarkdownContainer"] table {font-size: 0.875rem; width: 100%;}
[data-testid="stMarkdownContainer"] :is(th, td) {padding: 0.35rem 0.5rem; vertical-align: top;}
.stMarkdownColoredBackground {background-color: #FFE1A8 !important; box-decoration-break: clone;}
[class*="st-key-chart-stack-"] {display: grid !important; grid-template-columns: minmax(0, 1fr);}
[class*="st-key-chart-stack-"] > * {grid-area: 1 / 1;}
[class*="st-key-chart-stack-"] > :has(img) {z-index: 1; pointer-events: none;}
[class*="st-key-chart-stack-"] > *, [class*="st-key-chart-stack-"] div:has(.vega-embed),
  [class*="st-key-chart-stack-"] .vega-embed {width: 100% !important; max-width: 100% !important;}
[class*="st-key-chart-stack-"] img, [class*="st-key-chart-stack-"] .vega-embed svg.marks
  {max-width: 100% !important; height: auto !important; display: block;}
@media (min-width: 1600px) {[class*="st-key-chart-stack-"] img, [class*="st-key-chart-stack-"] .vega-embed svg.marks
  {width: 100% !important;}}
[class*="st-key-chart-stack-"] p:has(> img) {margin: 0;}
[class*="st-key-chart-stack-"]:has(.vega-embed canvas, .vega-embed svg) > :has(img) {display: none;}
[data-testid="stMultiSelectDropdown"] {width: max(var(--trigger-width), min(26rem, calc(100vw - 3rem))) !important;}
[data-testid="stMultiSelectTagsContainer"] [data-tag] {height: auto;} [data-tag] > span {white-space: normal;
  overflow: visible; text-overflow: clip; line-height: 1.3; padding: 0.15rem 0;}
</style>"""


def render_style() -> None:
    """Apply the static style sheet (and the history fix, which every page needs as well)."""
    st.html(STYLE)
    render_history_fix()


def render_notices(ctx: Context, errors_banner: bool = True) -> None:
    """Warnings about the load that every page shows at its top (Data quality lists the errors itself)."""
    for notice in ctx.notices:
        st.warning(md(notice), icon=":material/hourglass_top:")
    errors = len(ctx.data.errors)
    if errors and errors_banner:
        st.error(
            f"{errors} problem{'s' if errors != 1 else ''} in the data: the records they affect are left out; "
            "every valid record is shown. See Data quality for file, line and message.",
            icon=":material/warning:",
        )


def quote_pieces(data: Dataset, rows: pd.DataFrame) -> list[tuple[tuple[int, int], ...]]:
    """Each row's quote as the pieces that stand in its text ((start, end) each), one piece when nothing is elided."""
    # NOTE: the tidy table keeps only a quote's overall span, so the pieces come from the record it was made from.
    wanted = set(zip(rows["yaml_line"], rows["source"], strict=True))
    pieces = {
        (r.line, r.observation.source, r.citation.start, r.citation.end): r.citation.spans
        for r in data.records
        if r.citation is not None and (r.line, r.observation.source) in wanted
    }
    keys = zip(rows["yaml_line"], rows["source"], rows["quote_start"], rows["quote_end"], strict=True)
    return [pieces.get((line, src, int(a), int(b))) or ((int(a), int(b)),) for line, src, a, b in keys]


def chart_image(ctx: Context, chart: ChartSpec, fmt: str) -> bytes:
    """A chart's download: PNG at 2× or SVG, rendered exactly as `python -m dashboard export` renders it."""
    if ctx.image is not None:
        return ctx.image(chart.json, fmt)
    return images.render(chart.spec, fmt, images.DEFAULT_SCALE)


def needs_preview() -> bool:
    """Whether this browser tab has drawn no chart yet, so its first chart waits for vega-embed's code (preview.py)."""
    return not st.session_state.get(CHART_SENT_KEY)


def render_chart(
    ctx: Context,
    chart: ChartSpec,
    key: str,
    preview: str | None = None,
    on_pick: Callable[[dict], None] | None = None,
) -> None:
    """Show a chart (a click on a mark calls `on_pick` with the mark's picked fields: by default it opens the mark's
    indicator), over its server-drawn `preview` SVG until the browser has drawn it, with PNG (2×) and SVG downloads."""
    # NOTE: the preview and the chart share one grid cell (STYLE), each in its own block; the preview's block is kept,
    # empty, when there is none, so the chart's place in the page stays the same from run to run.
    stack = st.container(key=f"{CHART_STACK}{key}")
    slot = stack.container()
    if preview:
        # NOTE: a Markdown image, not st.image: Markdown's code is in Streamlit's first bundle, so the browser draws it
        # with the page's first elements (1.1-1.3× the empty page's paint) if it comes before the chart; st.image, or
        # an image sent after the page, waited for the chart's code like the rest (1.4×).
        encoded = base64.b64encode(preview.encode("utf-8")).decode("ascii")
        slot.markdown(f"![{PREVIEW_ALT}](data:image/svg+xml;base64,{encoded})")
    stack = stack.container()
    st.session_state[CHART_SENT_KEY] = True
    # NOTE: drawn as SVG at the spec's own size and scaled by STYLE to the column's width, text and all: Vega-Lite's
    # width "container" (and Streamlit's width="stretch", which sets each vconcat child to the column's width) fits
    # neither our vconcat frame nor its axis labels. The SVG renderer finds a clicked mark from the element itself, so
    # clicks still land when it is scaled.
    spec = {**chart.spec, "usermeta": {"embedOptions": {"renderer": "svg"}}}
    # NOTE: a chart that says "nothing matches" has no marks to click, so no selection either.
    if not chart.selectable:
        stack.vega_lite_chart(spec, key=key, theme=None, width="content")
    else:
        event = stack.vega_lite_chart(
            spec, on_select="rerun", selection_mode=SELECTION, key=key, theme=None, width="content"
        )
        picked = event.selection.get(SELECTION) or [] if event else []
        marks = [p for p in picked if isinstance(p, dict)]
        if marks:
            mark = marks[0]
            wanted, record = mark.get("indicator_id"), mark.get(RECORD_PARAM)
            if on_pick is not None:
                on_pick(mark)
            elif wanted and record and st.query_params.get("indicator") == wanted:
                # NOTE: a series chart's mark names its record on the indicator's own page, where the quotes stand
                # below the chart: naming it in the URL is enough, and switching to the same page would loop.
                st.query_params[RECORD_PARAM] = str(record)
            elif wanted:
                open_indicator(str(wanted), str(record) if record else None)
    row = st.container(horizontal=True)
    for fmt, mime, what in (("png", "image/png", "PNG at 2× scale"), ("svg", "image/svg+xml", "SVG (vector)")):
        row.download_button(
            fmt.upper(),
            partial(chart_image, ctx, chart, fmt),
            f"{key}.{fmt}",
            mime,
            key=f"{key}-{fmt}",
            on_click="ignore",
            icon=":material/download:",
            help=f"This chart as {what}, with its title, sources and as-of date, as `python -m dashboard export` "
            "writes it",
        )
