"""The sides of the negotiation an article is about.

Some events name no doer because the article takes its sides as known: "the
first phase of the ceasefire concluded on Saturday" (a ceasefire between the
two sides), "Hamas handed over four bodies in exchange for hundreds of
Palestinian prisoners" (released by the other side). The sides are read from
the article itself: first from an explicit "between X and Y" on a word for a
deal or talks, then from a configured process (``data/processes.yaml``) whose
two sides the article both names, else the two parties it names most, leaving
out mediators. A country named as a place ("strikes in Lebanon") is not
counted as a party.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache

from spacy.tokens import Doc, Token

from truceline.data import load
from truceline.data.files import ProcessesFile
from truceline.data.gazetteer import Gazetteer
from truceline.extract.actors import (
    ActorMention,
    actors_of_phrase,
    is_venue,
    names_a_backer,
    seat_of_power,
)

_DEAL_WORDS = frozenset(
    {
        "ceasefire",
        "truce",
        "agreement",
        "deal",
        "talks",
        "negotiations",
        "negotiation",
        "exchange",
        "swap",
        "war",
        "fighting",
        "conflict",
        "accord",
        "understanding",
        "hostilities",
        "fight",
    }
)
_DEAL_VERBS = frozenset({"reach", "sign", "strike", "seal", "clinch", "conclude"})
_PLACE_PREPOSITIONS = frozenset(
    {"in", "inside", "into", "across", "throughout", "within", "near", "at", "toward", "towards"}
)


def _between(token: Token) -> list[str]:
    ids: list[str] = []
    for pobj in (c for c in token.children if c.dep_ == "pobj"):
        for node in (pobj, *pobj.conjuncts):
            for m in actors_of_phrase(node):
                if m.actor_id not in ids:
                    ids.append(m.actor_id)
    return ids


def named_sides(doc: Doc) -> list[str]:
    """The sides as the article names them: "a ceasefire between Israel and Hamas".

    Else the two parties its lead says made a deal: "the regime and the MNDAA
    reached a ceasefire agreement" (its headline and first sentence only: later
    ones may tell of other deals).
    """
    for token in doc:
        if token.lower_ == "between" and token.head.lemma_.lower() in _DEAL_WORDS:
            ids = _between(token)
            if len(ids) == 2:
                return ids
    lead = [t for _, sent in zip(range(2), doc.sents, strict=False) for t in sent]
    for token in lead:
        if token.lemma_.lower() not in _DEAL_VERBS or token.pos_ != "VERB":
            continue
        if not any(c.dep_ == "dobj" and c.lemma_.lower() in _DEAL_WORDS for c in token.children):
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        ids = list(dict.fromkeys(m.actor_id for m in actors_of_phrase(subject))) if subject else []
        if len(ids) == 2:
            return ids
    return []


def party_counts(doc: Doc) -> Counter[str]:
    """How often the article names each party as a party, not as a place."""
    return Counter(m.actor_id for m in doc._.actor_mentions or () if not _as_place(m, doc))


def _as_place(mention: ActorMention, doc: Doc) -> bool:
    root = doc[mention.start : mention.end].root
    if root.dep_ != "pobj" or seat_of_power(root.head):
        return False  # "the regime in Naypyidaw" names the state that rules from there
    return root.head.lower_ in _PLACE_PREPOSITIONS


@cache
def _processes() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Each bundled process as its sides, each side the members that stand for it.

    Read from the data file, below both layers: the negotiation reads the same
    file (with the user's additions) for its own purposes.
    """
    out = []
    for process in load(ProcessesFile).processes:
        sides = process.sides or {}
        out.append(tuple(tuple(sides.get(p, [p])) for p in process.parties or ()))
    return tuple(out)


def process_sides(counts: Counter[str]) -> list[str]:
    """The sides of the configured process whose two sides the article both names.

    Each side is the member the article names most ("Hezbollah" more than
    "Lebanon" gives HEZBOLLAH); of several fitting processes, the one named
    most wins (an article on Gaza that mentions Hezbollah once is about Gaza).
    A process's mediators are then never taken for a side.
    """
    best: tuple[int, list[str]] = (0, [])
    for members in _processes():
        named = [sum(counts[a] for a in side) for side in members]
        if len(named) == 2 and all(named) and sum(named) > best[0]:
            best = (sum(named), [max(side, key=lambda a: counts[a]) for side in members])
    return best[1]


def negotiating_sides(
    doc: Doc, mediators: Iterable[str] = (), gazetteer: Gazetteer | None = None
) -> list[str]:
    """The two sides the article's negotiation is between, or fewer when unclear.

    Named sides win, then the sides of a configured process the article
    names; otherwise the two parties the article names most, leaving out
    mediators, organisations (the UN or the Red Cross attends talks, it is
    not one of their sides), backers ("Rwanda-backed rebels") and cities
    named as venues ("talks in Muscat"). That is a guess that callers
    should only use for events that must have two sides (a ceasefire, "the
    two sides agreed").
    """
    named = named_sides(doc)
    if named:
        return named
    counts = party_counts(doc)
    known = process_sides(counts)
    if known:
        return known
    skip = set(mediators)
    counts = Counter(
        m.actor_id
        for m in doc._.actor_mentions or ()
        if m.actor_id not in skip and not _as_place(m, doc) and not _aside(m, doc, gazetteer)
    )
    top = [ident for ident, n in counts.most_common(2) if n >= 2]
    return top if len(top) == 2 else []


def _aside(mention: ActorMention, doc: Doc, gazetteer: Gazetteer | None) -> bool:
    """Whether a mention names no side: an organisation, a backer or a venue city."""
    token = doc[mention.start]
    if names_a_backer(token):
        return True
    if gazetteer is None:
        return False
    if gazetteer.kind_of(mention.actor_id) == "organisation":
        return True
    return is_venue(doc, mention.start, mention.end, gazetteer.name_of(mention.actor_id))


def counterpart(actor: str, sides: list[str]) -> str | None:
    """The other side of ``actor`` in a two-sided negotiation."""
    if len(sides) == 2 and actor in sides:
        return sides[1] if sides[0] == actor else sides[0]
    return None
