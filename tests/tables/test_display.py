"""Display formatting shared by app, charts and export: values, derived marks, periods, credits, escaping."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard.records.dataset import load_dataset
from dashboard.records.schema import Source
from dashboard.tables.display import (
    escape_markdown,
    format_period,
    format_value,
    highlight_markdown,
    paragraph_bounds,
    reader_note,
    source_credit,
    source_label,
    value_label,
    value_labels,
    value_parts,
)
from tests.helpers import REPO


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


def test_value_label_marks_a_derived_figure_and_reads_table_cells():
    frame = pd.DataFrame(
        {
            "value": pd.array([20, 21, None], dtype="Float64"),
            "qualifier": ["about", "exact", "exact"],
            "unit": ["%", "%", ""],
            "status": [None, None, "record losses"],
            "derived": ["Twice the official figure.", None, None],
        }
    )
    assert value_labels(frame).tolist() == ["≈20% (derived)", "21%", "record losses"]
    assert value_label({"value": 20.0, "qualifier": "about", "unit": "%", "derived": "x"}) == "≈20% (derived)"


def test_format_period_and_credit(project):
    data = load_dataset(project)
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


def test_a_converted_figure_shows_the_indicators_unit_with_the_texts_form_beside_it():
    row = {"value": 453.8, "qualifier": "about", "unit": "trillion rubles", "stated_unit": "billion rubles",
           "indicator_value": 0.4538}  # fmt: skip
    assert value_label(row) == "≈0.4538 trillion rubles (text: ≈453.8 billion rubles)"
    charted = {**row, "value": 0.4538, "stated_value": 453.8}
    assert value_label(charted) == value_label(row)
    same = {"value": 21.0, "unit": "%", "stated_unit": "%", "indicator_value": 21.0}
    assert value_label(same) == "21%"
    refused = {"value": 43.0, "unit": "трлн руб.", "stated_unit": "млрд долл.", "indicator_value": None}
    assert value_label(refused) == "no value"


@pytest.mark.parametrize(
    ("value", "qualifier", "unit", "shown"),
    [
        (10, "nearly", "%", "nearly 10%"),
        (20, "about", "%", "about 20%"),
        (1000, "over", "casualties per day", "over 1,000 casualties per day"),
        (5, "up_to", "%", "up to 5%"),
        (21, "exact", "%", "21%"),
    ],
)
def test_where_there_is_room_the_hedge_is_a_word(value, qualifier, unit, shown):
    assert format_value(value, qualifier, unit, words=True) == shown


def test_a_change_says_what_it_is_measured_from():
    # A made-up change, as the National Welfare Fund's is recorded: unit "% change" over a range of periods.
    row = {"value": -60.0, "qualifier": "about", "unit": "% change", "period": "2022-02..2025-02"}
    assert value_label(row, words=True) == "about 60% lower than in Feb 2022"
    assert value_label({**row, "value": 15.0}, words=True) == "about 15% higher than in Feb 2022"
    assert value_label(row) == "≈−60% since Feb 2022"
    assert value_parts(row) == ("about −60%", "change since Feb 2022")


def test_a_chosen_period_is_marked_in_words_or_with_a_star():
    assert format_period("2021", "chosen", words=True) == "2021 (chosen by the curator)"
    assert format_period("2021", "chosen") == "2021*"
    assert format_period("2021", "stated", words=True) == "2021"


def test_a_source_with_no_outlet_is_named_by_its_kind_never_its_id():
    # Test texts: a made-up source with no publisher.
    blog = Source(id="blog-x", file="seeds/009_x.txt", title="t", published="2025-08-04", published_basis="stated",
                  kind="blog")  # fmt: skip
    assert source_label(blog) == "Blog post, no outlet named"
    assert source_credit(blog, lead="published ") == "Blog post, no outlet named, published 4 Aug 2025"
    assert source_label(blog.model_copy(update={"kind": None})) == "Text, no outlet named"


def test_the_real_blog_source_reads_as_a_blog_post():
    data = load_dataset(REPO)
    assert source_credit(data.sources["blog-2025-08"], data.sources) == "Blog post, no outlet named, ~4 Aug 2025"
    assert all(s.id not in source_credit(s, data.sources) for s in data.sources.values())


def _real_notes() -> list:
    data = load_dataset(REPO)
    notes = [pytest.param(ind.id, ind.note, id=ind.id) for ind in data.indicators if ind.note]
    notes += [
        pytest.param(f"{ind.id}[{i}]", o.note, id=f"{ind.id}[{i}]")
        for ind in data.indicators
        for i, o in enumerate(ind.observations)
        if o.note
    ]
    # NOTE: a source's date reasoning and note reach the deck's speaker notes through the same check.
    notes += [
        pytest.param(s.id, text, id=f"{s.id}.{field}")
        for s in data.sources.values()
        for field, text in (("published_reason", s.published_reason), ("note", s.note))
        if text
    ]
    return notes


@pytest.mark.parametrize(("where", "note"), _real_notes())
def test_every_real_note_speaks_to_a_reader_not_of_stored_files(where: str, note: str):
    # The tiles, the sheet and the deck leave out a note that names seeds/ files, so such a note is lost to a reader.
    data = load_dataset(REPO)
    assert reader_note(note, data.sources) == note, f"{where}: name the source, not its file number"


def test_a_note_that_names_stored_files_is_kept_off_reader_surfaces():
    data = load_dataset(REPO)
    assert reader_note("Text 000 gives no tariff rate.", data.sources) is None
    assert reader_note("A proposal, not law (004).", data.sources) is None
    assert reader_note("The same remark as in text 001, reworded.", data.sources) is None
    assert (
        reader_note("Said by an anonymous Russian official.", data.sources) == "Said by an anonymous Russian official."
    )
    assert reader_note("A draft of 160,000 and 500% tariffs.", data.sources) is not None
