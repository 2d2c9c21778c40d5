"""Numbers as news writes them: digits, words, hedges, ordinals, durations."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from truceline.extract.numbers import (
    number_words,
    parse_duration,
    parse_duration_days,
    parse_number,
    parse_ordinal,
    split_qualifier,
    vague_quantity,
)


def test_plain_digits_are_a_number():
    assert parse_number("42") == 42


def test_digits_with_thousands_commas_are_a_number():
    assert parse_number("1,904") == 1904


def test_decimal_is_a_float():
    assert parse_number("1.5") == 1.5


def test_decimal_with_scale_word_is_whole():
    assert parse_number("1.5 million") == 1_500_000


def test_single_number_word():
    assert parse_number("three") == 3


def test_hyphenated_tens_and_units():
    assert parse_number("twenty-five") == 25


def test_a_dozen_is_twelve():
    assert parse_number("a dozen") == 12


def test_two_dozen_is_twenty_four():
    assert parse_number("two dozen") == 24


def test_british_and_in_spelled_hundreds():
    assert parse_number("one hundred and ten") == 110


def test_spelled_thousands_and_hundreds():
    assert parse_number("twenty five thousand three hundred") == 25_300


def test_half_is_a_fraction():
    assert parse_number("half") == 0.5


def test_and_a_half():
    assert parse_number("two and a half") == 2.5


def test_hedge_is_dropped_from_the_value():
    assert parse_number("nearly 2,000") == 2000


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("nearly 2,000", "nearly"),
        ("about 90", "about"),
        ("some 300", "some"),
        ("at least 30", "at least"),
        ("more than 1,500", "more than"),
        ("up to 600", "up to"),
    ],
)
def test_split_qualifier_returns_the_hedge(text: str, hedge: str):
    assert split_qualifier(text)[0] == hedge


def test_hundreds_is_not_a_number_but_a_vague_quantity():
    assert parse_number("hundreds") is None
    assert vague_quantity("hundreds") == "hundreds"


@pytest.mark.parametrize("word", ["dozens", "several", "thousands"])
def test_vague_words_name_their_quantity(word: str):
    assert parse_number(word) is None
    assert vague_quantity(word) == word


def test_vague_quantity_ignores_trailing_of():
    assert vague_quantity("hundreds of") == "hundreds"


def test_vague_quantity_of_a_number_is_none():
    assert vague_quantity("737") is None


def test_word_that_is_not_a_number_is_none():
    assert parse_number("prisoners") is None


def test_ordinal_word():
    assert parse_ordinal("second") == 2


def test_ordinal_digits_with_suffix():
    assert parse_ordinal("3rd") == 3


def test_compound_ordinal_word():
    assert parse_ordinal("twenty-first") == 21


def test_cardinal_is_not_an_ordinal():
    assert parse_ordinal("two") is None


def test_six_months_is_180_days():
    assert parse_duration_days(6, "months") == 180


def test_two_weeks_in_words_is_14_days():
    assert parse_duration_days("two", "weeks") == 14


def test_a_week_is_seven_days():
    assert parse_duration_days("a", "week") == 7


def test_a_year_is_365_days():
    assert parse_duration_days(1, "year") == 365


def test_unknown_unit_is_an_error():
    with pytest.raises(ValueError, match="not a unit of time"):
        parse_duration_days(3, "rounds")


def test_hyphenated_duration_phrase():
    assert parse_duration("60-day") == 60
    assert parse_duration("six-month") == 180


def test_duration_phrase_without_unit_is_none():
    assert parse_duration("sixty") is None


@given(st.integers(min_value=0, max_value=10**12))
def test_digits_with_commas_round_trip(n: int):
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=0, max_value=10**9))
def test_plain_digits_round_trip(n: int):
    assert parse_number(str(n)) == n


@given(
    st.integers(min_value=1, max_value=10**6),
    st.sampled_from(["nearly", "about", "some", "at least", "more than", "up to", "over"]),
)
def test_hedged_numbers_keep_their_value_and_hedge(n: int, hedge: str):
    assert parse_number(f"{hedge} {n:,}") == n
    assert split_qualifier(f"{hedge} {n:,}") == (hedge, f"{n:,}")


def _spell(n: int) -> str:
    """An independent speller for 1..999,999 (British "and"), for the property below."""
    ones = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
    ]
    ones += ["fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    tens = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    def below_thousand(k: int) -> str:
        words = []
        if k >= 100:
            words.append(f"{ones[k // 100]} hundred")
            k %= 100
            if k:
                words.append("and")
        if k >= 20:
            words.append(tens[k // 10] + (f"-{ones[k % 10]}" if k % 10 else ""))
        elif k:
            words.append(ones[k])
        return " ".join(words)

    if n >= 1000:
        rest = below_thousand(n % 1000)
        return f"{below_thousand(n // 1000)} thousand" + (f" {rest}" if rest else "")
    return below_thousand(n)


@given(st.integers(min_value=1, max_value=999_999))
def test_spelled_numbers_read_back(n: int):
    assert parse_number(_spell(n)) == n


@given(st.sampled_from(sorted(number_words().ordinals)))
def test_every_ordinal_word_has_a_value(word: str):
    assert parse_ordinal(word) == number_words().ordinals[word]


def test_hours_that_make_whole_days_are_days():
    assert parse_duration_days(72, "hours") == 3
    assert parse_duration("48-hour") == 2


def test_hours_that_make_no_whole_day_are_no_duration():
    with pytest.raises(ValueError):
        parse_duration_days(36, "hours")
