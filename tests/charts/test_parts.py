"""What every chart shares, as a reader sees it: wrapped text as lines (live and exported), never cut, never crossed."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard.charts import parts, specs
from dashboard.export import images
from dashboard.records.dataset import load_dataset
from dashboard.tables.frames import observations_frame
from tests.helpers import REPO


@pytest.fixture(scope="module")
def real():
    data = load_dataset(REPO)
    frame = observations_frame(data)
    return data, frame[frame["verified"]]


def _cells(node: object) -> list[object]:
    """Every value of every inline dataset row in a spec (top-level `datasets`, and any `values`)."""
    if isinstance(node, dict):
        tables = [*node.get("datasets", {}).values(), node.get("values", [])]
        found = [v for rows in tables if isinstance(rows, list) for row in rows if isinstance(row, dict)
                 for v in row.values()]  # fmt: skip
        return found + [c for k, v in node.items() if k not in ("values", "datasets") for c in _cells(v)]
    if isinstance(node, list):
        return [c for v in node for c in _cells(v)]
    return []


def _all_charts(data, frame) -> dict[str, dict]:
    charts = {slug: images.chart_dict(c) for slug, c in specs.overview_charts(frame, data).items()}
    charts["indicator-graham_bill_tariff"] = images.chart_dict(specs.indicator_chart(frame, data, "graham_bill_tariff"))
    return charts


def test_a_wrapped_cell_is_one_string_with_line_breaks_that_its_mark_breaks_on():
    cells = parts.wrap_cells(pd.Series(["Non-payments in the economy and banking system", "short"]), 220, "bold")
    assert cells.tolist() == ["Non-payments in the economy and\nbanking system", "short"]
    assert parts.line_counts(cells).tolist() == [2, 1]


def test_no_chart_sends_a_list_as_a_cell_so_a_live_chart_never_shows_brackets(real):
    # NOTE: Streamlit sends a chart's data as Arrow, where a list cell reaches Vega as one "a,b" text; a string with
    # "\n" and the mark's lineBreak draws as lines both live and in vl-convert's images.
    data, frame = real
    for slug, spec in _all_charts(data, frame).items():
        lists = [c for c in _cells(spec) if isinstance(c, list | tuple)]
        assert lists == [], f"{slug}: {lists[:3]}"
        wrapped = [m for m, e in _text_layers(spec) if e["text"]["field"].endswith("_lines")]
        assert all(m.get("lineBreak") == "\n" for m in wrapped), slug
    assert wrapped_cells(_all_charts(data, frame)["financial-stress"]) > 0


def wrapped_cells(spec: dict) -> int:
    """How many cells of a spec's data hold more than one line."""
    return sum(1 for c in _cells(spec) if isinstance(c, str) and "\n" in c)


def _text_layers(node: object) -> list[tuple[dict, dict]]:
    """(mark, encoding) of every text layer whose text is a field."""
    if isinstance(node, dict):
        mark, encoding = node.get("mark"), node.get("encoding", {})
        own = []
        if isinstance(mark, dict) and mark.get("type") == "text" and "field" in encoding.get("text", {}):
            own = [(mark, encoding)]
        return own + [t for v in node.values() for t in _text_layers(v)]
    if isinstance(node, list):
        return [t for v in node for t in _text_layers(v)]
    return []


def test_no_text_in_any_exported_svg_is_cut_with_an_ellipsis(real):
    # NOTE: Vega ends a text it cuts at its limit with "…"; no text of the real data ends so by itself.
    data, _ = real
    # NOTE: the second export adds the Graham bill's own chart over time, as `export --indicator` writes it.
    shown = [*images.build_images(data, "svg"), *images.build_images(data, "svg", indicators=["graham_bill_tariff"])]
    assert "indicator-graham_bill_tariff.svg" in {image.name for image in shown}
    for image in shown:
        texts = [t.strip() for t in re.findall(r">([^<>]+)<", image.content.decode()) if t.strip()]
        assert [t for t in texts if t.endswith("…")] == [], image.name


def test_the_corroboration_grid_wraps_a_long_indicator_name_instead_of_cutting_it(real):
    data, frame = real
    spec = images.chart_dict(specs.corroboration_chart(frame, data))
    rows = {c for c in _cells(spec) if isinstance(c, str) and c.startswith("Threatened US tariff")}
    assert rows == {"Threatened US tariff on buyers of Russian\nenergy (Graham bill)"}
    axis = spec["vconcat"][0]["encoding"]["y"]["axis"] if "encoding" in spec["vconcat"][0] else None
    axes = [layer["encoding"]["y"]["axis"] for layer in spec["vconcat"][0]["layer"] if "axis" in layer["encoding"]["y"]]
    assert axis or axes
    assert all(a["labelExpr"] == parts.AXIS_LINES for a in axes)


def test_a_threat_label_and_its_credit_stop_before_the_next_circle_of_their_row():
    # Test figures: two threats a month apart on a 300 px plot, each label longer than the room between them.
    rows = pd.DataFrame({"row": ["a", "a", "b"], "at": ["2025-04-15", "2025-05-15", "2025-04-15"]})
    domain = ["2025-03-01", "2025-07-01"]
    room = parts.room_to_next(rows, domain, 300, pd.Series([10.0, 10.0, 10.0]))
    x = [(pd.Timestamp(a) - pd.Timestamp(domain[0])) / (pd.Timestamp(domain[1]) - pd.Timestamp(domain[0])) * 300
         for a in rows["at"]]  # fmt: skip
    assert room.round(1).tolist() == [round(x[1] - 10 - 8 - x[0], 1), round(300 - x[1], 1), round(300 - x[2], 1)]


def test_the_sheets_threat_credits_fit_between_their_circles(real):
    data, frame = real
    spec = images.chart_dict(specs.threats_chart(frame, data, width=860, height=150))
    layer = spec["vconcat"][0]["layer"]
    circles = next(v for v in layer if v["mark"]["type"] == "point")
    captions = next(v for v in layer if v["encoding"].get("text", {}).get("field") == "caption_lines")
    points = pd.DataFrame(_rows(spec, circles))
    credits = pd.DataFrame(_rows(spec, captions))
    domain = circles["encoding"]["x"]["scale"]["domain"]
    area = (60 + points["level"] / max(points["level"].max(), 1) * 640).where(points["level"] > 0, 120)
    room = parts.room_to_next(points, domain, 860, (area / 3.14159) ** 0.5) - specs.LABEL_DX
    widest = credits["caption_lines"].map(lambda t: max(len(line) for line in t.split("\n")) * parts.CHAR_PX["small"])
    assert (widest.to_numpy() <= room.to_numpy() + 1).all(), credits["caption_lines"].tolist()
    assert any(t.replace("\n", " ").startswith("Apr 2025 · Caliber.Az (news,") for t in credits["caption_lines"])


def _rows(spec: dict, layer: dict) -> list[dict]:
    name = layer["data"]["name"]
    return spec["datasets"][name]


def test_the_sheets_larger_table_text_wraps_and_spaces_for_its_size(real):
    # NOTE: wrapped for 12 px and drawn at the sheet's 14 px, "announced ▲ rising" ran into the period column.
    data, frame = real
    width = 860
    spec = images.chart_dict(specs.stress_chart(frame, data, width=width, height=400, text_px=14))
    columns = {field: limit for field, _, limit in specs.stress_columns(width)}
    checked = 0
    for layer in spec["vconcat"][0]["layer"]:
        mark, field = layer["mark"], layer["encoding"].get("text", {}).get("field", "").removesuffix("_lines")
        if field not in columns:
            continue
        assert (mark["fontSize"], mark["lineHeight"]) == (14, 16)
        style = "bold" if mark.get("fontWeight") == "bold" else "normal"
        for text in (r[f"{field}_lines"] for r in _rows(spec, layer)):
            widest = max(len(line) for line in text.split("\n")) * parts.CHAR_PX[style] * 14 / 12
            assert widest <= columns[field] + 1, (field, text)
            checked += 1
    assert checked >= 4 * 9
