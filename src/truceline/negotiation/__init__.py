"""The negotiation derived from story events: processes, proposals, positions,
agreements and phases, the release ledger.

Everything here is a pure function of the reconciled story events and the
configured processes: the same input gives the same output, with ids built
from story event ids (``proposal:<story id>``, ``agreement:<story id>``), so
that rebuilding after new reports arrive keeps what did not change. Each
derivation has its own module and its rules in the module docstring:
:mod:`.processes` (loading, assignment), :mod:`.proposals`,
:mod:`.positions`, :mod:`.agreements`, :mod:`.ledger`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from truceline.data.gazetteer import Gazetteer
from truceline.negotiation.agreements import derive_agreements
from truceline.negotiation.ledger import derive_ledger, ledger_totals
from truceline.negotiation.names import labels
from truceline.negotiation.positions import derive_positions
from truceline.negotiation.processes import (
    ProcessFileError,
    assign_processes,
    chronological,
    group_unassigned,
    load_processes,
)
from truceline.negotiation.proposals import derive_proposals
from truceline.negotiation.rounds import derive_rounds, round_of
from truceline.record import Negotiation, Process, Reconciliation


def derive(
    reconciliation: Reconciliation,
    processes: Sequence[Process],
    pinned: Mapping[str, str] | None = None,
    gazetteer: Gazetteer | None = None,
) -> Negotiation:
    """Rounds, proposals, positions, agreements and the ledger from the story events.

    ``Negotiation.story_process`` maps each assigned story event to its
    process (story events no configured process claims go to processes named
    for their actors, :func:`.processes.group_unassigned`); the input story
    events are not changed (callers that keep ``StoryEvent.process`` set it
    from that map).

    Responses are matched within the rounds the AGREE story events alone
    mark; the agreements then include proposals every side accepted, and the
    final rounds number everything derived. ``pinned`` (story id -> process
    id) files story events where an analyst's correction says, whatever the
    assignment rules would say. ``gazetteer`` is the one names are read in (a term's party,
    a proposal's owner): the store's (:func:`truceline.configuration.store_gazetteer`);
    None, the built-in one.
    """
    stories = chronological(reconciliation.story_events)
    story_process = assign_processes(stories, processes, gazetteer)
    story_process.update(pinned or {})
    others = group_unassigned(stories, story_process, processes)
    result = Negotiation(processes=[*processes, *others], story_process=story_process)
    for process in result.processes:
        own = [s for s in stories if story_process.get(s.id) == process.id]
        ids = {s.id for s in own}
        contradictions = [
            c for c in reconciliation.contradictions if not ids.isdisjoint(c.story_events)
        ]
        first = derive_rounds(own, derive_agreements(own, process), process)
        proposals = derive_proposals(own, process, first, gazetteer)
        agreements = derive_agreements(own, process, proposals)
        named = labels(proposals)
        for a in agreements:
            a.from_proposal_name = named.get(a.from_proposal) if a.from_proposal else None
        rounds = derive_rounds(own, agreements, process)
        ledger = derive_ledger(own, process, contradictions, rounds, gazetteer)
        positions = derive_positions(own, process, proposals, gazetteer)
        for item in [*proposals, *positions]:
            item.round = round_of(rounds, item.date)
        result.rounds.extend(rounds)
        result.proposals.extend(proposals)
        result.positions.extend(positions)
        result.agreements.extend(agreements)
        result.ledger.extend(ledger)
        result.totals.extend(ledger_totals(ledger, agreements, process, own, rounds, gazetteer))
    return result


__all__ = ["ProcessFileError", "derive", "load_processes"]
