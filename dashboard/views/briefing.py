"""Briefing view (`?view=briefing`): the export's sheet shown large, with PNG, SVG and PDF downloads and the deck."""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import os
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

import streamlit as st
from PIL import Image

from dashboard import paths
from dashboard.export import images
from dashboard.export.sheet import SHEET_HEIGHT, SHEET_WIDTH
from dashboard.problems import summarize
from dashboard.records import cache
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
#: The package whose code draws the sheet: any edit to it is a new sheet (the key hashes every module).
PACKAGE = Path(__file__).resolve().parent.parent
#: The first bytes of every PNG and its last chunk: a kept file without both is damaged and rendered again.
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"IEND\xaeB`\x82"
#: Sheets kept at once (2-3 MB each): every save of the data is a new one, so the oldest are removed.
MAX_KEPT_SHEETS = 4
#: Key of the sheet as the page shows it (1920×1080, the PNG halved) beside the formats a briefing's images hold.
SCREEN = "screen"
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


def sheet_path(data: Dataset) -> Path:
    """Where the sheet's PNG is kept between server starts: the user's cache folder ($XDG_CACHE_HOME, else ~/.cache),
    under a key of what it depends on (the data files' bytes, today, every module of ours, vl-convert's version)."""
    key = hashlib.blake2b(digest_size=20)
    key.update(cache.digest([paths.indicators_path(data.root), *cache.source_files(data.root)]).encode())
    key.update(cache.digest(sorted(PACKAGE.rglob("*.py"))).encode())
    key.update(f"{data.today}|{images.DEFAULT_SCALE}|{importlib.metadata.version('vl-convert-python')}".encode())
    return paths.user_cache_dir() / "sheets" / f"{key.hexdigest()}.png"


def kept_briefing(data: Dataset) -> dict[str, bytes]:
    """The sheet as PNG: kept from an earlier start with the same data, day and code, else rendered and kept."""
    path = sheet_path(data)
    try:
        png = path.read_bytes()
        if png.startswith(PNG_SIGNATURE) and png.endswith(PNG_END):
            return {"png": png}
    except OSError:
        pass
    rendered = briefing_images(data, ("png",))
    # NOTE: written to a temporary name and renamed, so another server never reads half a sheet; a cache folder that
    # cannot be written only costs the next start a render.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(rendered["png"])
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        kept = sorted(path.parent.glob("*.png"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in kept[MAX_KEPT_SHEETS:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
    return rendered


def screen_sheet(png: bytes) -> bytes:
    """The 2× sheet halved to 1920×1080, as the page shows it (each pixel the mean of four)."""
    # NOTE: st.image scales any image wider than 1460 px down to 1460 on every run (0.2 s of each visit, and a blurred
    # sheet on a 1920 screen); halved once here, at the sheet's own size, it is sent as it is.
    out = io.BytesIO()
    with Image.open(io.BytesIO(png)) as sheet:
        sheet.reduce(2).save(out, format="PNG", compress_level=1)
    return out.getvalue()


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
    files.update({fmt: rendered[fmt] for fmt in images.FORMATS if fmt in rendered})
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
    # NOTE: at its own width, so st.image sends the bytes as they are; BRIEFING_STYLE sizes it to the window.
    st.image(rendered.get(SCREEN) or screen_sheet(rendered["png"]), width=SHEET_WIDTH)


if __name__ == "__main__":
    from dashboard.views.shared import context

    render_briefing(context().data)
