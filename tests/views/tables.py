"""Reading back what the pages draw as Markdown tables (dashboard/views/statictable.py), as the reader reads them."""

from __future__ import annotations

import re

import pandas as pd
from streamlit.testing.v1 import AppTest

#: A cell's edge: a pipe no backslash escapes.
EDGE = re.compile(r"(?<!\\)\|")


def read_table(markdown: str) -> pd.DataFrame:
    """A Markdown table's cells, escapes removed, whole numbers as int."""
    lines = [line.strip() for line in markdown.splitlines() if line.strip().startswith("|")]
    cells = [[re.sub(r"\\(.)", r"\1", c.strip()) for c in EDGE.split(line)[1:-1]] for line in lines]
    rows = [[int(c) if c.isdigit() else c for c in row] for row in cells[2:]]
    return pd.DataFrame(rows, columns=cells[0])


def tables(at: AppTest) -> list[pd.DataFrame]:
    """Every Markdown table on the page, in order."""
    return [read_table(m.value) for m in at.markdown if m.value.startswith("| ")]
