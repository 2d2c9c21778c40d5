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
