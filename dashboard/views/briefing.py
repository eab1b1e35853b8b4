"""Briefing view (`?view=briefing`): the export's sheet shown large, with PNG, SVG and PDF downloads and the deck."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from dashboard.export import images
from dashboard.export.sheet import SHEET_HEIGHT, SHEET_WIDTH
from dashboard.problems import summarize
from dashboard.records.dataset import Dataset
from dashboard.tables.frames import observations_frame

#: Room the download row takes above the sheet (its top and the gap under it).
ROW_ROOM = "4.5rem"
#: Our own constant style sheet (no data text in it): no sidebar, no header, and the sheet at the largest 16:9 size
#: the window holds under the download row, centred, so 1920×1080 and 1280×720 screens show it whole, unscrolled.
BRIEFING_STYLE = f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stSidebarNav"] {{display: none !important;}}
.block-container {{padding: 0.5rem 1rem 0 1rem !important; max-width: 100% !important;}}
[data-testid="stElementContainer"]:has([data-testid="stImage"]), [data-testid="stFullScreenFrame"] > div,
  [data-testid="stImage"], [data-testid="stImageContainer"]
  {{width: 100% !important; max-width: none !important; justify-content: center; align-items: center;}}
[data-testid="stImage"] img {{width: min(calc(100vw - 2rem), calc((100vh - {ROW_ROOM}) * 16 / 9)) !important;
  height: auto !important; max-width: none !important; max-height: none !important; margin: 0 auto; display: block;}}
[data-testid="stHorizontalBlock"] {{gap: 0.5rem;}}
</style>"""
MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def briefing_images(data: Dataset, formats: tuple[str, ...] = images.FORMATS) -> dict[str, bytes]:
    """The sheet in each of `formats`, rendered by the same code as `python -m dashboard export`."""
    frame = observations_frame(data)
    frame = frame[frame["verified"]].reset_index(drop=True)
    spec = images.sheet_spec(data, frame)
    size = (SHEET_WIDTH, SHEET_HEIGHT)
    return {fmt: images.render(spec, fmt, images.DEFAULT_SCALE, size) for fmt in formats}


def briefing_file(data: Dataset, fmt: str) -> bytes:
    """The sheet in one format, for a download rendered only when its button is clicked."""
    return briefing_images(data, (fmt,))[fmt]


def briefing_deck(data: Dataset) -> bytes:
    """The briefing deck, as `python -m dashboard export --format pptx` writes it."""
    # NOTE: imported on a click only: python-pptx costs ~0.5 s of every app start that never builds a deck.
    from dashboard.export import deck

    return deck.build_deck(data)


def render_briefing(data: Dataset, draw: Callable[[Dataset], dict[str, bytes]] = briefing_images) -> None:
    """Draw the sheet alone on the page with its three downloads; `draw` may be a cached briefing_images."""
    st.html(BRIEFING_STYLE)
    if data.errors:
        st.error(
            f"No briefing sheet while the data has errors ({summarize(data.problems)}): a slide must not leave "
            "records out silently. Fix them (see Data quality, or `python -m dashboard validate`).",
            icon=":material/warning:",
        )
        return
    with st.spinner("Rendering the briefing sheet…"):
        rendered = draw(data)
    stamp = data.as_of or "undated"
    columns = st.columns([1, 1, 1, 1, 4])
    # NOTE: what `draw` did not render (the app draws only the PNG shown: SVG and PDF took half a cold visit) and the
    # deck (it renders every chart again) are built only when their button is clicked (deferred downloads).
    files: dict[str, bytes | Callable[[], bytes]] = {fmt: partial(briefing_file, data, fmt) for fmt in images.FORMATS}
    files.update(rendered)
    files["pptx"] = partial(briefing_deck, data)
    for column, fmt in zip(columns, (*images.FORMATS, "pptx"), strict=False):
        column.download_button(
            f"Download {fmt.upper()}",
            files[fmt],
            f"briefing-{stamp}.{fmt}",
            MIME[fmt],
            on_click="ignore",
            icon=":material/download:",
        )
    columns[4].caption(
        "1920×1080 sheet; the PNG is 3840×2160 (2×). Sources and as-of date are part of the image. "
        "PPTX: the briefing deck, every figure's quote in its speaker notes."
    )
    st.image(rendered["png"], width="stretch")


if __name__ == "__main__":
    from dashboard.views.shared import context

    render_briefing(context().data)
