"""The briefing deck: a 16:9 PowerPoint of the headline figures, each Overview chart and the numbered sources."""

from __future__ import annotations

import io
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import pandas as pd
import pptx
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.presentation import Presentation
from pptx.shapes.placeholder import LayoutPlaceholder
from pptx.slide import Slide
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches, Pt

from dashboard.charts import specs
from dashboard.charts.parts import CATEGORY_COLORS, provenance_footer
from dashboard.export import images, notes, package
from dashboard.export.headlines import MUTED, build_tiles, number_sources, source_lines, tile_text
from dashboard.export.sheet import STALE_INK, TITLE
from dashboard.records.dataset import Dataset
from dashboard.tables.display import MARKS_LEGEND, format_as_of
from dashboard.tables.freshness import STALE_WORD

DECK_NAME = "briefing.pptx"
#: PowerPoint's own widescreen size (16:9); python-pptx's template is 4:3.
SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
#: Every PowerPoint has Arial (with Cyrillic); LibreOffice shows it as Liberation Sans, its metric twin.
FONT = "Arial"
#: The smallest native text: legible from the back of a room. The charts' own text is inside their images.
MIN_PT = 14
INK, TILE_FILL = "#1B1F24", "#F2F4F7"
MARGIN = Inches(0.5)
CONTENT_WIDTH = Emu(SLIDE_WIDTH - 2 * MARGIN)
#: The template's "Title Only" layout: every slide has a real title a briefer can edit and an outline shows.
TITLE_ONLY = 5
TITLE_PT, BODY_PT = 28, 16
#: Characters a line of 14 pt and 16 pt Arial holds across CONTENT_WIDTH (Arial averages about half an em a
#: character; rounded down so a long line is counted as two rather than overflow).
FOOTER_CHARS, SOURCE_CHARS = 125, 105
#: Lines of 16 pt text (with their spacing) a sources slide holds between its title and its footer.
SOURCE_ROWS = 14
#: Space a footer line takes at 14 pt.
FOOTER_LINE = Pt(20)
#: A headline box's height: down to just above the footer, so its longest words (a change's base and period, a
#: stale figure's age) stay inside it.
TILE_HEIGHT = Inches(4.6)
#: Charts redrawn for a slide, at (plot width, most plot height) in CSS pixels: a table of every row shrank to
#: about 5 pt on a 16:9 slide; drawn to the slide's shape it stays legible and says how many rows it shows.
SLIDE_CHARTS = {"financial-stress": (1000, 340), "sanctions-threats": (900, 300)}
SOURCES_FOOT = f"Every figure quotes its source verbatim (see each slide's notes). {MARKS_LEGEND}."
Paragraph = tuple[str, int, str, bool]  # text, size in points, colour as hex, bold


def export(
    data: Dataset, folder: Path, scale: float = images.DEFAULT_SCALE, indicators: Sequence[str] = ()
) -> list[Path]:
    """Check the folder, build the deck in memory, then write it atomically, as the image export does."""
    images.check_writable(folder)
    return images.write_images(folder, [images.Image(DECK_NAME, build_deck(data, scale, indicators))])


def build_deck(data: Dataset, scale: float = images.DEFAULT_SCALE, indicators: Sequence[str] = ()) -> bytes:
    """The deck's bytes: title and headline figures, one slide per drawn Overview chart, then the numbered sources."""
    frame = images.select_rows(data, indicators)
    charts = images.drawn_charts(frame, data)
    rows = {name: images.CHART_ROWS[name](frame, data) for name in charts}
    for name in SLIDE_CHARTS.keys() & charts.keys():
        charts[name], rows[name] = slide_chart(name, frame, data)
    tiles, tile_rows = build_tiles(frame, dict(CATEGORY_COLORS))
    shown = pd.concat([tile_rows[["source"]], *(r[["source"]] for r in rows.values())], ignore_index=True)
    numbers = number_sources(data, shown, [str(s) for s in tile_rows["source"]])
    as_of = format_as_of(shown, data)
    prs = new_presentation()
    words = [tile_text(row, data) for row in tile_rows.to_dict("records")]
    # NOTE: the period, credit and stale lines at the smallest size, so a change's long detail stays in its box.
    boxes = [([(w.name, BODY_PT, MUTED, True), (w.value, value_size(w.value), INK, True),
               (f"{w.period} · {w.credit}", MIN_PT, MUTED, False)], t.colour)
             for w, t in zip(words, tiles, strict=True)]  # fmt: skip
    # NOTE: a stale figure says so on its box, so it cannot reach a slide as if it were current.
    for (paragraphs, _), w in zip(boxes, words, strict=True):
        if w.stale:
            paragraphs.append((f"{STALE_WORD} {w.stale}", MIN_PT, STALE_INK, True))
    title_slide(prs, as_of, boxes, notes.figures_notes(tile_rows, data, numbers))
    for name, spec in charts.items():
        footer = f"{provenance_footer(rows[name], data, chars=10**6)[0]} · Data as of {format_as_of(rows[name], data)}"
        said = notes.figures_notes(
            notes.shown_figures(name, rows[name], frame), data, numbers, notes.derived_rows(rows[name])
        )
        chart_slide(prs, str(spec["title"]["text"]), images.render(spec, "png", scale), footer, said)
    pages = paginate(source_lines(data, numbers))
    for n, lines in enumerate(pages, start=1):
        title = "Sources" if len(pages) == 1 else f"Sources ({n} of {len(pages)})"
        sources_slide(prs, title, lines, f"Data as of {as_of}. {SOURCES_FOOT}", notes.sources_notes(data, numbers))
    when = package.data_time(max((data.sources[s].published for s in numbers), default=None))
    package.set_properties(prs, TITLE, f"Briefing deck, data as of {as_of}", when)
    return package.stable_bytes(prs, when)


def slide_chart(name: str, frame: pd.DataFrame, data: Dataset) -> tuple[dict, pd.DataFrame]:
    """A chart drawn for a slide (SLIDE_CHARTS), and the rows it draws, which its notes and footer speak of."""
    width, height = SLIDE_CHARTS[name]
    if name == "financial-stress":
        chart, rows = specs.stress_chart(frame, data, width, height), specs.stress_rows(frame, data, width, height)
    else:
        chart, rows = specs.threats_chart(frame, data, width, height), specs.threat_rows(frame, data, height)
    return images.chart_dict(chart), rows


def new_presentation() -> Presentation:
    """python-pptx's template at 16:9, its master and layouts widened to match so a briefer's new slides fit."""
    prs = pptx.Presentation()
    factor = SLIDE_WIDTH / prs.slide_width
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    # NOTE: layouts first: a layout placeholder without its own position reads the master's, still unwidened.
    for shapes in [*(layout.shapes for layout in prs.slide_layouts), prs.slide_master.shapes]:
        for shape in shapes:
            if shape.left is not None and shape.width is not None:
                shape.left, shape.width = Emu(round(shape.left * factor)), Emu(round(shape.width * factor))
    return prs


def value_size(value: str) -> int:
    """A headline value's size: as large as its length lets it stay on a tile's two lines."""
    return 44 if len(value) <= 7 else 30 if len(value) <= 14 else 22


def write(frame: TextFrame, paragraphs: Sequence[Paragraph], spacing: int = 4) -> None:
    """Replace `frame`'s text with `paragraphs`, each run's font, size and colour set (nothing left to inherit)."""
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE  # NOTE: shrink-on-overflow would take text under 14 pt
    for i, (text, size, colour, bold) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(spacing)
        run = paragraph.add_run()
        run.text = text
        run.font.name, run.font.size, run.font.bold = FONT, Pt(max(size, MIN_PT)), bold
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#"))


def _slide(prs: Presentation, title: str, said: str) -> Slide:
    """A Title Only slide with its title set and its speaker notes written."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    heading = slide.shapes.title
    assert heading is not None  # the Title Only layout has a title
    heading.left, heading.top, heading.width, heading.height = MARGIN, Inches(0.3), CONTENT_WIDTH, Inches(0.85)
    write(heading.text_frame, [(title, TITLE_PT, INK, True)])
    heading.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT  # as the charts' and the sheet's titles are
    heading.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    write(slide.notes_slide.notes_text_frame, [(line, MIN_PT, INK, False) for line in said.split("\n")], 0)
    return slide


def footer(slide: Slide, text: str) -> int:
    """The slide's native footer (the layout's footer placeholder, as PowerPoint's Header & Footer adds it); its top."""
    layout = slide.slide_layout.placeholders
    # NOTE: by index: python-pptx's typing of a placeholders collection's __iter__ trips mypy.
    model = next(layout[i] for i in range(len(layout)) if layout[i].placeholder_format.type == PP_PLACEHOLDER.FOOTER)
    slide.shapes.clone_placeholder(cast(LayoutPlaceholder, model))  # a layout's placeholders are these
    shape = slide.placeholders[model.placeholder_format.idx]
    lines = max(1, -(-len(text) // FOOTER_CHARS))
    height = FOOTER_LINE * lines + Inches(0.1)
    top = SLIDE_HEIGHT - Inches(0.2) - height
    shape.left, shape.top, shape.width, shape.height = MARGIN, Emu(top), CONTENT_WIDTH, Emu(height)
    write(shape.text_frame, [(text, MIN_PT, MUTED, False)], 0)
    shape.text_frame.margin_left = shape.text_frame.margin_right = 0
    # NOTE: the template centres its footer; a source line reads from the left like the chart footers.
    shape.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    return int(top)


def title_slide(prs: Presentation, as_of: str, boxes: list[tuple[list[Paragraph], str]], said: str) -> None:
    """The title, the as-of date and one editable text box per headline figure, each edged in its category colour."""
    slide = _slide(prs, TITLE, said)
    subtitle = slide.shapes.add_textbox(MARGIN, Inches(1.15), CONTENT_WIDTH, Inches(0.5))
    write(subtitle.text_frame, [(f"Headline figures as the cited texts state them, hedges kept · data as of {as_of}",
                                 20, MUTED, False)])  # fmt: skip
    gap, top, height = Inches(0.2), Inches(1.9), TILE_HEIGHT
    width = Emu((CONTENT_WIDTH - gap * 4) // 5)
    left = MARGIN + (CONTENT_WIDTH - width * len(boxes) - gap * (len(boxes) - 1)) // 2
    for i, (paragraphs, colour) in enumerate(boxes):
        x = Emu(left + i * (width + gap))
        box = slide.shapes.add_textbox(x, top, width, height)
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor.from_string(TILE_FILL.lstrip("#"))
        write(box.text_frame, paragraphs, 8)
        # NOTE: a narrow right margin lets a long word (потребкредитам) stay whole on its line.
        box.text_frame.margin_left, box.text_frame.margin_right = Inches(0.2), Inches(0.06)
        box.text_frame.margin_top = Inches(0.15)
        edge = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, top, Inches(0.08), height)
        edge.fill.solid()
        edge.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
        edge.line.fill.background()
        edge.shadow.inherit = False
    footer(slide, "Each figure's quote and source are in this slide's speaker notes; the numbered sources are last.")


def png_size(content: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels, from its header."""
    width, height = struct.unpack(">II", content[16:24])
    return int(width), int(height)


def chart_slide(prs: Presentation, title: str, png: bytes, footer_text: str, said: str) -> None:
    """The chart's title as the slide's, its image as large as fits, and its sources and as-of date as the footer."""
    slide = _slide(prs, title, said)
    bottom = footer(slide, footer_text) - Inches(0.1)
    top = Inches(1.25)
    width, height = png_size(png)
    fit = min(CONTENT_WIDTH / width, (bottom - top) / height)
    shown_width, shown_height = Emu(int(width * fit)), Emu(int(height * fit))
    left = Emu(MARGIN + (CONTENT_WIDTH - shown_width) // 2)
    picture = slide.shapes.add_picture(io.BytesIO(png), left, top, shown_width, shown_height)
    picture.name = f"Chart: {title}"


def paginate(lines: list[str], chars: int = SOURCE_CHARS, rows: int = SOURCE_ROWS) -> list[list[str]]:
    """The source lines split into slides of at most `rows` printed lines (a long entry wraps onto two or more)."""
    pages: list[list[str]] = [[]]
    used = 0
    for line in lines:
        need = max(1, -(-len(line) // chars))
        if pages[-1] and used + need > rows:
            pages.append([])
            used = 0
        pages[-1].append(line)
        used += need
    return pages


def sources_slide(prs: Presentation, title: str, lines: list[str], foot: str, said: str) -> None:
    """One page of the numbered source list, as the briefing sheet writes it."""
    slide = _slide(prs, title, said)
    bottom = footer(slide, foot)
    body = slide.shapes.add_textbox(MARGIN, Inches(1.3), CONTENT_WIDTH, Emu(bottom - Inches(1.4)))
    write(body.text_frame, [(line, BODY_PT, INK, False) for line in lines], 6)
