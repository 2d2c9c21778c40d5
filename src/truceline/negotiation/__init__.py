"""The negotiation derived from story events: processes, proposals, positions,
agreements and phases, the release ledger.

PLACEHOLDER until the negotiation work lands: derives nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from truceline.story import Negotiation, Process, Reconciliation


def load_processes(paths: Sequence[str | Path] = ()) -> list[Process]:
    """The bundled processes (data/processes.yaml) merged with the user's files."""
    return []


def derive(reconciliation: Reconciliation, processes: Sequence[Process]) -> Negotiation:
    """Proposals, positions, agreements and the ledger from the story events."""
    return Negotiation(processes=list(processes))
