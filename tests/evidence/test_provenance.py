import pickle

import pytest

from dashboard.evidence import language as languages
from dashboard.evidence.provenance import StoredText, closest_passage, fold, locate_quote, search_quote

TEXT = (
    "Intro line.\n"
    "Inflation is “officially at nearly 10 percent” — it said.\n"
    "The fund’s assets shrank\u00a0by about 60 percent.\n"
)


def test_fold_maps_back_to_original_offsets():
    folded, where = fold("a “b”\u00a0 — c")
    assert folded == 'a "b" - c'
    assert where == [0, 1, 2, 3, 4, 5, 7, 8, 9, 10]


def test_exact_quote_gives_its_offsets():
    stored = StoredText(TEXT)
    citation = locate_quote("officially at nearly 10 percent", stored)
    assert citation.match == "exact"
    assert TEXT[citation.start : citation.end] == "officially at nearly 10 percent"
    assert (citation.line, citation.column) == (2, 15)


@pytest.mark.parametrize(
    ("typed", "original"),
    [
        ('is "officially at nearly 10 percent" - it', "is “officially at nearly 10 percent” — it"),
        ("The fund's assets shrank by about 60 percent.", "The fund’s assets shrank\u00a0by about 60 percent."),
        ("assets   shrank by", "assets shrank\u00a0by"),
        ("…shrank by about 60 percent…", "shrank\u00a0by about 60 percent"),
        ("The fund's assets ... about 60 percent", "The fund’s assets shrank\u00a0by about 60 percent"),
    ],
)
def test_typed_quote_is_found_at_the_original_characters(typed, original):
    citation = locate_quote(typed, StoredText(TEXT))
    assert citation is not None and citation.match == "normalised"
    assert TEXT[citation.start : citation.end] == original


def test_elided_quote_must_stay_in_one_paragraph():
    assert locate_quote("Intro line. … the fund", StoredText(TEXT)) is None


SENTENCES = "Rates rose to 21 percent. Loans reached 16.1 percent of the portfolio, the U.S. Treasury said.\n"


def test_elided_quote_must_stay_in_one_sentence():
    search = search_quote("Rates rose to … 16.1 percent", StoredText(SENTENCES))
    assert (search.citation, search.refused) == (None, "its pieces stand in different sentences")


def test_an_abbreviation_does_not_end_a_sentence():
    citation = locate_quote("16.1 percent … U.S. Treasury said", StoredText(SENTENCES))
    assert [SENTENCES[a:b] for a, b in citation.spans] == ["16.1 percent", "U.S. Treasury said"]


def test_an_omission_may_skip_a_title_but_not_a_sentence_end_just_before_the_next_piece():
    text = "The bill from Sen. Lindsey Graham proposes a 500 percent tariff. Then it stalled.\n"
    citation = locate_quote("The bill from Sen … proposes a 500 percent tariff", StoredText(text))
    assert [text[a:b] for a, b in citation.spans] == ["The bill from Sen", "proposes a 500 percent tariff"]
    search = search_quote("a 500 percent tariff … Then it stalled", StoredText(text))
    assert (search.citation, search.refused) == (None, "its pieces stand in different sentences")
    money = "The fund fell 5 percent. $10 billion was spent on it.\n"
    assert search_quote("The fund fell … $10 billion was spent", StoredText(money)).citation is None


def test_elided_quote_tries_each_place_of_its_first_piece():
    text = "The rate was cut. The rate was raised to 21 percent on Friday.\n"
    citation = locate_quote("The rate … 21 percent", StoredText(text))
    assert [text[a:b] for a, b in citation.spans] == ["The rate", "21 percent"]
    assert citation.spans[0][0] == 18


def test_exact_quote_has_one_span():
    citation = locate_quote("officially at nearly 10 percent", StoredText(TEXT))
    assert citation.spans == ((citation.start, citation.end),)


@pytest.mark.parametrize(
    ("quote", "lines"),
    [
        ("percent", (2, 3)),
        ("… percent", (2, 3)),
        ("at nearly 10 percent", (2, None)),
        ("The fund … percent", (3, None)),
    ],
)
def test_a_second_place_the_quote_fits(quote, lines):
    stored = StoredText(TEXT)
    search = search_quote(quote, stored)
    again = stored.position(search.again)[0] if search.again is not None else None
    assert (search.citation.line, again) == lines


def test_missing_quote_is_none_and_closest_names_the_difference():
    stored = StoredText(TEXT)
    assert locate_quote("shrank by about 60 per cent", stored) is None
    line, ours, theirs = closest_passage("shrank by about 60 per cent", stored)
    assert line == 3
    assert (ours, theirs) == ("per cent", "percent")


def test_a_texts_sha256_is_that_of_its_utf8_bytes_and_computed_once(monkeypatch: pytest.MonkeyPatch):
    import hashlib

    stored = StoredText("Инфляция замедлилась до 5,6%.\n")  # a test text
    assert stored.sha256 == hashlib.sha256(stored.text.encode("utf-8")).hexdigest()
    monkeypatch.setattr(hashlib, "sha256", None)
    assert stored.sha256 == stored.sha256  # kept: a second ask hashes nothing


def test_a_stored_text_is_pickled_with_its_language_by_code_and_its_checksum():
    english, russian = languages.get("en"), languages.get("ru")
    for stored in (StoredText("Inflation rose to 9.5%.", english), StoredText("Инфляция 9,5%.", russian, sha256="ab")):
        back = pickle.loads(pickle.dumps(stored))
        assert (back.text, back.language, back.sha256) == (stored.text, stored.language, stored.sha256)
