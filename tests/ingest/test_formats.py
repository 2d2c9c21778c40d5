"""How an input's format is chosen when its name does not say."""

from pathlib import Path

import pytest

from truceline.ingest.formats import Format, format_for_content_type, format_for_path, sniff_format


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"text": "Truce"}\n{"text": "Talks"}\n', Format.JSONL),
        ('{\n  "text": "Truce"\n}\n', Format.JSON),
        ('[{"text": "Truce"}]', Format.JSON),
        ('<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', Format.FEED),
        ('<feed xmlns="http://www.w3.org/2005/Atom"></feed>', Format.FEED),
        ("<!DOCTYPE html>\n<html><body><p>Truce</p></body></html>", Format.HTML),
        ("  <html>\n<body>Truce</body></html>", Format.HTML),
        ("# Truce extended\n\nMediators said so.", Format.MARKDOWN),
        ("Truce extended\n\nMediators said so.", Format.TEXT),
        ("#hashtag is not a heading", Format.TEXT),
    ],
)
def test_sniffed_format(text: str, expected: Format) -> None:
    assert sniff_format(text) == expected


def test_extension_is_matched_without_regard_to_case() -> None:
    assert format_for_path(Path("REPORT.HTM")) == Format.HTML


def test_unknown_extension_names_no_format() -> None:
    assert format_for_path(Path("report.pdf")) is None


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("text/html; charset=utf-8", Format.HTML),
        ("application/rss+xml", Format.FEED),
        ("application/atom+xml; charset=UTF-8", Format.FEED),
        ("application/x-ndjson", Format.JSONL),
        ("text/plain; charset=utf-8", None),
        (None, None),
    ],
)
def test_format_for_content_type(content_type: str | None, expected: Format | None) -> None:
    assert format_for_content_type(content_type) == expected
