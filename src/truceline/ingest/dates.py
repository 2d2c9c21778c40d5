"""Publication dates from whatever an input offers.

A publication date anchors relative dates in the text ("on Sunday"), so it
is worth some effort to read, but never worth losing an article over: a
value that cannot be read as a full calendar date becomes ``None``, except a
bare year and month ("2025-05", as many archives date their pages), which is
kept as the month's first day with precision ``month``.
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Literal

import dateparser

_MAX_DATE_CHARS = 100
_DATEPARSER_SETTINGS = {
    # Only absolute dates: "yesterday" in a data file means nothing today.
    "PARSERS": ["custom-formats", "absolute-time"],
    # "March 2024" is not a publication day; do not invent the 1st.
    "REQUIRE_PARTS": ["day", "month", "year"],
}
_YEAR_MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})")

PublishedPrecision = Literal["day", "month"]


def read_published(value: object) -> tuple[date, PublishedPrecision] | None:
    """The publication date ``value`` denotes and how precisely, or None.

    A full date is precise to the day; "2025-05" is precise to the month and
    stands as its first day, so that dates in the text resolve within it.
    """
    day = parse_published(value)
    if day is not None:
        return day, "day"
    if isinstance(value, str) and (match := _YEAR_MONTH.fullmatch(value.strip())):
        month = int(match.group("month"))
        if 1 <= month <= 12:
            return date(int(match.group("year")), month, 1), "month"
    return None


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
