"""Terms about the truce itself: its duration, its phases, its permanence.

A duration counts when it modifies a ceasefire noun ("a 60-day truce", "a
truce of 42 days") or an extension ("extend ... for 42 days").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from truceline.extract.numbers import (
    number_words,
    parse_duration_days,
    parse_number,
    parse_ordinal,
)
from truceline.extract.terms.lexicon import TermLexicon
from truceline.extract.terms.parse import (
    SUBJECTS,
    TermMention,
    ancestors,
    conjuncts,
    is_in,
    is_nominal,
    is_numberish,
    is_verbal,
    lemma_of,
    mention,
    np_start,
    number_run,
    right_end,
)


def _duration_of(unit: Token) -> int | None:
    """Days in the duration headed by a time-unit noun: "42 days", "six-month", "a week"."""
    doc = unit.doc
    nums = [
        c for c in unit.lefts if c.dep_ in ("nummod", "quantmod", "compound") and is_numberish(c)
    ]
    if any(c.lower_ == "ago" for c in (*unit.children, unit.head)):
        return None
    if nums:
        run = number_run([t for c in nums for t in c.subtree])
        if run is None:
            return None
        text = doc[run[0] : run[1] + 1].text
    elif unit.head.lower_ == "long" or any(c.lower_ in ("a", "an") for c in unit.lefts):
        text = "a"
    else:
        return None
    try:
        return parse_duration_days(text, unit.lemma_.lower())
    except ValueError:
        return None


def _is_truce(t: Token, lex: TermLexicon) -> bool:
    """A ceasefire noun; "a pause in swaps", "a halt to talks" are not ceasefires."""
    if not (is_nominal(t) and is_in(t, lex.truce_nouns)):
        return False
    if not is_in(t, lex.weak_truce_nouns):
        return True
    return not any(
        is_in(obj, lex.not_truce_objects)
        for p in t.children
        if p.dep_ == "prep"
        for obj in p.children
        if obj.dep_ == "pobj"
    )


def duration_terms(sent: Span, lex: TermLexicon) -> Iterator[TermMention]:
    doc = sent.doc
    for unit in sent:
        if not (is_nominal(unit) and lemma_of(unit) in lex.time_units):
            continue
        days = _duration_of(unit)
        if days is None:
            continue
        first = unit.left_edge.i
        head = unit.head
        if head.lower_ == "long" and head.dep_ == "amod":
            first, head = min(first, head.left_edge.i), head.head
        if unit.dep_ in ("compound", "amod", "nmod", "npadvmod", "nummod") or head.i != unit.head.i:
            if is_in(head, lex.extend_nouns):
                yield mention(doc, "extension_days", days, min(np_start(head), first), head.i)
                continue
            if _is_truce(head, lex) or (is_nominal(head) and is_in(head, lex.phase_nouns)):
                yield mention(doc, "ceasefire_days", days, min(np_start(head), first), head.i)
                continue
        if unit.dep_ == "pobj":
            prep, owner = head, head.head
            p = prep.lower_
            if p in ("for", "by") and (
                is_in(owner, lex.extend_verbs)
                or is_in(owner, lex.extend_nouns)
                # "prolong a ceasefire agreement by 72 hours", the parser hanging "by" on it
                or (p == "by" and owner.dep_ == "dobj" and is_in(owner.head, lex.extend_verbs))
            ):
                yield mention(doc, "extension_days", days, np_start(owner), unit.i)
                continue
            if p in ("of", "for") and _is_truce(owner, lex):
                yield mention(doc, "ceasefire_days", days, np_start(owner), unit.i)
                continue
            if p == "for" and is_verbal(owner):
                truce = _truce_object(owner, lex)
                if truce is not None and is_in(owner, lex.last_verbs) is False:
                    yield mention(doc, "ceasefire_days", days, np_start(truce), unit.i)
                    continue
            if p == "for" and is_in(owner, lex.last_verbs):
                truce = _lasting_truce(owner, lex)
                if truce is not None:
                    yield mention(doc, "ceasefire_days", days, np_start(truce), unit.i)
                    continue
        if (
            unit.dep_ == "appos"
            and _is_truce_or_phase(head, lex)
            and any(c.dep_ in ("amod", "acl") and is_in(c, lex.last_verbs) for c in unit.children)
        ):
            # "three stages, each lasting 42 days"
            yield mention(doc, "ceasefire_days", days, np_start(head), unit.i)
            continue
        if unit.dep_ in ("dobj", "npadvmod", "attr") and is_in(head, lex.last_verbs):
            truce = _lasting_truce(head, lex)
            if truce is not None:
                yield mention(doc, "ceasefire_days", days, np_start(truce), unit.i)


def _truce_object(verb: Token, lex: TermLexicon) -> Token | None:
    """ "agreed to a truce for four days": the ceasefire noun a verb takes."""
    for c in verb.children:
        if c.dep_ == "dobj" and _is_truce(c, lex):
            return c
        if c.dep_ == "prep" and c.lower_ in ("to", "on"):
            for obj in c.children:
                if obj.dep_ == "pobj" and _is_truce(obj, lex):
                    return obj
    return None


def _is_truce_or_phase(t: Token, lex: TermLexicon) -> bool:
    return _is_truce(t, lex) or (is_nominal(t) and is_in(t, lex.phase_nouns))


def _lasting_truce(verb: Token, lex: TermLexicon) -> Token | None:
    """ "a truce that would last 60 days", "the first phase is due to run for six weeks"."""
    for _ in range(3):
        if verb.dep_ in ("relcl", "acl") and _is_truce_or_phase(verb.head, lex):
            return verb.head
        for c in verb.children:
            if c.dep_ in SUBJECTS and _is_truce_or_phase(c, lex):
                return c
        if verb.dep_ not in ("xcomp", "acomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def phase_terms(sent: Span, lex: TermLexicon) -> Iterator[TermMention]:
    doc = sent.doc
    for noun in sent:
        if noun.lower_ not in lex.phase_nouns and not (
            is_nominal(noun) and lemma_of(noun) in lex.phase_nouns
        ):
            continue
        found = False
        for c in noun.lefts:
            if c.dep_ not in ("amod", "compound", "nummod", "npadvmod"):
                continue
            for o in conjuncts(c):
                value = parse_ordinal(o.text) or lex.phase_words.get(o.lower_)
                if value is not None:
                    found = True
                    yield mention(doc, "phase", value, np_start(noun), noun.i)
        if found or noun.i + 1 >= len(doc):
            continue
        nxt = doc[noun.i + 1]
        if nxt.sent != noun.sent or nxt.ent_type_ in ("DATE", "TIME"):
            continue
        value = _ROMAN.get(nxt.text.lower()) if nxt.text.isupper() else None
        if value is None and (nxt.like_num or number_words().is_number_word(nxt.text)):
            value = parse_number(nxt.text)
        if isinstance(value, int) and 0 < value < 10:
            yield mention(doc, "phase", value, np_start(noun), nxt.i)


def _table_context(t: Token, lex: TermLexicon) -> bool:
    heads = [h for _, h in ancestors(t)]
    if any(is_verbal(h) and lemma_of(h) in lex.wish_verbs for h in heads):
        return False  # "the talks aimed to end the conflict": an aim, not a term on the table
    return any(lemma_of(h) in lex.table_cues or h.lower_ in lex.table_cues for h in heads)


def _war_object(t: Token, lex: TermLexicon) -> Token | None:
    for c in t.children:
        if c.dep_ in ("dobj", "nsubjpass") and is_in(c, lex.war_nouns):
            return c
        if c.dep_ == "prep" and c.lower_ in ("to", "of", "on"):
            for obj in c.children:
                if obj.dep_ == "pobj" and is_in(obj, lex.war_nouns):
                    return obj
    return None


def permanent_terms(sent: Span, lex: TermLexicon) -> Iterator[TermMention]:
    doc = sent.doc
    seen: set[int] = set()
    for t in sent:
        if t.lower_ in lex.permanence:
            head = t.head
            permanent_noun = t.dep_ == "amod" and (
                _is_truce(head, lex) or is_in(head, lex.end_nouns)
            )
            permanent_verb = (
                t.dep_ == "advmod" and is_verbal(head) and lemma_of(head) in lex.end_verbs
            )
            if not (permanent_noun or permanent_verb):
                continue
            target = head
            if target.i in seen:
                continue
            seen.add(target.i)
            last = right_end(target, ("of", "to")) if is_nominal(target) else target.right_edge.i
            first = np_start(target) if is_nominal(target) else min(t.i, target.i)
            yield mention(doc, "ceasefire_permanent", True, first, last)
        elif t.i not in seen and (
            (is_nominal(t) and is_in(t, lex.end_nouns))
            or (is_verbal(t) and lemma_of(t) in lex.end_verbs)
        ):
            war = _war_object(t, lex)
            if war is None or not _table_context(t, lex):
                continue
            if is_verbal(t) and t.dep_ in ("acl", "advcl") and _is_truce(t.head, lex):
                continue  # "an immediate ceasefire to end the conflict": a truce's aim, not its term
            seen.add(t.i)
            first = np_start(t) if is_nominal(t) else t.i
            yield mention(doc, "ceasefire_permanent", True, first, war.i)
