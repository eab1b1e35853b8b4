import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from dashboard import paths
from dashboard.cli import render_schema
from dashboard.records.dataset import load_dataset
from dashboard.records.schema import IndicatorsFile, Observation, SourcesFile, json_schema, period_bounds
from tests.helpers import FIXTURES


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("2025", "2025-01-01", "2025-12-31"),
        ("2025-Q1", "2025-01-01", "2025-03-31"),
        ("2024-Q4", "2024-10-01", "2024-12-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2025-05-02", "2025-05-02", "2025-05-02"),
        ("2022-02..2025-02", "2022-02-01", "2025-02-28"),
    ],
)
def test_period_bounds(period, start, end):
    assert period_bounds(period) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


@pytest.mark.parametrize("period", ["2025-13", "2025-02-30", "2025-Q5", "25", "May 2025", "2025-03..2024-01", "2025-5"])
def test_bad_periods_are_refused(period):
    with pytest.raises(ValidationError) as info:
        Observation(value=1, period=period, source="s", quote="q")
    assert info.value.errors()[0]["type"] in {"bad_period", "string_pattern_mismatch"}


def test_a_bare_year_read_as_a_number_is_a_period():
    assert Observation(value=1, period=2025, source="s", quote="q").period == "2025"


def test_qualitative_observation_needs_status():
    with pytest.raises(ValidationError) as info:
        Observation(period="2025", source="s", quote="q")
    assert info.value.errors()[0]["type"] == "missing_status"
    assert Observation(period="2025", source="s", quote="q", status="record losses").value is None


def test_value_refuses_text_and_booleans():
    for bad in ("twenty", True):
        with pytest.raises(ValidationError):
            Observation(value=bad, period="2025", source="s", quote="q")


def test_schema_is_draft7_with_definitions():
    schema = json_schema(IndicatorsFile)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(schema)
    observation = schema["definitions"]["Observation"]
    assert observation["additionalProperties"] is False
    assert set(observation["required"]) == {"period", "source", "quote"}
    category = schema["definitions"]["Indicator"]["properties"]["category"]
    assert category["enum"] == ["prices", "monetary", "banking", "fiscal", "reserves", "energy", "sanctions", "war"]


@pytest.mark.parametrize(
    ("model", "path"), [(IndicatorsFile, paths.schema_path()), (SourcesFile, paths.sources_schema_path())]
)
def test_committed_schema_is_current(model, path):
    assert path.read_text(encoding="utf-8") == render_schema(model), "stale schema: run `make schema`"


@pytest.mark.parametrize("given", ["0", "-45", "45.5", '"45"', "true", "[45]"])
def test_an_update_period_is_a_whole_number_of_days_above_zero(project: Path, given: str):
    text = (FIXTURES / "cadence" / "indicators.yaml").read_text(encoding="utf-8")
    (project / "indicators.yaml").write_text(text.replace("update_period_days: 45", f"update_period_days: {given}"))
    (problem,) = load_dataset(project).problems
    assert (problem.code, problem.line) == ("bad-update-period", 10)
    assert problem.message.endswith("is not a whole number of days above zero (e.g. 45 for eight times a year)")


def test_an_update_period_loads_and_the_schema_says_it_is_a_positive_integer(project: Path):
    shutil.copy(FIXTURES / "cadence" / "indicators.yaml", project / "indicators.yaml")
    data = load_dataset(project)
    assert data.problems == [] and {i.id: i.update_period_days for i in data.indicators}["key_rate"] == 45
    field = json_schema(IndicatorsFile)["definitions"]["Indicator"]["properties"]["update_period_days"]
    assert {"type": "integer", "minimum": 1} in field["anyOf"]
