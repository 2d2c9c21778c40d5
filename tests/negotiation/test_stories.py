"""Stories merge what is one event, and only that; each is filed under the process it fits.

Specifications on reports written for them: reports are reconciled into story
events (:func:`truceline.resolve.reconcile`) and filed (:func:`truceline.negotiation.derive`).
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from truceline.negotiation import derive, load_processes
from truceline.record import Claim, Event, EventType, Evidence, Modality, ReportedEvent, Term
from truceline.resolve import reconcile

_ids = itertools.count(1)


def told(
    type_: str,
    actor: list[str],
    *,
    article: int,
    outlet: str,
    published: str,
    date: str | None = None,
    text: str = "text",
    terms: dict[str, object] | None = None,
    mediators: list[str] | None = None,
    modality: str = "actual",
) -> ReportedEvent:
    """One event as one article of one outlet tells it."""
    event = Event(
        type=EventType(type_),
        actor=actor,
        mediators=mediators or [],
        terms=[Term(issue=k, value=v) for k, v in (terms or {}).items()],
        modality=Modality(modality),
        date=dt.date.fromisoformat(date) if date else None,
        date_precision="day" if date else None,
        claim=Claim(),
        evidence=Evidence(start=0, end=len(text), text=text),
    )
    return ReportedEvent(
        id=next(_ids),
        article_id=article,
        outlet=outlet,
        published=dt.date.fromisoformat(published),
        event=event,
    )


@pytest.fixture(scope="module")
def processes():
    return load_processes()


def _filed(reports, processes):
    stories = reconcile(reports).story_events
    return stories, derive(reconcile(reports), processes).story_process


def test_one_deal_told_by_two_outlets_in_other_words_on_two_days_is_one_story(processes):
    reports = [
        told(
            "AGREE",
            ["ISR", "HAMAS"],
            article=1,
            outlet="Harbour Post",
            published="2031-04-09",
            date="2031-04-09",
            text="Israel and Hamas reached a truce deal on Wednesday",
            mediators=["QAT"],
        ),
        told(
            "AGREE",
            ["HAMAS"],
            article=2,
            outlet="Inland Courier",
            published="2031-04-10",
            text="Hamas said it had agreed to the accord brokered in Doha",
            mediators=["QAT", "EGY"],
        ),
    ]
    stories, filed = _filed(reports, processes)
    deals = [s for s in stories if s.type == EventType.AGREE]
    assert len(deals) == 1
    assert deals[0].outlets == ["Harbour Post", "Inland Courier"]
    assert deals[0].corroboration.outlets == 2
    assert filed[deals[0].id] == "gaza"


def test_a_sudan_demand_and_a_gaza_demand_never_merge(processes):
    reports = [
        # A Sudan article: the army and the RSF, and a demand by Washington.
        told(
            "MEET",
            ["SDN", "RSF"],
            article=1,
            outlet="Nile Ledger",
            published="2031-06-02",
            date="2031-06-01",
            text="army and RSF envoys met in Jeddah",
        ),
        told(
            "DEMAND",
            ["USA"],
            article=1,
            outlet="Nile Ledger",
            published="2031-06-02",
            date="2031-06-02",
            text="Washington demanded an immediate truce",
        ),
        # A Gaza article of the same day: Israel and Hamas, and a demand by Washington.
        told(
            "MEET",
            ["ISR", "HAMAS"],
            article=2,
            outlet="Coastline Daily",
            published="2031-06-02",
            date="2031-06-01",
            text="Israeli and Hamas negotiators met in Cairo",
        ),
        told(
            "DEMAND",
            ["USA"],
            article=2,
            outlet="Coastline Daily",
            published="2031-06-02",
            date="2031-06-02",
            text="Washington demanded an immediate truce",
        ),
    ]
    stories, filed = _filed(reports, processes)
    demands = [s for s in stories if s.type == EventType.DEMAND]
    assert len(demands) == 2
    assert sorted(filed.get(s.id, "-") for s in demands) == ["gaza", "sudan"]


def test_an_event_naming_one_shared_side_is_filed_by_its_article(processes):
    reports = [
        told(
            "VIOLATE",
            ["ISR", "HEZBOLLAH"],
            article=1,
            outlet="Cedar Wire",
            published="2031-02-03",
            date="2031-02-02",
            text="Israel and Hezbollah traded fire",
        ),
        told(
            "THREATEN",
            ["ISR"],
            article=1,
            outlet="Cedar Wire",
            published="2031-02-03",
            date="2031-02-03",
            text="Israel warned villagers south of the river not to return",
        ),
        # Gaza is busy that week: activity alone would file the warning there.
        *(
            told(
                "MEET",
                ["ISR", "HAMAS"],
                article=10 + n,
                outlet="Coastline Daily",
                published=f"2031-02-0{n}",
                date=f"2031-02-0{n}",
                text="talks in Cairo",
            )
            for n in range(1, 5)
        ),
    ]
    stories, filed = _filed(reports, processes)
    threat = next(s for s in stories if s.type == EventType.THREATEN)
    assert filed[threat.id] == "lebanon"


def test_an_event_whose_actors_fit_no_process_is_grouped_by_them_not_filed_by_default(processes):
    reports = [
        told(
            "CEASEFIRE",
            ["ISR", "IRN"],
            article=1,
            outlet="Gulf Monitor",
            published="2031-07-01",
            date="2031-07-01",
            text="Israel and Iran halted strikes",
        ),
        told(
            "MEET",
            ["USA", "ISR"],
            article=1,
            outlet="Gulf Monitor",
            published="2031-07-01",
            date="2031-07-01",
            mediators=["QAT"],
            text="the president spoke with Israel's leader",
        ),
        *(
            told(
                "MEET",
                ["ISR", "HAMAS"],
                article=10 + n,
                outlet="Coastline Daily",
                published=f"2031-06-2{n}",
                date=f"2031-06-2{n}",
                text="talks in Cairo",
            )
            for n in range(5, 9)
        ),
    ]
    stories, filed = _filed(reports, processes)
    talk = next(s for s in stories if s.type == EventType.MEET and "USA" in s.actor)
    truce = next(s for s in stories if s.type == EventType.CEASEFIRE)
    assert filed[truce.id] == "other:IRN-ISR"
    assert filed.get(talk.id) == "other:IRN-ISR"
