"""The series chart's spec on the series test project: marks, encodings, hollow retellings, lines within one text."""

from __future__ import annotations

import itertools
import re

import pytest
import vl_convert as vlc

from dashboard.charts import series
from dashboard.charts.specs import SELECTION, indicator_chart
from dashboard.records.dataset import load_dataset
from dashboard.tables.frames import observations_frame
from tests.helpers import FIXTURES

#: The series test project (test texts): seven key-rate figures from three texts, a retelling and a range among them.
SERIES = FIXTURES / "series_project"
#: A synthetic set of records that disagree (the June figures of the Monitor and of the Weekly).
DISAGREE = {"key_rate:23", "key_rate:32"}


@pytest.fixture(scope="module")
def spec() -> dict:
    data = load_dataset(SERIES)
    frame = observations_frame(data)
    # NOTE: the June pair (20% against 18%) is a texts-disagree notice on purpose: the chart rings it.
    assert [(p.code, p.line) for p in data.problems] == [("texts-disagree", 32)]
    return indicator_chart(frame[frame["verified"]], data, "key_rate", disagree=DISAGREE).to_dict()


def views(spec: dict) -> dict[str, dict]:
    """The chart's layers by mark type (band and span are both rules: the band's y2 tells them apart)."""
    found = {}
    for layer in spec["vconcat"][0]["layer"]:
        kind = layer["mark"]["type"]
        found["band" if kind == "rule" and "y2" in layer["encoding"] else "span" if kind == "rule" else kind] = layer
    return found


def rows(spec: dict, view: dict) -> list[dict]:
    return spec["datasets"][view["data"]["name"]]


def test_every_figure_is_a_point_at_its_period_with_its_record(spec):
    points = views(spec)["point"]
    assert (points["encoding"]["x"]["field"], points["encoding"]["y"]["field"]) == ("at", "y")
    drawn = sorted((r["at"], r["y"], r["source"]) for r in rows(spec, points))
    assert drawn == [
        ("2025-01-16", 21.0, "monitor-2025-06"),
        ("2025-03-16", 21.0, "monitor-2025-06"),
        ("2025-03-16", 21.0, "retold-2025-07"),
        ("2025-04-15", 20.0, "weekly-2025-07"),
        ("2025-05-16", 20.0, "monitor-2025-06"),
        ("2025-06-15", 18.0, "weekly-2025-07"),
        ("2025-06-15", 20.0, "monitor-2025-06"),
    ]
    (pick,) = [p for p in spec["params"] if p["name"] == SELECTION]
    assert pick["select"]["fields"] == ["indicator_id", "record"]
    assert points["name"] in pick["views"]


def test_a_retelling_is_hollow_and_a_hedge_shows(spec):
    points = views(spec)["point"]
    enc = points["encoding"]
    assert enc["fill"]["condition"] == [{"test": "datum.retold", "value": "white"}]
    by_source = {(r["source"], r["at"]): r for r in rows(spec, points)}
    assert by_source[("retold-2025-07", "2025-03-16")]["retold"] is True
    assert by_source[("monitor-2025-06", "2025-03-16")]["retold"] is False
    assert enc["shape"] == {"field": "shape", "type": "nominal", "scale": None}
    assert by_source[("weekly-2025-07", "2025-04-15")]["shape"] == "triangle-up"
    band = views(spec)["band"]
    assert [(r["at"], r["y_low"], r["y_high"]) for r in rows(spec, band)] == [("2025-05-16", 18.0, 22.0)]
    span = views(spec)["span"]
    assert [(r["period_start"], r["period_end"]) for r in rows(spec, span)] == [("2025-01-01", "2025-04-30")]


def test_a_line_joins_only_one_texts_figures(spec):
    line = views(spec)["line"]
    assert line["encoding"]["detail"] == {"field": "source", "type": "nominal"}
    assert {r["source"] for r in rows(spec, line)} == {"monitor-2025-06"}


def test_records_that_disagree_are_ringed_red_and_the_key_line_says_so(spec):
    enc = views(spec)["point"]["encoding"]
    assert enc["stroke"]["condition"] == [{"test": "datum.disagrees", "value": series.DISAGREE_COLOR}]
    ringed = {r["record"] for r in rows(spec, views(spec)["point"]) if r["disagrees"]}
    assert ringed == DISAGREE
    assert " ".join(spec["title"]["subtitle"]).endswith("red ring: the texts disagree")


def test_tooltips_give_source_period_value_hedge_and_quote(spec):
    tooltip = views(spec)["point"]["encoding"]["tooltip"]
    assert [t["title"] for t in tooltip] == ["Source", "Period", "Value as stated", "Hedge", "Counts as", "Quote"]
    weekly = next(r for r in rows(spec, views(spec)["point"]) if r["shape"] == "triangle-up")
    assert (weekly["credit"], weekly["period_label"], weekly["stated"], weekly["hedge"]) == (
        "The Weekly", "Jan 2025 – Apr 2025", ">20%", "over",
    )  # fmt: skip
    assert weekly["quote_start"] == "From January to April the key rate averaged over 20 percent."


def test_the_time_axis_never_repeats_a_label(spec):
    svg = vlc.vegalite_to_svg(spec)
    ticks = re.findall(r"<text[^>]*>([A-Z][a-z]{2} \d{4})</text>", svg)
    assert ticks == ["Jan 2025", "Feb 2025", "Mar 2025", "Apr 2025", "May 2025", "Jun 2025", "Jul 2025"]
    assert all(a != b for a, b in itertools.pairwise(ticks))


def test_the_stated_value_comes_from_indicator_value_once_the_frame_has_it():
    data = load_dataset(SERIES)
    frame = observations_frame(data)
    frame = frame.assign(indicator_value=frame["value"] * 1000)
    assert series.plotted_values(frame).dropna().tolist()[0] == 21000.0
    assert series.plotted_values(frame.drop(columns="indicator_value")).dropna().tolist()[0] == 21.0


def test_the_page_rings_the_records_of_an_unsettled_texts_disagree_by_default(tmp_path):
    import shutil

    root = tmp_path / "disagree_project"
    shutil.copytree(FIXTURES / "disagree_project", root)
    shutil.copy(FIXTURES / "disagree_invalid" / "texts-disagree.yaml", root / "indicators.yaml")
    data = load_dataset(root)
    assert data.disagreeing_ids(), "the fixture holds one unsettled pair"
    spec = indicator_chart(observations_frame(data), data, "nwf_liquid_assets_usd").to_dict()
    assert " ".join(spec["title"]["subtitle"]).endswith("red ring: the texts disagree")
    calm = indicator_chart(observations_frame(data), data, "nwf_liquid_assets_usd", disagree=()).to_dict()
    assert "red ring" not in " ".join(calm["title"]["subtitle"])


def test_a_label_stands_above_and_right_of_its_mark_so_a_line_leaving_it_never_crosses_the_label(spec):
    # NOTE: level with its mark, "21%" sat on the line that joins January's figure to March's.
    mark = views(spec)["text"]["mark"]
    assert mark["dx"] > 0 and mark["dy"] < 0 and mark["align"] == "left"
