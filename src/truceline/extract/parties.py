"""The sides of the negotiation an article is about.

Some events name no doer because the article takes its sides as known: "the
first phase of the ceasefire concluded on Saturday" (a ceasefire between the
two sides), "Hamas handed over four bodies in exchange for hundreds of
Palestinian prisoners" (released by the other side). The sides are read from
the article itself: first from an explicit "between X and Y" on a word for a
deal or talks, else the two parties it names most, leaving out mediators.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from truceline.extract.actors import actors_of_phrase

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


def _between(token: Token) -> list[str]:
    ids: list[str] = []
    for pobj in (c for c in token.children if c.dep_ == "pobj"):
        for node in (pobj, *pobj.conjuncts):
            for m in actors_of_phrase(node):
                if m.actor_id not in ids:
                    ids.append(m.actor_id)
    return ids


def named_sides(doc: Doc) -> list[str]:
    """The sides as the article names them: "a ceasefire between Israel and Hamas"."""
    for token in doc:
        if token.lower_ == "between" and token.head.lemma_.lower() in _DEAL_WORDS:
            ids = _between(token)
            if len(ids) == 2:
                return ids
    return []


def negotiating_sides(doc: Doc, mediators: Iterable[str] = ()) -> list[str]:
    """The two sides the article's negotiation is between, or fewer when unclear.

    Named sides win; otherwise the two parties the article names most,
    mediators left out, which is a guess that callers should only use for
    events that must have two sides (a ceasefire).
    """
    named = named_sides(doc)
    if named:
        return named
    skip = set(mediators)
    counts = Counter(m.actor_id for m in doc._.actor_mentions or () if m.actor_id not in skip)
    top = [ident for ident, n in counts.most_common(2) if n >= 2]
    return top if len(top) == 2 else []


def counterpart(actor: str, sides: list[str]) -> str | None:
    """The other side of ``actor`` in a two-sided negotiation."""
    if len(sides) == 2 and actor in sides:
        return sides[1] if sides[0] == actor else sides[0]
    return None
