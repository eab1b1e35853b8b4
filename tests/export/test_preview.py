"""The server-drawn chart preview: every real chart gets one, in the live chart's fonts, and nothing live gets in."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
import vl_convert as vlc

from dashboard.charts.parts import FONT
from dashboard.charts.specs import OVERVIEW_CHARTS
from dashboard.export import preview
from dashboard.export.images import VL_VERSION, chart_dict
from dashboard.records.dataset import load_dataset
from dashboard.tables.frames import observations_frame
from tests.helpers import PAYLOAD, REPO, payload_indicator

REAL_ROOT = REPO


def _verified(root: Path):
    data = load_dataset(root)
    frame = observations_frame(data)
    return data, frame[frame["verified"]].reset_index(drop=True)


@pytest.fixture(scope="module")
def real():
    return _verified(REAL_ROOT)


@pytest.mark.parametrize("slug", list(OVERVIEW_CHARTS))
def test_every_overview_chart_of_the_real_data_has_a_preview_in_the_live_charts_fonts(real, slug):
    data, frame = real
    spec = chart_dict(OVERVIEW_CHARTS[slug](frame, data))
    svg = preview.draw(spec)
    assert svg.startswith("<svg")
    families = set(re.findall(r'font-family="([^"]*)"', svg))
    assert families == {FONT}, "every text in the font the live chart is told to use"
    assert spec["title"]["text"] in svg
    assert "Sources: " in svg, "the preview carries the chart's source footer, as the live chart does"


def test_the_preview_keeps_the_padding_streamlit_gives_the_live_chart(real):
    data, frame = real
    spec = chart_dict(OVERVIEW_CHARTS["rates-prices"](frame, data))
    assert "padding" not in spec
    bare = vlc.vegalite_to_svg({**spec, "padding": 0}, vl_version=VL_VERSION)
    size = re.compile(r'<svg[^>]* width="(\d+)" height="(\d+)"')
    width, height = map(int, size.search(bare).groups())
    assert size.search(preview.draw(spec)).groups() == (str(width), str(height + 20))


def test_markup_in_the_data_reaches_the_preview_as_escaped_text(project):
    with (project / "seeds" / "sample.txt").open("a", encoding="utf-8") as seed:
        seed.write(PAYLOAD + "\n")
    with (project / "indicators.yaml").open("a", encoding="utf-8") as out:
        out.write(payload_indicator("gazette-2025-05"))
    data, frame = _verified(project)
    assert "payload_probe" in set(frame["indicator_id"])
    svgs = [preview.draw(chart_dict(make(frame, data))) for make in OVERVIEW_CHARTS.values()]
    shown = [svg for svg in svgs if "Probe" in svg]
    assert shown, "the payload's name is drawn in at least one chart"
    for svg in shown:
        assert "&lt;script&gt;" in svg and "<script" not in svg and "<img" not in svg
        assert preview.is_plain_drawing(svg)


@pytest.mark.parametrize(
    "drawn",
    [
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><rect onload="alert(1)"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><a href="https://example.org/"><text>x</text></a></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><rect x:href="#a"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(https://example.org/x)"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.org/x.png"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url(https://example.org/x)"/></svg>',
        '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><text>unclosed</svg>',
        "<html><body>not a drawing</body></html>",
    ],
)
def test_a_drawing_with_anything_live_in_it_is_refused(monkeypatch, drawn):
    monkeypatch.setattr(vlc, "vegalite_to_svg", lambda spec, vl_version: drawn)
    with pytest.raises(preview.PreviewError, match="refused"):
        preview.draw({"mark": "point"})


@pytest.mark.parametrize(
    "drawn",
    [
        '<svg xmlns="http://www.w3.org/2000/svg"><g clip-path="url(#clip1)"><rect/></g></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><path aria-label="name: see url(https://example.org)"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&lt;img src=x onerror=alert(1)&gt; url(x)</text></svg>',
    ],
)
def test_internal_references_and_the_datas_own_text_are_not_refused(monkeypatch, drawn):
    monkeypatch.setattr(vlc, "vegalite_to_svg", lambda spec, vl_version: drawn)
    assert preview.draw({"mark": "point"}) == drawn


def test_a_spec_vl_convert_cannot_draw_raises_a_preview_error():
    with pytest.raises(preview.PreviewError, match="not drawn"):
        preview.draw({"mark": "no-such-mark"})


def test_warm_up_starts_one_thread_per_process_and_leaves_vl_convert_ready():
    first = preview.warm_up()
    assert preview.warm_up() is first
    first.join(timeout=60)
    assert not first.is_alive() and preview.ready()


def test_a_warm_up_that_failed_is_tried_again_on_a_later_call_up_to_its_attempts(monkeypatch):
    monkeypatch.setattr(preview, "_warm_thread", None)
    monkeypatch.setattr(preview, "_warm_attempts", 0)
    monkeypatch.setattr(preview, "_warmed", threading.Event())
    outcomes = iter([preview.PreviewError("chart preview not drawn: test failure"), "<svg/>"])

    def draw(_spec):
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    monkeypatch.setattr(preview, "draw", draw)
    first = preview.warm_up()
    first.join(timeout=10)
    assert not preview.ready()
    second = preview.warm_up()
    assert second is not first
    second.join(timeout=10)
    assert preview.ready() and preview.warm_up() is second


def test_a_warm_up_that_keeps_failing_stops_after_its_attempts(monkeypatch):
    monkeypatch.setattr(preview, "_warm_thread", None)
    monkeypatch.setattr(preview, "_warm_attempts", 0)
    monkeypatch.setattr(preview, "_warmed", threading.Event())
    calls = []

    def draw(_spec):
        calls.append(1)
        raise preview.PreviewError("chart preview not drawn: test failure")

    monkeypatch.setattr(preview, "draw", draw)
    threads = []
    for _ in range(preview.WARM_ATTEMPTS + 2):
        threads.append(preview.warm_up())
        threads[-1].join(timeout=10)
    assert len(calls) == preview.WARM_ATTEMPTS and not preview.ready()
    assert len(set(map(id, threads))) == preview.WARM_ATTEMPTS
