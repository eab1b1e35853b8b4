"""The sheet's headline tiles as a reader sees them: values on one baseline, nothing overlapping or past the tile."""

import pytest

from dashboard.export import sheet
from dashboard.export.headlines import Tile

# Test texts: tiles written for these tests, not taken from a stored text.
SHORT = Tile("Key rate", "21%", "Period May 2025", 1, "#000000")
LONG_NAME = Tile("A rather long indicator name that needs three lines here", "16.1%", "Period Q1 2025", 2, "#000000")
STALE = Tile("Inflation", "nearly 10%", "Period May 2025", 3, "#000000", "19 months old; updated about 8 times a year")
LONG_DETAIL = Tile(
    "Fund", "about −60%", "change since Feb 2022 · Period Feb 2022 – Feb 2025 of the fund", 4, "#000000", "2 months old"
)


def rows_of(tiles: list[Tile]) -> list[dict]:
    """Every text row of the top band: the title and subtitle first, then each tile's lines."""
    return [row for layer in sheet.top_view(tiles, "subtitle")["layer"] if "text" in layer["mark"]["type"]
            for row in layer["data"]["values"]]  # fmt: skip


def value_rows(tiles: list[Tile]) -> list[dict]:
    return [r for r in rows_of(tiles) if r["text"] in {t.value for t in tiles}]


@pytest.mark.parametrize(
    "tiles", [[SHORT, LONG_NAME, STALE, LONG_DETAIL], [SHORT, STALE], [LONG_DETAIL], [SHORT, SHORT, SHORT]]
)
def test_every_tile_value_stands_on_one_baseline(tiles):
    assert len({r["y"] for r in value_rows(tiles)}) == 1


def test_the_first_note_under_each_value_starts_on_one_line():
    tiles = [SHORT, STALE, LONG_DETAIL]
    rows = rows_of(tiles)
    baseline = value_rows(tiles)[0]["y"]
    firsts = {r["x"]: r["y"] for r in sorted(rows, key=lambda r: -r["y"]) if r["y"] > baseline}
    assert set(firsts.values()) == {baseline + sheet.NOTE_GAP}


def test_a_value_never_reaches_up_into_its_name_and_no_line_leaves_its_tile():
    tiles = [SHORT, LONG_NAME, STALE, LONG_DETAIL]
    rows = rows_of(tiles)
    values = value_rows(tiles)
    lowest_name = max(r["y"] for r in rows if r["size"] == 18)
    assert all(r["y"] - 0.75 * r["size"] >= lowest_name + 4 for r in values)
    assert max(r["y"] for r in rows) <= sheet.TOP_HEIGHT - 16 - 8


def test_a_stale_tile_says_so_above_its_detail_and_keeps_the_detail_whole():
    texts = [r["text"] for r in rows_of([STALE]) if r["y"] > value_rows([STALE])[0]["y"]]
    assert texts[0].startswith("Stale: 19 months old") and texts[-1].endswith("· [3]")
    assert not any(t.endswith("…") for t in texts)


# Test text: a qualitative finding's words, longer than a tile's line at any figure's size.
WORDY = Tile("Federal budget deficit", "growing, as the government has announced", "Period May 2025", 5, "#000000")


def test_a_long_finding_wraps_on_its_tile_and_is_never_cut():
    import vl_convert as vlc

    tiles = [SHORT, STALE, WORDY, LONG_DETAIL]
    rows = rows_of(tiles)
    lowest_name = max(r["y"] for r in rows if r["size"] == 18)
    words = [r for r in rows if r["text"] in WORDY.value and r["size"] > 18 and r["y"] > lowest_name]
    assert " ".join(r["text"] for r in words) == WORDY.value and len(words) > 1
    assert all(r["y"] - 0.75 * r["size"] >= lowest_name + 4 for r in words), "no line reaches up into the names"
    assert len({r["size"] for r in words}) == 1
    svg = vlc.vegalite_to_svg(sheet.top_view(tiles, "subtitle"))
    assert "…" not in svg, "vl-convert cut a line at its limit"


def test_a_figure_keeps_its_one_line_and_its_size():
    assert sheet.value_lines("21%", 300, 100) == (64, ["21%"])
    assert sheet.value_lines("16.1% of portfolio", 307, 100) == (30, ["16.1% of portfolio"])
    assert sheet.value_lines("nearly 10%", 300, 30) == (40, ["nearly 10%"]), "a short room shrinks it, as before"
