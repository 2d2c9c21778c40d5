"""Counts of people (captives, prisoners, remains) and of aid trucks a day.

People count only when a release, return, exchange or deal governs them in
the parse, so that "killed 47 Palestinians" or "59 hostages remain" make no
term; ``prisoner_ratio`` is the partner of a count ("50 prisoners for each
hostage"). A count with no number has value ``None`` and the quantity as
qualifier ("hundreds", "all").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from truceline.extract.numbers import (
    parse_number,
    split_qualifier,
    vague_quantity,
)
from truceline.extract.terms.lexicon import TermLexicon
from truceline.extract.terms.parse import (
    COUNT_SKIP_ENTS,
    SUBJECTS,
    TermMention,
    ancestors,
    conjuncts,
    is_in,
    is_nominal,
    is_verbal,
    lemma_of,
    mention,
    np_start,
    number_run,
    phrase_text,
)


@dataclass(frozen=True)
class Quantity:
    """A count read off the parse: its value or vague label, hedge and tokens."""

    value: int | float | None
    qualifier: str | None
    first: int
    last: int


def _after_particle(doc: Doc, i: int, lex: TermLexicon) -> int:
    """Skip the particle of "handed over" that the parser hung on a number as a hedge."""
    if i == 0 or i >= len(doc):
        return i
    particles = lex.release_verb_particles.get(lemma_of(doc[i - 1]), frozenset())
    return i + 1 if doc[i].lower_ in particles else i


def _hedge(doc: Doc, left: int, first: int, lex: TermLexicon) -> str | None:
    """The hedge ("nearly", "at least") written between ``left`` and the number at ``first``."""
    if first <= left:
        return None
    left = _after_particle(doc, left, lex)
    words = [t.lower_ for t in doc[left:first] if t.lower_ not in ("the", "a", "an")]
    for n in range(len(words), 0, -1):
        candidate = " ".join(words[-n:])
        qualifier, rest = split_qualifier(candidate + " 1")
        if qualifier is not None and rest == "1":
            return qualifier
    return None


def _count_on(noun: Token, lex: TermLexicon) -> Quantity | None:
    """The count of ``noun``: "737 prisoners", "hundreds of prisoners", "all hostages"."""
    doc = noun.doc
    nums = [c for c in noun.lefts if c.dep_ in ("nummod", "quantmod")]
    if nums:
        tokens = [t for c in nums for t in c.subtree]
        run = number_run(tokens)
        if run is not None:
            first, last = run
            if any(doc[i].ent_type_ in COUNT_SKIP_ENTS for i in range(first, last + 1)):
                return None
            value = parse_number(doc[first : last + 1].text)
            if value is None:
                return None
            return Quantity(value, _hedge(doc, noun.left_edge.i, first, lex), first, last)
    for c in noun.lefts:
        if c.dep_ in ("amod", "det", "nummod", "quantmod") and vague_quantity(c.text) in (
            lex.vague_labels_kept
        ):
            return Quantity(None, vague_quantity(c.text), c.i, c.i)
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        holder = noun.head.head
        label = vague_quantity(doc[holder.left_edge.i : holder.i + 1].text)
        if label is None:
            label = vague_quantity(holder.text)
        if label in lex.vague_labels_kept:
            return Quantity(None, label, holder.left_edge.i, holder.i)
        if holder.pos_ == "NUM" and holder.i < noun.i:
            run = number_run(list(holder.subtree)[: holder.i - holder.left_edge.i + 1])
            if run is not None and doc[run[0]].ent_type_ not in COUNT_SKIP_ENTS:
                value = parse_number(doc[run[0] : run[1] + 1].text)
                if value is not None:
                    hedge = _hedge(doc, holder.left_edge.i, run[0], lex)
                    return Quantity(value, hedge, holder.left_edge.i, run[1])
    for c in noun.lefts:
        if c.lower_ == "all" and c.dep_ in ("det", "predet", "amod"):
            return Quantity(None, "all", c.i, c.i)
    return None


@dataclass(frozen=True)
class _Governor:
    """What governs a people noun: a release (with its givers), the table, or a blocker."""

    kind: str  # "release" | "table" | "block" | "none"
    anchor: Token | None = None
    counterpart: bool = False
    near: bool = False


def _is_release_word(t: Token, lex: TermLexicon) -> bool:
    lemma = lemma_of(t)
    if is_verbal(t) and lemma in lex.release_verbs:
        particles = lex.release_verb_particles.get(lemma)
        if particles is None:
            return True
        # "handed over 2 prisoners" is often parsed with "over" as a hedge on the number
        following = t.doc[t.i + 1].lower_ if t.i + 1 < len(t.doc) else ""
        return following in particles or any(c.lower_ in particles for c in t.children)
    return is_nominal(t) and (t.lower_ in lex.release_nouns or lemma in lex.release_nouns)


def _of_the_dead(group: Token, lex: TermLexicon) -> bool:
    """ "The remains of four captives", "the bodies": a group whose members are counted as remains.

    A part of such a group ("including two children") is among the dead, never a living release.
    """
    dead = (group.head.head if group.dep_ == "pobj" and group.head.lower_ == "of" else None, group)
    return any(
        t is not None and (t.lower_ in lex.remains or lemma_of(t) in lex.remains) for t in dead
    )


def _governor(noun: Token, lex: TermLexicon) -> _Governor:
    """Walk up from ``noun`` to the word that says why these people are counted."""
    counterpart = False
    table: Token | None = None
    for c in noun.children:
        if c.dep_ in ("acl", "relcl") and _is_release_word(c, lex):
            return _Governor("release", c, near=True)  # "33 hostages to be freed"
    if noun.dep_ in SUBJECTS:
        # "192 prisoners were to be exchanged", "hostages are due to be freed"
        for c in noun.head.children:
            for v in (c, *c.children) if c.dep_ == "acomp" else (c,):
                if v.dep_ == "xcomp" and _is_release_word(v, lex):
                    return _Governor("release", v, near=True)
    for steps, (child, head) in enumerate(ancestors(noun), start=1):
        if child.dep_ == "pobj" and head.lower_ == "for":
            up = head.head
            if up.lower_ in lex.exchange_markers or lemma_of(up) in lex.exchange_markers:
                counterpart = True
        if child.dep_ == "pobj" and head.lower_ == "including" and _of_the_dead(head.head, lex):
            return _Governor("block")  # "the remains of four, including two children": the four
        if _is_release_word(head, lex):
            return _Governor("release", head, counterpart, near=steps <= 2)
        if is_verbal(head) and lemma_of(head) in lex.blocking_verbs:
            return _Governor("block", head)
        if table is None and (
            (is_verbal(head) and lemma_of(head) in lex.table_verbs)
            or (is_nominal(head) and lemma_of(head) in lex.table_nouns)
        ):
            table = head
    if table is not None:
        return _Governor("table", table, counterpart)
    return _Governor("none")


def _blocked_by_own_clause(noun: Token, lex: TermLexicon) -> bool:
    """ "251 hostages taken on 7 October", "hostages killed in captivity"."""
    return any(
        c.dep_ in ("acl", "relcl") and lemma_of(c) in lex.blocking_verbs for c in noun.children
    )


def _givers(anchor: Token | None, noun: Token) -> tuple[list[Token], bool]:
    """The parties that release (``party``) and whether each of them does ("each")."""
    if anchor is None:
        return [], False
    each = any(
        c.lower_ == "each"
        for t in (anchor, noun, *[c for c in anchor.children if c.dep_ in SUBJECTS])
        for c in t.children
    )
    if is_nominal(anchor):
        agents = [c for p in anchor.children if p.lower_ == "by" for c in p.children]
        return [a for g in agents for a in conjuncts(g)], each
    if lemma_of(anchor) == "receive":
        return [], each
    verb = anchor
    for _ in range(3):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
            verb.dep_ == "acl" and verb.tag_ == "VBN"  # "the three men freed by Hamas"
        )
        if passive:
            agents = [
                c
                for a in verb.children
                if a.dep_ == "agent"
                for c in a.children
                if c.dep_ == "pobj"
            ]
            return [a for g in agents for a in conjuncts(g)], each
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            if noun in subjects or any(noun in s.subtree for s in subjects):
                return [], each
            return [s for subj in subjects for s in conjuncts(subj)], each
        if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
            verb = verb.head
            continue
        break
    return [], each


def _people_class(noun: Token, lex: TermLexicon, givers: list[Token], governor: _Governor) -> str:
    """ "hostages_released" or "prisoners_released" for a people noun in context."""
    mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod", "poss")}
    mods.add(noun.lower_)
    if is_in(noun, lex.captives):
        if mods & lex.prisoner_nationalities:
            return "prisoners_released"
        return "hostages_released"
    if mods & lex.captive_nationalities:
        return "hostages_released"
    if mods & lex.prisoner_nationalities:
        return "prisoners_released"
    if _held_in_captive_place(noun, lex):
        return "hostages_released"
    if any(
        phrase_text(g).lower() in lex.captive_holders or g.lower_ in lex.captive_holders
        for g in givers
    ):
        return "hostages_released"
    if not givers and not governor.counterpart and _holder_offers(noun, lex):
        return "hostages_released"
    if is_in(noun, lex.combatants) and not givers:
        return _kind_the_sentence_names(noun, lex) or "prisoners_released"
    return "prisoners_released"


def running_total_terms(sent: Span, lex: TermLexicon, used: set[int]) -> Iterator[TermMention]:
    """ "Bringing the total to 105", "the tally stood at 105": a running total with no noun.

    The number is the object of "to"/"at" on a verb whose subject or object is a
    total noun, or of "of" on the total noun itself ("a total of 105"). Its kind
    is the one the sentence's nearest count noun names ("freed three hostages,
    bringing the total to 105"); its ``count_role`` (total) is read from the
    same words by :mod:`truceline.extract.terms.roles`.
    """
    doc = sent.doc
    for num in sent:
        if num.i in used or num.pos_ != "NUM" or num.dep_ != "pobj" or num.ent_type_ == "DATE":
            continue
        prep = num.head
        if prep.lower_ not in ("to", "at", "of"):
            continue
        holder = prep.head
        totals = [holder] if prep.lower_ == "of" else list(holder.children)
        if not any(
            is_nominal(t) and is_in(t, lex.total_nouns) and t.dep_ != "pobj" for t in totals
        ):
            continue
        value = parse_number(num.text)
        kind = _kind_the_sentence_names(num, lex, with_remains=True)
        if type(value) is not int or kind is None:
            continue
        used.add(num.i)
        yield mention(doc, kind, value, num.i, num.i)


def _kind_the_sentence_names(
    noun: Token, lex: TermLexicon, *, with_remains: bool = False
) -> str | None:
    """The kind of the nearest captive or prisoner word of the sentence, for combatants.

    "Soldiers" are people of no kind of their own: a side's soldiers may be its
    enemy's hostages or prisoners of war. With no giver, nationality or place to
    tell, the sentence's own words of captivity do, whatever their part of speech ("the captive X should have been freed
    before the four soldiers"). A word that heads a count of its own in another
    clause is another group ("the release of 230 captives, while 248 servicemen
    were brought back"); in the same clause it is the group the count sums up.
    """
    kinds = [
        (abs(t.i - noun.i), kind)
        for t in noun.sent
        if t.i != noun.i
        and (kind := _kind_of_word(t, lex, with_remains)) is not None
        and (with_remains or _count_on(t, lex) is None or _verb_of(t) == _verb_of(noun))
    ]
    return min(kinds)[1] if kinds else None


def _verb_of(t: Token) -> int:
    """The index of the verb whose clause ``t`` is in (the root when none)."""
    for _ in range(12):
        if is_verbal(t) or t.head.i == t.i:
            return t.i
        t = t.head
    return t.i


def _kind_of_word(t: Token, lex: TermLexicon, with_remains: bool) -> str | None:
    if is_in(t, lex.captives):
        return "hostages_released"
    if is_in(t, lex.prisoners):
        return "prisoners_released"
    if with_remains and is_nominal(t) and is_in(t, lex.remains) and t.lower_ != "remain":
        return "remains_returned"
    return None


def _held_in_captive_place(noun: Token, lex: TermLexicon) -> bool:
    for c in noun.children:
        preps = [c] if c.dep_ == "prep" else [p for p in c.children if p.dep_ == "prep"]
        if c.dep_ not in ("prep", "acl"):
            continue
        for p in preps:
            if p.lower_ != "in":
                continue
            for obj in p.children:
                if phrase_text(obj).lower() in lex.captive_places:
                    return True
    return False


def _holder_offers(noun: Token, lex: TermLexicon) -> bool:
    """A hostage holder is the subject of the sentence and does not demand the release.

    "Hamas submitted amendments including the release of 10 prisoners": the
    prisoners are Hamas's captives. "Hamas demands the release of prisoners":
    they are not.
    """
    root = noun.sent.root
    subjects = [s for c in root.children if c.dep_ in SUBJECTS for s in conjuncts(c)]
    if not any(
        phrase_text(s).lower() in lex.captive_holders or s.lower_ in lex.captive_holders
        for s in subjects
    ):
        return False
    return all(lemma_of(head) not in lex.demand_verbs for _, head in ancestors(noun))


def _rate_period(tokens: Iterable[Token], lex: TermLexicon) -> tuple[str, Token] | None:
    """ "per week", "a day", "every week", "daily" among the children of ``tokens``."""
    for t in tokens:
        for c in t.children:
            if c.lower_ == "per" and c.dep_ == "prep":
                for obj in c.children:
                    if obj.lower_ in lex.rate_periods or lemma_of(obj) in lex.rate_periods:
                        return lex.rate_periods.get(lemma_of(obj), obj.lower_), obj
            if c.dep_ in ("npadvmod", "advmod", "pobj", "dobj") and (
                lemma_of(c) in lex.rate_periods or c.lower_ in lex.rate_periods
            ):
                dets = {d.lower_ for d in c.children if d.dep_ in ("det", "amod")}
                if c.lower_ in ("daily", "weekly", "monthly") or dets & {
                    "a",
                    "each",
                    "every",
                    "per",
                }:
                    return lex.rate_periods.get(c.lower_, lex.rate_periods.get(lemma_of(c), "")), c
    return None


def _ratio_partner(noun: Token, lex: TermLexicon) -> Token | None:
    """ "ten prisoners for every hostage": the people noun after "for every"/"per"."""
    candidates = [noun]
    if noun.dep_ in ("dobj", "nsubjpass", "nsubj", "pobj", "attr"):
        candidates.append(noun.head)
    for t in candidates:
        for prep in t.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("for", "per"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj" or not is_in(obj, lex.people) or obj.i == noun.i:
                    continue
                quantifiers = {c.lower_ for c in obj.children if c.dep_ in ("det", "nummod")}
                if prep.lower_ == "per" or quantifiers & {"every", "each", "one", "1", "a"}:
                    return obj
    return None


def people_terms(sent: Span, lex: TermLexicon, used: set[int]) -> Iterator[TermMention]:
    doc = sent.doc
    for noun in sent:
        if noun.i in used or not is_nominal(noun):
            continue
        is_remains = noun.lower_ in lex.remains or (
            noun.lemma_.lower() in lex.remains and noun.lower_ != "remain"
        )
        if is_remains:
            yield from _remains_term(noun, lex, used)
            continue
        if not is_in(noun, lex.people):
            continue
        yield from _count_term(noun, doc, lex, used)


def _remains_term(noun: Token, lex: TermLexicon, used: set[int]) -> Iterator[TermMention]:
    doc = noun.doc
    whose = [
        obj
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for obj in p.children
        if obj.dep_ == "pobj"
    ]
    quantity = _count_on(noun, lex)
    last = noun.i
    for obj in whose:
        used.add(obj.i)
        if quantity is None:
            quantity = _count_on(obj, lex)
        last = max(last, obj.i)
    if quantity is None:
        return
    governor = _governor(noun, lex)
    if governor.kind not in ("release", "table"):
        return
    givers, _ = _givers(governor.anchor, noun)
    start = min(np_start(noun), quantity.first)
    party = phrase_text(givers[0]) if len(givers) == 1 else None
    yield mention(
        doc,
        "remains_returned",
        quantity.value,
        start,
        last,
        qualifier=quantity.qualifier,
        party=party,
    )


def _count_term(noun: Token, doc: Doc, lex: TermLexicon, used: set[int]) -> Iterator[TermMention]:
    quantity = _count_on(noun, lex)
    if quantity is None:
        return
    strong = is_in(noun, lex.captives) or is_in(noun, lex.prisoners)
    governor = _governor(noun, lex)
    if governor.kind == "block" or governor.kind == "none":
        return
    if governor.kind == "table" and not strong:
        return
    if not governor.near and _blocked_by_own_clause(noun, lex):
        return
    start = _after_particle(doc, min(np_start(noun), quantity.first), lex)
    last = _np_end(noun, lex)
    partner = _ratio_partner(noun, lex)
    if partner is not None and quantity.value is not None:
        used.add(partner.i)
        yield mention(doc, "exchange_ratio", quantity.value, start, max(last, partner.i))
        return
    period = _rate_period(
        [noun, doc[quantity.last], *(governor.anchor,) * bool(governor.anchor)], lex
    )
    if period is not None and quantity.value is not None:
        yield mention(
            doc,
            "release_rate",
            {"count": quantity.value, "per": period[0]},
            start,
            max(last, period[1].i),
        )
        return
    dead = any(c.dep_ == "amod" and c.lower_ in lex.dead for c in noun.children)
    givers, each = _givers(governor.anchor, noun) if not governor.counterpart else ([], False)
    issue = "remains_returned" if dead else _people_class(noun, lex, givers, governor)
    qualifier = quantity.qualifier
    if qualifier is None and any(c.lower_ == "living" for c in noun.children):
        qualifier = "living"
    parties: list[str | None]
    if each and len(givers) > 1:
        parties = [phrase_text(g) for g in givers]
    elif len(givers) == 1:
        parties = [phrase_text(givers[0])]
    else:
        parties = [None]
    for party in parties:
        yield mention(doc, issue, quantity.value, start, last, party=party, qualifier=qualifier)


def _np_end(noun: Token, lex: TermLexicon) -> int:
    """Last token of a people phrase: the noun, "of war", and conjoined people nouns."""
    last = noun.i
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ == "of" and any(o.lower_ == "war" for o in c.children):
            last = c.right_edge.i
        elif c.dep_ == "conj" and is_in(c, lex.people) and _count_on(c, lex) is None:
            last = max(last, c.i)
    return last


_MATCHED = re.compile(r"^(\S+?)\s*-?\s*for\s*-?\s*(\S+)$", re.IGNORECASE)


def matched_swap_terms(sent: Span, lex: TermLexicon) -> Iterator[TermMention]:
    """ "A 500-for-500 prisoner swap": each side frees as many as it gets back.

    The same count on both sides of "for" before an exchange noun is a count
    released by each side.
    """
    doc = sent.doc
    for noun in sent:
        if not _is_release_word(noun, lex) or not is_nominal(noun):
            continue
        mods = [t for t in doc[noun.left_edge.i : noun.i] if t.dep_ not in ("det",)]
        if not mods or not any(t.lower_.endswith("for") or "for-" in t.lower_ for t in mods):
            continue
        words = [t for t in mods if not is_in(t, lex.people)]
        text = "".join(t.text_with_ws for t in words).strip()
        found = _MATCHED.match(text)
        if found is None:
            continue
        one, other = parse_number(found.group(1)), parse_number(found.group(2))
        if one is None or one != other:
            continue
        issue = (
            "hostages_released"
            if any(is_in(t, lex.captives) for t in mods)
            else ("prisoners_released")
        )
        first, last = words[0].i, noun.i
        yield mention(doc, issue, one, first, last, qualifier="each side")


def bare_count_terms(sent: Span, lex: TermLexicon, used: set[int]) -> Iterator[TermMention]:
    """ "Russia and Ukraine each freed 103": a number released with no noun after it."""
    doc = sent.doc
    for num in sent:
        if num.i in used or num.pos_ != "NUM" or num.dep_ == "nummod":
            continue
        if num.dep_ not in ("dobj", "nsubjpass", "pobj", "conj", "appos"):
            continue
        if num.ent_type_ in COUNT_SKIP_ENTS and num.dep_ != "pobj":
            continue
        ratio_partner = _ratio_partner(num, lex)
        if ratio_partner is not None and num.ent_type_ not in COUNT_SKIP_ENTS:
            value = parse_number(num.text)
            if value is not None:
                # "... and 50 for every female soldier"
                used.add(ratio_partner.i)
                yield mention(doc, "exchange_ratio", value, num.i, ratio_partner.i)
            continue
        head = num.head
        period = None
        if num.dep_ == "pobj":
            period = _rate_period([num], lex)
            if period is None:
                continue
        elif not _is_release_word(head, lex):
            continue
        value = parse_number(num.text)
        if value is None:
            continue
        first = np_start(num)
        issue = _nearest_people_issue(doc, num.i, lex)
        if period is not None:
            yield mention(
                doc, "release_rate", {"count": value, "per": period[0]}, first, period[1].i
            )
            continue
        givers, each = _givers(head, num)
        parties: list[str | None] = (
            [phrase_text(g) for g in givers]
            if each and len(givers) > 1
            else [phrase_text(givers[0])]
            if len(givers) == 1
            else [None]
        )
        for party in parties:
            yield mention(doc, issue, value, first, num.i, party=party)


def _nearest_people_issue(doc: Doc, i: int, lex: TermLexicon) -> str:
    for t in reversed(doc[: i + 1]):
        if is_in(t, lex.captives):
            return "hostages_released"
        if is_in(t, lex.prisoners):
            return "prisoners_released"
    return "prisoners_released"


def aid_terms(sent: Span, lex: TermLexicon) -> Iterator[TermMention]:
    doc = sent.doc
    for noun in sent:
        if not is_in(noun, lex.aid_vehicles) or not is_nominal(noun):
            continue
        quantity = _count_on(noun, lex)
        if quantity is None or quantity.value is None:
            continue
        holders = [noun, doc[quantity.last]]
        if noun.head.i != noun.i:
            holders.append(noun.head)
        period = _rate_period(holders, lex)
        if period is None or period[0] != "day":
            continue
        start = min(np_start(noun), quantity.first)
        yield mention(doc, "aid_trucks_per_day", quantity.value, start, max(noun.i, period[1].i))
