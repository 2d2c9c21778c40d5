"""The trigger lexicon: which words signal which event, under which conditions.

Read from ``data/events.yaml``. A trigger is a lemma with constraints read
from the dependency parse (its object, subject or particle), so that
"present a plan" proposes while "present evidence" does not, and "the truce
expired" ends a ceasefire while "the deadline expired" does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from truceline.data import load
from truceline.data.files import EventsFile
from truceline.extract.syntax import RELATIVE_PRONOUNS, grammatical_subject, through_partitives
from truceline.record import EventType

_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "dative", "acomp"})
_TRIGGER_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN", "ADJ"})
_PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "acomp", "oprd", "dobj", "xcomp"})
_QUANTITY_NOUNS = frozenset(load(EventsFile).quantity_nouns)


@dataclass(frozen=True)
class Trigger:
    """One way a lemma can signal an event type."""

    lemma: str
    type: EventType
    pos: frozenset[str]
    objects: frozenset[str] | None = None
    except_objects: frozenset[str] | None = None
    subjects: frozenset[str] | None = None
    particles: frozenset[str] | None = None
    complement: frozenset[str] | None = None
    action: str | None = None
    polarity: str | None = None
    speaker: bool = False
    companions: bool = False
    companion_preps: frozenset[str] = frozenset({"with", "between", "among"})
    object_companion: bool = False
    misread_noun: bool = False
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
    reciprocal: bool = False
    mutual: bool = False
    plan_term: bool = False


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
    truce_nouns: frozenset[str] = frozenset()
    truce_halts: frozenset[str] = frozenset()
    truce_halted: frozenset[str] = frozenset()

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
        except_objects=_expand(item.get("except_objects"), sets),
        subjects=_expand(item.get("subjects"), sets),
        particles=_expand(item.get("particles"), sets),
        complement=_expand(item.get("complement"), sets),
        action=item.get("action"),
        polarity=item.get("polarity"),
        speaker=bool(item.get("speaker", False)),
        companions=bool(item.get("companions", False)),
        companion_preps=_expand(item.get("companion_preps"), sets)
        or frozenset({"with", "between", "among"}),
        object_companion=bool(item.get("object_companion", False)),
        misread_noun=bool(item.get("misread_noun", False)),
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
        reciprocal=bool(item.get("reciprocal", False)),
        mutual=bool(item.get("mutual", False)),
        plan_term=bool(item.get("plan_term", False)),
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
        truce_nouns=frozenset(w.lower() for w in data.truce_agreed.nouns),
        truce_halts=frozenset(w.lower() for w in data.truce_agreed.halts),
        truce_halted=frozenset(w.lower() for w in data.truce_agreed.halted),
    )


# ------------------------------------------------------------- parse conditions


def _modified_noun(token: Token) -> Token | None:
    """The noun a verb's clause describes and is about as its object.

    "The meeting chaired by Ortagus", "the session, which will be observed by
    Norway", "the proposals it has received", and the passive subject shared
    by coordinated participles: "will be hosted by X and chaired by Y". A
    participle says who acted ("by X"): a headline's "Four hostages handed
    over in Gaza" stays a description of the hostages.
    """
    by_agent = any(c.dep_ == "agent" for c in token.children)
    verb = token
    while by_agent and token.tag_ == "VBN" and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        verb = verb.head
        shared = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if shared is not None:
            return shared
    if verb.head.pos_ not in ("NOUN", "PROPN") or verb.head is verb:
        return None
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head if by_agent else None
    if verb.dep_ != "relcl":
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ in RELATIVE_PRONOUNS:
        return verb.head if subject.dep_ == "nsubjpass" else None
    has_object = any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children)
    return None if has_object else verb.head  # "the proposals it has received"


def complement_lemmas(token: Token) -> set[str]:
    """Lemmas of a trigger's objects, passive subject and prepositional objects.

    The noun a passive participle describes is its object too: "the session
    observed by Norway" observes a session, "the plan, backed by the Quad"
    backs a plan.
    """
    out: set[str] = set()
    described = _modified_noun(token)
    if described is not None:
        out.update((described.lemma_.lower(), described.lower_))
        out.update(c.lemma_.lower() for c in described.children if c.dep_ in ("compound", "amod"))
    for child in token.children:
        heads: list[Token] = []
        if child.dep_ in _OBJECT_DEPS:
            heads.append(child)
        elif child.dep_ == "prep" and child.lower_ not in ("without", "despite"):
            # "concluded without an agreement" concluded none
            heads.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
        elif child.dep_ in ("amod", "compound") and token.pos_ == "NOUN":
            heads.append(child)  # "a positive impression", "the prisoner exchange"
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
    # The head says what the subject is: "ceasefire talks" are talks, not a truce.
    out = {subject.lemma_.lower(), subject.lower_}
    out.update(c.lemma_.lower() for c in subject.children if c.dep_ == "amod")
    return out


def released_lemmas(token: Token) -> set[str]:
    """Whom a release frees: its complements, the subject of a passive ("bodies are to be
    exchanged") and the people a quantity stands for ("the return of all but one of the hostages").
    """
    out = complement_lemmas(token)
    if any(c.dep_ == "auxpass" for c in token.children) and not any(
        c.dep_ == "nsubjpass" for c in token.children
    ):
        out |= subject_lemmas(token)
    for child in token.children:
        objects = [child] if child.dep_ in _OBJECT_DEPS else []
        if child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ == "pobj"]
        out.update(through_partitives(o, _QUANTITY_NOUNS).lemma_.lower() for o in objects)
    return out


def has_particle(token: Token, particles: frozenset[str]) -> bool:
    for child in token.children:
        if child.dep_ in _PARTICLE_DEPS and child.lower_ in particles:
            return True
        if "to" in particles and child.dep_ == "xcomp":
            return True
        if child.dep_ in ("advcl", "ccomp") and any(
            m.dep_ == "mark" and m.lower_ in particles for m in child.children
        ):
            return True  # "called for all hostages to be released"
    return False


def satisfies(token: Token, trigger: Trigger) -> bool:
    """Whether ``token`` in its parse meets the trigger's conditions."""
    if trigger.objects is not None:
        found = (
            released_lemmas(token)
            if trigger.type == EventType.RELEASE
            else complement_lemmas(token)
        )
        if not found & trigger.objects:
            return False
    if trigger.except_objects is not None and complement_lemmas(token) & trigger.except_objects:
        return False
    if trigger.misread_noun and any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children
    ):
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
