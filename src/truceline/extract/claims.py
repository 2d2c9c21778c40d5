"""Who says an event happened: the claim each event carries.

The innermost reporting frame around the trigger is the claim ("..., Qatar
said"); without one, an actor speaking for itself ("Hamas reaffirmed its
demand") is its own source; otherwise the claim is the outlet's. A wire
credit ("(Reuters)") is the channel when no frame names one.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from truceline.extract.actors import actors_of_phrase, phrase_tokens
from truceline.extract.attribution import (
    ReportingFrame,
    innermost_frame,
    speaker_frame,
    speaks_by_acting,
    wire_credit,
)
from truceline.extract.events import _subject
from truceline.extract.evidence import span_evidence
from truceline.extract.lexicon import Lexicon
from truceline.record import Claim


def _in_statement(sent: Span) -> bool:
    """ "In a statement, the group called on ...": the actor speaks for itself."""
    return any(t.lower_ == "statement" and t.head.lower_ in ("in", "via") for t in sent)


def _self_claim(trigger: Token, lex: Lexicon, statement: bool) -> Claim | None:
    """The actor speaking for itself: "Hamas reaffirmed its demand", "the spokesman rejected ...".

    Officials and spokespeople make their statements by acting, so a
    ``statement`` event they are said to make is their claim; their deeds
    ("the negotiators met", "the ministers signed") are the report's own.
    """
    subject = _subject(trigger)
    if subject is None:
        return None
    if (
        statement
        and subject.pos_ != "PRON"
        and speaks_by_acting(subject, lex)
        and not _apposed_party(subject)
    ):
        claim = _frame_claim(speaker_frame(trigger, subject, lex), trigger.doc)
        return claim if claim.source_text else None
    if trigger.lemma_.lower() not in lex.self_reporting_verbs and not _in_statement(trigger.sent):
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
        evidence=span_evidence(span),
    )


def _apposed_party(role: Token) -> bool:
    """ "Mediators Egypt and Qatar", "the negotiator Hamas": a role noun the party itself
    stands beside is that party acting, not a person speaking for it."""
    return any(
        c.dep_ == "appos" and any(m.how == "alias" for m in actors_of_phrase(c))
        for c in role.children
    )


def _frame_claim(frame: ReportingFrame, doc: Doc) -> Claim:
    evidence = None
    if frame.source_start is not None and frame.source_end is not None:
        evidence = span_evidence(doc[frame.source_start : frame.source_end])
    return Claim(
        source_text=frame.source_text,
        source_actor=frame.source_actor,
        anonymous=frame.anonymous,
        source_count=frame.source_count,
        via=frame.via,
        verb=frame.verb,
        evidence=evidence,
    )


def claim_for(
    trigger: Token,
    frames: list[ReportingFrame],
    outlet: str | None,
    lex: Lexicon,
    event_type: str | None = None,
) -> Claim:
    """The innermost reporting frame's claim, else the actor's own statement, else the outlet's.

    ``event_type`` tells whether the event is a statement (``statement_events``)
    its speaker makes by acting; without it every event is taken as one.
    """
    frame = innermost_frame(trigger, frames)
    if frame is not None:
        claim = _frame_claim(frame, trigger.doc)
    else:
        statement = event_type is None or event_type.lower() in lex.statement_events
        claim = _self_claim(trigger, lex, statement) or Claim()
    update: dict[str, str | None] = {"outlet": outlet}
    if claim.via is None:
        update["via"] = wire_credit(trigger.doc)
    return claim.model_copy(update=update)
