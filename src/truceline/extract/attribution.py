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
    return not (named or has_person)


def _channel(verb: Token, exclude: set[int]) -> str | None:
    """The outlet a source spoke to: "told Reuters", "in an interview with CNN"."""
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj"):
            outlet = outlet_in(phrase_tokens(child))
            if outlet:
                return outlet.name
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
    source = _partitive(source)
    tokens = [
        t
        for t in phrase_tokens(source, membership=True)
        if not t.is_space and (within is None or t.i in within)
    ] or [source]
    outlet = outlet_in(tokens)
    parties = _parties(source, tokens)
    start, end = tokens[0].i, tokens[-1].i + 1
    text = source.doc[start:end].text
    if outlet and not parties and source.pos_ == "PROPN":
        # An outlet reporting on its own authority is the channel, not a source.
        return ReportingFrame(verb=verb_text, scope=frozenset(scope), via=via or outlet.name)
    anonymous = _is_anonymous(source, parties, lex)
    if not parties and source.lemma_.lower() in lex.document_nouns:
        parties, anonymous = _document_issuer(source)
    return ReportingFrame(
        verb=verb_text,
        scope=frozenset(scope - set(range(start, end))),
        source_start=start,
        source_end=end,
        source_text=text,
        source_actor=parties[0].actor_id if parties else None,
        anonymous=anonymous,
        source_count=_source_count(source),
        via=via,
        head_lemma=source.lemma_.lower(),
    )


def _document_issuer(document: Token) -> tuple[list[ActorMention], bool]:
    """Whose document a quoted text is: "the statement" is the last party that spoke.

    "According to a draft seen by Reuters" is a leak, so anonymous; a
    statement is an on-the-record act of the party that issued it.
    """
    doc = document.doc
    leaked = any(
        c.dep_ == "acl" and c.lemma_.lower() in ("see", "obtain", "review")
        for c in document.children
    )
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
        if tok.lemma_.lower() not in speech and not _reports_content(tok):
            continue
        if _unsaid(tok):
            continue
        source = doer(tok)
        if source is None and tok.dep_ not in ("ROOT", "ccomp", "conj", "parataxis"):
            continue
        # The verb itself is outside its own scope: "Hamas insists on ..., the
        # sources said" credits the insisting to the sources, not to Hamas.
        scope = _scope(tok, lex)
        exclude = {t.i for t in phrase_tokens(source)} if source is not None else set()
        via = _channel(tok, exclude)
        frames.append(_frame_from_source(tok.text, scope, source, via, lex))
    return frames


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


def _reports_content(verb: Token) -> bool:
    """A that-clause or an "as" judgement: "believes that ...", "sees it as an opportunity"."""
    return any(
        c.dep_ in ("ccomp", "oprd") or (c.dep_ == "prep" and c.lower_ == "as")
        for c in verb.children
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
        if source is None:
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
            if head.pos_ in ("PROPN", "NOUN"):
                scope = {t.i for t in sent[:i]}
                return [
                    _frame_from_source(":", scope, head, None, lex, range(tail.start, tail.end))
                ]
    return []


def _resolve_anaphoric(
    frame: ReportingFrame, earlier: list[ReportingFrame], doc: Doc
) -> ReportingFrame:
    """ "The official added": inherit party, count and channel from the source it refers back to."""
    if frame.source_start is None:
        return frame
    first = doc[frame.source_start]
    if frame.source_actor is not None:
        return (
            _inherit_channel(frame, earlier) if first.lower_ in ("the", "these", "those") else frame
        )
    head = doc[frame.source_end - 1] if frame.source_end else first
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
    for sent in doc.sents:
        found = [
            *_verb_frames(sent, lex),
            *_according_to_frames(sent, lex),
            *_headline_frame(sent, lex),
        ]
        for frame in found:
            frames.append(_resolve_anaphoric(frame, frames, doc))
    return frames


def innermost_frame(token: Token, frames: list[ReportingFrame]) -> ReportingFrame | None:
    """The narrowest frame covering ``token``: the nearest source in nested reporting."""
    covering = [f for f in frames if token.i in f.scope]
    if not covering:
        return None
    inner = min(covering, key=lambda f: f.width)
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
