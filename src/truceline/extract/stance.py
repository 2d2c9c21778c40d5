"""Stances said in passing: a condition is a demand, a refused acceptance a rejection.

News states positions through other events: "Moscow will only agree to a truce
if Kyiv withdraws" reports no agreement but Moscow's demand; "Hamas will not
accept the plan" reports no acceptance but a rejection; "Hamas insisted on a
withdrawal before agreeing to free more captives" holds only the demand, the
agreeing is its other half. These rules read such stances off the parse.
"""

from __future__ import annotations

from spacy.tokens import Token

from truceline.data import load
from truceline.data.files import EventsFile
from truceline.extract.syntax import doer

_CONDITIONS = load(EventsFile).conditions
_RESTRICTORS = frozenset(_CONDITIONS.restrictors)
_MARKS = frozenset(_CONDITIONS.marks)
_PREPS = frozenset(_CONDITIONS.preps)


def _restricted(token: Token) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ in _RESTRICTORS for c in token.children)


def conditioned(token: Token, accepting: bool = False) -> bool:
    """Whether ``token`` will be done "only if"/"only after" something: its doer's condition.

    The restrictor stands on the event ("will only agree ... if") or on its
    condition ("released only after the fighting ends", "only if Israel ...").
    Accepting "only" a thing is a condition too: "will only accept a permanent
    ceasefire" demands one. A stance looks ahead: "Israel only agreed after weeks of talks" tells what
    happened, so the event is modal or in the present tense.
    """
    if not _prospective(token):
        return False
    own = _restricted(token)
    if own and accepting:
        return True
    for child in token.children:
        if child.dep_ == "advcl":
            marks = [m for m in child.children if m.dep_ == "mark" and m.lower_ in _MARKS]
            if marks and (own or _restricted(child) or any(_restricted(m) for m in marks)):
                return True
        elif child.dep_ == "prep" and child.lower_ in _PREPS and (own or _restricted(child)):
            return True
    return False


def _prospective(token: Token) -> bool:
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in token.children):
        return True
    return token.tag_ in ("VBZ", "VBP") or (
        token.tag_ == "VBN"
        and any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in token.children)
    )


def condition_half(token: Token, is_demand: bool) -> bool:
    """ "Insisted on a withdrawal before agreeing to ...": the agreeing is the demand's condition.

    ``is_demand`` says whether the verb the "before"/"until" phrase hangs on is a demand.
    """
    return token.dep_ == "pcomp" and token.head.lower_ in ("before", "until") and is_demand


def refused(token: Token) -> bool:
    """Whether an acceptance is said not to be given: then it is a rejection.

    "Hamas will not accept the plan", "Russia is not committed to the truce"
    and "Had Hamas accepted the proposal, ..." (it did not) reject it; "has not
    (yet) accepted" is still pending, and "crucial for the US not to accept"
    only says what someone wants.
    """
    children = list(token.children)
    if any(c.dep_ == "advmod" and c.lower_ in ("yet", "still") for c in children):
        return False
    pending = any(c.dep_ == "aux" and c.lemma_.lower() in ("have", "to") for c in children)
    negated = any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in children)
    if negated and not pending:
        return True
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    return subject is not None and any(
        c.dep_ == "aux" and c.lower_ == "had" and c.i < subject.i for c in children
    )


_MUTUAL = load(EventsFile).mutual
_MUTUAL_VERBS = frozenset(_MUTUAL.verbs)
_MUTUAL_MODIFIERS = frozenset(_MUTUAL.modifiers)


def mutual_parties(noun: Token) -> list[Token] | None:
    """Who trade an accusation that goes both ways; ``None`` when it goes one way.

    "Israel and Hezbollah traded accusations" (the trading verb's doer),
    "accusations from both Lebanon and Israel" (a "from" phrase naming two),
    "mutual accusations" (no one named: the negotiation's sides, ``[]``).
    Each of them is said to have done what the accusation names.
    """
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _MUTUAL_VERBS:
        subject = doer(noun.head)
        return [subject] if subject is not None else []
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "between")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if pobj.conjuncts:
                return [pobj]
    if any(c.dep_ == "amod" and c.lower_ in _MUTUAL_MODIFIERS for c in noun.children):
        return []
    return None


def judged_not(token: Token) -> bool:
    """ "Qatar was not optimistic": a judgement denied on its copula is the opposite judgement."""
    return token.dep_ == "acomp" and any(
        c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in token.head.children
    )


def no_acceptance(token: Token) -> bool:
    """An acceptance a sentence names without anyone giving it.

    "Kinshasa failed to honour the agreement" is a violation, no acceptance;
    "it is crucial for the US not to accept the conditions" says what the
    speaker wants, it reports no one accepting anything.
    """
    if token.dep_ == "xcomp" and token.head.lemma_.lower() == "fail":
        return True
    children = list(token.children)
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in children) and any(
        c.dep_ == "mark" and c.lower_ == "for" for c in children
    )
