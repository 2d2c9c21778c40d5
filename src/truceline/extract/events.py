"""Events: who did what to whom, read off the dependency parse.

For every token the trigger lexicon accepts, the component finds the doer
(the subject, the "by" agent of a passive, the subject inherited through
"is seeking to ..." or "and insists ...", the owner of a nominal trigger:
"Hamas's rejection", "the Egyptian proposal"), the party it is aimed at, the
companions that make a meeting or agreement joint ("met with", "between X
and Y"), and where it happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from truceline.data import load
from truceline.data.files import EventsFile
from truceline.extract.actors import (
    ActorMention,
    actors_of_phrase,
    names_third_party,
    seat_of_power,
)
from truceline.extract.agreements_made import presupposed_agreement, signed_texts, text_head
from truceline.extract.lexicon import lexicon
from truceline.extract.modality import own_modality
from truceline.extract.nlp import entities
from truceline.extract.stance import (
    condition_half,
    conditioned,
    judged_not,
    mutual_parties,
    no_acceptance,
    refused,
)
from truceline.extract.syntax import doer, through_partitives
from truceline.extract.triggers import (
    Trigger,
    TriggerLexicon,
    read_triggers,
    released_lemmas,
    satisfies,
)
from truceline.extract.truce_age import truce_age_days
from truceline.record import EventType

_LIGHT_VERBS = frozenset(load(EventsFile).light_verbs)
_EXECUTING_VERBS = frozenset(load(EventsFile).executing_verbs)
_LOCATIVE_PREPS = frozenset({"in", "at"})
_OBJECT_CONTROL = frozenset(load(EventsFile).object_control_verbs)
_COLLECTIVE_NOUNS = frozenset(load(EventsFile).collective_nouns)
_PAIR_NOUNS = frozenset(load(EventsFile).pair_nouns)
_ROUND_NOUNS = frozenset(load(EventsFile).round_nouns)
_DECLARING_VERBS = frozenset(load(EventsFile).truce_agreed.declaring)
_QUANTITY_NOUNS = frozenset(load(EventsFile).quantity_nouns)
# Prepositions whose object is taken as having happened ("after the release of ...").
_PRESUPPOSING_PREPS = frozenset({"after", "following", "with", "since", "upon"})
_EFFORT_NOUNS = frozenset(load(EventsFile).effort_nouns)
_MEMBERSHIP_VERBS = frozenset(load(EventsFile).membership_verbs)
_AGENTIVE_NOUNS = lexicon().agentive_nouns
_THIRD_PARTY_PARTICIPLES = lexicon().third_party_participles
_TARGET_PREPS = frozenset({"to", "on", "upon", "for", "from", "against"})
_HOLDING_VERBS = frozenset(load(EventsFile).holding_verbs)
_PLAN_VERBS = frozenset(load(EventsFile).plan_terms.verbs)
_ACCUSING_VERBS = frozenset(load(EventsFile).accusing_verbs)
_PLAN_NOUNS = frozenset(load(EventsFile).plan_terms.nouns)
_AGREEMENT_NOUNS = frozenset(load(EventsFile).agreed_content.nouns)
_CONTENT_PREPS = frozenset(load(EventsFile).agreed_content.preps)
_CONTENT_HOLDERS = frozenset(load(EventsFile).agreed_content.holders)
_CONTENTS = frozenset(load(EventsFile).agreed_content.contents)


@dataclass
class EventMention:
    """An event found in the text, before claims, terms and dates are attached."""

    type: EventType
    trigger: int
    actors: list[ActorMention] = field(default_factory=list)
    targets: list[ActorMention] = field(default_factory=list)
    location: str | None = None
    action: str | None = None
    polarity: str | None = None
    speaker: bool = False
    collective: bool = False  # done by "the two sides" / "both parties"
    unnamed: bool = False  # its subject names no party ("the army", "the company")
    reciprocal_of: str | None = None  # a release "in exchange for" one by this party
    agreed: int | None = (
        None  # the truce word of a truce an agreement sets up ("agreed to a ceasefire")
    )
    stated: bool = (
        False  # a stance stated now, whatever the tense of its verb ("will only agree if")
    )
    planned: bool = False  # a term of a plan ("the plan calls for the release of ..."): possible
    counterpart: bool = False  # the trigger names the people the other side frees in exchange
    declared: bool = False  # a truce its party announces ("announced a ceasefire"): begun
    dated_by: tuple[int, int] | None = None  # the tokens whose date is the event's (a list item)
    presupposed: bool = False  # taken as done by its sentence ("following agreement on"): actual
    age_days: int | None = None  # a truce said with its age ("the two-month-old ceasefire")


# ---------------------------------------------------------------- arguments


def _subject(verb: Token) -> Token | None:
    """The doer of a verb (see :func:`truceline.extract.syntax.doer`)."""
    return doer(verb)


def _noun_owner(noun: Token, trigger: Trigger, lexicon: TriggerLexicon) -> list[ActorMention]:
    """The party of a nominal trigger: "Hamas's response", "the Egyptian proposal", "mediator Egypt"."""
    found: list[ActorMention] = []
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ == "PRON" and trigger.type == EventType.RELEASE:
            continue  # "mediated their release": the released, not the releaser
        if names_third_party(child):
            continue  # "the China-brokered talks": China brokers, it does not talk
        if child.dep_ in ("poss", "compound", "amod", "nmod", "appos"):
            found.extend(actors_of_phrase(child))
        elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.extend(actors_of_phrase(pobj))
        elif (
            child.dep_ == "prep"
            and child.lower_ == "of"
            and trigger.type
            in (
                EventType.MEDIATE,
                EventType.ACCEPT,
                EventType.REJECT,
                EventType.PROPOSE,
            )
        ):
            for pobj in child.children:
                # "the mediation of Egypt", "the mediation of the African Union negotiators"
                if pobj.dep_ == "pobj" and (
                    pobj.pos_ == "PROPN" or pobj.lemma_.lower() in _AGENTIVE_NOUNS
                ):
                    found.extend(actors_of_phrase(pobj))
        elif _done_by_clause(child, lexicon):
            # "the invitation extended by the US", "the offer made by Hamas"
            for agent in (c for c in child.children if c.dep_ == "agent"):
                for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                    found.extend(actors_of_phrase(pobj))
        elif (
            child.dep_ == "prep"
            and child.lower_ == "including"
            and trigger.type == EventType.MEDIATE
        ):
            # "mediators, including representatives from the US and the AU"
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found.extend(actors_of_phrase(pobj))
    if not found and trigger.compound_ok and noun.dep_ in ("compound", "appos"):
        found.extend(actors_of_phrase(noun.head))
        if not found and noun.dep_ == "compound" and noun.head.lemma_.lower() in _EFFORT_NOUNS:
            # "the UAE and the US provided mediation efforts": the owner of the efforts
            found.extend(_noun_owner(noun.head, trigger, lexicon))
    if (
        not found
        and trigger.type == EventType.MEDIATE
        and noun.dep_ == "pobj"
        and noun.head.lower_ == "as"
    ):
        # "signed a document as guarantors": the signers are the guarantors.
        subject = _subject(noun.head.head)
        if subject is not None:
            found.extend(actors_of_phrase(subject))
    if not found and not trigger.speaker and noun.dep_ in ("dobj", "pobj", "attr", "nsubj"):
        # a judgement ("has taken a significant step") is its speaker's, not the step-taker's
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        purpose = noun.dep_ == "pobj" and noun.head.lower_ == "for"  # "arrived in Cairo for talks"
        light = verb.lemma_.lower() in _LIGHT_VERBS or (
            trigger.reciprocal and verb.lemma_.lower() in _EXECUTING_VERBS
        )
        if (purpose or light or _occasion(noun, trigger)) and not lexicon.fires(verb):
            subject = _subject(verb)
            if subject is not None:
                found.extend(actors_of_phrase(subject))
    return found


def _done_by_clause(clause: Token, lexicon: TriggerLexicon) -> bool:
    """ "The invitation extended by the US": a passive participle on an event noun gives its doer.

    Only a participle that is no event of its own: "the truce brokered by
    Qatar" is Qatar's mediation, not Qatar's truce; nor a light verb, whose
    agent may only attend ("talks attended by the UN" are not the UN's talks).
    """
    return (
        clause.dep_ == "acl"
        and clause.tag_ == "VBN"
        and clause.lemma_.lower() not in _THIRD_PARTY_PARTICIPLES
        and clause.lemma_.lower() not in _LIGHT_VERBS
        and not lexicon.fires(clause)
    )


def _occasion(noun: Token, trigger: Trigger) -> bool:
    """ "Left Cairo following talks with Egyptian officials", "at talks in Geneva, A and B agreed".

    Talks named as the occasion of a clause are held by its subject: "at"
    talks always, "after", "following" and "during" talks when the talks name
    a counterpart ("with X").
    """
    if trigger.type != EventType.MEET or noun.dep_ != "pobj":
        return False
    prep = noun.head.lower_
    if prep == "at":
        return True
    return prep in ("after", "following", "during") and any(
        c.dep_ == "prep" and c.lower_ == "with" for c in noun.children
    )


def _helped(token: Token) -> bool:
    """Whether a verb is what its subject helps others do ("helped broker", "to help negotiate")."""
    return token.dep_ == "xcomp" and token.head.lemma_.lower() in ("help", "assist")


def _channel(event: EventMention, doc: Doc) -> EventMention | None:
    """ "Russia handed the memorandum to Ukraine via Turkey": the go-between mediates."""
    if event.type == EventType.MEDIATE:
        return None
    mine = {m.actor_id for m in (*event.actors, *event.targets)}
    for prep in (c for c in doc[event.trigger].children if c.dep_ == "prep" and c.lower_ == "via"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found = [m for m in actors_of_phrase(pobj) if m.actor_id not in mine]
            if found:
                return EventMention(type=EventType.MEDIATE, trigger=pobj.i, actors=found)
    return None


def _principals(token: Token) -> list[ActorMention]:
    """ "Berri negotiated on Hezbollah's behalf", "on behalf of Hamas": the party acted for."""
    out: list[ActorMention] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "on":
            for pobj in (c for c in child.children if c.dep_ == "pobj" and c.lower_ == "behalf"):
                for grand in pobj.children:
                    if grand.dep_ == "poss":
                        out.extend(actors_of_phrase(grand))
                    elif grand.dep_ == "prep" and grand.lower_ == "of":
                        for obj in (c for c in grand.children if c.dep_ == "pobj"):
                            out.extend(actors_of_phrase(obj))
    return out


def _companions(token: Token, preps: frozenset[str]) -> list[ActorMention]:
    """Co-actors of joint events: "met with Hamas", "talks between Israel and Hamas"."""
    out: list[ActorMention] = []
    holders = [token]
    holders.extend(c for c in token.children if c.dep_ in ("dobj", "nsubjpass"))
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        out.extend(actors_of_phrase(pobj))
                    elif _participle_misread(pobj):
                        # "with visiting Israeli Prime Minister Netanyahu": the parser
                        # reads the participle as the object, the name as its object
                        obj = next(c for c in pobj.children if c.dep_ == "dobj")
                        out.extend(actors_of_phrase(obj))
    return out


def _participle_misread(pcomp: Token) -> bool:
    """ "With visiting Netanyahu" parsed as "with (visiting Netanyahu)": a name after a bare -ing."""
    return (
        pcomp.dep_ == "pcomp"
        and pcomp.tag_ == "VBG"
        and not any(c.i < pcomp.i for c in pcomp.children)
        and any(c.dep_ == "dobj" and c.pos_ == "PROPN" for c in pcomp.children)
    )


def _targets(token: Token, actors: list[ActorMention]) -> list[ActorMention]:
    mine = {a.actor_id for a in actors}
    out: list[ActorMention] = []
    for child in token.children:
        heads: list[Token] = []
        if child.dep_ in ("dobj", "dative", "iobj"):
            heads.append(child)
        elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
            heads.extend(c for c in child.children if c.dep_ == "pobj")
        for head in heads:
            out.extend(m for m in actors_of_phrase(head) if m.actor_id not in mine)
    return _unique(out)


def _location(token: Token) -> str | None:
    """A place named by a locative phrase on the trigger or its subject ("talks in Cairo")."""
    holders = [token, *[c for c in token.children if c.dep_ in ("nsubj", "dobj", "nsubjpass")]]
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in _LOCATIVE_PREPS:
                if seat_of_power(child):
                    continue  # "the regime in Naypyidaw agreed": whose, not where
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.ent_type_ in ("GPE", "LOC", "FAC"):
                        ent = next(
                            (e for e in entities(token.doc) if e.start <= pobj.i < e.end), None
                        )
                        return ent.text if ent is not None else pobj.text
    return None


def _unique(mentions: list[ActorMention]) -> list[ActorMention]:
    seen: dict[str, ActorMention] = {}
    for m in mentions:
        seen.setdefault(m.actor_id, m)
    return list(seen.values())


def _governor_of_sought(token: Token, lexicon: TriggerLexicon) -> Token | None:
    """The "seek"/"attempt" verb under which a deal is only sought, if any."""
    node = token
    for _ in range(4):
        if (
            node.dep_ not in ("xcomp", "acl", "dobj", "ccomp", "advcl", "pobj", "prep")
            or node.head is node
        ):
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in lexicon.retype_governors:
            return node
    return None


# ---------------------------------------------------------------- detection


def _adjacent_subject(verb: Token) -> list[ActorMention]:
    """A party named right before a verb the parser left without a subject.

    The small model often attaches the second subject of "X happened on
    Monday and Israel released ..." to the date; the name standing just
    before the verb (past adverbs and auxiliaries) is then its subject.
    """
    i = verb.i - 1
    while i >= verb.sent.start and (
        verb.doc[i].pos_ in ("AUX", "ADV", "PART") or verb.doc[i].text == "-"  # "US-brokered"
    ):
        i -= 1
    if i < verb.sent.start:
        return []
    name = verb.doc[i]
    if name.dep_ in ("nsubj", "nsubjpass") or name.pos_ not in ("PROPN", "NOUN"):
        return []
    found = [
        m
        for m in verb.doc._.actor_mentions or ()
        if m.end == i + 1 and m.how in ("alias", "person", "demonym")
    ]
    if found and verb.doc[i + 1].text == "-":
        found = [*_hyphen_coordinated(verb.doc, found[0].start), *found]
    return found


def _hyphen_coordinated(doc: Doc, start: int) -> list[ActorMention]:
    """ "U.S.-and-France-brokered": the names joined by "-and-" before the last one."""
    words = [t.lower_ for t in doc[max(start - 3, 0) : start]]
    if words[-3:] != ["-", "and", "-"] and words[-2:] != ["and", "-"]:
        return []
    first = start - (3 if words[-3:] == ["-", "and", "-"] else 2)
    return [m for m in doc._.actor_mentions or () if m.end == first]


def _members(body: Token) -> list[ActorMention]:
    """ "The committee, which includes the US, France and Lebanon, met": the members act."""
    for clause in (c for c in body.subtree if c.dep_ in ("relcl", "acl") and c is not body):
        if clause.lemma_.lower() in _MEMBERSHIP_VERBS:
            for obj in (c for c in clause.children if c.dep_ == "dobj"):
                return actors_of_phrase(obj)
    return []


def _is_collective(phrase: Token) -> bool:
    """ "The two sides", "both parties", "the warring parties", "both countries",
    "the chiefs of both armies": the negotiation's sides.

    Not when the phrase names them: "the Turkish and Greek sides" are Turkey and Greece.
    """
    if phrase.tag_ not in ("NNS", "NNPS"):
        return False
    if len(actors_of_phrase(phrase)) >= 2:
        return False
    lemma = phrase.lemma_.lower()
    if lemma in _PAIR_NOUNS and any(c.lower_ in ("both", "two") for c in phrase.children):
        return True  # "both countries", "the two delegations"
    if lemma in _COLLECTIVE_NOUNS and any(
        c.lower_ in ("the", "both", "two", "all", "warring", "rival", "opposing")
        or c.dep_ == "poss"
        for c in phrase.children
    ):
        return True
    return any(
        p.dep_ == "prep" and p.lower_ == "of" and any(_is_collective(o) for o in p.children)
        for p in phrase.children
    )


def _object_actors(token: Token) -> list[ActorMention]:
    """ "Israel accused Hamas of delaying": the accused is the doer of the violation."""
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return actors_of_phrase(child)
    return []


def _each_other(token: Token) -> bool:
    """ "Israel and Hamas accused each other": the object is the subject, both ways."""
    return any(
        c.dep_ == "dobj"
        and c.lower_ in ("other", "another")
        and c.i > 0
        and c.doc[c.i - 1].lower_ in ("each", "one")
        for c in token.children
    )


def _under_demand(token: Token, lexicon: TriggerLexicon) -> bool:
    """ "Urged both parties to commit to a truce": the commitment is the content of a demand.

    Through coordination too: "asked the envoys to press Israel to halt its
    strikes and to free the detainees"; and under any demand that takes an
    infinitive: "put pressure on Israel to accept the proposal".
    """
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _OBJECT_CONTROL:
        return True
    if token.dep_ not in ("xcomp", "advcl", "acl") or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    ):
        return False
    head = token.head
    if head.dep_ == "dobj" and token.dep_ == "acl":
        head = head.head  # "stepped up pressure on Israel to accept"
    return _is_demand(head, lexicon)


def _carried_for_another(token: Token, trigger: Trigger) -> bool:
    """ "Qatari mediators relayed the Israeli response": the response is Israel's, not Qatar's."""
    if not trigger.carrier:
        return False
    subject = _subject(token)
    carriers = {m.actor_id for m in actors_of_phrase(subject)} if subject is not None else set()
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if token.dep_ == "acl" and token.tag_ == "VBN":
        objects.append(token.head)  # "the Israeli offer, relayed by Egyptian mediators"
    for obj in objects:
        owners = {
            m.actor_id
            for c in obj.children
            if c.dep_ in ("poss", "amod", "compound", "nmod")
            for m in actors_of_phrase(c)
        }
        if owners - carriers:
            return True
    return False


def _verb_event(token: Token, trigger: Trigger, lexicon: TriggerLexicon) -> EventMention | None:
    if _under_demand(token, lexicon) or _carried_for_another(token, trigger):
        return None
    if condition_half(token, _is_demand(token.head.head, lexicon)):
        return None
    if trigger.type == EventType.ACCEPT and no_acceptance(token):
        return None
    if trigger.intransitive and any(c.dep_ == "dobj" for c in token.children):
        return None  # "the agreement ended a two-year war" is no truce ending
    subject = doer(token, stative=trigger.stative)
    if subject is not None and subject.lower_ == "you":
        return None  # "by continuing you agree to our terms": the reader, not a party
    if subject is not None and _is_collective(subject):
        actors: list[ActorMention] = []
    elif trigger.actor_is_object and not _each_other(token):
        actors = _object_actors(token)
    elif subject is not None:
        actors = actors_of_phrase(subject)
        if trigger.receiver and actors:
            # "Ukraine brought home 230 of its citizens": released by the other side.
            return EventMention(
                type=trigger.type, trigger=token.i, reciprocal_of=actors[0].actor_id
            )
    elif any(c.dep_ == "nsubjpass" for c in token.children):
        actors = []
    else:
        actors = _adjacent_subject(token)
    if trigger.speaker and trigger.subjects is not None:
        actors = []  # "the Cairo talks stalled": the talks are judged, someone judges them
    event_type = trigger.type
    addressed: list[ActorMention] = []
    if trigger.addressee:
        # "Trump said Hamas must return the hostages": the speaker demands, the subject is told.
        addressed, actors = actors, []
    if trigger.single_actor and len(actors) != 1:
        return None
    if not actors and subject is not None:
        actors = _members(subject)
    if trigger.companions:
        companions = _companions(token, trigger.companion_preps)
        if trigger.object_companion:
            companions += [
                m for c in token.children if c.dep_ == "dobj" for m in actors_of_phrase(c)
            ]
        # "Putin and Trump spoke by phone": coordinated subjects are each
        # other's companions.
        if trigger.needs_companion and not companions and len(_unique(actors)) < 2:
            return None
        between = _unique(_companions(token, frozenset({"between"})))
        if len(between) >= 2 and not {m.actor_id for m in actors} & {m.actor_id for m in between}:
            # "Trump announced a ceasefire between Israel and Iran": the announcer is no party.
            actors = []
        actors = _unique([*_principals(token), *actors, *companions])
    if event_type in (EventType.MEET, EventType.AGREE) and _helped(token):
        # "Burns is in Cairo to help negotiate a ceasefire": a third party helping talks mediates.
        event_type, actors = (
            EventType.MEDIATE,
            _unique(actors_of_phrase(subject) if subject else []),
        )
    if event_type in lexicon.retype_types:
        governor = _governor_of_sought(token, lexicon)
        if governor is not None:
            sought_by = _subject(governor)
            sought = actors_of_phrase(sought_by) if sought_by is not None else []
            if len(sought) == 1:
                event_type, actors = lexicon.retype_to, sought
    speaker = trigger.speaker or trigger.addressee
    stated = conditioned(token, accepting=event_type == EventType.ACCEPT)
    if stated:
        # "Moscow will only agree to a truce if ...": Moscow's condition, a demand;
        # "the soldiers will be freed only after ...": their holder's, who says so.
        if event_type in (EventType.RELEASE, EventType.CEASEFIRE) or not actors:
            actors, speaker = [], True
        event_type = EventType.DEMAND
    elif event_type == EventType.ACCEPT and refused(token):
        # "Hamas will not accept the plan": a rejection, stated now.
        event_type, stated = EventType.REJECT, True
    if trigger.speaker:
        judge = _evaluating_verb(token, lexicon)
        judged = actors_of_phrase(judge) if judge is not None else []
        if judged:
            # "Barrack called the decision historic": Barrack's judgement.
            actors, speaker = judged, False
    polarity = trigger.polarity
    if polarity is not None and judged_not(token):
        polarity = "negative" if polarity == "positive" else "positive"
    return EventMention(
        type=event_type,
        trigger=token.i,
        actors=actors,
        collective=not actors
        and ((subject is not None and _is_collective(subject)) or trigger.reciprocal),
        unnamed=not actors and subject is not None and not _is_collective(subject),
        targets=addressed or _targets(token, actors),
        location=_location(token),
        action=trigger.action if event_type == EventType.CEASEFIRE else None,
        polarity=polarity,
        speaker=speaker,
        stated=stated,
    )


def _is_demand(token: Token, lexicon: TriggerLexicon) -> bool:
    return any(
        t.type == EventType.DEMAND and satisfies(token, t) for t in lexicon.candidates(token)
    )


def _noun_event(token: Token, trigger: Trigger, lexicon: TriggerLexicon) -> EventMention | None:
    if trigger.type == EventType.AGREE and token.dep_ not in (
        "nsubj",
        "nsubjpass",
        "ROOT",
        "appos",
    ):
        # "the agreement between Israel and Lebanon took effect" reports one;
        # "talks on a deal between Israel and Hamas" only names what is sought.
        return None
    if trigger.mutual:
        return _mutual_event(token, trigger)
    age = truce_age_days(token) if trigger.type == EventType.CEASEFIRE else None
    if age is not None:
        # "the two-month-old ceasefire": in effect, begun that long before the report
        actors = _unique(_companions(token, frozenset({"between"})))
        return EventMention(
            type=trigger.type,
            trigger=token.i,
            actors=actors,
            collective=not actors,
            action=trigger.action,
            presupposed=True,
            age_days=age,
        )
    if trigger.plan_term:
        # "the plan calls for an immediate ceasefire": a term the sides would carry out
        if plan_term(token) is None:
            return None
        return EventMention(
            type=trigger.type, trigger=token.i, collective=True, action=trigger.action, planned=True
        )
    actors = _unique(_noun_owner(token, trigger, lexicon))
    speaker = trigger.speaker
    if speaker and not actors:
        judge = _evaluating_verb(token, lexicon)
        if judge is not None:
            # "Boulos called the agreement a significant step": Boulos's judgement.
            actors = actors_of_phrase(judge)
            speaker = not actors
    if trigger.companions:
        companions = _companions(token, trigger.companion_preps)
        if trigger.needs_companion and not companions:
            return None
        actors = _unique([*actors, *companions])
    if (
        trigger.joint
        and not actors
        and (
            (token.dep_ in ("nsubj", "nsubjpass") and token.tag_ == "NNS")
            or _round_of(token)
            or _between_the_sides(token)
        )
    ):
        # "Indirect negotiations have been ongoing since July": the article's two sides
        # ("the meeting took place" may be a committee's, so plural process nouns only).
        return EventMention(
            type=trigger.type,
            trigger=token.i,
            collective=True,
            location=_location(token),
            action=trigger.action,
        )
    if trigger.joint and len(actors) < 2 and _location(token) is None:
        return None
    if trigger.reciprocal and _in_return_for(token):
        return None  # "freed 12 in exchange for 120": the counterpart's release, read apart
    if not actors and trigger.type == EventType.VIOLATE and _unowned_breach(token, lexicon):
        # "concerned by the ceasefire violations": breaches of the truce by its sides
        return EventMention(type=trigger.type, trigger=token.i, collective=True)
    # "The release of 737 prisoners is expected" is an event with no named doer;
    # "efforts to secure the release of prisoners" only mentions one.
    subject_release = trigger.type == EventType.RELEASE and (
        token.dep_ in ("nsubj", "nsubjpass")
        or (_presupposed(token) and bool(released_lemmas(token) & lexicon.people))
    )
    planned = trigger.type == EventType.RELEASE and plan_term(token) is not None
    if not (actors or speaker or subject_release or trigger.reciprocal or planned):
        return None
    return EventMention(
        type=trigger.type,
        trigger=token.i,
        actors=actors,
        collective=trigger.reciprocal and not actors,  # "the prisoner swap": both sides
        targets=[],
        location=_location(token),
        action=trigger.action,
        polarity=trigger.polarity,
        speaker=speaker,
        planned=planned,
    )


def plan_term(noun: Token) -> Token | None:
    """ "The plan calls for the release of all hostages", "the draft includes a truce".

    A noun (or a noun coordinated with it) that a plan, deal or draft calls for,
    provides for or includes is one of its terms: a possible event.
    """
    while noun.dep_ == "conj" and noun.head is not noun:
        noun = noun.head
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return None
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _PLAN_VERBS:
        return None
    subject = _subject(verb)
    if subject is None and verb.dep_ in ("acl", "relcl"):
        subject = verb.head  # "the draft agreement providing for the release of ..."
    return verb if subject is not None and subject.lemma_.lower() in _PLAN_NOUNS else None


def _unowned_breach(noun: Token, lexicon: TriggerLexicon) -> bool:
    """ "Reports of ceasefire violations", "repeated breaches of the truce", no one named.

    Breaches of a truce whose doer the text does not give are its sides'; not when
    an accusation names the accused ("accused Kinshasa of repeated violations").
    """
    words = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod")}
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        words.update(c.lemma_.lower() for c in prep.children if c.dep_ == "pobj")
    if not words & lexicon.truce_nouns:
        return False
    head = noun
    for _ in range(4):
        if head.head is head:
            break
        head = head.head
        if head.lemma_.lower() in _ACCUSING_VERBS:
            return False
    return True


def _round_of(noun: Token) -> bool:
    """ "The second round of talks began": talks the subject's round names, held by the sides."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of" or noun.tag_ != "NNS":
        return False
    holder = noun.head.head
    return holder.lemma_.lower() in _ROUND_NOUNS and holder.dep_ in ("nsubj", "nsubjpass")


def _between_the_sides(noun: Token) -> bool:
    """ "Discussions between the two sides", "talks with both countries"."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("between", "with", "among")
        and any(o.dep_ == "pobj" and _is_collective(o) for o in c.children)
        for c in noun.children
    )


def _in_return_for(noun: Token) -> bool:
    """ "In exchange for", "in exchange of": the idiom, not an exchange of its own."""
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "in"
        and not any(c.dep_ == "det" for c in noun.children)
        and any(c.dep_ == "prep" and c.lower_ in ("for", "of") for c in noun.children)
    )


def _presupposed(noun: Token) -> bool:
    """ "After the release of 24 captives", "with the return of the hostages": it happened."""
    return noun.dep_ == "pobj" and noun.head.lower_ in _PRESUPPOSING_PREPS


def _mutual_event(token: Token, trigger: Trigger) -> EventMention | None:
    """ "The two sides traded accusations of breaching the truce": a violation by each."""
    phrases = mutual_parties(token)
    if phrases is None:
        return None
    collective = not phrases or any(_is_collective(p) for p in phrases)
    actors = [] if collective else _unique([m for p in phrases for m in actors_of_phrase(p)])
    if not collective and len(actors) < 2:
        return None
    return EventMention(type=trigger.type, trigger=token.i, actors=actors, collective=collective)


def _evaluating_verb(noun: Token, lexicon: TriggerLexicon) -> Token | None:
    """The doer of the verb through which a judging word speaks ("called it a step")."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "as":
        verb = verb.head
    elif noun.dep_ == "amod" and verb.dep_ == "dobj":
        verb = verb.head  # "called the decision historic", parsed as "the historic decision"
    elif noun.dep_ not in ("oprd", "attr", "dobj", "ccomp", "acomp"):
        return None
    if verb.lemma_.lower() not in lexicon.evaluators:
        return None
    return _subject(verb)


def _reciprocal_release(
    event: EventMention, doc: Doc, people: frozenset[str]
) -> EventMention | None:
    """ "X handed over four bodies in exchange for hundreds of prisoners": the other side releases too."""
    if event.type != EventType.RELEASE:
        return None
    mine = {m.actor_id for m in event.actors}
    scope = doc[event.trigger]
    if event.planned:
        scope = plan_term(scope) or scope  # "provides for the release of ..., in exchange for"
    for tok in scope.subtree:
        if tok.lower_ in ("exchange", "return") and tok.head.lower_ == "in":
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of")):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    pobj = _released_by_counterpart(pobj)
                    holders = [m for m in held_by(pobj) if m.actor_id not in mine]
                    if holders:
                        # "in exchange for the hostages held by Hamas": Hamas frees them
                        return EventMention(type=EventType.RELEASE, trigger=pobj.i, actors=holders)
                    if pobj.lemma_.lower() not in people:
                        continue
                    if event.actors:
                        return EventMention(
                            type=EventType.RELEASE,
                            trigger=pobj.i,
                            reciprocal_of=event.actors[0].actor_id,
                        )
                    # "the release of 10 hostages in exchange for 100 prisoners", the releaser
                    # left to the article: the prisoners' holder frees them
                    return EventMention(
                        type=EventType.RELEASE,
                        trigger=pobj.i,
                        counterpart=True,
                        planned=event.planned,
                    )
    return None


def held_by(people: Token) -> list[ActorMention]:
    """ "Hostages held by Hamas", "prisoners jailed by Israel": the side that holds them."""
    out: list[ActorMention] = []
    for clause in people.children:
        if clause.dep_ in ("acl", "relcl") and clause.lemma_.lower() in _HOLDING_VERBS:
            for agent in (c for c in clause.children if c.dep_ == "agent"):
                for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                    out.extend(actors_of_phrase(pobj))
    return _unique(out)


def _released_by_counterpart(pobj: Token) -> Token:
    """ "For hundreds of prisoners", "for the release of 90 detainees": the people given back."""
    pobj = through_partitives(pobj, _QUANTITY_NOUNS)
    if pobj.lemma_.lower() in ("release", "freedom", "return"):
        of = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if inner is not None:
            return through_partitives(inner, _QUANTITY_NOUNS)
    return pobj


def _names_truce(noun: Token, lexicon: TriggerLexicon) -> bool:
    """ "a ceasefire", "a ceasefire deal", "an understanding to halt military actions"."""
    words = {noun.lemma_.lower(), noun.lower_}
    words.update(c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod"))
    if words & lexicon.truce_nouns:
        return True
    if noun.dep_ in ("nsubj", "nsubjpass") and _halting_clause(noun.head, lexicon) is not None:
        return True  # "an understanding was reached to halt the fighting"
    return _halting_clause(noun, lexicon) is not None


def _halting_clause(token: Token, lexicon: TriggerLexicon) -> Token | None:
    """The clause under ``token`` that halts the fighting, if any."""
    return next(
        (
            c
            for c in token.children
            if c.dep_ in ("acl", "relcl", "xcomp", "advcl") and _halts_fighting(c, lexicon)
        ),
        None,
    )


def _halts_fighting(verb: Token, lexicon: TriggerLexicon) -> bool:
    """ "halt the fighting", "stop military actions": a truce said with a verb."""
    if verb.lemma_.lower() not in lexicon.truce_halts:
        return False
    return any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lexicon.truce_halted
        for c in verb.children
    )


def _agreed_truce(event: EventMention, doc: Doc, lexicon: TriggerLexicon) -> EventMention | None:
    """ "Aldoria and Borvia agreed to a ceasefire": the agreement sets up a truce by the same sides.

    The truce is planned, not begun ("agreed" is not "took effect"): it is a
    future start unless the agreement itself is less than done. Only a joint agreement (or one whose parties are left to the article's
    sides) does: one party agreeing to a truce accepts it, which starts
    nothing yet; nor does an agreement on "a proposed truce".
    """
    if event.type != EventType.AGREE:
        return None
    trigger = doc[event.trigger]
    if len(event.actors) == 1:
        return _announced_truce(event, trigger, lexicon)
    if trigger.pos_ in ("NOUN", "PROPN"):
        # "the ceasefire agreement between X and Y", "an understanding to halt",
        # "agreement on a ceasefire"
        agreed = [trigger, *agreed_contents(trigger)]
    else:
        halting = _halting_clause(trigger, lexicon)
        if halting is not None:
            return _truce_of(event, halting)  # "agreed to halt the fighting"
        agreed = []
        for child in trigger.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                agreed.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("to", "on", "upon"):
                agreed.extend(c for c in child.children if c.dep_ == "pobj")
    truce = next((n for n in agreed if _names_truce(n, lexicon) and own_modality(n) is None), None)
    return _truce_of(event, truce) if truce is not None else None


def _announced_truce(
    event: EventMention, trigger: Token, lexicon: TriggerLexicon
) -> EventMention | None:
    """ "The Kremlin announced an energy ceasefire": one party declaring a truce starts its own.

    (One party agreeing to a truce only accepts it; a mediator announcing one is
    settled in the record, where its sides replace it.)
    """
    if trigger.lemma_.lower() not in _DECLARING_VERBS:
        return None
    truce = next(
        (
            c
            for c in trigger.children
            if c.dep_ in ("dobj", "nsubjpass")
            and _names_truce(c, lexicon)
            and own_modality(c) is None
            and not any(p.dep_ == "prep" and p.lower_ == "between" for p in c.children)
        ),
        None,
    )
    if truce is None:
        return None
    return replace(_truce_of(event, truce), declared=True)


def _truce_of(event: EventMention, truce: Token) -> EventMention:
    return EventMention(
        type=EventType.CEASEFIRE,
        trigger=event.trigger,
        actors=list(event.actors),
        collective=event.collective,
        action="start",
        agreed=truce.i,
    )


def _content_preps(token: Token) -> list[Token]:
    """The objects of the content prepositions under ``token`` that name an event."""
    return [
        o
        for p in token.children
        if p.dep_ == "prep" and p.lower_ in _CONTENT_PREPS
        for o in p.children
        if o.dep_ == "pobj" and o.lemma_.lower() in _CONTENTS
    ]


def agreed_contents(noun: Token) -> list[Token]:
    """What an agreement noun is about: "agreement on a swap", "the point of agreement was on a swap".

    Also through the verb that reaches it: "agreement was reached on a swap".
    """
    if noun.lemma_.lower() not in _AGREEMENT_NOUNS or noun.pos_ not in ("NOUN", "PROPN"):
        return []
    found = _content_preps(noun)
    if noun.dep_ in ("dobj", "nsubjpass"):
        found += _content_preps(noun.head)  # "agreement was reached on a swap"
    holder = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if (
        holder is not None
        and holder.lemma_.lower() in _CONTENT_HOLDERS
        and holder.dep_ == "nsubj"
        and holder.head.lemma_.lower() == "be"
    ):
        found += _content_preps(holder.head)  # "the only point of agreement was on a swap"
    return found


def agreement_of(content: Token) -> Token | None:
    """The agreement noun whose content ``content`` is ("a swap" in "agreement on a swap")."""
    while content.dep_ == "conj" and content.head is not content:
        content = content.head
    if content.dep_ != "pobj" or content.head.lower_ not in _CONTENT_PREPS:
        return None
    head = content.head.head
    candidates = [head, *head.children]
    candidates += [
        o
        for c in head.children
        if c.dep_ == "nsubj" and c.lemma_.lower() in _CONTENT_HOLDERS
        for p in c.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
    ]
    return next((n for n in candidates if content in agreed_contents(n)), None)


def carried_out(noun: Token) -> bool:
    """ "The deal was carried out", "the deal was implemented": what it set up is done."""
    return noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in _EXECUTING_VERBS


def _agreeing(noun: Token, lexicon: TriggerLexicon) -> Token:
    """The word that says the agreement was made: the verb that reaches it, else the noun."""
    if noun.dep_ in ("dobj", "nsubjpass") and lexicon.fires(noun.head):
        return noun.head
    return noun


def _content_agreement(token: Token, lexicon: TriggerLexicon) -> EventMention | None:
    """ "The sides' only point of agreement was on a swap": an agreement of the article's sides.

    Not when a verb already reads it ("the sides reached agreement on a swap"), nor
    when a party owns it ("Russia's agreement to a swap" is its acceptance).
    """
    if not agreed_contents(token) or _agreeing(token, lexicon) is not token:
        return None
    if token.dep_ not in ("nsubj", "nsubjpass", "attr", "ROOT", "appos", "pobj"):
        return None
    if token.dep_ == "pobj" and not (
        token.head.lower_ == "without"
        or (token.head.lower_ == "of" and token.head.head.lemma_.lower() in _CONTENT_HOLDERS)
    ):
        return None  # "talks towards an agreement on a swap" only names what is sought
    if any(c.dep_ == "poss" for c in token.children) or actors_of_phrase(token):
        return None
    if token.dep_ in ("nsubj", "nsubjpass") and (
        token.head.lemma_.lower() != "be" or any(c.dep_ == "acomp" for c in token.head.children)
    ):
        # "the agreement on a swap collapsed" tells what became of it, "an agreement on a
        # swap is possible" judges it: neither reports it made
        return None
    return EventMention(type=EventType.AGREE, trigger=token.i, collective=True)


def find_event_mentions(doc: Doc, lexicon: TriggerLexicon) -> list[EventMention]:
    """Every event the trigger lexicon and the parse support, in text order."""
    events: list[EventMention] = []
    for token in doc:
        found = len(events)
        for trigger in lexicon.candidates(token):
            if not satisfies(token, trigger):
                continue
            if token.pos_ in ("NOUN", "PROPN"):
                event = _noun_event(token, trigger, lexicon)
            else:
                event = _verb_event(token, trigger, lexicon)
            if event is not None:
                events.append(event)
                reciprocal = _reciprocal_release(event, doc, lexicon.people)
                if reciprocal is not None:
                    events.append(reciprocal)
                truce = _agreed_truce(event, doc, lexicon)
                if truce is not None:
                    events.append(truce)
                channel = _channel(event, doc)
                if channel is not None:
                    events.append(channel)
                break
        if len(events) == found:
            agreement = _content_agreement(token, lexicon)
            if agreement is not None:
                events.append(agreement)
                truce = _agreed_truce(agreement, doc, lexicon)  # "agreement on a ceasefire"
                if truce is not None:
                    events.append(truce)
            else:
                # told in passing: what it set up is for other sentences to tell
                events.extend(e for e in [_made_agreement(token)] if e is not None)
        events.extend(_listed_agreements(token, events))
    return events


def _made_agreement(token: Token) -> EventMention | None:
    """ "Following agreement on a monitoring mechanism, talks turned to ...": it was made."""
    if not presupposed_agreement(token):
        return None
    actors = _unique(_companions(token, frozenset({"between", "with", "among"})))
    return EventMention(
        type=EventType.AGREE,
        trigger=token.i,
        actors=actors,
        collective=not actors,
        presupposed=True,
    )


def _listed_agreements(token: Token, events: list[EventMention]) -> list[EventMention]:
    """ "The signing of several texts, including a statement in March and an accord in June":
    one agreement per dated text, by whoever signed (the sides, unless the signing names them).
    """
    texts = signed_texts(token)
    if not texts:
        return []
    signing = next((e for e in events if e.trigger == token.i and e.type == EventType.AGREE), None)
    actors = list(signing.actors) if signing is not None else []
    taken = {e.trigger for e in events if e.type == EventType.AGREE}
    heads = [(text_head(item), item) for item in texts]
    return [
        EventMention(
            type=EventType.AGREE,
            trigger=head.i,
            actors=actors,
            collective=not actors,
            dated_by=(item.start, item.end),
        )
        for head, item in heads
        if head.i not in taken
    ]


# ------------------------------------------------------------------ component

if not Doc.has_extension("event_mentions"):
    Doc.set_extension("event_mentions", default=None)


class EventFinder:
    """spaCy component: ``doc._.event_mentions``, every event trigger with its arguments.

    It receives its trigger lexicon at construction (the factory reads
    ``data/events.yaml``), as spaCy's ``SpanRuler`` receives its patterns.
    """

    def __init__(self, lexicon: TriggerLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        doc._.event_mentions = find_event_mentions(doc, self.lexicon)
        return doc


@Language.factory("truceline_events")
def make_event_finder(nlp: Language, name: str) -> EventFinder:
    """spaCy factory of :class:`EventFinder` with the bundled triggers."""
    return EventFinder(read_triggers(load(EventsFile)))
