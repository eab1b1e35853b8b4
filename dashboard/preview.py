"""A chart drawn on the server as SVG, which the page shows until the browser has drawn the live chart. No streamlit.

Why: a browser tab's first Vega-Lite chart waits for ~1 MB of vega-embed and Arrow code to be fetched and compiled
(~0.4-0.5 s on a 2-core machine, longer than the whole empty page takes to paint). The same spec drawn by
vl-convert arrives with the page's first message as an image, so the chart is on screen at once; the live chart
(tooltips, click to open) takes its place as soon as it is drawn. The page shows the preview only in a tab that has
not drawn a chart yet (views/shared.py), so it costs nothing once vega-embed is loaded.
"""

from __future__ import annotations

import logging
import re
import threading
from xml.etree import ElementTree

from dashboard.export import VL_VERSION

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


def chart_svg(spec: dict) -> str | None:
    """The Vega-Lite `spec` drawn as SVG text with the fonts the browser's live chart uses; None when it cannot be."""
    # NOTE: imported here, not at the top: vl-convert costs ~20 MB, and only a preview or an export needs it.
    try:
        import vl_convert as vlc

        svg = vlc.vegalite_to_svg({**spec, "padding": spec.get("padding", SCREEN_PADDING)}, vl_version=VL_VERSION)
    except Exception as exc:  # noqa: BLE001 - a preview is optional: the live chart is drawn either way
        log.warning("chart preview not drawn: %s", exc)
        return None
    if not is_plain_drawing(svg):
        log.warning("chart preview refused: it is not a plain SVG drawing")
        return None
    return svg


def is_plain_drawing(svg: str) -> bool:
    """Whether `svg` is one SVG drawing made only of shapes and text: no script, link, event handler or outside URL."""
    # NOTE: text from the data is inside it (escaped by Vega); parsing, not pattern matching, tells text from markup.
    if not svg.lstrip().startswith("<svg") or "<!" in svg:
        return False
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError:
        return False
    for element in root.iter():
        tag = element.tag.removeprefix(SVG_NS)
        if tag not in DRAWING_TAGS:
            return False
        for name, value in element.attrib.items():
            name = name.rsplit("}", 1)[-1].lower()
            if name.startswith("on") or name == "href" or "url(" in INTERNAL_URL.sub("", value.lower()):
                return False
            if name == "style" and ("@import" in value or "expression(" in value):
                return False
    return True


def warm_up() -> threading.Thread:
    """Start vl-convert (~0.5 s, once per process) in a background thread; later calls return the same thread."""
    # NOTE: vl-convert releases the GIL while it works, so this overlaps the first load instead of adding to it.
    global _warm_thread
    with _warm_lock:
        if _warm_thread is None:
            _warm_thread = threading.Thread(target=chart_svg, args=(WARM_SPEC,), name="vl-convert-warm-up", daemon=True)
            _warm_thread.start()
        return _warm_thread
