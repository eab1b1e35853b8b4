"""Chart specs (from chart.to_dict()): titles, subtitles, provenance footers, encodings and the rows charts draw."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pandas as pd
import pytest
import vl_convert as vlc

from bench.generate import generate
from dashboard.charts import data as chart_data
from dashboard.charts import parts, specs
from dashboard.charts.data import corroboration_frame, rates_frame, stress_frame, threats_frame, timeline_frame
from dashboard.records.dataset import load_dataset
from dashboard.records.schema import CATEGORIES
from dashboard.tables.display import format_as_of
from dashboard.tables.frames import observations_frame
from tests.helpers import REPO

REAL_ROOT = REPO
#: Each Overview chart's title and the rows it draws (the footer and as-of date are computed from these).
TITLES = {
    "rates-prices": "Rates against prices",
    "financial-stress": "Financial stress by category",
    "sanctions-threats": "Sanctions and tariff threats",
    "reporting-timeline": "Reporting timeline",
    "corroboration": "Corroboration: who else says so?",
}
ROWS = {
    "rates-prices": lambda frame, data: rates_frame(frame, data),
    "financial-stress": lambda frame, data: stress_frame(frame, data),
    "sanctions-threats": threats_frame,
    "reporting-timeline": timeline_frame,
    "corroboration": corroboration_frame,
}
FOOTER_END = (
    " (latest text cited) · ≈ hedged · ~ inferred date · * curator's period · Russia's wartime finances dashboard."
)
#: Appended to copies of the fixture project: a retelling's own report (attributed to Politico), a repeat, a figure
#: the curator derived, a range period, and a threat whose level one text states and its retelling does not.
RICH_SAMPLE = """Senators threatened a 500 percent tariff on buyers of Russian oil in April.
Unofficial estimates put price growth at nearly double the official rate.
In April the fund shrank by a further 5 percent.
"""
RICH_RETOLD = """Meanwhile, Politico reports that overdue consumer loans reached 17 percent.
The tariff threat was repeated in May.
Gazprom's losses are a record.
"""
RICH_INDICATORS = """      - status: record losses
        period: 2025
        source: retold-2025-05
        quote: "Gazprom's losses are a record."
  - id: overdue_loans
    name: Overdue consumer loans
    category: banking
    unit: "%"
    higher_is: worse
    description: Share of consumer loans overdue.
    observations:
      - value: 17
        period: 2025-05
        source: retold-2025-05
        quote: "Politico reports that overdue consumer loans reached 17 percent"
  - id: consumer_price_growth
    name: Consumer price increases (unofficial)
    category: prices
    unit: "%"
    higher_is: worse
    description: Unofficial estimate of price growth.
    observations:
      - value: 20
        qualifier: about
        period: 2025-05
        source: gazette-2025-05
        quote: "price growth at nearly double the official rate"
        derived: Twice the official figure of nearly 10 percent.
  - id: nwf_liquid_assets
    name: National Welfare Fund liquid assets
    category: reserves
    unit: "% change"
    higher_is: better
    description: Change in the fund's liquid assets.
    observations:
      - value: -60
        qualifier: about
        period: 2022-02..2025-02
        source: gazette-2025-05
        quote: "shrunk by about 60 percent since the start of the war"
      - value: -5
        period: 2025-04
        source: gazette-2025-05
        quote: "In April the fund shrank by a further 5 percent"
  - id: tariff_threat
    name: Threatened tariff
    category: sanctions
    unit: "%"
    higher_is: worse
    description: Tariff threatened on buyers of Russian oil.
    observations:
      - value: 500
        period: 2025-04
        source: gazette-2025-05
        quote: "threatened a 500 percent tariff on buyers of Russian oil"
      - status: threat repeated
        period: 2025-05
        source: retold-2025-05
        quote: "The tariff threat was repeated in May."
"""


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write(text)


@pytest.fixture(scope="module")
def real():
    """The project's own data, loaded once."""
    data = load_dataset(REAL_ROOT)
    frame = observations_frame(data)
    return data, frame[frame["verified"]]


@pytest.fixture
def small(project):
    """The small fixture project."""
    data = load_dataset(project)
    return data, observations_frame(data)


@pytest.fixture
def rich(project):
    """The fixture project with the RICH_* additions; every record verifies."""
    append(project / "seeds" / "sample.txt", RICH_SAMPLE)
    append(project / "seeds" / "retold.txt", RICH_RETOLD)
    append(project / "indicators.yaml", RICH_INDICATORS)
    data = load_dataset(project)
    assert [p.format() for p in data.problems] == []
    return data, observations_frame(data)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A generated project of 10,000 indicators (30,000 observations) over 1,000 stored texts."""
    project = generate(tmp_path_factory.mktemp("big"), [10_000], seed=6)[10_000]
    data = load_dataset(project.root)
    return data, observations_frame(data)


def layers(spec: dict) -> list[dict]:
    """Every single-view spec inside a chart's outer vconcat."""
    body = spec["vconcat"][0]
    return body.get("layer", [body])


def params(spec: dict) -> list[dict]:
    """Every parameter declared anywhere in the spec."""
    found = list(spec.get("params", []))
    for view in [spec["vconcat"][0], *layers(spec)]:
        found += view.get("params", [])
    return found


def data_of(spec: dict, view: dict) -> list[dict]:
    """The rows a single view draws."""
    inherited = spec["vconcat"][0].get("data") or spec.get("data")
    return spec["datasets"][view.get("data", inherited)["name"]]


def footer(spec: dict) -> list[str]:
    return spec["vconcat"][0]["title"]["text"]


def picks(spec: dict, view: dict, fields: tuple[str, ...] = ("indicator_id",)) -> bool:
    """Whether a click on `view`'s marks selects `fields` (Altair lifts a layer's params to the top level)."""
    return any(
        p["name"] == specs.SELECTION and p["select"]["fields"] == list(fields) and view["name"] in p["views"]
        for p in params(spec)
    )


# The project's own data: invariants only, never its values.


@pytest.mark.parametrize("slug", list(specs.OVERVIEW_CHARTS))
def test_every_real_chart_builds_with_title_subtitle_and_a_footer_naming_each_source(real, slug):
    data, frame = real
    spec = specs.overview_charts(frame, data)[slug].to_dict()
    rows = ROWS[slug](frame, data)
    assert spec["title"]["text"] == TITLES[slug] and spec["title"]["subtitle"]
    lines = footer(spec)
    assert spec["vconcat"][0]["title"]["orient"] == "bottom"
    assert lines[0].startswith("Sources: ")
    cited = " ".join(lines[:-1])
    for source in set(rows["source"].dropna()):
        assert specs.source_label(data.sources[source], data.sources, kind=True) in cited, source
    assert lines[-1] == f"Data as of {format_as_of(rows, data)}{FOOTER_END}"
    # A timeline segment holds several indicators: its click picks the text and the category (the Overview filters).
    picked = list(specs.TIMELINE_PICK) if slug == "reporting-timeline" else ["indicator_id"]
    assert any(p["name"] == specs.SELECTION and p["select"]["fields"] == picked for p in params(spec))


def test_real_headline_figures_are_drawn(real):
    _, frame = real
    assert {"key_rate", "official_inflation"} <= set(rates_frame(frame)["indicator_id"])
    stress = set(stress_frame(frame)["indicator_id"])
    assert {"sberbank_overdue_consumer_loans", "nwf_liquid_assets", "gazprom_losses"} <= stress


# At 10,000 indicators every chart stays small (Altair refuses inline data past 5,000 rows) and says what it left out.


def test_charts_at_10000_indicators_keep_their_data_small_and_say_top_n_of_m(big):
    data, frame = big
    drawn = {slug: chart.to_dict() for slug, chart in specs.overview_charts(frame, data).items()}
    for slug, spec in drawn.items():
        assert all(len(rows) <= 5_000 for rows in spec["datasets"].values()), slug
        assert spec["title"]["text"] == TITLES[slug]
        assert footer(spec)[0].startswith("Sources (latest 12 of ") or len(footer(spec)) <= 3, slug
    subtitle = {slug: spec["title"]["subtitle"] for slug, spec in drawn.items()}
    assert subtitle["reporting-timeline"].endswith(" · latest 20 of 1,000 texts")
    assert re.search(r" · top 15 of [\d,]+ indicators by independent texts$", subtitle["corroboration"])
    assert re.search(r" · top 8 of [\d,]+ threats by reports$", subtitle["sanctions-threats"])
    assert re.search(r" · the 20 most recent of [\d,]+ indicators$", subtitle["financial-stress"])
    timeline = timeline_frame(frame, data)
    assert timeline["source"].nunique() == 20 and timeline["category"].isin(CATEGORIES).all()


# The small fixture project: behaviour, with exact values.


def test_rates_chart_shows_key_rate_inflation_and_the_real_rate_they_imply(small):
    data, frame = small
    spec = specs.rates_chart(frame, data).to_dict()
    assert spec["title"]["text"] == "Rates against prices"
    assert footer(spec) == ["Sources: The Gazette (news), 2 May 2025", f"Data as of 2 May 2025{FOOTER_END}"]
    rows = specs.rates_frame(frame)
    assert list(zip(rows["row"], rows["label"], strict=True)) == [
        ("Key rate", "21%  (May 2025)"),
        ("Official inflation", "≈10%  (May 2025)"),
        ("Real rate vs official inflation", "≈11%  (derived: key rate − official inflation)"),
    ]
    bars = layers(spec)[0]
    assert bars["encoding"]["x"]["field"] == "value" and bars["encoding"]["y"]["field"] == "row" and picks(spec, bars)
    assert bars["encoding"]["color"]["scale"] == {
        "domain": list(CATEGORIES),
        "range": [specs.CATEGORY_COLORS[c] for c in CATEGORIES],
    }


def test_the_rates_subtitle_names_only_what_the_chart_draws(small):
    data, frame = small
    both = specs.rates_chart(frame, data).to_dict()["title"]["subtitle"]
    assert both.startswith("Bank of Russia key rate vs official and unofficial inflation")
    key = specs.rates_chart(frame[frame["indicator_id"] == "key_rate"], data).to_dict()["title"]["subtitle"]
    assert key == "Bank of Russia key rate, % a year; no inflation figure among those shown"
    prices = specs.rates_chart(frame[frame["indicator_id"] != "key_rate"], data).to_dict()["title"]["subtitle"]
    assert prices == "Inflation, % a year; no key rate figure among those shown"


def test_a_derived_figure_is_labelled_derived_wherever_it_is_drawn(rich):
    data, frame = rich
    spec = specs.rates_chart(frame, data).to_dict()
    labels = [r["label"] for r in data_of(spec, layers(spec)[0])]
    # NOTE: one bracket holds both, never "(derived) (May 2025)".
    assert "≈20%  (derived, May 2025)" in labels
    assert "21%  (May 2025)" in labels


def test_the_footer_as_of_date_keeps_its_inferred_mark(small):
    data, frame = small
    spec = specs.timeline_chart(frame, data).to_dict()
    assert footer(spec) == [
        "Sources: The Gazette (news), 2 May 2025; retelling of The Gazette, ~3 May 2025",
        f"Data as of ~3 May 2025{FOOTER_END}",
    ]
    gazette = frame[frame["source"] == "gazette-2025-05"]
    assert footer(specs.timeline_chart(gazette, data).to_dict())[-1] == f"Data as of 2 May 2025{FOOTER_END}"


def test_format_as_of_reads_the_rows_shown(small):
    data, frame = small
    assert format_as_of(frame, data) == "~3 May 2025"
    assert format_as_of(frame[frame["source"] == "gazette-2025-05"], data) == "2 May 2025"
    # NOTE: with no rows there is nothing to date but the data itself.
    assert format_as_of(frame.iloc[0:0], data) == "~3 May 2025"


def test_stress_chart_shows_qualitative_findings_as_words_and_counts_texts(rich):
    data, frame = rich
    rows = specs.stress_frame(frame)
    assert rows[["row", "finding", "period_label", "texts"]].values.tolist() == [
        ["Overdue consumer loans", "17%", "May 2025", "1 text"],
        ["National Welfare Fund liquid assets", "−5%", "Apr 2025", "1 text"],
        ["Gazprom losses", "record losses", "2025", "1 text + 1 retold"],
    ]
    spec = specs.stress_chart(frame, data).to_dict()
    shown = [v["encoding"]["text"]["field"] for v in layers(spec) if "text" in v.get("encoding", {})]
    assert list(dict.fromkeys(shown)) == [
        "row_lines",
        "finding_lines",
        "period_label_lines",
        "texts_lines",
    ]
    assert spec["title"]["subtitle"] == (
        "Latest finding per indicator in banking, fiscal, reserves and energy — the texts' words, not a score"
    )


def test_a_capped_chart_says_how_many_it_shows(rich, monkeypatch):
    data, frame = rich
    monkeypatch.setattr(chart_data, "STRESS_ROWS", 2)
    spec = specs.stress_chart(frame, data).to_dict()
    assert spec["title"]["subtitle"].endswith(" · the 2 most recent of 3 indicators")
    assert [r["row"] for r in data_of(spec, layers(spec)[0])] == ["Overdue consumer loans", "Gazprom losses"]


def test_a_retelling_filtered_alone_is_still_a_repeat_and_its_own_report_counts(rich):
    data, frame = rich
    retold = frame[frame["source"] == "retold-2025-05"]
    stress = specs.stress_frame(retold)
    assert stress[["row", "texts"]].values.tolist() == [
        ["Overdue consumer loans", "1 text"],
        ["Gazprom losses", "0 texts + 1 retold"],
    ]
    cells = specs.corroboration_frame(retold, data)
    assert cells[["indicator_id", "kind", "count_label"]].values.tolist() == [
        ["gazprom_losses", "retells a text already counted", "0 independent"],
        ["key_rate", "retells a text already counted", "0 independent"],
        ["overdue_loans", "independent report", "1 independent"],
        ["tariff_threat", "retells a text already counted", "0 independent"],
    ]
    spec = specs.corroboration_chart(retold, data).to_dict()
    dots = layers(spec)[0]
    filled = {r["row"]: r["independent"] for r in data_of(spec, dots)}
    assert filled == {"Key rate": False, "Threatened tariff": False, "Gazprom losses": False,
                      "Overdue consumer loans": True}  # fmt: skip
    timeline = specs.timeline_frame(retold, data)
    assert timeline[["category", "count", "retold"]].values.tolist() == [
        ["monetary", 1, 1],
        ["banking", 1, 0],
        ["energy", 1, 1],
        ["sanctions", 1, 1],
    ]


def test_corroboration_draws_retellings_hollow_and_every_dot_opens_its_indicator(small):
    data, frame = small
    rows = specs.corroboration_frame(frame, data)
    key = rows[rows["indicator_id"] == "key_rate"]
    assert key[["column", "kind", "count_label"]].values.tolist() == [
        ["The Gazette (news)", "independent report", "1 independent"],
        ["retelling of The Gazette", "retells a text already counted", "1 independent"],
    ]
    spec = specs.corroboration_chart(frame, data).to_dict()
    assert spec["title"]["subtitle"] == (
        "Filled: an independent text states it. Hollow: a retelling of a text already counted, not a confirmation"
    )
    dots = layers(spec)[0]
    assert dots["mark"]["type"] == "point" and picks(spec, dots)
    assert dots["encoding"]["fill"]["condition"]["test"] == "datum.independent"
    assert dots["encoding"]["fill"]["value"] == "white"
    assert {(r["column"], r["independent"]) for r in data_of(spec, dots)} == {
        ("The Gazette (news)", True),
        ("retelling of The Gazette", False),
    }


def test_corroboration_draws_an_official_release_square_and_reports_of_it_round(project):
    path = project / "data" / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: news", "kind: official"), encoding="utf-8")
    data = load_dataset(project)
    frame = observations_frame(data)
    rows = specs.corroboration_frame(frame, data)
    key = rows[rows["indicator_id"] == "key_rate"]
    assert key[["column", "text_kind"]].values.tolist() == [
        ["The Gazette (official release)", "official release"],
        ["retelling of The Gazette", "kind not stated"],
    ]
    spec = specs.corroboration_chart(frame, data).to_dict()
    assert spec["title"]["subtitle"].endswith(". Square: the official release itself; round: a report of it")
    dots = layers(spec)[0]
    official = {"test": "datum.text_kind == 'official release'", "value": "square"}
    assert dots["encoding"]["shape"]["condition"] == [official]
    assert dots["encoding"]["shape"]["value"] == "circle"
    assert {"field": "text_kind", "title": "Text is", "type": "nominal"} in dots["encoding"]["tooltip"]


def test_threats_chart_places_each_threat_in_its_period_and_unstated_levels_open_too(rich):
    data, frame = rich
    rows = specs.threats_frame(frame, data)
    # NOTE: April at its middle; May at the data's as-of date (3 May), never past it.
    assert rows[["period_label", "at", "label", "level", "reported_by"]].values.tolist() == [
        ["Apr 2025", "2025-04-15", "500%", 500.0, "The Gazette (news)"],
        ["May 2025", "2025-05-03", "level not stated", 0.0, "retelling of The Gazette"],
    ]
    spec = specs.threats_chart(frame, data).to_dict()
    spans, circles = layers(spec)[0], layers(spec)[1]
    assert (spans["mark"]["type"], spans["encoding"]["x"]["field"], spans["encoding"]["x2"]["field"]) == (
        "rule",
        "period_start",
        "period_end",
    )
    assert circles["encoding"]["x"]["field"] == "at" and picks(spec, circles)
    assert circles["encoding"]["fill"]["value"] == "white"
    assert [r["level"] for r in data_of(spec, circles)] == [500.0, 0.0]


def test_timeline_counts_findings_per_text_and_category(small):
    data, frame = small
    rows = specs.timeline_frame(frame, data)
    assert rows[["row", "category", "count", "names"]].values.tolist() == [
        ["2 May 2025 · The Gazette (news)", "prices", 1, "Official inflation"],
        ["2 May 2025 · The Gazette (news)", "monetary", 1, "Key rate"],
        ["2 May 2025 · The Gazette (news)", "energy", 1, "Gazprom losses"],
        ["~3 May 2025 · retelling of The Gazette", "monetary", 1, "Key rate"],
    ]
    spec = specs.timeline_chart(frame, data).to_dict()
    bars = layers(spec)[0]
    assert (bars["encoding"]["x"]["field"], bars["encoding"]["y"]["field"]) == ("count", "row")
    assert picks(spec, bars, specs.TIMELINE_PICK), "a segment's click picks its text and category, not an indicator"
    assert spec["title"]["subtitle"] == (
        "Figures and findings each text reports, by category; texts in order of publication (~ = date inferred)"
    )


def test_indicator_chart_plots_each_figure_in_its_period_and_a_range_with_a_span(rich):
    data, frame = rich
    spec = specs.indicator_chart(frame, data, "nwf_liquid_assets").to_dict()
    assert spec["title"]["text"] == "National Welfare Fund liquid assets over time"
    assert spec["title"]["subtitle"] == [
        "2 figures from 1 text, each in the period it describes (% change)",
        "Filled: the text's own figure · a bar spans a range · band: about or nearly (±10%)",
    ]
    _, spans, _, points, _ = layers(spec)
    assert (points["encoding"]["x"]["field"], points["encoding"]["y"]["field"]) == ("at", "y")
    assert [(r["at"], r["label"], r["period_label"]) for r in data_of(spec, points)] == [
        ("2025-02-14", "≈−60% since Feb 2022", "Feb 2022 – Feb 2025"),
        ("2025-04-15", "−5%", "Apr 2025"),
    ]
    assert (spans["encoding"]["x"]["field"], spans["encoding"]["x2"]["field"]) == ("period_start", "period_end")
    assert [(r["period_start"], r["period_end"]) for r in data_of(spec, spans)] == [("2022-02-01", "2025-02-28")]
    assert footer(spec) == ["Sources: The Gazette (news), 2 May 2025", f"Data as of 2 May 2025{FOOTER_END}"]


def test_charts_say_so_when_nothing_matches(small):
    data, frame = small
    for slug, chart in specs.overview_charts(frame.iloc[0:0], data).items():
        spec = chart.to_dict()
        assert footer(spec) == ["Sources: none match the filters", f"Data as of ~3 May 2025{FOOTER_END}"], slug
        assert spec["vconcat"][0]["mark"]["type"] == "text", slug


def test_exported_svg_keeps_the_provenance(small):
    data, frame = small
    svg = vlc.vegalite_to_svg(specs.rates_chart(frame, data).to_dict())
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", svg))
    assert "Rates against prices" in text and "Sources: The Gazette (news), 2 May 2025" in text
    assert "Data as of 2 May 2025" in text


def test_latest_prefers_an_independent_text_on_a_tie(small):
    _, frame = small
    assert specs.latest(frame[frame["indicator_id"] == "key_rate"])["source"].tolist() == ["gazette-2025-05"]
    assert specs.latest(frame.iloc[0:0]).empty


@pytest.mark.parametrize(
    ("start", "end", "width", "interval", "step", "shown"),
    [
        ("2025-04-01", "2025-05-31", 620, "month", 1, "%b %Y"),
        ("2024-01-01", "2025-12-31", 620, "month", 6, "%b %Y"),
        ("2024-01-01", "2025-12-31", 1200, "month", 2, "%b %Y"),
        ("2022-02-01", "2025-05-31", 620, "month", 6, "%b %Y"),
        ("2010-01-01", "2025-12-31", 620, "year", 5, "%Y"),
    ],
)
def test_a_time_axis_ticks_months_or_coarser_so_no_label_repeats(start, end, width, interval, step, shown):
    axis = parts.time_axis(start, end, width).to_dict()
    assert (axis["tickCount"]["interval"], axis["tickCount"]["step"], axis["format"]) == (interval, step, shown)


def test_the_graham_bill_chart_labels_each_month_once():
    data = load_dataset(REAL_ROOT)
    frame = observations_frame(data)
    svg = vlc.vegalite_to_svg(specs.indicator_chart(frame[frame["verified"]], data, "graham_bill_tariff").to_dict())
    ticks = list(re.findall(r"<text[^>]*>([A-Z][a-z]{2} \d{4})</text>", svg))
    assert ticks and all(a != b for a, b in itertools.pairwise(ticks)), ticks


def test_a_point_stands_in_its_period_and_never_past_the_as_of_date():
    periods = pd.Series(["2025-04", "2025-08", "2025-08-04", "2022-02..2025-02", "2026-01"])
    assert chart_data.period_points(periods, "2025-08-04") == [
        "2025-04-15", "2025-08-04", "2025-08-04", "2025-02-14", "2026-01-16",
    ]  # fmt: skip


def real_svg_texts(draw) -> list[str]:
    """Every text an exported SVG of the real data's chart holds, one line of a wrapped label each."""
    data = load_dataset(REAL_ROOT)
    frame = observations_frame(data)
    svg = vlc.vegalite_to_svg(draw(frame[frame["verified"]], data).to_dict())
    return [t.strip() for t in re.findall(r">([^<>]+)<", svg) if t.strip()]


def test_no_label_in_an_exported_chart_is_cut_with_an_ellipsis():
    texts = real_svg_texts(specs.stress_chart)
    assert "Non-payments in the economy and" in " ".join(texts)
    assert [t for t in texts if t.endswith("…")] == []


def test_a_wrapped_table_keeps_only_the_rows_that_fit_its_height(rich):
    data, frame = rich
    spec = specs.stress_chart(frame, data, height=60).to_dict()
    table = next(v for v in spec["vconcat"] if "layer" in v)
    assert table["height"] <= 60


def test_threat_labels_wrap_and_credit_the_first_text_with_how_many_more():
    texts = real_svg_texts(specs.threats_chart)
    assert [t for t in texts if t.endswith("…")] == []
    assert any(t.endswith("+ 1 more") for t in texts), texts
