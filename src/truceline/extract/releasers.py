"""Who released people when the report does not say, and whom a release frees."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from truceline.data import load
from truceline.data.files import EventsFile
from truceline.data.gazetteer import Gazetteer
from truceline.extract.events import EventMention, held_by
from truceline.extract.parties import counterpart
from truceline.extract.syntax import RELATIVE_PRONOUNS, grammatical_subject, through_partitives
from truceline.record import EventType

_QUANTITY_NOUNS = frozenset(load(EventsFile).quantity_nouns)


def _released_people(trigger: Token) -> Token | None:
    """The people a release frees: the passive subject, the object, or "release of X"."""
    for child in trigger.children:
        if child.dep_ in ("nsubjpass", "dobj"):
            if child.lower_ in RELATIVE_PRONOUNS and trigger.dep_ == "relcl":
                return trigger.head  # "prisoners who would be freed"
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            released = next((c for c in child.children if c.dep_ == "pobj"), None)
            return _all_but(trigger, released) if released is not None else None
    if trigger.dep_ in ("amod", "acl") and trigger.head.pos_ == "NOUN":
        return trigger.head  # "the freed prisoners", "prisoners released on Monday"
    if trigger.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in trigger.children):
        return grammatical_subject(trigger)  # "50 captives are set to be released"
    return None


def _all_but(trigger: Token, released: Token) -> Token:
    """ "The return of all but one of the hostages": the parser hangs "but one of ..." apart."""
    if (
        released.lower_ not in _QUANTITY_NOUNS
        or through_partitives(released, _QUANTITY_NOUNS) is not released
    ):
        return released
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "but"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            return pobj
    return released


def _released_groups(people: Token) -> list[Token]:
    """Each group of people a phrase names: "150 prisoners and 50 captives", "a total of 33 hostages".

    A quantity ("a total of", "all but one of") stands for the people after
    its "of"; a coordination, and a second passive subject the parser hung
    on the same verb, are groups of their own.
    """
    heads = [people, *people.conjuncts]
    if people.dep_ == "nsubjpass":
        heads += [c for c in people.head.children if c.dep_ == "nsubjpass" and c is not people]
    groups: list[Token] = []
    for head in heads:
        node = through_partitives(head, _QUANTITY_NOUNS)
        groups.extend(g for g in (node, *node.conjuncts) if g not in groups)
    return groups


def _holder(
    people: Token, sides: list[str], gazetteer: Gazetteer, holders: dict[str, str]
) -> str | None:
    """Who holds these people: the side that holds them ("held by Hamas"), the other side of
    their nationality, else by kind of side (of the people, or of how they were taken).
    """
    holding = held_by(people)
    if holding:
        return holding[0].actor_id
    for word in (people, *people.children):
        if word.dep_ in ("amod", "compound", "nmod") or word is people:
            nationality = gazetteer.id_for_word(word.text) or gazetteer.id_for_word(
                word.text.rstrip("s")
            )
            partner = counterpart(nationality, sides) if nationality else None
            if partner:
                return partner  # "Ukrainian servicemen were freed": by the other side
    kind = holders.get(people.lemma_.lower()) or next(
        (holders[c.lemma_.lower()] for c in _taking(people) if c.lemma_.lower() in holders), None
    )
    fitting = [s for s in sides if gazetteer.kind_of(s) == kind]
    return fitting[0] if len(fitting) == 1 else None


def _taking(people: Token) -> list[Token]:
    """How the people were taken: "a man kidnapped in May", "released after being abducted"."""
    verbs = [c for c in people.children if c.dep_ in ("acl", "relcl")]
    release = people.head if people.dep_ == "nsubjpass" else None
    if release is not None:
        for clause in (c for c in release.children if c.dep_ in ("advcl", "prep")):
            verbs.extend(t for t in clause.subtree if t.pos_ == "VERB")
    return verbs


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
    from the state (``holders`` in ``data/events.yaml``); "150 prisoners and
    50 captives are to be released" are released by both.
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
    people = trigger if mention.reciprocal_of or mention.counterpart else _released_people(trigger)
    if people is None or len(sides) != 2:
        return []
    out: list[str] = []
    for group in _released_groups(people):
        holder = _holder(group, sides, gazetteer, holders)
        if holder and holder not in out:
            out.append(holder)
    if not out:
        # "the return of six bodies in exchange for 50 prisoners": the bodies come from
        # the other side than the prisoners'
        for other in (o for o in mentions if o.counterpart and o is not mention):
            if doc[other.trigger].sent.start != trigger.sent.start:
                continue
            holder = _holder(doc[other.trigger], sides, gazetteer, holders)
            partner = counterpart(holder, sides) if holder else None
            if partner:
                return [partner]
    return out
