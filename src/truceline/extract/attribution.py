"""Attribution: the claim behind each event (who says so, through whom).

News copy wraps almost every event in reported speech: "two Egyptian
security sources told Reuters that ...", "..., his office said", "according
to the document". A :class:`ReportingFrame` is one such wrapper found in the
dependency parse: the reporting verb, the phrase naming the source, the
outlet it spoke to, and the tokens the frame covers. An event takes the
innermost frame that covers its trigger, so in nested reporting the nearest
source is kept and an outer outlet becomes ``via``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from truceline.data import load
from truceline.data.files import LexiconFile
from truceline.extract.actors import (
    ActorMention,
    actors_of_phrase,
    mentions_in,
    outlet_in,
    phrase_tokens,
    resolve_pronoun,
)
from truceline.extract.lexicon import Lexicon
from truceline.extract.numbers import parse_number
from truceline.extract.syntax import doer

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_CHANNEL_PREPS = ("to", "with")


@dataclass(frozen=True)
class ReportingFrame:
    """One act of reporting: "<source> <verb> [<via>] that <scope>"."""

    verb: str
    scope: frozenset[int]
    source_start: int | None = None
    source_end: int | None = None
    source_text: str | None = None
    source_actor: str | None = None
    anonymous: bool = False
    source_count: int | None = None
    via: str | None = None
    head_lemma: str | None = None
    head: int | None = None  # the token heading the source phrase

    @property
    def width(self) -> int:
        return len(self.scope)


def _source_count(head: Token) -> int | None:
    for child in head.children:
        if child.dep_ == "nummod":
            value = parse_number(child.text)
            if isinstance(value, int | float) and float(value).is_integer() and value > 0:
                return int(value)
    return None


def _is_anonymous(head: Token, parties: list[ActorMention], lex: Lexicon) -> bool:
    """A source is anonymous when it is a role noun with no name ("a senior official")."""
    if head.lemma_.lower() not in lex.anonymous_source_nouns:
        return False
    # Only the words that name the source itself count: "a Lebanese official
    # close to Aoun" is unnamed although it names Aoun.
    core = {head.i}
    for child in head.children:
        if child.dep_ in ("compound", "appos", "flat", "nmod", "poss", "conj"):
            core.update(t.i for t in child.subtree)  # conj: "Prime Minister and FM Sheikh X"
        elif child.dep_ == "amod":
            core.add(child.i)  # "close to Aoun" qualifies; "close" alone is in the name
    named = any(m.how in ("person", "alias") and m.agent and m.start in core for m in parties)
    has_person = any(head.doc[i].ent_type_ == "PERSON" for i in core)
    return not (named or has_person or (bool(parties) and _names_an_office(head, lex)))


def _names_an_office(head: Token, lex: Lexicon) -> bool:
    """ "Qatar's prime minister", "the Ukrainian leader": one person, named by the office.

    A definite title that one person of a party holds at a time identifies
    its holder; "a senior minister" or "Hamas leaders" does not.
    """
    definite = any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"))
        or c.dep_ == "poss"
        for c in head.children
    )
    if not definite:
        return False
    if head.lemma_.lower() in lex.office_titles:
        return True
    return head.lemma_.lower() == "minister" and any(
        c.dep_ in ("amod", "compound") and c.lemma_.lower() in lex.office_portfolios
        for c in head.children
    )


def _channel(verb: Token, exclude: set[int], lex: Lexicon) -> str | None:
    """The outlet a source spoke to: "told Reuters", "in an interview with CNN",
    "told state media"."""
    for child in verb.children:
        if child.dep_ == "agent":  # "was quoted by Channel 12 as saying"
            outlet = outlet_in(list(child.subtree))
            if outlet:
                return outlet.name
        if child.dep_ in ("dobj", "dative", "iobj"):
            tokens = phrase_tokens(child)
            outlet = outlet_in(tokens)
            if outlet:
                return outlet.name
            if child.lemma_.lower() in lex.press_nouns and not any(mentions_in(child.doc, tokens)):
                return child.doc[tokens[0].i : tokens[-1].i + 1].text
        if child.dep_ == "prep":
            for tok in child.subtree:
                if tok.i in exclude:
                    continue
                outlet = outlet_in([tok])
                if outlet and (
                    child.lemma_.lower() in _CHANNEL_PREPS or child.lemma_.lower() == "in"
                ):
                    return outlet.name
    return None


def _frame_from_source(
    verb_text: str,
    scope: set[int],
    source: Token | None,
    via: str | None,
    lex: Lexicon,
    within: range | None = None,
) -> ReportingFrame:
    """The frame of ``source``'s claim over ``scope``; its words only from ``within`` if given."""
    if source is None:
        return ReportingFrame(verb=verb_text, scope=frozenset(scope), via=via)
    whole = source
    source = _partitive(source)
    count = 1 if whole is not source and whole.lower_ == "one" else _source_count(source)
    lemma = source.lemma_.lower()
    tokens = [
        t
        for t in phrase_tokens(source, membership=True)
        if not t.is_space and (within is None or t.i in within)
    ] or [source]
    if lemma in lex.document_nouns:
        tokens = sorted({*tokens, *_issuer_tokens(source)}, key=lambda t: t.i)
    elif within is None:
        tokens = sorted({*tokens, *_affiliation_tokens(source, lex)}, key=lambda t: t.i)
    outlet = outlet_in(tokens)
    parties = _parties(source, tokens)
    start, end = tokens[0].i, tokens[-1].i + 1
    text = source.doc[start:end].text
    if outlet and not parties and (source.pos_ == "PROPN" or lemma in lex.document_nouns):
        # An outlet reporting on its own authority is the channel, not a source;
        # so is its report ("a report published by Reuters", "the Reuters report").
        return ReportingFrame(
            verb=verb_text,
            scope=frozenset(scope),
            via=via or outlet.name,
            head_lemma=lemma,
            head=source.i,
        )
    if not parties and lemma in lex.press_nouns:
        # "According to Israeli media reports": the press relays, it is no party's claim.
        definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in source.children)
        return ReportingFrame(
            verb=verb_text,
            scope=frozenset(scope),
            via=via or (None if definite else text),
            head_lemma=lemma,
            head=source.i,
        )
    anonymous = _is_anonymous(source, parties, lex)
    if not parties and lemma in lex.document_nouns:
        parties, anonymous = _document_issuer(source)
    return ReportingFrame(
        verb=verb_text,
        scope=frozenset(scope - set(range(start, end))),
        source_start=start,
        source_end=end,
        source_text=text,
        source_actor=parties[0].actor_id if parties else None,
        anonymous=anonymous,
        source_count=count,
        via=via,
        head_lemma=source.lemma_.lower(),
        head=source.i,
    )


def can_speak(source: Token, lex: Lexicon) -> bool:
    """Whether a phrase can be the source of a claim: not a date, a deal or a visit.

    "Date 2023-12-01 ... informed", "according to this deal", "the visit
    indicates": what is negotiated or done says nothing; its words are the
    report's own.
    """
    if source.ent_type_ in ("DATE", "TIME", "CARDINAL"):
        return False
    return source.lemma_.lower() not in lex.not_sources


def _credits_someone(tail: Span, lex: Lexicon) -> bool:
    """A headline credit names a party or its people, an outlet or a role ("- sources").

    ": Sumy and Kharkiv" after a headline names places, not who says so.
    """
    if any(mentions_in(tail.doc, list(tail))) or outlet_in(list(tail)):
        return True
    roles = lex.anonymous_source_nouns | lex.speaker_nouns
    return any(t.lemma_.lower() in roles for t in tail)


_DEFINITE = ("the", "this", "that", "these", "those")
_ISSUING_VERBS = ("issue", "release", "publish", "send", "sign", "circulate", "put", "post")


def _issuer_tokens(document: Token) -> list[Token]:
    """Who issued a document, named in its own phrase: "a statement by Hamas", "a
    report published by Reuters", "a statement issued by the UN envoy's office".

    A leak ("a draft seen by Reuters") names who saw it, not who wrote it.
    """
    for child in document.children:
        agent = None
        if child.dep_ == "prep" and child.lower_ == "by":
            agent = child
        elif child.dep_ == "acl" and child.lemma_.lower() in _ISSUING_VERBS:
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if pobj is not None:
            return [t for t in document.subtree if t.i <= pobj.right_edge.i and t.i > document.i]
    return []


def _affiliation_tokens(source: Token, lex: Lexicon) -> list[Token]:
    """ "The sources, who are close to Hamas": a relative clause placing the source in a party.

    Only closeness counts; "officials who are familiar with Hamas's position" are not Hamas's.
    """
    for clause in source.children:
        if clause.dep_ != "relcl" or clause.lemma_.lower() != "be":
            continue
        for acomp in clause.children:
            if acomp.dep_ == "acomp" and acomp.lemma_.lower() in lex.affiliation_adjectives:
                return [t for t in source.subtree if source.i < t.i <= acomp.right_edge.i]
    return []


def _earlier_issuer(document: Token) -> list[ActorMention]:
    """ "Hamas said in a statement ... According to the statement": the statement is Hamas's.

    "The statement" refers back to the last statement the article mentioned;
    its issuer is whoever spoke "in" it.
    """
    doc = document.doc
    for i in range(document.i - 1, -1, -1):
        tok = doc[i]
        if tok.lemma_.lower() != document.lemma_.lower():
            continue
        prep = tok.head
        if (
            tok.dep_ == "pobj"
            and prep.lower_ in ("in", "via")
            and prep.head.pos_ in ("VERB", "AUX")
        ):
            speaker = doer(prep.head)
            if speaker is not None:
                return actors_of_phrase(speaker)[:1]
        return []
    return []


def _document_issuer(document: Token) -> tuple[list[ActorMention], bool]:
    """Whose document a quoted text is: "the statement" is the one last mentioned, else
    the last party that spoke.

    "According to a draft seen by Reuters" is a leak, so anonymous; a
    statement is an on-the-record act of the party that issued it.
    """
    doc = document.doc
    leaked = any(
        c.dep_ == "acl" and c.lemma_.lower() in ("see", "obtain", "review")
        for c in document.children
    )
    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in document.children):
        earlier = _earlier_issuer(document)
        if earlier:
            return earlier, leaked
    floor = doc[max(document.sent.start - 1, 0)].sent.start
    last = None
    for m in doc._.actor_mentions or ():
        if m.start >= document.i:
            break
        if m.start >= floor and m.how in ("alias", "person", "anaphor"):
            last = m
    return ([last] if last else []), leaked


def _partitive(head: Token) -> Token:
    """ "One of the sources" speaks as "the sources" do."""
    if head.lemma_.lower() in ("one", "some", "several", "many", "two", "three", "none", "each"):
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if inner is not None:
            return inner
    return head


def _parties(source: Token, tokens: list[Token]) -> list[ActorMention]:
    """The parties a source phrase names, membership phrases included ("a source in Hamas")."""
    if source.pos_ == "PRON":
        return actors_of_phrase(source)
    seen: dict[str, ActorMention] = {}
    for m in mentions_in(source.doc, tokens):
        seen.setdefault(m.actor_id, m)
    return list(seen.values())


def _verb_frames(sent: Span, lex: Lexicon) -> list[ReportingFrame]:
    frames = []
    reporting = lex.reporting_verbs
    speech = lex.speech_verbs
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in reporting:
            continue
        if tok.lemma_.lower() not in speech and not _reports_content(tok, lex):
            continue
        if _unsaid(tok):
            continue
        source = (
            _quoted_speaker(tok)
            or _trailing_speaker(tok)
            or doer(tok)
            or _reduced_relative_speaker(tok, lex)
        )
        if source is None and tok.dep_ not in ("ROOT", "ccomp", "conj", "parataxis"):
            continue
        # The verb itself is outside its own scope: "Hamas insists on ..., the
        # sources said" credits the insisting to the sources, not to Hamas.
        scope = _scope(tok, lex)
        exclude = {t.i for t in phrase_tokens(source)} if source is not None else set()
        via = _channel(tok, exclude, lex)
        if source is not None and not can_speak(source, lex):
            continue
        frames.append(_frame_from_source(tok.text, scope, source, via, lex))
    return frames


_FINITE = ("VBD", "VBZ", "VBP")


def _nominal(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN")


def _trailing_speaker(verb: Token) -> Token | None:
    """ "Delegations arrived in Sanaa, Houthi-run media said, to negotiate": the noun
    just before a finite "said" with no subject of its own is its speaker.

    A finite verb cannot take its subject from the clause it trails (a
    participle can: "..., saying"); the parser, which hung the speaker on
    the clause before, left it right in front of the verb.
    """
    if verb.tag_ not in _FINITE or verb.dep_ != "advcl":
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children) or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ not in ("NOUN", "PROPN"):
        return None
    # "the International Committee of the Red Cross said": the phrase, not its last noun
    while before.dep_ == "pobj" and before.head.lower_ == "of" and _nominal(before.head.head):
        before = before.head.head
    return before


_QUOTING_VERBS = ("quote", "cite")


def _quoted_speaker(verb: Token) -> Token | None:
    """ "Netanyahu was quoted by Channel 12 as saying ...": who is quoted speaks, the
    quoting outlet relays (it is the channel of the passive's agent)."""
    quoting = verb
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as":
        quoting = verb.head.head
    if quoting.lemma_.lower() not in _QUOTING_VERBS:
        return None
    return next((c for c in quoting.children if c.dep_ == "nsubjpass"), None)


def _reduced_relative_speaker(verb: Token, lex: Lexicon) -> Token | None:
    """ "Lebanese officials briefed on the meetings said ...", parsed as if the officials
    briefed someone: a speaker left of a subjectless verb, in a clause with no object.
    """
    for clause in verb.children:
        if clause.i > verb.i or clause.dep_ != "ccomp" or clause.tag_ not in ("VBN", "VBD"):
            continue
        if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in clause.children):
            continue
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is not None and speaks_by_acting(subject, lex):
            return subject
    return None


def _scope(verb: Token, lex: Lexicon) -> set[int]:
    """The tokens a reporting verb vouches for, itself excluded.

    "Israel and Hamas signed the deal, Egypt said, after ..." parses "said" as
    a dependent of "signed"; a reporting verb with no clause of its own is
    parenthetical and vouches for the clause around it.
    """
    own = {t.i for t in verb.subtree}
    has_content = any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
    trailing = verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.head.i < verb.i
    if not has_content and trailing and verb.lemma_.lower() in lex.parenthetical_verbs:
        return {t.i for t in verb.head.subtree} - own
    return own - {verb.i}


def _unsaid(verb: Token) -> bool:
    """ "Hamas has yet to comment", "declined to say": nothing was reported."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in ("decline", "refuse", "yet", "fail")


def _reports_content(verb: Token, lex: Lexicon) -> bool:
    """A that-clause or an "as" judgement: "believes that ...", "sees it as an opportunity",
    "rejected any suggestion that Moscow had opposed a truce"."""
    return any(
        c.dep_ in ("ccomp", "oprd")
        or (c.dep_ == "prep" and c.lower_ == "as")
        or (c.dep_ == "dobj" and c.lemma_.lower() in lex.content_nouns and _that_clause(c))
        for c in verb.children
    )


def _that_clause(noun: Token) -> bool:
    """ "the suggestion that ...": a noun whose clause says what it holds."""
    return any(
        c.dep_ in ("acl", "ccomp")
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in noun.children
    )


def _according_to_frames(sent: Span, lex: Lexicon) -> list[ReportingFrame]:
    """ "according to X", "citing X", "quoted by X": the whole sentence is X's claim."""
    frames = []
    for tok in sent:
        low = tok.lower_
        source: Token | None = None
        if low == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        elif low in ("citing", "quoting"):
            source = next((c for c in tok.children if c.dep_ in ("dobj", "pobj")), None)
        if source is None or not can_speak(source, lex):
            continue
        scope = {t.i for t in sent}
        frames.append(_frame_from_source(tok.text, scope, source, None, lex))
    return frames


def _headline_frame(sent: Span, lex: Lexicon) -> list[ReportingFrame]:
    """A headline ending in ": Hamas" or "- sources" credits what precedes it.

    The credit stands apart: a colon, or a dash with space before it, so
    that "a three-month truce" credits no "month truce".
    """
    for i, tok in enumerate(sent):
        spaced = tok.text == ":" or (i > 0 and sent[i - 1].whitespace_ != "")
        if (
            tok.text in (":", "-", "–", "—")
            and spaced
            and 0 < i < len(sent) - 1
            and len(sent) - i <= 5
        ):
            tail = sent[i + 1 :]
            head = tail.root
            if head.pos_ in ("PROPN", "NOUN") and _credits_someone(tail, lex):
                scope = {t.i for t in sent[:i]}
                return [
                    _frame_from_source(":", scope, head, None, lex, range(tail.start, tail.end))
                ]
    return []


def _resolve_anaphoric(
    frame: ReportingFrame,
    earlier: list[ReportingFrame],
    doc: Doc,
    lex: Lexicon,
    starts: list[int],
) -> ReportingFrame:
    """ "The official added": inherit party, count and channel from the source it refers back to."""
    if frame.source_start is None:
        if frame.head_lemma is None or frame.via is not None:
            return frame
        # "..., according to a report published by Reuters. ..., the report said."
        for prior in reversed(earlier):
            if prior.head_lemma == frame.head_lemma and (prior.via or prior.source_start):
                return replace(
                    frame,
                    via=prior.via,
                    source_start=prior.source_start,
                    source_end=prior.source_end,
                    source_text=prior.source_text,
                    source_actor=prior.source_actor,
                    anonymous=prior.anonymous,
                )
        return frame
    first = doc[frame.source_start]
    head = doc[frame.source_end - 1] if frame.source_end else first
    if head.pos_ == "PRON":
        prior_speaker = _last_speaker(head, earlier, starts, lex)
        if prior_speaker is not None:
            return replace(
                prior_speaker,
                verb=frame.verb,
                scope=frame.scope,
                via=frame.via or prior_speaker.via,
                source_start=frame.source_start,
                source_end=frame.source_end,
                source_text=frame.source_text,
                head=frame.head,
            )
    if frame.source_actor is not None:
        return (
            _inherit_channel(frame, earlier) if first.lower_ in ("the", "these", "those") else frame
        )
    if first.pos_ == "PRON" or head.pos_ == "PRON":
        m = resolve_pronoun(head)
        if m is None:
            return frame
        for prior in reversed(earlier):
            if prior.source_actor == m.actor_id and prior.source_start is not None:
                return replace(
                    frame,
                    source_actor=prior.source_actor,
                    anonymous=prior.anonymous,
                    via=frame.via or prior.via,
                )
        return replace(frame, source_actor=m.actor_id)
    if first.lower_ not in ("the", "these", "those", "this", "that"):
        return frame
    for prior in reversed(earlier):
        if (
            prior.source_start is not None
            and prior.head_lemma == frame.head_lemma
            and prior.source_actor
        ):
            return replace(
                frame,
                source_actor=prior.source_actor,
                anonymous=prior.anonymous,
                source_count=frame.source_count or prior.source_count,
                via=frame.via or prior.via,
            )
    return frame


_SPEAKER_REACH = 3  # sentences back a pronoun speaker may continue a report


def _last_speaker(
    pronoun: Token, earlier: list[ReportingFrame], starts: list[int], lex: Lexicon
) -> ReportingFrame | None:
    """ "..., the Arab official said. He added that ...": a pronoun speaking continues the
    last source outside quotation marks that could be it.

    News copy goes on quoting whom it just quoted: "he" or "she" continues the last
    source if it is a person, "it" if it is a body or document, "they" if it is
    several, within the few sentences before (``starts``: where each sentence
    starts). Otherwise the pronoun is resolved as any other.
    """
    low = pronoun.lower_
    if low not in ("he", "she", "it", "they"):
        return None
    doc = pronoun.doc
    here = _sentence_number(pronoun.i, starts)
    quoted = _quoted_tokens(doc)
    prior = next(
        (
            f
            for f in reversed(earlier)
            if f.head is not None
            and f.head < pronoun.i
            and (f.head not in quoted or pronoun.i in quoted)
        ),
        None,
    )
    if prior is None or prior.head is None:
        return None
    if here - _sentence_number(prior.head, starts) > _SPEAKER_REACH:
        return None
    said_by = doc[prior.head]
    if said_by.pos_ == "PRON":
        return prior if said_by.lower_ == low else None
    return prior if _could_be(low, prior, doc, lex) else None


def _sentence_number(i: int, starts: list[int]) -> int:
    return bisect_right(starts, i) - 1


def _could_be(pronoun: str, frame: ReportingFrame, doc: Doc, lex: Lexicon) -> bool:
    """Whether ``pronoun`` can refer to the source of ``frame``."""
    assert frame.head is not None
    source = doc[frame.head]
    first = doc[frame.source_start] if frame.source_start is not None else source
    persons = lex.anonymous_source_nouns | lex.speaker_nouns | lex.office_titles
    one = first.lower_ in ("one", "each", "a", "an") or frame.source_count == 1
    plural = not one and (
        source.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in source.children)
    )
    person = (
        source.ent_type_ == "PERSON"
        or source.lemma_.lower() in persons
        or any(
            c.dep_ in ("compound", "appos", "flat")
            and (c.ent_type_ == "PERSON" or c.lemma_.lower() in persons)
            for c in source.children
        )
    )
    if pronoun == "they":
        return plural
    if plural:
        return False
    return person if pronoun in ("he", "she") else not person


def _inherit_channel(frame: ReportingFrame, earlier: list[ReportingFrame]) -> ReportingFrame:
    """ "The Israeli official added": the same official, so the same outlet and count."""
    for prior in reversed(earlier):
        if prior.head_lemma == frame.head_lemma and prior.source_actor == frame.source_actor:
            return replace(
                frame,
                anonymous=prior.anonymous,
                source_count=frame.source_count or prior.source_count,
                via=frame.via or prior.via,
            )
    return frame


def find_frames(doc: Doc, lex: Lexicon) -> list[ReportingFrame]:
    """Every reporting frame in the article, anaphoric sources resolved."""
    frames: list[ReportingFrame] = []
    starts = [sent.start for sent in doc.sents]
    for sent in doc.sents:
        found = [
            *_verb_frames(sent, lex),
            *_according_to_frames(sent, lex),
            *_headline_frame(sent, lex),
        ]
        for frame in found:
            frames.append(_resolve_anaphoric(frame, frames, doc, lex, starts))
    return _over_quotations(doc, frames, starts)


_OPENING_QUOTES = frozenset({"“", "«", "„"})
_CLOSING_QUOTES = frozenset({"”", "»"})
_STRAIGHT_QUOTES = frozenset({'"'})


def quotations(doc: Doc) -> list[tuple[int, int]]:
    """The quotations of ``doc`` as token ranges (opening mark, closing mark), outermost only."""
    found: list[tuple[int, int]] = []
    opened: int | None = None
    for tok in doc:
        text = tok.text
        if opened is None:
            if text in _OPENING_QUOTES or text in _STRAIGHT_QUOTES:
                opened = tok.i
        elif text in _CLOSING_QUOTES or text in _STRAIGHT_QUOTES:
            found.append((opened, tok.i))
            opened = None
        elif text in _OPENING_QUOTES:
            opened = tok.i  # an unclosed mark: start again from the new one
    return found


def _quoted_tokens(doc: Doc) -> frozenset[int]:
    """The tokens inside quotation marks: what is said there is no frame of the report's own."""
    cached = doc.user_data.get("truceline.quoted")
    if cached is None:
        cached = frozenset(i for start, end in quotations(doc) for i in range(start, end + 1))
        doc.user_data["truceline.quoted"] = cached
    return cached


def _over_quotations(
    doc: Doc, frames: list[ReportingFrame], starts: list[int]
) -> list[ReportingFrame]:
    """ "“The talks went well. Hamas accepted the offer,” the official said.": a quotation
    of several sentences is all the speaker's who is credited where it ends (or begins).
    """
    out = list(frames)
    for opened, closed in quotations(doc):
        first, last = _sentence_number(opened, starts), _sentence_number(closed, starts)
        if first == last:
            continue
        quoted = set(range(opened, closed + 1))
        credited = [
            (i, f)
            for i, f in enumerate(out)
            if f.head is not None
            and f.head not in quoted
            and f.scope & quoted
            and _sentence_number(f.head, starts) in (first, last)
        ]
        if not credited:
            continue
        i, frame = min(credited, key=lambda pair: pair[1].width)
        out[i] = replace(frame, scope=frame.scope | frozenset(quoted))
    return out


def innermost_frame(token: Token, frames: list[ReportingFrame]) -> ReportingFrame | None:
    """The narrowest frame covering ``token``: the nearest source in nested reporting.

    An outlet only relays: "..., Al Jazeera reported, citing a senior official" is
    the official's claim through Al Jazeera, so a frame that names a source goes
    before a narrower one that names only the channel.
    """
    covering = [f for f in frames if token.i in f.scope]
    if not covering:
        return None
    sourced = [f for f in covering if f.source_start is not None]
    inner = min(sourced or covering, key=lambda f: f.width)
    if inner.via is None:
        outer_via = next((f.via for f in sorted(covering, key=lambda f: f.width) if f.via), None)
        if outer_via:
            inner = replace(inner, via=outer_via)
    return inner


_DASHES = frozenset({"-", "--", "—", "–"})


def wire_credit(doc: Doc) -> str | None:
    """The wire service a dateline credits: "DOHA, Jan 8 (Reuters) -" -> "Reuters".

    A report that carries wire copy is the wire's claim, relayed: every claim
    without a channel of its own gets the wire as ``via``, so that its
    reports are not counted as independent of the wire's.
    """
    cached = doc.user_data.get("truceline.wire_credit", "")
    if cached != "":
        return cached
    found: str | None = None
    for outlet in doc._.outlet_mentions or ():
        if outlet.start == 0 or outlet.end >= len(doc):
            continue
        opened, closed = doc[outlet.start - 1], doc[outlet.end]
        after = doc[outlet.end + 1 : outlet.end + 3]
        line_start = doc[outlet.start].sent.start
        if (
            opened.text == "("
            and closed.text == ")"
            and any(t.text in _DASHES for t in after)
            and outlet.start - line_start <= 12
        ):
            found = outlet.name
            break
    doc.user_data["truceline.wire_credit"] = found
    return found


def speaker_frame(verb: Token, source: Token, lex: Lexicon) -> ReportingFrame:
    """The frame of a party whose own words are the act: "a Lebanese official dismissed that".

    Officials, spokespeople and sources act by speaking, so what they are said
    to do is their claim, with the anonymity and count of the phrase naming them.
    """
    return _frame_from_source(verb.text, set(), source, None, lex)


def speaks_by_acting(source: Token, lex: Lexicon) -> bool:
    """Whether ``source`` names someone whose acts are statements (officials, sources, spokespeople)."""
    lemma = source.lemma_.lower()
    return lemma in lex.anonymous_source_nouns or lemma in lex.speaker_nouns


# ------------------------------------------------------------------ component

if not Doc.has_extension("frames"):
    Doc.set_extension("frames", default=None)


class FrameFinder:
    """spaCy component: ``doc._.frames``, every reporting frame, anaphoric sources resolved.

    It receives its lexicon at construction (the factory reads ``data/lexicon.yaml``).
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        doc._.frames = find_frames(doc, self.lexicon)
        return doc


@Language.factory("truceline_attribution")
def make_frame_finder(nlp: Language, name: str) -> FrameFinder:
    """spaCy factory of :class:`FrameFinder` with the bundled lexicon."""
    return FrameFinder(Lexicon.from_data(load(LexiconFile)))
