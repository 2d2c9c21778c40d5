"""Who does a verb: the one place that reads subjects off the dependency parse.

News syntax hides the doer in many ways: passives ("brokered by Qatar"),
control ("Israel is seeking to prolong ..."), object control ("urged Hamas
to accept", "accused Kyiv of stalling"), coordination ("opposes ... and
insists ..."), relative clauses ("the ceasefire that took effect") and
predicative adjectives ("is due to take effect", "remains committed").
Every component asks here, so they agree on the answer.
"""

from __future__ import annotations

from spacy.tokens import Token

from truceline.extract.lexicon import lexicon

RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
_OBJECT_CONTROL_SKIP = lexicon().subject_control_verbs
_CAUSATIVES = lexicon().causative_verbs
_SUBJECT_CONTROL_PREPS = lexicon().subject_control_preps
_INHERIT_DEPS = frozenset(
    {"conj", "advcl", "pcomp", "acl", "acomp", "oprd", "xcomp", "aux", "auxpass"}
)


def _relative_head(verb: Token, subject: Token) -> Token:
    if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    return subject


def _controller(verb: Token) -> Token | None:
    """The object that controls a complement: "urged Hamas to accept", "accused Kyiv of stalling"."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        if head.lower_ in _SUBJECT_CONTROL_PREPS:
            return None  # "surprised the world by saying": the subject says it
        head = head.head
    elif verb.dep_ != "xcomp":
        return None
    if head.lemma_.lower() in _OBJECT_CONTROL_SKIP:
        return None
    obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
    if obj is not None and obj.pos_ in ("PROPN", "NOUN", "PRON"):
        return obj
    return None


def doer(verb: Token, *, stative: bool = False, depth: int = 0) -> Token | None:
    """The phrase head of whoever does ``verb``, or ``None``.

    A passive's grammatical subject is what is done to, not the doer ("the
    prisoners were freed"), unless ``stative``: "Hamas is committed to the
    deal" describes Hamas.
    """
    if depth > 5:
        return None
    for child in verb.children:
        if child.dep_ == "nsubj":
            return _relative_head(verb, child)
        if child.dep_ == "agent":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive is not None:
        return _relative_head(verb, passive) if stative else None
    head = verb.head
    if head is verb:
        return None
    if (
        verb.tag_ == "VBN"
        and head.lemma_.lower() in _CAUSATIVES
        and verb.dep_ in ("ccomp", "xcomp", "oprd")
    ):
        return None  # "to get two captives released": someone else releases them
    controller = _controller(verb)
    if controller is not None:
        return controller
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        governor = head.head
        if governor.pos_ in ("VERB", "AUX"):
            return doer(governor, stative=stative, depth=depth + 1)
        return None
    nearest = _nearest_clause(verb)
    if nearest is not None:
        return doer(nearest, stative=stative, depth=depth + 1)
    if verb.dep_ in _INHERIT_DEPS and head.pos_ in ("VERB", "AUX", "ADJ"):
        # "Netanyahu is scheduled to meet Blinken": an active complement of a
        # passive is done by the passive's subject ("to be freed" is not).
        controlled = verb.dep_ == "xcomp" and not any(c.dep_ == "auxpass" for c in verb.children)
        return doer(head, stative=stative or controlled, depth=depth + 1)
    if verb.dep_ == "relcl":
        return verb.head
    return None


def _nearest_clause(participle: Token) -> Token | None:
    """ "Katz threatened strikes, while Trump voiced frustration, urging both to ...": Trump urges.

    A trailing participle goes with the clause just before it; the parser
    often hangs it on the main verb instead, past a subordinate clause with a
    subject of its own. That clause, when it comes right before the
    participle (only punctuation between), gives the participle its doer.
    """
    if participle.dep_ != "advcl" or participle.tag_ != "VBG":
        return None
    before = [c for c in participle.head.children if c.i < participle.i]
    clause = before[-1] if before else None
    while clause is not None and clause.dep_ == "punct":
        before.pop()
        clause = before[-1] if before else None
    if clause is None or clause.dep_ not in ("advcl", "conj") or clause.pos_ not in ("VERB", "AUX"):
        return None
    if clause.i < participle.head.i or not any(c.dep_ == "nsubj" for c in clause.children):
        return None
    return clause


def grammatical_subject(verb: Token) -> Token | None:
    """The subject a verb's clause is about, passive or not ("the truce was extended")."""
    found = doer(verb, stative=True)
    return found


def through_partitives(noun: Token, partitives: frozenset[str]) -> Token:
    """The noun a partitive stands for: "a total of 150 prisoners", "one of the hostages"."""
    node = noun
    for _ in range(3):
        if node.lemma_.lower() not in partitives and node.lower_ not in partitives:
            break
        of = next((c for c in node.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if inner is None:
            break
        node = inner
    return node
