"""Browser rows (placeholder until written): live reload, first paint, peak memory."""

from __future__ import annotations

from bench.generate import Project
from bench.table import Figure


def measure(projects: dict[int, Project], repeat: int, rows: list[str]) -> list[Figure]:
    """Nothing measured yet."""
    return []
