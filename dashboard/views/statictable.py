"""A table drawn as Markdown: the pages' static tables, on screen with the first elements a page sends."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.views.shared import md


def cell_markdown(value: object) -> str:
    """One cell's text, escaped for Markdown, on one line (a line break would end the table's row)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return md(" ".join(str(value).split()))


def table_markdown(frame: pd.DataFrame, right: tuple[str, ...] = ()) -> str:
    """`frame` as a GitHub-flavoured Markdown table, the columns named in `right` aligned right (numbers)."""
    header = "| " + " | ".join(cell_markdown(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---:" if c in right else ":---" for c in frame.columns) + "|"
    rows = ("| " + " | ".join(cell_markdown(v) for v in row) + " |" for row in frame.itertuples(index=False))
    return "\n".join([header, rule, *rows])


def render_table(frame: pd.DataFrame, right: tuple[str, ...] = ()) -> None:
    """Draw `frame` as a static Markdown table, every cell's whole text wrapped in its column."""
    # NOTE: Markdown, not st.dataframe or st.table: Markdown's code is in Streamlit's first bundle, while the data
    # grid's (1.2 MB) and even st.table's (its Arrow decoder, 0.9 MB) are fetched when the first one arrives, and the
    # page's paint waited for them (0.4-0.6 s of an Indicator page, the whole Data quality page at 1,000 texts).
    st.markdown(table_markdown(frame, right))
