"""Proposals and counter-proposals, what they answer, the responses and a status.

Rules (``data/negotiation.yaml`` holds the words and windows):

* PROPOSE and COUNTER story events whose modality tables something
  (``tabling_modalities``: actual, possible -- "Israel was seeking to extend
  the phase") make proposals; negated and future ones do not.
* Story events of one proposer join one proposal when they give it the same
  name, or fall within ``windows.same_proposal`` days of it with no term that
  clashes (same issue and party, another value).
* A proposal's name is the one its reports give most often ("the Witkoff
  plan"); see ``proposal_names``.
* A counter answers the proposal it names, else (as ACCEPT and REJECT do) the
  latest proposal of its round (:mod:`.rounds`) tabled on or before its date,
  at most ``windows.response`` days before, by one of its targets, else the
  latest such by anyone not on its side (a mediator's plan is nobody's side):
  never one of another year's talks. A proposal dated only by the reports
  that mention it was tabled by then, so a response up to that window before
  its report may answer it. An undated response, or an undated proposal, is
  linked only by name.
* A counter that answers no proposal and states no terms is no proposal.
* ACCEPT and REJECT story events by a party or mediator of the process answer
  the proposal they name, else as above. An ACCEPT that reaffirms a commitment
  ("committed to the agreement", ``commitment_cues``) and names no proposal
  answers none. A negated ACCEPT ("refused to accept") is a rejection.
* A proposal no report names is named for its proposer and date ("US
  proposal of 12 Mar 2025"), never by an internal id.
* Status, first that holds: ``accepted`` (every party not on the proposer's
  side last answered accept), ``rejected`` (some responder last answered
  reject), ``superseded`` (a later proposal by the same side, or a counter
  answering it), else ``tabled``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from truceline.data.gazetteer import load_gazetteer
from truceline.negotiation.lexicon import NegotiationLexicon, load_lexicon
from truceline.negotiation.processes import chronological, side_of, when
from truceline.negotiation.rounds import round_of
from truceline.negotiation.terms import merge_terms
from truceline.record import EventType, Process, Proposal, Response, Round, StoryEvent, Term

_TABLING = (EventType.PROPOSE, EventType.COUNTER)
_ANSWERS = (EventType.ACCEPT, EventType.REJECT, EventType.COUNTER)


def proposal_names(texts: Sequence[str], lexicon: NegotiationLexicon | None = None) -> list[str]:
    """Every proposal name the texts give, in order of appearance."""
    lex = lexicon or load_lexicon()
    found: list[tuple[int, int, str]] = []
    for n, text in enumerate(texts):
        for named in lex.proposal_names:
            for match in named.pattern.finditer(text):
                name = named.name or _owner_name(match, lex)
                if name:
                    found.append((n, match.start(), name))
    return [name for _, _, name in sorted(found)]


def _owner_name(match: re.Match[str], lex: NegotiationLexicon) -> str | None:
    words = match.group("owner").split()
    while words and words[0] in lex.not_owners:
        words.pop(0)
    if not words:
        return None
    return f"the {' '.join(words)} {match.group('noun').lower()}"


def name_key(name: str) -> str:
    """What two names of one proposal share: "the Witkoff plan" ~ "the Witkoff outline"."""
    words = name.split()
    return " ".join(words[1:-1]).lower() if len(words) > 2 else name.lower()


def _sides(process: Process, actors: Sequence[str]) -> set[str]:
    return {side_of(process, a) or a for a in actors}


def _clash(a: Sequence[Term], b: Sequence[Term]) -> bool:
    values = {(t.issue, t.party): t.value for t in a}
    return any((t.issue, t.party) in values and values[(t.issue, t.party)] != t.value for t in b)


def _most_given(names: list[str]) -> str | None:
    if not names:
        return None
    counts = Counter(names)
    return max(names, key=lambda n: (counts[n], -names.index(n)))


class _Table:
    """Proposals of one process as they are tabled, with the names each report gave."""

    def __init__(
        self, process: Process, lex: NegotiationLexicon, rounds: Sequence[Round] = ()
    ) -> None:
        self.process = process
        self.lex = lex
        self.rounds = rounds
        self.by_report: dict[str, bool] = {}  # proposal id -> dated only by its reports
        self.proposals: list[Proposal] = []
        self.names: dict[str, list[str]] = {}

    def named(self, key: str | None, day: dt.date | None = None) -> Proposal | None:
        """The latest proposal of that name tabled by ``day`` (a response cannot precede it)."""
        if key is None:
            return None
        for p in reversed(self.proposals):
            if day is not None and p.date is not None and p.date > day:
                continue
            if any(name_key(n) == key for n in self.names[p.id]):
                return p
        return None

    def answered_by(self, story: StoryEvent, names: list[str]) -> Proposal | None:
        """The proposal a response or counter answers: named, by its target, else the latest."""
        own = f"proposal:{story.id}"
        if named := self.named(name_key(names[0]) if names else None, when(story)):
            return named
        sides = _sides(self.process, story.actor)
        day = when(story)
        earlier = [
            p
            for p in self.proposals
            if p.id != own
            and p.answers != own
            and self._open_then(p, day)
            and not sides & _sides(self.process, p.proposer)
        ]
        by_target = [p for p in earlier if set(p.proposer) & set(story.target)]
        return (by_target or earlier or [None])[-1]

    def _open_then(self, p: Proposal, day: dt.date | None) -> bool:
        """Whether ``p`` could be what a response on ``day`` answers: same round, recent.

        Without both dates nothing says they are of one round: only a name links them.
        """
        if p.date is None or day is None:
            return False
        gap = (day - p.date).days
        if self.by_report.get(p.id) and gap < 0:
            # Dated only by the report that mentions it, it was tabled by then:
            # "the cabinet approved the plan on 7 August" answers a plan reported on the 18th.
            gap = -gap
        elif gap < 0:
            return False
        if gap > self.lex.response_days:
            return False
        return round_of(self.rounds, p.date) == round_of(self.rounds, day)

    def table(self, story: StoryEvent) -> Proposal:
        kind = "counter" if story.type == EventType.COUNTER else "proposal"
        names = proposal_names(story.evidence, self.lex)
        referred = self.named(name_key(names[0])) if names else None
        if kind == "counter" and referred is not None:
            # A counter's evidence names what it answers, not itself.
            names = [n for n in names if name_key(n) != name_key(names[0])]
        key = name_key(names[0]) if names else None
        proposer = sorted(story.actor)
        for p in reversed(self.proposals):
            if p.kind == kind and p.proposer == proposer and self._joins(p, story, key):
                return self._join(p, story, names)
        proposal = Proposal(
            id=f"proposal:{story.id}",
            process=self.process.id,
            kind=kind,
            proposer=proposer,
            date=when(story),
        )
        if kind == "counter" and referred is not None:
            proposal.answers = referred.id
        self.proposals.append(proposal)
        self.names[proposal.id] = []
        return self._join(proposal, story, names)

    def _joins(self, p: Proposal, story: StoryEvent, key: str | None) -> bool:
        keys = {name_key(n) for n in self.names[p.id]}
        if key is not None and keys:
            return key in keys
        day = when(story)
        near = p.date is not None and day is not None
        near = near and abs((day - p.date).days) <= self.lex.same_proposal_days  # type: ignore[operator]
        return near and not _clash(p.terms, story.terms)

    def _join(self, p: Proposal, story: StoryEvent, names: list[str]) -> Proposal:
        reported_only = story.date is None or story.date_precision == "reported"
        self.by_report[p.id] = self.by_report.get(p.id, True) and reported_only
        p.story_events.append(story.id)
        p.mediators = sorted({*p.mediators, *story.mediators})
        merge_terms(p.terms, story.terms)
        self.names[p.id].extend(names)
        p.name = _most_given(self.names[p.id])
        return p


def _link_counter(table: _Table, story: StoryEvent) -> None:
    counter = next((p for p in table.proposals if p.id == f"proposal:{story.id}"), None)
    if counter is not None and counter.answers is None:
        answered = table.answered_by(story, [])
        counter.answers = answered.id if answered else None


def _respond(table: _Table, story: StoryEvent) -> None:
    lex, process = table.lex, table.process
    stance = (
        "counter" if story.type == EventType.COUNTER else lex.stance(story.type, story.modality)
    )
    if stance not in ("accept", "reject", "counter"):
        return
    names = proposal_names(story.evidence, lex)
    evidence = " ".join(story.evidence).lower()
    reaffirms = any(cue in evidence for cue in lex.commitment_cues)
    if stance == "accept" and reaffirms and not names:
        return
    if stance == "counter":
        counter = next((p for p in table.proposals if p.id == f"proposal:{story.id}"), None)
        target = next((p for p in table.proposals if counter and p.id == counter.answers), None)
    else:
        target = table.answered_by(story, names)
    if target is None:
        return
    proposer_sides = _sides(process, target.proposer)
    for actor in story.actor:
        in_process = side_of(process, actor) is not None or actor in process.mediators
        if not in_process or (side_of(process, actor) or actor) in proposer_sides:
            continue
        response = Response(actor=actor, stance=stance, date=when(story), story_event=story.id)
        if response not in target.responses:
            target.responses.append(response)


def _status(p: Proposal, proposals: Sequence[Proposal], process: Process) -> str:
    latest: dict[str, str] = {}
    for r in sorted(p.responses, key=lambda r: r.date or dt.date.min):
        latest[side_of(process, r.actor) or r.actor] = r.stance
    own = _sides(process, p.proposer)
    others = [party for party in process.parties if party not in own]
    if others and all(latest.get(o) == "accept" for o in others):
        return "accepted"
    if "reject" in latest.values():
        return "rejected"
    later_same_side = any(
        q.id != p.id
        and _sides(process, q.proposer) == own
        and q.date is not None
        and p.date is not None
        and q.date > p.date
        for q in proposals
    )
    if later_same_side or any(q.answers == p.id for q in proposals):
        return "superseded"
    return "tabled"


def fallback_name(p: Proposal) -> str:
    """ "US proposal of 12 Mar 2025": the proposer's adjective, the kind and the date."""
    gazetteer = load_gazetteer()
    owners = []
    for actor in p.proposer:
        entry = gazetteer.actors.get(actor)
        words = [w for w in (entry.demonyms if entry else []) if w.replace(".", "").isalpha()]
        owners.append(min(words, key=len) if words else gazetteer.name_of(actor))
    noun = "counter-proposal" if p.kind == "counter" else "proposal"
    who = "-".join(owners) + " " if owners else ""
    when_ = f" of {p.date.day} {p.date:%b %Y}" if p.date else ""
    return f"{who}{noun}{when_}"


def derive_proposals(
    stories: Sequence[StoryEvent], process: Process, rounds: Sequence[Round] = ()
) -> list[Proposal]:
    """The proposals of one process's story events, by the rules of this module.

    ``rounds``: the process's rounds; a response answers a proposal of its own.
    """
    lex = load_lexicon()
    table = _Table(process, lex, rounds)
    ordered = chronological(stories)
    # Table everything first: a response reported the same day as the proposal
    # (or before the report that names it) must still find it.
    for story in ordered:
        if story.type in _TABLING and story.modality in lex.tabling_modalities:
            table.table(story)
    for story in ordered:
        if story.type == EventType.COUNTER:
            _link_counter(table, story)
    # A counter that answers nothing and states no terms puts nothing on the table
    # ("in response, the army resumed strikes").
    table.proposals = [
        p for p in table.proposals if p.kind != "counter" or p.answers is not None or p.terms
    ]
    for story in ordered:
        if story.type in _ANSWERS:
            _respond(table, story)
    for p in table.proposals:
        p.status = _status(p, table.proposals, process)  # type: ignore[assignment]
        p.name = p.name or fallback_name(p)
    return table.proposals
