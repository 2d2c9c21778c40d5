"""Assemble one article's :class:`ExtractionRecord` from an annotated ``Doc``.

The components found mentions (actors, terms, reporting frames, events);
this module settles each event in turn, reading top to bottom: whether it
has a negotiation reading at all (``reading``), who mediates in its sentence
(``mediators``) or as a third party to the sides (``third_parties``), who did
it (its actors, or the implied releaser of ``releasers``; the judge of a
judgement, ``judgements``), who says so (``claims``), how surely
(``modality``), which terms it carries (``term_assignment``), its date
(``dates``), and its evidence as exact character offsets (``evidence``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from truceline.data import load
from truceline.data.files import EventsFile, LexiconFile
from truceline.data.gazetteer import Gazetteer
from truceline.extract.actors import actor_ids, agent_of_phrase
from truceline.extract.agreements_made import list_reference_day
from truceline.extract.attribution import ReportingFrame
from truceline.extract.claims import claim_for
from truceline.extract.dates import Resolved, resolve_date
from truceline.extract.events import EventMention, _subject, agreement_of, carried_out
from truceline.extract.evidence import span_evidence
from truceline.extract.judgements import held_now, judging_parties
from truceline.extract.lexicon import Lexicon
from truceline.extract.mediators import mediators_by_sentence
from truceline.extract.modality import modality_of
from truceline.extract.parties import counterpart, named_sides, negotiating_sides
from truceline.extract.reading import NegotiationReading
from truceline.extract.releasers import implied_releaser
from truceline.extract.term_assignment import assign_terms, term_model
from truceline.extract.terms import TermMention
from truceline.extract.third_parties import (
    credited,
    destination,
    meeting_mediators,
    no_sides,
    side_groups,
    sides_misnamed,
    working_mediators,
)
from truceline.extract.triggers import read_triggers
from truceline.record import (
    Actor,
    Article,
    ArticleMeta,
    Claim,
    Event,
    EventType,
    ExtractionRecord,
    Modality,
)


@dataclass(frozen=True)
class RecordRules:
    """What settling events reads from the data files, handed over once at construction."""

    lexicon: Lexicon
    holders: dict[str, str]
    need_actor: frozenset[str]
    content_when_possible: frozenset[str]
    term_issues: dict[str, list[str]]
    reading: NegotiationReading
    state_nouns: frozenset[str] = frozenset()

    @classmethod
    def bundled(cls) -> RecordRules:
        """The rules of the bundled ``lexicon.yaml`` and ``events.yaml``."""
        events = load(EventsFile)
        return cls(
            lexicon=Lexicon.from_data(load(LexiconFile)),
            holders=read_triggers(events).holders,
            need_actor=frozenset(events.need_actor),
            content_when_possible=frozenset(events.content_when_possible),
            term_issues=events.term_issues,
            reading=NegotiationReading.bundled(),
            state_nouns=frozenset(events.state_nouns),
        )


def _agent(event: EventMention, doc: Doc) -> str | None:
    for m in event.actors:
        if m.agent:
            return m.agent
    subject = _subject(doc[event.trigger])
    return agent_of_phrase(subject) if subject is not None else None


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
    mediating: set[str],
    article: Article,
    gazetteer: Gazetteer,
    doc: Doc,
    rules: RecordRules,
    article_reads: bool,
) -> _Resolved | None:
    """Settle who did it, who says so and how surely; ``None`` when it is no event of its own."""
    trigger = doc[mention.trigger]
    if not rules.reading.holds(trigger, mention.type, article_reads, gazetteer):
        return None  # "a statement released on Thursday", "the committee met"
    claim = claim_for(trigger, frames, article.outlet, rules.lexicon, mention.type.value)
    actors = actor_ids(mention.actors)
    if mention.type != EventType.MEDIATE and sides_misnamed(trigger, actors, side_groups(sides)):
        actors = list(sides)
    if mention.reciprocal_of is not None:
        other = counterpart(mention.reciprocal_of, sides)
        actors = [other] if other else []
    modality = (
        Modality.ACTUAL if mention.stated or mention.presupposed else Modality(modality_of(trigger))
    )
    if mention.planned and modality in (Modality.ACTUAL, Modality.FUTURE):
        modality = Modality.POSSIBLE  # "the plan calls for the release of ...": its term
    if mention.agreed is not None and modality == Modality.ACTUAL and not mention.declared:
        modality = Modality.FUTURE  # "agreed to a ceasefire": to start, not started
    if mention.type in (EventType.RELEASE, EventType.CEASEFIRE) and modality == Modality.ACTUAL:
        modality = _agreed_modality(trigger) or modality
    asserted = modality in (Modality.ACTUAL, Modality.FUTURE)
    talks_only_planned = mention.type == EventType.MEET and modality == Modality.POSSIBLE
    if not actors and (
        (mention.collective and not talks_only_planned)
        or (mention.type == EventType.CEASEFIRE and asserted)
    ):
        # "Negotiations would begin on the first day" is a term of a plan, not the sides meeting.
        actors = list(sides)
        if not actors and mention.collective and mention.type == EventType.RELEASE:
            return None  # "a swap" between sides the article does not make plain
    if not actors and mention.collective and trigger.pos_ in ("NOUN", "PROPN"):
        return None  # "negotiations would begin": talks only planned, or of no plain sides
    if not actors and mention.type == EventType.AGREE and asserted:
        # A pair guessed from mention counts is only trusted for a deal said to be done.
        # A subject that names no party ("the company agreed to buy") gets no guessed pair.
        guess = modality == Modality.ACTUAL and not mention.unnamed
        actors = named_sides(doc) or (list(sides) if guess else [])
    if not actors and mention.unnamed:
        actors = _state_side(trigger, sides, gazetteer, rules)
        if len(actors) == 1 and mention.type == EventType.AGREE:
            mention = replace(mention, type=EventType.ACCEPT)  # one side agreeing accepts
    if mention.type == EventType.CEASEFIRE and actors and set(actors) <= mediating:
        # "Trump announced a ceasefire": the mediator announces it, the sides hold their fire
        actors = list(sides)
    if mention.type == EventType.RELEASE and not actors:
        actors = implied_releaser(mention, mentions, sides, gazetteer, doc, rules.holders)
    if mention.speaker:
        judges = [claim.source_actor] if claim.source_actor else []
        actors = judges or judging_parties(trigger, frames, sides) or actors
    if (
        mention.type == EventType.AGREE
        and len(actors) == 1
        and claim.source_actor not in (None, *actors, *mediating)
    ):
        # "Witkoff said understandings are emerging with Hamas": the speaker's side is party
        # to them, unless the speaker mediates ("Israel is unwilling to reach a deal, Qatar said").
        actors = [claim.source_actor, *actors]
    if not actors and mention.type.value in rules.need_actor:
        return None
    if mention.type == EventType.ASSESS and held_now(modality):
        modality = Modality.ACTUAL  # "we will see progress": hopeful now
    elif mention.type == EventType.ASSESS:
        # A judgement is a stance held now: "does not say whether the talks led to a
        # breakthrough" judges nothing; "saw no progress" judges them badly.
        if modality != Modality.NEGATED or mention.polarity is None:
            return None
        flipped = "negative" if mention.polarity == "positive" else "positive"
        mention, modality = replace(mention, polarity=flipped), Modality.ACTUAL
    if (
        modality == Modality.POSSIBLE
        and mention.type.value in rules.content_when_possible
        and (not actors or _awaited(trigger))
    ):
        return None  # "the handover would depend on ...": a term of whoever's plan, no event
    return _Resolved(mention, actors, claim, modality)


def _agreed_modality(content: Token) -> Modality | None:
    """ "Agreement was reached on a prisoner swap": the swap is agreed, to come.

    The content of an agreement said as a noun is future when the agreement is
    made, and as unsure as it when not ("no agreement on a swap").
    """
    agreement = agreement_of(content)
    if agreement is None:
        return None
    word = agreement
    if agreement.dep_ in ("dobj", "nsubjpass") and agreement.head.pos_ in ("VERB", "AUX"):
        word = agreement.head  # "failed to reach agreement on a swap"
    if carried_out(agreement):
        return None  # "the deal on the swap was carried out": the swap is done
    held = Modality(modality_of(word))
    return Modality.FUTURE if held == Modality.ACTUAL else held


def _state_side(
    trigger: Token, sides: list[str], gazetteer: Gazetteer, rules: RecordRules
) -> list[str]:
    """ "The army said it agreed to a truce": the state of the article's sides, when one fits.

    "The government", "the army", "the military", bare, stand for the state among the
    negotiation's two sides, when exactly one of them is a state.
    """
    subject = _subject(trigger)
    if subject is not None and subject.pos_ == "PRON" and subject.head.dep_ == "ccomp":
        # "the army said it agreed": the one who says so
        subject = next((c for c in subject.head.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lemma_.lower() not in rules.state_nouns:
        return []
    if any(c.dep_ != "det" for c in subject.children if c.i < subject.i):
        return []  # "the Port Sudan government": a modifier may name another
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
        return []
    states = [s for s in sides if gazetteer.kind_of(s) == "state"]
    return states if len(sides) == 2 and len(states) == 1 else []


def _awaited(trigger: Token) -> bool:
    """ "Pressure until all hostages are freed": what a clause under "until" awaits is no plan."""
    return trigger.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "until" for c in trigger.children
    )


def _date(mention: EventMention, doc: Doc, article: Article, modality: Modality) -> Resolved:
    """The event's date; a truce an agreement sets up has only a date of its own words.

    "Agreed on Wednesday to a ceasefire from midnight Monday": Monday is the
    truce's, Wednesday the agreement's. An event without a date of its own is
    dated by the publication date later (the store falls back to it), except
    in a report dated only to the month, where it gets that month.
    """
    trigger = doc[mention.trigger]
    future = modality == Modality.FUTURE
    if mention.age_days is not None and article.published is not None:
        # "the two-month-old ceasefire": begun that long before the report
        return article.published - dt.timedelta(days=mention.age_days), "day"
    if mention.dated_by is not None:
        # one text of a list: only its own words date it ("a roadmap in June, an accord in May")
        item = doc[mention.dated_by[0] : mention.dated_by[1]]
        reference = list_reference_day(item, article.published)
        when = resolve_date(item, reference, future=future, anchor=trigger)
    elif mention.agreed is None:
        when = resolve_date(trigger.sent, article.published, future=future, anchor=trigger)
    else:
        truce = doc[mention.agreed]
        phrase = doc[truce.left_edge.i : truce.right_edge.i + 1]
        when = resolve_date(phrase, article.published, future=future, anchor=truce)
    if when[0] is None and article.published_precision == "month":
        # A report dated only to its month dates what it tells to that month, no closer.
        return article.published, "month"
    return when


def build_events(
    doc: Doc,
    article: Article,
    mentions: list[EventMention],
    frames: list[ReportingFrame],
    terms: list[TermMention],
    gazetteer: Gazetteer,
    rules: RecordRules,
) -> list[Event]:
    """Turn event mentions into ontology events, merging repeats within a sentence.

    Events are settled first and terms assigned after, among the events that
    stand: the terms of a hypothetical release inside a proposal go to the
    proposal.
    """
    mediators = mediators_by_sentence(mentions, doc)
    mediating = {i for ids in mediators.values() for i in ids}
    sides = negotiating_sides(doc, mediating, gazetteer)
    groups = side_groups(sides)
    mentions = [*(credited(m, doc) for m in mentions), *working_mediators(doc, groups)]
    article_reads = rules.reading.article_reads(doc, gazetteer)
    resolved: list[_Resolved] = []
    for m in mentions:
        r = _resolve(
            m, mentions, frames, sides, mediating, article, gazetteer, doc, rules, article_reads
        )
        if r is not None:
            resolved.append(r)
    by_event = assign_terms(doc, [r.mention for r in resolved], terms, rules.term_issues)
    events: list[Event] = []
    seen: dict[tuple, Event] = {}
    for n, r in enumerate(resolved):
        mention, actors, modality = r.mention, r.actors, r.modality
        if mention.type == EventType.MEDIATE:
            actors = no_sides(actors, groups)
            if not actors:
                continue  # "the government said it would facilitate the release"
        trigger = doc[mention.trigger]
        freed_now = mention.type == EventType.RELEASE and modality == Modality.ACTUAL
        event_terms = [term_model(t, doc, gazetteer, freed_now) for t in by_event.get(n, [])]
        when, precision = _date(mention, doc, article, modality)
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
            target=[t for t in actor_ids(mention.targets) if t not in actors],
            mediators=[]
            if mention.type == EventType.MEDIATE
            else [m for m in sent_mediators if m not in actors],
            terms=event_terms,
            modality=modality,
            polarity=mention.polarity if mention.type == EventType.ASSESS else None,
            action=mention.action,
            date=when,
            date_precision=precision,
            location=mention.location or destination(trigger),
            trigger=trigger.text,
            claim=r.claim,
            evidence=span_evidence(trigger.sent),
        )
        seen[key] = event
        third, meets = (
            meeting_mediators(actors, modality, trigger, groups)
            if mention.type == EventType.MEET
            else ([], True)
        )
        if meets:
            events.append(event)
        for party in third:  # "the committee, which includes the US, ..., met"
            events.append(_as_mediation(event, party))
        host = _host(event, sides, gazetteer)
        if host is not None:
            events.append(_as_mediation(event, host))
    return events


def _as_mediation(event: Event, party: str) -> Event:
    """The mediation of ``party`` in ``event``: its host, a third party at it."""
    update = {"type": EventType.MEDIATE, "actor": [party], "mediators": [], "terms": []}
    return event.model_copy(update=update)


def _host(event: Event, sides: list[str], gazetteer: Gazetteer) -> str | None:
    """ "Israeli and Hamas delegations held talks in Doha": the state whose city hosts the talks.

    A meeting held in a third state's city is hosted, so mediated, by that
    state; a place of one of the parties or of the article's sides is no host.
    """
    if event.type != EventType.MEET or event.location is None or not event.actor:
        return None
    place = gazetteer.id_for_word(event.location)
    if place is None or place in event.actor or place in sides:
        return None
    if event.location == gazetteer.name_of(place):
        return None  # "talks in Saudi Arabia" may be a visit to a party; "in Doha" is hosting
    return place if gazetteer.kind_of(place) == "state" else None


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
    rules: RecordRules,
    *,
    include_text: bool = True,
) -> ExtractionRecord:
    """The extraction record of one article."""
    doc.user_data["truceline_text"] = article.text
    events = build_events(doc, article, mentions, frames, terms, gazetteer, rules)
    attached = {
        (t.issue, str(t.value), t.evidence.start if t.evidence else None)
        for e in events
        for t in e.terms
    }
    loose = [
        term_model(t, doc, gazetteer)
        for t in terms
        if (t.issue, str(t.value), t.start) not in attached
    ]
    record = ExtractionRecord(
        article=ArticleMeta.of(article, include_text=include_text),
        actors=build_actors(doc, events, gazetteer),
        events=events,
        terms=loose,
    )
    record.check_offsets(article.text)
    return record
