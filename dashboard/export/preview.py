"""A chart drawn on the server as SVG, which the page shows until the browser has drawn the live chart. No streamlit.

Why: a browser tab's first Vega-Lite chart waits for ~1 MB of vega-embed and Arrow code to be fetched and compiled
(~0.5 s on a 2-core machine, more than the whole empty page takes to paint). The same spec drawn by vl-convert is
sent as a Markdown image, whose code the browser already has, so the chart is on screen with the page's first
elements; the live chart (tooltips, click to open) takes its place as soon as it is drawn. Only a browser tab that
has not drawn a chart yet gets a preview (views/shared.py), and only once vl-convert has started (`ready`), so a
page is never held up for one. Cost: vl-convert's engine, ~70 MB in the app process, started in the background.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from xml.etree import ElementTree

from dashboard.export.images import VL_VERSION

log = logging.getLogger(__name__)

#: The SVG elements a Vega drawing is made of; anything else (script, foreignObject, a, image, use...) is refused.
DRAWING_TAGS = frozenset(
    "svg g path rect circle ellipse line polyline polygon text tspan title desc defs clipPath linearGradient "
    "radialGradient stop".split()
)
#: A reference inside the drawing itself (`url(#clip1)`), the only kind an attribute may hold.
INTERNAL_URL = re.compile(r"url\(\s*#[\w-]+\s*\)")
SVG_NS = "{http://www.w3.org/2000/svg}"

#: The padding Streamlit's chart element gives a spec that sets none (20 px below, none around, in Streamlit 1.67), so
#: the preview is the live chart's size and the page does not move when one replaces the other.
SCREEN_PADDING = {"bottom": 20}
#: The smallest spec, drawn once in the background so that the first real preview finds vl-convert started.
WARM_SPEC = {"data": {"values": [{"a": 1}]}, "mark": "point", "encoding": {"x": {"field": "a", "type": "quantitative"}}}

_warm_lock = threading.Lock()
_warm_thread: threading.Thread | None = None
#: How many times a process tries to start vl-convert, each on a page run after the last failed (each is logged).
WARM_ATTEMPTS = 3
_warm_attempts = 0
_warmed = threading.Event()


class PreviewError(Exception):
    """A chart vl-convert could not draw, or whose drawing was refused; its text says which."""


def draw(spec: dict) -> str:
    """The Vega-Lite `spec` drawn as SVG, at the live chart's size and in its fonts; PreviewError if it cannot be."""
    # NOTE: imported on first use (the warm-up's thread), so a process that never draws a chart never loads it.
    try:
        import vl_convert as vlc

        svg = vlc.vegalite_to_svg({**spec, "padding": spec.get("padding", SCREEN_PADDING)}, vl_version=VL_VERSION)
    except Exception as exc:  # whatever vl-convert raises, the live chart is drawn without a preview
        raise PreviewError(f"chart preview not drawn: {exc}") from exc
    if not is_plain_drawing(svg):
        raise PreviewError("chart preview refused: it is not a plain SVG drawing")
    return svg


def is_plain_drawing(svg: str) -> bool:
    """Whether `svg` is one SVG drawing made only of shapes and text: no script, link, event handler or outside URL."""
    # NOTE: text from the data is inside it (escaped by Vega); parsing, not pattern matching, tells text from markup.
    if not svg.lstrip().startswith("<svg") or "<!" in svg:
        return False
    try:
        root = ElementTree.fromstring(svg)
    except (ElementTree.ParseError, ValueError, RecursionError):
        return False
    for element in root.iter():
        if element.tag.removeprefix(SVG_NS) not in DRAWING_TAGS:
            return False
        for name, value in element.attrib.items():
            name = name.rsplit("}", 1)[-1].lower()
            if name.startswith("on") or name == "href":
                return False
            # NOTE: aria-label holds the data's own text (a quote may say "url("); it is never fetched.
            if not name.startswith("aria-") and "url(" in INTERNAL_URL.sub("", value.lower()):
                return False
    return True


def _warm() -> None:
    try:
        draw(WARM_SPEC)
    except PreviewError as exc:
        log.warning("%s", exc)
    else:
        _warmed.set()


def warm_up() -> threading.Thread:
    """Start vl-convert (~0.5 s, once per process) in a background thread; later calls return the same thread, or
    start a new one when the last ended without vl-convert drawing."""
    # NOTE: vl-convert releases the GIL while it works (measured with 1.9.0: a Python loop ran at full speed beside
    # the warm-up), so the server's script runs are not held up by it.
    global _warm_thread, _warm_attempts
    with _warm_lock:
        failed = _warm_thread is not None and not _warm_thread.is_alive() and not _warmed.is_set()
        if _warm_thread is None or (failed and _warm_attempts < WARM_ATTEMPTS):
            _warm_attempts += 1
            # NOTE: imported here, in the caller's thread: a script run takes its folder off sys.path when it ends, and
            # an import running in another thread then skipped an entry of the list it was reading, site-packages
            # among them ("No module named 'vl_convert'"), which left the server without previews for its life.
            with contextlib.suppress(ImportError):
                import vl_convert  # noqa: F401
            _warm_thread = threading.Thread(target=_warm, name="vl-convert-warm-up", daemon=True)
            _warm_thread.start()
        return _warm_thread


def ready() -> bool:
    """Whether vl-convert has started and drawn once: until then a page is not held up waiting for a preview."""
    return _warmed.is_set()
