"""Reports that cannot all be right, made explicit.

Three kinds:

* ``term_value`` -- reports of one story event give different values for one
  count (33 or 34 hostages); the counts were close enough to be one event
  (``counts`` tolerance in ``resolve.yaml``), so the story stands and the
  disagreement is recorded, one contradiction per story and issue;
* ``accept_and_reject`` -- an actor is reported to accept and to reject the
  same thing: an actual acceptance and an actual rejection naming a common
  actor, with nested targets, compatible terms and dates within the
  contradiction window, that share a target or a term issue (two stories
  that say nothing of what was accepted cannot be shown to be about one thing);
* ``release_denied`` -- a release reported as done by some and denied by
  others: a negated release story and an actual one whose parties, kinds and
  counts fit and whose dates are within the window; the denial must share a
  party or a kind with the release, so that a bare "no one was freed" is not
  set against every release of the week.

A contradiction needs two articles: one article that says a party accepted
one thing and rejected another, or that a release happened but one hostage
was not freed, is telling two things, not contradicting itself.

Stable ids: ``term_value-<story>-<issue>`` and ``<kind>-<story>-<story>``,
built from stable story ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from truceline.record import Account, Contradiction, Modality, ReportedEvent, StoryEvent
from truceline.resolve.blocks import BlockIndex
from truceline.resolve.keys import Signature
from truceline.resolve.match import date_gap, roles_fit, terms_fit
from truceline.resolve.merge import union
from truceline.resolve.settings import ResolveSettings


@dataclass
class Told:
    """A story event with the signature it was matched by and its reports (oldest first)."""

    story: StoryEvent
    sig: Signature
    reports: list[ReportedEvent]

    @property
    def articles(self) -> frozenset[int]:
        return frozenset(r.article_id for r in self.reports)


def _describe(story: StoryEvent) -> str:
    who = " and ".join(story.actor) if story.actor else "unnamed parties"
    when = f" on {story.date.isoformat()}" if story.date else ""
    return f"{story.type.value} by {who}{when}"


def _account(value: object, reports: Sequence[ReportedEvent], story: str) -> Account:
    return Account(
        value=value,  # type: ignore[arg-type]
        reports=[r.id for r in reports],
        outlets=union([r.outlet] for r in reports if r.outlet),
        story_event=story,
    )


def _by(account: Account) -> str:
    return ", ".join(account.outlets) or "an unnamed outlet"


def _said(account: Account) -> str:
    return f"{account.value} ({_by(account)})"


def _role_counts(event: ReportedEvent, cfg: ResolveSettings) -> dict[tuple[str, str], object]:
    """(issue, count role) -> the value one report gives: its largest count of that role.

    A count with no role (an old record) is a batch.
    """
    given: dict[tuple[str, str], float] = {}
    for term in event.event.terms:
        value = term.value
        if term.issue not in cfg.count_issues or type(value) not in (int, float):
            continue
        key = (term.issue, term.count_role or "batch")
        given[key] = max(value, given.get(key, value))  # type: ignore[type-var,arg-type]
    return {k: int(v) if float(v).is_integer() else v for k, v in given.items()}


def term_value_contradictions(told: Told, cfg: ResolveSettings) -> list[Contradiction]:
    """One contradiction per count issue and role on which the story's reports differ.

    Only counts of one role contradict each other (``count_role``): a batch of
    642 and "the 620" the figure includes (a part), or "close to 2,000" over the
    phase (a total), are both right. Two totals or two batches that differ are not.
    """
    by_issue: dict[tuple[str, str], dict[object, list[ReportedEvent]]] = {}
    for report in told.reports:
        for key, value in _role_counts(report, cfg).items():
            given = by_issue.setdefault(key, {}).setdefault(value, [])
            if report not in given:
                given.append(report)
    found: list[Contradiction] = []
    story = told.story
    for (issue, role), values in by_issue.items():
        if len(values) < 2:
            continue
        ranked = sorted(values.items(), key=lambda kv: -len(kv[1]))
        accounts = [_account(value, reports, story.id) for value, reports in ranked]
        batch = role == "batch"
        label = issue if batch else f"{issue} ({role})"
        found.append(
            Contradiction(
                id=f"term_value-{story.id}-{issue}" + ("" if batch else f"-{role}"),
                kind="term_value",
                story_events=[story.id],
                issue=issue,
                count_role=None if batch else role,  # type: ignore[arg-type]
                summary=f"{label}: {' vs '.join(_said(a) for a in accounts)} -- {_describe(story)}",
                accounts=accounts,
                date=story.date,
            )
        )
    return found


def _thing(story: StoryEvent) -> set[str]:
    """What an acceptance or rejection is about: whose proposal, which issues."""
    return set(story.target) | {term.issue for term in story.terms}


def _two_articles(a: Told, b: Told) -> bool:
    return not (a.articles == b.articles and len(a.articles) == 1)


def _pair(kind: str, a: Told, b: Told, values: tuple[str, str], summary: str) -> Contradiction:
    return Contradiction(
        id=f"{kind}-{a.story.id}-{b.story.id}",
        kind=kind,  # type: ignore[arg-type]
        story_events=[a.story.id, b.story.id],
        summary=summary,
        accounts=[
            _account(values[0], a.reports, a.story.id),
            _account(values[1], b.reports, b.story.id),
        ],
        date=min((d for d in (a.story.date, b.story.date) if d), default=None),
    )


def _index(stories: Sequence[Told], cfg: ResolveSettings) -> BlockIndex:
    index = BlockIndex(cfg.participant_types)
    for ident, told in enumerate(stories):
        index.file(ident, told.sig)
    return index


def accept_reject_contradictions(
    stories: Sequence[Told], cfg: ResolveSettings
) -> list[Contradiction]:
    """Actors reported to accept and to reject the same thing at the same time."""

    def actual(type_: str) -> list[Told]:
        return [
            t
            for t in stories
            if t.story.type == type_ and t.story.modality == Modality.ACTUAL and t.story.actor
        ]

    rejections = actual(cfg.reject_type)
    index = _index(rejections, cfg)
    window = cfg.contradiction_window_days
    found: list[Contradiction] = []
    for accept in actual(cfg.accept_type):
        for ident in index.candidates(accept.sig, window, type_=cfg.reject_type):
            reject = rejections[ident]
            shared = [a for a in accept.story.actor if a in reject.story.actor]
            if not (
                shared
                and _thing(accept.story) & _thing(reject.story)
                and date_gap(accept.sig, reject.sig) <= window
                and roles_fit(accept.sig, reject.sig, cfg)
                and terms_fit(accept.sig, reject.sig, cfg)
                and _two_articles(accept, reject)
            ):
                continue
            target = union([accept.story.target, reject.story.target])
            what = f" {', '.join(target)}'s proposal" if target else " the same thing"
            pair = _pair("accept_and_reject", accept, reject, ("accept", "reject"), "")
            pair.summary = (
                f"{' and '.join(shared)} said to accept{what} by {_by(pair.accounts[0])}"
                f" and to reject it by {_by(pair.accounts[1])}"
            )
            found.append(pair)
    return found


def denial_contradictions(stories: Sequence[Told], cfg: ResolveSettings) -> list[Contradiction]:
    """Events reported as done by some and denied by others (a release reported and denied)."""
    found: list[Contradiction] = []
    window = cfg.contradiction_window_days
    occurred = cfg.modality_groups[Modality.ACTUAL]
    for event_type, kind in cfg.denials.items():
        done = [
            t for t in stories if t.story.type == event_type and t.story.modality == Modality.ACTUAL
        ]
        index = _index(done, cfg)
        denied = [
            t
            for t in stories
            if t.story.type == event_type and t.story.modality == Modality.NEGATED
        ]
        for denial in denied:
            for ident in index.candidates(denial.sig, window, group=occurred):
                release = done[ident]
                if not (
                    (denial.sig.actors & release.sig.actors or denial.sig.kinds & release.sig.kinds)
                    and date_gap(denial.sig, release.sig) <= window
                    and roles_fit(denial.sig, release.sig, cfg)
                    and terms_fit(denial.sig, release.sig, cfg)
                    and _two_articles(denial, release)
                ):
                    continue
                pair = _pair(kind, release, denial, ("reported", "denied"), "")
                pair.summary = (
                    f"{_describe(release.story)} reported by {_by(pair.accounts[0])}"
                    f" and denied by {_by(pair.accounts[1])}"
                )
                found.append(pair)
    return found


def contradictions(stories: Sequence[Told], cfg: ResolveSettings) -> list[Contradiction]:
    """Every contradiction among the story events, by date then id."""
    found = [c for t in stories for c in term_value_contradictions(t, cfg)]
    found += accept_reject_contradictions(stories, cfg)
    found += denial_contradictions(stories, cfg)
    return sorted(found, key=lambda c: (c.date or dt.date.max, c.id))
