"""The command line, `python -m dashboard …`: validate, data, schema, candidates, export, add-source. No streamlit."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from dashboard import arguments, paths
from dashboard.evidence import language as languages
from dashboard.problems import summarize
from dashboard.records import cache, clock
from dashboard.records.dataset import Dataset, load_dataset
from dashboard.records.schema import (
    DATE_PATTERN,
    SLUG_PATTERN,
    DismissedFile,
    IndicatorsFile,
    SourcesFile,
    json_schema,
)
from dashboard.records.staleness import stale_report

#: Exit codes: 0 clean, 1 problems in the data, 2 bad usage (argparse's own), 3 a bug of ours.
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Register a subcommand; its docstring is its help."""
    COMMANDS[func.__name__.removeprefix("cmd_").replace("_", "-")] = func
    return func


def _load(args: argparse.Namespace) -> Dataset:
    # NOTE: only validate takes --root; the other commands keep the package's folder (or DASHBOARD_ROOT).
    root = paths.project_root(args.root) if hasattr(args, "root") else None
    path = Path(args.path) if getattr(args, "path", None) else None
    return load_dataset(root, indicators=path, today=getattr(args, "today", None))


@command
def cmd_validate(args: argparse.Namespace) -> int:
    """Check indicators.yaml (or PATH) against data/sources.yaml and the stored texts; one line per problem."""
    data = _load(args)
    failing = data.errors or (args.strict and data.warnings)
    verified = sum(r.verified for r in data.records)
    counts = {
        "indicators": len(data.indicators),
        "observations": len(data.records),
        "verified": verified,
        "sources": len(data.sources),
        "errors": len(data.errors),
        "warnings": len(data.warnings),
        "notices": len(data.notices),
        "accepted": len(data.accepted),
    }
    stale = stale_report(data)
    if args.format == "json":
        report = {"ok": not failing, "summary": counts, "problems": [p.to_dict() for p in data.problems]}
        report.update(today=data.today.isoformat(), stale=stale)
        print(json.dumps(report, ensure_ascii=False, indent=2))
    elif args.format == "github":
        from dashboard.tables.annotations import workflow_commands

        # NOTE: GitHub shows each command on its line of the pull request; the summary goes to the log as plain text.
        for line in workflow_commands(data.open_problems):
            print(line)
        print(f"{data.indicators_file}: {summarize(data.problems)}")
    else:
        # NOTE: an accepted problem is settled, so it is neither printed as a problem line nor counted as one.
        for problem in data.open_problems:
            print(problem.format())
        tail = (
            f"{counts['indicators']} indicators, {counts['observations']} observations, "
            f"{verified} verified against {len(data.texts)} stored texts"
        )
        if data.accepted:
            tail += f"; {len(data.accepted)} accepted on their records, listed by --format json"
        print(f"{data.indicators_file}: {summarize(data.problems)} ({tail})")
        # NOTE: after the summary, and never a problem: an old figure is right about its period, only not current.
        for e in stale:
            print(
                f"{data.indicators_file}:{e['line']}: stale on {data.today}: {e['indicator_id']}, {e['period']}, is "
                f"{e['age_days']} days old; expected every {e['update_period_days']} days"
            )
    return EXIT_PROBLEMS if failing else EXIT_OK


@command
def cmd_data(args: argparse.Namespace) -> int:
    """Print every observation as the app's CSVs write it (same columns), with quote offsets and whether each is
    verified."""
    # NOTE: pandas (0.3-1.5 s to import) only for the commands that print a table; validate, schema and candidates
    # start without it (tests/test_cli.py holds them to that).
    from dashboard.tables.downloads import export_table, neutralise_formulas
    from dashboard.tables.frames import observations_frame

    data = _load(args)
    frame = export_table(observations_frame(data), data)
    if args.format == "json":
        rows = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        # NOTE: a cell starting with = + - @ would run as a formula in a spreadsheet; tables.py quotes it.
        neutralise_formulas(frame).to_csv(sys.stdout, index=False, lineterminator="\n")
    if data.errors:
        print(f"note: {summarize(data.problems)}; run `python -m dashboard validate`", file=sys.stderr)
    return EXIT_OK


@command
def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema (draft 7) of indicators.yaml, data/sources.yaml (--sources) or data/dismissed.yaml."""
    model = DismissedFile if args.dismissed else SourcesFile if args.sources else IndicatorsFile
    print(render_schema(model), end="")
    return EXIT_OK


@command
def cmd_candidates(args: argparse.Namespace) -> int:
    """List figure mentions in the stored texts that no record cites, with coverage; --format yaml gives records."""
    from dashboard.curation import candidates, output, skeletons
    from dashboard.curation.status import status_lines

    data = load_dataset()
    if args.source is not None and args.source not in data.texts:
        print(f"unknown source '{args.source}'; one of: {', '.join(data.texts)}", file=sys.stderr)
        return EXIT_USAGE
    with status_lines(sys.stderr, "scanning stored texts", "working out suggestions") as (scanning, suggesting):
        if args.format == "text":
            # NOTE: the text report streams one text at a time; the JSON and YAML ones are made from a whole survey.
            problems = output.stream_text(data, sys.stdout, args.source, scanning)
        else:
            result = candidates.survey(data, source=args.source, progress=scanning)
            problems = result.problems
            if result.suggester is not None:
                result.suggester.prepare(dict.fromkeys(item.source for item in result.candidates), suggesting)
            if args.format == "json":
                output.write_json(result, sys.stdout)
            else:
                for problem in result.problems:
                    print(problem.format(), file=sys.stderr)
                print(skeletons.render_yaml(result, data), end="")
    if data.errors:
        print(f"note: {summarize(data.problems)}; run `python -m dashboard validate`", file=sys.stderr)
    return EXIT_PROBLEMS if any(p.severity == "error" for p in problems) else EXIT_OK


@command
def cmd_export(args: argparse.Namespace) -> int:
    """Write each Overview chart and the 1920×1080 briefing sheet as images, or the briefing deck (--format pptx)."""
    # NOTE: imported here so that validate and data do not pay for altair, vl-convert and python-pptx.
    from dashboard.export import images

    chosen = args.indicator or ()
    data = _load(args)
    try:
        if args.format == "pptx":
            from dashboard.export import deck  # NOTE: python-pptx only for a deck (~0.5 s of every image export)

            written = deck.export(data, Path(args.out), args.scale, chosen)
        else:
            written = images.export(data, Path(args.out), args.format, args.scale, chosen)
    except images.ExportError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    for path in written:
        print(path)
    if args.format != "pptx":
        for line in images.skipped_charts(data, chosen):
            print(f"export: skipped {line}", file=sys.stderr)
    return EXIT_OK


@command
def cmd_add_source(args: argparse.Namespace) -> int:
    """Store a saved page, text or http(s) URL as a new source: its article in seeds/, checksum and entry; or none."""
    from dashboard.curation import add_source  # NOTE: here, so that validate does not pay for trafilatura and lxml

    request = add_source.Request(
        args.target, args.id, args.language, args.title, args.published, args.url, dry_run=args.dry_run
    )
    outcome = add_source.add_source(request, paths.ROOT)
    for line in outcome.out:
        print(line)
    for line in outcome.err:
        print(line, file=sys.stderr)
    return outcome.code


def render_schema(model: type[IndicatorsFile] | type[SourcesFile] | type[DismissedFile]) -> str:
    """The schema text exactly as committed under data/."""
    return json.dumps(json_schema(model), ensure_ascii=False, indent=2) + "\n"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; each subcommand's help is its function's docstring."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description=f"Indicators of Russia's wartime finances, each traced to a quote. Data root: {paths.ROOT}",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = sub.add_parser("validate", help=cmd_validate.__doc__, description=cmd_validate.__doc__)
    validate.add_argument("path", nargs="?", help="indicator file to check (default: indicators.yaml)")
    validate.add_argument(
        "--strict", action="store_true", help="exit 1 on warnings too (not on notices, nor on accepted warnings)"
    )
    validate.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text: one line a problem; json: a list of problems; github: GitHub Actions annotations",
    )
    validate.add_argument(
        "--root",
        metavar="DIR",
        help="the project to check (default: the working directory when it holds indicators.yaml, else this package's)",
    )
    arguments.add_today(validate)
    data = sub.add_parser("data", help=cmd_data.__doc__, description=cmd_data.__doc__)
    data.add_argument("path", nargs="?", help="indicator file to read (default: indicators.yaml)")
    data.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (default) or json records")
    arguments.add_today(data)
    schema = sub.add_parser("schema", help=cmd_schema.__doc__, description=cmd_schema.__doc__)
    schema.add_argument("--sources", action="store_true", help="the schema of data/sources.yaml instead")
    schema.add_argument("--dismissed", action="store_true", help="the schema of data/dismissed.yaml instead")
    cands = sub.add_parser("candidates", help=cmd_candidates.__doc__, description=cmd_candidates.__doc__)
    cands.add_argument("--source", metavar="ID", help="only this source's text (an id in data/sources.yaml)")
    cands.add_argument(
        "--format",
        choices=("text", "json", "yaml"),
        default="text",
        help="text: one line a mention; json: mentions and coverage; yaml: ready-to-paste records",
    )
    exp = sub.add_parser("export", help=cmd_export.__doc__, description=cmd_export.__doc__)
    exp.add_argument("--out", required=True, metavar="DIR", help="folder to write into (created if missing)")
    exp.add_argument(
        "--format",
        choices=("png", "svg", "pdf", "pptx"),
        default="png",
        help="png, svg or pdf: one image a chart and the sheet; pptx: briefing.pptx, the slide deck",
    )
    exp.add_argument(
        "--scale", type=arguments.scale, default=2.0, help="pixels per CSS pixel for PNG and PDF (default 2)"
    )
    exp.add_argument("--indicator", nargs="+", metavar="ID", help="only these indicators (ids in indicators.yaml)")
    arguments.add_today(exp)
    add = sub.add_parser("add-source", help=cmd_add_source.__doc__, description=cmd_add_source.__doc__)
    add.add_argument("target", metavar="PATH_OR_URL", help="a saved .html page, a .txt text, or an http(s) URL")
    add.add_argument(
        "--id", type=arguments.pattern(SLUG_PATTERN, "an id"), help="the source id (default: publisher-YYYY-MM)"
    )
    add.add_argument("--language", choices=languages.codes(), help="the text's language (default: detected)")
    add.add_argument("--title", help="the headline, when the page states none (title_basis: supplied)")
    add.add_argument(
        "--published",
        type=arguments.pattern(DATE_PATTERN, "a date"),
        metavar="YYYY-MM-DD",
        help="the date, when the page states none (published_basis: inferred)",
    )
    add.add_argument(
        "--url", type=arguments.pattern(r"^https?://\S+$", "an address"), help="where a saved page was published"
    )
    add.add_argument("--dry-run", action="store_true", help="print what would be written and write nothing")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code; a bug of ours is one line on stderr, never a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if hasattr(args, "today") and args.today is None:
        try:
            args.today = clock.environment_today()
        except ValueError as exc:
            parser.error(str(exc))
    try:
        # NOTE: a command loads once and exits, so remembering its sources for a later load (the app's reloads)
        # would only read and hash every stored text twice more (0.03 s at 1,000 texts).
        with cache.disabled():
            return COMMANDS[args.command](args)
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the promise is no traceback, whatever happens
        print(f"internal error: {type(exc).__name__}: {exc} (please report it)", file=sys.stderr)
        return EXIT_BUG
