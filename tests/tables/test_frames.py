from pathlib import Path

import pandas as pd

from dashboard.records.dataset import load_dataset
from dashboard.tables.frames import OBSERVATION_COLUMNS, ancestors, mark_independent, observations_frame, problems_frame


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


def test_a_retelling_repeats_what_its_original_states_even_when_filtered_alone(project: Path):
    data = load_dataset(project)
    frame = observations_frame(data)
    assert frame[["indicator_id", "source", "independent"]].values.tolist() == [
        ["key_rate", "gazette-2025-05", True],
        ["key_rate", "retold-2025-05", False],
        ["official_inflation", "gazette-2025-05", True],
        ["gazprom_losses", "gazette-2025-05", True],
    ]
    alone = frame[frame["source"] == "retold-2025-05"]
    assert mark_independent(alone, data)["independent"].tolist() == [False]


def test_a_retelling_of_a_retelling_repeats_what_any_ancestor_states(project: Path):
    (project / "seeds" / "again.txt").write_text("Retold again: inflation is nearly 10 percent.\n", encoding="utf-8")
    with (project / "data" / "sources.yaml").open("a", encoding="utf-8") as out:
        out.write(
            "  - id: again-2025-05\n    file: seeds/again.txt\n    title: Again\n    derived_from: retold-2025-05\n"
            '    published: "2025-05-04"\n    published_basis: stated\n'
        )
    with (project / "indicators.yaml").open("a", encoding="utf-8") as out:
        out.write(
            "  - id: inflation_again\n    name: Inflation again\n    category: prices\n    unit: '%'\n"
            "    higher_is: worse\n    description: Only the retelling of the retelling states it.\n"
            "    observations:\n      - value: 10\n        qualifier: nearly\n        period: 2025-05\n"
            "        source: again-2025-05\n        quote: inflation is nearly 10 percent\n"
        )
    data = load_dataset(project)
    frame = observations_frame(data)
    again = frame[frame["source"] == "again-2025-05"]
    assert again["indicator_id"].tolist() == ["inflation_again"] and again["independent"].tolist() == [True]
    assert ancestors("again-2025-05", data) == ["retold-2025-05", "gazette-2025-05"]
    moved = again.assign(indicator_id="official_inflation")
    assert mark_independent(moved, data)["independent"].tolist() == [False]


def test_each_row_says_its_text_language_and_whether_it_was_stated_or_detected():
    from tests.helpers import FIXTURES

    frame = observations_frame(load_dataset(FIXTURES / "ru_project"))
    by_source = frame.drop_duplicates("source").set_index("source")
    assert by_source.loc["budget-2026-01", ["language", "language_basis"]].tolist() == ["ru", "stated"]
    assert by_source.loc["rate-2026-02", ["language", "language_basis"]].tolist() == ["ru", "detected"]


def test_each_row_carries_the_curators_translations_of_its_quote_and_title():
    from tests.helpers import FIXTURES

    frame = observations_frame(load_dataset(FIXTURES / "ru_project")).set_index("indicator_id")
    assert frame.loc["key_rate", "translation"] == "cut the key rate by 100 basis points, to 17% a year"
    assert frame.loc["nwf_liquid_assets", "title_translation"] == "The Finance Ministry sums up the year's budget"
    assert pd.isna(frame.loc["key_rate", "title_translation"])  # rate-2026-02 has no title_translation


def test_a_figure_in_another_scale_keeps_the_texts_value_and_gives_the_indicators(tmp_path):
    import shutil

    from tests.helpers import FIXTURES

    root = tmp_path / "ru_project"
    shutil.copytree(FIXTURES / "ru_project", root)
    shutil.copy(FIXTURES / "ru_valid" / "units.yaml", root / "indicators.yaml")
    data = load_dataset(root)
    assert data.problems == []
    row = observations_frame(data).set_index("indicator_id").loc["ofz_placement"]
    assert (row["value"], row["unit"]) == (4820, "трлн руб.")
    assert (row["stated_unit"], row["indicator_value"]) == ("млрд руб.", 4.82)
