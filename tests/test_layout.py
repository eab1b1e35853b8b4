"""The package's layout holds: imports run one way between folders, no circles, streamlit only in the app and views."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import REPO

#: Each folder's floor; a module may import its own folder and floors below its own, never a floor above or beside.
#: NOTE: the same table is in the README ("Where things live"); change both together.
FLOORS = {
    "paths": 0,
    "problems": 0,
    "yamlio": 1,
    "evidence": 1,
    "records": 2,
    "curation": 3,
    "tables": 3,
    "charts": 4,
    "export": 5,
    "views": 6,
    # NOTE: below cli, which imports it; it needs only records.
    "arguments": 5,
    "cli": 6,
    "serve": 6,
    "app": 7,
    "__main__": 7,
}
#: Where `import streamlit` may stand: the one Streamlit entry point and its pages, and the launcher that warms them up
#: and hands over to Streamlit's command line (serve.py imports streamlit inside the function that does that only).
STREAMLIT_ALLOWED = ("app", "views", "serve")
MAX_ROOT_MODULES = 8
MIN_SUBPACKAGES = 5
MAX_LINES = 300


def _module_name(path: Path, package: Path) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(tree: ast.Module, known: set[str]) -> list[tuple[str, int]]:
    """Every module imported anywhere in the tree (in functions and under TYPE_CHECKING too), with its line."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                # `from dashboard.charts import specs` imports the module dashboard.charts.specs when there is one.
                child = f"{node.module}.{alias.name}"
                found.append((child if child in known else node.module, node.lineno))
    return found


def _folder(module: str) -> str:
    return module.split(".")[1] if module.count(".") else module


def layout_problems(package: Path) -> list[str]:
    """What is wrong with the package's layout, one line each as `path:line: what`; empty when it holds."""
    files = sorted(package.rglob("*.py"))
    known = {_module_name(f, package) for f in files}
    problems: list[str] = []
    graph: dict[str, set[str]] = {}
    for path in files:
        name = _module_name(path, package)
        where = path.relative_to(package.parent)
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source, filename=str(path))
        folder = _folder(name)
        lines = source.count("\n")
        if lines > MAX_LINES:
            problems.append(f"{where}: {lines} lines, over {MAX_LINES}: it does two things; split it along its seam")
        if path.name == "__init__.py" and any(isinstance(n, ast.Import | ast.ImportFrom) for n in ast.walk(tree)):
            problems.append(f"{where}: an __init__.py imports, so importing the folder imports its neighbours")
        graph[name] = set()
        for target, line in dict.fromkeys(_imports(tree, known)):
            top = target.split(".")[0]
            if top == "streamlit" and folder not in STREAMLIT_ALLOWED:
                problems.append(f"{where}:{line}: imports streamlit; only {', '.join(STREAMLIT_ALLOWED)} may")
            if top != package.name or target == package.name:
                continue
            graph[name].add(target)
            theirs = _folder(target)
            if theirs == folder:
                continue
            if folder not in FLOORS or theirs not in FLOORS:
                problems.append(f"{where}:{line}: {name} or {target} is in no floor of the layout")
            elif FLOORS[theirs] >= FLOORS[folder]:
                problems.append(
                    f"{where}:{line}: {folder} (floor {FLOORS[folder]}) imports {target} (floor {FLOORS[theirs]})"
                )
    problems += [f"circle of imports: {' -> '.join(circle)}" for circle in _circles(graph)]
    return problems


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each circle of imports between modules, found by a depth-first walk (one reported per back edge)."""
    circles, state, stack = [], dict.fromkeys(graph, 0), []

    def visit(node: str) -> None:
        state[node], _ = 1, stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                circles.append([*stack[stack.index(nxt) :], nxt])
            elif state.get(nxt) == 0:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if state[node] == 0:
            visit(node)
    return circles


def test_the_package_layout_holds():
    assert layout_problems(REPO / "dashboard") == []


def test_the_root_keeps_only_entry_points_and_the_ground_floor():
    package = REPO / "dashboard"
    root_modules = sorted(p.name for p in package.glob("*.py"))
    subpackages = sorted(p.name for p in package.iterdir() if (p / "__init__.py").exists())
    assert len(root_modules) <= MAX_ROOT_MODULES, root_modules
    assert len(subpackages) >= MIN_SUBPACKAGES, subpackages
    assert set(subpackages) | {p.removesuffix(".py") for p in root_modules} - {"__init__"} <= set(FLOORS)


def _tree(root: Path, modules: dict[str, str]) -> Path:
    package = root / "dashboard"
    for relative, text in modules.items():
        path = package / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        for folder in path.relative_to(package).parents:
            (package / folder / "__init__.py").touch()
    return package


GOOD = {
    "paths.py": "ROOT = 1\n",
    "records/dataset.py": "from dashboard import paths\n",
    "charts/specs.py": "import altair\nfrom dashboard.records.dataset import ROOT\n",
    "views/overview.py": "import streamlit as st\nfrom dashboard.charts import specs\n",
}


def test_a_layout_that_holds_has_no_problems(tmp_path):
    assert layout_problems(_tree(tmp_path, GOOD)) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"charts/specs.py": "def draw():\n    import streamlit as st\n"},
            "dashboard/charts/specs.py:2: imports streamlit; only app, views, serve may",
        ),
        (
            {"records/dataset.py": "if TYPE_CHECKING:\n    from dashboard.charts import specs\n"},
            "dashboard/records/dataset.py:2: records (floor 2) imports dashboard.charts.specs (floor 4)",
        ),
        (
            {"tables/frames.py": "from dashboard.curation import rules\n", "curation/rules.py": ""},
            "dashboard/tables/frames.py:1: tables (floor 3) imports dashboard.curation.rules (floor 3)",
        ),
        (
            {"paths.py": "from dashboard.records import dataset\n"},
            "circle of imports: dashboard.records.dataset -> dashboard.paths -> dashboard.records.dataset",
        ),
        (
            {"evidence/__init__.py": "from dashboard.evidence import wording\n", "evidence/wording.py": ""},
            "dashboard/evidence/__init__.py: an __init__.py imports, so importing the folder imports its neighbours",
        ),
        ({"charts/big.py": "x = 1\n" * 301}, "dashboard/charts/big.py: 301 lines, over 300"),
    ],
    ids=["streamlit-in-a-chart", "import-up", "import-beside", "circle", "init-imports", "too-long"],
)
def test_a_layout_that_breaks_a_rule_is_named_with_its_place(tmp_path, change, expected):
    problems = layout_problems(_tree(tmp_path, GOOD | change))
    assert any(p.startswith(expected) for p in problems), problems
