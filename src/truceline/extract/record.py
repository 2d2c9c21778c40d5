"""Assemble one article's :class:`ExtractionRecord` from an annotated ``Doc``.

The components found mentions (actors, terms, reporting frames, events);
this module decides what each event carries: the claim of the innermost
reporting frame (or of the actor speaking for itself), the terms of its
clause, its modality and date, and evidence as exact character offsets.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from truceline.data import load
from truceline.data.files import EventsFile
from truceline.extract.actors import ActorMention, actors_of_phrase, agent_of_phrase, phrase_tokens
from truceline.extract.attribution import (
    ReportingFrame,
    innermost_frame,
    speaker_frame,
    speaks_by_acting,
    wire_credit,
)
from truceline.extract.dates import resolve_date
from truceline.extract.events import EventMention, _subject
from truceline.extract.gazetteer import Gazetteer
from truceline.extract.lexicon import lexicon
from truceline.extract.modality import modality_of
from truceline.extract.parties import counterpart, named_sides, negotiating_sides
from truceline.extract.terms import TermMention
from truceline.extract.triggers import load_triggers
from truceline.model import (
    Actor,
    Article,
    ArticleMeta,
    Claim,
    Event,
    EventType,
    Evidence,
    ExtractionRecord,
    Modality,
    Term,
)

_SELF_REPORTING = lexicon().self_reporting_verbs


_CONTENT_WHEN_POSSIBLE = frozenset(load(EventsFile).content_when_possible)
_NEED_ACTOR = frozenset(load(EventsFile).need_actor)


def evidence_for(text: str, start_char: int, end_char: int) -> Evidence:
    """Evidence over ``[start_char, end_char)`` of ``text``, surrounding whitespace trimmed.

    ``text`` is the article text the ``Doc`` was made from (``doc.text`` is
    rebuilt from the tokens on every access, which is slow).
    """
    while start_char < end_char and text[start_char].isspace():
        start_char += 1
    while end_char > start_char and text[end_char - 1].isspace():
        end_char -= 1
    return Evidence(start=start_char, end=end_char, text=text[start_char:end_char])


def _span_evidence(span: Span) -> Evidence:
    return evidence_for(span.doc.user_data["truceline_text"], span.start_char, span.end_char)


def _in_statement(sent: Span) -> bool:
    """ "In a statement, the group called on ...": the actor speaks for itself."""
    return any(t.lower_ == "statement" and t.head.lower_ in ("in", "via") for t in sent)


def _self_claim(trigger: Token) -> Claim | None:
    subject = _subject(trigger)
    if subject is None:
        return None
    if subject.pos_ != "PRON" and speaks_by_acting(subject, lexicon()):
        claim = _frame_claim(speaker_frame(trigger, subject, lexicon()), trigger.doc)
        return claim if claim.source_text else None
    if trigger.lemma_.lower() not in _SELF_REPORTING and not _in_statement(trigger.sent):
        return None
    parties = actors_of_phrase(subject)
    if not parties:
        return None
    tokens = phrase_tokens(subject)
    span = trigger.doc[tokens[0].i : tokens[-1].i + 1]
    return Claim(
        source_text=span.text,
        source_actor=parties[0].actor_id,
        anonymous=False,
        verb=trigger.text,
        evidence=_span_evidence(span),
    )


def _frame_claim(frame: ReportingFrame, doc: Doc) -> Claim:
    evidence = None
    if frame.source_start is not None and frame.source_end is not None:
        evidence = _span_evidence(doc[frame.source_start : frame.source_end])
    return Claim(
        source_text=frame.source_text,
        source_actor=frame.source_actor,
        anonymous=frame.anonymous,
        source_count=frame.source_count,
        via=frame.via,
        verb=frame.verb,
        evidence=evidence,
    )


def claim_for(trigger: Token, frames: list[ReportingFrame], outlet: str | None) -> Claim:
    """The innermost reporting frame's claim, else the actor's own statement, else the outlet's."""
    frame = innermost_frame(trigger, frames)
    if frame is not None:
        claim = _frame_claim(frame, trigger.doc)
    else:
        claim = _self_claim(trigger) or Claim()
    update: dict[str, str | None] = {"outlet": outlet}
    if claim.via is None:
        update["via"] = wire_credit(trigger.doc)
    return claim.model_copy(update=update)


# ------------------------------------------------------------------ terms


def _compatible(event_type: EventType, issue: str) -> bool:
    allowed = load(EventsFile).term_issues.get(event_type.value)
    return allowed is None or issue in allowed


def assign_terms(
    doc: Doc, events: list[EventMention], terms: list[TermMention]
) -> dict[int, list[TermMention]]:
    """Terms per event index: the event whose clause holds the term, else the nearest in the sentence."""
    out: dict[int, list[TermMention]] = {}
    for term in terms:
        sent_start = doc[term.token_start].sent.start
        candidates = [
            (n, e)
            for n, e in enumerate(events)
            if doc[e.trigger].sent.start == sent_start and _compatible(e.type, term.issue)
        ]
        if not candidates:
            continue
        containing = [
            (len(list(doc[e.trigger].subtree)), n)
            for n, e in candidates
            if doc[e.trigger].left_edge.i <= term.token_start
            and term.token_end - 1 <= doc[e.trigger].right_edge.i
        ]
        if containing:
            best = min(containing)[1]
        else:
            best = min(candidates, key=lambda ne: abs(ne[1].trigger - term.token_start))[0]
        out.setdefault(best, []).append(term)
    return out


def _term_model(term: TermMention, doc: Doc, gazetteer: Gazetteer) -> Term:
    value = term.value
    if term.issue == "guarantees" and isinstance(value, str):
        value = gazetteer.id_for_word(value) or value
    return Term(
        issue=term.issue,
        value=value,
        unit=term.unit,
        party=term.party,
        qualifier=term.qualifier,
        evidence=evidence_for(doc.user_data["truceline_text"], term.start, term.end),
    )


# ------------------------------------------------------------------ events


def _ids(mentions: Iterable[ActorMention]) -> list[str]:
    out: list[str] = []
    for m in mentions:
        if m.actor_id not in out:
            out.append(m.actor_id)
    return out


def _agent(event: EventMention, doc: Doc) -> str | None:
    for m in event.actors:
        if m.agent:
            return m.agent
    subject = _subject(doc[event.trigger])
    return agent_of_phrase(subject) if subject is not None else None


def _released_people(trigger: Token) -> Token | None:
    """The people a release frees: the passive subject, the object, or "release of X"."""
    for child in trigger.children:
        if child.dep_ in ("nsubjpass", "dobj"):
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if trigger.dep_ in ("amod", "acl") and trigger.head.pos_ == "NOUN":
        return trigger.head  # "the freed prisoners", "prisoners released on Monday"
    return None


def _implied_releaser(
    mention: EventMention,
    mentions: list[EventMention],
    sides: list[str],
    gazetteer: Gazetteer,
    doc: Doc,
) -> list[str]:
    """Who released people when the text does not say.

    "Hostages were freed and Israel released prisoners": the other side of a
    release in the same sentence. Otherwise, when the negotiation is between
    an armed group and a state, hostages come from the group and prisoners
    from the state (``holders`` in ``data/events.yaml``).
    """
    trigger = doc[mention.trigger]
    same_sentence = [
        other
        for other in mentions
        if other is not mention
        and other.type == EventType.RELEASE
        and other.actors
        and doc[other.trigger].sent.start == trigger.sent.start
    ]
    for other in same_sentence:
        partner = counterpart(other.actors[0].actor_id, sides)
        if partner:
            return [partner]
    people = trigger if mention.reciprocal_of else _released_people(trigger)
    if people is None or len(sides) != 2:
        return []
    for word in (people, *people.children):
        if word.dep_ in ("amod", "compound", "nmod") or word is people:
            nationality = gazetteer.id_for_word(word.text) or gazetteer.id_for_word(
                word.text.rstrip("s")
            )
            partner = counterpart(nationality, sides) if nationality else None
            if partner:
                return [partner]  # "Ukrainian servicemen were freed": by the other side
    kind = load_triggers().holders.get(people.lemma_.lower())
    holders = [s for s in sides if gazetteer.kind_of(s) == kind]
    return holders if len(holders) == 1 else []


def _mediators(events: list[EventMention], doc: Doc) -> dict[int, list[str]]:
    """Per sentence start, the parties mediating in that sentence."""
    out: dict[int, list[str]] = {}
    for e in events:
        if e.type == EventType.MEDIATE:
            bucket = out.setdefault(doc[e.trigger].sent.start, [])
            bucket.extend(i for i in _ids(e.actors) if i not in bucket)
    return out


@dataclass
class _Resolved:
    """One mention after its doers, claim and modality are settled."""

    mention: EventMention
    actors: list[str]
    claim: Claim
    modality: Modality


def _resolve(
    mention: EventMention,
    mentions: list[EventMention],
    frames: list[ReportingFrame],
    sides: list[str],
    article: Article,
    gazetteer: Gazetteer,
    doc: Doc,
) -> _Resolved | None:
    """Settle who did it, who says so and how surely; ``None`` when it is no event of its own."""
    trigger = doc[mention.trigger]
    claim = claim_for(trigger, frames, article.outlet)
    actors = _ids(mention.actors)
    if mention.reciprocal_of is not None:
        other = counterpart(mention.reciprocal_of, sides)
        actors = [other] if other else []
    modality = Modality(modality_of(trigger))
    asserted = modality in (Modality.ACTUAL, Modality.FUTURE)
    if not actors and (mention.collective or (mention.type == EventType.CEASEFIRE and asserted)):
        actors = list(sides)
    if not actors and mention.type == EventType.AGREE and asserted:
        # A pair guessed from mention counts is only trusted for a deal said to be done.
        actors = named_sides(doc) or (list(sides) if modality == Modality.ACTUAL else [])
    if mention.type == EventType.RELEASE and not actors:
        actors = _implied_releaser(mention, mentions, sides, gazetteer, doc)
    if mention.speaker:
        actors = [claim.source_actor] if claim.source_actor else actors
    if (
        mention.type == EventType.AGREE
        and len(actors) == 1
        and claim.source_actor not in (None, *actors)
    ):
        # "Witkoff said understandings are emerging with Hamas": the speaker's side is party to them.
        actors = [claim.source_actor, *actors]
    if not actors and mention.type.value in _NEED_ACTOR:
        return None
    if modality == Modality.POSSIBLE and mention.type.value in _CONTENT_WHEN_POSSIBLE:
        return None  # "the first stage would see the release of ...": a term, not an event
    return _Resolved(mention, actors, claim, modality)


def build_events(
    doc: Doc,
    article: Article,
    mentions: list[EventMention],
    frames: list[ReportingFrame],
    terms: list[TermMention],
    gazetteer: Gazetteer,
) -> list[Event]:
    """Turn event mentions into ontology events, merging repeats within a sentence.

    Events are settled first and terms assigned after, among the events that
    stand: the terms of a hypothetical release inside a proposal go to the
    proposal.
    """
    mediators = _mediators(mentions, doc)
    sides = negotiating_sides(doc, {i for ids in mediators.values() for i in ids})
    resolved = [
        r
        for m in mentions
        if (r := _resolve(m, mentions, frames, sides, article, gazetteer, doc)) is not None
    ]
    by_event = assign_terms(doc, [r.mention for r in resolved], terms)
    events: list[Event] = []
    seen: dict[tuple, Event] = {}
    for n, r in enumerate(resolved):
        mention, actors, modality = r.mention, r.actors, r.modality
        trigger = doc[mention.trigger]
        event_terms = [_term_model(t, doc, gazetteer) for t in by_event.get(n, [])]
        when, precision = resolve_date(
            trigger.sent, article.published, future=modality == Modality.FUTURE, anchor=trigger
        )
        # Repeats within a sentence are one event, unless they fall on different
        # days: "hand over four bodies on Thursday and free six on Saturday".
        key = (mention.type, tuple(sorted(actors)), trigger.sent.start, mention.action, when)
        if key in seen:
            prior = seen[key]
            known = {(t.issue, str(t.value)) for t in prior.terms}
            prior.terms.extend(t for t in event_terms if (t.issue, str(t.value)) not in known)
            continue
        sent_mediators = mediators.get(trigger.sent.start, [])
        event = Event(
            type=mention.type,
            actor=actors,
            agent=_agent(mention, doc),
            target=[t for t in _ids(mention.targets) if t not in actors],
            mediators=[]
            if mention.type == EventType.MEDIATE
            else [m for m in sent_mediators if m not in actors],
            terms=event_terms,
            modality=modality,
            polarity=mention.polarity if mention.type == EventType.ASSESS else None,
            action=mention.action,
            date=when,
            date_precision=precision,
            location=mention.location,
            trigger=trigger.text,
            claim=r.claim,
            evidence=_span_evidence(trigger.sent),
        )
        seen[key] = event
        events.append(event)
    return events


def build_actors(doc: Doc, events: list[Event], gazetteer: Gazetteer) -> list[Actor]:
    """Every party an event names, with the words the article used for it."""
    wanted = []
    for e in events:
        for ident in (*e.actor, *e.target, *e.mediators):
            if ident not in wanted:
                wanted.append(ident)
    words: dict[str, list[str]] = {}
    for m in doc._.actor_mentions or ():
        bucket = words.setdefault(m.actor_id, [])
        text = m.text(doc)
        if text not in bucket:
            bucket.append(text)
    out = []
    for ident in wanted:
        entry = gazetteer.actors.get(ident)
        out.append(
            Actor(
                id=ident,
                name=entry.name if entry else None,
                kind=entry.kind if entry else None,  # type: ignore[arg-type]
                mentions=words.get(ident, []),
            )
        )
    return out


def build_record(
    doc: Doc,
    article: Article,
    mentions: list[EventMention],
    frames: list[ReportingFrame],
    terms: list[TermMention],
    gazetteer: Gazetteer,
    *,
    include_text: bool = True,
) -> ExtractionRecord:
    """The extraction record of one article."""
    doc.user_data["truceline_text"] = article.text
    events = build_events(doc, article, mentions, frames, terms, gazetteer)
    attached = {
        (t.issue, str(t.value), t.evidence.start if t.evidence else None)
        for e in events
        for t in e.terms
    }
    loose = [
        _term_model(t, doc, gazetteer)
        for t in terms
        if (t.issue, str(t.value), t.start) not in attached
    ]
    record = ExtractionRecord(
        article=ArticleMeta(
            id=article.id,
            url=article.url,
            outlet=article.outlet,
            title=article.title,
            published=article.published,
            text=article.text if include_text else None,
        ),
        actors=build_actors(doc, events, gazetteer),
        events=events,
        terms=loose,
    )
    record.check_offsets(article.text)
    return record
