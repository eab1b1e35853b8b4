"""The download table and spreadsheet-safe CSV: what an analyst opening the file gets."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.records.dataset import load_dataset
from dashboard.tables.downloads import EXPORT_COLUMNS, csv_bytes, export_table, neutralise_cell
from dashboard.tables.frames import observations_frame
from tests.helpers import REPO

ROOT = REPO


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=1", "a=1"),
        ("−60", "−60"),  # the typographic minus of a shown value starts no formula
        (-60.0, -60.0),
        (None, None),
    ],
)
def test_a_cell_that_would_start_a_formula_gets_an_apostrophe(cell, written):
    assert neutralise_cell(cell) == written


def test_csv_keeps_numbers_and_quotes_formulas(project: Path):
    data = load_dataset(project)
    frame = observations_frame(data)
    frame = frame[frame["verified"]].reset_index(drop=True)
    frame.loc[0, "note"] = "=cmd|' /C calc'!A0"
    table = pd.read_csv(io.BytesIO(csv_bytes(export_table(frame, data))), dtype=str, keep_default_na=False)
    assert table.columns.tolist() == EXPORT_COLUMNS
    assert table.loc[0, "note"] == "'=cmd|' /C calc'!A0"
    # NOTE: whole numbers as integers, and the hedge as the text's word.
    assert table["value"].tolist() == ["21", "21", "10", ""]
    assert table["shown"].tolist() == ["21%", "21%", "nearly 10%", "record losses"]


def test_data_command_csv_quotes_formulas(project: Path):
    path = project / "indicators.yaml"
    text = path.read_text("utf-8").replace("name: Key rate", "name: '@SUM(1+1)'")
    path.write_text(text, "utf-8")
    env = {**os.environ, "DASHBOARD_ROOT": str(project)}
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "data", "--format", "csv"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(io.StringIO(done.stdout), dtype=str, keep_default_na=False)
    assert table.loc[table["indicator_id"] == "key_rate", "indicator"].tolist() == ["'@SUM(1+1)"] * 2
    assert table.loc[table["indicator_id"] == "key_rate", "value"].tolist() == ["21", "21"]


def test_every_csv_gives_the_curators_translations_in_their_own_columns(tmp_path: Path):
    from tests.helpers import FIXTURES

    root = tmp_path / "ru"
    shutil.copytree(FIXTURES / "ru_project", root)
    shutil.copy(FIXTURES / "ru_invalid" / "untranslated-quote.yaml", root / "indicators.yaml")
    data = load_dataset(root)
    written = pd.read_csv(io.BytesIO(csv_bytes(export_table(observations_frame(data), data))))
    for column in ("translation_by_curator", "title_translation_by_curator"):
        assert column in written.columns
    assert EXPORT_COLUMNS.index("translation_by_curator") == EXPORT_COLUMNS.index("quote") + 1
    assert EXPORT_COLUMNS.index("title_translation_by_curator") == EXPORT_COLUMNS.index("source_title") + 1
    rows = written.set_index("indicator_id")
    assert rows.loc["key_rate", "quote"] == "снизил ключевую ставку на 100 б.п., до 17% годовых"
    assert rows.loc["key_rate", "translation_by_curator"] == "cut the key rate by 100 basis points, to 17% a year"
    assert pd.isna(rows.loc["nwf_liquid_assets", "translation_by_curator"])  # the one left untranslated
    assert rows.loc["nwf_liquid_assets", "title_translation_by_curator"] == (
        "The Finance Ministry sums up the year's budget"
    )
    assert pd.isna(rows.loc["key_rate", "title_translation_by_curator"])
