"""Third parties of a negotiation: who mediates by taking part without being a side.

ONTOLOGY.md's reading convention 4: every named mediator counts. News names
many of them without a word for mediating:

- members of a meeting that are no side of it: "the truce committee, which
  includes officers from the US, France, Lebanon and Israel, met" is a meeting
  of all four, which the US and France mediate;
- third parties present at a meeting: "the Egyptian and Turkish ambassadors
  were also present at the meeting" (they attend, they do not negotiate);
- third parties working for the sides' deal: "Egypt, Qatar and the US have
  struggled to find a formula that could halt the war", "Egypt is working with
  Qatar and the US to revive the plan" (a deal sought *with* someone makes the
  seeker a party to it instead);
- the place a delegation travels to for talks hosts them, as the place talks
  are held in does: "both sides sent representatives to Washington for talks";
- a party credited for the mediating: "expressed gratitude to Oman for hosting
  the talks".

A side of the negotiation never mediates it: "the government said it would
facilitate the release" is its own part in the deal.

Which parties are sides comes from the article (``parties.negotiating_sides``),
widened to everyone on a side of a configured process (Hezbollah is on
Lebanon's side); with no two plain sides nobody is read as a third party.
The words are data (``data/third_parties.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Token

from truceline.data import load
from truceline.data.files import ProcessesFile, ThirdPartiesFile
from truceline.extract.actors import ActorMention, actors_of_phrase
from truceline.extract.events import EventMention
from truceline.extract.nlp import entities
from truceline.extract.syntax import doer
from truceline.record import EventType, Modality

_ATTENDING_PREPS = frozenset({"at", "in"})
_SIDE_NOUNS = frozenset({"side", "party"})


@dataclass(frozen=True)
class ThirdPartyWords:
    """``third_parties.yaml`` as lower-case sets."""

    aims: frozenset[str]
    settlements: frozenset[str]
    attendance: frozenset[str]
    motions: frozenset[str]
    credits: frozenset[str]

    @classmethod
    def from_data(cls, data: ThirdPartiesFile) -> ThirdPartyWords:
        return cls(
            aims=frozenset(w.lower() for w in data.aims),
            settlements=frozenset(w.lower() for w in data.settlements),
            attendance=frozenset(w.lower() for w in data.attendance),
            motions=frozenset(w.lower() for w in data.motions),
            credits=frozenset(w.lower() for w in data.credits),
        )


@cache
def words() -> ThirdPartyWords:
    """The bundled words, read once per process."""
    return ThirdPartyWords.from_data(load(ThirdPartiesFile))


@cache
def _process_sides() -> tuple[tuple[frozenset[str], ...], ...]:
    out = []
    for process in load(ProcessesFile).processes:
        sides = process.sides or {}
        out.append(tuple(frozenset(sides.get(p, [p])) for p in process.parties or ()))
    return tuple(out)


def side_groups(sides: list[str]) -> list[frozenset[str]]:
    """Each of the two sides with every party a configured process counts on it."""
    if len(sides) != 2:
        return []
    groups = [set(sides[:1]), set(sides[1:])]
    for process in _process_sides():
        if not all(any(side in members for members in process) for side in sides):
            continue
        for group, side in zip(groups, sides, strict=True):
            group.update(*(members for members in process if side in members))
    return [frozenset(g) for g in groups]


def _unique(mentions: list[ActorMention]) -> list[ActorMention]:
    seen: dict[str, ActorMention] = {}
    for m in mentions:
        seen.setdefault(m.actor_id, m)
    return list(seen.values())


def _with_companions(verb: Token) -> list[ActorMention]:
    """ "Egypt is working with Qatar and the US": the partners of the work."""
    out: list[ActorMention] = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            out.extend(actors_of_phrase(pobj))
    return out


def working_mediators(doc: Doc, groups: list[frozenset[str]]) -> list[EventMention]:
    """Third parties working for the sides' deal: "struggled to find a formula to halt the war"."""
    if len(groups) != 2:
        return []
    members = groups[0] | groups[1]
    lex = words()
    out: list[EventMention] = []
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in lex.aims:
            continue
        if token.dep_ not in ("xcomp", "advcl"):
            continue  # an aim ("to find a formula"), not a result ("they found one")
        aimed = [
            c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in lex.settlements
        ]
        if not aimed or any(
            c.dep_ == "prep" and c.lower_ == "with" for a in aimed for c in a.children
        ):
            continue  # "to reach a trade deal with Egypt": the seeker is a party to it
        subject = doer(token)
        if subject is None:
            continue
        workers = actors_of_phrase(subject)
        if not workers or any(m.actor_id in members for m in workers):
            continue
        governor = token.head if token.head.pos_ in ("VERB", "AUX") else token
        partners = [m for m in _with_companions(governor) if m.actor_id not in members]
        out.append(
            EventMention(
                type=EventType.MEDIATE, trigger=governor.i, actors=_unique([*workers, *partners])
            )
        )
    return out


def attended(trigger: Token) -> bool:
    """ "Were present at the meeting", "attended the talks", "took part in the talks"."""
    lex = words()
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ in _ATTENDING_PREPS:
        head = head.head
    elif trigger.dep_ != "dobj":
        return False
    return head.lemma_.lower() in lex.attendance or any(
        c.dep_ == "dobj" and c.lemma_.lower() in lex.attendance for c in head.children
    )


def attendees(trigger: Token) -> list[str]:
    """ "Talks attended by the UN and the Red Cross": who attends what the trigger names."""
    lex = words()
    out: list[str] = []
    for clause in (c for c in trigger.children if c.dep_ in ("acl", "relcl")):
        if clause.lemma_.lower() not in lex.attendance:
            continue
        for agent in (c for c in clause.children if c.dep_ == "agent"):
            for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                out.extend(m.actor_id for m in actors_of_phrase(pobj) if m.actor_id not in out)
    return out


def meeting_mediators(
    actors: list[str], modality: Modality, trigger: Token, groups: list[frozenset[str]]
) -> tuple[list[str], bool]:
    """The third parties of a meeting, and whether the meeting stands as one of its own.

    A meeting with both sides and others: the others mediate it too. Third
    parties attending with no side named in the clause mediate only: "the US
    and Chinese ambassadors were also present at the meeting".
    """
    if len(groups) != 2 or modality in (Modality.POSSIBLE, Modality.NEGATED):
        return [], True
    guests = [a for a in attendees(trigger) if a not in actors and not any(a in g for g in groups)]
    third = [a for a in actors if not any(a in g for g in groups)]
    if guests and any(a in g for a in actors for g in groups):
        return [*third, *guests], True  # "at talks attended by the UN, A and B agreed"
    if not third:
        return [], True
    represented = [g for g in groups if any(a in g for a in actors)]
    if not represented and attended(trigger):
        return third, False
    if len(represented) == 2:
        return third, True
    return [], True


def destination(trigger: Token) -> str | None:
    """Where a delegation travels for talks: "sent representatives to Washington"."""
    if trigger.lemma_.lower() not in words().motions:
        return None
    holders = [trigger, *(c for c in trigger.children if c.dep_ == "dobj")]
    for holder in holders:
        for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ == "to"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if pobj.ent_type_ in ("GPE", "LOC"):
                    ent = next(
                        (e for e in entities(trigger.doc) if e.start <= pobj.i < e.end), None
                    )
                    return ent.text if ent is not None else pobj.text
    return None


def credited(mention: EventMention, doc: Doc) -> EventMention:
    """ "Expressed gratitude to Oman for hosting the talks": the party credited mediates.

    So does the party a mediation goes through: "the deal, brokered through
    Trump's talks with both leaders", "brokered via Qatar".
    """
    if mention.type != EventType.MEDIATE or mention.actors:
        return mention
    verb = doc[mention.trigger]
    through = _through(verb)
    if through:
        return replace(mention, actors=through)
    if verb.dep_ != "pcomp" or verb.head.lower_ != "for":
        return mention
    governor = verb.head.head
    lex = words()
    holders = [c for c in governor.children if c.dep_ == "dobj" and c.lemma_.lower() in lex.credits]
    if governor.lemma_.lower() in lex.credits:
        holders.append(governor)
    found: list[ActorMention] = []
    for holder in (governor, *holders) if holders else ():
        for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ == "to"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                found.extend(actors_of_phrase(pobj))
    return replace(mention, actors=_unique(found)) if found else mention


def no_sides(actors: list[str], groups: list[frozenset[str]]) -> list[str]:
    """The mediators among ``actors``: a side of the negotiation does not mediate it."""
    return [a for a in actors if not any(a in g for g in groups)]


def _through(verb: Token) -> list[ActorMention]:
    """The parties of "brokered through X's efforts", "mediated via Qatar"."""
    found: list[ActorMention] = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("through", "via")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for node in (pobj, *pobj.conjuncts):
                found.extend(actors_of_phrase(node))
    return _unique(found)


def sides_misnamed(trigger: Token, actors: list[str], groups: list[frozenset[str]]) -> bool:
    """ "Informed the Saudi and American sides of their readiness to sign": sides that are none.

    A subject "the X and Y sides" names the sides of the negotiation; when
    the article's sides are plain and neither X nor Y is one of them, the
    phrase is read as the negotiation's sides, as "the two sides" is.
    """
    subject = doer(trigger)
    if subject is None or len(groups) != 2 or not actors:
        return False
    if subject.lemma_.lower() not in _SIDE_NOUNS or subject.tag_ not in ("NNS", "NNPS"):
        return False
    return not any(a in g for a in actors for g in groups)
