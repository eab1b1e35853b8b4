"""Where the project's files live; the root can be moved for tests and the benchmark."""

# NOTE: There should not be any dashboard dependency in this module.
import os
from pathlib import Path

#: The package's own folder, the project root unless something points elsewhere.
PACKAGE_ROOT = Path(__file__).resolve().parent.parent
#: The project root; DASHBOARD_ROOT points everything at a copy (tests, benchmark, live-reload demos).
ROOT = Path(os.environ.get("DASHBOARD_ROOT", PACKAGE_ROOT)).resolve()


def project_root(given: str | None = None) -> Path:
    """The root a command works on: `given` (--root), else ROOT when moved (DASHBOARD_ROOT, a test), else the working
    directory when it holds indicators.yaml (a repository running the pre-commit hook), else the package's folder."""
    if given:
        return Path(given).resolve()
    if ROOT == PACKAGE_ROOT and (Path.cwd() / "indicators.yaml").is_file():
        return Path.cwd().resolve()
    return ROOT


def app_root() -> Path:
    """The root the app and its launcher read: DASHBOARD_ROOT when set, read on every call (tests point it anywhere
    after this module is imported), else ROOT."""
    return Path(os.environ.get("DASHBOARD_ROOT") or ROOT).resolve()


def indicators_path(root: Path = ROOT) -> Path:
    """The hand-edited indicator records."""
    return root / "indicators.yaml"


def sources_path(root: Path = ROOT) -> Path:
    """Metadata of each stored text."""
    return root / "data" / "sources.yaml"


#: The folder under the user's cache folder that is ours.
APP_DIR = "russia-dashboard"


def user_cache_dir() -> Path:
    """Our folder in the user's cache folder: $XDG_CACHE_HOME (an absolute path, as the spec asks) or ~/.cache; what is
    kept there (scans, rendered sheets) can be rebuilt, and nothing of it is in the project's folders."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / APP_DIR


def seeds_dir(root: Path = ROOT) -> Path:
    """The stored source texts, never edited."""
    return root / "seeds"


def schema_path(root: Path = ROOT) -> Path:
    """The committed JSON Schema that editors read through the modeline."""
    return root / "data" / "indicators.schema.json"


def sources_schema_path(root: Path = ROOT) -> Path:
    """The committed JSON Schema of data/sources.yaml."""
    return root / "data" / "sources.schema.json"
