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
from truceline.record import Contradiction, Negotiation, Process, Reconciliation, StoryEvent


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
    result = assign(reconciliation, processes, pinned, gazetteer)
    inputs = inputs_by_process(result, reconciliation)
    for process in result.processes:
        derive_process(result, process, *inputs[process.id], gazetteer)
    return result


def assign(
    reconciliation: Reconciliation,
    processes: Sequence[Process],
    pinned: Mapping[str, str] | None = None,
    gazetteer: Gazetteer | None = None,
) -> Negotiation:
    """The processes (configured, then grouped) and each story event's, nothing derived yet.

    Assignment reads every story event (an article's other events, the
    activity near a date, the grouping of the unassigned), so it is always
    done whole; what each process derives then rests on its own story events
    and contradictions only (:func:`derive_process`), which is what lets an
    incremental rebuild derive only the processes whose inputs changed.
    ``pinned``, ``gazetteer``: see :func:`derive`.
    """
    stories = chronological(reconciliation.story_events)
    story_process = assign_processes(stories, processes, gazetteer)
    story_process.update(pinned or {})
    others = group_unassigned(stories, story_process, processes)
    return Negotiation(processes=[*processes, *others], story_process=story_process)


def inputs_by_process(
    result: Negotiation, reconciliation: Reconciliation
) -> dict[str, tuple[list[StoryEvent], list[Contradiction]]]:
    """Per process of an assigned ``result``: its story events (oldest first) and the
    contradictions about any of them, everything its derivation reads."""
    found: dict[str, tuple[list[StoryEvent], list[Contradiction]]] = {
        p.id: ([], []) for p in result.processes
    }
    for story in chronological(reconciliation.story_events):
        pid = result.story_process.get(story.id)
        if pid in found:
            found[pid][0].append(story)
    for item in reconciliation.contradictions:
        about = {result.story_process.get(s) for s in item.story_events}
        for pid in about:
            if pid in found:
                found[pid][1].append(item)
    return found


def derive_process(
    result: Negotiation,
    process: Process,
    own: Sequence[StoryEvent],
    contradictions: Sequence[Contradiction],
    gazetteer: Gazetteer | None = None,
) -> None:
    """Derive one process of an assigned ``result`` (:func:`assign`) from its own story
    events and the contradictions about them (:func:`inputs_by_process`); add it to ``result``."""
    own = list(own)
    contradictions = list(contradictions)
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


__all__ = [
    "ProcessFileError",
    "assign",
    "derive",
    "derive_process",
    "inputs_by_process",
    "load_processes",
]
