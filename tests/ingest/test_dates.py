"""Publication dates: read what can be read, never fail on the rest."""

import time
from datetime import date, datetime, timedelta, timezone

import pytest

from truceline.ingest.dates import parse_published, read_published


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


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05", (date(2025, 5, 1), "month")),
        (" 2025-10 ", (date(2025, 10, 1), "month")),
        ("2025-05-14", (date(2025, 5, 14), "day")),
        ("2025-05-14T08:30:00+02:00", (date(2025, 5, 14), "day")),
        ("2025-05-14 08:30", (date(2025, 5, 14), "day")),
    ],
)
def test_published_is_read_with_its_precision(value: str, expected: tuple) -> None:
    assert read_published(value) == expected


@pytest.mark.parametrize("value", ["2025-13", "2025", "May", "not a date", None])
def test_a_year_alone_or_an_impossible_month_is_no_publication_date(value: object) -> None:
    assert read_published(value) is None
