"""What a count of people is in its sentence (``count_role``): read from syntax, on the term."""

from __future__ import annotations

import pytest

from truceline.record import ExtractionRecord, Term


def count_terms(record: ExtractionRecord, issue: str) -> list[Term]:
    return [t for e in record.events for t in e.terms if t.issue == issue]


def role_of(record: ExtractionRecord, issue: str, value: int) -> str | None:
    [term] = [t for t in count_terms(record, issue) if t.value == value]
    return term.count_role


def test_people_freed_now_are_a_batch(extract):
    record = extract("Israel freed 150 Palestinian prisoners on Saturday.")
    assert role_of(record, "prisoners_released", 150) == "batch"


def test_a_count_freed_so_far_is_a_running_total(extract):
    record = extract("Hamas has released 105 hostages so far.")
    assert role_of(record, "hostages_released", 105) == "total"


def test_a_total_of_is_a_running_total(extract):
    record = extract("A total of 105 hostages have been freed.")
    assert role_of(record, "hostages_released", 105) == "total"


def test_the_sum_over_a_phase_is_a_total(extract):
    record = extract("During the first phase, 25 living hostages were returned to Israel.")
    assert role_of(record, "hostages_released", 25) == "total"


def test_a_tally_qualifier_makes_a_total(extract):
    record = extract("Israel freed close to 2,000 Palestinian prisoners in the first phase.")
    assert role_of(record, "prisoners_released", 2000) == "total"


def test_the_batch_beside_a_total_stays_a_batch(extract):
    record = extract("Hamas freed three hostages on Saturday, bringing the total to 105.")
    assert role_of(record, "hostages_released", 3) == "batch"


def test_people_still_held_are_a_stock(extract):
    record = extract("Hamas released three hostages, leaving 59 hostages who remain in Gaza.")
    assert role_of(record, "hostages_released", 3) == "batch"
    assert role_of(record, "hostages_released", 59) == "stock"


def test_releasing_the_remaining_people_is_a_batch(extract):
    record = extract("Hamas released the remaining 59 hostages on Monday.")
    assert role_of(record, "hostages_released", 59) == "batch"


def test_people_the_figure_includes_are_a_part(extract):
    record = extract("Israel released 90 prisoners, including 69 women.")
    assert role_of(record, "prisoners_released", 90) == "batch"
    assert [t.count_role for t in count_terms(record, "prisoners_released") if t.value == 69] == [
        "part"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Hamas will free 33 hostages over six weeks.",
        "Israel published a list of 42 prisoners to be released.",
        "Hamas to free six hostages on Saturday.",
    ],
)
def test_people_still_to_be_freed_are_pending(extract, text):
    [term] = [t for t in count_terms(extract(text), "hostages_released")] or [
        t for t in count_terms(extract(text), "prisoners_released")
    ]
    assert term.count_role == "pending"


def test_a_verb_conjoined_to_a_headline_infinitive_is_a_promise_too(extract):
    record = extract("Hamas to hand over four bodies on Thursday and free six hostages on Saturday")
    [six] = [t for t in count_terms(record, "hostages_released") if t.value == 6]
    assert six.count_role == "pending"
    assert all(e.modality.value == "future" for e in record.events if e.type.value == "RELEASE")


def test_a_count_on_a_deal_is_on_the_table_not_freed(extract):
    record = extract("Israel and Hamas agreed to a deal to free 33 hostages.")
    assert {t.count_role for t in count_terms(record, "hostages_released")} == {"pending"}


def test_the_kind_comes_from_the_words(extract):
    record = extract(
        "Hamas freed four living hostages and handed over the bodies of two others, "
        "and Israel released 200 Palestinian prisoners."
    )
    kinds = {(t.issue, t.value) for e in record.events for t in e.terms if t.count_role == "batch"}
    assert kinds == {
        ("hostages_released", 4),
        ("remains_returned", 2),
        ("prisoners_released", 200),
    }


def test_records_without_a_role_still_load():
    assert Term.model_validate({"issue": "hostages_released", "value": 3}).count_role is None


def test_people_a_side_was_due_to_free_are_pending(extract):
    record = extract("In return, the army was due to free 450 detainees by nightfall.")
    assert {t.count_role for t in count_terms(record, "prisoners_released")} == {"pending"}


def test_soldiers_take_the_kind_the_sentence_names(extract):
    record = extract(
        "The army said the captive Jane Doe should have been freed before the three "
        "female soldiers released on Saturday."
    )
    assert {(t.issue, t.value) for t in count_terms(record, "hostages_released")} == {
        ("hostages_released", 3)
    }
    assert count_terms(record, "prisoners_released") == []


def test_servicemen_freed_by_a_state_are_prisoners(extract):
    record = extract("Ukraine freed 95 servicemen on Saturday.")
    assert role_of(record, "prisoners_released", 95) == "batch"


def test_bringing_the_total_to_a_number_is_a_running_total_of_the_batch_kind(extract):
    record = extract("Hamas freed three hostages on Saturday, bringing the total to 105.")
    assert role_of(record, "hostages_released", 3) == "batch"
    assert role_of(record, "hostages_released", 105) == "total"


def test_a_total_that_stands_at_a_number_is_a_running_total(extract):
    record = extract("Israel released 369 prisoners on Saturday; the total stands at 1,135.")
    assert role_of(record, "prisoners_released", 1135) == "total"


def test_a_total_of_remains_takes_the_kind_of_the_remains(extract):
    record = extract("The militants handed over two bodies, bringing the total to eight.")
    assert role_of(record, "remains_returned", 8) == "total"


def test_a_total_with_no_people_in_the_sentence_is_no_count(extract):
    record = extract("The ministry said the total of the aid rose to 105 on Saturday.")
    assert [t for e in record.events for t in e.terms if t.value == 105] == []


def test_a_captive_count_of_another_clause_says_nothing_of_servicemen(extract):
    record = extract(
        "Officials announced the release of 230 captives, while the other side said "
        "that 248 servicemen had been brought back on Wednesday."
    )
    assert role_of(record, "prisoners_released", 248) == "batch"


def test_people_an_apposition_renames_are_of_its_kind(extract):
    record = extract("For every hostage, three prisoners were released, a total of 150 people.")
    assert role_of(record, "prisoners_released", 150) == "total"


def test_people_of_no_kind_among_captives_keep_the_default_kind(extract):
    record = extract("The swap freed captives that include 180 people from the coalition.")
    assert [t.value for t in count_terms(record, "prisoners_released")] == [180]
    assert count_terms(record, "hostages_released") == []
