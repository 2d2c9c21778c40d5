"""Event dates resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Token

from truceline.extract.dates import read_date, resolve_date
from truceline.extract.nlp import load_nlp
from truceline.record import Article

PUBLISHED = date(2025, 3, 2)  # a Sunday


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def resolve(
    nlp: Language,
    text: str,
    trigger: str,
    published: date | None = PUBLISHED,
    *,
    future: bool = False,
):
    doc = nlp(text)
    anchor: Token = next(t for t in doc if t.text == trigger)
    return resolve_date(anchor.sent, published, future=future, anchor=anchor)


def test_weekday_is_latest_such_day_on_or_before_publication(nlp):
    assert resolve(nlp, "Hamas freed three hostages on Tuesday.", "freed") == (
        date(2025, 2, 25),
        "day",
    )


def test_weekday_of_a_future_event_is_the_next_such_day(nlp):
    assert resolve(nlp, "Hamas will free three hostages on Tuesday.", "free", future=True) == (
        date(2025, 3, 4),
        "day",
    )


def test_weekday_equal_to_publication_day_is_that_day(nlp):
    assert resolve(nlp, "Israel released 90 prisoners on Sunday.", "released") == (
        PUBLISHED,
        "day",
    )


def test_weekday_with_part_of_day(nlp):
    assert resolve(nlp, "The security cabinet met Monday evening.", "met") == (
        date(2025, 2, 24),
        "day",
    )


def test_yesterday_is_the_day_before_publication(nlp):
    assert resolve(nlp, "The hostages were released yesterday.", "released") == (
        date(2025, 3, 1),
        "day",
    )


def test_today_is_publication_day(nlp):
    assert resolve(nlp, "Delegations arrived in Doha today.", "arrived") == (PUBLISHED, "day")


def test_month_and_day_take_the_publication_year(nlp):
    assert resolve(nlp, "The ceasefire took effect on January 19.", "took") == (
        date(2025, 1, 19),
        "day",
    )


def test_abbreviated_month_with_full_stop(nlp):
    assert resolve(nlp, "The exchange took place on Feb. 27.", "took") == (
        date(2025, 2, 27),
        "day",
    )


def test_day_month_year(nlp):
    assert resolve(nlp, "The truce began on 19 January 2025.", "began") == (
        date(2025, 1, 19),
        "day",
    )


def test_weekday_comma_full_date_resolves_to_the_full_date(nlp):
    text = "Freed detainees are greeted in Khan Younis, Thursday, February 27, 2025."
    assert resolve(nlp, text, "greeted") == (date(2025, 2, 27), "day")


def test_past_month_day_after_publication_is_in_the_previous_year(nlp):
    assert resolve(nlp, "Hamas freed hostages on December 28.", "freed") == (
        date(2024, 12, 28),
        "day",
    )


def test_future_month_day_before_publication_is_in_the_next_year(nlp):
    published = date(2024, 12, 20)
    text = "The second phase will start on January 5."
    assert resolve(nlp, text, "start", published, future=True) == (date(2025, 1, 5), "day")


def test_month_alone_has_month_precision(nlp):
    assert resolve(nlp, "Talks resumed in March.", "resumed") == (date(2025, 3, 1), "month")


def test_year_alone_has_year_precision(nlp):
    assert resolve(nlp, "The war began in 2023.", "began") == (date(2023, 1, 1), "year")


def test_later_this_month_has_month_precision(nlp):
    text = "The exchange is expected later this month."
    assert resolve(nlp, text, "expected", future=True) == (date(2025, 3, 1), "month")


def test_next_week_is_too_vague_to_place(nlp):
    assert resolve(nlp, "Talks will resume next week.", "resume", future=True) == (None, None)


def test_last_week_is_too_vague_to_place(nlp):
    text = "Russia and Ukraine swapped prisoners last week."
    assert resolve(nlp, text, "swapped") == (None, None)


def test_vague_date_on_the_event_beats_a_date_on_the_reporting_verb(nlp):
    text = "Netanyahu said on Friday that talks will resume next week."
    assert resolve(nlp, text, "resume", future=True) == (None, None)


def test_date_of_the_reporting_clause_is_the_fallback(nlp):
    text = "Netanyahu said on Friday that the hostages were freed."
    assert resolve(nlp, text, "freed") == (date(2025, 2, 28), "day")


def test_date_attached_to_the_trigger_wins_over_a_nearer_one(nlp):
    text = "Hamas, which seized them on October 7, freed the hostages on Saturday."
    assert resolve(nlp, text, "freed") == (date(2025, 3, 1), "day")


def test_durations_are_not_dates(nlp):
    assert resolve(nlp, "The first phase lasted 42 days.", "lasted") == (None, None)


def test_ages_and_war_days_are_not_dates(nlp):
    text = "The 23-year-old hostage was freed on Day 15 of the war."
    assert resolve(nlp, text, "freed") == (None, None)


def test_days_ago_count_back_from_publication(nlp):
    text = "Hostages were freed three days ago."
    assert resolve(nlp, text, "freed") == (date(2025, 2, 27), "day")


def test_more_than_days_ago_counts_back_at_least_that_far(nlp):
    text = "The plan was put forward by the mediators more than ten days ago."
    assert resolve(nlp, text, "put") == (date(2025, 2, 20), "day")


def test_without_publication_date_weekday_does_not_resolve(nlp):
    assert resolve(nlp, "Hamas freed three hostages on Tuesday.", "freed", None) == (None, None)


def test_without_publication_date_full_date_resolves(nlp):
    text = "The truce began on 19 January 2025."
    assert resolve(nlp, text, "began", None) == (date(2025, 1, 19), "day")


def test_numeric_date_falls_back_to_dateparser():
    assert read_date("27/02/2025", None).value == date(2025, 2, 27)


def test_sentence_without_date_gives_none(nlp):
    assert resolve(nlp, "Hamas freed three hostages.", "freed") == (None, None)


def test_fallback_date_from_another_clause_is_read_as_past(nlp):
    text = (
        "With hours remaining before the first phase is set to expire, Egypt announced "
        "on Thursday that delegations were in Cairo."
    )
    assert resolve(nlp, text, "expire", future=True) == (date(2025, 2, 27), "day")


def test_a_date_on_a_noun_of_the_event_dates_that_noun(nlp):
    assert resolve(nlp, "Israel released 90 prisoners held since 2015.", "released") == (None, None)
    text = "Hamas rejected the plan that Egypt put forward in September."
    assert resolve(nlp, text, "rejected") == (None, None)


def test_a_date_in_a_clause_below_the_event_dates_that_clause(nlp):
    text = "The two sides agreed to free the detainees and to meet again in May."
    assert resolve(nlp, text, "agreed") == (None, None)


def test_a_reporting_clause_below_the_event_still_dates_it(nlp):
    assert resolve(nlp, "Hamas freed three hostages, the group said on Tuesday.", "freed") == (
        date(2025, 2, 25),
        "day",
    )


def test_a_report_dated_to_its_month_dates_an_undated_event_to_that_month(extractor):
    article = Article(
        id="m",
        text="Deal\nIsrael and Hamas reached an agreement.",
        published=date(2025, 5, 1),
        published_precision="month",
    )

    [event] = extractor.extract(article).events

    assert (event.date, event.date_precision) == (date(2025, 5, 1), "month")


def test_a_date_of_its_own_beats_the_month_of_publication(extractor):
    article = Article(
        id="m",
        text="Deal\nIsrael and Hamas reached an agreement on 12 May 2025.",
        published=date(2025, 5, 1),
        published_precision="month",
    )

    [event] = extractor.extract(article).events

    assert (event.date, event.date_precision) == (date(2025, 5, 12), "day")


def test_a_since_date_in_a_clause_on_another_noun_dates_no_event(nlp):
    text = (
        "Among those freed was the lawyer, a member of the council, who had been held "
        "without charge since November 2023."
    )
    assert resolve(nlp, text, "freed") == (None, None)


def test_a_since_date_on_the_event_itself_still_dates_it(nlp):
    text = "The talks have been stalled since 4 February."
    assert resolve(nlp, text, "stalled") == (date(2025, 2, 4), "day")


def test_a_date_above_the_clause_of_another_event_dates_no_release(nlp):
    text = "Qatar mediated the deal on Tuesday after the militants freed two captives."
    assert resolve(nlp, text, "freed") == (None, None)


def test_a_when_clause_on_the_date_is_dated_by_it(nlp):
    text = "The deal was mediated by Qatar on Tuesday, when the sides agreed to a swap."
    assert resolve(nlp, text, "agreed") == (date(2025, 2, 25), "day")


def test_a_reporting_clause_above_the_event_still_dates_it(nlp):
    text = "The army said on Tuesday that the militants had freed two captives."
    assert resolve(nlp, text, "freed") == (date(2025, 2, 25), "day")


def test_overnight_is_the_night_ending_on_the_day_of_publication(nlp):
    text = "The army freed 40 detainees overnight, the prison service said."
    assert resolve(nlp, text, "freed") == (PUBLISHED, "day")
