"""Publication dates from whatever an input offers.

A publication date anchors relative dates in the text ("on Sunday"), so it
is worth some effort to read, but never worth losing an article over: a
value that cannot be read as a full calendar date becomes ``None``.
"""

from __future__ import annotations

import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

import dateparser

_MAX_DATE_CHARS = 100
_DATEPARSER_SETTINGS = {
    # Only absolute dates: "yesterday" in a data file means nothing today.
    "PARSERS": ["custom-formats", "absolute-time"],
    # "March 2024" is not a publication day; do not invent the 1st.
    "REQUIRE_PARTS": ["day", "month", "year"],
}


def parse_published(value: object) -> date | None:
    """The calendar date ``value`` denotes, or None if it denotes none.

    Accepts dates, datetimes, ``time.struct_time`` (feedparser), ISO 8601
    strings, RFC 2822 strings (RSS) and, through dateparser, the common
    English forms ("2 November 2024", "Nov 2, 2024"). A datetime with a
    time zone gives the date where it was published, not the UTC date.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time.struct_time):
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, str):
        return _parse_string(value.strip())
    return None


def _parse_string(value: str) -> date | None:
    if not value or len(value) > _MAX_DATE_CHARS:
        return None
    for parse in (date.fromisoformat, datetime.fromisoformat, parsedate_to_datetime):
        try:
            return parse_published(parse(value))
        except (ValueError, TypeError, IndexError):
            continue
    parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None
