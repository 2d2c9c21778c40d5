"""Which event a term belongs to.

A term goes to the event whose clause holds it, else to the nearest event of
its sentence that can carry its issue (``term_issues`` in ``data/events.yaml``).
"""

from __future__ import annotations

from spacy.tokens import Doc

from truceline.data.gazetteer import Gazetteer
from truceline.extract.events import EventMention
from truceline.extract.evidence import evidence_for
from truceline.extract.terms import TermMention
from truceline.record import EventType, Term


def _compatible(event_type: EventType, issue: str, term_issues: dict[str, list[str]]) -> bool:
    allowed = term_issues.get(event_type.value)
    return allowed is None or issue in allowed


def assign_terms(
    doc: Doc,
    events: list[EventMention],
    terms: list[TermMention],
    term_issues: dict[str, list[str]],
) -> dict[int, list[TermMention]]:
    """Terms per event index: the event whose clause holds the term, else the nearest in the sentence."""
    out: dict[int, list[TermMention]] = {}
    for term in terms:
        sent_start = doc[term.token_start].sent.start
        candidates = [
            (n, e)
            for n, e in enumerate(events)
            if doc[e.trigger].sent.start == sent_start
            and _compatible(e.type, term.issue, term_issues)
        ]
        if not candidates:
            continue
        containing = [
            (len(list(doc[e.trigger].subtree)), n)
            for n, e in candidates
            if doc[e.trigger].left_edge.i <= term.token_start
            and term.token_end - 1 <= doc[e.trigger].right_edge.i
        ]
        if containing:
            best = min(containing)[1]
        else:
            best = min(candidates, key=lambda ne: abs(ne[1].trigger - term.token_start))[0]
        out.setdefault(best, []).append(term)
    return out


def term_model(
    term: TermMention, doc: Doc, gazetteer: Gazetteer, freed_now: bool | None = None
) -> Term:
    """The record's term: a guarantor named by its words becomes its actor id.

    A count whose event frees no one now is ``pending`` whatever its own words
    say: people promised ("will free six", "Hamas to free six"), held back
    ("did not free the 620") or on the table of a deal ("agreed to free 33").
    ``freed_now`` says whether the term's event is an actual release; a loose
    term (no event, None) keeps the role its words give.
    """
    value = term.value
    if term.issue == "guarantees" and isinstance(value, str):
        value = gazetteer.id_for_word(value) or value
    role = term.count_role
    if role == "batch" and freed_now is False:
        role = "pending"
    return Term(
        issue=term.issue,
        value=value,
        unit=term.unit,
        party=term.party,
        qualifier=term.qualifier,
        count_role=role,
        evidence=evidence_for(doc.user_data["truceline_text"], term.start, term.end),
    )
