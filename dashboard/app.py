"""The Streamlit entry point: loads the data (all caches live here), watches the files, and runs st.navigation."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

# NOTE: the page modules live in views/, not pages/: a pages/ folder beside the entry script switches Streamlit
# into its legacy multipage mode, which runs pages/<name>.py on its own when a link like /sources is opened.
# NOTE: `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the project root.
_PROJECT = str(Path(__file__).resolve().parent.parent)
if _PROJECT not in sys.path:
    sys.path.insert(0, _PROJECT)

import streamlit as st  # noqa: E402

from dashboard import paths  # noqa: E402
from dashboard.candidates import Survey, dismissed_path, survey  # noqa: E402
from dashboard.dataset import Dataset, load_dataset  # noqa: E402
from dashboard.frames import observations_frame  # noqa: E402
from dashboard.problems import error  # noqa: E402
from dashboard.views.briefing import briefing_images, render_briefing  # noqa: E402
from dashboard.views.shared import CONTEXT_KEY, PAGES, Context, render_sidebar, render_style  # noqa: E402

#: How often an open tab checks the files for a save; a change shows within this plus one load (~0.1 s).
RELOAD_SECONDS = 1.0
EXPORT_SCALE = 2


def project_root() -> Path:
    """The data root: DASHBOARD_ROOT when set (read on every run so tests can point it anywhere), else the project."""
    return Path(os.environ.get("DASHBOARD_ROOT") or paths.ROOT).resolve()


def file_signature(root: Path) -> tuple:
    """Size and modification time of every file the data is read from; a save changes it."""
    files = [paths.indicators_path(root), paths.sources_path(root), dismissed_path(root)]
    seeds = paths.seeds_dir(root)
    if seeds.is_dir():
        files += sorted(seeds.iterdir())
    out = []
    for path in files:
        try:
            stat = path.stat()
            out.append((path.name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            out.append((path.name, None, None))
    return tuple(out)


@st.cache_data(show_spinner=False, max_entries=8)
def load_cached(root: str, signature: tuple) -> tuple[Dataset, object]:
    """The dataset and its tidy table, loaded once per version of the files (`signature` is the cache key)."""
    del signature
    try:
        data = load_dataset(Path(root))
    except Exception as exc:  # noqa: BLE001 - the page must show a problem, never a traceback
        data = Dataset(Path(root), "indicators.yaml")
        data.problems.append(error("file-unreadable", "indicators.yaml", None, None, f"could not load: {exc}"))
    return data, observations_frame(data)


@st.cache_data(show_spinner=False, max_entries=4)
def survey_cached(root: str, signature: tuple) -> Survey:
    """The curation worklist (figure mentions, coverage, dismissals) for one version of the files."""
    return survey(load_cached(root, signature)[0])


@st.cache_data(show_spinner=False, max_entries=2)
def briefing_cached(root: str, signature: tuple) -> dict[str, bytes]:
    """The briefing sheet as PNG, SVG and PDF for one version of the files (rendering takes seconds)."""
    return briefing_images(load_cached(root, signature)[0])


@st.cache_resource(show_spinner=False)
def last_good() -> dict:
    """Per root, the last dataset that parsed; shown while a file is caught half-written."""
    return {}


@st.cache_data(show_spinner=False, max_entries=64)
def chart_png(spec_json: str) -> bytes:
    """A chart's spec as PNG at 2× scale."""
    import vl_convert as vlc

    return vlc.vegalite_to_png(spec_json, scale=EXPORT_SCALE)


@st.cache_data(show_spinner=False, max_entries=64)
def chart_svg(spec_json: str) -> str:
    """A chart's spec as SVG, its width and height doubled (the drawing scales, being vector)."""
    import re

    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(spec_json)

    def double(match: re.Match) -> str:
        return f'{match[1]}="{float(match[2]) * EXPORT_SCALE:g}"'

    head, _, rest = svg.partition(">")
    return re.sub(r'\b(width|height)="([\d.]+)"', double, head, count=2) + ">" + rest


def unreadable(data: Dataset) -> list[str]:
    """Files that yielded no record at all and reported an error (as a file caught mid-write does)."""
    bad = []
    if not data.indicators and any(p.file == data.indicators_file for p in data.errors):
        bad.append(data.indicators_file)
    if not data.sources and any(p.file == "data/sources.yaml" for p in data.errors):
        bad.append("data/sources.yaml")
    return bad


def build_context() -> Context:
    """Load (or reuse) the data for this run, falling back to the last good load when a file fails entirely."""
    root = project_root()
    signature = file_signature(root)
    data, frame = load_cached(str(root), signature)
    notices = []
    store = last_good()
    failed = unreadable(data)
    previous = store.get(str(root))
    if failed and previous is not None:
        names = " and ".join(failed)
        notices.append(
            f"{names} could not be read just now (a save in progress?). Showing the last good data, "
            f"loaded at {previous[2]}; the problems below are the new file's."
        )
        problems = data.problems
        data, frame = previous[0], previous[1]
        data = _with_problems(data, problems)
    elif not failed:
        store[str(root)] = (data, frame, dt.datetime.now().strftime("%H:%M:%S"))
    return Context(
        data=data,
        frame=frame[frame["verified"]].reset_index(drop=True),
        all_frame=frame,
        notices=notices,
        signature=signature,
        loaded_at=dt.datetime.now().strftime("%H:%M:%S"),
        png=chart_png,
        svg=chart_svg,
        survey=lambda: survey_cached(str(root), signature),
        briefing=lambda _data: briefing_cached(str(root), signature),
    )


def _with_problems(data: Dataset, problems: list) -> Dataset:
    """A copy of `data` reporting `problems` (the new file's) instead of its own."""
    copy = Dataset(data.root, data.indicators_file, data.sources, data.texts, data.indicators, data.records)
    copy.problems = list(problems)
    copy.indicator_lines, copy.source_lines = data.indicator_lines, data.source_lines
    return copy


@st.fragment(run_every=RELOAD_SECONDS)
def watch_files(root: Path, signature: tuple) -> None:
    """Rerun the whole app as soon as a data file's size or modification time differs from this run's."""
    if file_signature(root) != signature:
        st.rerun(scope="app")


def main() -> None:
    """Set up the page, build the context, draw the sidebar and run the chosen page."""
    st.set_page_config(page_title="Russia's wartime finances", page_icon="📉", layout="wide")
    ctx = build_context()
    st.session_state[CONTEXT_KEY] = ctx
    pages = [st.Page(path, title=title, url_path=slug, default=slug == "overview") for slug, title, path in PAGES]
    if st.query_params.get("view") == "briefing":  # the screenshot view, no sidebar: see views/briefing.py
        st.navigation(pages, position="hidden")
        return render_briefing(ctx.data, images=ctx.briefing)
    page = st.navigation(pages)
    render_style()
    render_sidebar(ctx)
    with st.sidebar:
        watch_files(project_root(), ctx.signature)
    page.run()


main()
