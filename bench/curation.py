"""Curation rows on the text-count axis: `candidates` cold and warm against reading every text, memory, CLI start-up.

Every command row is a new `python -m dashboard …` process with DASHBOARD_ROOT at the generated project and
XDG_CACHE_HOME at a scratch folder of this run's (empty for a cold run), as a curator would type it. Its floor is
measured in this process, alternately with it: every stored text read and one pattern of every language's numbers
run over it. The projects hold INDICATORS indicators at every text count, so only the texts grow.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from bench.generate import Project, text_body
from bench.table import BUDGET, Figure, timed

#: Indicators of every text-count project: the issue's 1,000-text figures were taken with 1,000.
INDICATORS = 1_000
#: The issue's targets at TARGET_TEXTS texts.
TARGET_TEXTS = 1_000
COLD_LIMIT, COLD_RATIO, WARM_LIMIT, APP_LIMIT, MEMORY_RATIO = 3.0, 10.0, 1.0, 0.3, 1.2
#: The text report goes nowhere; what is timed is the work, not a terminal.
COMMAND = ("candidates",)
REPO = Path(__file__).resolve().parent.parent
#: The small launcher each command is started from, so its peak memory is its own (see there).
PEAK = Path(__file__).resolve().parent / "peak.py"


def figure_pattern() -> re.Pattern[str]:
    """One pattern of every language's number syntax, the floor's only work on each text."""
    from dashboard.evidence import language as languages

    return re.compile("|".join(f"(?:{lang.NUMBER})" for lang in languages.all_languages().values()))


def floor(project: Project, pattern: re.Pattern[str]) -> int:
    """The floor the issue names: every stored text read, and the combined figure pattern run over it."""
    count = 0
    for path in sorted((project.root / "seeds").iterdir()):
        count += sum(1 for _ in pattern.finditer(path.read_text(encoding="utf-8")))
    return count


def dashboard(project: Project, cache: Path, *argv: str) -> tuple[float, float]:
    """Seconds and peak memory (MB, the process and the workers it waited for) of one `python -m dashboard` run."""
    env = {**os.environ, "DASHBOARD_ROOT": str(project.root), "XDG_CACHE_HOME": str(cache)}
    return _child([sys.executable, "-m", "dashboard", *argv], env)


def _child(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one child process, as bench/peak.py measures them."""
    with tempfile.NamedTemporaryFile("r", prefix="bench-peak-", suffix=".txt") as report:
        launcher = [sys.executable, "-S", str(PEAK), report.name, *command]
        proc = subprocess.run(launcher, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        err = proc.stderr.decode(errors="replace")
        # NOTE: `candidates` exits 1 when candidates are left, which on generated data they always are.
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(command[1:])} exited {proc.returncode}: {err.strip()[-200:]}")
        seconds, peak_kb = report.read().split()
    return float(seconds), int(peak_kb) / 1024


def startup(repeat: int) -> tuple[float, float, float]:
    """Medians of `import dashboard.cli`, of `python -m dashboard --help` and of a bare `python -c pass`."""
    env = dict(os.environ)
    runs = [
        [sys.executable, "-c", "import dashboard.cli"],
        [sys.executable, "-m", "dashboard", "--help"],
        [sys.executable, "-c", "pass"],
    ]
    times: list[list[float]] = [[], [], []]
    for _ in range(repeat):
        for i, command in enumerate(runs):
            times[i].append(_child(command, env)[0])
    a, b, c = (statistics.median(t) for t in times)
    return a, b, c


def add_text(project: Project, n: int) -> Callable[[], None]:
    """A new stored text and its sources.yaml entry, as add-source leaves them; returns what undoes it."""
    sources = project.root / "data" / "sources.yaml"
    before = sources.read_bytes()
    ident = f"bench-new-{n:04d}"
    path = project.root / "seeds" / f"{ident}.txt"
    path.write_text(text_body(n), encoding="utf-8")
    entry = (
        f"  - id: {ident}\n    file: seeds/{ident}.txt\n    title: One more report {n}\n"
        '    publisher: The Synthetic Gazette\n    published: "2025-12-01"\n    published_basis: stated\n'
    )
    sources.write_bytes(before + entry.encode())

    def undo() -> None:
        sources.write_bytes(before)
        path.unlink()

    return undo


def save_indicators(project: Project, n: int) -> None:
    """A save of indicators.yaml that changes its bytes but not its records (a comment line), as an editor's."""
    path = project.root / "indicators.yaml"
    text = path.read_text(encoding="utf-8").split("\n# bench save ")[0].rstrip("\n")
    path.write_text(f"{text}\n# bench save {n}\n", encoding="utf-8")


def add_quote(project: Project, n: int) -> Callable[[], None]:
    """A save of indicators.yaml that adds one record's quote (and its translation): both languages' indicator words
    change, so every kept suggestion is worked out again; returns what undoes it."""
    path = project.root / "indicators.yaml"
    before = path.read_text(encoding="utf-8")
    blocks = before.split("\n      - value: ")
    # NOTE: the n-th Russian observation with its translation, cited once more under the first indicator.
    russian = [block for block in blocks[1:] if "        translation: " in block.split("\n  - id: ")[0]] or blocks[1:]
    block = "      - value: " + russian[n % len(russian)].split("\n  - id: ")[0].rstrip("\n") + "\n"
    first = before.index("    observations:\n") + len("    observations:\n")
    path.write_text(before[:first] + block + before[first:], encoding="utf-8")

    def undo() -> None:
        path.write_text(before, encoding="utf-8")

    return undo


@contextmanager
def cache_home(folder: Path) -> Iterator[None]:
    """XDG_CACHE_HOME set to `folder` meanwhile: for this process and the servers it starts (they inherit it)."""
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    try:
        yield
    finally:
        if old is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = old


def in_app(project: Project, cache: Path, repeat: int) -> float:
    """Median seconds of the survey in a running process after a save of indicators.yaml (the load not counted)."""
    from dashboard.curation import candidates, scans
    from dashboard.records.dataset import load_dataset

    with cache_home(cache):
        try:
            scans.clear()
            candidates.survey(load_dataset(project.root))
            times = []
            for n in range(repeat):
                save_indicators(project, n)
                data = load_dataset(project.root)
                times.append(timed(partial(candidates.survey, data)))
            return statistics.median(times)
        finally:
            scans.clear()


def measure(projects: dict[int, Project], repeat: int) -> list[Figure]:
    """Every curation row at each text count of `projects` (keyed by text count)."""
    at = f"at {TARGET_TEXTS:,} texts"
    base = Figure("floor: every stored text read, one combined figure pattern (in process)", "s")
    cold = Figure("candidates cold, new process, empty cache (× floor)", "s", target=f"≤{COLD_LIMIT:g} s, ≤10× {at}")
    warm_target = f"≤{WARM_LIMIT:g} s {at}"
    saved = Figure("candidates warm, new process, after an indicators.yaml save (× floor)", "s", target=warm_target)
    added = Figure("candidates warm, new process, after adding one text (× floor)", "s", target=warm_target)
    # NOTE: the warm target is for any save of indicators.yaml, and adding a record is the commonest one.
    quoted_name = "candidates warm, new process, after a save that adds one record's quote (words change)"
    quoted = Figure(quoted_name, "s", target=warm_target)
    app = Figure("survey in a running process after a save (the app's page)", "s", target=f"≤{APP_LIMIT:g} s {at}")
    mem = Figure("peak memory: candidates warm (× validate's)", "MB", target=f"≤{MEMORY_RATIO:g}× validate {at}")
    mem_cold = Figure("peak memory: candidates cold, with its workers (× validate's)", "MB")
    val = Figure("peak memory: validate", "MB")
    start = Figure("CLI start-up: import dashboard.cli (× python -c pass)", "s")
    helped = Figure("CLI start-up: python -m dashboard --help (× python -c pass)", "s")
    pattern = figure_pattern()
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as tmp:
        scratch = Path(tmp)
        for texts, project in projects.items():
            runs = repeat if texts < 10_000 else max(1, min(repeat, 3))
            colds, floors, ratios, cold_mem = [], [], [], []
            for n in range(runs):
                cache = scratch / f"cold-{texts}-{n}"
                floors.append(timed(partial(floor, project, pattern)))
                seconds, peak = dashboard(project, cache, *COMMAND)
                colds.append(seconds)
                cold_mem.append(peak)
                ratios.append(seconds / floors[-1])
                # NOTE: no cache is deleted until every count is measured: on this ext4 disk (mounted with
                # `discard`), the files created in the seconds after deleting 2,000 cost 2-3 s of kernel CPU,
                # which the next cold run paid for the bench's own clean-up (docs/performance.md).
                if sum(colds) > BUDGET:
                    break
            warm_cache = scratch / f"cold-{texts}-{len(colds) - 1}"
            base.values[texts] = statistics.median(floors)
            cold.values[texts], cold.ratios[texts] = statistics.median(colds), statistics.median(ratios)
            cold_peak = mem_cold.values[texts] = statistics.median(cold_mem)
            saves, adds, warm_mem, warm_floors = [], [], [], []
            for n in range(runs):
                # NOTE: a floor beside each pair of warm runs, as this machine's speed moves by a quarter from one
                # minute to the next (docs/performance.md): the ratio is what compares across runs and machines.
                warm_floors.append(timed(partial(floor, project, pattern)))
                save_indicators(project, n)
                seconds, peak = dashboard(project, warm_cache, *COMMAND)
                saves.append(seconds)
                warm_mem.append(peak)
                undo = add_text(project, n)
                try:
                    adds.append(dashboard(project, warm_cache, *COMMAND)[0])
                finally:
                    undo()
            saved.values[texts], added.values[texts] = statistics.median(saves), statistics.median(adds)
            saved.ratios[texts] = statistics.median(a / b for a, b in zip(saves, warm_floors, strict=True))
            added.ratios[texts] = statistics.median(a / b for a, b in zip(adds, warm_floors, strict=True))
            valid = statistics.median(dashboard(project, warm_cache, "validate")[1] for _ in range(runs))
            val.values[texts] = valid
            mem.values[texts], mem.ratios[texts] = statistics.median(warm_mem), statistics.median(warm_mem) / valid
            mem_cold.ratios[texts] = cold_peak / valid
            app.values[texts] = in_app(project, warm_cache, runs)
            # NOTE: last, since it changes the indicators' words: the kept suggestions are worked out again, and a
            # save after it would find them made for the quote's words, not the original's.
            quotes = []
            for n in range(runs):
                undo = add_quote(project, n)
                try:
                    quotes.append(dashboard(project, warm_cache, *COMMAND)[0])
                finally:
                    undo()
            quoted.values[texts] = statistics.median(quotes)
    imported, helped_s, bare = startup(repeat)
    for texts in projects:
        start.values[texts], start.ratios[texts] = imported, imported / bare
        helped.values[texts], helped.ratios[texts] = helped_s, helped_s / bare
    start.slope_applies = helped.slope_applies = False
    if TARGET_TEXTS in projects:
        t = TARGET_TEXTS
        cold.met = _within(cold.values, COLD_LIMIT) and cold.ratios[t] <= COLD_RATIO
        saved.met, added.met = _within(saved.values, WARM_LIMIT), _within(added.values, WARM_LIMIT)
        quoted.met = _within(quoted.values, WARM_LIMIT)
        app.met, mem.met = _within(app.values, APP_LIMIT), mem.ratios[t] <= MEMORY_RATIO
    return [base, cold, saved, added, quoted, app, mem, mem_cold, val, start, helped]


def _within(values: dict[int, float | None], limit: float) -> bool:
    """Whether the figure at TARGET_TEXTS was measured and is at most `limit`."""
    value = values.get(TARGET_TEXTS)
    return value is not None and value <= limit
