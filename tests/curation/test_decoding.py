"""Page and text bytes read in the charset declared, else the one the bytes tell."""

from __future__ import annotations

import pytest

from dashboard.curation.decoding import charset_in, declared_charset, decode_page, decode_text

RU = "Ликвидная часть фонда сократилась до 3,36 трлн рублей."


@pytest.mark.parametrize("encoding", ["utf-8", "windows-1251", "koi8-r"])
def test_a_text_that_declares_nothing_is_told_from_its_bytes(encoding: str) -> None:
    text, charset = decode_text(RU.encode(encoding))
    assert (text, charset) == (RU, {"utf-8": "utf-8"}.get(encoding, encoding))


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<meta charset="windows-1251">', "windows-1251"),
        (b"<meta charset=koi8-r>", "koi8-r"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=KOI8-R">', "KOI8-R"),
        (b"<title>none</title>", None),
    ],
)
def test_the_page_declares_its_charset_in_its_markup(head: bytes, expected: str | None) -> None:
    assert declared_charset(b"<html><head>" + head) == expected


def test_the_server_charset_comes_first_and_valid_utf8_outweighs_a_wrong_declaration() -> None:
    page = f"<meta charset='utf-8'><p>{RU}</p>".encode("koi8-r")
    assert decode_page(page, charset_in("text/html; charset=koi8-r")) == (page.decode("koi8-r"), "koi8-r")
    saved = f"<meta charset='windows-1251'><p>{RU}</p>".encode()
    assert decode_page(saved)[1] == "utf-8"
    assert decode_page(b"<meta charset='nonsense'>" + RU.encode("windows-1251"))[1] == "windows-1251"
