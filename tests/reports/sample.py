"""A small negotiation built by hand from story.py values: what the renderers are given."""

from __future__ import annotations

from datetime import date

from truceline.record import (
    Account,
    Agreement,
    Claim,
    Contradiction,
    Corroboration,
    Event,
    EventType,
    Evidence,
    LedgerEntry,
    LedgerTotal,
    Phase,
    PositionPoint,
    Process,
    Proposal,
    ReportedEvent,
    Response,
    StoryEvent,
    Term,
)

GAZA = Process(
    id="gaza",
    name="Israel–Hamas",
    parties=["ISR", "HAMAS"],
    sides={"ISR": ["ISR"], "HAMAS": ["HAMAS"]},
    mediators=["QAT", "EGY", "USA"],
)

ARTICLE = (
    "Hamas rejects extension\n"
    "Talks resumed in Cairo. Two Egyptian sources said Hamas rejected an Israeli "
    "proposal to extend the first phase by 42 days. Israel said it would wait."
)
EVIDENCE = "Hamas rejected an Israeli proposal to extend the first phase by 42 days"


def story_event(
    id: str,
    type: EventType,
    day: date | None,
    actor: list[str],
    terms: list[Term] | None = None,
    outlets: list[str] | None = None,
    reports: list[int] | None = None,
    process: str | None = "gaza",
    anonymous: int = 0,
) -> StoryEvent:
    outlets = outlets or ["Levant Wire"]
    reports = reports or [1]
    return StoryEvent(
        id=id,
        type=type,
        actor=actor,
        terms=terms or [],
        date=day,
        date_precision="day" if day else None,
        first_reported=day,
        last_reported=day,
        reports=reports,
        outlets=outlets,
        corroboration=Corroboration(
            reports=len(reports),
            outlets=len(outlets),
            named_sources=len(reports) - anonymous,
            anonymous_sources=anonymous,
            unattributed=0,
        ),
        process=process,
    )


REJECT = story_event(
    "se-reject",
    EventType.REJECT,
    date(2025, 3, 2),
    ["HAMAS"],
    terms=[Term(issue="extension_days", value=42)],
    outlets=["Levant Wire", "Gulf Daily"],
    reports=[7, 9],
    anonymous=1,
)
RELEASE = story_event(
    "se-release",
    EventType.RELEASE,
    date(2025, 2, 15),
    ["HAMAS"],
    terms=[Term(issue="hostages_released", value=3, party="HAMAS")],
)
MEET = story_event("se-meet", EventType.MEET, None, ["ISR", "HAMAS"], process=None)

PROPOSALS = [
    Proposal(
        id="p-witkoff",
        process="gaza",
        name="the Witkoff plan",
        proposer=["USA"],
        date=date(2025, 3, 2),
        terms=[Term(issue="ceasefire_days", value=50), Term(issue="hostages_released", value=10)],
        responses=[Response(actor="ISR", stance="accept", date=date(2025, 3, 2), story_event="a")],
        status="tabled",
    ),
    Proposal(
        id="p-old",
        process="gaza",
        proposer=["EGY"],
        date=date(2025, 1, 5),
        terms=[Term(issue="ceasefire_days", value=42)],
        status="superseded",
    ),
    Proposal(
        id="p-counter",
        process="gaza",
        kind="counter",
        proposer=["HAMAS"],
        date=date(2025, 3, 10),
        answers="p-witkoff",
        terms=[Term(issue="ceasefire_permanent", value=True)],
        responses=[Response(actor="ISR", stance="reject", story_event="b")],
        status="rejected",
    ),
]

POSITIONS = [
    PositionPoint(
        process="gaza",
        party="HAMAS",
        issue="hostages_released",
        stance="offer",
        value=5,
        date=date(2025, 3, 1),
        story_event="x",
        reports=[1],
    ),
    PositionPoint(
        process="gaza",
        party="HAMAS",
        issue="hostages_released",
        stance="offer",
        value=10,
        date=date(2025, 3, 15),
        story_event="y",
        reports=[2],
    ),
    PositionPoint(
        process="gaza",
        party="ISR",
        issue="ceasefire_permanent",
        stance="reject",
        value=True,
        date=date(2025, 3, 3),
        story_event="z",
        reports=[3],
    ),
]

AGREEMENT = Agreement(
    id="ag-jan",
    process="gaza",
    parties=["ISR", "HAMAS"],
    date=date(2025, 1, 15),
    phases=[
        Phase(number=1, start=date(2025, 1, 19), end=date(2025, 3, 1), duration_days=42),
        Phase(number=2, start=date(2025, 3, 2), end=None),
    ],
)

LEDGER = [
    LedgerEntry(
        process="gaza",
        date=date(2025, 2, 15),
        releaser=["HAMAS"],
        kind="hostages_released",
        count=3,
        story_event="se-release",
        reports=[4, 5],
    ),
    LedgerEntry(
        process="gaza",
        date=date(2025, 2, 15),
        releaser=["ISR"],
        kind="prisoners_released",
        count=369,
        disputed_counts=[333],
        story_event="se-prisoners",
        reports=[6],
    ),
]
TOTALS = [
    LedgerTotal(process="gaza", releaser="HAMAS", kind="hostages_released", released=3, agreed=33),
    LedgerTotal(process="gaza", releaser="ISR", kind="prisoners_released", released=369),
]

CONTRADICTION = Contradiction(
    id="c-1",
    kind="term_value",
    story_events=["se-release"],
    issue="hostages_released",
    summary="hostages_released: 3 (Levant Wire) vs 4 (Gulf Daily)",
    accounts=[
        Account(value=3, reports=[4], outlets=["Levant Wire"]),
        Account(value=4, reports=[5], outlets=["Gulf Daily"]),
    ],
    date=date(2025, 2, 15),
    process="gaza",
)


def reported(id: int, outlet: str, published: date, anonymous: bool) -> ReportedEvent:
    start = ARTICLE.index(EVIDENCE)
    return ReportedEvent(
        id=id,
        article_id=id * 10,
        outlet=outlet,
        published=published,
        event=Event(
            type=EventType.REJECT,
            actor=["HAMAS"],
            terms=[Term(issue="extension_days", value=42)],
            claim=Claim(
                source_text="Two Egyptian sources" if anonymous else None,
                source_actor="EGY" if anonymous else None,
                anonymous=anonymous,
                verb="said" if anonymous else None,
            ),
            evidence=Evidence(start=start, end=start + len(EVIDENCE), text=EVIDENCE),
        ),
    )


def story_counts(events):
    """What Store.story_counts gives for these story events: per process, events and reports."""
    counts: dict = {}
    for e in events:
        n, r = counts.get(e.process, (0, 0))
        counts[e.process] = (n + 1, r + len(e.reports))
    return counts
