"""Rounds: the periods a process goes through, each with at most one deal.

A process such as Gaza has had several rounds (the November 2023 truce, the
January 2025 deal, the October 2025 deal); what happens in one round is
measured against that round's deal, never another's. A round ends:

* when its deal ends -- its clock expired or it collapsed (``expiry``,
  ``collapse``): the next story event starts the next round (after an
  expiry, the next one past ``windows.same_deal`` days: a report two days
  later tallying the truce's releases is still of its round);
* after ``windows.round_gap`` days with no story event of the process
  (``silence``);
* when a second deal is reached (``new deal``): the round that already has a
  deal ends the day before.

Proposals, responses, releases and positions belong to the round of their
date (:func:`round_of`); undated ones to none.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Sequence

from truceline.negotiation.lexicon import load_lexicon
from truceline.negotiation.processes import when
from truceline.record import Agreement, Process, Round, StoryEvent

_DAY = dt.timedelta(days=1)


def derive_rounds(
    stories: Sequence[StoryEvent], agreements: Sequence[Agreement], process: Process
) -> list[Round]:
    """The rounds of one process; sets each agreement's ``round``."""
    lex = load_lexicon()
    gap = dt.timedelta(days=lex.round_gap_days)
    slack = dt.timedelta(days=lex.same_deal_days)
    days = sorted({d for s in stories if (d := when(s)) is not None})
    days = sorted({*days, *(a.date for a in agreements if a.date)})
    if not days:
        return []
    cuts: dict[dt.date, str] = {}
    for before, after in itertools.pairwise(days):
        if after - before > gap:
            cuts[after] = "silence"
    for a in agreements:
        if a.end is not None:
            # News a day or two after an expiry still tell of the deal (the last
            # exchange, the tally of its releases); a collapse cuts at once.
            after = a.end if a.collapsed else a.end + slack
            following = next((d for d in days if d > after), None)
            if following is not None:
                cuts[following] = "collapse" if a.collapsed else "expiry"
    dated = sorted((a for a in agreements if a.date), key=lambda a: (a.date, a.id))
    for first, second in itertools.pairwise(dated):
        if _number(cuts, first.date) == _number(cuts, second.date):  # type: ignore[arg-type]
            cuts[second.date] = "new deal"  # type: ignore[index]
    starts = [days[0], *sorted(cuts)]
    rounds = []
    for n, start in enumerate(starts, 1):
        following = starts[n] if n < len(starts) else None
        inside = [d for d in days if d >= start and (following is None or d < following)]
        rounds.append(
            Round(
                process=process.id,
                number=n,
                start=start,
                end=inside[-1] if inside else start,
                ended_by=cuts.get(following) if following else None,  # type: ignore[arg-type]
            )
        )
    for a in agreements:
        a.round = round_of(rounds, a.date)
        if a.round is not None and rounds[a.round - 1].agreement is None:
            rounds[a.round - 1].agreement = a.id
            if a.end is not None:
                rounds[a.round - 1].end = max(a.end, rounds[a.round - 1].end or a.end)
    return rounds


def _number(cuts: dict[dt.date, str], day: dt.date) -> int:
    return bisect.bisect_right(sorted(cuts), day)


def round_of(rounds: Sequence[Round], day: dt.date | None) -> int | None:
    """The number of the round ``day`` falls in (the last round started by then)."""
    if day is None or not rounds:
        return None
    starts = [r.start or dt.date.min for r in rounds]
    index = bisect.bisect_right(starts, day)
    return rounds[max(index, 1) - 1].number
