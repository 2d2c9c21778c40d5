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

from collections.abc import Sequence

from truceline.negotiation.agreements import derive_agreements
from truceline.negotiation.ledger import derive_ledger, ledger_totals
from truceline.negotiation.positions import derive_positions
from truceline.negotiation.processes import (
    ProcessFileError,
    assign_processes,
    chronological,
    load_processes,
)
from truceline.negotiation.proposals import derive_proposals
from truceline.record import Negotiation, Process, Reconciliation


def derive(reconciliation: Reconciliation, processes: Sequence[Process]) -> Negotiation:
    """Proposals, positions, agreements and the ledger from the story events.

    ``Negotiation.story_process`` maps each assigned story event to its
    process; the input story events are not changed (callers that keep
    ``StoryEvent.process`` set it from that map).
    """
    stories = chronological(reconciliation.story_events)
    story_process = assign_processes(stories, processes)
    result = Negotiation(processes=list(processes), story_process=story_process)
    for process in processes:
        own = [s for s in stories if story_process.get(s.id) == process.id]
        ids = {s.id for s in own}
        contradictions = [
            c for c in reconciliation.contradictions if not ids.isdisjoint(c.story_events)
        ]
        proposals = derive_proposals(own, process)
        agreements = derive_agreements(own, process)
        ledger = derive_ledger(own, process, contradictions)
        result.proposals.extend(proposals)
        result.positions.extend(derive_positions(own, process, proposals))
        result.agreements.extend(agreements)
        result.ledger.extend(ledger)
        result.totals.extend(ledger_totals(ledger, agreements, process, own))
    return result


__all__ = ["ProcessFileError", "derive", "load_processes"]
