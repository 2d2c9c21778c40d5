"""Publication dates: read what can be read, never fail on the rest."""

import time
from datetime import date, datetime, timedelta, timezone

import pytest

from truceline.ingest.dates import parse_published


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-11-24", date(2023, 11, 24)),
        ("2023-11-24T23:30:00-05:00", date(2023, 11, 24)),
        ("2023-11-24T10:00:00Z", date(2023, 11, 24)),
        ("Fri, 24 Nov 2023 22:15:00 -0500", date(2023, 11, 24)),
        ("24 November 2023", date(2023, 11, 24)),
        ("Nov 24, 2023", date(2023, 11, 24)),
        (date(2023, 11, 24), date(2023, 11, 24)),
        (datetime(2023, 11, 24, 23, 0, tzinfo=timezone(timedelta(hours=-5))), date(2023, 11, 24)),
        (time.struct_time((2023, 11, 24, 10, 0, 0, 4, 328, 0)), date(2023, 11, 24)),
    ],
)
def test_readable_dates(value: object, expected: date) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "not a date", "November 2023", "yesterday", "x" * 500, 20231124, None, ["2023-11-24"]],
)
def test_unreadable_or_partial_dates_are_none(value: object) -> None:
    assert parse_published(value) is None
