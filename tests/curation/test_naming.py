"""Source ids from the publisher and month, unique; stored texts numbered after the highest in use."""

from __future__ import annotations

from pathlib import Path

from dashboard.curation.naming import host_name, seed_file, slug, source_id


def test_a_publisher_is_transliterated_into_an_id_and_made_unique() -> None:
    assert slug("РБК") == "rbk"
    assert slug("«Деловой вестник»") == "delovoi-vestnik"
    assert slug("The Ledger Tribune") == "ledger-tribune"
    assert source_id("RBC", "2025-03-14", []) == "rbc-2025-03"
    assert source_id("RBC", "2025-03-14", ["rbc-2025-03", "rbc-2025-03-2"]) == "rbc-2025-03-3"
    assert source_id(None, "2025-03-14", []) == "source-2025-03"
    assert host_name("https://www.rbc.ru/economics/1") == "rbc"


def test_a_stored_text_takes_the_next_free_number(tmp_path: Path) -> None:
    assert seed_file(tmp_path, "rbc-2025-03").name == "000_rbc-2025-03.txt"
    for name in ("000_a.txt", "004_b.txt", "notes.txt"):
        (tmp_path / name).write_text("x")
    assert seed_file(tmp_path, "rbc-2025-03").name == "005_rbc-2025-03.txt"
