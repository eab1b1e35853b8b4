"""The curation worklist: figure mentions no record cites, their coverage, dismissals, and ready-to-paste records.

A mention (see dashboard.curation.mentions for what counts as one) is *covered* when its span lies inside the cited span
of a verified record of the same source, *dismissed* when it lies inside the located quote of an entry in
data/dismissed.yaml, and a *candidate* otherwise. Coverage is covered / (mentions − dismissed), overall and per
source; a source with nothing to cover counts as fully covered.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dashboard.curation import kept, scans
from dashboard.curation.dismissals import locate_dismissals
from dashboard.curation.mentions import Mention
from dashboard.curation.suggestions import Suggester
from dashboard.problems import Problem
from dashboard.records.dataset import Dataset
from dashboard.records.loading import Located

if TYPE_CHECKING:
    import pandas as pd

#: Lines of the text report written to its stream at once (a write per line was a tenth of a warm run).
CHUNK = 512
#: Columns of Coverage.frame(), in the order a table shows them.
COVERAGE_COLUMNS = ["source", "file", "mentions", "dismissed", "covered", "candidates", "coverage"]


def dismissed_path(root: Path) -> Path:
    """The curator's list of mentions set aside on purpose."""
    return root / "data" / "dismissed.yaml"


@dataclass(frozen=True, slots=True)
class Item:
    """One figure mention of one source, and whether a record covers it, a dismissal sets it aside, or neither."""

    source: str
    file: str
    mention: Mention
    state: str  # covered | dismissed | candidate
    # NOTE: the whole text, shared by its items: the sentence and quote are cut from it when asked for, so 50,000
    # items do not hold 100,000 copied strings (~35 MB at 1,000 texts).
    text: str = field(repr=False)

    @property
    def sentence(self) -> str:
        """The sentence the mention stands in."""
        return self.text[self.mention.sentence[0] : self.mention.sentence[1]]

    @property
    def quote(self) -> str:
        """The clause to quote for it: the sentence, or its part between semicolons."""
        return self.text[self.mention.clause[0] : self.mention.clause[1]]


@dataclass(frozen=True, slots=True)
class SourceCoverage:
    """How many of one source's figure mentions the records cite."""

    source: str
    file: str
    mentions: int
    covered: int
    dismissed: int

    @property
    def candidates(self) -> int:
        """Mentions neither cited nor dismissed."""
        return self.mentions - self.dismissed - self.covered

    @property
    def share(self) -> float:
        """Covered share of the mentions that count (1.0 when none do)."""
        counted = self.mentions - self.dismissed
        return self.covered / counted if counted else 1.0


@dataclass(frozen=True, slots=True)
class Coverage:
    """Coverage overall and per source."""

    sources: tuple[SourceCoverage, ...]

    @property
    def mentions(self) -> int:
        """Figure mentions in all texts."""
        return sum(s.mentions for s in self.sources)

    @property
    def covered(self) -> int:
        """Mentions that verified records cite."""
        return sum(s.covered for s in self.sources)

    @property
    def dismissed(self) -> int:
        """Mentions set aside in data/dismissed.yaml."""
        return sum(s.dismissed for s in self.sources)

    @property
    def candidates(self) -> int:
        """Mentions neither cited nor dismissed."""
        return sum(s.candidates for s in self.sources)

    @property
    def share(self) -> float:
        """Covered share of all mentions that count (1.0 when none do)."""
        counted = self.mentions - self.dismissed
        return self.covered / counted if counted else 1.0

    def frame(self) -> pd.DataFrame:
        """One row per source: source, file, mentions, dismissed, covered, candidates, coverage."""
        import pandas as pd  # NOTE: here, so that `candidates` on the command line never pays for pandas

        rows = [(s.source, s.file, s.mentions, s.dismissed, s.covered, s.candidates, s.share) for s in self.sources]
        return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)


@dataclass
class Survey:
    """Every mention of every stored text, classified, with coverage and the problems of data/dismissed.yaml."""

    items: list[Item] = field(default_factory=list)
    coverage: Coverage = field(default_factory=lambda: Coverage(()))
    problems: list[Problem] = field(default_factory=list)
    unused: list[Located] = field(default_factory=list)
    suggester: Suggester | None = None  # each candidate's suggestions, from the indicators.yaml surveyed with

    @property
    def candidates(self) -> list[Item]:
        """Mentions that no record cites and no dismissal sets aside."""
        return [item for item in self.items if item.state == "candidate"]


def survey(
    data: Dataset, source: str | None = None, dismissed: Path | None = None, progress: scans.Progress | None = None
) -> Survey:
    """Every stored text's (or one source's) figure mentions, classified against the records and the dismissals.

    The mentions come from scans.py (a text is scanned once, ever); only which records and dismissals cover them is
    worked out here afresh. `progress(done, total)` hears of each text that has to be scanned.
    """
    ground = prepare(data, dismissed)
    out = Survey(problems=ground.problems, suggester=Suggester(data))
    used: set[int] = set()
    per_source = []
    chosen = {sid: stored for sid, stored in data.texts.items() if source is None or sid == source}
    found = scans.scan_all(chosen, progress)
    for sid in chosen:
        items, counted = ground.classify(sid, found[sid], used)
        out.items += items
        per_source.append(counted)
    out.coverage = Coverage(tuple(per_source))
    if source is None:
        out.unused = ground.unused(used)
    return out


@dataclass
class Ground:
    """What a survey classifies mentions against: the records' cited spans and the dismissals, by source."""

    data: Dataset
    located: list[tuple[str, tuple[int, int], Located]]
    problems: list[Problem]
    cited: dict[str, list[tuple[int, int]]]
    # NOTE: dismissals by source, so each mention is tried against its own text's few, not every one in the file.
    dismissals: dict[str, list[tuple[int, tuple[int, int]]]]

    def classify(self, sid: str, mentions: list[Mention], used: set[int]) -> tuple[list[Item], SourceCoverage]:
        """One source's mentions as items, and its coverage; the dismissals that set a mention aside join `used`."""
        states, counted = self.states(sid, [(m.start, m.end) for m in mentions], used)
        text = self.data.texts[sid].text
        return [Item(sid, counted.file, m, state, text) for m, state in zip(mentions, states, strict=True)], counted

    def states(self, sid: str, found: list[tuple[int, int]], used: set[int]) -> tuple[list[str], SourceCoverage]:
        """The state of each of one source's mentions (by span), and its coverage; see classify."""
        counts = {"covered": 0, "dismissed": 0, "candidate": 0}
        spans, own = self.cited.get(sid, ()), self.dismissals.get(sid, ())
        states = []
        for a, b in found:
            state = "candidate"
            # NOTE: loops, not _inside: they run for each of 50,000 mentions, and a call and a generator cost more.
            for start, end in spans:
                if start <= a and b <= end:
                    state = "covered"
                    break
            if state == "candidate" and own:
                hits = [i for i, (start, end) in own if start <= a and b <= end]
                if hits:
                    state = "dismissed"
                    used.update(hits)
            counts[state] += 1
            states.append(state)
        file = self.data.sources[sid].file
        return states, SourceCoverage(sid, file, len(states), counts["covered"], counts["dismissed"])

    def unused(self, used: set[int]) -> list[Located]:
        """The dismissals not in `used`: those that set no uncited mention aside."""
        return [self.located[i][2] for i in range(len(self.located)) if i not in used]


def prepare(data: Dataset, dismissed: Path | None = None) -> Ground:
    """The records' cited spans and the located dismissals (data/dismissed.yaml, or `dismissed`) of a survey."""
    located, problems = locate_dismissals(data, dismissed or dismissed_path(data.root))
    cited: dict[str, list[tuple[int, int]]] = {}
    for record in data.records:
        if record.verified and record.citation is not None:
            cited.setdefault(record.observation.source, []).append((record.citation.start, record.citation.end))
    dismissals: dict[str, list[tuple[int, tuple[int, int]]]] = {}
    for i, (sid, span, _) in enumerate(located):
        dismissals.setdefault(sid, []).append((i, span))
    return Ground(data, located, problems, cited, dismissals)


def coverage(data: Dataset) -> Coverage:
    """The share of figure mentions that verified records cite, overall and per source, dismissals excluded."""
    return survey(data).coverage


def _inside(mention: Mention, spans) -> bool:
    a, b = mention.start, mention.end
    return any(start <= a and b <= end for start, end in spans)


def render_text(result: Survey) -> str:
    """`seeds/…txt:LINE:COL: kind: "mention" — sentence` per candidate, then coverage overall and per source."""
    out = io.StringIO()
    write_text(result, out)
    return out.getvalue()


def write_text(result: Survey, out: TextIO) -> None:
    """render_text's report written to `out` a line at a time (50,000 candidates are ~15 MB of text)."""
    write_head(result.problems, result.unused, out)
    write_candidates(result.candidates, result.suggester, out)
    write_coverage(result.coverage, out)


def write_head(problems: list[Problem], unused: list[Located], out: TextIO) -> None:
    """The text report's first lines: data/dismissed.yaml's problems, then the dismissals that set nothing aside."""
    for problem in problems:
        out.write(problem.format() + "\n")
    for entry in unused:
        out.write(f"note: dismissal at line {entry.line} covers no uncited mention; remove it\n")


def write_candidates(items: list[Item], suggester: Suggester | None, out: TextIO) -> None:
    """The text report's lines of each candidate among `items`: where it is, its sentence, and its suggestions."""
    line = suggester.line if suggester else None
    chunk: list[str] = []
    for item in items:
        if item.state != "candidate":
            continue
        m = item.mention
        chunk.append(f"{item.file}:{kept.head_of(m, item.text)}\n")
        if line is not None:
            chunk.append(f"  suggested: {line(item.source, m, item.text)}\n")
        if len(chunk) >= CHUNK:
            out.write("".join(chunk))
            chunk.clear()
    out.write("".join(chunk))


def write_coverage(cov: Coverage, out: TextIO) -> None:
    """The text report's last lines: coverage overall, then per source."""
    lines = [
        f"coverage: {cov.covered} of {cov.mentions - cov.dismissed} figure mentions cited ({cov.share:.1%}); "
        f"{cov.dismissed} dismissed, {cov.candidates} candidates"
    ]
    width = max((len(s.source) for s in cov.sources), default=0)
    for s in cov.sources:
        lines.append(
            f"  {s.source:<{width}}  {s.covered:>3} of {s.mentions - s.dismissed:<3} {s.share:>7.1%}  "
            f"({s.dismissed} dismissed)  {s.file}"
        )
    out.write("\n".join(lines) + "\n")
