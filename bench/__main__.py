"""`make bench`: generate synthetic projects, measure every figure against its floor, print one table."""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import TEXTS, generate
from bench.table import Figure, render

SIZES = (100, 1_000, 10_000)
QUICK_SIZES = (100, 1_000)
#: Rows measured on the synthetic projects, one column a size.
SIZED_ROWS = ("load", "app", "cold", "reload", "export", "paint", "memory")
#: Rows measured on the text-count axis (their own table).
TEXT_ROWS = ("curation", "quality")
#: Rows measured on this repository's own data (bench/pages.py), one column.
PROJECT_ROWS = ("pages", "fullexport")
ROWS = SIZED_ROWS + TEXT_ROWS + PROJECT_ROWS
#: Stored-text counts of the curation rows' own axis. NOTE: 10,000 texts is opt-in (`--text-sizes 100,1000,10000`):
#: generating 95 MB of texts and scanning them cold several times takes longer than the rest of the bench together.
TEXT_SIZES = (100, 1_000)
#: The package whose commands and pages are timed.
PACKAGE = Path(__file__).resolve().parent.parent / "dashboard"


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="sizes 100 and 1,000 only")
    parser.add_argument("--only", default=",".join(ROWS), help=f"comma-separated rows out of: {', '.join(ROWS)}")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median taken); default 5")
    parser.add_argument("--sizes", default="", help="comma-separated indicator counts instead of the defaults")
    parser.add_argument("--texts", type=int, default=TEXTS, help="stored texts to generate; default 1,000")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument(
        "--text-sizes",
        default=",".join(str(n) for n in TEXT_SIZES),
        help="comma-separated stored-text counts for the curation and quality rows; default 100,1000 (add 10000)",
    )
    args = parser.parse_args(argv)
    args.rows = [r.strip() for r in args.only.split(",") if r.strip()]
    unknown = set(args.rows) - set(ROWS)
    if unknown:
        parser.error(f"unknown rows: {', '.join(sorted(unknown))}; choose from {', '.join(ROWS)}")
    if args.sizes:
        args.size_list = [int(s) for s in args.sizes.split(",")]
    else:
        args.size_list = list(QUICK_SIZES if args.quick else SIZES)
    args.text_list = [int(s) for s in args.text_sizes.split(",") if s.strip()]
    return args


def machine() -> str:
    """One line naming the machine the figures come from."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        ram = f"{int(mem.split()[1]) / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration):
        ram = "unknown RAM"
    return f"{os.cpu_count()} cores, {model}, {ram}, Python {platform.python_version()}"


def run(args: argparse.Namespace, root: Path) -> list[Figure]:
    """Every chosen row on the indicator-count axis, measured on projects generated under `root`."""
    figures: list[Figure] = []
    if not set(SIZED_ROWS) & set(args.rows):
        return figures
    projects = generate(root, args.size_list, texts=args.texts, seed=args.seed)
    groups = {
        "load": (lambda: _group("load").measure(projects, args.repeat), {"load"}),
        "app": (lambda: _group("app").measure(projects, args.repeat, args.rows), {"app", "cold"}),
        "browser": (lambda: _group("browser").measure(projects, args.repeat, args.rows), {"reload", "paint", "memory"}),
        "export": (lambda: _group("export").measure(projects, args.repeat), {"export"}),
    }
    for name, (measure, rows) in groups.items():
        if rows & set(args.rows):
            try:
                figures += measure()
            except Exception as exc:  # noqa: BLE001 - one broken group must not lose the others' figures
                figures.append(Figure(f"{name} rows", "s", note=f"failed: {type(exc).__name__}: {exc}"[:120]))
            print(render(figures, args.size_list), file=sys.stderr, flush=True)
    return figures


def run_texts(args: argparse.Namespace, root: Path) -> list[Figure]:
    """The curation and quality rows, on projects of `args.text_list` stored texts (keyed by that count)."""
    from bench.curation import INDICATORS

    figures: list[Figure] = []
    if not set(TEXT_ROWS) & set(args.rows):
        return figures
    projects = {
        n: generate(root / f"texts-{n}", [INDICATORS], texts=n, seed=args.seed)[INDICATORS] for n in args.text_list
    }
    for name in ("curation", "quality"):
        if name in args.rows:
            try:
                found = _group(name).measure(projects, args.repeat)
                # NOTE: the finder's own row (bench/finder.py) belongs to the curation group, beside its floor.
                if name == "curation":
                    found[1:1] = _group("finder").measure(projects, args.repeat)
                figures += found
            except Exception as exc:  # noqa: BLE001 - one broken group must not lose the others' figures
                figures.append(Figure(f"{name} rows", "s", note=f"failed: {type(exc).__name__}: {exc}"[:120]))
            print(render(figures, args.text_list, axis="stored texts"), file=sys.stderr, flush=True)
    return figures


def _group(name: str):
    import importlib

    return importlib.import_module(f"bench.{name}")


#: What the text-count table holds besides its texts.
INDICATORS_NOTE = "1,000 indicators at every count, half the texts Russian"


def compile_package(folder: Path = PACKAGE) -> None:
    """The package's bytecode written before anything is timed, as a user's Python writes it on its first run."""
    # NOTE: this machine sets PYTHONDONTWRITEBYTECODE=1, so without this every process timed here compiled every
    # module of the package from source again (0.05 s of a warm `candidates`), which no user's second run does.
    compileall.compile_dir(folder, quiet=1)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    args = parse(argv)
    compile_package()
    started = time.strftime("%Y-%m-%d %H:%M")
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        figures = run(args, Path(tmp))
        text_figures = run_texts(args, Path(tmp))
    own = _group("pages").measure(args.repeat, args.rows) if set(PROJECT_ROWS) & set(args.rows) else []
    print(f"# {started} · {machine()} · python -m bench {' '.join(argv if argv is not None else sys.argv[1:])}")
    print(f"# medians of up to {args.repeat} runs (fewer past 30 s a figure); (N×): ratio to its floor")
    if figures:
        print(render(figures, args.size_list))
    if text_figures:
        print(f"\n# stored texts on the axis, {INDICATORS_NOTE}")
        print(render(text_figures, args.text_list, axis="stored texts"))
    if own:
        print(f"\n# load average {_load()} (the machine is shared); the pages and export of this repository's data")
        print(render(own, [0], labels={0: "this project"}))
    return 0


def _load() -> str:
    """The 1, 5 and 15 minute load averages, as the kernel gives them."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
