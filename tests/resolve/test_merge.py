"""Which reports become one story event, and what the story says."""

from __future__ import annotations

from truceline.record import Claim, EventType, Modality
from truceline.resolve import reconcile


def groups(result) -> list[list[int]]:
    return sorted(story.reports for story in result.story_events)


def test_reports_of_one_release_by_three_outlets_are_one_story(make):
    result = reconcile(
        [
            make(1, actor=["HAMAS"], date="2025-02-01", terms={"hostages_released": 3}),
            make(2, actor=["HAMAS"], outlet="Negev Standard", published="2025-02-02"),
            make(3, actor=["HAMAS"], outlet="Levantine Courier", terms={"hostages_released": 3}),
        ]
    )
    [story] = result.story_events
    assert story.reports == [1, 3, 2]
    assert story.outlets == ["Tidewater Wire", "Levantine Courier", "Negev Standard"]
    assert story.corroboration.outlets == 3
    assert (story.first_reported.isoformat(), story.last_reported.isoformat()) == (
        "2025-02-01",
        "2025-02-02",
    )
    assert (story.date.isoformat(), story.date_precision) == ("2025-02-01", "day")


def test_day_precise_dates_one_day_apart_are_one_event(make):
    result = reconcile(
        [make(1, actor=["HAMAS"], date="2025-02-01"), make(2, actor=["HAMAS"], date="2025-02-02")]
    )
    assert groups(result) == [[1, 2]]


def test_day_precise_dates_beyond_the_window_are_two_events(make):
    result = reconcile(
        [make(1, actor=["HAMAS"], date="2025-02-01"), make(2, actor=["HAMAS"], date="2025-02-03")]
    )
    assert groups(result) == [[1], [2]]


def test_a_month_precise_date_fits_any_day_of_the_month(make):
    result = reconcile(
        [
            make(1, EventType.MEET, actor=["ISR", "HAMAS"], date="2025-02-20"),
            make(2, EventType.MEET, actor=["ISR", "HAMAS"], date="2025-02-01", precision="month"),
        ]
    )
    assert groups(result) == [[1, 2]]


def test_a_report_naming_fewer_parties_joins_the_agreement(make):
    result = reconcile(
        [
            make(1, EventType.AGREE, actor=["ISR", "HAMAS"], date="2025-01-15"),
            make(2, EventType.AGREE, actor=["ISR"], date="2025-01-15"),
        ]
    )
    [story] = result.story_events
    assert story.reports == [1, 2]
    assert story.actor == ["ISR", "HAMAS"]


def test_a_release_without_actor_joins_the_release_of_its_day(make):
    result = reconcile(
        [
            make(1, actor=["ISR"], date="2025-02-01", terms={"prisoners_released": 183}),
            make(2, date="2025-02-01", terms={"prisoners_released": 183}),
        ]
    )
    assert groups(result) == [[1, 2]]


def test_releases_by_different_sides_on_one_day_stay_apart(make):
    result = reconcile(
        [
            make(1, actor=["HAMAS"], date="2025-02-01", terms={"hostages_released": 3}),
            make(2, actor=["ISR"], date="2025-02-01", terms={"prisoners_released": 183}),
        ]
    )
    assert groups(result) == [[1], [2]]


def test_an_announced_release_and_the_release_are_one_story(make):
    result = reconcile(
        [
            make(1, actor=["HAMAS"], published="2025-01-30", date="2025-02-01", modality="future"),
            make(2, actor=["HAMAS"], published="2025-02-01", date="2025-02-01"),
        ]
    )
    [story] = result.story_events
    assert story.reports == [1, 2]
    assert story.modality == Modality.ACTUAL


def test_a_possible_agreement_is_not_the_agreement(make):
    result = reconcile(
        [
            make(
                1,
                EventType.AGREE,
                actor=["ISR", "HAMAS"],
                published="2025-01-13",
                modality="possible",
            ),
            make(
                2,
                EventType.AGREE,
                actor=["ISR", "HAMAS"],
                published="2025-01-15",
                date="2025-01-15",
            ),
        ]
    )
    assert groups(result) == [[1], [2]]


def test_counts_far_apart_are_different_releases(make):
    result = reconcile(
        [
            make(1, actor=["HAMAS"], date="2025-02-01", terms={"hostages_released": 3}),
            make(2, actor=["HAMAS"], date="2025-02-01", terms={"hostages_released": 33}),
        ]
    )
    assert groups(result) == [[1], [2]]


def test_consensus_count_is_the_one_most_reports_give(make):
    result = reconcile(
        [
            make(1, actor=["HAMAS"], date="2025-02-01", terms={"hostages_released": 34}),
            make(2, actor=["HAMAS"], date="2025-02-01", terms={"hostages_released": 33}),
            make(3, actor=["HAMAS"], date="2025-02-01", terms={"hostages_released": 33}),
        ]
    )
    [story] = result.story_events
    assert [(t.issue, t.value) for t in story.terms] == [("hostages_released", 33)]


def test_named_anonymous_and_unattributed_sources_are_counted(make):
    named = Claim(source_text="the Israeli military")
    anonymous = Claim(source_text="a Hamas official", anonymous=True)
    result = reconcile(
        [
            make(1, actor=["HAMAS"], date="2025-02-01", claim=named),
            make(2, actor=["HAMAS"], date="2025-02-01", claim=anonymous),
            make(3, actor=["HAMAS"], date="2025-02-01"),
        ]
    )
    corroboration = result.story_events[0].corroboration
    assert (
        corroboration.reports,
        corroboration.named_sources,
        corroboration.anonymous_sources,
        corroboration.unattributed,
    ) == (3, 1, 1, 1)


def test_papers_relaying_one_wire_count_as_that_one_outlet(make):
    via_afp = Claim(source_text="two sources", anonymous=True, via="AFP")
    result = reconcile(
        [
            make(1, actor=["HAMAS"], date="2025-02-01", outlet="Northern Herald", claim=via_afp),
            make(2, actor=["HAMAS"], date="2025-02-01", outlet="Red Sea Monitor", claim=via_afp),
            make(3, actor=["HAMAS"], date="2025-02-01", outlet="Agence France-Presse"),
        ]
    )
    [story] = result.story_events
    assert story.outlets == ["Northern Herald", "Red Sea Monitor", "Agence France-Presse"]
    assert story.corroboration.outlets == 1


def test_an_article_crediting_a_wire_anywhere_in_the_story_relays_it(make):
    via = Claim(source_text="officials", anonymous=True, via="Reuters")
    result = reconcile(
        [
            make(1, actor=["RUS", "UKR"], date="2025-05-23", outlet="Northern Herald", article=7),
            make(
                2,
                actor=["RUS", "UKR"],
                date="2025-05-23",
                outlet="Northern Herald",
                article=7,
                claim=via,
            ),
            make(3, actor=["RUS", "UKR"], date="2025-05-23", outlet="Reuters"),
        ]
    )
    assert result.story_events[0].corroboration.outlets == 1


def test_story_ids_are_the_type_and_smallest_report_id_whatever_the_order(make):
    reports = [
        make(5, actor=["HAMAS"], date="2025-02-01"),
        make(9, actor=["HAMAS"], date="2025-02-01", published="2025-01-31"),
        make(7, EventType.MEET, actor=["ISR", "QAT"], date="2025-02-01"),
    ]
    first = reconcile(reports)
    again = reconcile(list(reversed(reports)))
    assert [s.id for s in first.story_events] == ["release-5", "meet-7"]
    assert first == again


def test_no_reports_reconcile_to_nothing():
    result = reconcile([])
    assert (result.story_events, result.contradictions) == ([], [])


def test_reports_of_articles_about_different_conflicts_never_merge(make):
    # A Gaza article's release that names no one, and a Russia-Ukraine swap.
    gaza_context = make(1, "AGREE", actor=["ISR", "HAMAS"], published="2024-08-20", article=1)
    gaza_release = make(2, published="2024-08-20", article=1, terms={"prisoners_released": 115})
    swap = make(3, actor=["RUS", "UKR"], published="2024-08-21", article=2)
    swap.event.terms = gaza_release.event.terms
    stories = reconcile([gaza_context, gaza_release, swap]).story_events
    releases = [s.reports for s in stories if s.type == "RELEASE"]
    assert sorted(releases) == [[2], [3]]
