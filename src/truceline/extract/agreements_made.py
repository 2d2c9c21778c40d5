"""Agreements a sentence takes as made rather than tells as news.

News often states a deal only in passing: as the time a thing happened after
("Following agreement on a monitoring mechanism on 14 October, talks turned to
the prisoners"; "since the accord on a truce") or as a list of what talks
produced ("the dialogue led to the signing of several texts, including a joint
statement in March, a set of principles in June and an accord in October").
A time phrase presupposes what it names, so the agreement was made; a list of
signed texts each with its own date tells one agreement per text, each on its
day (a year later one text is not the other). Both are agreements of the
article's sides unless a party is named; the event component turns the tokens
found here into events. Words: ``agreements_made`` in ``data/events.yaml``.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Span, Token

from truceline.data import load
from truceline.data.files import EventsFile
from truceline.extract.dates import date_expressions, read_date

_WORDS = load(EventsFile).agreements_made
_NOUNS = frozenset(_WORDS.nouns)
_TIME_PREPS = frozenset(_WORDS.time_preps)
_CONTENT_PREPS = frozenset(_WORDS.content_preps)
_SIGNING = frozenset(_WORDS.signing)
_OPENERS = frozenset(_WORDS.list_openers)
_LIST_BREAKS = frozenset({",", ";", "and"})
_ANY_DAY = dt.date(2000, 6, 15)


def presupposed_agreement(noun: Token) -> bool:
    """ "Following agreement on a mechanism", "since the accord over the crossings": made.

    Only an agreement said with its content: a bare "after the deal" refers back
    to one the report has told already. Not one a party owns ("after Russia's
    agreement to a swap" is its acceptance).
    """
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _NOUNS:
        return False
    if noun.dep_ != "pobj" or noun.head.lower_ not in _TIME_PREPS:
        return False
    if any(c.dep_ == "poss" for c in noun.children):
        return False
    return any(
        p.dep_ == "prep"
        and p.lower_ in _CONTENT_PREPS
        and any(o.dep_ in ("pobj", "pcomp") for o in p.children)
        for p in noun.children
    )


def signed_texts(token: Token) -> list[Span]:
    """The texts a signing lists with a date each: one span (the list item) per text.

    "led to the signing of several texts, including a statement in March, a
    roadmap in June and an accord in October" lists three. Read off the words
    after the list's opener ("including", a colon), split at commas and "and",
    since a parser attaches the items of a long list anywhere. Fewer than two
    dated texts is no list: a signing with one date is told as any other.
    """
    if token.lemma_.lower() not in _SIGNING and token.lower_ not in _SIGNING:
        return []
    sent = token.sent
    opener = next((t for t in sent if t.i > token.i and t.lower_ in _OPENERS), None)
    if opener is None or opener.i - token.i > 8:
        return []
    dates = [s for s in date_expressions(sent) if s.start > opener.i and _names_a_day(s)]
    texts: list[Span] = []
    for segment in _segments(sent, opener.i + 1):
        dated = [s for s in dates if segment[0] <= s.start and s.end <= segment[-1] + 1]
        if dated and _head_noun(sent, segment, dated) is not None:
            texts.append(sent.doc[segment[0] : segment[-1] + 1])
    return texts if len(texts) >= 2 else []


def text_head(item: Span) -> Token:
    """The word that names a listed text ("roadmap" in "a roadmap in June")."""
    dated = [s for s in date_expressions(item.sent) if item.start <= s.start and s.end <= item.end]
    head = _head_noun(item.sent, list(range(item.start, item.end)), dated)
    return head if head is not None else item.root


def _names_a_day(span: Span) -> bool:
    """A month or a day: a year alone dates a list, not one text in it.

    Read against any publication day, since only the precision matters here.
    """
    reading = read_date(span.text, _ANY_DAY)
    return reading.kind == "date" and reading.precision in ("day", "month")


def _segments(sent: Span, start: int) -> list[list[int]]:
    """Token indices from ``start`` to the sentence's end, split at the list's breaks."""
    out: list[list[int]] = [[]]
    for t in sent:
        if t.i < start or (t.is_punct and t.lower_ not in _LIST_BREAKS):
            continue
        if t.lower_ in _LIST_BREAKS:
            out.append([])
        else:
            out[-1].append(t.i)
    return [s for s in out if s]


def _head_noun(sent: Span, segment: list[int], dated: list[Span]) -> Token | None:
    """The first noun of a list item that is not part of its date ("a roadmap in June")."""
    doc = sent.doc
    in_date = {i for s in dated for i in range(s.start, s.end)}
    nouns = [doc[i] for i in segment if doc[i].pos_ in ("NOUN", "PROPN") and i not in in_date]
    heads = [n for n in nouns if n.dep_ != "compound"]
    return (heads or nouns or [None])[0]


def list_reference_day(item: Span, published: dt.date | None) -> dt.date | None:
    """The day a listed text's month is read from: the list's own earlier year, if it gives one.

    "signed several texts last year, including a roadmap in March": March of
    last year, not of the year of publication. Without such a year, publication.
    """
    if published is None:
        return None
    years = [
        r.value
        for s in date_expressions(item.sent)
        if s.end <= item.start
        for r in [read_date(s.text, published)]
        if r.kind == "date" and r.precision == "year" and r.value is not None
    ]
    if not years or years[-1].year >= published.year:
        return published
    return dt.date(years[-1].year, 12, 31)
