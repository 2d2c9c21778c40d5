"""How a sentence presents an event: as fact, plan, possibility or denial.

:func:`modality_of` takes the trigger of an event (a verb such as "released"
or a noun such as "release", "ceasefire") and returns one of the four values
of ``ONTOLOGY.md``: ``"actual"``, ``"future"``, ``"possible"``, ``"negated"``.

It reads the trigger's own clause first, then climbs the parse:

1. The trigger's own words: a conditional subordinator ("if", "unless") makes
   it *possible*; a negation ("not", "never", a "no" determiner, a subject such
   as "neither ... nor" or "nobody") makes it *negated*; a modal ("could",
   "would", "may") or an adjective ("potential", "proposed") makes it
   *possible*; "will", "planned", "upcoming" or a future time word on a
   non-past clause make it *future*.
2. Its governors, up the tree: "refused to", "failed to", "has yet to",
   "denied that", "postponed the release", "without" negate; "is set to",
   "is expected to", "agreed to", "awaiting" make it future; "seeks to",
   "hopes to", "efforts to", "talks on", "proposing that" make it possible.
   Through ``xcomp`` and nominal links ("the release of ...") the governor's
   own modality is inherited too ("did not agree to release" is negated); a
   reported clause ("said that ...") keeps its own.

So a verb that proposes is actual ("Israel proposed a truce") while what it
proposes is possible ("proposing that Hamas release ..."). The cue words are in
``data/modality.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from truceline.data import load
from truceline.data.files import ModalityFile

ACTUAL = "actual"
FUTURE = "future"
POSSIBLE = "possible"
NEGATED = "negated"

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_GOVERNED = frozenset(
    {
        "xcomp",
        "ccomp",
        "dobj",
        "pobj",
        "prep",
        "pcomp",
        "acl",
        "nsubjpass",
        "attr",
        "dative",
    }
)
_INHERITING = frozenset(
    {
        "xcomp",
        "dobj",
        "pobj",
        "prep",
        "pcomp",
        "nsubj",
        "nsubjpass",
        "attr",
        "oprd",
        "dative",
        "compound",
        "appos",
        "npadvmod",
        "amod",
        "nmod",
        "poss",
        "agent",
    }
)
_CLAUSE_BOUNDARIES = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj"})


@dataclass(frozen=True)
class ModalityCues:
    """The cue words of ``modality.yaml`` as frozen sets."""

    conditional_marks: frozenset[str]
    hypothesis_marks: frozenset[str]
    prospective_marks: frozenset[str]
    temporal_marks: frozenset[str]
    negators: frozenset[str]
    negative_subjects: frozenset[str]
    possible_modals: frozenset[str]
    future_modals: frozenset[str]
    possible_adjectives: frozenset[str]
    future_adjectives: frozenset[str]
    future_time_words: frozenset[str]
    negating_governors: frozenset[str]
    negating_predicates: frozenset[str]
    future_governors: frozenset[str]
    possible_governors: frozenset[str]
    possible_predicates: frozenset[str]
    reporting_verbs: frozenset[str]
    light_verbs: frozenset[str]
    scheduled_days: frozenset[str]
    scheduling_modals: frozenset[str]


@cache
def modality_cues() -> ModalityCues:
    """Load ``data/modality.yaml`` once per process."""
    raw = load(ModalityFile).model_dump()
    return ModalityCues(**{k: frozenset(str(w).lower() for w in v) for k, v in raw.items()})


def _is(t: Token, words: frozenset[str]) -> bool:
    return t.lower_ in words or t.lemma_.lower() in words


def _is_verbal(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX")


def _is_past(t: Token) -> bool:
    if t.tag_ == "VBD":
        return True
    return t.tag_ == "VBN" and any(
        a.dep_ in ("aux", "auxpass") and a.tag_ in ("VBD", "VBZ", "VBP") for a in t.children
    )


def _negated_subject(t: Token, cues: ModalityCues) -> bool:
    for subj in t.children:
        if subj.dep_ not in _SUBJECTS:
            continue
        if _is(subj, cues.negative_subjects) or subj.lower_ == "no one":
            return True
        if any(
            c.lower_ in ("no", "neither") and c.dep_ in ("det", "preconj") for c in subj.children
        ):
            return True
    return False


def _own(t: Token, cues: ModalityCues) -> str | None:
    """The modality the trigger's own words give it, if any."""
    children = list(t.children)
    if _is_verbal(t) and any(
        c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in children
    ):
        return POSSIBLE
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in children):
        return NEGATED
    if (
        _is_verbal(t)
        and t.tag_ in ("VBZ", "VBP")
        and any(c.dep_ == "mark" and c.lower_ in cues.prospective_marks for c in children)
    ):
        return FUTURE  # "before the ceasefire begins on Sunday": it has not begun
    if _is_verbal(t) and any(c.dep_ == "punct" and c.text == "?" for c in children):
        return POSSIBLE  # "Will Hamas free the hostages?" asks, it does not tell
    if _is_verbal(t) and any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in cues.hypothesis_marks for m in c.children)
        for c in children
    ):
        return POSSIBLE  # "If Hamas frees them, Israel will release ...": only on that condition
    if any(c.dep_ == "det" and c.lower_ == "no" for c in children):
        return NEGATED
    if _is_verbal(t):
        if _negated_subject(t, cues):
            return NEGATED
        if any(
            c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
            for c in children
        ):
            return NEGATED
    if _headline_infinitive(t, children, cues) or _passive_infinitive_modifier(t, children):
        return FUTURE
    if _purpose_infinitive(t, children):
        return POSSIBLE
    modals = [c for c in children if c.dep_ == "aux" and c.tag_ == "MD"]
    if (
        any(_is(m, cues.scheduling_modals) for m in modals)
        and _on_a_day(t, cues)
        and not _has_condition(t, cues)
    ):
        return FUTURE  # "would be handed over on Sunday": a schedule in reported speech
    if any(_is(m, cues.possible_modals) for m in modals):
        return POSSIBLE
    if not _is_verbal(t) and any(
        c.dep_ in ("amod", "compound", "nmod") and _is(c, cues.possible_adjectives)
        for c in children
    ):
        return POSSIBLE
    if any(_is(m, cues.future_modals) for m in modals):
        return FUTURE
    if not _is_verbal(t) and any(
        c.dep_ in ("amod", "compound", "nmod") and _is(c, cues.future_adjectives) for c in children
    ):
        return FUTURE
    if not _is_past(t) and _future_time(t, cues):
        return FUTURE
    return None


def _headline_infinitive(t: Token, children: list[Token], cues: ModalityCues) -> bool:
    """Headline English: "Hamas to free six hostages on Saturday" announces, it does not report.

    A main-clause infinitive with its own subject and no finite verb above it
    only occurs in headlines and captions, where it means "is to"; so does one
    a reporting verb introduces ("Qatar says Hamas to free 33 hostages"). A
    verb conjoined to it shares it ("... to hand over four bodies and free
    six"), through the climb over ``conj`` in :func:`_modality`.
    """
    main = t.dep_ == "ROOT" or (t.dep_ == "conj" and t.head.dep_ == "ROOT")
    reported = t.dep_ == "ccomp" and _is(t.head, cues.reporting_verbs)
    return (
        _is_verbal(t)
        and (main or reported)
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in children)
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in children)
    )


def _passive_infinitive_modifier(t: Token, children: list[Token]) -> bool:
    """ "Prisoners to be released on Sunday", "the total to be freed": not done yet.

    The parser attaches these as relative, adverbial or even subject clauses
    ("the six to be freed on Saturday are ..."), which otherwise keep their
    own (actual) modality.
    """
    return (
        _is_verbal(t)
        and t.dep_ in ("relcl", "advcl", "acl", "csubj")
        and not _for_to_clause(t)
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in children)
        and any(c.dep_ == "auxpass" for c in children)
    )


def _purpose_infinitive(t: Token, children: list[Token]) -> bool:
    """ "Traveled to Cairo to finalize a ceasefire agreement": a purpose, not a deed.

    An active infinitive hanging from another clause as its adverbial says what
    that clause is for; what it would do has not happened by being sought.
    """
    return (
        _is_verbal(t)
        and t.dep_ == "advcl"
        and not _for_to_clause(t)
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in children)
        and not any(c.dep_ == "auxpass" for c in children)
    )


def _has_condition(t: Token, cues: ModalityCues) -> bool:
    """ "Would be freed if Israel accepted": a clause under ``t`` sets a condition."""
    return any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in cues.conditional_marks for m in c.children)
        for c in t.children
    )


def _on_a_day(t: Token, cues: ModalityCues) -> bool:
    """ "On Sunday", "tomorrow", "by 3 March" modifying ``t`` itself."""
    for c in t.children:
        if c.dep_ in ("npadvmod", "advmod", "tmod") and c.lower_ in cues.scheduled_days:
            return True
        if c.dep_ == "prep" and c.lower_ in ("on", "by", "from", "until"):
            days = [w for o in c.children if o.dep_ == "pobj" for w in (o, *o.children)]
            if any(w.lower_ in cues.scheduled_days for w in days):
                return True
    return False


def _future_time(t: Token, cues: ModalityCues) -> bool:
    """ "next week", "tomorrow", "in the coming days" modifying ``t``."""
    for c in t.children:
        if c.dep_ not in ("npadvmod", "advmod", "prep", "tmod", "obl"):
            continue
        if any(w.lower_ in cues.future_time_words for w in c.subtree):
            return True
    return False


def _governed_by(child: Token, head: Token, cues: ModalityCues) -> str | None:
    """The modality a governing word gives to the clause or phrase below it."""
    rel = child.dep_
    if rel in ("advcl", "ccomp") and _for_to_clause(child):
        rel = "xcomp"  # "called for all hostages to be released": what the call asks for
    if rel in _SUBJECTS and rel != "nsubjpass":
        if _is(head, cues.possible_predicates):
            return POSSIBLE
        return None
    if rel == "nsubjpass" and _is(head, cues.negating_predicates):
        return NEGATED
    if rel in ("advcl", "xcomp") and head.lemma_ == "be":
        # "was due to free 620 prisoners", parsed with "to free" beside "due"
        for predicate in (c for c in head.children if c.dep_ == "acomp"):
            if _is(predicate, cues.future_governors):
                return FUTURE
            if _is(predicate, cues.possible_governors):
                return POSSIBLE
    if rel == "attr" and head.lemma_ == "be":
        # "The next step is the handover of four bodies": what comes next.
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is not None and any(w.lower_ in cues.future_time_words for w in subject.subtree):
            return FUTURE
    if rel not in _GOVERNED:
        return None
    if rel == "acl" and not any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children):
        return None  # "efforts to secure" is governed; "proposals criticized by" is not
    if rel == "xcomp" and any(c.lower_ == "yet" for c in head.children):
        return NEGATED  # "has yet to", "is yet to"
    if _is(head, cues.negating_governors):
        return NEGATED
    if rel == "xcomp" and head.lemma_ == "be" and any(a.lower_ == "to" for a in child.children):
        return FUTURE  # "Hamas is to release"
    if _is(head, cues.possible_governors):
        return POSSIBLE
    if _is(head, cues.future_governors):
        return FUTURE
    if rel == "acl" and not _is_verbal(head):
        return FUTURE  # "the total to be freed", "prisoners to be released": still to come
    return None


def own_modality(token: Token) -> str | None:
    """The modality a word's own words give it ("a proposed truce", "would be freed"), if any."""
    return _own(token, modality_cues())


def modality_of(trigger: Token) -> str:
    """``"actual"``, ``"future"``, ``"possible"`` or ``"negated"`` for an event trigger."""
    return _modality(trigger, modality_cues(), depth=0)


def _modality(trigger: Token, cues: ModalityCues, depth: int) -> str:
    own = _own(trigger, cues)
    if own is not None:
        return own
    child = trigger
    for _ in range(10):
        head = child.head
        if head.i == child.i:
            break
        governed = _governed_by(child, head, cues)
        if governed is not None:
            return governed
        if child.dep_ in ("ccomp", "xcomp", "oprd") and _is(head, cues.light_verbs):
            return _modality(head, cues, depth + 1) if depth < 4 else ACTUAL
        if child.dep_ == "conj":
            if depth >= 4 or _has_own_clause(child):
                return ACTUAL
            return _modality(head, cues, depth + 1)
        if child.dep_ == "advcl" and depth < 4:
            shared = _shared_time(child, head, cues, depth)
            if shared is not None:
                return shared
        if child.dep_ in _CLAUSE_BOUNDARIES and (_is_verbal(child) or child.dep_ == "ccomp"):
            return ACTUAL
        if child.dep_ not in _INHERITING:
            return ACTUAL
        if _is_verbal(head) or child.dep_ in ("pobj", "prep"):
            inherited = _own(head, cues) if _is_verbal(head) else None
            if inherited is not None:
                return inherited
        if _is(head, cues.reporting_verbs):
            return ACTUAL
        child = head
    return ACTUAL


def _shared_time(clause: Token, head: Token, cues: ModalityCues, depth: int) -> str | None:
    """A time clause on a planned or possible clause is planned or possible too.

    "The remains would be handed over as the prisoners were freed": under
    "would" (reported speech) the past tense of the time clause is backshifted,
    so the freeing is as unreal as the handover. Under "will" a past time clause
    is past ("will free six after Israel freed 110 on Thursday"); a present one
    is not ("will free six once Israel releases 110").
    """
    marks = [m for m in clause.children if m.dep_ in ("mark", "advmod")]  # "when" is an advmod
    if not any(_is(m, cues.temporal_marks) for m in marks):
        return None
    above = _modality(head, cues, depth + 1)
    if above not in (FUTURE, POSSIBLE):
        return None
    backshifted = any(
        c.dep_ == "aux" and c.tag_ == "MD" and not _is(c, cues.future_modals) for c in head.children
    )
    return above if backshifted or not _is_past(clause) else None


def _has_own_clause(t: Token) -> bool:
    """A conjoined verb with its own subject or auxiliary does not share its head's modality.

    "To" is no auxiliary of its own: "agreed to free them and to meet in May"
    plans the meeting as much as the release.
    """
    return any(
        c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ in ("aux", "auxpass") and c.tag_ != "TO")
        for c in t.children
    )


def _for_to_clause(t: Token) -> bool:
    """ "(called) for all hostages to be released": an infinitive with its own "for" subject."""
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in t.children)
