"""The package installs, and .pre-commit-hooks.yaml runs `validate` on another repository: all without a network.

Nothing here reaches an index. The wheels pip needs are made from what this environment already holds: the
setuptools wheel virtualenv carries for seeding, and pydantic, pyyaml and their dependencies packed back into wheels
from their installed files (the files and dist-info pip installed them with). PIP_NO_INDEX keeps pip off the network.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
import virtualenv
import yaml

from tests.helpers import FIXTURES, REPO

#: What `validate` needs installed (pyproject.toml's `dependencies`), with what they need in turn.
VALIDATE_NEEDS = ("pydantic", "pyyaml")
#: Installer bookkeeping that is not part of a distribution's wheel.
NOT_IN_WHEEL = {"INSTALLER", "REQUESTED", "direct_url.json", "RECORD"}


def needed(names: tuple[str, ...]) -> set[str]:
    """The distributions `names` need, theirs included, without extras."""
    found: set[str] = set()
    todo = list(names)
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if name in found:
            continue
        found.add(name)
        for requirement in metadata.requires(name) or ():
            if "extra ==" not in requirement:
                todo.append(re.match(r"[A-Za-z0-9_.-]+", requirement).group())
    return found


def repack(name: str, into: Path) -> Path:
    """An installed distribution packed back into a wheel from its installed files."""
    dist = metadata.distribution(name)
    info = next(f for f in dist.files or () if f.name == "WHEEL")
    tag = re.search(r"^Tag: (\S+)$", info.read_text(), re.MULTILINE).group(1)
    stem = f"{re.sub(r'[-_.]+', '_', dist.metadata['Name'])}-{dist.version}"
    path = into / f"{stem}-{tag}.whl"
    lines = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for file in dist.files or ():
            parts = Path(file).parts
            if parts[0] == ".." or "__pycache__" in parts or file.name in NOT_IN_WHEEL:
                continue
            wheel.write(file.locate(), str(file))
            lines.append(f"{file},,")
        record = f"{Path(str(info)).parent.as_posix()}/RECORD"
        wheel.writestr(record, "\n".join([*lines, f"{record},,"]) + "\n")
    return path


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory) -> Path:
    """A folder of wheels for pip's --find-links: setuptools to build with, and validate's dependencies."""
    into = tmp_path_factory.mktemp("wheelhouse")
    embed = Path(virtualenv.__file__).parent / "seed" / "wheels" / "embed"
    newest = max(embed.glob("setuptools-*.whl"), key=lambda p: [int(n) for n in re.findall(r"\d+", p.name)[:3]])
    shutil.copy(newest, into)
    for name in needed(VALIDATE_NEEDS):
        repack(name, into)
    return into


def offline(wheelhouse: Path, **extra: str) -> dict[str, str]:
    """An environment in which pip and virtualenv use the wheelhouse and never an index."""
    env = {k: v for k, v in os.environ.items() if k != "DASHBOARD_ROOT"}
    return env | {
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheelhouse),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
        "VIRTUALENV_NO_DOWNLOAD": "1",
        **extra,
    }


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    """This repository's files as committed plus as edited, in a git repository of their own (a build writes in it)."""
    root = tmp_path_factory.mktemp("source") / "dashboard-repo"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", "*_cache", "artifacts"))
    git("init", "-q", cwd=root)
    git("add", "-A", cwd=root)
    git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-qm", "snapshot", cwd=root)
    return root


def test_the_hook_file_names_a_hook_that_runs_validate():
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"] == "python -m dashboard validate" and hook["pass_filenames"] is False
    assert hook["language"] == "python" and re.match(hook["files"], "indicators.yaml")


def test_pip_wheel_builds_the_package(source: Path, wheelhouse: Path, tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-w", str(tmp_path)],
        cwd=source,
        env=offline(wheelhouse),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    [wheel] = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "dashboard/cli.py" in names and "dashboard/evidence/languages/ru.py" in names
    assert not any(n.startswith("tests/") for n in names)


def test_pre_commit_try_repo_validates_the_repository_it_runs_in(source: Path, wheelhouse: Path, tmp_path: Path):
    desk = tmp_path / "desk"
    shutil.copytree(FIXTURES / "project", desk)
    git("init", "-q", cwd=desk)
    git("add", "-A", cwd=desk)
    env = offline(wheelhouse, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))

    def try_repo() -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "pre_commit", "try-repo", str(source), "validate-indicators", "--all-files"]
        return subprocess.run(command, cwd=desk, env=env, capture_output=True, text=True)

    clean = try_repo()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "validate indicators" in clean.stdout and "Passed" in clean.stdout
    path = desk / "indicators.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("at 21 percent", "at 21 per cent"), encoding="utf-8")
    git("add", "-A", cwd=desk)
    broken = try_repo()
    assert broken.returncode == 1 and "Failed" in broken.stdout
    assert "indicators.yaml:13:16: error[quote-not-found]" in broken.stdout
