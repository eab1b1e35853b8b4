import html
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

from dashboard.charts import specs
from dashboard.export import headlines, images, sheet
from dashboard.records.dataset import load_dataset
from dashboard.tables.display import MARKS_LEGEND
from dashboard.tables.frames import observations_frame
from tests.helpers import FIXTURES, PROJECT, REPO

REAL_ROOT = REPO

ROOT = REPO
#: What the fixture project's sheet cites, and its as-of date: the Gazette only (2 May 2025, stated), since the
#: retelling's one figure repeats a key rate the Gazette states and the sheet shows the Gazette's.
TITLES = ("Sample Gazette",)
AS_OF = "Data as of 2 May 2025"


def run(*args: str, root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DASHBOARD_ROOT": str(root)}
    return subprocess.run([sys.executable, "-m", "dashboard", *args], capture_output=True, text=True, env=env, cwd=ROOT)


def png_size(content: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk."""
    assert content[:8] == b"\x89PNG\r\n\x1a\n" and content[12:16] == b"IHDR"
    return struct.unpack(">II", content[16:24])


def svg_size(text: str) -> tuple[float, float]:
    found = re.search(r'<svg[^>]* width="([\d.]+)" height="([\d.]+)"', text)
    return float(found[1]), float(found[2])


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("export") / "project"
    shutil.copytree(PROJECT, root)
    return root


@pytest.fixture(scope="module")
def svg_run(project: Path, tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("svg")
    return run("export", "--out", str(out), "--format", "svg", root=project), out


@pytest.fixture(scope="module")
def png_dir(project: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("png")
    images.export(load_dataset(root=project), out)
    return out


def test_every_spec_the_app_and_export_use_is_valid_vega_lite():
    # chart_dict skips Altair's jsonschema pass for speed; this validates the very dicts it returns instead.
    data = load_dataset(REAL_ROOT)
    frame = observations_frame(data)
    made = {f"{slug} (all)": chart for slug, chart in specs.overview_charts(frame, data).items()}
    made |= {f"{slug} (none match)": chart for slug, chart in specs.overview_charts(frame.iloc[0:0], data).items()}
    banking = frame[frame["category"] == "banking"]
    made |= {f"{slug} (banking)": chart for slug, chart in specs.overview_charts(banking, data).items()}
    made["indicator"] = specs.indicator_chart(frame, data, "key_rate")
    schema = load_schema()
    for name, chart in made.items():
        assert validate_jsonschema(images.chart_dict(chart), schema, raise_error=False) is None, name


def test_export_writes_every_chart_and_the_sheet(svg_run):
    result, out = svg_run
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "briefing.svg",
        "corroboration.svg",
        "financial-stress.svg",
        "rates-prices.svg",
        "reporting-timeline.svg",
    ]
    assert sorted(result.stdout.splitlines()) == [str(out / n) for n in names]


def test_sheet_is_1920_by_1080_css_pixels_and_twice_that_in_a_default_png(svg_run, png_dir):
    _, out = svg_run
    assert svg_size((out / "briefing.svg").read_text()) == (1920, 1080)
    assert png_size((png_dir / "briefing.png").read_bytes()) == (3840, 2160)


def test_each_chart_png_is_its_svg_size_at_scale_2(svg_run, png_dir):
    _, out = svg_run
    for svg in out.glob("*.svg"):
        width, height = svg_size(svg.read_text())
        assert png_size((png_dir / f"{svg.stem}.png").read_bytes()) == (round(width * 2), round(height * 2)), svg.name


def test_sheet_svg_holds_each_cited_title_and_the_as_of_date(svg_run):
    text = (svg_run[1] / "briefing.svg").read_text()
    for title in TITLES:
        assert html.escape(title, quote=False) in text
    assert AS_OF in text and "data as of 2 May 2025" in text
    assert "[1] Sample Gazette — The Gazette (news), 2 May 2025" in text
    assert "A retelling" not in text and "3 May 2025" not in text  # nothing the retelling says is on the sheet
    assert "≈10%" in text and "21%" in text and "record losses" in text


def test_a_source_line_marks_a_supplied_title_and_an_inferred_date(project: Path):
    data = load_dataset(root=project)
    assert headlines.source_lines(data, {"retold-2025-05": 2}) == [
        "[2] A retelling — retelling of The Gazette, ~3 May 2025 (title supplied, date inferred)"
    ]


def test_the_sheet_as_of_and_every_chart_footer_agree_with_the_rows_shown(project: Path):
    data = load_dataset(root=project)
    frame = observations_frame(data)
    parts = sheet.build_sheet(data, frame, {}, {}, images.chart_dict)
    footers = [p.spec["vconcat"][0]["title"]["text"][-1] for p in parts[1:-1]]
    assert footers and all(f.startswith("Data as of 2 May 2025 ") for f in footers)
    bottom = [r["text"] for layer in parts[-1].spec["layer"] for r in layer["data"]["values"]]
    assert [t for t in bottom if t.startswith("Data as of ")] == [
        f"Data as of 2 May 2025. Every figure quotes its source verbatim. {MARKS_LEGEND}."
    ]


def test_a_long_source_list_is_cut_to_what_the_sheet_holds():
    lines = [f"[{n}] Title {n} — Publisher, 1 May 2025" for n in range(1, 14)]
    texts = [r["text"] for layer in sheet.bottom_view(lines, "1 May 2025")["layer"] for r in layer["data"]["values"]]
    listed = [t for t in texts if t.startswith(("[", "…"))]
    assert listed == [*lines[:9], "… and 4 more texts, named in the chart footers above"]


def test_every_exported_chart_carries_its_sources_and_as_of_date(svg_run):
    for svg in svg_run[1].glob("*.svg"):
        text = svg.read_text()
        assert "Sources: " in text and "Data as of " in text, svg.name


def test_sheet_renders_for_a_filtered_set(project: Path, tmp_path: Path):
    result = run("export", "--out", str(tmp_path), "--format", "svg", "--indicator", "key_rate", root=project)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "briefing.svg").read_text()
    assert svg_size(text) == (1920, 1080)
    assert "Key rate" in text and "21%" in text
    assert "Official inflation" not in text and "record losses" not in text
    assert not (tmp_path / "financial-stress.svg").exists()  # nothing of it is left after the filter


def test_a_filtered_sheet_dates_itself_by_the_texts_it_shows(project: Path, tmp_path: Path):
    result = run("export", "--out", str(tmp_path), "--format", "svg", "--indicator", "official_inflation", root=project)
    assert result.returncode == 0, result.stderr
    sheet = (tmp_path / "briefing.svg").read_text()
    assert "data as of 2 May 2025" in sheet and "Data as of 2 May 2025." in sheet
    assert "3 May 2025" not in sheet  # the retelling's date: it cites no official_inflation figure
    assert "Data as of 2 May 2025" in (tmp_path / "rates-prices.svg").read_text()


def test_svg_is_byte_identical_across_renders(project: Path):
    data = load_dataset(root=project)
    first = images.build_images(data, "svg")
    second = images.build_images(data, "svg")
    assert [i.name for i in first] == [i.name for i in second]
    for a, b in zip(first, second, strict=True):
        assert a.content == b.content, a.name


def test_pdf_carries_no_creation_date():
    # NOTE: vl-convert's PDFs differ run to run in font-subset tags and object order; SVG is the format that diffs.
    spec = {"data": {"values": [{"a": "x", "b": 1}]}, "mark": "bar", "encoding": {"x": {"field": "a"}}}
    pdf = images.render(spec, "pdf")
    assert pdf.startswith(b"%PDF") and b"CreationDate" not in pdf and b"ModDate" not in pdf


def test_every_font_is_pinned_to_the_vendored_family():
    config = images.pin_font({"config": {"font": "Arial", "axis": {"labelFontSize": 12}}})["config"]
    assert config["font"] == "Liberation Sans" and config["axis"] == {
        "labelFontSize": 12,
        "labelFont": "Liberation Sans",
        "titleFont": "Liberation Sans",
    }


def test_unknown_indicator_names_close_matches_and_exits_1(project: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = run("export", "--out", str(out), "--indicator", "key_rat", "gazprom_loses", root=project)
    assert result.returncode == 1
    assert result.stderr == (
        "export: unknown indicator 'key_rat' (did you mean key_rate?); "
        "unknown indicator 'gazprom_loses' (did you mean gazprom_losses?)\n"
    )
    assert not out.exists() or not any(out.iterdir())


def test_unwritable_folder_exits_1(project: Path, tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run("export", "--out", str(blocker / "out"), root=project)
    assert result.returncode == 1
    assert result.stderr.startswith(f"export: cannot write to output folder {blocker / 'out'}: ")


def test_data_with_errors_is_refused_with_the_problem_summary(project: Path, tmp_path: Path):
    broken = tmp_path / "broken"
    shutil.copytree(project, broken)
    path = broken / "indicators.yaml"
    path.write_text(path.read_text().replace("at 21 percent", "at 21 per cent"))
    result = run("export", "--out", str(tmp_path / "out"), root=broken)
    assert result.returncode == 1
    assert result.stderr == (
        "export: refusing to export data with errors (1 error); run `python -m dashboard validate`\n"
    )
    assert not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("args", [["--format", "gif"], ["--scale", "0"], ["--scale", "two"], []])
def test_usage_errors_exit_2(args, tmp_path: Path):
    from dashboard.cli import main

    argv = ["export", *args] if args == [] else ["export", "--out", str(tmp_path), *args]
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


def test_a_failed_write_leaves_no_temporary_or_half_file(tmp_path: Path, monkeypatch):
    calls = []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        os.rename(src, dst)

    monkeypatch.setattr(images.os, "replace", failing_replace)
    written = [images.Image("one.svg", b"<svg/>"), images.Image("two.svg", b"<svg/>")]
    with pytest.raises(images.ExportError, match=r"cannot write .*two\.svg: No space left on device"):
        images.write_images(tmp_path, written)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.svg"]


def test_an_existing_image_is_replaced_whole(tmp_path: Path):
    target = tmp_path / "briefing.svg"
    target.write_bytes(b"old")
    images.write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["briefing.svg"]


def test_the_real_sheet_renders_as_a_1920_by_1080_pdf(tmp_path: Path):
    # NOTE: svg2pdf refuses SVG nested too deep, which a sheet with stacked charts once was.
    paths = images.export(load_dataset(), tmp_path, "pdf")
    pdf = (tmp_path / "briefing.pdf").read_bytes()
    assert paths[-1] == tmp_path / "briefing.pdf"
    assert pdf.startswith(b"%PDF") and b"/MediaBox [0 0 1920 1080]" in pdf


def test_chosen_indicators_get_their_own_charts_and_every_skipped_chart_is_named(tmp_path: Path):
    out = tmp_path / "out"
    args = ("export", "--out", str(out), "--format", "svg", "--indicator", "graham_bill_tariff", "key_rate")
    result = run(*args, root=REAL_ROOT)
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in out.iterdir())
    assert "indicator-graham_bill_tariff.svg" in written and "briefing.svg" in written
    assert "indicator-key_rate.svg" not in written and "financial-stress.svg" not in written
    assert result.stderr.splitlines() == [
        "export: skipped financial-stress: none of the chosen indicators is in this chart",
        "export: skipped indicator-key_rate: fewer than two periods with a figure, so no chart over time",
    ]
    assert "Threatened US tariff on buyers of Russian energy (Graham bill) over time" in (
        out / "indicator-graham_bill_tariff.svg"
    ).read_text(encoding="utf-8")


def test_every_format_option_has_help():
    for command in ("validate", "data", "candidates", "export"):
        text = run(command, "--help", root=REAL_ROOT).stdout
        assert "--format" in text and re.search(r"--format \{[^}]+\}\n?\s+\S", text), command


def test_a_source_line_gives_the_curators_translation_beside_the_title():
    from tests.helpers import FIXTURES

    data = load_dataset(root=FIXTURES / "ru_project")
    assert headlines.source_lines(data, {"budget-2026-01": 1, "rate-2026-02": 2}) == [
        "[1] Минфин подвёл итоги исполнения бюджета за год (curator's translation: The Finance Ministry sums up the "
        "year's budget) — Тестовое агентство, 19 Jan 2026",
        "[2] Банк России снизил ключевую ставку и предупредил о рисках — Тестовое агентство, 13 Feb 2026",
    ]


def test_the_russian_sheet_svg_holds_its_cyrillic_titles_and_the_translation_as_text():
    from tests.helpers import FIXTURES

    data = load_dataset(root=FIXTURES / "ru_project")
    (svg,) = [i for i in images.build_images(data, "svg") if i.name == "briefing.svg"]
    text = svg.content.decode("utf-8")
    assert "[2] Минфин подвёл итоги исполнения бюджета за год (curator's translation: The Finance Ministry" in text
    assert "[1] Банк России снизил ключевую ставку и предупредил о рисках — Тестовое агентство, 13 Feb 2026" in text
    assert "Официальная инфляция" in text and "Убытки «Газпрома»" in text  # tiles keep the indicator's own name


def test_a_stale_headline_says_so_in_the_exported_images_and_the_same_today_gives_the_same_bytes(
    project: Path, tmp_path: Path
):
    shutil.copy(REPO / "tests" / "fixtures" / "cadence" / "indicators.yaml", project / "indicators.yaml")
    runs = []
    for name in ("first", "second"):
        result = run("export", "--out", str(tmp_path / name), "--format", "svg", "--today", "2026-12-02", root=project)
        assert result.returncode == 0, result.stderr
        runs.append({p.name: p.read_bytes() for p in sorted((tmp_path / name).iterdir())})
    assert runs[0] == runs[1]
    words = {name: html.unescape(content.decode()) for name, content in runs[0].items()}
    # the May 2025 key rate, set about every 45 days, is 19 calendar months old on 2 December 2026
    assert (
        "Stale, past the publisher's cadence: Key rate (May 2025 · 19 months old; updated about 8 times a year)."
        in (words["rates-prices.svg"])
    )
    assert "Stale: 19 months old" in words["briefing.svg"] and "updated about 8 times a year" in words["briefing.svg"]
    fresh = run("export", "--out", str(tmp_path / "fresh"), "--format", "svg", "--today", "2025-07-15", root=project)
    assert fresh.returncode == 0, fresh.stderr
    assert not any("Stale" in p.read_text() for p in (tmp_path / "fresh").iterdir())


def test_a_sheet_tile_of_a_converted_figure_keeps_its_period_in_the_indicators_unit(tmp_path: Path):
    # the Russian test project's fund figure, stated in трлн руб. under an indicator in млрд руб.
    root = tmp_path / "ru_project"
    shutil.copytree(FIXTURES / "ru_project", root)
    path = root / "indicators.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "    unit: трлн руб.\n    higher_is: better", "    unit: млрд руб.\n    higher_is: better"
    )
    path.write_text(text.replace("      - value: 3.394\n", "      - value: 3.394\n        unit: трлн руб.\n"), "utf-8")
    data = load_dataset(root)
    assert data.problems == []
    tiles, _ = headlines.build_tiles(observations_frame(data), {})
    fund = next(t for t in tiles if t.name == "Ликвидные активы ФНБ")
    assert (fund.value, fund.detail) == ("3,394", "млрд руб. · Period 1 Jan 2026")
