"""Slide-ready images: charts and the briefing sheet rendered through vl-convert, written atomically. No streamlit."""

from __future__ import annotations

import difflib
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import pandas as pd

from dashboard.charts import specs
from dashboard.export import worker
from dashboard.export.sheet import FONT, SHEET_HEIGHT, SHEET_WIDTH, Part, build_sheet, sheet_config
from dashboard.problems import summarize
from dashboard.records.dataset import Dataset
from dashboard.tables.frames import observations_frame

FORMATS = ("png", "svg", "pdf")
DEFAULT_SCALE = 2.0
#: Pinned so that a newer vl-convert default cannot silently change committed images.
VL_VERSION = "6.4"
SHEET_NAME = "briefing"
VEGA_SCHEMA = "https://vega.github.io/schema/vega/v6.json"
#: Top-level keys of a compiled chart that a Vega group mark takes as they are.
GROUP_KEYS = ("data", "scales", "projections", "axes", "legends", "title", "marks", "layout")
#: The rows behind each Overview chart, to leave out a chart with nothing to show for the chosen indicators.
CHART_ROWS = {
    "rates-prices": lambda frame, data: specs.rates_frame(frame),
    "financial-stress": lambda frame, data: specs.stress_frame(frame),
    "sanctions-threats": specs.threats_frame,
    "reporting-timeline": specs.timeline_frame,
    "corroboration": specs.corroboration_frame,
}


# NOTE: Altair's row limit is a global switch, so turning it off is serialised across Streamlit's script threads.
_ROWS_LOCK = threading.Lock()


class ExportError(Exception):
    """A problem the user can fix (unknown indicator, unwritable folder, data with errors); its text is the message."""


@dataclass(frozen=True)
class Image:
    """One rendered image: the file name it gets and its bytes."""

    name: str
    content: bytes


def pin_font(spec: dict) -> dict:
    """The spec with every font pinned to the vendored family, so no machine substitutes its own sans-serif."""
    config = dict(spec.get("config", {}))
    config["font"] = FONT
    for key in ("title", "axis", "legend", "header"):
        config[key] = {**config.get(key, {}), **({"font": FONT, "subtitleFont": FONT} if key == "title" else {})}
        if key != "title":
            config[key].update(labelFont=FONT, titleFont=FONT)
    for mark in ("text", "mark"):
        config[mark] = {**config.get(mark, {}), "font": FONT}
    return {**spec, "config": config}


def chart_dict(chart: alt.TopLevelMixin) -> dict:
    """A chart's Vega-Lite spec with all its rows (Altair refuses over 5,000; a large project's timeline has more)."""
    # NOTE: not validated here (jsonschema took ~0.1 s of the app's first run); tests/export/test_images.py checks that
    # every chart's spec equals its validated to_dict().
    with _ROWS_LOCK, alt.data_transformers.disable_max_rows():
        return chart.to_dict(validate=False)


def render(spec: dict, fmt: str = "png", scale: float = DEFAULT_SCALE, size: tuple[int, int] | None = None) -> bytes:
    """Render a Vega-Lite spec to PNG (at `scale`), SVG or PDF bytes; `size` fixes it to that many CSS pixels."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    # NOTE: the sheet arrives already compiled to Vega (sheet_spec); a chart arrives as Vega-Lite.
    # NOTE: imported here, not at the top: vl-convert costs ~20 MB, and the app needs it only for an image.
    import vl_convert as vlc

    vega = spec if spec.get("$schema") == VEGA_SCHEMA else vlc.vegalite_to_vega(pin_font(spec), vl_version=VL_VERSION)
    if size is not None:
        # NOTE: Vega-Lite ignores width/height on a concat, so the compiled Vega spec is fixed to the size instead.
        vega.update(width=size[0], height=size[1], autosize={"type": "none", "contains": "content"}, padding=0)
    if fmt == "svg":
        return vlc.vega_to_svg(vega).encode("utf-8")
    if fmt == "png":
        return vlc.vega_to_png(vega, scale=scale)
    return vlc.vega_to_pdf(vega)  # NOTE: PDF is vector, so scale does not apply (vl-convert warns if given)


def resolve_indicators(data: Dataset, wanted: Sequence[str]) -> list[str]:
    """The requested ids in file order; an unknown one raises ExportError naming the closest known ids."""
    known = [ind.id for ind in data.indicators]
    unknown = [w for w in dict.fromkeys(wanted) if w not in known]
    if unknown:
        parts = []
        for name in unknown:
            close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
            hint = f"did you mean {', '.join(close)}?" if close else "run `python -m dashboard data` to list the ids"
            parts.append(f"unknown indicator '{name}' ({hint})")
        raise ExportError("; ".join(parts))
    return [k for k in known if k in set(wanted)] if wanted else known


def select_rows(data: Dataset, indicators: Sequence[str] = ()) -> pd.DataFrame:
    """The verified rows of the chosen indicators that every format exports; ExportError for what export refuses."""
    if data.errors:
        raise ExportError(
            f"refusing to export data with errors ({summarize(data.problems)}); run `python -m dashboard validate`"
        )
    chosen = resolve_indicators(data, indicators)
    frame = observations_frame(data)
    frame = frame[frame["indicator_id"].isin(chosen) & frame["verified"]].reset_index(drop=True)
    if frame.empty:
        raise ExportError("no verified observations for the chosen indicators; nothing to export")
    return frame


def drawn_charts(frame: pd.DataFrame, data: Dataset) -> dict[str, dict]:
    """Each Overview chart's spec by slug, leaving out a chart with no rows to show."""
    made = specs.overview_charts(frame, data)
    # NOTE: a chart saying "nothing matches" is noise in a briefing folder or deck, so it is not drawn.
    return {n: chart_dict(c) for n, c in made.items() if not CHART_ROWS[n](frame, data).empty}


def indicator_charts(frame: pd.DataFrame, data: Dataset, indicators: Sequence[str]) -> dict[str, dict]:
    """Each chosen indicator's own chart (as its Indicator page draws it), when it has figures for two periods."""
    chosen = resolve_indicators(data, indicators) if indicators else []
    return {
        f"indicator-{ind}": chart_dict(specs.indicator_chart(frame, data, ind))
        for ind in chosen
        if frame.loc[(frame["indicator_id"] == ind) & frame["value"].notna(), "period"].nunique() >= 2
    }


def skipped_charts(data: Dataset, indicators: Sequence[str] = ()) -> list[str]:
    """What an export for these indicators leaves out, and why, one line a chart: nothing is dropped silently."""
    if not indicators:
        return []
    frame = select_rows(data, indicators)
    drawn = drawn_charts(frame, data) | indicator_charts(frame, data, indicators)
    lines = [f"{name}: none of the chosen indicators is in this chart" for name in CHART_ROWS if name not in drawn]
    for ind in resolve_indicators(data, indicators):
        if f"indicator-{ind}" not in drawn:
            lines.append(f"indicator-{ind}: fewer than two periods with a figure, so no chart over time")
    return lines


def build_images(
    data: Dataset, fmt: str = "png", scale: float = DEFAULT_SCALE, indicators: Sequence[str] = ()
) -> list[Image]:
    """Every Overview chart with rows, each chosen indicator's own chart and the briefing sheet, rendered in memory."""
    frame = select_rows(data, indicators)
    charts = drawn_charts(frame, data) | indicator_charts(frame, data, indicators)
    # NOTE: the charts render in another process while this one builds and renders the sheet (half the export each).
    rendered = start_rendering(charts, fmt, scale)
    sheet = sheet_spec(data, frame, indicators=resolve_indicators(data, indicators))
    last = Image(f"{SHEET_NAME}.{fmt}", render(sheet, fmt, scale, (SHEET_WIDTH, SHEET_HEIGHT)))
    return [*(Image(f"{name}.{fmt}", content) for name, content in rendered().items()), last]


def start_rendering(charts: dict[str, dict], fmt: str, scale: float) -> Callable[[], dict[str, bytes]]:
    """Start rendering `charts` in a worker process (export/worker.py); the call returned waits for them, by name."""
    names = list(charts)
    jobs = [{"spec": pin_font(charts[n]), "fmt": fmt, "scale": scale, "vl_version": VL_VERSION} for n in names]
    wait = worker.start(jobs, lambda n: render(charts[names[n]], fmt, scale))
    return lambda: dict(zip(names, wait(), strict=True))


def sheet_spec(data: Dataset, frame: pd.DataFrame, indicators: Sequence[str] = ()) -> dict:
    """The briefing sheet for `frame` as one Vega spec, 1920×1080: each part compiled once and placed at its slot."""
    config = sheet_config(chart_dict(specs.rates_chart(frame.iloc[0:0], data)).get("config", {}))
    return compose(build_sheet(data, frame, dict(specs.CATEGORY_COLORS), config, chart_dict))


def compose(parts: list[Part]) -> dict:
    """One Vega spec of SHEET_WIDTH × SHEET_HEIGHT with each part a group whose plot's top-left is at (x, y).

    Each group keeps its own data, scales and signals (Vega scopes them), so parts never clash on names.
    """
    import vl_convert as vlc

    marks: list[dict] = []
    config: dict = {}
    for n, part in enumerate(parts):
        vega = vlc.vegalite_to_vega(pin_font(part.spec), vl_version=VL_VERSION)
        config = config or vega.get("config", {})
        # NOTE: a compiled chart's own width and height are top-level values; inside a group they become its signals.
        sizes = [{"name": k, "value": vega[k]} for k in ("width", "height") if isinstance(vega.get(k), (int, float))]
        group = {
            "type": "group",
            "name": f"part_{n}",
            "encode": {"update": {"x": {"value": part.x}, "y": {"value": part.y}}},
        }
        group["signals"] = sizes + vega.get("signals", [])
        group.update({k: vega[k] for k in GROUP_KEYS if k in vega})
        marks.append(group)
    return {
        "$schema": VEGA_SCHEMA,
        "width": SHEET_WIDTH,
        "height": SHEET_HEIGHT,
        "padding": 0,
        "autosize": {"type": "none", "contains": "content"},
        "background": "white",
        "config": config,
        "marks": marks,
    }


def check_writable(folder: Path) -> None:
    """Create `folder` if needed and prove it takes a file; ExportError otherwise."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".export-check-"):
            pass
    except OSError as exc:
        raise ExportError(f"cannot write to output folder {folder}: {exc.strerror or exc}") from None


def write_atomic(path: Path, content: bytes) -> None:
    """Write to a temporary name beside `path`, then rename: a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; a briefing image is an ordinary file
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_images(folder: Path, images: Iterable[Image]) -> list[Path]:
    """Write each image atomically into `folder`; returns the paths written."""
    written = []
    for image in images:
        target = folder / image.name
        try:
            write_atomic(target, image.content)
        except OSError as exc:
            raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from None
        written.append(target)
    return written


def export(
    data: Dataset, folder: Path, fmt: str = "png", scale: float = DEFAULT_SCALE, indicators: Sequence[str] = ()
) -> list[Path]:
    """Check the folder, render everything in memory, then write it: a failure never leaves a half image."""
    check_writable(folder)
    return write_images(folder, build_images(data, fmt, scale, indicators))
