"""A parsed YAML file: plain values, the place of every value and key (stored compactly), and what went wrong."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from dashboard.problems import Problem, error

Path_ = tuple[str | int, ...]

#: Bits of a packed place given to the column; a file is at most 32 MB, so no column reaches 2**26.
_COLUMN_BITS = 26
_COLUMN_MASK = (1 << _COLUMN_BITS) - 1


@dataclass(frozen=True, slots=True)
class Mark:
    """Where a node starts (1-based), and its source text when YAML read it as something other than text."""

    line: int
    column: int
    raw: str | None = None


def pack(line: int, column: int) -> int:
    """A 1-based line and column as one int, the form Marks keeps them in."""
    return line << _COLUMN_BITS | column


class Marks(Mapping[Path_, Mark]):
    """Path → Mark, kept as one small dict per collection holding its children's packed places.

    A file of 10,000 indicators has ~480,000 marks; a tuple path and a Mark object for each cost ~80 MB,
    this ~30 MB, and a Mark is made only when one is asked for.
    """

    __slots__ = ("_tree",)

    def __init__(self) -> None:
        #: Parent path (None above the root) → {child key (None for the root): packed place or Mark}.
        self._tree: dict[Path_ | None, dict[Any, int | Mark]] = {}

    def children(self, parent: Path_ | None) -> dict[Any, int | Mark]:
        """The dict that holds the places of `parent`'s children, made on first use."""
        found = self._tree.get(parent)
        if found is None:
            found = self._tree[parent] = {}
        return found

    def put(self, path: Path_, mark: Mark) -> None:
        """Set the mark of `path`."""
        parent, key = (path[:-1], path[-1]) if path else (None, None)
        self.children(parent)[key] = mark

    def __getitem__(self, path: Path_) -> Mark:
        parent, key = (path[:-1], path[-1]) if path else (None, None)
        found = self._tree.get(parent)
        entry = None if found is None else found.get(key)
        if entry is None:
            raise KeyError(path)
        return Mark(entry >> _COLUMN_BITS, entry & _COLUMN_MASK) if isinstance(entry, int) else entry

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, tuple):
            return False
        parent, key = (path[:-1], path[-1]) if path else (None, None)
        found = self._tree.get(parent)
        return found is not None and key in found

    def __iter__(self) -> Iterator[Path_]:
        for parent, found in self._tree.items():
            for key in found:
                yield () if parent is None else (*parent, key)

    def __len__(self) -> int:
        return sum(len(found) for found in self._tree.values())


@dataclass
class Document:
    """A parsed YAML file: plain values, the place of every value and key, and what went wrong."""

    file: str
    data: Any = None
    marks: Marks = field(default_factory=Marks)
    key_marks: Marks = field(default_factory=Marks)
    problems: list[Problem] = field(default_factory=list)
    refused: set[Path_] = field(default_factory=set)
    #: Every ancestor of a refused path, so that asking "is anything under here refused?" is one lookup.
    refused_under: set[Path_] = field(default_factory=set)
    #: Anchors whose first alias was reported; later aliases of the same anchor are refused quietly.
    aliased: set[str] = field(default_factory=set)

    def mark(self, path: Path_) -> Mark:
        """The mark of `path`, or of its nearest ancestor that has one."""
        while path and path not in self.marks:
            path = path[:-1]
        return self.marks.get(path, Mark(1, 1))

    def error(self, code: str, path: Path_, message: str, *, key: bool = False) -> Problem:
        """An error located at `path` (at its key when `key` is true) in this file."""
        mark = self.key_marks.get(path) if key else None
        mark = mark or self.mark(path)
        problem = error(code, self.file, mark.line, mark.column, message)
        self.problems.append(problem)
        return problem

    def refuse(self, code: str, path: Path_, message: str) -> None:
        """Report a value the loader will not build; later checks stay quiet about the hole it leaves."""
        self.error(code, path, message)
        self.refuse_quietly(path)

    def refuse_quietly(self, path: Path_) -> None:
        """Leave a hole at `path` without a problem of its own (one was reported for its kind already)."""
        self.refused.add(path)
        self.refused_under.update(path[:n] for n in range(len(path) + 1))

    def is_refused(self, path: Path_) -> bool:
        """Whether `path` or one of its ancestors was refused."""
        return any(path[:n] in self.refused for n in range(len(path) + 1))

    def holds_refused(self, path: Path_) -> bool:
        """Whether something under `path` was refused (so a record-level complaint would only echo it)."""
        return path in self.refused_under
