"""The briefing deck as a briefer opens it: python-pptx reads the written .pptx and we assert what its slides say."""

import datetime as dt
import hashlib
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Pt

from bench.generate import generate
from dashboard.export import deck, images
from dashboard.records.dataset import load_dataset
from tests.helpers import FIXTURES, PROJECT, REPO

#: The fixture project's charts that have rows, in the Overview's order (it has no threats).
FIXTURE_CHARTS = ["Rates against prices", "Financial stress by category", "Reporting timeline",
                  "Corroboration: who else says so?"]  # fmt: skip
#: The fixture's three headline tiles, written as the app's tiles write them.
FIXTURE_TILES = [
    "Official inflation\nnearly 10%\nPeriod May 2025 · The Gazette (news), published 2 May 2025",
    "Key rate\n21%\nPeriod May 2025 · The Gazette (news), published 2 May 2025",
    "Gazprom losses\nrecord losses\nPeriod 2025 · The Gazette (news), published 2 May 2025",
]


def run(*args: str, root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DASHBOARD_ROOT": str(root)}
    return subprocess.run([sys.executable, "-m", "dashboard", *args], capture_output=True, text=True, env=env, cwd=REPO)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("deck") / "project"
    shutil.copytree(PROJECT, root)
    return root


@pytest.fixture(scope="module")
def written(project: Path, tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("pptx")
    return run("export", "--out", str(out), "--format", "pptx", root=project), out / "briefing.pptx"


@pytest.fixture(scope="module")
def slides(written):
    result, path = written
    assert result.returncode == 0, result.stderr
    return list(Presentation(str(path)).slides)


def texts(slide) -> list[str]:
    """The text of every shape on `slide` that shows some, other than its title, in z-order."""
    return [
        s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text and s != slide.shapes.title
    ]


def footer_text(slide) -> str:
    [found] = [s for s in slide.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.FOOTER]
    return found.text_frame.text


def test_cli_writes_a_16_by_9_deck_and_names_it(written):
    result, path = written
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(path)
    prs = Presentation(str(path))
    assert (prs.slide_width, prs.slide_height) == (deck.SLIDE_WIDTH, deck.SLIDE_HEIGHT)
    assert round(prs.slide_width / prs.slide_height, 2) == round(16 / 9, 2)


def test_slides_are_title_each_chart_and_sources(slides):
    titles = [s.shapes.title.text_frame.text for s in slides]
    assert titles == ["Russia's wartime finances", *FIXTURE_CHARTS, "Sources"]


def test_title_slide_has_each_headline_figure_in_its_own_text_box(slides):
    shown = texts(slides[0])
    assert shown[0] == "Headline figures as the cited texts state them, hedges kept · data as of ~3 May 2025"
    assert [t for t in shown if t in FIXTURE_TILES] == FIXTURE_TILES
    assert not [s for s in slides[0].shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]


def test_each_chart_slide_has_its_picture_and_a_native_footer_worded_as_the_chart_footers(slides):
    for slide in slides[1:-1]:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1, slide.shapes.title.text
        assert pictures[0].image.content_type == "image/png"
        assert pictures[0].left >= 0 and pictures[0].left + pictures[0].width <= deck.SLIDE_WIDTH
        assert pictures[0].top + pictures[0].height <= next(
            s.top for s in slide.placeholders if s.placeholder_format.idx == 11
        )
    assert footer_text(slides[1]) == "Sources: The Gazette (news), 2 May 2025 · Data as of 2 May 2025"
    both = "Sources: The Gazette (news), 2 May 2025; retelling of The Gazette, ~3 May 2025"
    assert footer_text(slides[3]).startswith(both)
    assert footer_text(slides[3]).endswith(" · Data as of ~3 May 2025")


def test_the_chart_picture_is_the_same_2x_png_the_image_export_draws(slides, project: Path, tmp_path: Path):
    images.export(load_dataset(root=project), tmp_path)
    picture = next(s for s in slides[1].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert picture.image.blob == (tmp_path / "rates-prices.png").read_bytes()


def test_every_slide_has_notes_with_each_figures_quote_as_written(slides, project: Path):
    quotes = [o["quote"] for i in yaml.safe_load((project / "indicators.yaml").read_text())["indicators"]
              for o in i["observations"]]  # fmt: skip
    said = [s.notes_slide.notes_text_frame.text for s in slides]
    assert all(said)
    assert '“inflation "officially at nearly 10 percent" - a level”' in said[0]
    assert "Source [1]: “Sample Gazette” · The Gazette (news) · 2 May 2025" in said[0]
    for quote in quotes:  # the timeline draws every finding, so its notes quote every record
        assert f"“{quote}”" in said[3]
    retold = "Source [2]: “A retelling” (title supplied by the curator) · retelling of The Gazette · ~3 May 2025"
    assert f"{retold} (date inferred; why: see the sources slide's notes)" in said[3]
    assert "Real rate vs official inflation: ≈11% (derived: key rate − official inflation)" in said[1]
    assert "[2] seeds/retold.txt\n  Date inferred: A day after the text it retells." in said[-1]


def test_no_native_text_is_under_14_pt_and_every_run_is_arial(slides):
    for slide in slides:
        frames = [s.text_frame for s in slide.shapes if s.has_text_frame]
        frames.append(slide.notes_slide.notes_text_frame)
        for run in (r for f in frames for p in f.paragraphs for r in p.runs):
            assert run.font.size is not None and run.font.size >= Pt(14), run.text
            assert run.font.name == "Arial", run.text


def test_each_tile_is_edged_in_its_category_colour(slides):
    edges = [s for s in slides[0].shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    assert [str(e.fill.fore_color.rgb) for e in edges] == ["D55E00", "0072B2", "CC79A7"]  # prices, monetary, energy


def test_two_runs_give_the_same_bytes_with_properties_from_the_data(project: Path, tmp_path: Path):
    first = deck.build_deck(load_dataset(root=project))
    assert deck.build_deck(load_dataset(root=project)) == first
    props = Presentation(io.BytesIO(first)).core_properties
    assert (props.title, props.author, props.revision) == ("Russia's wartime finances", deck.package.AUTHOR, 1)
    assert props.modified.isoformat() == props.created.isoformat() == "2025-05-03T00:00:00"
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {m.date_time for m in archive.infolist()} == {(2025, 5, 3, 0, 0, 0)}


def test_indicator_selection_is_the_same_as_the_image_exports(project: Path, tmp_path: Path):
    result = run("export", "--out", str(tmp_path), "--format", "pptx", "--indicator", "key_rate", root=project)
    assert result.returncode == 0, result.stderr
    prs = Presentation(str(tmp_path / "briefing.pptx"))
    assert [texts(prs.slides[0])[-2]] == ["Key rate\n21%\nPeriod May 2025 · The Gazette (news), published 2 May 2025"]
    assert "Gazprom" not in prs.slides[0].notes_slide.notes_text_frame.text


def test_data_with_errors_and_unknown_ids_are_refused_as_for_images(tmp_path: Path):
    result = run("export", "--out", str(tmp_path), "--format", "pptx", root=FIXTURES / "invalid")
    assert result.returncode == 1 and "refusing to export data with errors" in result.stderr
    bad = run("export", "--out", str(tmp_path), "--format", "pptx", "--indicator", "key_rat", root=PROJECT)
    assert bad.returncode == 1 and "did you mean key_rate" in bad.stderr
    assert not list(tmp_path.glob("*.pptx"))


def test_a_failing_replace_leaves_no_partial_deck(project: Path, tmp_path: Path, monkeypatch):
    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(images.os, "replace", failing_replace)
    with pytest.raises(images.ExportError, match=r"cannot write .*briefing\.pptx: No space left on device"):
        deck.export(load_dataset(root=project), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_sources_continue_on_further_slides_when_they_do_not_fit(tmp_path: Path):
    project = generate(tmp_path, [40], texts=40)[40]
    prs = Presentation(io.BytesIO(deck.build_deck(load_dataset(root=project.root))))
    pages = [s for s in prs.slides if s.shapes.title.text_frame.text.startswith("Sources")]
    assert len(pages) >= 2
    assert [p.shapes.title.text_frame.text for p in pages] == [f"Sources ({n} of {len(pages)})" for n in
                                                               range(1, len(pages) + 1)]  # fmt: skip
    listed = [line for p in pages for line in texts(p)[-1].split("\n")]
    assert [int(line[1 : line.index("]")]) for line in listed] == list(range(1, len(listed) + 1))
    assert all(len(texts(p)[-1].split("\n")) <= deck.SOURCE_ROWS for p in pages)


def test_paginate_counts_wrapped_lines():
    lines = ["x" * (deck.SOURCE_CHARS + 1)] * 7 + ["short"]
    assert [len(page) for page in deck.paginate(lines)] == [7, 1]


def test_cyrillic_names_quotes_and_the_curators_translations_in_the_notes(tmp_path: Path):
    root = tmp_path / "ru"
    shutil.copytree(FIXTURES / "ru_project", root)
    shutil.copy(FIXTURES / "ru_invalid" / "untranslated-quote.yaml", root / "indicators.yaml")
    prs = Presentation(io.BytesIO(deck.build_deck(load_dataset(root=root))))
    tiles = "\n".join(texts(prs.slides[0]))
    assert "Ключевая ставка\n17%\n" in tiles
    said = prs.slides[0].notes_slide.notes_text_frame.text
    assert "“снизил ключевую ставку на 100 б.п., до 17% годовых”" in said
    assert "Translation (the curator's): cut the key rate by 100 basis points, to 17% a year" in said
    # the fund's quote is the one ru_invalid/untranslated-quote.yaml leaves untranslated
    fund = said[said.index("• Ликвидные активы ФНБ") :]
    assert "The quote is in Russian; no curator's translation is recorded yet." in fund.split("\n•")[0]
    assert (
        "“Минфин подвёл итоги исполнения бюджета за год” (curator's translation: “The Finance Ministry sums up "
        "the year's budget”)" in said
    )


def test_the_deck_is_deterministic_on_the_real_data():
    data = load_dataset(REPO)
    first = deck.build_deck(data)
    assert hashlib.sha256(deck.build_deck(data)).digest() == hashlib.sha256(first).digest()


def test_a_stale_headline_says_so_on_its_box_and_the_same_today_gives_the_same_deck(project: Path):
    shutil.copy(FIXTURES / "cadence" / "indicators.yaml", project / "indicators.yaml")
    day = dt.date(2026, 12, 2)
    first = deck.build_deck(load_dataset(root=project, today=day))
    assert first == deck.build_deck(load_dataset(root=project, today=day))
    boxes = texts(Presentation(io.BytesIO(first)).slides[0])
    (stale,) = [box for box in boxes if "Stale" in box]
    assert stale.startswith("Key rate\n21%\n") and stale.endswith(
        "\nStale: 19 months old; updated about 8 times a year"
    )
    fresh = deck.build_deck(load_dataset(root=project, today=dt.date(2025, 7, 15)))
    assert not any("Stale" in box for box in texts(Presentation(io.BytesIO(fresh)).slides[0]))


@pytest.fixture(scope="module")
def real_slides():
    return list(Presentation(io.BytesIO(deck.build_deck(load_dataset(REPO, today=dt.date(2026, 12, 2))))).slides)


def _text_height(frame, width) -> float:
    """A text frame's height in points once wrapped, at half an em a character (bold a little wider), 1.2 lines."""
    height = frame.margin_top / 12700 + frame.margin_bottom / 12700
    usable = (width - frame.margin_left - frame.margin_right) / 12700
    for paragraph in frame.paragraphs:
        run = paragraph.runs[0]
        size = run.font.size.pt
        per_line = max(1, int(usable / (size * (0.56 if run.font.bold else 0.5))))
        lines = -(-len(paragraph.text) // per_line)
        height += lines * size * 1.2 + (paragraph.space_after.pt if paragraph.space_after else 0)
    return height


def test_each_headline_box_holds_all_its_words_above_the_footer(real_slides):
    # NOTE: LibreOffice Impress drew the National Welfare Fund's change, period, credit and stale lines past its box.
    title = real_slides[0]
    boxes = [s for s in title.shapes if s.has_text_frame and s.text_frame.text and s != title.shapes.title]
    tiles = [b for b in boxes if b.width < Pt(200)]
    assert len(tiles) == 5
    [foot] = [s for s in title.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.FOOTER]
    for box in tiles:
        assert _text_height(box.text_frame, box.width) <= box.height / 12700, box.text_frame.text
        assert box.top + box.height <= foot.top


def test_every_chart_slide_shows_the_charts_12_px_text_at_a_legible_size(real_slides):
    # NOTE: all 20 rows of the stress table, fitted to a slide, set its 12 px text at about 5 pt.
    for slide in real_slides[1:-1]:
        picture = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
        css_width = deck.png_size(picture.image.blob)[0] / images.DEFAULT_SCALE
        assert picture.width / 12700 / css_width * 12 >= 7.5, slide.shapes.title.text_frame.text


def test_a_tall_table_drawn_for_its_slide_has_notes_on_the_rows_it_shows(real_slides):
    stress = next(s for s in real_slides if s.shapes.title.text_frame.text == "Financial stress by category")
    said = stress.notes_slide.notes_text_frame.text
    assert said.count("\n• ") == 8
