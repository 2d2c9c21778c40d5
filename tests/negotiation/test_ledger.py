"""The release ledger: entries from actual releases, releasers, tallies, disputes, totals."""

from __future__ import annotations

import datetime as dt

from truceline.negotiation.agreements import derive_agreements
from truceline.negotiation.ledger import derive_ledger, ledger_totals
from truceline.negotiation.rounds import derive_rounds
from truceline.record import (
    Account,
    Contradiction,
    CountRole,
    Evidence,
    LedgerEntry,
    LedgerTotal,
    Term,
)


def hostages(
    n: int,
    party: str | None = None,
    qualifier: str | None = None,
    role: CountRole | None = None,
) -> Term:
    return Term(
        issue="hostages_released", value=n, party=party, qualifier=qualifier, count_role=role
    )


def prisoners(n: int, party: str | None = None, role: CountRole | None = None) -> Term:
    return Term(issue="prisoners_released", value=n, party=party, count_role=role)


def test_actual_release_makes_an_entry_per_kind(story, gaza):
    swap = story("RELEASE", ["HAMAS"], "2025-01-19", terms=[hostages(3, "Hamas")], reports=2)
    assert derive_ledger([swap], gaza, []) == [
        LedgerEntry(
            process="gaza",
            date=dt.date(2025, 1, 19),
            releaser=["HAMAS"],
            kind="hostages_released",
            count=3,
            story_event=swap.id,
            reports=swap.reports,
        )
    ]


def test_releaser_defaults_to_the_process_releaser_of_that_kind(story, gaza):
    freed = story("RELEASE", [], "2025-01-20", terms=[prisoners(90)])
    [entry] = derive_ledger([freed], gaza, [])
    assert entry.releaser == ["ISR"]


def test_releaser_named_by_the_term_comes_first(story, processes):
    ukraine = next(p for p in processes if p.id == "russia-ukraine")
    swap = story(
        "RELEASE",
        ["RUS", "UKR"],
        "2025-05-23",
        terms=[prisoners(390, "Russia"), prisoners(390, "Ukraine")],
    )
    assert [(e.releaser, e.count) for e in derive_ledger([swap], ukraine, [])] == [
        (["RUS"], 390),
        (["UKR"], 390),
    ]


def test_one_days_release_left_split_in_two_story_events_is_one_entry(story, gaza):
    freed = story("RELEASE", ["HAMAS"], "2025-02-22", terms=[hostages(6)], reports=3)
    split = story("RELEASE", ["ISR"], "2025-02-22", terms=[hostages(6)], reports=2)
    other_count = story("RELEASE", ["HAMAS"], "2025-02-22", terms=[hostages(2)])
    next_week = story("RELEASE", ["HAMAS"], "2025-03-01", terms=[hostages(6)])
    entries = derive_ledger([freed, split, other_count, next_week], gaza, [])
    assert [(e.date.isoformat(), e.count, e.story_event) for e in entries] == [
        ("2025-02-22", 6, freed.id),
        ("2025-02-22", 2, other_count.id),
        ("2025-03-01", 6, next_week.id),
    ]
    assert entries[0].reports == [*freed.reports, *split.reports]


def test_planned_possible_and_denied_releases_are_not_in_the_ledger(story, gaza):
    stories = [
        story("RELEASE", ["HAMAS"], "2025-01-25", modality=m, terms=[hostages(4)])
        for m in ("future", "possible", "negated")
    ]
    assert derive_ledger(stories, gaza, []) == []


def test_tallies_are_not_releases(story, gaza):
    all_due = story(
        "RELEASE", ["HAMAS"], "2025-02-27", terms=[hostages(33, qualifier="all", role="total")]
    )
    so_far = story("RELEASE", ["HAMAS"], "2025-02-15", terms=[hostages(33), hostages(19)])
    assert derive_ledger([all_due, so_far], gaza, []) == []


def test_an_undated_count_for_a_phase_is_a_tally(story, gaza):
    phase_one = Term(issue="phase", value=1)
    summary = story("RELEASE", ["HAMAS"], None, terms=[hostages(25, qualifier="living"), phase_one])
    last_swap = story("RELEASE", ["HAMAS"], "2025-02-22", terms=[hostages(6), phase_one])
    assert [e.story_event for e in derive_ledger([summary, last_swap], gaza, [])] == [last_swap.id]


def test_counts_other_outlets_give_are_disputed(story, gaza):
    freed = story("RELEASE", ["ISR"], "2025-02-27", terms=[prisoners(620)])
    dispute = Contradiction(
        id="c1",
        kind="term_value",
        story_events=[freed.id],
        issue="prisoners_released",
        summary="620 vs 642",
        accounts=[Account(value=620), Account(value=642)],
    )
    [entry] = derive_ledger([freed], gaza, [dispute])
    assert entry.disputed_counts == [642]


def test_totals_run_per_side_against_what_the_deal_set(story, gaza):
    deal = story("AGREE", ["ISR", "HAMAS"], "2025-01-15")
    set_out = story(
        "RELEASE",
        ["HAMAS"],
        "2025-01-15",
        modality="future",
        terms=[hostages(33, "Hamas"), hostages(3)],
    )
    first = story("RELEASE", ["HAMAS"], "2025-01-19", terms=[hostages(3)])
    second = story("RELEASE", ["HAMAS"], "2025-01-25", terms=[hostages(4)])
    freed = story("RELEASE", ["ISR"], "2025-01-20", terms=[prisoners(90)])
    stories = [deal, set_out, first, freed, second]
    agreements = derive_agreements(stories, gaza)
    ledger = derive_ledger(stories, gaza, [], derive_rounds(stories, agreements, gaza))
    totals = ledger_totals(ledger, agreements, gaza, stories)
    assert totals == [
        LedgerTotal(
            process="gaza",
            releaser="HAMAS",
            kind="hostages_released",
            released=7,
            agreed=33,
            as_of=dt.date(2025, 1, 25),
            round=1,
        ),
        LedgerTotal(
            process="gaza",
            releaser="ISR",
            kind="prisoners_released",
            released=90,
            agreed=None,
            as_of=dt.date(2025, 1, 20),
            round=1,
        ),
    ]


def test_a_cumulative_total_checks_the_batches_and_adds_nothing(story, gaza):
    deal = story("AGREE", ["ISR", "HAMAS"], "2023-11-22", terms=[hostages(50, "Hamas")])
    day_one = story(
        "RELEASE",
        ["HAMAS"],
        "2023-11-24",
        terms=[hostages(13)],
        evidence=["Hamas freed 13 hostages on Friday."],
    )
    day_two = story(
        "RELEASE",
        ["HAMAS"],
        "2023-11-25",
        terms=[hostages(17)],
        evidence=["Seventeen more were freed on Saturday."],
    )
    running = story(
        "RELEASE",
        ["HAMAS"],
        "2023-11-26",
        terms=[hostages(30, role="total")],
        evidence=["Their release brought the number freed so far to 30."],
    )
    stories = [deal, day_one, day_two, running]
    agreements = derive_agreements(stories, gaza)
    rounds = derive_rounds(stories, agreements, gaza)
    ledger = derive_ledger(stories, gaza, [], rounds)
    assert [e.count for e in ledger] == [13, 17]
    [total] = ledger_totals(ledger, agreements, gaza, stories, rounds)
    assert (total.released, total.stated, total.agreed) == (30, 30, 50)


def test_a_stock_of_people_still_held_is_not_a_release(story, gaza):
    held = story(
        "RELEASE",
        ["HAMAS"],
        "2025-03-18",
        terms=[hostages(59, role="stock")],
        evidence=["Hamas has yet to free the 59 hostages still held in Gaza."],
    )
    assert derive_ledger([held], gaza, []) == []


def test_releases_count_against_the_deal_of_their_own_round(story, gaza):
    truce = story("AGREE", ["ISR", "HAMAS"], "2023-11-22", terms=[hostages(50, "Hamas")])
    start = story("CEASEFIRE", ["ISR", "HAMAS"], "2023-11-24", action="start")
    end = story("CEASEFIRE", ["ISR", "HAMAS"], "2023-12-01", action="collapse")
    deal = story("AGREE", ["ISR", "HAMAS"], "2025-01-15", terms=[hostages(33, "Hamas")])
    freed = story("RELEASE", ["HAMAS"], "2025-01-19", terms=[hostages(3)])
    stories = [truce, start, end, deal, freed]
    agreements = derive_agreements(stories, gaza)
    rounds = derive_rounds(stories, agreements, gaza)
    [total] = ledger_totals(derive_ledger(stories, gaza, [], rounds), agreements, gaza, stories)
    assert (total.round, total.released, total.agreed) == (2, 3, 33)


def test_one_count_read_as_two_kinds_is_the_kind_its_words_name(story, processes):
    ukraine = next(p for p in processes if p.id == "russia-ukraine")
    swap = story(
        "RELEASE",
        ["RUS"],
        "2024-01-03",
        terms=[prisoners(230, "Russia"), hostages(230, "Russia")],
        evidence=["Russia returned 230 Ukrainian captives, among them servicemen."],
    )
    assert [e.kind for e in derive_ledger([swap], ukraine, [])] == ["prisoners_released"]


def test_a_swap_of_one_count_from_each_side_is_two_releases(story, processes):
    ukraine = next(p for p in processes if p.id == "russia-ukraine")
    swap = story(
        "RELEASE",
        ["RUS", "UKR"],
        "2024-08-24",
        terms=[prisoners(115)],
        evidence=["Russia and Ukraine exchanged 115 prisoners of war from each side."],
    )
    assert [(e.releaser, e.count) for e in derive_ledger([swap], ukraine, [])] == [
        (["RUS"], 115),
        (["UKR"], 115),
    ]


def test_a_promised_release_is_no_batch(story, gaza):
    promised = story(
        "RELEASE",
        ["ISR", "HAMAS"],
        "2023-11-24",
        terms=[hostages(50, role="pending")],
        evidence=["Over the four days, 50 captives in Gaza are set to be released."],
    )
    assert derive_ledger([promised], gaza, []) == []


def test_a_release_that_was_due_is_no_batch(story, gaza):
    due = story(
        "RELEASE",
        ["ISR"],
        "2025-06-07",
        terms=[Term(issue="prisoners_released", value=450, count_role="pending")],
        evidence=["In return, the army was due to free 450 detainees by nightfall."],
    )
    assert derive_ledger([due], gaza, []) == []


def test_a_count_another_report_disputes_is_booked_once_with_the_other_count_flagged(story, gaza):
    freed = story(
        "RELEASE",
        ["ISR"],
        "2023-11-25",
        terms=[prisoners(150, role="batch")],
        evidence=["Israel freed 150 prisoners.", "Israel freed 149 prisoners."],
    )
    dispute = Contradiction(
        id="c1",
        kind="term_value",
        story_events=[freed.id],
        issue="prisoners_released",
        summary="150 vs 149",
        accounts=[Account(value=150), Account(value=149)],
    )
    [entry] = derive_ledger([freed], gaza, [dispute])
    assert (entry.count, entry.disputed_counts) == (150, [149])


def test_batches_a_sentence_lists_day_by_day_are_one_entry_each(story, gaza):
    listed = story(
        "RELEASE",
        ["HAMAS"],
        "2023-11-24",
        terms=[hostages(20, "Hamas")],
        evidence=[
            "Hamas freed 21 hostages on November 24, 15 hostages each on November 25 and "
            "November 26, and 9 hostages on November 27."
        ],
    )
    ledger = derive_ledger([listed], gaza, [])
    assert [(e.date, e.count, e.disputed_counts) for e in ledger] == [
        (dt.date(2023, 11, 24), 21, [20]),
        (dt.date(2023, 11, 25), 15, []),
        (dt.date(2023, 11, 26), 15, []),
        (dt.date(2023, 11, 27), 9, []),
    ]


def test_in_a_swap_the_side_that_held_the_people_named_freed_them(story, processes):
    ukraine = next(p for p in processes if p.id == "russia-ukraine")
    swap = story(
        "RELEASE",
        ["RUS", "UKR"],
        "2024-01-03",
        terms=[prisoners(230)],
        evidence=["Under the exchange, 230 Ukrainian captives were returned home."],
    )
    [entry] = derive_ledger([swap], ukraine, [])
    assert entry.releaser == ["RUS"]


def test_a_batch_told_again_with_no_date_of_its_own_is_booked_once(story, gaza):
    dated = story("RELEASE", ["ISR"], "2025-02-15", terms=[prisoners(369, "Israel")])
    headline = story("RELEASE", ["ISR", "HAMAS"], "2025-02-13", terms=[prisoners(369, "Israel")])
    headline.date_precision = "reported"
    [entry] = derive_ledger([headline, dated], gaza, [])
    assert (entry.date, entry.count) == (dt.date(2025, 2, 15), 369)
    assert set(headline.reports) <= set(entry.reports)


def test_a_tally_of_the_phase_is_what_reports_say_beside_the_batches(story, gaza):
    deal = story("AGREE", ["ISR", "HAMAS"], "2025-01-15")
    batch = story("RELEASE", ["ISR"], "2025-01-19", terms=[prisoners(90, "Israel")])
    tally = story(
        "RELEASE",
        ["ISR"],
        "2025-03-01",
        terms=[
            Term(
                issue="prisoners_released",
                value=2000,
                party="Israel",
                qualifier="close to",
                count_role="total",
            )
        ],
    )
    stories = [deal, batch, tally]
    agreements = derive_agreements(stories, gaza)
    rounds = derive_rounds(stories, agreements, gaza)
    ledger = derive_ledger(stories, gaza, [], rounds)
    assert [e.count for e in ledger] == [90]
    [total] = ledger_totals(ledger, agreements, gaza, stories, rounds)
    assert (total.released, total.stated) == (90, 2000)


def test_batches_listed_by_weekday_are_placed_before_the_report(story, gaza):
    listed = story(
        "RELEASE",
        ["HAMAS"],
        "2023-11-27",
        terms=[hostages(13, "Hamas")],
        evidence=["Hamas freed 13 hostages on Friday, 17 on Saturday and 14 on Sunday."],
    )
    ledger = derive_ledger([listed], gaza, [])
    assert [(e.date, e.count) for e in ledger] == [
        (dt.date(2023, 11, 24), 13),
        (dt.date(2023, 11, 25), 17),
        (dt.date(2023, 11, 26), 14),
    ]


def _six(text: str) -> Term:
    start = text.index("six")
    return Term(
        issue="hostages_released",
        value=6,
        count_role="batch",
        evidence=Evidence(start=start, end=start + len("six captives"), text="six captives"),
    )


def test_a_batch_whose_sentence_names_no_day_joins_the_same_batch_booked_nearby(story, gaza):
    dated = "Hamas released six captives on Saturday."
    headline = "Resistance frees six captives"
    saturday = story("RELEASE", ["HAMAS"], "2025-02-22", terms=[_six(dated)], evidence=[dated])
    merged = story(
        "RELEASE",
        ["HAMAS"],
        "2025-02-20",
        terms=[_six(headline)],
        evidence=[headline, "Hamas to hand over four bodies on Thursday."],
    )
    [entry] = derive_ledger([merged, saturday], gaza, [])
    assert (entry.date, entry.count) == (dt.date(2025, 2, 22), 6)
    assert set(entry.reports) == {*saturday.reports, *merged.reports}


def test_a_batch_whose_sentence_names_its_own_day_is_its_own(story, gaza):
    saturday_text = "Hamas released six captives on Saturday."
    thursday_text = "Hamas released six captives on Thursday."
    saturday = story(
        "RELEASE", ["HAMAS"], "2025-02-22", terms=[_six(saturday_text)], evidence=[saturday_text]
    )
    thursday = story(
        "RELEASE", ["HAMAS"], "2025-02-20", terms=[_six(thursday_text)], evidence=[thursday_text]
    )
    assert [e.date for e in derive_ledger([thursday, saturday], gaza, [])] == [
        dt.date(2025, 2, 20),
        dt.date(2025, 2, 22),
    ]
