import codecs
import gc
import hashlib
import shutil
from pathlib import Path

import pytest

from dashboard import paths
from dashboard.records.dataset import load_dataset
from dashboard.tables.frames import observations_frame
from tests.helpers import FIXTURES, expectations

INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
INVALID_SOURCES = sorted((FIXTURES / "invalid_sources").glob("*.yaml"))
#: Problems only a Russian text raises (untranslated-quote) have their fixture in the Russian test project.
RU_INVALID = sorted((FIXTURES / "ru_invalid").glob("*.yaml"))
HOSTILE = sorted((FIXTURES / "hostile").rglob("*.yaml"))
#: A disagreement needs two independent texts, so its fixture has a test project of its own (test_disagreements.py).
DISAGREE_INVALID = sorted((FIXTURES / "disagree_invalid").glob("*.yaml"))


@pytest.fixture(scope="module")
def real():
    """The real data, loaded once when a test first asks for it (never while tests are collected)."""
    return load_dataset(paths.ROOT)


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    """A writable copy of the real project, for edits the real files must never see."""
    root = tmp_path / "real"
    shutil.copytree(paths.ROOT / "data", root / "data")
    shutil.copytree(paths.ROOT / "seeds", root / "seeds")
    shutil.copy(paths.indicators_path(), root / "indicators.yaml")
    return root


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


@pytest.mark.parametrize("indicators", [None, *INVALID, *HOSTILE], ids=lambda p: p.stem if p else "real")
def test_a_load_and_its_table_hold_no_reference_cycle(indicators: Path | None):
    # app.py freezes what a load builds (gc.freeze); with no cycle in it, reference counting still frees all of it.
    root = paths.ROOT if indicators is None else FIXTURES / "project"
    gc.collect()
    gc.disable()
    try:
        data = load_dataset(root, indicators=indicators)
        frame = observations_frame(data)
        assert data.records or data.problems
        del data, frame
        assert gc.collect() == 0
    finally:
        gc.enable()


@pytest.mark.parametrize("fixture", INVALID_SOURCES, ids=lambda p: p.stem)
def test_invalid_sources_fixture(project: Path, fixture: Path):
    shutil.copy(fixture, project / "data" / "sources.yaml")
    data = load_dataset(project)
    for code, line in expectations(fixture):
        assert (code, line) in found(data), [p.format() for p in data.problems]


def test_every_problem_code_has_a_fixture():
    from dashboard.problems import CODES

    every = INVALID + INVALID_SOURCES + HOSTILE + RU_INVALID + DISAGREE_INVALID
    covered = {code for path in every for code, _ in expectations(path)}
    # These need a file system state rather than a file's content; tests below and in test_loading hold them.
    elsewhere = {"file-missing", "file-unreadable", "too-large", "source-changed", "not-a-file"}
    # add-source's refusals are about its input, not the project's files: tests/curation/test_add_source.py and
    # test_fetch.py hold each of them.
    elsewhere |= {"unsupported-input", "fetch-failed", "not-a-page", "not-an-article", "missing-metadata"}
    elsewhere |= {"duplicate-text", "write-failed"}
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


def test_records_citing_a_changed_text_are_unverified_even_when_their_quotes_still_fit(project: Path):
    sample = project / "seeds" / "sample.txt"
    digest = hashlib.sha256(sample.read_bytes()).hexdigest()
    (project / "data" / "seeds.sha256").write_text(f"{digest}  seeds/sample.txt\n", encoding="utf-8")
    sample.write_bytes(sample.read_bytes().replace(b"Sample Gazette", b"Sample Gazette, revised"))
    data = load_dataset(project)
    assert [(r.indicator.id, r.observation.source, r.verified) for r in data.records] == [
        ("key_rate", "gazette-2025-05", False),
        ("key_rate", "retold-2025-05", True),
        ("official_inflation", "gazette-2025-05", False),
        ("gazprom_losses", "gazette-2025-05", False),
    ]
    assert data.changed == {"gazette-2025-05"}
    assert next(p.format() for p in data.problems if p.file == "indicators.yaml") == (
        "indicators.yaml:12:17: error[source-changed]: indicator 'key_rate', observation 1: stored text "
        "seeds/sample.txt has changed since it was curated (data/sources.yaml:2), so this record is not verified; "
        "restore the text from git"
    )
    assert found(data) == {
        ("source-changed", 3),
        ("source-changed", 12),
        ("source-changed", 28),
        ("source-changed", 39),
    }


# The checks added for holes a reviewer found: each fixture's whole report, as `validate` prints it.
@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "qualifier-unsupported",
            "indicators.yaml:12:20: warning[qualifier-unsupported]: indicator 'key_rate', observation 1: qualifier is "
            "'about', but no hedge word stands before '21' in the text; set qualifier: exact, or quote the words "
            "that hedge it",
        ),
        (
            "sign-mismatch",
            "indicators.yaml:49:16: warning[sign-mismatch]: indicator 'nwf_liquid_assets', observation 1: the text "
            "says 'shrunk' before '60' (a fall), but value is 60; a decline is a negative value, a rise a positive one",
        ),
        (
            "ambiguous-quote",
            "indicators.yaml:45:16: warning[ambiguous-quote]: indicator 'gazprom_losses', observation 2: the quote "
            "fits seeds/sample.txt at line 2 and again at line 3; the first is cited, so lengthen the quote until it "
            "fits one place",
        ),
        (
            "value-after-omission",
            "indicators.yaml:11:16: error[value-not-in-quote]: indicator 'key_rate', observation 1: value 10 stands "
            "right after '…' in the quote, so the words that say what it counts are left out; quote them too",
        ),
        (
            "number-cut-short",
            "indicators.yaml:49:16: error[value-not-in-quote]: indicator 'nwf_liquid_assets', observation 1: value 1 "
            "does not appear in the quote; quote the words that state it, or say how you got it in 'derived'",
        ),
    ],
)
def test_what_a_checked_record_reports(project: Path, fixture: str, expected: str):
    shutil.copy(FIXTURES / "invalid" / f"{fixture}.yaml", project / "indicators.yaml")
    data = load_dataset(project)
    assert [p.format() for p in data.problems] == [expected]
    # A warning keeps its record verified; an error does not.
    assert all(r.verified for r in data.records) == expected.split(": ")[1].startswith("warning")


def test_an_elided_quote_cannot_join_two_sentences(real_copy: Path):
    # The reviewer's case: the key rate given Sberbank's 16.1 percent by eliding across a sentence end.
    path = real_copy / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    typed = (
        "value: 16.1\n        qualifier: exact\n        period: 2025-05\n        source: wapo-2025-05\n"
        '        quote: "…sky-high interest rates of … 16.1 percent of that portfolio."'
    )
    start = text.index("value: 21\n        qualifier: exact\n        period: 2025-05\n        source: wapo-2025-05")
    end = text.index("\n", text.index("quote:", start))
    path.write_text(text[:start] + typed + text[end:], encoding="utf-8")
    data = load_dataset(real_copy)
    assert [p.format() for p in data.problems] == [
        "indicators.yaml:74:16: error[quote-not-found]: indicator 'key_rate', observation 1: quote not found in "
        "seeds/001_ec0ce2dff5c88c0f.txt: the words around '…' are there, but its pieces stand in different "
        "sentences; an omission may leave out words within a sentence, never join two sentences"
    ]
    assert not next(r for r in data.records if r.indicator.id == "key_rate").verified


def test_an_elided_quote_within_a_sentence_keeps_each_pieces_span(real_copy: Path):
    path = real_copy / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("Central bank efforts to combat inflation with sky-high")
    end = text.index('"', start)
    path.write_text(text[:start] + "Central bank efforts … with sky-high interest rates of 21 percent" + text[end:])
    data = load_dataset(real_copy)
    assert data.problems == []
    record = next(r for r in data.records if r.indicator.id == "key_rate")
    stored = data.texts["wapo-2025-05"].text
    assert record.verified and record.citation.match == "normalised"
    assert [stored[a:b] for a, b in record.citation.spans] == [
        "Central bank efforts",
        "with sky-high interest rates of 21 percent",
    ]
    assert (record.citation.start, record.citation.end) == (record.citation.spans[0][0], record.citation.spans[1][1])


def test_indicators_path_can_be_given(project: Path, tmp_path: Path):
    other = tmp_path / "mine.yaml"
    shutil.copy(project / "indicators.yaml", other)
    data = load_dataset(project, other)
    assert data.indicators_file == str(other) and data.problems == []


# Every real record is a test case: each observation validates and its quote is found where it says.
# NOTE: one test walks them all (naming each failure), so that collecting the suite loads nothing.
def test_every_real_observation_is_verified(real):
    failing = []
    for record in real.records:
        text = real.texts[record.observation.source].text if record.citation else ""
        cited = text[record.citation.start : record.citation.end] if record.citation else None
        if not record.verified or not (cited == record.observation.quote or record.citation.match == "normalised"):
            failing.append(f"{record.indicator.id}[{record.index + 1}]")
    assert failing == []
    assert len(real.records) >= 58


def test_real_data_has_no_problems(real):
    assert [p.format() for p in real.problems] == []


def test_every_real_source_backs_at_least_one_record(real):
    cited = {r.observation.source for r in real.records}
    assert sorted(set(real.sources) - cited) == []


@pytest.mark.parametrize(
    ("indicator_id", "value", "qualifier"),
    [
        ("official_inflation", 10, "nearly"),
        ("key_rate", 21, "exact"),
        ("sberbank_overdue_consumer_loans", 16.1, "exact"),
        ("nwf_liquid_assets", -60, "about"),
    ],
)
def test_headline_figures(real, indicator_id, value, qualifier):
    obs = next(r.observation for r in real.records if r.indicator.id == indicator_id)
    assert (obs.value, obs.qualifier) == (value, qualifier)


def test_gazprom_losses_are_qualitative(real):
    obs = next(r.observation for r in real.records if r.indicator.id == "gazprom_losses")
    assert obs.value is None and obs.status == "record losses"


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_a_stored_texts_checksum_is_that_of_its_text(project: Path, bom: bytes):
    # The loader hashes each file once; with a byte-order mark, which the text drops, the text's own bytes differ.
    sample = project / "seeds" / "sample.txt"
    sample.write_bytes(bom + sample.read_bytes())
    digest = hashlib.sha256(sample.read_bytes()).hexdigest()
    (project / "data" / "seeds.sha256").write_text(f"{digest}  seeds/sample.txt\n", encoding="utf-8")
    data = load_dataset(project)
    assert data.problems == []  # data/seeds.sha256 holds the file's checksum, mark and all
    stored = data.texts["gazette-2025-05"]
    assert stored.sha256 == hashlib.sha256(stored.text.encode("utf-8")).hexdigest()
    assert (stored.sha256 == hashlib.sha256(sample.read_bytes()).hexdigest()) is (bom == b"")
