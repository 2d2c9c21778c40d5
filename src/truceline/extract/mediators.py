"""The parties mediating in each sentence, which every other event of it names."""

from __future__ import annotations

from spacy.tokens import Doc

from truceline.extract.actors import actor_ids
from truceline.extract.events import EventMention
from truceline.record import EventType


def mediators_by_sentence(events: list[EventMention], doc: Doc) -> dict[int, list[str]]:
    """Per sentence start, the parties mediating in that sentence."""
    out: dict[int, list[str]] = {}
    for e in events:
        if e.type == EventType.MEDIATE:
            bucket = out.setdefault(doc[e.trigger].sent.start, [])
            bucket.extend(i for i in actor_ids(e.actors) if i not in bucket)
    return out
