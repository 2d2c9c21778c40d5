"""The trigger lexicon: which words signal which event, under which conditions.

Read from ``data/events.yaml``. A trigger is a lemma with constraints read
from the dependency parse (its object, subject or particle), so that
"present a plan" proposes while "present evidence" does not, and "the truce
expired" ends a ceasefire while "the deadline expired" does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from truceline.data.files import EventsFile
from truceline.extract.syntax import grammatical_subject
from truceline.record import EventType

_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "dative", "acomp"})
_TRIGGER_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN", "ADJ"})
_PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "acomp", "oprd", "dobj", "xcomp"})


@dataclass(frozen=True)
class Trigger:
    """One way a lemma can signal an event type."""

    lemma: str
    type: EventType
    pos: frozenset[str]
    objects: frozenset[str] | None = None
    subjects: frozenset[str] | None = None
    particles: frozenset[str] | None = None
    complement: frozenset[str] | None = None
    action: str | None = None
    polarity: str | None = None
    speaker: bool = False
    companions: bool = False
    companion_preps: frozenset[str] = frozenset({"with", "between", "among"})
    single_actor: bool = False
    no_clausal_complement: bool = False
    clausal_complement: bool = False
    addressee: bool = False
    carrier: bool = False
    needs_owner: bool = False
    compound_ok: bool = False
    actor_is_object: bool = False
    needs_companion: bool = False
    intransitive: bool = False
    stative: bool = False
    joint: bool = False
    receiver: bool = False


@dataclass(frozen=True)
class TriggerLexicon:
    """Triggers by lemma, and the rule that turns sought deals into proposals."""

    verbs: dict[str, tuple[Trigger, ...]]
    nouns: dict[str, tuple[Trigger, ...]]
    retype_governors: frozenset[str]
    retype_types: frozenset[EventType]
    retype_to: EventType
    people: frozenset[str]
    holders: dict[str, str]
    evaluators: frozenset[str]

    def fires(self, token: Token) -> bool:
        """Whether some trigger accepts ``token`` in its parse."""
        return any(satisfies(token, t) for t in self.candidates(token))

    def candidates(self, token: Token) -> tuple[Trigger, ...]:
        pos = token.pos_
        if pos not in _TRIGGER_POS:
            return ()
        lemma = token.lemma_.lower()
        if pos in ("NOUN", "PROPN"):
            found = self.nouns.get(lemma, ()) or self.nouns.get(token.lower_, ())
            return tuple(t for t in found if token.pos_ in t.pos)
        found = self.verbs.get(lemma, ()) or self.verbs.get(token.lower_, ())
        return tuple(t for t in found if token.pos_ in t.pos)


def _expand(value: object, sets: dict[str, list[str]]) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str) and value.startswith("$"):
        value = sets[value[1:]]
    # The data model refuses non-words, such as YAML 1.1's bare on/off/yes/no (booleans).
    return frozenset(str(w).lower() for w in value)  # type: ignore[union-attr]


def _trigger(item: dict, sets: dict[str, list[str]], default_pos: tuple[str, ...]) -> Trigger:
    return Trigger(
        lemma=item["lemma"].lower(),
        type=EventType(item["type"]),
        pos=frozenset(item.get("pos", default_pos)),
        objects=_expand(item.get("objects"), sets),
        subjects=_expand(item.get("subjects"), sets),
        particles=_expand(item.get("particles"), sets),
        complement=_expand(item.get("complement"), sets),
        action=item.get("action"),
        polarity=item.get("polarity"),
        speaker=bool(item.get("speaker", False)),
        companions=bool(item.get("companions", False)),
        companion_preps=_expand(item.get("companion_preps"), sets)
        or frozenset({"with", "between", "among"}),
        single_actor=bool(item.get("single_actor", False)),
        no_clausal_complement=bool(item.get("no_clausal_complement", False)),
        clausal_complement=bool(item.get("clausal_complement", False)),
        addressee=bool(item.get("addressee", False)),
        carrier=bool(item.get("carrier", False)),
        needs_owner=bool(item.get("needs_owner", False)),
        compound_ok=bool(item.get("compound_ok", False)),
        actor_is_object=bool(item.get("actor_is_object", False)),
        needs_companion=bool(item.get("needs_companion", False)),
        intransitive=bool(item.get("intransitive", False)),
        stative=bool(item.get("stative", False)),
        joint=bool(item.get("joint", False)),
        receiver=bool(item.get("receiver", False)),
    )


def read_triggers(data: EventsFile) -> TriggerLexicon:
    """The trigger lexicon of ``data/events.yaml``, in the form the event component matches with."""
    sets = data.sets
    verbs: dict[str, list[Trigger]] = {}
    nouns: dict[str, list[Trigger]] = {}
    for item in data.verbs:
        t = _trigger(item.model_dump(exclude_unset=True), sets, ("VERB",))
        verbs.setdefault(t.lemma, []).append(t)
    for item in data.nouns:
        t = _trigger(item.model_dump(exclude_unset=True), sets, ("NOUN", "PROPN"))
        nouns.setdefault(t.lemma, []).append(t)
    retype = data.retype_under
    return TriggerLexicon(
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
        retype_governors=frozenset(retype.governors),
        retype_types=frozenset(EventType(t) for t in retype.types),
        retype_to=EventType(retype.to),
        people=frozenset(w.lower() for w in sets.get("people", [])),
        holders={str(k).lower(): str(v) for k, v in data.holders.items()},
        evaluators=frozenset(str(w).lower() for w in data.evaluation_verbs),
    )


# ------------------------------------------------------------- parse conditions


def complement_lemmas(token: Token) -> set[str]:
    """Lemmas of a trigger's objects, passive subject and prepositional objects."""
    out: set[str] = set()
    for child in token.children:
        heads: list[Token] = []
        if child.dep_ in _OBJECT_DEPS:
            heads.append(child)
        elif child.dep_ == "prep" and child.lower_ not in ("without", "despite"):
            # "concluded without an agreement" concluded none
            heads.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
        elif child.dep_ == "amod" and token.pos_ == "NOUN":
            heads.append(child)
        for head in heads:
            out.add(head.lemma_.lower())
            out.add(head.lower_)
            out.update(c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod"))
            out.update(c.lemma_.lower() for c in head.conjuncts)
    return out


def subject_lemmas(token: Token) -> set[str]:
    """Lemmas of the subject the trigger's clause is about ("the truce that is due to expire")."""
    subject = grammatical_subject(token)
    if subject is None:
        return set()
    out = {subject.lemma_.lower(), subject.lower_}
    out.update(c.lemma_.lower() for c in subject.children if c.dep_ in ("compound", "amod"))
    return out


def has_particle(token: Token, particles: frozenset[str]) -> bool:
    for child in token.children:
        if child.dep_ in _PARTICLE_DEPS and child.lower_ in particles:
            return True
        if "to" in particles and child.dep_ == "xcomp":
            return True
    return False


def satisfies(token: Token, trigger: Trigger) -> bool:
    """Whether ``token`` in its parse meets the trigger's conditions."""
    if trigger.objects is not None and not (complement_lemmas(token) & trigger.objects):
        return False
    if trigger.subjects is not None and not (subject_lemmas(token) & trigger.subjects):
        return False
    if trigger.particles is not None and not has_particle(token, trigger.particles):
        return False
    if trigger.clausal_complement and not any(c.dep_ in ("xcomp", "ccomp") for c in token.children):
        return False
    if trigger.no_clausal_complement and any(c.dep_ in ("xcomp", "ccomp") for c in token.children):
        return False
    if trigger.complement is not None:
        words = {t.lemma_.lower() for t in token.subtree if t is not token}
        if not words & trigger.complement:
            return False
    return not (token.dep_ == "compound" and token.pos_ == "NOUN" and not trigger.compound_ok)
