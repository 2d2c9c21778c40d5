"""Positions: where each party stands on each issue over time.

A point per story event, party and term, from PROPOSE, COUNTER, DEMAND,
ACCEPT and REJECT story events. The stance depends on type and modality
(``stances`` in ``data/negotiation.yaml``): a negated ACCEPT ("refused to
accept") is a rejection; an acceptance the proposals read as a counter (one
with conditions, "with amendments", ``conditional_acceptance_cues``, or one
that came with an offer the proposer turned down: :mod:`.proposals` is the one
home of that reading, and positions take its responses' stances) is a
counter; negated proposals and demands, hypothetical acceptances and
rejections ("might accept") give no point. A proposal of
something the proposer's own side gives ("Hamas offers to free four
bodies") is an ``offer``.

The party is the process side the actor is on (PIJ counts for Hamas in
Gaza); mediators keep positions of their own; other actors (the EU
calling for a return to the truce) have none in this process. A point only
carries what its own reports state: a story event with no terms of its own
gives no point, even when it answers a proposal (the proposal lists the
response, and its terms stand on the proposal's own reports). Inheriting
them made "Qatar rejected the use of food as a weapon" read "Qatar rejects a
permanent ceasefire".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from truceline.data.gazetteer import Gazetteer
from truceline.negotiation.lexicon import load_lexicon
from truceline.negotiation.processes import party_for_words, side_of, when
from truceline.record import PositionPoint, Process, Proposal, StoryEvent


def _party(process: Process, actor: str) -> str | None:
    if side := side_of(process, actor):
        return side
    return actor if actor in process.mediators else None


def derive_positions(
    stories: Sequence[StoryEvent],
    process: Process,
    proposals: Sequence[Proposal] = (),
    gazetteer: Gazetteer | None = None,
) -> list[PositionPoint]:
    """Position points of one process, ordered by party, issue, date.

    ``proposals``: the process's proposals, whose responses say which
    acceptances were counters (:func:`truceline.negotiation.proposals.derive_proposals`).
    """
    lex = load_lexicon()
    countered = {
        (r.story_event, r.actor) for p in proposals for r in p.responses if r.stance == "counter"
    }
    points: list[PositionPoint] = []
    for story in stories:
        # Equal points share their story event, so duplicates are looked for among the
        # story's own points, not among all of the process's.
        own_points: list[PositionPoint] = []
        stance = lex.stance(story.type, story.modality)
        if stance == "accept" and lex.conditional(story.evidence):
            stance = "counter"  # an acceptance with conditions asks for more (as in proposals)
        terms = story.terms
        if stance is None or not terms:
            continue
        for actor in story.actor:
            party = _party(process, actor)
            if party is None:
                continue
            own_stance = "counter" if (story.id, actor) in countered else stance
            for term in terms:
                giver = party_for_words(term.party, gazetteer)
                own = giver is not None and (side_of(process, giver) or giver) == party
                point = PositionPoint(
                    process=process.id,
                    party=party,
                    issue=term.issue,
                    stance="offer" if own_stance == "propose" and own else own_stance,
                    value=term.value,
                    date=when(story),
                    story_event=story.id,
                    reports=list(story.reports),
                )
                if point not in own_points:
                    own_points.append(point)
        points += own_points
    return sorted(points, key=lambda p: (p.party, p.issue, p.date or dt.date.max, p.story_event))
