"""A truce said with its age is in effect, and began that long before the report."""

from __future__ import annotations

import datetime as dt

import pytest

TALKS = "Israel and Hamas negotiators met in Cairo on Monday. "


def _truces(rec) -> list[tuple[list[str], str, dt.date | None]]:
    return [
        (sorted(e.actor), e.modality.value, e.date)
        for e in rec.events
        if e.type.value == "CEASEFIRE"
    ]


@pytest.mark.parametrize(
    ("phrase", "started"),
    [
        ("the two-month-old ceasefire", dt.date(2025, 1, 1)),
        ("the three-week-old truce", dt.date(2025, 2, 9)),
        ("the 10-day-old ceasefire", dt.date(2025, 2, 20)),
        ("the week-old truce", dt.date(2025, 2, 23)),
    ],
)
def test_a_truce_of_some_age_began_that_long_before_the_report(extract, phrase, started):
    rec = extract(f"Talks\n{TALKS}Envoys fear {phrase} could collapse within days.")
    assert (["HAMAS", "ISR"], "actual", started) in _truces(rec)


def test_an_aged_truce_names_its_sides_when_given(extract):
    rec = extract("Truce\nThe month-old truce between Israel and Hamas looks fragile.")
    assert (["HAMAS", "ISR"], "actual", dt.date(2025, 1, 31)) in _truces(rec)


def test_an_age_of_something_else_dates_no_truce(extract):
    rec = extract(f"Talks\n{TALKS}A 40-year-old negotiator said a ceasefire must come first.")
    assert all(m != "actual" for _, m, _ in _truces(rec))
