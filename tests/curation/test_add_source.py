"""add-source on a copy of the test project: saved pages in several charsets, refusals, dry run, the undo."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from dashboard.curation import add_source, transaction
from dashboard.curation.add_source import Request
from dashboard.problems import error
from dashboard.records.dataset import load_dataset
from tests.helpers import PAGES, saved_page

TODAY = dt.date(2025, 6, 14)
LEDGER_ENTRY = """
  # added by add-source on 2025-06-14 from en_opengraph.html: title from <meta property=og:title>;
  # publisher from <meta property=og:site_name>; author from <meta name=author>;
  # published from <meta property=article:published_time>; url from <meta property=og:url>;
  # language detected from the text.
  - id: ledger-tribune-2025-06
    file: seeds/000_ledger-tribune-2025-06.txt
    title: "Russia's reserve fund thins as oil revenue falls"
    publisher: "The Ledger Tribune"
    author: "Jane Marlow"
    published: "2025-06-12"
    published_basis: stated
    url: "https://ledger-tribune.example/world/2025/06/reserve-fund-thins"
    retrieved: "2025-06-14"
    language: en
"""
LEDGER_TEXT = (
    "Russia's reserve fund thins as oil revenue falls\n"
    "Russia's National Welfare Fund has lost more than half of its liquid assets since the start of the war, "
    "according to finance ministry figures published on Wednesday.\n"
    "The fund's liquid part stood at 2.8 trillion roubles as of June 1, down from 3.3 trillion roubles in May, "
    "the ministry said.\n"
    "Officials expect the budget deficit to reach 1.7 percent of GDP this year, as oil and gas revenue fell by "
    "35 percent in the first five months.\n"
    "Economists warned that the fund could be exhausted within two years if oil prices stay low.\n"
)


def run(root: Path, target: Path | str, **options) -> add_source.Outcome:
    return add_source.add_source(Request(str(target), **options), root, today=TODAY)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under the project, temporary ones included, by its path."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_an_english_page_becomes_a_stored_text_a_checksum_and_an_entry(project: Path) -> None:
    page = PAGES / "en_opengraph.html"
    before = (project / "data" / "sources.yaml").read_bytes()
    outcome = run(project, page)
    assert (outcome.code, outcome.err, outcome.source) == (0, [], "ledger-tribune-2025-06")
    stored = project / "seeds" / "000_ledger-tribune-2025-06.txt"
    assert stored.read_text(encoding="utf-8") == LEDGER_TEXT
    after = (project / "data" / "sources.yaml").read_bytes()
    assert after == before + LEDGER_ENTRY.encode()
    digest = hashlib.sha256(LEDGER_TEXT.encode()).hexdigest()
    assert (project / "data" / "seeds.sha256").read_text() == f"{digest}  seeds/000_ledger-tribune-2025-06.txt\n"
    assert outcome.out[0] == (
        "added seeds/000_ledger-tribune-2025-06.txt as source 'ledger-tribune-2025-06' (English); "
        "check its entry in data/sources.yaml"
    )
    # NOTE: each candidate's line is followed by its suggestions, worked out against the project's indicators.
    money = 'seeds/000_ledger-tribune-2025-06.txt:3:33: money: "2.8 trillion roubles"'
    at = next(i for i, line in enumerate(outcome.out) if money in line)
    assert outcome.out[at + 1].startswith("  suggested: ") and "period 2025-06" in outcome.out[at + 1]
    assert outcome.out[-2] == "coverage: 0 of 6 figure mentions cited (0.0%); 0 dismissed, 6 candidates"
    data = load_dataset(project)
    assert data.errors == [] and data.sources["ledger-tribune-2025-06"].url.endswith("/reserve-fund-thins")


@pytest.mark.parametrize(
    ("name", "encoding", "sid", "first_line", "origin"),
    [
        ("ru_jsonld.html", "windows-1251", "delovoi-vestnik-2025-03", "Ликвидная часть ФНБ", "JSON-LD headline"),
        ("ru_koi8_opengraph.html", "koi8-r", "finansovyi-obozrevatel-2025-09", "Просроченная", "og:title"),
        ("ru_no_charset.html", "windows-1251", "energetika-segodnia-2025-05", "Газпром второй год", "og:title"),
        ("ru_jsonld.html", "utf-8", "delovoi-vestnik-2025-03", "Ликвидная часть ФНБ", "JSON-LD headline"),
    ],
)
def test_russian_pages_are_read_in_their_charset_and_stored_as_utf8(
    project: Path, tmp_path: Path, name: str, encoding: str, sid: str, first_line: str, origin: str
) -> None:
    outcome = run(project, saved_page(name, encoding, tmp_path))
    assert (outcome.code, outcome.source) == (0, sid), outcome.err
    text = (project / "seeds" / f"000_{sid}.txt").read_text(encoding="utf-8")
    assert text.startswith(first_line) and "Читайте также" not in text and "cookie" not in text
    entry = (project / "data" / "sources.yaml").read_text(encoding="utf-8")
    assert origin in entry and entry.endswith('    retrieved: "2025-06-14"\n    language: ru\n')
    assert load_dataset(project).errors == []


def test_a_plain_text_in_windows_1251_is_stored_as_utf8_with_unix_lines(project: Path, tmp_path: Path) -> None:
    path = tmp_path / "rosstat.txt"
    path.write_bytes((PAGES / "ru_plain.txt").read_bytes().decode("utf-8").encode("windows-1251"))
    outcome = run(project, path, title="Инфляция в мае", published="2025-06-11", sid="rosstat-2025-06")
    assert outcome.code == 0, outcome.err
    stored = (project / "seeds" / "000_rosstat-2025-06.txt").read_bytes()
    assert b"\r" not in stored and stored.decode("utf-8").splitlines()[1].startswith("Инфляция в России в мае 2025")
    entry = (project / "data" / "sources.yaml").read_text(encoding="utf-8")
    assert '    title: "Инфляция в мае"\n    title_basis: supplied\n' in entry
    assert '    published_basis: inferred\n    published_reason: "given by the curator"\n' in entry


def test_a_page_that_states_no_headline_or_date_is_refused_until_the_curator_gives_them(project: Path) -> None:
    page = PAGES / "en_no_metadata.html"
    before = snapshot(project)
    outcome = run(project, page)
    assert outcome.code == 1 and snapshot(project) == before
    assert outcome.err == [
        f"{page}: error[missing-metadata]: the page states no headline (og:title, JSON-LD headline, twitter:title) "
        "and no publication date (article:published_time, JSON-LD datePublished, <meta name=date>); "
        "give --title 'THE HEADLINE' and --published YYYY-MM-DD"
    ]
    outcome = run(project, page, title="Deficit widens again", published="2025-07-04")
    assert (outcome.code, outcome.source) == (0, "source-2025-07")
    entry = (project / "data" / "sources.yaml").read_text()
    assert "publisher" not in entry.split("source-2025-07")[1] and "author" not in entry.split("source-2025-07")[1]


@pytest.mark.parametrize("name", ["en_home_page.html", "en_paywall.html"])
def test_a_page_without_an_article_is_refused(project: Path, name: str) -> None:
    before = snapshot(project)
    outcome = run(project, PAGES / name)
    assert outcome.code == 1 and snapshot(project) == before
    assert outcome.err == [
        f"{PAGES / name}: error[not-an-article]: the page holds no sentence of an article (a home page, a menu or a "
        "paywall notice?); save the article's own page and add that"
    ]


def test_a_text_already_stored_is_refused_by_name(project: Path) -> None:
    assert run(project, PAGES / "en_opengraph.html").code == 0
    before = snapshot(project)
    outcome = run(project, PAGES / "en_opengraph.html")
    assert outcome.code == 1 and snapshot(project) == before
    assert outcome.err == [
        f"{PAGES / 'en_opengraph.html'}: error[duplicate-text]: this text is already stored as "
        "seeds/000_ledger-tribune-2025-06.txt (source 'ledger-tribune-2025-06'); nothing to add"
    ]


def test_a_second_page_of_the_same_month_gets_the_next_number_and_a_unique_id(project: Path, tmp_path: Path) -> None:
    assert run(project, PAGES / "en_opengraph.html").code == 0
    other = tmp_path / "other.html"
    html = (PAGES / "en_opengraph.html").read_text().replace("two years", "eighteen months")
    other.write_text(html)
    outcome = run(project, other)
    assert (outcome.code, outcome.source) == (0, "ledger-tribune-2025-06-2")
    assert (project / "seeds" / "001_ledger-tribune-2025-06-2.txt").exists()
    taken = run(project, saved_page("ru_jsonld.html", "utf-8", tmp_path), sid="ledger-tribune-2025-06")
    assert taken.err[0].endswith(
        "error[duplicate-id]: source id 'ledger-tribune-2025-06' is already in data/sources.yaml; "
        "choose another with --id"
    )


def test_every_existing_byte_of_sources_yaml_is_kept(project: Path) -> None:
    sources = project / "data" / "sources.yaml"
    odd = "# A curator's comment, kept.\nsources:\n    - id: 'gazette-2025-05'   # single-quoted, deeper\n"
    deeper = sources.read_text().replace("\n  ", "\n    ")
    original = deeper.replace("sources:\n    - id: gazette-2025-05\n", odd).rstrip("\n")
    sources.write_text(original)  # and no newline at the end
    assert run(project, PAGES / "en_opengraph.html").code == 0
    after = sources.read_text()
    assert after.startswith(original + "\n\n    # added by add-source")
    assert "\n    - id: ledger-tribune-2025-06\n      file: seeds/000_" in after


def test_a_sources_yaml_that_does_not_parse_is_refused_first(project: Path) -> None:
    sources = project / "data" / "sources.yaml"
    sources.write_text(sources.read_text() + "  - id: [unclosed\n")
    before = snapshot(project)
    outcome = run(project, PAGES / "en_opengraph.html")
    assert outcome.code == 1 and snapshot(project) == before
    assert outcome.err[0].startswith("data/sources.yaml:18:")
    assert outcome.err[0].endswith("; fix it first, then add the source")


def test_a_dry_run_prints_what_it_would_write_and_writes_nothing(project: Path) -> None:
    before = snapshot(project)
    outcome = run(project, PAGES / "en_opengraph.html", dry_run=True)
    assert outcome.code == 0 and snapshot(project) == before
    assert outcome.out[0] == "would write seeds/000_ledger-tribune-2025-06.txt (5 lines, 575 bytes):"
    assert outcome.out[1] == "    Russia's reserve fund thins as oil revenue falls"
    assert outcome.out[6:21] == ["would append to data/sources.yaml:", *LEDGER_ENTRY.strip("\n").splitlines()]
    digest = hashlib.sha256(LEDGER_TEXT.encode()).hexdigest()
    assert outcome.out[-3:] == [
        "would append to data/seeds.sha256:",
        f"{digest}  seeds/000_ledger-tribune-2025-06.txt",
        "dry run: nothing was written",
    ]


def test_problems_elsewhere_are_reported_but_do_not_block(project: Path) -> None:
    indicators = project / "indicators.yaml"
    indicators.write_text(indicators.read_text().replace("quote: ", "quote: Not in the text at all. ", 1))
    outcome = run(project, PAGES / "en_opengraph.html")
    assert outcome.code == 0
    assert outcome.err == ["note: elsewhere in the project, 1 error; run `python -m dashboard validate`"]


def test_an_error_in_the_new_entry_found_by_validation_undoes_the_add(project: Path, monkeypatch) -> None:
    real = add_source.load_dataset

    def broken(root: Path):
        data = real(root)
        data.problems.append(error("source-changed", "seeds/000_ledger-tribune-2025-06.txt", None, None, "changed"))
        return data

    monkeypatch.setattr(add_source, "load_dataset", broken)
    before = snapshot(project)
    outcome = run(project, PAGES / "en_opengraph.html")
    assert outcome.code == 1 and snapshot(project) == before
    assert outcome.err == [
        "seeds/000_ledger-tribune-2025-06.txt: error[source-changed]: changed",
        "add-source: the new entry or its text has the errors above; undone, nothing changed",
    ]


#: The writes in order: the text (a temporary file, then its link), the checksums, then sources.yaml.
STEPS = ["text", "checksums", "sources.yaml"]


@pytest.mark.parametrize("step", range(len(STEPS)), ids=STEPS)
@pytest.mark.parametrize("where", ["_write_temp", "publish"])
def test_a_failure_at_any_write_leaves_every_file_as_it_was(project: Path, monkeypatch, step: int, where: str) -> None:
    calls = {"n": 0}
    names = ["_write_temp"] if where == "_write_temp" else ["_publish", "_publish_new"]
    for name in names:
        real = getattr(transaction, name)

        def failing(*args, _real=real):
            calls["n"] += 1
            if calls["n"] == step + 1:
                raise OSError(28, "No space left on device", str(args[-1]))
            return _real(*args)

        monkeypatch.setattr(transaction, name, failing)
    before = snapshot(project)
    outcome = run(project, PAGES / "en_opengraph.html")
    assert outcome.code == 1 and snapshot(project) == before
    assert "error[write-failed]: could not write" in outcome.err[0]
    assert outcome.err[0].endswith(": No space left on device; nothing was changed")


def test_an_interrupt_during_validation_undoes_the_writes_and_goes_on(project: Path, monkeypatch) -> None:
    def interrupted(root: Path):
        raise KeyboardInterrupt

    monkeypatch.setattr(add_source, "load_dataset", interrupted)
    before = snapshot(project)
    with pytest.raises(KeyboardInterrupt):
        run(project, PAGES / "en_opengraph.html")
    assert snapshot(project) == before
