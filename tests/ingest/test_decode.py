"""The decoding policy: BOM, then declared charset, then strict UTF-8."""

import pytest

from truceline.ingest.decode import decode_bytes
from truceline.ingest.problems import ReadError


def test_utf8_byte_order_mark_is_removed() -> None:
    assert decode_bytes(b"\xef\xbb\xbfTruce") == "Truce"


def test_utf16_with_byte_order_mark_is_decoded() -> None:
    assert decode_bytes("Trêve\r\nTruce".encode("utf-16")) == "Trêve\nTruce"


def test_newlines_are_normalised_and_nothing_else_is_touched() -> None:
    assert decode_bytes(b"  Truce\r\n\r\n\tHeld \r") == "  Truce\n\n\tHeld \n"


def test_charset_declared_by_the_transport_is_used() -> None:
    assert decode_bytes("Trêve".encode("iso-8859-15"), declared_charset="iso-8859-15") == "Trêve"


def test_transport_charset_wins_over_the_document_declaration() -> None:
    data = b'<meta charset="utf-8"><p>Tr\xeave</p>'

    text = decode_bytes(data, declared_charset="windows-1252")

    assert text == '<meta charset="utf-8"><p>Trêve</p>'


def test_charset_declared_in_an_html_meta_tag_is_used() -> None:
    data = b'<html><head><meta charset="windows-1252"></head><p>\x93Truce\x94</p>'

    assert decode_bytes(data).endswith("<p>“Truce”</p>")


def test_encoding_declared_by_an_xml_declaration_is_used() -> None:
    data = b'<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Tr\xeave</title></rss>'

    assert "<title>Trêve</title>" in decode_bytes(data)


def test_declared_latin1_is_read_as_windows_1252_like_browsers_do() -> None:
    assert decode_bytes(b"\x93Truce\x94", declared_charset="ISO-8859-1") == "“Truce”"


def test_declared_ascii_is_read_as_utf8() -> None:
    assert decode_bytes("Trêve".encode(), declared_charset="us-ascii") == "Trêve"


def test_unknown_declared_charset_falls_back_to_utf8() -> None:
    assert decode_bytes("Trêve".encode(), declared_charset="x-made-up") == "Trêve"


def test_bytes_invalid_in_the_declared_charset_are_reported() -> None:
    with pytest.raises(ReadError) as raised:
        decode_bytes(b"Truce \x81", declared_charset="windows-1252")

    assert raised.value.message == (
        "is not valid cp1252 text: byte 0x81 at offset 6 (line 1, column 7) cannot be "
        "decoded; re-save it as UTF-8"
    )
