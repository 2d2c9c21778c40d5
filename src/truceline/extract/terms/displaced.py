"""The return of displaced people to their homes."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from truceline.extract.terms.lexicon import TermLexicon
from truceline.extract.terms.parse import (
    SUBJECTS,
    TermMention,
    is_in,
    is_nominal,
    lemma_of,
    mention,
    np_start,
    right_end,
)


def _is_displaced(t: Token, lex: TermLexicon) -> bool:
    return is_in(t, lex.displaced_nouns) or any(c.lower_ == "displaced" for c in t.lefts)


def displaced_terms(sent: Span, lex: TermLexicon) -> Iterator[TermMention]:
    doc = sent.doc
    for t in sent:
        if lemma_of(t) != "return":
            continue
        if t.dep_ == "pobj" and t.head.lower_ == "of" and lemma_of(t.head.head) == "right":
            continue  # the right of return is a different issue
        people: Token | None = None
        if is_nominal(t):
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    people = next((o for o in p.children if _is_displaced(o, lex)), None)
            first = np_start(t)
        else:
            people = next(
                (c for c in t.children if c.dep_ in SUBJECTS and _is_displaced(c, lex)), None
            )
            if people is None and t.dep_ in ("xcomp", "ccomp"):
                people = next(
                    (c for c in t.head.children if c.dep_ == "dobj" and _is_displaced(c, lex)),
                    None,
                )
            first = min(t.i, people.left_edge.i) if people is not None else t.i
        if people is None:
            continue
        last = max(people.i, right_end(t, ("to",)))
        yield mention(doc, "displaced_return", True, first, last)
