"""Proposals and counter-proposals, what they answer, the responses and a status.

Rules (``data/negotiation.yaml`` holds the words and windows):

* PROPOSE and COUNTER story events whose modality tables something
  (``tabling_modalities``: actual, possible -- "Israel was seeking to extend
  the phase") make proposals; future ones do not, nor negated ones, except a
  proposal reported only as answered: "Hamas rejected Israel's proposal" (a
  negated PROPOSE beside an actual REJECT in the same sentence, by the other
  side, targeting the proposer or naming the proposal) tables it.
* Story events join one proposal when they give it the same name in the same
  round, whoever they say tabled it ("Trump and Netanyahu unveil the
  20-point plan", "Trump's 20-point initiative"); story events of one
  proposer also join when they fall within ``windows.same_proposal`` days of
  it with no term that clashes (same issue and party, another value). Where
  the story events of one proposal name several sides as proposers, the owner
  its names give is the proposer (the Trump plan is the US's).
* Names (:mod:`.names`): the one its reports give most often ("the Witkoff
  plan"), else its proposer and date ("US proposal of 12 Mar 2025"), never an
  internal id; ``answers_name`` names the proposal a counter answers.
* A response (ACCEPT, REJECT, or COUNTER by a party or mediator of the
  process) answers, first that holds:
  1. the proposal it names, of its round, tabled by its date;
  2. the proposal its own sentence tables ("Hamas agreed to the proposal,
     which Egypt and Qatar put forward ...");
  3. the latest open proposal of its round whose subject fits, by one of its
     targets first: tabled on or before its date, at most
     ``windows.response`` days before, and not closed by a deal reached since
     (what is said more than ``windows.same_deal`` days after a deal answers
     no proposal that came before it); a response never answers a proposal of
     another round or from months before. Where both state terms, they share
     an issue. A mediator answers a party's proposal, not another mediator's;
  4. a proposal dated only by the reports that mention it, where those
     reports tell the response too, up to ``windows.reported_tabling`` days
     before them (it was tabled by then: "the cabinet approved the plan on 7
     August", reported on the 18th).
  An undated response, or an undated proposal, is linked only by name. The
  proposer's own side never answers its proposal.
* A counter that answers no proposal and states no terms is no proposal.
* An ACCEPT that reaffirms a commitment ("committed to the agreement",
  ``commitment_cues``) and names no proposal answers none. A negated ACCEPT
  ("refused to accept") is a rejection. A conditional acceptance ("accepted
  the plan with amendments", "a positive response"; ``conditional_acceptance_cues``)
  is a counter; so is an acceptance that came with the accepter's own offer,
  tabled within ``windows.same_proposal`` days, which the proposer rejected
  ("Washington rejected the response").
* Status follows the responses of its round, first that holds: ``accepted``
  (every party not on the proposer's side last answered accept),
  ``rejected`` (some responder last answered reject), ``superseded`` (a
  later proposal by the same side, or a counter answering it), else
  ``tabled``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from truceline.data.gazetteer import Gazetteer
from truceline.negotiation.lexicon import NegotiationLexicon, load_lexicon
from truceline.negotiation.names import (
    ProposalNames,
    distinguish,
    fallback_name,
    labels,
    name_key,
    owner_of,
)
from truceline.negotiation.processes import chronological, side_of, when
from truceline.negotiation.rounds import round_of
from truceline.negotiation.terms import merge_terms
from truceline.record import EventType, Process, Proposal, Response, Round, StoryEvent, Term

_TABLING = (EventType.PROPOSE, EventType.COUNTER)
_ANSWERS = (EventType.ACCEPT, EventType.REJECT, EventType.COUNTER)


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
        self,
        process: Process,
        lex: NegotiationLexicon,
        rounds: Sequence[Round] = (),
        deals: Sequence[dt.date] = (),
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.process = process
        self.lex = lex
        self.gazetteer = gazetteer
        self.rounds = rounds
        self._rounds_of: dict[dt.date, int | None] = {}
        self.deals = sorted(deals)
        self.by_report: dict[str, bool] = {}  # proposal id -> dated only by its reports
        self.proposals = []
        self.names: dict[str, list[str]] = {}
        self.keys: dict[str, set[str]] = {}  # proposal id -> the keys of its names
        self._with_key: dict[str, set[str]] = {}  # name key -> the proposals named so
        self._by_proposer: dict[tuple[str, ...], set[str]] = {}  # proposer -> its proposals
        self._sides: dict[tuple[str, ...], set[str]] = {}
        self.tabled_in: dict[str, set[str]] = {}  # sentence -> the proposals it tables
        self.proposer_sides: dict[str, set[str]] = {}  # proposal id -> its proposer's sides
        self.reports: dict[str, set[int]] = {}  # proposal id -> the reports telling of it
        self.names_in = ProposalNames(lex, gazetteer)

    @property
    def proposals(self) -> list[Proposal]:
        """The proposals on the table, in the order they were tabled."""
        return self._proposals

    @proposals.setter
    def proposals(self, kept: Sequence[Proposal]) -> None:
        self._proposals = list(kept)
        self._position = {p.id: n for n, p in enumerate(self._proposals)}

    def get(self, pid: str | None) -> Proposal | None:
        """The proposal of that id on the table, if any."""
        n = self._position.get(pid) if pid is not None else None
        return self._proposals[n] if n is not None else None

    def _latest_first(self, ids: set[str]) -> list[Proposal]:
        """The proposals of those ids on the table, the latest tabled first: what a walk
        back over the table would meet, of the proposals an index says may qualify."""
        found = sorted((self._position[i] for i in ids if i in self._position), reverse=True)
        return [self._proposals[n] for n in found]

    def _of_keys(self, keys: set[str]) -> set[str]:
        return {pid for k in keys for pid in self._with_key.get(k, ())}

    def named(self, keys: set[str], day: dt.date | None = None) -> Proposal | None:
        """The latest proposal of one of those names tabled by ``day`` (a response cannot
        precede it) and, with both dates known, of the same round."""
        for p in self._latest_first(self._of_keys(keys)):
            if p.date is not None and day is not None and not self._by_then(p.date, day):
                continue
            return p
        return None

    def sides(self, actors: Sequence[str]) -> set[str]:
        """:func:`_sides`, kept per list of actors: asked for every candidate proposal of
        every response. Read only."""
        key = tuple(actors)
        if key not in self._sides:
            self._sides[key] = _sides(self.process, actors)
        return self._sides[key]

    def answered_by(self, story: StoryEvent, names: list[str]) -> Proposal | None:
        """The proposal a response or counter answers: the one it names, else the one its
        own sentence tables, else the latest open one of its round whose subject fits,
        by its target first."""
        own = f"proposal:{story.id}"
        day = when(story)
        if named := self.named({name_key(n) for n in names}, day):
            return named
        sides = self.sides(story.actor)

        def other(p: Proposal) -> bool:
            """Not its own proposal, nor one of its own side's."""
            return p.id != own and p.answers != own and sides.isdisjoint(self.proposer_sides[p.id])

        said = {pid for text in set(story.evidence) for pid in self.tabled_in.get(text, ())}
        told = [p for p in self.proposals if p.id in said and other(p) and self._same_time(p, day)]
        if told:
            return told[-1]
        if day is None:
            return None  # open then and tabled by a report both need its day
        # Only proposals tabled near its day can be open then or tabled by its reports.
        early = day - dt.timedelta(days=max(self.lex.response_days, 0))
        late = day + dt.timedelta(days=max(self.lex.reported_tabling_days, 0))
        near = [
            p for p in self.proposals if p.date is not None and early <= p.date <= late and other(p)
        ]
        mediating = all(side_of(self.process, a) is None for a in story.actor)
        fitting = [p for p in near if _fits(p, story) and self._answerable(p, mediating)]
        before = [p for p in fitting if self._open_then(p, day)]
        reports = set(story.reports)
        after = [p for p in fitting if self._tabled_by_report(p, day, reports)]
        for candidates in (before, after):
            by_target = [p for p in candidates if set(p.proposer) & set(story.target)]
            if by_target or candidates:
                return (by_target or candidates)[-1]
        return None

    def _answerable(self, p: Proposal, mediating: bool) -> bool:
        """Mediators (a response whose actors are on no side) answer the parties'
        proposals, not each other's (unless named)."""
        return not mediating or any(side_of(self.process, a) for a in p.proposer)

    def _by_then(self, tabled: dt.date, day: dt.date) -> bool:
        return tabled <= day and self._same_round(tabled, day)

    def _same_round(self, first: dt.date, then: dt.date) -> bool:
        return self._round_of(first) == self._round_of(then)

    def _round_of(self, day: dt.date) -> int | None:
        """:func:`round_of`, kept per day: asked for every candidate of every response,
        while the rounds stay as given for the table's life."""
        if day not in self._rounds_of:
            self._rounds_of[day] = round_of(self.rounds, day)
        return self._rounds_of[day]

    def _same_time(self, p: Proposal, day: dt.date | None) -> bool:
        return p.date is None or day is None or self._same_round(p.date, day)

    def _closed(self, p: Proposal, day: dt.date) -> bool:
        """Whether a deal reached after ``p`` was tabled closed it before ``day``: what is
        said days after a deal answers no proposal that came before it (approvals within
        ``windows.same_deal`` days still do)."""
        late = dt.timedelta(days=self.lex.same_deal_days)
        return p.date is not None and any(p.date <= d and d + late < day for d in self.deals)

    def _open_then(self, p: Proposal, day: dt.date | None) -> bool:
        """Whether ``p`` was open on ``day``: tabled by then, at most ``windows.response``
        days before, in the same round, and not closed by a deal since.

        Without both dates nothing says they are of one round: only a name links them.
        """
        if p.date is None or day is None:
            return False
        gap = (day - p.date).days
        if gap < 0 or gap > self.lex.response_days:
            return False
        return self._same_round(p.date, day) and not self._closed(p, day)

    def _tabled_by_report(self, p: Proposal, day: dt.date | None, reports: set[int]) -> bool:
        """A proposal dated only by the reports that mention it was tabled by then: a
        response those reports tell, at most ``windows.reported_tabling`` days before,
        may answer it ("the cabinet approved the plan on 7 August", reported on the 18th).
        ``day``, ``reports``: the response's (:func:`when`) and its reports."""
        if p.date is None or day is None or not self.by_report.get(p.id):
            return False
        if not self.reports[p.id] & reports:
            return False
        gap = (p.date - day).days
        return 0 < gap <= self.lex.reported_tabling_days and self._same_round(p.date, day)

    def table(self, story: StoryEvent) -> Proposal:
        kind = "counter" if story.type == EventType.COUNTER else "proposal"
        names = self.names_in.of(story.evidence)
        referred = self.named({name_key(names[0])}) if names else None
        if kind == "counter" and referred is not None:
            # A counter's evidence names what it answers, not itself.
            names = [n for n in names if name_key(n) != name_key(names[0])]
        keys = {name_key(n) for n in names}
        proposer = sorted(story.actor)
        # Only a proposal of one of its names, or of its proposer, can it join.
        joinable = self._of_keys(keys) | self._by_proposer.get(tuple(proposer), set())
        for p in self._latest_first(joinable):
            if p.kind == kind and self._joins(p, story, keys, proposer):
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
        self._position[proposal.id] = len(self._proposals)
        self._proposals.append(proposal)
        self.names[proposal.id] = []
        self.keys[proposal.id] = set()
        self.reports[proposal.id] = set()
        return self._join(proposal, story, names)

    def _joins(self, p: Proposal, story: StoryEvent, keys: set[str], proposer: list[str]) -> bool:
        """One proposal: the same name in the same round (whoever is said to table it:
        "Trump and Netanyahu unveil the 20-point plan"), else, from one proposer, story
        events days apart with no clashing term."""
        own = self.keys[p.id]
        day = when(story)
        if keys and own:
            return bool(keys & own) and self._same_time(p, day)
        if p.proposer != proposer:
            return False
        near = p.date is not None and day is not None
        near = near and abs((day - p.date).days) <= self.lex.same_proposal_days  # type: ignore[operator]
        return near and not _clash(p.terms, story.terms)

    def _join(self, p: Proposal, story: StoryEvent, names: list[str]) -> Proposal:
        reported_only = story.date is None or story.date_precision == "reported"
        self.by_report[p.id] = self.by_report.get(p.id, True) and reported_only
        day = when(story)
        if p.date is None or (day is not None and day < p.date):
            p.date = day
        self._by_proposer.get(tuple(p.proposer), set()).discard(p.id)
        p.proposer = self._proposer(p, story, names)
        self._by_proposer.setdefault(tuple(p.proposer), set()).add(p.id)
        self.proposer_sides[p.id] = _sides(self.process, p.proposer)
        p.story_events.append(story.id)
        p.mediators = sorted({*p.mediators, *story.mediators})
        merge_terms(p.terms, story.terms)
        self.names[p.id].extend(names)
        for key in {name_key(n) for n in names}:
            self.keys[p.id].add(key)
            self._with_key.setdefault(key, set()).add(p.id)
        for text in story.evidence:
            self.tabled_in.setdefault(text, set()).add(p.id)
        self.reports[p.id].update(story.reports)
        p.name = _most_given(self.names[p.id])
        return p

    def _proposer(self, p: Proposal, story: StoryEvent, names: list[str]) -> list[str]:
        """Everyone said to table it; where they are of several sides, the owner its
        names give: "Trump and Netanyahu unveil the plan" tables the Trump plan, the US's."""
        everyone = {*p.proposer, *story.actor}
        if len(_sides(self.process, sorted(everyone))) < 2:
            return sorted(everyone)
        owners = {o for n in self.names[p.id] + names if (o := owner_of(n, self.gazetteer))}
        owners &= everyone
        return sorted(owners or everyone)


def _fits(p: Proposal, story: StoryEvent) -> bool:
    """Whether a response's subject fits a proposal: where both state terms, they share
    an issue ("rejected the demand for safe passage" answers no plan about a truce's days)."""
    if not p.terms or not story.terms:
        return True
    return bool({t.issue for t in p.terms} & {t.issue for t in story.terms})


def _answered_in_its_words(
    story: StoryEvent,
    answers_in: dict[str, list[StoryEvent]],
    process: Process,
    names_in: ProposalNames,
) -> bool:
    """A proposal reported only as answered was tabled: "Hamas rejected Israel's proposal"
    (read as a negated PROPOSE) tables Israel's proposal when an actual acceptance or
    rejection told in the same sentence comes from the other side and targets the
    proposer or names the proposal. ``answers_in``: sentence -> the actual acceptances
    and rejections telling it (:func:`_actual_answers_by_sentence`); ``names_in``: names
    read in the built-in gazetteer."""
    sides = _sides(process, story.actor)
    told = {a.id: a for text in set(story.evidence) for a in answers_in.get(text, ())}
    for answer in told.values():
        if sides & _sides(process, answer.actor):
            continue
        said = set(answer.evidence)
        shared = [s for s in story.evidence if s in said]
        if set(answer.target) & set(story.actor) or names_in.of(shared):
            return True
    return False


def _actual_answers_by_sentence(answers: Sequence[StoryEvent]) -> dict[str, list[StoryEvent]]:
    """Sentence -> the actual acceptances and rejections that tell it, so that a negated
    proposal looks only at the answers told in its own sentences."""
    found: dict[str, list[StoryEvent]] = {}
    for answer in answers:
        if answer.modality == "actual":
            for text in dict.fromkeys(answer.evidence):
                found.setdefault(text, []).append(answer)
    return found


def _link_counter(table: _Table, story: StoryEvent) -> None:
    counter = table.get(f"proposal:{story.id}")
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
    names = table.names_in.of(story.evidence)
    evidence = " ".join(story.evidence).lower()
    reaffirms = any(cue in evidence for cue in lex.commitment_cues)
    if stance == "accept" and reaffirms and not names:
        return
    if stance == "accept" and lex.conditional(story.evidence):
        stance = "counter"  # "accepted the plan with amendments": an answer asking for more
    if story.type == EventType.COUNTER:
        counter = table.get(f"proposal:{story.id}")
        target = table.get(counter.answers) if counter else None
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


def _offer_turned_down(
    offer: Proposal, day: dt.date, by: set[str], process: Process, lex: NegotiationLexicon
) -> bool:
    """Whether ``offer`` was tabled within ``windows.same_proposal`` days of ``day`` and
    rejected by one of the sides ``by``."""
    if offer.date is None or abs((offer.date - day).days) > lex.same_proposal_days:
        return False
    return any(r.stance == "reject" and _sides(process, [r.actor]) & by for r in offer.responses)


def _acceptances_that_countered(
    proposals: Sequence[Proposal], process: Process, lex: NegotiationLexicon
) -> None:
    """An acceptance that came with the accepter's own offer, which the proposer turned
    down, was a counter ("Hamas said it had agreed to free one soldier and four bodies;
    Washington rejected the response"): the proposer did not get its proposal accepted.
    """
    sides = {q.id: _sides(process, q.proposer) for q in proposals}
    for p in proposals:
        own = sides[p.id]
        for r in p.responses:
            if r.stance != "accept" or r.date is None:
                continue
            side = side_of(process, r.actor) or r.actor
            offers = [q for q in proposals if q is not p and side in sides[q.id]]
            if any(_offer_turned_down(q, r.date, own, process, lex) for q in offers):
                r.stance = "counter"


def _status(p: Proposal, table: _Table) -> str:
    proposals, process = table.proposals, table.process
    latest: dict[str, str] = {}
    for r in sorted(p.responses, key=lambda r: r.date or dt.date.min):
        latest[side_of(process, r.actor) or r.actor] = r.stance
    own = table.proposer_sides[p.id]
    others = [party for party in process.parties if party not in own]
    if others and all(latest.get(o) == "accept" for o in others):
        return "accepted"
    if "reject" in latest.values():
        return "rejected"
    later_same_side = p.date is not None and any(
        q.date is not None and q.date > p.date and table.proposer_sides[q.id] == own
        for q in proposals
    )
    if later_same_side or any(q.answers == p.id for q in proposals):
        return "superseded"
    return "tabled"


def derive_proposals(
    stories: Sequence[StoryEvent],
    process: Process,
    rounds: Sequence[Round] = (),
    gazetteer: Gazetteer | None = None,
) -> list[Proposal]:
    """The proposals of one process's story events, by the rules of this module.

    ``rounds``: the process's rounds; a response answers a proposal of its own.
    ``gazetteer``: the store's, in which names are read (None: the built-in one).
    """
    lex = load_lexicon()
    ordered = chronological(stories)
    by_id = {s.id: s for s in ordered}
    deals = [
        day
        for r in rounds
        if r.agreement is not None
        and (story := by_id.get(r.agreement.split(":", 1)[-1])) is not None
        and (day := when(story)) is not None
    ]
    table = _Table(process, lex, rounds, deals, gazetteer)
    answers = _actual_answers_by_sentence(
        [s for s in ordered if s.type in (EventType.ACCEPT, EventType.REJECT)]
    )
    builtin_names = ProposalNames(lex)
    # Table everything first: a response reported the same day as the proposal
    # (or before the report that names it) must still find it.
    for story in ordered:
        if story.type not in _TABLING:
            continue
        if story.modality in lex.tabling_modalities or (
            story.modality == "negated"
            and _answered_in_its_words(story, answers, process, builtin_names)
        ):
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
    _acceptances_that_countered(table.proposals, process, lex)
    for p in table.proposals:
        p.status = _status(p, table)  # type: ignore[assignment]
    distinguish(table.proposals)
    for p in table.proposals:
        p.name = p.name or fallback_name(p, gazetteer)
    named = labels(table.proposals)
    for p in table.proposals:
        p.answers_name = named.get(p.answers) if p.answers else None
    return table.proposals
