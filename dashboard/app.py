"""The Streamlit entry point: loads the data (all caches live here), watches the files, and runs st.navigation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

# NOTE: the page modules live in views/, not pages/: a pages/ folder beside the entry script switches Streamlit
# into its legacy multipage mode, which runs pages/<name>.py on its own when a link like /sources is opened.
# NOTE: `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the project root.
_PROJECT = str(Path(__file__).resolve().parent.parent)
if _PROJECT not in sys.path:
    sys.path.insert(0, _PROJECT)

import streamlit as st  # noqa: E402

from dashboard import paths  # noqa: E402
from dashboard.charts.specs import indicator_chart  # noqa: E402
from dashboard.curation.candidates import Survey, dismissed_path, survey  # noqa: E402
from dashboard.export import images, preview  # noqa: E402
from dashboard.problems import error  # noqa: E402
from dashboard.records import cache, clock  # noqa: E402
from dashboard.records.dataset import Dataset, load_dataset  # noqa: E402
from dashboard.tables.display import format_as_of  # noqa: E402
from dashboard.tables.frames import observations_frame  # noqa: E402
from dashboard.views import preload  # noqa: E402
from dashboard.views.briefing import SCREEN, kept_briefing, render_briefing, screen_sheet  # noqa: E402
from dashboard.views.overview import findings, headline_tiles, overview_spec  # noqa: E402
from dashboard.views.shared import (  # noqa: E402
    CONTEXT_KEY,
    PAGES,
    ChartSpec,
    Context,
    Filters,
    Findings,
    Loaded,
    chart_spec,
    render_sidebar,
    render_style,
)

log = logging.getLogger(__name__)

#: How often an open tab checks the files for a save (a check stats ~1,000 files: a few ms); a change shows
#: within this plus one load and one run.
RELOAD_SECONDS = 0.5


def file_signature(root: Path) -> str:
    """A short key of the size and modification time of every file the data is read from; a save changes it."""
    files = [paths.indicators_path(root), paths.sources_path(root), root / "data" / "seeds.sha256"]
    files.append(dismissed_path(root))
    out: list[tuple[str, int | None, int | None]] = []
    for path in files:
        try:
            stat = path.stat()
            out.append((path.name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            out.append((path.name, None, None))
    # NOTE: scandir and names, not sorted Path objects: this runs on every rerun and every poll of the watcher.
    try:
        with os.scandir(paths.seeds_dir(root)) as entries:
            seeds = sorted((e.name, e) for e in entries)
    except OSError:
        seeds = []
    for name, entry in seeds:
        try:
            stat = entry.stat()
            out.append((name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            out.append((name, None, None))
    # NOTE: "today" is part of what the pages show (figures' ages), so a new day or DASHBOARD_TODAY is a new version.
    out.append(("today", clock.today_or_machine()[0].toordinal(), None))
    # NOTE: a short string keeps Streamlit's cache keys cheap (it hashed the 1,000-entry tuple item by item).
    return hashlib.blake2b(repr(out).encode(), digest_size=16).hexdigest()


# NOTE: cache_resource hands every run the same objects (cache_data would unpickle the whole Dataset on each
# rerun); nothing downstream mutates them: pages read, and _with_problems makes a copy.
@st.cache_resource(show_spinner=False, max_entries=2)
def load_cached(root: str, signature: str) -> Loaded:
    """The dataset, its tidy tables and the time it was read, once per version of the files (`signature`)."""
    del signature
    # NOTE: what a load builds lives until the files change: frozen, the collector stops walking it on every later
    # pass. It holds no reference cycle (tests/records/test_dataset.py), so reference counting frees it when dropped.
    with cache.long_lived():
        try:
            data = load_dataset(Path(root), today=clock.today_or_machine()[0])
        except Exception as exc:  # noqa: BLE001 - the page must show a problem, never a traceback
            data = Dataset(Path(root), "indicators.yaml")
            data.problems.append(error("file-unreadable", "indicators.yaml", None, None, f"could not load: {exc}"))
        frame = observations_frame(data)
    # NOTE: when every record verifies (the usual case) both tables are one object, not a copy.
    verified = frame if frame["verified"].all() else frame[frame["verified"]].reset_index(drop=True)
    names = dict(zip(verified["indicator_id"], verified["name"], strict=False))
    names = {i: names[i] for i in sorted(names, key=names.__getitem__)}
    now = dt.datetime.now().strftime("%H:%M:%S")
    return Loaded(data, frame, verified, now, format_as_of(verified, data), names)


@st.cache_resource(show_spinner=False, max_entries=4)
def survey_cached(root: str, signature: str, _progress: Callable[[int, int], None] | None = None) -> Survey:
    """The curation worklist (figure mentions, coverage, dismissals) for one version of the files.

    A save of any file is a new signature, but only texts never scanned are scanned (curation/scans.py keeps every
    text's mentions in memory and on disk); `_progress` (not part of the key) hears of each.
    """
    return survey(load_cached(root, signature).data, progress=_progress)


# NOTE: cache_resource, not cache_data: its store is the process's, so the sheet dashboard/serve.py renders before the
# server opens is the one every session gets (cache_data's store belongs to a runtime); the pages only read it.
@st.cache_resource(show_spinner=False, max_entries=2)
def briefing_cached(root: str, signature: str) -> dict[str, bytes]:
    """The briefing sheet as PNG for one version of the files (rendered once per version of the data and code, and
    kept in the user's cache folder: it takes seconds; SVG and PDF are rendered on a click), and as the page shows
    it (views/briefing.SCREEN)."""
    kept = kept_briefing(load_cached(root, signature).data)
    return kept | {SCREEN: screen_sheet(kept["png"])}


@st.cache_resource(show_spinner=False, max_entries=32)
def findings_cached(root: str, signature: str, filters: Filters) -> Findings:
    """The Overview's filtered rows and its labelled table for one version of the files and one choice of filters."""
    loaded = load_cached(root, signature)
    return findings(loaded.verified, loaded.data, filters)


@st.cache_resource(show_spinner=False, max_entries=64)
def overview_spec_cached(root: str, signature: str, filters: Filters, slug: str) -> ChartSpec:
    """One Overview chart's spec for one version of the files and one choice of filters."""
    return overview_spec(findings_cached(root, signature, filters).frame, load_cached(root, signature).data, slug)


@st.cache_resource(show_spinner=False, max_entries=16)
def overview_preview_cached(root: str, signature: str, filters: Filters, slug: str) -> str:
    """One Overview chart drawn as SVG on the server (preview.py); a PreviewError is not cached: it is tried again."""
    return preview.draw(overview_spec_cached(root, signature, filters, slug).spec)


def overview_preview(root: str, signature: str, filters: Filters, slug: str) -> str | None:
    """The chart's preview, or None while vl-convert is still starting or when it cannot draw this chart (logged)."""
    if not preview.ready():
        return None
    try:
        return overview_preview_cached(root, signature, filters, slug)
    except preview.PreviewError as exc:
        log.warning("%s", exc)
        return None


@st.cache_resource(show_spinner=False, max_entries=2)
def tiles_cached(root: str, signature: str) -> dict[str, dict | None]:
    """The headline tiles for one version of the files."""
    loaded = load_cached(root, signature)
    return headline_tiles(loaded.verified, loaded.data)


@st.cache_resource(show_spinner=False, max_entries=32)
def indicator_spec_cached(root: str, signature: str, indicator_id: str) -> ChartSpec:
    """One indicator's chart spec for one version of the files."""
    loaded = load_cached(root, signature)
    return chart_spec(indicator_chart(loaded.verified, loaded.data, indicator_id))


@st.cache_resource(show_spinner=False, max_entries=16)
def indicator_preview_cached(root: str, signature: str, indicator_id: str) -> str:
    """One indicator's chart drawn as SVG on the server (preview.py); a PreviewError is not cached."""
    return preview.draw(indicator_spec_cached(root, signature, indicator_id).spec)


def indicator_preview(root: str, signature: str, indicator_id: str) -> str | None:
    """The indicator chart's preview, or None while vl-convert is starting or cannot draw it (logged)."""
    if not preview.ready():
        return None
    try:
        return indicator_preview_cached(root, signature, indicator_id)
    except preview.PreviewError as exc:
        log.warning("%s", exc)
        return None


@st.cache_resource(show_spinner=False)
def last_good() -> dict:
    """Per root, the last load that parsed; shown while a file is caught half-written."""
    return {}


@st.cache_data(show_spinner=False, max_entries=64)
def chart_image(spec_json: str, fmt: str) -> bytes:
    """A chart as PNG at 2× or as SVG, by the same code as `python -m dashboard export`."""
    return images.render(json.loads(spec_json), fmt, images.DEFAULT_SCALE)


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
    root = paths.app_root()
    signature = file_signature(root)
    loaded = load_cached(str(root), signature)
    notices = []
    store = last_good()
    failed = unreadable(loaded.data)
    previous = store.get(str(root))
    if failed and previous is not None:
        names = " and ".join(failed)
        notices.append(
            f"{names} could not be read just now (a save in progress?). Showing the last good data, "
            f"loaded at {previous.loaded_at}; the problems below are the new file's."
        )
        loaded = dataclasses.replace(previous, data=_with_problems(previous.data, loaded.data.problems))
    elif not failed:
        store[str(root)] = loaded
    # NOTE: while the last good data is shown, its charts are drawn afresh (the cache keys on the new files).
    fresh = not notices
    # NOTE: an invalid DASHBOARD_TODAY is said on the page, and ages are counted to the machine's date meanwhile.
    today_problem = clock.today_or_machine()[1]
    if today_problem:
        notices.append(today_problem)
    return Context(
        data=loaded.data,
        frame=loaded.verified,
        all_frame=loaded.frame,
        notices=notices,
        signature=signature,
        loaded_at=loaded.loaded_at,
        image=chart_image,
        survey=lambda progress=None: survey_cached(str(root), signature, progress),
        briefing=lambda _data: briefing_cached(str(root), signature),
        overview_spec=(lambda f, slug: overview_spec_cached(str(root), signature, f, slug)) if fresh else None,
        indicator_spec=(lambda ind: indicator_spec_cached(str(root), signature, ind)) if fresh else None,
        as_of=loaded.as_of,
        names=loaded.names,
        findings=(lambda filters: findings_cached(str(root), signature, filters)) if fresh else None,
        tiles=(lambda: tiles_cached(str(root), signature)) if fresh else None,
        overview_preview=(lambda f, slug: overview_preview(str(root), signature, f, slug)) if fresh else None,
        indicator_preview=(lambda ind: indicator_preview(str(root), signature, ind)) if fresh else None,
    )


def _with_problems(data: Dataset, problems: list) -> Dataset:
    """A copy of `data` reporting `problems` (the new file's) instead of its own."""
    return dataclasses.replace(data, problems=list(problems))


@st.fragment(run_every=RELOAD_SECONDS)
def watch_files(root: Path, signature: str) -> None:
    """Rerun the whole app as soon as a data file's size or modification time differs from this run's."""
    if file_signature(root) != signature:
        st.rerun(scope="app")


def main() -> None:
    """Set up the page, build the context, draw the sidebar and run the chosen page."""
    # NOTE: an emoji, not a Material icon: the browser fetches a Material favicon from fonts.gstatic.com.
    st.set_page_config(page_title="Russia's wartime finances", page_icon="📉", layout="wide")
    ctx = build_context()
    st.session_state[CONTEXT_KEY] = ctx
    if os.environ.get(preload.ENV):  # the real server's own watch on the files (views/preload.py); tests start none
        preload.keep_loaded(str(paths.app_root()), file_signature, load_cached, survey_cached)
    pages = [st.Page(path, title=title, url_path=slug, default=slug == "overview") for slug, title, path in PAGES]
    if st.query_params.get("view") == "briefing":  # the screenshot view, no sidebar: see views/briefing.py
        st.navigation(pages, position="hidden")
        assert ctx.briefing is not None  # build_context always sets it
        return render_briefing(ctx.data, draw=ctx.briefing)
    page = st.navigation(pages)
    render_style()
    render_sidebar(ctx)
    page.run()
    # NOTE: after the page, so that its first 0.5 s poll is not scheduled while the page is still being built.
    with st.sidebar:
        watch_files(paths.app_root(), ctx.signature)
    # NOTE: after the page, so a fresh server's first run does not share the 2 cores with it; that first visitor's
    # chart is drawn live only, and the next ones get a preview (preview.ready).
    preview.warm_up()


main()
