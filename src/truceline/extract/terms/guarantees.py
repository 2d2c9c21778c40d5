"""Guarantees of a deal and who gives them, as the words of the text."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from truceline.extract.terms.lexicon import TermLexicon
from truceline.extract.terms.parse import (
    TermMention,
    conjuncts,
    entity_text,
    is_in,
    is_nominal,
    is_party_word,
    is_verbal,
    lemma_of,
    mention,
    np_start,
)


def _guarantors_of(noun: Token, lex: TermLexicon) -> list[Token]:
    parties: list[Token] = []
    for c in noun.lefts:
        # "US guarantees", "European and American security guarantees"
        for m in c.subtree:
            if m.dep_ in ("compound", "amod", "poss", "nmod", "conj") and is_party_word(m):
                parties.append(m)
    for p in noun.children:
        if p.dep_ == "prep" and p.lower_ in ("from", "by"):
            for obj in p.children:
                if obj.dep_ == "pobj":
                    parties.extend(o for o in conjuncts(obj) if is_party_word(o))
    if parties:
        return parties
    if is_in(noun, lex.guarantor_nouns):
        return _guarantor_noun_parties(noun)
    head = noun.head
    if noun.dep_ == "dobj" and lemma_of(head) in lex.guarantee_giving_verbs:
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if not subjects and head.dep_ in ("xcomp", "conj"):
            subjects = [c for c in head.head.children if c.dep_ == "nsubj"]
        return [o for s in subjects for o in conjuncts(s) if is_party_word(o)]
    return []


def _guarantor_noun_parties(noun: Token) -> list[Token]:
    """ "Egypt, Qatar and the US as guarantors", "the guarantors, Egypt and Qatar"."""
    found = [o for c in noun.children if c.dep_ == "appos" for o in conjuncts(c)]
    if noun.dep_ == "attr":
        found += [o for c in noun.head.children if c.dep_ == "nsubj" for o in conjuncts(c)]
    if noun.dep_ == "pobj" and noun.head.lower_ == "as":
        holder = noun.head.head
        if is_party_word(holder):
            found += conjuncts(holder)
        else:
            found += [
                o
                for p in holder.children
                if p.dep_ == "prep" and p.lower_ == "with"
                for c in p.children
                if c.dep_ == "pobj"
                for o in conjuncts(c)
            ]
    return [t for t in found if is_party_word(t)]


def guarantee_terms(sent: Span, lex: TermLexicon) -> Iterator[TermMention]:
    doc = sent.doc
    for t in sent:
        if is_nominal(t) and (is_in(t, lex.guarantee_nouns) or is_in(t, lex.guarantor_nouns)):
            parties = _guarantors_of(t, lex)
            first, last = np_start(t), t.i
        elif is_verbal(t) and lemma_of(t) == "guarantee":
            objs = [c for c in t.children if c.dep_ == "dobj" and is_in(c, lex.guaranteed_things)]
            if not objs:
                continue
            parties = [
                o for c in t.children if c.dep_ == "nsubj" for o in conjuncts(c) if is_party_word(o)
            ]
            first, last = t.i, objs[0].i
        else:
            continue
        if parties:
            first = min(first, *(p.left_edge.i for p in parties))
            last = max(last, *(p.i for p in parties))
        for party in parties:
            yield mention(doc, "guarantees", entity_text(party), first, last)
