"""The record's types, once: what truceline reads, extracts, reconciles and derives.

* :mod:`.article` -- one article's record, the contract of ``ONTOLOGY.md``
  (:class:`Article` in, :class:`ExtractionRecord` out) and :data:`TermValue`;
* :mod:`.story` -- reported events and what resolving them yields (story
  events, contradictions);
* :mod:`.negotiation` -- processes, proposals, positions, agreements and the
  release ledger;
* :mod:`.sources` -- how outlets and kinds of source fare.

Every layer imports these from here; none of them imports code that derives
them, so the store can persist and return them without knowing how.
"""

from truceline.record.article import (
    Actor,
    Article,
    ArticleMeta,
    CeasefireAction,
    Claim,
    CountRole,
    DatePrecision,
    Event,
    EventType,
    Evidence,
    ExtractionRecord,
    Modality,
    Polarity,
    Term,
    TermValue,
)
from truceline.record.corrections import (
    Correction,
    CorrectionKind,
    CorrectionNote,
    EventChanges,
    OrphanedCorrection,
    ReportKey,
)
from truceline.record.negotiation import (
    Agreement,
    LedgerEntry,
    LedgerTotal,
    Negotiation,
    Phase,
    PositionPoint,
    Process,
    Proposal,
    ProposalStatus,
    Purpose,
    ReleaseKind,
    Response,
    Round,
    Scope,
    Stance,
)
from truceline.record.sources import OutletSources, SourcingKind
from truceline.record.story import (
    Account,
    ArticleName,
    Contradiction,
    ContradictionKind,
    Corroboration,
    Reconciliation,
    ReportedEvent,
    StoryEvent,
    StorySpan,
)

__all__ = [
    "Account",
    "Actor",
    "Agreement",
    "Article",
    "ArticleMeta",
    "ArticleName",
    "CeasefireAction",
    "Claim",
    "Contradiction",
    "ContradictionKind",
    "Correction",
    "CorrectionKind",
    "CorrectionNote",
    "Corroboration",
    "CountRole",
    "DatePrecision",
    "Event",
    "EventChanges",
    "EventType",
    "Evidence",
    "ExtractionRecord",
    "LedgerEntry",
    "LedgerTotal",
    "Modality",
    "Negotiation",
    "OrphanedCorrection",
    "OutletSources",
    "Phase",
    "Polarity",
    "PositionPoint",
    "Process",
    "Proposal",
    "ProposalStatus",
    "Purpose",
    "Reconciliation",
    "ReleaseKind",
    "ReportKey",
    "ReportedEvent",
    "Response",
    "Round",
    "Scope",
    "SourcingKind",
    "Stance",
    "StoryEvent",
    "StorySpan",
    "Term",
    "TermValue",
]
