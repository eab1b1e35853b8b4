"""What every page shares: the run's context, the sidebar, chart rendering with downloads, and opening an indicator."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.candidates import Survey
from dashboard.charts import SELECTION
from dashboard.dataset import Dataset
from dashboard.display import escape_markdown, format_date
from dashboard.problems import summarize

#: Where app.py leaves this run's context for the page script it runs.
CONTEXT_KEY = "_dashboard_context"
#: (url slug, title, script relative to app.py) of every page, in navigation order.
PAGES = [
    ("overview", "Overview", "views/overview.py"),
    ("indicator", "Indicator", "views/indicator.py"),
    ("sources", "Sources", "views/sources.py"),
    ("quality", "Data quality", "views/quality.py"),
]
PAGE = {slug: path for slug, _, path in PAGES}


@dataclass
class Context:
    """One run's data: the load, its verified table, notices, and the cached chart converters."""

    data: Dataset
    frame: pd.DataFrame
    all_frame: pd.DataFrame
    notices: list[str] = field(default_factory=list)
    signature: tuple = ()
    loaded_at: str = ""
    png: Callable[[str], bytes] | None = None
    svg: Callable[[str], str] | None = None
    survey: Callable[[], Survey] | None = None
    briefing: Callable[[Dataset], dict[str, bytes]] | None = None


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
        n = len(data.problems)
        label = f"Data quality: {summarize(data.problems)}"
        if n:
            st.page_link(PAGE["quality"], label=label, icon=":material/warning:")
        else:
            st.page_link(PAGE["quality"], label=label, icon=":material/check_circle:")
        verified = int(ctx.frame.shape[0])
        st.caption(
            f"{verified} verified findings from {len(data.texts)} stored texts · "
            f"data as of {format_date(data.as_of)} · reloaded {ctx.loaded_at}; "
            "saving indicators.yaml or data/sources.yaml updates this page within about 2 s."
        )


#: Our own static style (no data text in it): tighter margins for 1280×720, tile values that wrap, not clip.
STYLE = """<style>
[data-testid="stMainBlockContainer"] {padding: 2rem 1.6rem 3rem 1.6rem; max-width: 1500px;}
h1 {font-size: 2.1rem !important;}
[data-testid="stMetricValue"] .stMarkdownEllipsis, [data-testid="stMetricLabel"] .stMarkdownEllipsis
  {white-space: normal; overflow: visible; text-overflow: clip;}
[data-testid="stMetricValue"] {font-size: 1.6rem !important; line-height: 1.15 !important; min-height: 0 !important;}
[data-testid="stMetricValue"] p {font-size: inherit; line-height: inherit !important; white-space: normal;}
[data-testid="stMetricLabel"] p {font-weight: 600; white-space: normal;}
h1 {padding-top: 0.2rem;}
.stMarkdownColoredBackground {background-color: #FFE1A8 !important; box-decoration-break: clone;}
</style>"""


def render_style() -> None:
    """Apply the static style sheet."""
    st.html(STYLE)


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


def open_indicator(indicator_id: str) -> None:
    """Go to the drill-down of `indicator_id` (its id lands in the URL, so the link can be shared)."""
    st.switch_page(PAGE["indicator"], query_params={"indicator": indicator_id})


def render_chart(ctx: Context, chart: alt.TopLevelMixin, key: str) -> None:
    """Show a chart; a click on a mark opens its indicator; PNG and SVG downloads (2×) below it."""
    spec = chart.to_json()
    # NOTE: a chart that says "nothing matches" has no marks to click, so no selection either.
    if f'"name": "{SELECTION}"' not in spec:
        st.altair_chart(chart, key=key, theme=None, width="content")
    else:
        event = st.altair_chart(
            chart, on_select="rerun", selection_mode=SELECTION, key=key, theme=None, width="content"
        )
        picked = event.selection.get(SELECTION) or [] if event else []
        ids = [p.get("indicator_id") for p in picked if isinstance(p, dict) and p.get("indicator_id")]
        if ids:
            open_indicator(ids[0])
    row = st.container(horizontal=True)
    for fmt, mime, convert in (("png", "image/png", ctx.png), ("svg", "image/svg+xml", ctx.svg)):
        row.download_button(
            fmt.upper(),
            lambda convert=convert: convert(spec),
            f"{key}.{fmt}",
            mime,
            key=f"{key}-{fmt}",
            on_click="ignore",
            icon=":material/download:",
            help=f"This chart as {fmt.upper()} at 2× scale, with its title and sources",
        )
