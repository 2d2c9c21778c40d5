"""What every term family reads a parse with: the mention type and shared helpers.

A term finder walks a sentence from an anchor word; these helpers name the
steps they share (a word's lemma, the start of its noun phrase, its
conjuncts, a run of number words) so each family reads as its rule alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from truceline.extract.nlp import entities
from truceline.extract.numbers import (
    number_words,
)
from truceline.record import CountRole, TermValue


@dataclass(frozen=True)
class TermMention:
    """One term and the characters of ``doc.text`` that carry it.

    ``doc.text[start:end]`` is the evidence phrase; ``token_start``/``token_end``
    are the same span as token indices (end exclusive), for matching terms to
    the clause of an event.
    """

    issue: str
    value: TermValue
    start: int
    end: int
    unit: str | None = None
    party: str | None = None
    qualifier: str | None = None
    token_start: int = 0
    token_end: int = 0
    count_role: CountRole | None = None


COUNT_SKIP_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"})


SUBJECTS = frozenset({"nsubj", "nsubjpass"})


_NP_LEFT_DEPS = frozenset(
    {"det", "predet", "amod", "compound", "nummod", "quantmod", "poss", "nmod", "advmod", "case"}
)


def _lower(t: Token) -> str:
    return t.lower_


def lemma_of(t: Token) -> str:
    return t.lemma_.lower()


def is_in(t: Token, words: frozenset[str]) -> bool:
    return t.lower_ in words or t.lemma_.lower() in words


def is_nominal(t: Token) -> bool:
    return t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or t.tag_.startswith("NN")


def is_verbal(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX")


def conjuncts(t: Token) -> list[Token]:
    return [t, *t.conjuncts]


def mention(
    doc: Doc | Span, issue: str, value: TermValue, first: int, last: int, **extra: str | None
) -> TermMention:
    """A mention over tokens ``first``..``last`` (inclusive), with character offsets."""
    d = doc.doc if isinstance(doc, Span) else doc
    first, last = min(first, last), max(first, last)  # a phrase found right-to-left
    while last > first and d[last].is_punct:
        last -= 1
    start = d[first].idx
    end = d[last].idx + len(d[last].text)
    return TermMention(
        issue=issue,
        value=value,
        start=start,
        end=end,
        token_start=first,
        token_end=last + 1,
        **extra,
    )


def np_start(t: Token) -> int:
    """First token of the noun phrase headed by ``t`` (determiners and modifiers).

    A verb starts its own phrase: its subject and auxiliaries are not evidence.
    """
    start = t.i
    if is_verbal(t):
        return start
    for child in t.lefts:
        if child.dep_ in _NP_LEFT_DEPS or child.dep_ == "punct":
            start = min(start, child.left_edge.i)
    return start


def phrase_text(t: Token) -> str:
    """The name a token stands for: itself with its compounds and flat-name parts."""
    start = t.i
    for child in t.lefts:
        if child.dep_ in ("compound", "amod", "det", "poss", "nmod"):
            start = min(start, child.left_edge.i)
    words = t.doc[start : t.i + 1]
    text = words.text
    if words[0].lower_ == "the" and len(words) > 1:
        text = words[1:].text
    return text


def particle_of(t: Token) -> str | None:
    for child in t.children:
        if child.dep_ in ("prt", "advmod", "prep", "acomp") and child.i == t.i + 1:
            return child.lower_
    return None


def ancestors(t: Token, limit: int = 10) -> Iterator[tuple[Token, Token]]:
    """``(child, head)`` pairs up the tree from ``t``, within its sentence."""
    child = t
    for _ in range(limit):
        head = child.head
        if head.i == child.i:
            return
        yield child, head
        child = head


def right_end(noun: Token, preps: tuple[str, ...]) -> int:
    last = noun.i
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ in preps:
            last = max(last, c.right_edge.i)
    return last


def entity_text(t: Token) -> str:
    for ent in entities(t.doc):
        if ent.start <= t.i < ent.end:
            text = ent.text
            return text[4:] if text.lower().startswith("the ") else text
    return phrase_text(t)


def is_party_word(t: Token) -> bool:
    return t.ent_type_ in ("GPE", "NORP", "ORG") or t.pos_ == "PROPN"


def is_numberish(t: Token) -> bool:
    lex = number_words()
    w = t.lower_
    return t.like_num or lex.is_number_word(w) or w in ("and", "-", "a", "an")


def number_run(tokens: list[Token]) -> tuple[int, int] | None:
    """The first and last index of the number words among ``tokens``."""
    idx = [t.i for t in tokens if is_numberish(t) and t.lower_ not in ("and", "-", "a", "an")]
    if not idx:
        return None
    first, last = min(idx), max(idx)
    doc = tokens[0].doc
    # "a dozen", "an estimated": keep the article that belongs to the number.
    if (
        first > 0
        and doc[first - 1].lower_ in ("a", "an")
        and doc[first].lower_
        in (
            "dozen",
            "hundred",
            "thousand",
            "couple",
        )
    ):
        first -= 1
    return first, last
