"""The sources and their stored texts: data/sources.yaml read, each text read in its language and checked unchanged."""

from __future__ import annotations

import codecs
import difflib
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dashboard import paths
from dashboard.evidence import language as languages
from dashboard.evidence.provenance import StoredText
from dashboard.problems import Problem, error, warning
from dashboard.records.beside import Beside, beside
from dashboard.records.loading import Document, Located, load_sources
from dashboard.records.schema import Source
from dashboard.yamlio.reading import decode_text, read_bytes, read_text

#: data/sources.yaml's size from which read_sources_beside forks: some 200 sources, whose texts take 50 ms to read
#: against the fork's 10-20 ms.
FORK_SOURCES_BYTES = 32_000


@dataclass
class Sources:
    """What reading data/sources.yaml and the stored texts produced, kept between loads while none of them changes."""

    root: Path
    sources: dict[str, Source] = field(default_factory=dict)
    texts: dict[str, StoredText] = field(default_factory=dict)
    source_lines: dict[str, int] = field(default_factory=dict)
    #: Ids of sources whose stored text no longer matches its checksum in data/seeds.sha256.
    changed: set[str] = field(default_factory=set)
    #: Source id → whether its text's language was "stated" in data/sources.yaml or "detected" from the text.
    language_basis: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_sources(root: Path) -> Sources:
    """data/sources.yaml under `root` and every stored text it names, with the problems found."""
    data = Sources(root)
    _load_sources(data)
    return data


def read_sources_beside(root: Path) -> Beside[Sources]:
    """read_sources(root) started in a forked process when there are enough texts for it to pay (records/beside.py)."""
    try:
        many = os.stat(paths.sources_path(root)).st_size >= FORK_SOURCES_BYTES
    except OSError:
        many = False
    return beside(lambda: read_sources(root), worth_it=many)


def _load_sources(data: Sources) -> None:
    located, doc = load_sources(paths.sources_path(data.root))
    data.problems.extend(doc.problems)
    seeds = paths.seeds_dir(data.root).resolve()
    checksums = _read_checksums(data.root)
    folders: dict[Path, Path] = {}
    for item in located:
        source: Source = item.record
        if source.id in data.sources:
            mark = doc.mark((*item.path, "id"))
            message = f"source id '{source.id}' is used again (first at line {data.source_lines[source.id]})"
            data.problems.append(error("duplicate-id", doc.file, mark.line, mark.column, message))
            continue
        data.sources[source.id] = source
        data.source_lines[source.id] = item.line
        read = _read_source_text(data, doc, item, seeds, folders)
        if read is not None:
            text, raw = read
            # NOTE: the file's bytes are hashed once, for data/seeds.sha256 and for the text's own checksum (the
            # same bytes when there is no byte-order mark), not read and hashed again for each.
            digest = hashlib.sha256(raw).hexdigest()
            own = None if raw.startswith(codecs.BOM_UTF8) else digest
            data.texts[source.id] = StoredText(text, _language(data, doc, item, text), sha256=own)
            _check_unchanged(data, doc, item, checksums, digest)
    for item in located:
        source = item.record
        if source.derived_from is not None and source.derived_from not in data.sources:
            doc.error("unknown-source", (*item.path, "derived_from"), unknown_source(source.derived_from, data.sources))
            data.problems.append(doc.problems[-1])


def _read_source_text(
    data: Sources, doc: Document, item: Located, seeds: Path, folders: dict[Path, Path]
) -> tuple[str, bytes] | None:
    """The stored text of a source and its file's bytes, or None with the problem that stopped it."""
    source: Source = item.record
    mark = doc.mark((*item.path, "file"))
    candidate = Path(source.file)
    resolved = _resolve(data.root / candidate, folders)
    if candidate.is_absolute() or not resolved.is_relative_to(seeds):
        message = f"source '{source.id}': file '{source.file}' leads outside seeds/; stored texts live in seeds/"
        data.problems.append(error("source-outside-seeds", doc.file, mark.line, mark.column, message))
        return None
    if not resolved.is_file():
        what = "is not a plain file" if resolved.exists() else "does not exist"
        message = f"source '{source.id}': stored text '{source.file}' {what}"
        data.problems.append(error("source-file-missing", doc.file, mark.line, mark.column, message))
        return None
    raw, problems = read_bytes(resolved, source.file)
    if raw is None:
        data.problems.extend(problems)
        return None
    text, problems = decode_text(raw, source.file)
    data.problems.extend(problems)
    return (text, raw) if text is not None else None


def _resolve(path: Path, folders: dict[Path, Path]) -> Path:
    """`path` with every symbolic link and `..` resolved, as Path.resolve gives it; each folder is resolved once."""
    # NOTE: a thousand texts share one folder, and resolving each whole path asked the disk about every part of it.
    name = path.name
    if name in ("", ".", "..") or os.path.islink(path):
        return path.resolve()
    folder = folders.get(path.parent)
    if folder is None:
        folder = folders[path.parent] = path.parent.resolve()
    return folder / name


def _language(data: Sources, doc: Document, item: Located, text: str) -> languages.Language:
    """The language a stored text is read in: stated in sources.yaml (doubted when the text's script says otherwise),
    else detected from the text."""
    source: Source = item.record
    if source.language is None:
        data.language_basis[source.id] = "detected"
        return languages.get(languages.detect(text))
    data.language_basis[source.id] = "stated"
    share = languages.mismatch_share(text, source.language)
    if share is not None:
        lang = languages.get(source.language)
        message = (
            f"source '{source.id}': language is '{source.language}' ({lang.NAME}), but only {share:.0%} of the "
            f"letters of {source.file} are {lang.SCRIPT.title()}; it reads as '{languages.detect(text)}'"
        )
        mark = doc.mark((*item.path, "language"))
        data.problems.append(warning("language-mismatch", doc.file, mark.line, mark.column, message))
    return languages.get(source.language)


def _read_checksums(root: Path) -> dict[str, str]:
    """data/seeds.sha256 (`digest  seeds/name` lines) as name → digest; empty when there is none."""
    # NOTE: read_text refuses a FIFO or device unread, where Path.read_text would wait on it forever.
    text, _ = read_text(root / "data" / "seeds.sha256", "data/seeds.sha256")
    lines = (text or "").splitlines()
    return {name.strip(): digest for digest, _, name in (line.partition("  ") for line in lines) if name}


def _check_unchanged(data: Sources, doc: Document, item: Located, checksums: dict[str, str], digest: str) -> None:
    """An error when a stored text listed in data/seeds.sha256 no longer has the checksum it was curated with
    (`digest` is the SHA-256 of the bytes just read)."""
    source: Source = item.record
    expected = checksums.get(Path(source.file).as_posix())
    if expected is not None and digest != expected:
        mark = doc.mark((*item.path, "file"))
        message = (
            f"source '{source.id}': stored text '{source.file}' has changed since it was curated "
            "(its SHA-256 differs from data/seeds.sha256); restore it from git"
        )
        data.problems.append(error("source-changed", doc.file, mark.line, mark.column, message))
        data.changed.add(source.id)


def unknown_source(name: str, known: Iterable[str]) -> str:
    """Why a source id is unknown, naming the closest known one."""
    guess = difflib.get_close_matches(name, list(known), n=1)
    hint = f"; did you mean '{guess[0]}'?" if guess else "; add it to data/sources.yaml"
    return f"source '{name}' is not in data/sources.yaml{hint}"
