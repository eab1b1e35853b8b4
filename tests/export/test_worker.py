"""The export's render worker: a process of its own that gives the same bytes as rendering in process."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.export import images, worker
from dashboard.records.dataset import load_dataset


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_charts_rendered_by_the_worker_are_the_bytes_rendered_here(project: Path, fmt: str) -> None:
    data = load_dataset(project)
    charts = images.drawn_charts(images.select_rows(data), data)
    assert len(charts) >= 2
    assert images.start_rendering(charts, fmt, 2.0)() == {n: images.render(s, fmt, 2.0) for n, s in charts.items()}


def test_a_worker_that_fails_costs_time_not_an_image(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = load_dataset(project)
    charts = images.drawn_charts(images.select_rows(data), data)
    monkeypatch.setattr(worker, "MODULE", "dashboard.export.no_such_worker")
    assert images.start_rendering(charts, "svg", 2.0)() == {n: images.render(s, "svg", 2.0) for n, s in charts.items()}


def test_a_worker_that_cannot_start_is_replaced_by_rendering_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker.sys, "executable", "/nonexistent/python")
    assert worker.start([{"spec": {}}], lambda n: b"here %d" % n)() == [b"here 0"]
