"""Withdrawal of forces: the place as value, the direction as qualifier.

A withdrawal with no place but a scope ("a full withdrawal") has value
``None`` and the scope as qualifier.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from truceline.extract.terms.lexicon import TermLexicon
from truceline.extract.terms.parse import (
    TermMention,
    is_in,
    is_nominal,
    is_verbal,
    lemma_of,
    mention,
    np_start,
    particle_of,
    phrase_text,
)


def _place_after(t: Token, lex: TermLexicon) -> tuple[Token, str] | None:
    """The pobj of a "from"/"to"/"out of" phrase under ``t`` and the direction."""
    for c in t.children:
        if c.dep_ not in ("prep", "prt", "advmod"):
            continue
        direction = c.lower_
        if direction in lex.compass_words and any(p.lower_ == "of" for p in c.children):
            return c, "to"  # "withdraw north of the Litani River"
        objs = [o for o in c.children if o.dep_ == "pobj"]
        if direction in ("out", "back") and not objs:
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ in ("of", "from", "to"):
                    objs = [o for o in p.children if o.dep_ == "pobj"]
                    direction = "from" if p.lower_ in ("of", "from") else "to"
        elif direction == "out":
            direction = "from"
        if direction not in ("from", "to") or not objs:
            continue
        place = objs[0]
        if is_in(place, lex.not_ground) or place.pos_ == "PRON":  # "the line to which ..."
            return None
        return place, direction
    return None


def withdrawal_terms(sent: Span, lex: TermLexicon) -> Iterator[TermMention]:
    doc = sent.doc
    for t in sent:
        if is_verbal(t) and lemma_of(t) in lex.withdraw_verbs:
            particles = lex.withdraw_particles.get(lemma_of(t))
            if particles is not None and particle_of(t) not in particles:
                continue
            objs = [c for c in t.children if c.dep_ == "dobj"]
            if any(is_in(o, lex.not_ground) for o in objs):
                continue
            found = _place_after(t, lex) or next(
                (p for o in objs if (p := _place_after(o, lex))), None
            )
            if found is None:
                continue
            place, direction = found
            subjects = [c for c in t.children if c.dep_ == "nsubj"]
            if not subjects and t.dep_ in ("xcomp", "conj"):
                subjects = [c for c in t.head.children if c.dep_ == "nsubj"]
            party = phrase_text(subjects[0]) if subjects else None
            yield mention(
                doc,
                "withdrawal",
                _place_text(place),
                t.i,
                place.right_edge.i,
                qualifier=direction,
                party=party,
            )
        elif is_nominal(t) and is_in(t, lex.withdraw_nouns):
            of_objs = [
                o
                for p in t.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children
                if o.dep_ == "pobj"
            ]
            found = _place_after(t, lex) or next(
                (p for o in of_objs if (p := _place_after(o, lex))), None
            )
            party = _withdrawing_party(t, of_objs)
            if found is not None:
                place, direction = found
                yield mention(
                    doc,
                    "withdrawal",
                    _place_text(place),
                    np_start(t),
                    place.right_edge.i,
                    qualifier=direction,
                    party=party,
                )
                continue
            scope = next(
                (
                    c.lower_
                    for c in t.lefts
                    if c.dep_ == "amod" and c.lower_ in lex.withdraw_qualifiers
                ),
                None,
            )
            if scope is not None:
                last = max([t.i, *(o.i for o in of_objs)])
                yield mention(
                    doc, "withdrawal", None, np_start(t), last, qualifier=scope, party=party
                )


def _place_text(place: Token) -> str:
    span = place.doc[place.left_edge.i : place.right_edge.i + 1]
    while len(span) > 1 and span[-1].is_punct:
        span = span[:-1]
    return span.text


def _withdrawing_party(noun: Token, of_objs: list[Token]) -> str | None:
    for t in (noun, *of_objs):
        for c in t.lefts:
            if c.dep_ == "poss" and c.pos_ == "PROPN":
                return phrase_text(c)
            if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG"):
                return c.text
    return None
