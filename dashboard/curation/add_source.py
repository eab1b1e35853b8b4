"""`add-source`: a saved page, text or URL → a stored text, its checksum and its sources.yaml entry, all or nothing.

The steps, each refusing with one problem and no file touched: read data/sources.yaml (it must parse), read the
input, extract the article, check it holds article sentences, read the page's metadata, draft the entry, refuse a
text already stored. Then three writes in one transaction (the text, its checksum, the entry) and a validation of
the project; an error in the new entry or text undoes all three.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from dashboard import paths
from dashboard.curation import article, candidates, entry, intake, naming
from dashboard.curation.metadata import Metadata, read_metadata
from dashboard.curation.transaction import Transaction
from dashboard.evidence import language as languages
from dashboard.problems import Problem, error, shown, summarize
from dashboard.records.dataset import load_dataset
from dashboard.records.schema import Source
from dashboard.yamlio.reading import parse_yaml, read_text

SOURCES_LABEL = "data/sources.yaml"
CHECKSUMS_LABEL = "data/seeds.sha256"


@dataclass
class Request:
    """What the curator asked for on the command line."""

    target: str
    sid: str | None = None
    language: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    dry_run: bool = False


@dataclass
class Outcome:
    """What add-source did: its exit code (0 added or dry run, 1 refused) and what it prints."""

    code: int
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)
    source: str | None = None


class Refused(Exception):
    """A step found a reason not to add the source; carries the problems to print."""

    def __init__(self, *problems: Problem, note: str | None = None) -> None:
        super().__init__(problems[0].message)
        self.problems = problems
        self.note = note


def add_source(request: Request, root: Path = paths.ROOT, today: dt.date | None = None) -> Outcome:
    """Add the page or text as a new source under `root`, or say why not; never leaves a file half-changed."""
    try:
        return _add(request, root, (today or dt.date.today()).isoformat())
    except Refused as refused:
        note = [refused.note] if refused.note else []
        return Outcome(1, err=[p.format() for p in refused.problems] + note)


def _add(request: Request, root: Path, today: str) -> Outcome:
    sources_text, taken = _read_sources(root)
    page = intake.read_input(request.target)
    if isinstance(page, Problem):
        raise Refused(page)
    text = article.extract_article(page.text) if page.kind == "html" else article.tidy(page.text)
    lang_code = request.language or languages.detect(text or "")
    if text and page.kind == "html":
        # NOTE: a "read also" line inside an article's paragraph survives extraction; the language's rules know it.
        text = article.drop_furniture(text, languages.get(lang_code))
    if not text or not article.is_article(text, languages.get(lang_code)):
        what = "page" if page.kind == "html" else "text"
        message = (
            f"the {what} holds no sentence of an article (a home page, a menu or a paywall notice?); "
            "save the article's own page and add that"
        )
        raise Refused(error("not-an-article", page.label, None, None, message))
    meta = read_metadata(page.text) if page.kind == "html" else Metadata()
    missing = entry.missing_fields(meta, request.title, request.published)
    if missing:
        raise Refused(error("missing-metadata", page.label, None, None, entry.missing_message(missing)))
    data = text.encode("utf-8")
    _refuse_duplicate(root, data, page.label, sources_text)
    url = request.url or page.url
    published = request.published or meta.values["published"]
    sid = request.sid or naming.source_id(
        meta.values.get("publisher") or naming.host_name(url or meta.values.get("url")), published, taken
    )
    if sid in taken:
        message = f"source id '{sid}' is already in {SOURCES_LABEL}; choose another with --id"
        raise Refused(error("duplicate-id", page.label, None, None, message))
    seed = naming.seed_file(paths.seeds_dir(root), sid)
    file = seed.relative_to(root).as_posix()
    draft = entry.draft_entry(
        meta,
        sid=sid,
        file=file,
        retrieved=today,
        language=lang_code,
        language_origin="as given (--language)" if request.language else "detected from the text",
        title=request.title,
        published=request.published,
        url=url,
    )
    _check_entry(draft, page.label)
    # NOTE: a saved file is named without its folder: the comment is shared in git, the curator's home folder is not.
    where = request.target if intake.is_address(request.target) else Path(request.target).name
    block = entry.render_entry(draft, entry.list_indent(sources_text), today, where)
    new_sources, first_line = entry.append_entry(sources_text, block)
    _check_appended(new_sources, sid, page.label)
    checksum_line = f"{hashlib.sha256(data).hexdigest()}  {file}\n"
    if request.dry_run:
        return Outcome(0, out=_dry_run(file, text, block, checksum_line), source=sid)
    _write(root, seed, data, new_sources, checksum_line, sid, first_line)
    return _report(root, sid, file, lang_code)


def _read_sources(root: Path) -> tuple[str, set[str]]:
    """data/sources.yaml's text and the ids in it; refused when it cannot be read or does not parse."""
    text, problems = read_text(paths.sources_path(root), SOURCES_LABEL)
    if text is None:
        raise Refused(*problems)
    doc = parse_yaml(text, SOURCES_LABEL)
    if doc.problems:
        first = doc.problems[0]
        message = f"{SOURCES_LABEL} does not parse ({first.message}); fix it first, then add the source"
        raise Refused(error(first.code, first.file, first.line, first.column, message))
    items = doc.data.get("sources") if isinstance(doc.data, dict) else None
    taken = {str(item["id"]) for item in items or [] if isinstance(item, dict) and "id" in item}
    return text, taken


def _refuse_duplicate(root: Path, data: bytes, label: str, sources_text: str) -> None:
    """Refused when a stored text has exactly these bytes, naming it (and its source, when an entry names it)."""
    digest = hashlib.sha256(data).hexdigest()
    seeds = paths.seeds_dir(root)
    for path in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
        try:
            same = path.is_file() and path.stat().st_size == len(data)
            same = same and hashlib.sha256(path.read_bytes()).hexdigest() == digest
        except OSError:
            continue
        if same:
            name = path.relative_to(root).as_posix()
            owner = _owner(sources_text, name)
            message = f"this text is already stored as {name}{owner}; nothing to add"
            raise Refused(error("duplicate-text", label, None, None, message))


def _owner(sources_text: str, file: str) -> str:
    doc = parse_yaml(sources_text, SOURCES_LABEL)
    items = doc.data.get("sources") if isinstance(doc.data, dict) else None
    for item in items or []:
        if isinstance(item, dict) and item.get("file") == file:
            return f" (source '{item.get('id')}')"
    return ""


def _check_entry(draft: entry.Draft, label: str) -> None:
    """Refused when the drafted entry would not pass the sources schema (a 3,000-character headline, say)."""
    try:
        Source.model_validate(draft.fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(part) for part in err["loc"]) or "entry"
        message = f"the drafted entry's {where} is refused: {err['msg']} ({shown(draft.fields.get(where, ''))})"
        raise Refused(error("invalid-value", label, None, None, message)) from None


def _check_appended(new_sources: str, sid: str, label: str) -> None:
    """Refused when the file with the entry appended would not read as the old list plus this entry."""
    doc = parse_yaml(new_sources, SOURCES_LABEL)
    items = doc.data.get("sources") if isinstance(doc.data, dict) else None
    if doc.problems or not isinstance(items, list) or not items or items[-1].get("id") != sid:
        message = f"{SOURCES_LABEL} does not end with its list of sources, so no entry can be appended; add it by hand"
        raise Refused(error("yaml-syntax", SOURCES_LABEL, None, None, message))


def _dry_run(file: str, text: str, block: str, checksum_line: str) -> list[str]:
    lines = [f"would write {file} ({len(text.splitlines())} lines, {len(text.encode())} bytes):"]
    lines += ["    " + line for line in text.splitlines()]
    lines += [f"would append to {SOURCES_LABEL}:", *block.rstrip("\n").splitlines()]
    lines.append(f"would append to {CHECKSUMS_LABEL}:")
    lines += [checksum_line.rstrip("\n"), "dry run: nothing was written"]
    return lines


def _write(root: Path, seed: Path, data: bytes, new_sources: str, checksum_line: str, sid: str, first: int) -> None:
    """The three writes and the validation, as one transaction: any failure undoes every write before it."""
    sums = root / CHECKSUMS_LABEL
    transaction = Transaction()
    try:
        old_sums = sums.read_bytes() if sums.exists() else b""
        sep = b"" if not old_sums or old_sums.endswith(b"\n") else b"\n"
        transaction.create(seed, data)
        transaction.replace(sums, old_sums + sep + checksum_line.encode())
        transaction.replace(paths.sources_path(root), new_sources.encode("utf-8"))
        blocking = _new_problems(root, seed.relative_to(root).as_posix(), sid, first)
    except OSError as exc:
        failed = transaction.rollback()
        undo = f"; could not restore {', '.join(failed)}" if failed else "; nothing was changed"
        message = f"could not write {exc.filename or 'a file'}: {exc.strerror or exc}{undo}"
        raise Refused(error("write-failed", str(exc.filename or SOURCES_LABEL), None, None, message)) from None
    except BaseException:
        transaction.rollback()
        raise
    if blocking:
        transaction.rollback()
        note = "add-source: the new entry or its text has the errors above; undone, nothing changed"
        raise Refused(*blocking, note=note)
    transaction.commit()


def _new_problems(root: Path, file: str, sid: str, first: int) -> list[Problem]:
    """Errors the validation finds in the new entry or its text (problems elsewhere do not block the add)."""
    data = load_dataset(root)
    mine = [
        p
        for p in data.errors
        if p.file == file or (p.file == SOURCES_LABEL and (p.line or 0) >= first) or f"'{sid}'" in p.message
    ]
    if sid not in data.texts and not mine:
        mine.append(error("source-file-missing", SOURCES_LABEL, first, None, f"source '{sid}' did not load"))
    return mine


def _report(root: Path, sid: str, file: str, lang_code: str) -> Outcome:
    data = load_dataset(root)
    out = [f"added {file} as source '{sid}' ({languages.get(lang_code).NAME}); check its entry in {SOURCES_LABEL}"]
    out += candidates.render_text(candidates.survey(data, source=sid)).rstrip("\n").splitlines()
    err = [f"note: elsewhere in the project, {summarize(data.problems)}; run `python -m dashboard validate`"]
    return Outcome(0, out=out, err=err if data.problems else [], source=sid)
