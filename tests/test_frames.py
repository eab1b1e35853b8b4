from pathlib import Path

from dashboard.dataset import load_dataset
from dashboard.frames import OBSERVATION_COLUMNS, observations_frame, problems_frame


def test_one_row_per_observation_with_offsets(project: Path):
    data = load_dataset(project)
    frame = observations_frame(data)
    assert list(frame.columns) == OBSERVATION_COLUMNS
    assert len(frame) == 4 and frame["verified"].all()
    row = frame.iloc[0]
    text = data.texts[row["source"]].text
    assert text[row["quote_start"] : row["quote_end"]] == row["quote"]
    assert (row["period_start"], row["period_end"]) == ("2025-05-01", "2025-05-31")
    assert row["source_title"] == "Sample Gazette" and row["yaml_line"] == 10


def test_qualitative_rows_have_no_value(project: Path):
    frame = observations_frame(load_dataset(project))
    gazprom = frame[frame["indicator_id"] == "gazprom_losses"].iloc[0]
    assert gazprom["value"] is None or str(gazprom["value"]) == "<NA>"
    assert gazprom["status"] == "record losses"


def test_an_empty_load_gives_empty_frames_with_columns(tmp_path: Path):
    data = load_dataset(tmp_path)
    assert observations_frame(data).empty and list(observations_frame(data).columns) == OBSERVATION_COLUMNS
    problems = problems_frame(data)
    assert list(problems["code"]) == ["file-missing", "file-missing"]
