"""Only what a page's markup states is read, each field with its origin; nothing is guessed from the body."""

from __future__ import annotations

from dashboard.curation.metadata import read_metadata
from tests.helpers import PAGES


def test_open_graph_and_meta_tags_are_read_with_their_origin() -> None:
    meta = read_metadata((PAGES / "en_opengraph.html").read_text())
    assert meta.values == {
        "title": "Russia's reserve fund thins as oil revenue falls",
        "publisher": "The Ledger Tribune",
        "author": "Jane Marlow",
        "published": "2025-06-12",
        "url": "https://ledger-tribune.example/world/2025/06/reserve-fund-thins",
    }
    assert meta.origins["published"] == "<meta property=article:published_time>"


def test_json_ld_is_read_when_there_is_no_open_graph() -> None:
    meta = read_metadata((PAGES / "ru_jsonld.html").read_text(encoding="utf-8"))
    assert meta.values == {
        "title": "Ликвидная часть ФНБ сократилась до минимума с 2019 года",
        "publisher": "Деловой вестник",
        "author": "Ирина Соколова",
        "published": "2025-03-14",
    }
    assert set(meta.origins.values()) == {
        "JSON-LD headline",
        "JSON-LD publisher",
        "JSON-LD author",
        "JSON-LD datePublished",
    }


def test_a_page_with_no_metadata_states_nothing_even_with_a_title_a_byline_and_a_year_in_its_footer() -> None:
    assert read_metadata((PAGES / "en_no_metadata.html").read_text()).values == {}
    assert read_metadata("<?xml version='1.0' encoding='utf-8'?><html></html>").values == {}
    assert read_metadata('<meta property="article:published_time" content="14.03.2025">').values == {}
