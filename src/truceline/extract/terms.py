"""Terms on the table: counts, durations, phases and conditions of a deal.

:func:`find_terms` reads a parsed :class:`~spacy.tokens.Doc` and returns every
:class:`TermMention` it supports, with the exact characters of the phrase that
carries it. It does not decide which event a term belongs to: the event
component matches ``token_start``/``token_end`` against its clauses.

The readings are structural. A count is a number word or digits attached to a
noun of people (``nummod``, or "hundreds of ..."), and the people count only
when a release, return, exchange or deal governs them in the parse, so that
"killed 47 Palestinians" or "59 hostages remain" make no term. A duration counts
when it modifies a ceasefire noun ("a 60-day truce", "a truce of 42 days") or an
extension ("extend ... for 42 days"). The word lists are in ``data/terms.yaml``.

Values follow ``ONTOLOGY.md``. Two choices the caller should know:

- ``party`` and the ``guarantees`` value are the words of the text ("Hamas",
  "US", "American", "Washington"), not actor ids: the actor component maps
  them with the gazetteer.
- ``withdrawal`` has the place as value ("the Netzarim corridor") and the
  direction ("from"/"to") as ``qualifier``; a withdrawal with no place but a
  scope ("a full withdrawal") has value ``None`` and the scope as qualifier.
- A count with no number has value ``None`` and the quantity as qualifier
  ("hundreds", "all").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property

import yaml
from spacy.tokens import Doc, Span, Token

from truceline.extract.nlp import entities
from truceline.extract.numbers import (
    DATA_DIR,
    number_words,
    parse_duration_days,
    parse_number,
    parse_ordinal,
    split_qualifier,
    vague_quantity,
)
from truceline.record import TermValue


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


@dataclass(frozen=True)
class TermLexicon:
    """The word lists of ``terms.yaml`` as frozen sets."""

    captives: frozenset[str]
    prisoners: frozenset[str]
    released_only: frozenset[str]
    remains: frozenset[str]
    dead: frozenset[str]
    captive_nationalities: frozenset[str]
    prisoner_nationalities: frozenset[str]
    captive_holders: frozenset[str]
    captive_places: frozenset[str]
    release_verbs: frozenset[str]
    release_verb_particles: dict[str, frozenset[str]]
    release_nouns: frozenset[str]
    table_nouns: frozenset[str]
    table_verbs: frozenset[str]
    blocking_verbs: frozenset[str]
    demand_verbs: frozenset[str]
    exchange_markers: frozenset[str]
    vague_labels_kept: frozenset[str]
    truce_nouns: frozenset[str]
    weak_truce_nouns: frozenset[str]
    not_truce_objects: frozenset[str]
    phase_nouns: frozenset[str]
    phase_words: dict[str, int]
    extend_verbs: frozenset[str]
    extend_nouns: frozenset[str]
    last_verbs: frozenset[str]
    time_units: frozenset[str]
    permanence: frozenset[str]
    end_nouns: frozenset[str]
    end_verbs: frozenset[str]
    war_nouns: frozenset[str]
    table_cues: frozenset[str]
    withdraw_verbs: frozenset[str]
    withdraw_particles: dict[str, frozenset[str]]
    withdraw_nouns: frozenset[str]
    not_ground: frozenset[str]
    withdraw_qualifiers: frozenset[str]
    guarantee_nouns: frozenset[str]
    guarantor_nouns: frozenset[str]
    guarantee_giving_verbs: frozenset[str]
    guaranteed_things: frozenset[str]
    displaced_nouns: frozenset[str]
    aid_vehicles: frozenset[str]
    rate_periods: dict[str, str]

    @cached_property
    def people(self) -> frozenset[str]:
        return self.captives | self.prisoners | self.released_only

    @cached_property
    def people_anchors(self) -> frozenset[str]:
        """Words a people term starts from: captives, prisoners, remains."""
        return self.people | self.remains

    @cached_property
    def permanent_anchors(self) -> frozenset[str]:
        return self.permanence | self.end_nouns | self.end_verbs

    @cached_property
    def withdrawal_anchors(self) -> frozenset[str]:
        return self.withdraw_verbs | self.withdraw_nouns

    @cached_property
    def guarantee_anchors(self) -> frozenset[str]:
        return self.guarantee_nouns | self.guarantor_nouns | {"guarantee"}


def _words(items: Iterable[str]) -> frozenset[str]:
    return frozenset(str(i).lower() for i in items)


@cache
def term_lexicon() -> TermLexicon:
    """Load ``data/terms.yaml`` once per process."""
    raw = yaml.safe_load((DATA_DIR / "terms.yaml").read_text("utf-8"))
    people = raw.pop("people")
    fields: dict[str, object] = {k: _words(v) for k, v in people.items()}
    for key, value in raw.items():
        if key in ("release_verb_particles", "withdraw_particles"):
            fields[key] = {k.lower(): _words(v) for k, v in value.items()}
        elif key == "phase_words":
            fields[key] = {k.lower(): int(v) for k, v in value.items()}
        elif key == "rate_periods":
            fields[key] = {k.lower(): str(v) for k, v in value.items()}
        else:
            fields[key] = _words(value)
    return TermLexicon(**fields)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- helpers

_COUNT_SKIP_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NP_LEFT_DEPS = frozenset(
    {"det", "predet", "amod", "compound", "nummod", "quantmod", "poss", "nmod", "advmod", "case"}
)


def _lower(t: Token) -> str:
    return t.lower_


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _is(t: Token, words: frozenset[str]) -> bool:
    return t.lower_ in words or t.lemma_.lower() in words


def _is_nominal(t: Token) -> bool:
    return t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or t.tag_.startswith("NN")


def _is_verbal(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX")


def _conjuncts(t: Token) -> list[Token]:
    return [t, *t.conjuncts]


def _mention(
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


def _np_start(t: Token) -> int:
    """First token of the noun phrase headed by ``t`` (determiners and modifiers).

    A verb starts its own phrase: its subject and auxiliaries are not evidence.
    """
    start = t.i
    if _is_verbal(t):
        return start
    for child in t.lefts:
        if child.dep_ in _NP_LEFT_DEPS or child.dep_ == "punct":
            start = min(start, child.left_edge.i)
    return start


def _phrase_text(t: Token) -> str:
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


def _particle(t: Token) -> str | None:
    for child in t.children:
        if child.dep_ in ("prt", "advmod", "prep", "acomp") and child.i == t.i + 1:
            return child.lower_
    return None


def _ancestors(t: Token, limit: int = 10) -> Iterator[tuple[Token, Token]]:
    """``(child, head)`` pairs up the tree from ``t``, within its sentence."""
    child = t
    for _ in range(limit):
        head = child.head
        if head.i == child.i:
            return
        yield child, head
        child = head


# --------------------------------------------------------------------------- quantities


@dataclass(frozen=True)
class Quantity:
    """A count read off the parse: its value or vague label, hedge and tokens."""

    value: int | float | None
    qualifier: str | None
    first: int
    last: int


def _is_numberish(t: Token) -> bool:
    lex = number_words()
    w = t.lower_
    return t.like_num or lex.is_number_word(w) or w in ("and", "-", "a", "an")


def _number_run(tokens: list[Token]) -> tuple[int, int] | None:
    """The first and last index of the number words among ``tokens``."""
    idx = [t.i for t in tokens if _is_numberish(t) and t.lower_ not in ("and", "-", "a", "an")]
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


def _after_particle(doc: Doc, i: int) -> int:
    """Skip the particle of "handed over" that the parser hung on a number as a hedge."""
    if i == 0 or i >= len(doc):
        return i
    particles = term_lexicon().release_verb_particles.get(_lemma(doc[i - 1]), frozenset())
    return i + 1 if doc[i].lower_ in particles else i


def _hedge(doc: Doc, left: int, first: int) -> str | None:
    """The hedge ("nearly", "at least") written between ``left`` and the number at ``first``."""
    if first <= left:
        return None
    left = _after_particle(doc, left)
    words = [t.lower_ for t in doc[left:first] if t.lower_ not in ("the", "a", "an")]
    for n in range(len(words), 0, -1):
        candidate = " ".join(words[-n:])
        qualifier, rest = split_qualifier(candidate + " 1")
        if qualifier is not None and rest == "1":
            return qualifier
    return None


def _count_on(noun: Token) -> Quantity | None:
    """The count of ``noun``: "737 prisoners", "hundreds of prisoners", "all hostages"."""
    doc = noun.doc
    lex = term_lexicon()
    nums = [c for c in noun.lefts if c.dep_ in ("nummod", "quantmod")]
    if nums:
        tokens = [t for c in nums for t in c.subtree]
        run = _number_run(tokens)
        if run is not None:
            first, last = run
            if any(doc[i].ent_type_ in _COUNT_SKIP_ENTS for i in range(first, last + 1)):
                return None
            value = parse_number(doc[first : last + 1].text)
            if value is None:
                return None
            return Quantity(value, _hedge(doc, noun.left_edge.i, first), first, last)
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
            run = _number_run(list(holder.subtree)[: holder.i - holder.left_edge.i + 1])
            if run is not None and doc[run[0]].ent_type_ not in _COUNT_SKIP_ENTS:
                value = parse_number(doc[run[0] : run[1] + 1].text)
                if value is not None:
                    hedge = _hedge(doc, holder.left_edge.i, run[0])
                    return Quantity(value, hedge, holder.left_edge.i, run[1])
    for c in noun.lefts:
        if c.lower_ == "all" and c.dep_ in ("det", "predet", "amod"):
            return Quantity(None, "all", c.i, c.i)
    return None


# --------------------------------------------------------------------------- people


@dataclass(frozen=True)
class _Governor:
    """What governs a people noun: a release (with its givers), the table, or a blocker."""

    kind: str  # "release" | "table" | "block" | "none"
    anchor: Token | None = None
    counterpart: bool = False
    near: bool = False


def _is_release_word(t: Token, lex: TermLexicon) -> bool:
    lemma = _lemma(t)
    if _is_verbal(t) and lemma in lex.release_verbs:
        particles = lex.release_verb_particles.get(lemma)
        if particles is None:
            return True
        # "handed over 2 prisoners" is often parsed with "over" as a hedge on the number
        following = t.doc[t.i + 1].lower_ if t.i + 1 < len(t.doc) else ""
        return following in particles or any(c.lower_ in particles for c in t.children)
    return _is_nominal(t) and (t.lower_ in lex.release_nouns or lemma in lex.release_nouns)


def _governor(noun: Token, lex: TermLexicon) -> _Governor:
    """Walk up from ``noun`` to the word that says why these people are counted."""
    counterpart = False
    table: Token | None = None
    for c in noun.children:
        if c.dep_ in ("acl", "relcl") and _is_release_word(c, lex):
            return _Governor("release", c, near=True)  # "33 hostages to be freed"
    if noun.dep_ in _SUBJECTS:
        # "192 prisoners were to be exchanged", "hostages are due to be freed"
        for c in noun.head.children:
            for v in (c, *c.children) if c.dep_ == "acomp" else (c,):
                if v.dep_ == "xcomp" and _is_release_word(v, lex):
                    return _Governor("release", v, near=True)
    for steps, (child, head) in enumerate(_ancestors(noun), start=1):
        if child.dep_ == "pobj" and head.lower_ == "for":
            up = head.head
            if up.lower_ in lex.exchange_markers or _lemma(up) in lex.exchange_markers:
                counterpart = True
        if child.dep_ == "pobj" and head.lower_ == "including" and _is(head.head, lex.people):
            return _Governor("block")  # a subset of a count already made
        if _is_release_word(head, lex):
            return _Governor("release", head, counterpart, near=steps <= 2)
        if _is_verbal(head) and _lemma(head) in lex.blocking_verbs:
            return _Governor("block", head)
        if table is None and (
            (_is_verbal(head) and _lemma(head) in lex.table_verbs)
            or (_is_nominal(head) and _lemma(head) in lex.table_nouns)
        ):
            table = head
    if table is not None:
        return _Governor("table", table, counterpart)
    return _Governor("none")


def _blocked_by_own_clause(noun: Token, lex: TermLexicon) -> bool:
    """ "251 hostages taken on 7 October", "hostages killed in captivity"."""
    return any(
        c.dep_ in ("acl", "relcl") and _lemma(c) in lex.blocking_verbs for c in noun.children
    )


def _givers(anchor: Token | None, noun: Token) -> tuple[list[Token], bool]:
    """The parties that release (``party``) and whether each of them does ("each")."""
    if anchor is None:
        return [], False
    each = any(
        c.lower_ == "each"
        for t in (anchor, noun, *[c for c in anchor.children if c.dep_ in _SUBJECTS])
        for c in t.children
    )
    if _is_nominal(anchor):
        agents = [c for p in anchor.children if p.lower_ == "by" for c in p.children]
        return [a for g in agents for a in _conjuncts(g)], each
    if _lemma(anchor) == "receive":
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
            return [a for g in agents for a in _conjuncts(g)], each
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            if noun in subjects or any(noun in s.subtree for s in subjects):
                return [], each
            return [s for subj in subjects for s in _conjuncts(subj)], each
        if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
            verb = verb.head
            continue
        break
    return [], each


def _people_class(noun: Token, lex: TermLexicon, givers: list[Token], governor: _Governor) -> str:
    """ "hostages_released" or "prisoners_released" for a people noun in context."""
    mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod", "poss")}
    mods.add(noun.lower_)
    if _is(noun, lex.captives):
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
        _phrase_text(g).lower() in lex.captive_holders or g.lower_ in lex.captive_holders
        for g in givers
    ):
        return "hostages_released"
    if not givers and not governor.counterpart and _holder_offers(noun, lex):
        return "hostages_released"
    return "prisoners_released"


def _held_in_captive_place(noun: Token, lex: TermLexicon) -> bool:
    for c in noun.children:
        preps = [c] if c.dep_ == "prep" else [p for p in c.children if p.dep_ == "prep"]
        if c.dep_ not in ("prep", "acl"):
            continue
        for p in preps:
            if p.lower_ != "in":
                continue
            for obj in p.children:
                if _phrase_text(obj).lower() in lex.captive_places:
                    return True
    return False


def _holder_offers(noun: Token, lex: TermLexicon) -> bool:
    """A hostage holder is the subject of the sentence and does not demand the release.

    "Hamas submitted amendments including the release of 10 prisoners": the
    prisoners are Hamas's captives. "Hamas demands the release of prisoners":
    they are not.
    """
    root = noun.sent.root
    subjects = [s for c in root.children if c.dep_ in _SUBJECTS for s in _conjuncts(c)]
    if not any(
        _phrase_text(s).lower() in lex.captive_holders or s.lower_ in lex.captive_holders
        for s in subjects
    ):
        return False
    return all(_lemma(head) not in lex.demand_verbs for _, head in _ancestors(noun))


def _rate_period(tokens: Iterable[Token], lex: TermLexicon) -> tuple[str, Token] | None:
    """ "per week", "a day", "every week", "daily" among the children of ``tokens``."""
    for t in tokens:
        for c in t.children:
            if c.lower_ == "per" and c.dep_ == "prep":
                for obj in c.children:
                    if obj.lower_ in lex.rate_periods or _lemma(obj) in lex.rate_periods:
                        return lex.rate_periods.get(_lemma(obj), obj.lower_), obj
            if c.dep_ in ("npadvmod", "advmod", "pobj", "dobj") and (
                _lemma(c) in lex.rate_periods or c.lower_ in lex.rate_periods
            ):
                dets = {d.lower_ for d in c.children if d.dep_ in ("det", "amod")}
                if c.lower_ in ("daily", "weekly", "monthly") or dets & {
                    "a",
                    "each",
                    "every",
                    "per",
                }:
                    return lex.rate_periods.get(c.lower_, lex.rate_periods.get(_lemma(c), "")), c
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
                if obj.dep_ != "pobj" or not _is(obj, lex.people) or obj.i == noun.i:
                    continue
                quantifiers = {c.lower_ for c in obj.children if c.dep_ in ("det", "nummod")}
                if prep.lower_ == "per" or quantifiers & {"every", "each", "one", "1", "a"}:
                    return obj
    return None


def _people_terms(sent: Span, lex: TermLexicon, used: set[int]) -> Iterator[TermMention]:
    doc = sent.doc
    for noun in sent:
        if noun.i in used or not _is_nominal(noun):
            continue
        is_remains = noun.lower_ in lex.remains or (
            noun.lemma_.lower() in lex.remains and noun.lower_ != "remain"
        )
        if is_remains:
            yield from _remains_term(noun, lex, used)
            continue
        if not _is(noun, lex.people):
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
    quantity = _count_on(noun)
    last = noun.i
    for obj in whose:
        used.add(obj.i)
        if quantity is None:
            quantity = _count_on(obj)
        last = max(last, obj.i)
    if quantity is None:
        return
    governor = _governor(noun, lex)
    if governor.kind not in ("release", "table"):
        return
    givers, _ = _givers(governor.anchor, noun)
    start = min(_np_start(noun), quantity.first)
    party = _phrase_text(givers[0]) if len(givers) == 1 else None
    yield _mention(
        doc,
        "remains_returned",
        quantity.value,
        start,
        last,
        qualifier=quantity.qualifier,
        party=party,
    )


def _count_term(noun: Token, doc: Doc, lex: TermLexicon, used: set[int]) -> Iterator[TermMention]:
    quantity = _count_on(noun)
    if quantity is None:
        return
    strong = _is(noun, lex.captives) or _is(noun, lex.prisoners)
    governor = _governor(noun, lex)
    if governor.kind == "block" or governor.kind == "none":
        return
    if governor.kind == "table" and not strong:
        return
    if not governor.near and _blocked_by_own_clause(noun, lex):
        return
    start = _after_particle(doc, min(_np_start(noun), quantity.first))
    last = _np_end(noun, lex)
    partner = _ratio_partner(noun, lex)
    if partner is not None and quantity.value is not None:
        used.add(partner.i)
        yield _mention(doc, "exchange_ratio", quantity.value, start, max(last, partner.i))
        return
    period = _rate_period(
        [noun, doc[quantity.last], *(governor.anchor,) * bool(governor.anchor)], lex
    )
    if period is not None and quantity.value is not None:
        yield _mention(
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
        parties = [_phrase_text(g) for g in givers]
    elif len(givers) == 1:
        parties = [_phrase_text(givers[0])]
    else:
        parties = [None]
    for party in parties:
        yield _mention(doc, issue, quantity.value, start, last, party=party, qualifier=qualifier)


def _np_end(noun: Token, lex: TermLexicon) -> int:
    """Last token of a people phrase: the noun, "of war", and conjoined people nouns."""
    last = noun.i
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ == "of" and any(o.lower_ == "war" for o in c.children):
            last = c.right_edge.i
        elif c.dep_ == "conj" and _is(c, lex.people) and _count_on(c) is None:
            last = max(last, c.i)
    return last


def _bare_count_terms(sent: Span, lex: TermLexicon, used: set[int]) -> Iterator[TermMention]:
    """ "Russia and Ukraine each freed 103": a number released with no noun after it."""
    doc = sent.doc
    for num in sent:
        if num.i in used or num.pos_ != "NUM" or num.dep_ == "nummod":
            continue
        if num.dep_ not in ("dobj", "nsubjpass", "pobj", "conj", "appos"):
            continue
        if num.ent_type_ in _COUNT_SKIP_ENTS and num.dep_ != "pobj":
            continue
        ratio_partner = _ratio_partner(num, lex)
        if ratio_partner is not None and num.ent_type_ not in _COUNT_SKIP_ENTS:
            value = parse_number(num.text)
            if value is not None:
                # "... and 50 for every female soldier"
                used.add(ratio_partner.i)
                yield _mention(doc, "exchange_ratio", value, num.i, ratio_partner.i)
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
        first = _np_start(num)
        issue = _nearest_people_issue(doc, num.i, lex)
        if period is not None:
            yield _mention(
                doc, "release_rate", {"count": value, "per": period[0]}, first, period[1].i
            )
            continue
        givers, each = _givers(head, num)
        parties: list[str | None] = (
            [_phrase_text(g) for g in givers]
            if each and len(givers) > 1
            else [_phrase_text(givers[0])]
            if len(givers) == 1
            else [None]
        )
        for party in parties:
            yield _mention(doc, issue, value, first, num.i, party=party)


def _nearest_people_issue(doc: Doc, i: int, lex: TermLexicon) -> str:
    for t in reversed(doc[: i + 1]):
        if _is(t, lex.captives):
            return "hostages_released"
        if _is(t, lex.prisoners):
            return "prisoners_released"
    return "prisoners_released"


def _aid_terms(sent: Span, lex: TermLexicon) -> Iterator[TermMention]:
    doc = sent.doc
    for noun in sent:
        if not _is(noun, lex.aid_vehicles) or not _is_nominal(noun):
            continue
        quantity = _count_on(noun)
        if quantity is None or quantity.value is None:
            continue
        holders = [noun, doc[quantity.last]]
        if noun.head.i != noun.i:
            holders.append(noun.head)
        period = _rate_period(holders, lex)
        if period is None or period[0] != "day":
            continue
        start = min(_np_start(noun), quantity.first)
        yield _mention(doc, "aid_trucks_per_day", quantity.value, start, max(noun.i, period[1].i))


# --------------------------------------------------------------------------- durations


def _duration_of(unit: Token) -> int | None:
    """Days in the duration headed by a time-unit noun: "42 days", "six-month", "a week"."""
    doc = unit.doc
    nums = [
        c for c in unit.lefts if c.dep_ in ("nummod", "quantmod", "compound") and _is_numberish(c)
    ]
    if any(c.lower_ == "ago" for c in (*unit.children, unit.head)):
        return None
    if nums:
        run = _number_run([t for c in nums for t in c.subtree])
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
    if not (_is_nominal(t) and _is(t, lex.truce_nouns)):
        return False
    if not _is(t, lex.weak_truce_nouns):
        return True
    return not any(
        _is(obj, lex.not_truce_objects)
        for p in t.children
        if p.dep_ == "prep"
        for obj in p.children
        if obj.dep_ == "pobj"
    )


def _duration_terms(sent: Span, lex: TermLexicon) -> Iterator[TermMention]:
    doc = sent.doc
    for unit in sent:
        if not (_is_nominal(unit) and _lemma(unit) in lex.time_units):
            continue
        days = _duration_of(unit)
        if days is None:
            continue
        first = unit.left_edge.i
        head = unit.head
        if head.lower_ == "long" and head.dep_ == "amod":
            first, head = min(first, head.left_edge.i), head.head
        if unit.dep_ in ("compound", "amod", "nmod", "npadvmod", "nummod") or head.i != unit.head.i:
            if _is(head, lex.extend_nouns):
                yield _mention(doc, "extension_days", days, min(_np_start(head), first), head.i)
                continue
            if _is_truce(head, lex) or (_is_nominal(head) and _is(head, lex.phase_nouns)):
                yield _mention(doc, "ceasefire_days", days, min(_np_start(head), first), head.i)
                continue
        if unit.dep_ == "pobj":
            prep, owner = head, head.head
            p = prep.lower_
            if p in ("for", "by") and (
                _is(owner, lex.extend_verbs) or _is(owner, lex.extend_nouns)
            ):
                yield _mention(doc, "extension_days", days, _np_start(owner), unit.i)
                continue
            if p in ("of", "for") and _is_truce(owner, lex):
                yield _mention(doc, "ceasefire_days", days, _np_start(owner), unit.i)
                continue
            if p == "for" and _is_verbal(owner):
                truce = _truce_object(owner, lex)
                if truce is not None and _is(owner, lex.last_verbs) is False:
                    yield _mention(doc, "ceasefire_days", days, _np_start(truce), unit.i)
                    continue
            if p == "for" and _is(owner, lex.last_verbs):
                truce = _lasting_truce(owner, lex)
                if truce is not None:
                    yield _mention(doc, "ceasefire_days", days, _np_start(truce), unit.i)
                    continue
        if (
            unit.dep_ == "appos"
            and _is_truce_or_phase(head, lex)
            and any(c.dep_ in ("amod", "acl") and _is(c, lex.last_verbs) for c in unit.children)
        ):
            # "three stages, each lasting 42 days"
            yield _mention(doc, "ceasefire_days", days, _np_start(head), unit.i)
            continue
        if unit.dep_ in ("dobj", "npadvmod", "attr") and _is(head, lex.last_verbs):
            truce = _lasting_truce(head, lex)
            if truce is not None:
                yield _mention(doc, "ceasefire_days", days, _np_start(truce), unit.i)


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
    return _is_truce(t, lex) or (_is_nominal(t) and _is(t, lex.phase_nouns))


def _lasting_truce(verb: Token, lex: TermLexicon) -> Token | None:
    """ "a truce that would last 60 days", "the first phase is due to run for six weeks"."""
    for _ in range(3):
        if verb.dep_ in ("relcl", "acl") and _is_truce_or_phase(verb.head, lex):
            return verb.head
        for c in verb.children:
            if c.dep_ in _SUBJECTS and _is_truce_or_phase(c, lex):
                return c
        if verb.dep_ not in ("xcomp", "acomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


# --------------------------------------------------------------------------- phases

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _phase_terms(sent: Span, lex: TermLexicon) -> Iterator[TermMention]:
    doc = sent.doc
    for noun in sent:
        if noun.lower_ not in lex.phase_nouns and not (
            _is_nominal(noun) and _lemma(noun) in lex.phase_nouns
        ):
            continue
        found = False
        for c in noun.lefts:
            if c.dep_ not in ("amod", "compound", "nummod", "npadvmod"):
                continue
            for o in _conjuncts(c):
                value = parse_ordinal(o.text) or lex.phase_words.get(o.lower_)
                if value is not None:
                    found = True
                    yield _mention(doc, "phase", value, _np_start(noun), noun.i)
        if found or noun.i + 1 >= len(doc):
            continue
        nxt = doc[noun.i + 1]
        if nxt.sent != noun.sent or nxt.ent_type_ in ("DATE", "TIME"):
            continue
        value = _ROMAN.get(nxt.text.lower()) if nxt.text.isupper() else None
        if value is None and (nxt.like_num or number_words().is_number_word(nxt.text)):
            value = parse_number(nxt.text)
        if isinstance(value, int) and 0 < value < 10:
            yield _mention(doc, "phase", value, _np_start(noun), nxt.i)


# --------------------------------------------------------------------------- permanence


def _table_context(t: Token, lex: TermLexicon) -> bool:
    return any(_lemma(h) in lex.table_cues or h.lower_ in lex.table_cues for _, h in _ancestors(t))


def _right_end(noun: Token, preps: tuple[str, ...]) -> int:
    last = noun.i
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ in preps:
            last = max(last, c.right_edge.i)
    return last


def _war_object(t: Token, lex: TermLexicon) -> Token | None:
    for c in t.children:
        if c.dep_ in ("dobj", "nsubjpass") and _is(c, lex.war_nouns):
            return c
        if c.dep_ == "prep" and c.lower_ in ("to", "of", "on"):
            for obj in c.children:
                if obj.dep_ == "pobj" and _is(obj, lex.war_nouns):
                    return obj
    return None


def _permanent_terms(sent: Span, lex: TermLexicon) -> Iterator[TermMention]:
    doc = sent.doc
    seen: set[int] = set()
    for t in sent:
        if t.lower_ in lex.permanence:
            head = t.head
            permanent_noun = t.dep_ == "amod" and (_is_truce(head, lex) or _is(head, lex.end_nouns))
            permanent_verb = (
                t.dep_ == "advmod" and _is_verbal(head) and _lemma(head) in lex.end_verbs
            )
            if not (permanent_noun or permanent_verb):
                continue
            target = head
            if target.i in seen:
                continue
            seen.add(target.i)
            last = _right_end(target, ("of", "to")) if _is_nominal(target) else target.right_edge.i
            first = _np_start(target) if _is_nominal(target) else min(t.i, target.i)
            yield _mention(doc, "ceasefire_permanent", True, first, last)
        elif t.i not in seen and (
            (_is_nominal(t) and _is(t, lex.end_nouns))
            or (_is_verbal(t) and _lemma(t) in lex.end_verbs)
        ):
            war = _war_object(t, lex)
            if war is None or not _table_context(t, lex):
                continue
            seen.add(t.i)
            first = _np_start(t) if _is_nominal(t) else t.i
            yield _mention(doc, "ceasefire_permanent", True, first, war.i)


# --------------------------------------------------------------------------- withdrawal


_COMPASS = frozenset({"north", "south", "east", "west", "behind", "beyond"})


def _place_after(t: Token, lex: TermLexicon) -> tuple[Token, str] | None:
    """The pobj of a "from"/"to"/"out of" phrase under ``t`` and the direction."""
    for c in t.children:
        if c.dep_ not in ("prep", "prt", "advmod"):
            continue
        direction = c.lower_
        if direction in _COMPASS and any(p.lower_ == "of" for p in c.children):
            return c, "to"  # "withdraw north of the Litani River"
        objs = [o for o in c.children if o.dep_ == "pobj"]
        if direction in ("out", "back") and not objs:
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ in ("of", "from", "to"):
                    objs = [o for o in p.children if o.dep_ == "pobj"]
                    direction = "from" if p.lower_ in ("of", "from") else "to"
        elif direction == "out":
            direction = "from"
        if direction not in ("from", "to") or not objs:
            continue
        place = objs[0]
        if _is(place, lex.not_ground) or place.pos_ == "PRON":  # "the line to which ..."
            return None
        return place, direction
    return None


def _withdrawal_terms(sent: Span, lex: TermLexicon) -> Iterator[TermMention]:
    doc = sent.doc
    for t in sent:
        if _is_verbal(t) and _lemma(t) in lex.withdraw_verbs:
            particles = lex.withdraw_particles.get(_lemma(t))
            if particles is not None and _particle(t) not in particles:
                continue
            objs = [c for c in t.children if c.dep_ == "dobj"]
            if any(_is(o, lex.not_ground) for o in objs):
                continue
            found = _place_after(t, lex) or next(
                (p for o in objs if (p := _place_after(o, lex))), None
            )
            if found is None:
                continue
            place, direction = found
            subjects = [c for c in t.children if c.dep_ == "nsubj"]
            if not subjects and t.dep_ in ("xcomp", "conj"):
                subjects = [c for c in t.head.children if c.dep_ == "nsubj"]
            party = _phrase_text(subjects[0]) if subjects else None
            yield _mention(
                doc,
                "withdrawal",
                _place_text(place),
                t.i,
                place.right_edge.i,
                qualifier=direction,
                party=party,
            )
        elif _is_nominal(t) and _is(t, lex.withdraw_nouns):
            of_objs = [
                o
                for p in t.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children
                if o.dep_ == "pobj"
            ]
            found = _place_after(t, lex) or next(
                (p for o in of_objs if (p := _place_after(o, lex))), None
            )
            party = _withdrawing_party(t, of_objs)
            if found is not None:
                place, direction = found
                yield _mention(
                    doc,
                    "withdrawal",
                    _place_text(place),
                    _np_start(t),
                    place.right_edge.i,
                    qualifier=direction,
                    party=party,
                )
                continue
            scope = next(
                (
                    c.lower_
                    for c in t.lefts
                    if c.dep_ == "amod" and c.lower_ in lex.withdraw_qualifiers
                ),
                None,
            )
            if scope is not None:
                last = max([t.i, *(o.i for o in of_objs)])
                yield _mention(
                    doc, "withdrawal", None, _np_start(t), last, qualifier=scope, party=party
                )


def _place_text(place: Token) -> str:
    span = place.doc[place.left_edge.i : place.right_edge.i + 1]
    while len(span) > 1 and span[-1].is_punct:
        span = span[:-1]
    return span.text


def _withdrawing_party(noun: Token, of_objs: list[Token]) -> str | None:
    for t in (noun, *of_objs):
        for c in t.lefts:
            if c.dep_ == "poss" and c.pos_ == "PROPN":
                return _phrase_text(c)
            if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG"):
                return c.text
    return None


# --------------------------------------------------------------------------- guarantees


def _is_party_word(t: Token) -> bool:
    return t.ent_type_ in ("GPE", "NORP", "ORG") or t.pos_ == "PROPN"


def _entity_text(t: Token) -> str:
    for ent in entities(t.doc):
        if ent.start <= t.i < ent.end:
            text = ent.text
            return text[4:] if text.lower().startswith("the ") else text
    return _phrase_text(t)


def _guarantors_of(noun: Token, lex: TermLexicon) -> list[Token]:
    parties: list[Token] = []
    for c in noun.lefts:
        # "US guarantees", "European and American security guarantees"
        for m in c.subtree:
            if m.dep_ in ("compound", "amod", "poss", "nmod", "conj") and _is_party_word(m):
                parties.append(m)
    for p in noun.children:
        if p.dep_ == "prep" and p.lower_ in ("from", "by"):
            for obj in p.children:
                if obj.dep_ == "pobj":
                    parties.extend(o for o in _conjuncts(obj) if _is_party_word(o))
    if parties:
        return parties
    if _is(noun, lex.guarantor_nouns):
        return _guarantor_noun_parties(noun)
    head = noun.head
    if noun.dep_ == "dobj" and _lemma(head) in lex.guarantee_giving_verbs:
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if not subjects and head.dep_ in ("xcomp", "conj"):
            subjects = [c for c in head.head.children if c.dep_ == "nsubj"]
        return [o for s in subjects for o in _conjuncts(s) if _is_party_word(o)]
    return []


def _guarantor_noun_parties(noun: Token) -> list[Token]:
    """ "Egypt, Qatar and the US as guarantors", "the guarantors, Egypt and Qatar"."""
    found = [o for c in noun.children if c.dep_ == "appos" for o in _conjuncts(c)]
    if noun.dep_ == "attr":
        found += [o for c in noun.head.children if c.dep_ == "nsubj" for o in _conjuncts(c)]
    if noun.dep_ == "pobj" and noun.head.lower_ == "as":
        holder = noun.head.head
        if _is_party_word(holder):
            found += _conjuncts(holder)
        else:
            found += [
                o
                for p in holder.children
                if p.dep_ == "prep" and p.lower_ == "with"
                for c in p.children
                if c.dep_ == "pobj"
                for o in _conjuncts(c)
            ]
    return [t for t in found if _is_party_word(t)]


def _guarantee_terms(sent: Span, lex: TermLexicon) -> Iterator[TermMention]:
    doc = sent.doc
    for t in sent:
        if _is_nominal(t) and (_is(t, lex.guarantee_nouns) or _is(t, lex.guarantor_nouns)):
            parties = _guarantors_of(t, lex)
            first, last = _np_start(t), t.i
        elif _is_verbal(t) and _lemma(t) == "guarantee":
            objs = [c for c in t.children if c.dep_ == "dobj" and _is(c, lex.guaranteed_things)]
            if not objs:
                continue
            parties = [
                o
                for c in t.children
                if c.dep_ == "nsubj"
                for o in _conjuncts(c)
                if _is_party_word(o)
            ]
            first, last = t.i, objs[0].i
        else:
            continue
        if parties:
            first = min(first, *(p.left_edge.i for p in parties))
            last = max(last, *(p.i for p in parties))
        for party in parties:
            yield _mention(doc, "guarantees", _entity_text(party), first, last)


# --------------------------------------------------------------------------- displaced


def _is_displaced(t: Token, lex: TermLexicon) -> bool:
    return _is(t, lex.displaced_nouns) or any(c.lower_ == "displaced" for c in t.lefts)


def _displaced_terms(sent: Span, lex: TermLexicon) -> Iterator[TermMention]:
    doc = sent.doc
    for t in sent:
        if _lemma(t) != "return":
            continue
        if t.dep_ == "pobj" and t.head.lower_ == "of" and _lemma(t.head.head) == "right":
            continue  # the right of return is a different issue
        people: Token | None = None
        if _is_nominal(t):
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    people = next((o for o in p.children if _is_displaced(o, lex)), None)
            first = _np_start(t)
        else:
            people = next(
                (c for c in t.children if c.dep_ in _SUBJECTS and _is_displaced(c, lex)), None
            )
            if people is None and t.dep_ in ("xcomp", "ccomp"):
                people = next(
                    (c for c in t.head.children if c.dep_ == "dobj" and _is_displaced(c, lex)),
                    None,
                )
            first = min(t.i, people.left_edge.i) if people is not None else t.i
        if people is None:
            continue
        last = max(people.i, _right_end(t, ("to",)))
        yield _mention(doc, "displaced_return", True, first, last)


# --------------------------------------------------------------------------- entry point


def find_terms(doc: Doc) -> list[TermMention]:
    """Every term the document supports, in text order, without duplicates."""
    lex = term_lexicon()
    found: list[TermMention] = []
    for sent in doc.sents:
        used: set[int] = set()
        # Each finder walks the sentence from an anchor word; a sentence
        # without any of its anchors (as lower case or lemma) is skipped whole.
        words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
        if words & lex.people_anchors:
            found.extend(_people_terms(sent, lex, used))
        if any(t.pos_ == "NUM" for t in sent):
            found.extend(_bare_count_terms(sent, lex, used))
        if words & lex.aid_vehicles:
            found.extend(_aid_terms(sent, lex))
        if words & lex.time_units:
            found.extend(_duration_terms(sent, lex))
        if words & lex.phase_nouns:
            found.extend(_phase_terms(sent, lex))
        if words & lex.permanent_anchors:
            found.extend(_permanent_terms(sent, lex))
        if words & lex.withdrawal_anchors:
            found.extend(_withdrawal_terms(sent, lex))
        if words & lex.guarantee_anchors:
            found.extend(_guarantee_terms(sent, lex))
        if "return" in words:
            found.extend(_displaced_terms(sent, lex))
    unique: dict[tuple, TermMention] = {}
    for m in found:
        key = (m.issue, repr(m.value), m.start, m.end, m.party)
        unique.setdefault(key, m)
    return sorted(unique.values(), key=lambda m: (m.start, m.end, m.issue))
