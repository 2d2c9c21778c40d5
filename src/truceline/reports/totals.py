"""Ledger totals of the releases a filter keeps, so that ``--until`` narrows totals as rows.

The store keeps one running total per process, round, releaser and kind,
summed over every release. A report narrowed by dates or outlet lists only
the releases in that window; its totals must add up those releases, not all
of them (on 20 January, 3 hostages of 33, not the 7 of the whole record).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from truceline.record import LedgerTotal


def totals_of(
    totals: Sequence[LedgerTotal],
    released: Mapping[tuple[str, int | None, str, str], tuple[int, dt.date | None]],
    since: dt.date | None,
    until: dt.date | None,
) -> list[LedgerTotal]:
    """``totals`` recounted from ``released``: per (process, round, releaser, kind), how
    many the releases a filter keeps freed and the latest of their dates (the store sums
    them: ``Store.released_sums``); ``since`` and ``until``: the filter's dates.

    The agreed figure stays (it is the deal's, not the window's); a running total
    reports state is kept only when its date is in the window; a total none of
    whose releases or statement is in the window is left out.
    """
    out = []
    for total in totals:
        count, day = released.get(
            (total.process, total.round, total.releaser, total.kind), (0, None)
        )
        stated = total.stated if _within(total, since, until) else None
        if not count and stated is None:
            continue
        out.append(
            total.model_copy(
                update={"released": count, "stated": stated, "as_of": day or total.as_of}
            )
        )
    return out


def _within(total: LedgerTotal, since: dt.date | None, until: dt.date | None) -> bool:
    day = total.as_of
    if day is None:
        return not (since or until)
    return (since is None or since <= day) and (until is None or day <= until)
