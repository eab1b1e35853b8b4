"""The launcher: the app's pages are prepared before the server opens, and then Streamlit's own `streamlit run` runs."""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard import serve
from dashboard.export import preview
from dashboard.records import dataset
from dashboard.views import briefing


def _counting(monkeypatch, module, name: str) -> list[int]:
    """Each call of `module.name` from now on appends to the returned list (the app's script reads it on every run)."""
    calls: list[int] = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_the_warm_up_leaves_the_first_visitor_nothing_to_load_or_render(monkeypatch, project: Path):
    monkeypatch.setenv("DASHBOARD_ROOT", str(project))
    loads = _counting(monkeypatch, dataset, "load_dataset")
    sheets = _counting(monkeypatch, briefing, "briefing_images")
    previews = _counting(monkeypatch, preview, "draw")
    assert serve.warm_up() == []
    assert (len(loads), len(sheets)) == (1, 1)
    drawn = len(previews)
    # A visitor's session after the warm-up: the Overview and the briefing view, drawn from what the warm-up made.
    overview = AppTest.from_file(str(serve.APP), default_timeout=60).run()
    sheet = AppTest.from_file(str(serve.APP), default_timeout=60)
    sheet.query_params["view"] = "briefing"
    sheet.run()
    assert not overview.exception and not sheet.exception
    assert overview.title[0].value == "Russia's wartime finances"
    assert sheet.get("download_button")[0].label == "Download PNG", "the briefing sheet is shown"
    assert (len(loads), len(sheets)) == (1, 1), "nothing was loaded or rendered again"
    assert len(previews) == drawn, "the first chart's preview was drawn by the warm-up, not the first visit"


def test_the_warm_up_draws_each_charted_indicators_chart_before_its_first_reader(monkeypatch, project: Path):
    monkeypatch.setenv("DASHBOARD_ROOT", str(project))
    assert serve.chart_visits(project) == [{"indicator": "key_rate"}], "the test project's one series of two figures"
    previews = _counting(monkeypatch, preview, "draw")
    assert serve.warm_up() == []
    drawn = len(previews)
    page = AppTest.from_file(str(serve.APP), default_timeout=60)
    page.query_params["indicator"] = "key_rate"
    page.run()
    page.switch_page(serve.INDICATOR_PAGE).run()
    assert not page.exception
    assert [t.value for t in page.title] == ["Key rate"]
    assert page.get("vega_lite_chart"), "the page draws its chart"
    assert len(previews) == drawn, "its preview was drawn by the warm-up, not by the first reader's visit"


def test_indicators_to_warm_up_are_those_with_a_chart_and_none_when_the_file_is_unreadable(tmp_path: Path):
    assert serve.chart_visits(tmp_path) == []
    (tmp_path / "indicators.yaml").write_text("indicators: [\n", encoding="utf-8")
    assert serve.chart_visits(tmp_path) == []


def test_a_page_that_fails_to_warm_up_is_said_and_the_server_still_starts(tmp_path: Path):
    script = tmp_path / "broken.py"
    script.write_text("raise ValueError('no data here')\n", encoding="utf-8")
    assert serve.warm_up(script, ({},)) == ["Overview: no data here"]


def test_the_launcher_hands_over_to_streamlit_run_with_the_options_given(monkeypatch):
    from streamlit.web import cli

    handed: list[list[str]] = []
    monkeypatch.setattr(serve, "warm_up", lambda: [])
    monkeypatch.setattr(cli, "main", lambda prog_name: handed.append(list(sys.argv)) or 0)
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    assert serve.main(["--server.port", "8502"]) == 0
    assert handed == [["streamlit", "run", str(serve.APP), "--server.port", "8502"]]


def test_tests_and_the_bench_start_the_app_as_make_run_does(monkeypatch):
    started: list[list[str]] = []
    monkeypatch.setattr(serve.subprocess, "Popen", lambda command, **kwargs: started.append(command))
    serve.start_app(None, 8600)
    serve.start_app(None, 8601, script=Path("bench/empty_app.py"))
    assert started[0][1:4] == ["-m", "dashboard.serve", "--server.port"]
    assert started[1][1:5] == ["-m", "streamlit", "run", "bench/empty_app.py"]
    assert Path("Makefile").read_text(encoding="utf-8").count("$(PY) -m dashboard.serve") == 1
