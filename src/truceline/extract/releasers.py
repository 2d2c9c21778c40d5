"""Who released people when the report does not say, and whom a release frees."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from truceline.data.gazetteer import Gazetteer
from truceline.extract.events import EventMention
from truceline.extract.parties import counterpart
from truceline.record import EventType


def _released_people(trigger: Token) -> Token | None:
    """The people a release frees: the passive subject, the object, or "release of X"."""
    for child in trigger.children:
        if child.dep_ in ("nsubjpass", "dobj"):
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if trigger.dep_ in ("amod", "acl") and trigger.head.pos_ == "NOUN":
        return trigger.head  # "the freed prisoners", "prisoners released on Monday"
    return None


def implied_releaser(
    mention: EventMention,
    mentions: list[EventMention],
    sides: list[str],
    gazetteer: Gazetteer,
    doc: Doc,
    holders: dict[str, str],
) -> list[str]:
    """Who released people when the text does not say.

    "Hostages were freed and Israel released prisoners": the other side of a
    release in the same sentence. Otherwise, when the negotiation is between
    an armed group and a state, hostages come from the group and prisoners
    from the state (``holders`` in ``data/events.yaml``).
    """
    trigger = doc[mention.trigger]
    same_sentence = [
        other
        for other in mentions
        if other is not mention
        and other.type == EventType.RELEASE
        and other.actors
        and doc[other.trigger].sent.start == trigger.sent.start
    ]
    for other in same_sentence:
        partner = counterpart(other.actors[0].actor_id, sides)
        if partner:
            return [partner]
    people = trigger if mention.reciprocal_of else _released_people(trigger)
    if people is None or len(sides) != 2:
        return []
    for word in (people, *people.children):
        if word.dep_ in ("amod", "compound", "nmod") or word is people:
            nationality = gazetteer.id_for_word(word.text) or gazetteer.id_for_word(
                word.text.rstrip("s")
            )
            partner = counterpart(nationality, sides) if nationality else None
            if partner:
                return [partner]  # "Ukrainian servicemen were freed": by the other side
    kind = holders.get(people.lemma_.lower())
    holders = [s for s in sides if gazetteer.kind_of(s) == kind]
    return holders if len(holders) == 1 else []
