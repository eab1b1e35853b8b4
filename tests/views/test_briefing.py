"""The briefing view's sheet, kept in the user's cache folder between server starts: the export's bytes, never stale."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from dashboard.export import images
from dashboard.records.dataset import load_dataset
from dashboard.views import briefing


def _renders(monkeypatch) -> list[int]:
    """Each render of the sheet from now on appends to the returned list."""
    calls: list[int] = []
    real = briefing.briefing_images

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(briefing, "briefing_images", counted)
    return calls


def test_the_kept_sheet_is_the_exports_and_is_rendered_once(monkeypatch, project: Path, scan_cache: Path):
    renders = _renders(monkeypatch)
    data = load_dataset(project)
    first = briefing.kept_briefing(data)["png"]
    again = briefing.kept_briefing(load_dataset(project))["png"]
    assert len(renders) == 1, "the second start read the kept sheet"
    assert first == again
    (exported,) = [i.content for i in images.build_images(data, "png") if i.name == "briefing.png"]
    assert first == exported, "the app's sheet is the bytes `python -m dashboard export` writes"
    kept = briefing.sheet_path(data)
    assert kept.parent == scan_cache / "russia-dashboard" / "sheets"
    assert kept.read_bytes() == first and [p.name for p in kept.parent.iterdir()] == [kept.name]


def test_a_change_to_the_data_or_the_day_is_another_sheet(project: Path):
    data = load_dataset(project)
    before = briefing.sheet_path(data)
    assert briefing.sheet_path(load_dataset(project, today=data.today + dt.timedelta(days=1))) != before
    with (project / "indicators.yaml").open("a", encoding="utf-8") as out:
        out.write("# a curator's comment\n")
    assert briefing.sheet_path(load_dataset(project)) != before


@pytest.mark.parametrize("damage", ["not a png", "cut short"])
def test_a_damaged_kept_sheet_is_rendered_again(monkeypatch, project: Path, damage: str):
    data = load_dataset(project)
    path = briefing.sheet_path(data)
    path.parent.mkdir(parents=True)
    whole = briefing.briefing_images(data, ("png",))["png"]
    path.write_bytes(b"half a sheet" if damage == "not a png" else whole[: len(whole) // 2])
    renders = _renders(monkeypatch)
    assert briefing.kept_briefing(data)["png"] == whole
    assert len(renders) == 1 and path.read_bytes() == whole


def test_a_cache_folder_that_cannot_be_written_still_shows_the_sheet(monkeypatch, project: Path, tmp_path: Path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert briefing.kept_briefing(load_dataset(project))["png"].startswith(briefing.PNG_SIGNATURE)


def test_only_the_newest_sheets_are_kept(monkeypatch, project: Path):
    data = load_dataset(project)
    folder = briefing.sheet_path(data).parent
    folder.mkdir(parents=True)
    for n in range(briefing.MAX_KEPT_SHEETS):
        old = folder / f"{n}.png"
        old.write_bytes(briefing.PNG_SIGNATURE)
        os.utime(old, ns=(n, n))
    briefing.kept_briefing(data)
    kept = sorted(p.name for p in folder.iterdir())
    newest = [f"{n}.png" for n in range(1, briefing.MAX_KEPT_SHEETS)]
    assert kept == sorted([*newest, briefing.sheet_path(data).name]), "the oldest was removed"
