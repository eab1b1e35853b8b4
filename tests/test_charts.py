"""Chart specs (from chart.to_dict()): title, subtitle, provenance footer, encodings; and the display formatting."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import vl_convert as vlc

from dashboard import charts
from dashboard.dataset import load_dataset
from dashboard.display import (
    escape_markdown,
    format_period,
    format_value,
    highlight_markdown,
    paragraph_bounds,
    source_credit,
)
from dashboard.frames import observations_frame
from dashboard.schema import CATEGORIES

REAL_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def real():
    """The project's own data, loaded once."""
    data = load_dataset(REAL_ROOT)
    return data, observations_frame(data)


@pytest.fixture
def small(project):
    """The small fixture project."""
    data = load_dataset(project)
    return data, observations_frame(data)


def layers(spec: dict) -> list[dict]:
    """Every single-view spec inside a chart's outer vconcat."""
    body = spec["vconcat"][0]
    return body.get("layer", [body])


def params(spec: dict) -> list[dict]:
    """Every parameter declared anywhere in the spec."""
    found = list(spec.get("params", []))
    for view in layers(spec):
        found += view.get("params", [])
    return found


@pytest.mark.parametrize("slug", list(charts.OVERVIEW_CHARTS))
def test_every_overview_chart_carries_title_subtitle_and_footer(real, slug):
    data, frame = real
    spec = charts.overview_charts(frame, data)[slug].to_dict()
    assert spec["title"]["text"] and spec["title"]["subtitle"]
    footer = spec["vconcat"][0]["title"]
    assert footer["orient"] == "bottom"
    assert footer["text"][0].startswith("Sources: ")
    assert footer["text"][-1].startswith("Data as of ")
    assert any(p["name"] == charts.SELECTION and p["select"]["fields"] == ["indicator_id"] for p in params(spec))


def test_rates_chart_shows_key_rate_inflation_and_the_real_rate_they_imply(small):
    data, frame = small
    spec = charts.rates_chart(frame, data).to_dict()
    assert spec["title"]["text"] == "Rates against prices"
    assert spec["vconcat"][0]["title"]["text"] == [
        "Sources: The Gazette (2 May 2025)",
        "Data as of 2 May 2025 (latest text cited; ~ marks an inferred date). Russia's wartime finances dashboard.",
    ]
    rows = charts.rates_frame(frame)
    assert list(zip(rows["row"], rows["label"], strict=True)) == [
        ("Key rate", "21%  (May 2025)"),
        ("Official inflation", "≈10%  (May 2025)"),
        ("Real rate vs official inflation", "≈11%  (derived: key rate − official inflation)"),
    ]
    bars = layers(spec)[0]["encoding"]
    assert bars["x"]["field"] == "value" and bars["y"]["field"] == "row"
    assert bars["color"]["scale"] == {
        "domain": list(CATEGORIES),
        "range": [charts.CATEGORY_COLORS[c] for c in CATEGORIES],
    }


def test_stress_chart_shows_qualitative_findings_as_words(small):
    data, frame = small
    rows = charts.stress_frame(frame)
    assert rows[["row", "finding", "period_label", "texts"]].values.tolist() == [
        ["Gazprom losses", "record losses", "2025", "1 text"]
    ]
    spec = charts.stress_chart(frame, data).to_dict()
    texts = [v["encoding"]["text"]["field"] for v in layers(spec) if "text" in v.get("encoding", {})]
    assert texts == ["row", "finding", "period_label", "texts"]


def test_corroboration_counts_a_retelling_once(small):
    data, frame = small
    rows = charts.corroboration_frame(frame, data)
    key = rows[rows["indicator_id"] == "key_rate"]
    assert key[["column", "kind", "count_label"]].values.tolist() == [
        ["The Gazette", "independent report", "1 independent"],
        ["retelling of The Gazette", "retells a text already counted", "1 independent"],
    ]
    spec = charts.corroboration_chart(frame, data).to_dict()
    assert spec["title"]["subtitle"].startswith("Filled: an independent text states it. Hollow: a retelling")


def test_threats_chart_places_each_threat_by_level_and_month(real):
    data, frame = real
    rows = charts.threats_frame(frame, data).drop_duplicates(["indicator_id", "period_start"])
    graham = rows[rows["indicator_id"] == "graham_bill_tariff"]
    assert graham[["period_label", "label", "level"]].values.tolist() == [
        ["Apr 2025", "500%", 500.0],
        ["May 2025", "500%", 500.0],
    ]
    spec = charts.threats_chart(frame, data).to_dict()
    circle = layers(spec)[0]
    assert circle["encoding"]["x"]["field"] == "period_start" and circle["encoding"]["size"]["field"] == "level"


def test_timeline_orders_texts_by_publication(real):
    data, frame = real
    rows = charts.timeline_frame(frame, data)
    assert rows["row"].iloc[0] == "24 Feb 2025 · Foreign Policy"
    assert rows.groupby("row").size().sum() == len(frame)


def test_charts_say_so_when_nothing_matches(small):
    data, frame = small
    empty = frame.iloc[0:0]
    for slug, chart in charts.overview_charts(empty, data).items():
        spec = chart.to_dict()
        assert spec["vconcat"][0]["title"]["text"][0] == "Sources: none match the filters", slug
        assert spec["vconcat"][0]["mark"]["type"] == "text", slug


def test_indicator_chart_plots_values_over_periods(real):
    data, frame = real
    spec = charts.indicator_chart(frame, data, "graham_bill_tariff").to_dict()
    assert spec["title"]["text"] == "Threatened US tariff on buyers of Russian energy (Graham bill) over time"
    points = layers(spec)[1]["encoding"]
    assert (points["x"]["field"], points["y"]["field"], points["y"]["title"]) == ("period_start", "value", "%")


def test_exported_svg_keeps_the_provenance(small):
    data, frame = small
    svg = vlc.vegalite_to_svg(charts.rates_chart(frame, data).to_dict())
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", svg))
    assert "Rates against prices" in text and "Sources: The Gazette (2 May 2025)" in text


@pytest.mark.parametrize(
    ("value", "qualifier", "unit", "status", "shown"),
    [
        (10, "nearly", "%", None, "≈10%"),
        (21, "exact", "%", None, "21%"),
        (-60, "about", "% change", None, "≈−60%"),
        (16.1, "exact", "% of portfolio", None, "16.1% of portfolio"),
        (160000, "exact", "conscripts", None, "160,000 conscripts"),
        (1000, "over", "casualties per day", None, ">1,000 casualties per day"),
        (None, "exact", "qualitative", "record losses", "record losses"),
    ],
)
def test_format_value(value, qualifier, unit, status, shown):
    assert format_value(value, qualifier, unit, status) == shown


def test_format_period_and_credit(small):
    data, _ = small
    assert [format_period(p) for p in ("2025-05", "2025-Q1", "2022-02..2025-02", "2025", "2025-03-31")] == [
        "May 2025",
        "Q1 2025",
        "Feb 2022 – Feb 2025",
        "2025",
        "31 Mar 2025",
    ]
    assert source_credit(data.sources["retold-2025-05"], data.sources) == "retelling of The Gazette, ~3 May 2025"


PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "$x^2$",
    ":red[red]",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escape_markdown_disarms_every_markup_character(payload):
    escaped = escape_markdown(payload)
    assert re.sub(r"\\(.)", r"\1", escaped) == payload
    assert not re.search(r"(?<!\\)[<>\[\]()$:]", escaped)


def test_highlight_marks_only_the_quote_and_escapes_the_rest():
    text = "Before <b>: the quote [here] $5 — after."
    start = text.index("the quote")
    shown = highlight_markdown(text, [(start, start + len("the quote [here]"), None)])
    assert shown == r"Before \<b\>\: :orange-background[the quote \[here\]] \$5 — after\."
    linked = highlight_markdown("a b", [(2, 3, "/indicator?indicator=key_rate")])
    assert linked == "a [:orange-background[b]](/indicator?indicator=key_rate)"
    assert paragraph_bounds("one\ntwo three\nfour", 8, 13) == (4, 13)


def test_latest_prefers_an_independent_text_on_a_tie(small):
    _, frame = small
    assert charts.latest(frame[frame["indicator_id"] == "key_rate"])["source"].tolist() == ["gazette-2025-05"]
    assert isinstance(charts.latest(frame.iloc[0:0]), pd.DataFrame)
