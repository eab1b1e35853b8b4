import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, expectations

from dashboard import paths
from dashboard.dataset import load_dataset

INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
INVALID_SOURCES = sorted((FIXTURES / "invalid_sources").glob("*.yaml"))
HOSTILE = sorted((FIXTURES / "hostile").rglob("*.yaml"))
REAL = load_dataset(paths.ROOT)


def found(data):
    return {(p.code, p.line) for p in data.problems}


def test_the_valid_fixture_has_no_problems(project: Path):
    data = load_dataset(project)
    assert data.problems == []
    assert [r.verified for r in data.records] == [True, True, True, True]
    assert data.as_of == "2025-05-03"


@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: p.stem)
def test_invalid_indicators_fixture(project: Path, fixture: Path):
    shutil.copy(fixture, project / "indicators.yaml")
    data = load_dataset(project)
    for code, line in expectations(fixture):
        assert (code, line) in found(data), [p.format() for p in data.problems]


@pytest.mark.parametrize("fixture", INVALID_SOURCES, ids=lambda p: p.stem)
def test_invalid_sources_fixture(project: Path, fixture: Path):
    shutil.copy(fixture, project / "data" / "sources.yaml")
    data = load_dataset(project)
    for code, line in expectations(fixture):
        assert (code, line) in found(data), [p.format() for p in data.problems]


def test_every_problem_code_has_a_fixture():
    from dashboard.problems import CODES

    covered = {code for path in INVALID + INVALID_SOURCES + HOSTILE for code, _ in expectations(path)}
    # These need a file system state rather than a file's content; tests below and in test_loading hold them.
    elsewhere = {"file-missing", "file-unreadable", "too-large", "source-changed"}
    assert set(CODES) - covered - elsewhere == set()


def test_bad_records_do_not_hide_good_ones(project: Path):
    path = project / "indicators.yaml"
    text = path.read_text().replace("at 21 percent", "at 22 percent").replace("category: prices", "category: price")
    path.write_text(text)
    data = load_dataset(project)
    assert {(p.code, p.line) for p in data.problems} == {("quote-not-found", 13), ("invalid-value", 20)}
    assert [i.id for i in data.indicators] == ["key_rate", "gazprom_losses"]
    assert [r.verified for r in data.records] == [False, True, True]


def test_a_source_text_that_is_not_utf8(project: Path):
    (project / "seeds" / "sample.txt").write_bytes(b"caf\xe9 21 percent\n")
    data = load_dataset(project)
    assert ("not-utf8", 1) in found(data)
    assert not any(r.verified for r in data.records if r.observation.source == "gazette-2025-05")


def test_a_stored_text_changed_after_curation_fails_its_quotes(project: Path):
    path = project / "seeds" / "sample.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("21 percent", "20 percent"), encoding="utf-8")
    data = load_dataset(project)
    assert ("quote-not-found", 13) in found(data)


def test_indicators_path_can_be_given(project: Path, tmp_path: Path):
    other = tmp_path / "mine.yaml"
    shutil.copy(project / "indicators.yaml", other)
    data = load_dataset(project, other)
    assert data.indicators_file == str(other) and data.problems == []


# Every real record is a test case: each observation validates and its quote is found where it says.
@pytest.mark.parametrize("record", REAL.records, ids=lambda r: f"{r.indicator.id}[{r.index + 1}]")
def test_real_observation_is_verified(record):
    assert record.verified
    text = REAL.texts[record.observation.source].text
    cited = text[record.citation.start : record.citation.end]
    assert cited == record.observation.quote or record.citation.match == "normalised"


def test_real_data_has_no_problems():
    assert [p.format() for p in REAL.problems] == []


@pytest.mark.parametrize("source_id", sorted(REAL.sources))
def test_real_source_backs_at_least_one_record(source_id):
    assert any(r.observation.source == source_id for r in REAL.records)


@pytest.mark.parametrize(
    ("indicator_id", "value", "qualifier"),
    [
        ("official_inflation", 10, "nearly"),
        ("key_rate", 21, "exact"),
        ("sberbank_overdue_consumer_loans", 16.1, "exact"),
        ("nwf_liquid_assets", -60, "about"),
    ],
)
def test_headline_figures(indicator_id, value, qualifier):
    obs = next(r.observation for r in REAL.records if r.indicator.id == indicator_id)
    assert (obs.value, obs.qualifier) == (value, qualifier)


def test_gazprom_losses_are_qualitative():
    obs = next(r.observation for r in REAL.records if r.indicator.id == "gazprom_losses")
    assert obs.value is None and obs.status == "record losses"
