"""truceline: news reports about ceasefire and exchange talks, as a sourced record."""

from truceline.record import Article, Claim, Event, EventType, ExtractionRecord, Modality, Term

__all__ = ["Article", "Claim", "Event", "EventType", "ExtractionRecord", "Modality", "Term"]
__version__ = "0.1.0"
