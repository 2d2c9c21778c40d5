"""The release ledger: who released how many of whom, when, against the deal.

* Only actual RELEASE story events count; planned, possible and denied
  releases are in the timeline, not the ledger.
* One entry per release kind (hostages_released, remains_returned,
  prisoners_released) the event gives one integer ``batch`` count of (the
  term's ``count_role``, read from the sentence's syntax in extraction:
  :mod:`truceline.extract.terms.roles`). An event that gives several batch
  counts of one kind for one releaser ("19 of the 33 hostages due") is a
  tally of earlier releases and gives no entry; so is a count stated with a
  phase and no date of its own.
* The releaser is the side the term names as giver ("(Hamas)"), else the
  process's releaser of that kind (``releasers`` in processes.yaml: in Gaza
  only Hamas holds hostages and only Israel prisoners, whoever a merged
  report names as actor), else the side of the event's actor when only one
  side acts.
* A count whose role is a running total, a stock, a part of another figure
  or pending ("has freed 105 so far", "59 still held", "includes the 620",
  "50 are set to be released", "Hamas to free six") is no batch; the story
  carries the batch another report gives, when one does (reconciliation
  prefers batch counts). A running total or a tally ("close to 2,000")
  becomes the total's ``stated`` figure, which checks the sum of the
  batches and never adds to it. A term with no role (a record extracted
  before roles were read) counts as a batch. A count
  one story gives one releaser as two kinds is the kind its words name
  (``kind_words``: "230 servicemen" are prisoners, not hostages).
* An exchange between two sides that gives one count and names no giver is a
  release by each side when its words say so ("115 prisoners of war from
  each side"; ``each_side_cues``).
* A sentence that lists batches day by day ("25 hostages on November 24, 17
  each on November 25 and November 26") books one entry per day.
* The releaser of a two-sided swap that names no giver is the side that held
  the people the count names ("230 Ukrainian captives": Russia).
* ``disputed_counts`` are the other values term_value contradictions of batch
  counts on the same story event and kind give (95 or 90 prisoners; a total or
  a part never disputes a batch), and the other counts a
  listed batch gives for a day already booked.
* Two actual story events giving one releaser the same count of one kind
  on the same day are one release that reconciliation left split (a report
  naming the other side as actor, one dated by a later report): one entry,
  with the reports of both; so is a story with no date of its own giving a
  count already booked within ``same_deal`` days (a headline merged into an
  earlier report's story). Counted twice they would push the total past
  what was agreed.
* Totals per round (:mod:`.rounds`), releaser and kind add the counts up;
  ``agreed`` is the largest count of that kind for that releaser among the
  terms reported the day the round's deal was announced (a deal's parts --
  "three on Sunday" -- are smaller than its total; later arrangements are
  parts).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

from truceline.data.gazetteer import Gazetteer
from truceline.negotiation.agreements import terms_set_on_conclusion
from truceline.negotiation.lexicon import NegotiationLexicon, load_lexicon
from truceline.negotiation.processes import (
    RELEASE_KINDS,
    chronological,
    party_for_words,
    side_of,
    when,
)
from truceline.negotiation.rounds import round_of
from truceline.record import (
    Agreement,
    Contradiction,
    EventType,
    LedgerEntry,
    LedgerTotal,
    Modality,
    Process,
    Round,
    StoryEvent,
    Term,
)


def _giver_side(process: Process, term: Term, gazetteer: Gazetteer | None) -> str | None:
    giver = party_for_words(term.party, gazetteer)
    return side_of(process, giver) if giver is not None else None


def term_releaser(process: Process, term: Term, gazetteer: Gazetteer | None = None) -> str | None:
    """The side a term names as giver, or the process default for its kind."""
    return _giver_side(process, term, gazetteer) or process.releasers.get(term.issue)


def _releaser(
    process: Process, story: StoryEvent, term: Term, gazetteer: Gazetteer | None
) -> str | None:
    if side := term_releaser(process, term, gazetteer):
        return side
    sides = {s for a in story.actor if (s := side_of(process, a))}
    if len(sides) == 1:
        return sides.pop()
    return _holder_of_the_freed(process, story, term, gazetteer)


def _holder_of_the_freed(
    process: Process, story: StoryEvent, term: Term, gazetteer: Gazetteer | None
) -> str | None:
    """In a swap between two sides, the side that held the people the count names.

    "230 Ukrainian captives were returned": the freed are Ukrainian, so the
    other side of a two-sided process freed them. Read only where the words
    right after the count name one side's people and the process has two sides.
    """
    if type(term.value) is not int or len(process.parties) != 2:
        return None
    number = (
        rf"(?<![\d,.])(?:{term.value}|{term.value:,})(?![\d,])\s+((?:[\w'-]+\s+){{0,1}}[\w'-]+)"
    )
    for text in dict.fromkeys(story.evidence):  # a sentence again names no other side
        for match in re.finditer(number, text):
            for word in match.group(1).split():
                own = party_for_words(word, gazetteer) if word[:1].isupper() else None
                side = side_of(process, own) if own else None
                if side is not None:
                    return next(p for p in process.parties if p != side)
    return None


def _each_side(story: StoryEvent, process: Process, lex: NegotiationLexicon) -> list[str]:
    """The two sides of a swap whose words say each freed the count ("115 from each side")."""
    sides = sorted({s for a in story.actor if (s := side_of(process, a))})
    words = " ".join(story.evidence).lower()
    if len(sides) == 2 and any(cue in words for cue in lex.each_side_cues):
        return sides
    return []


def _disputed(
    story: StoryEvent, kind: str, count: int, contradictions: Sequence[Contradiction]
) -> list[int]:
    """The other counts term_value contradictions about ``story`` give for its batch
    (``contradictions``: those about it, :func:`_about_each_story`)."""
    values = {
        account.value
        for c in contradictions
        if c.kind == "term_value"
        and c.issue == kind
        and c.count_role in (None, "batch")
        and story.id in c.story_events
        for account in c.accounts
        if type(account.value) is int and account.value != count
    }
    return sorted(values)


def _about_each_story(contradictions: Sequence[Contradiction]) -> dict[str, list[Contradiction]]:
    """Story id -> the contradictions about it, in order: what :func:`_disputed` reads for
    each batch, without a pass over all of a process's contradictions each time."""
    about: dict[str, list[Contradiction]] = {}
    for c in contradictions:
        for sid in dict.fromkeys(c.story_events):
            about.setdefault(sid, []).append(c)
    return about


class _Booked:
    """The releases booked so far, by (day, releaser, kind, count), in booking order,
    with the two lookups the ledger makes by part of that key (same release on
    another day, same day with another count) kept as indexes."""

    def __init__(self) -> None:
        self.entries: dict[tuple, LedgerEntry] = {}
        self._by_release: dict[tuple, dict[tuple, None]] = {}
        self._by_day: dict[tuple, dict[tuple, None]] = {}

    def __contains__(self, key: tuple) -> bool:
        return key in self.entries

    def book(self, key: tuple, entry: LedgerEntry) -> None:
        day, releaser, kind, count = key
        self.entries[key] = entry
        self._by_release.setdefault((releaser, kind, count), {})[key] = None
        self._by_day.setdefault((day, releaser, kind), {})[key] = None

    def of_day(self, day: dt.date, releaser: str, kind: str) -> LedgerEntry | None:
        """The first release booked for that day, releaser and kind, whatever its count."""
        first = next(iter(self._by_day.get((day, releaser, kind), ())), None)
        return None if first is None else self.entries[first]

    def told_before(self, key: tuple, undated: bool, window: int) -> LedgerEntry | None:
        """The entry that already books this release, if any.

        The same day, releaser, kind and count is one release that reconciliation
        left split; so is the same count by the same releaser within ``window``
        days when this story has no date of its own (a headline merged into an
        earlier report's story): the same batch from another outlet, booked once.
        """
        if key in self.entries:
            return self.entries[key]
        day, releaser, kind, count = key
        if not undated or day is None:
            return None
        for other, *_ in self._by_release.get((releaser, kind, count), ()):
            if other is not None and abs((other - day).days) <= window:
                return self.entries[(other, releaser, kind, count)]
        return None


def is_batch(term: Term) -> bool:
    """Whether a term counts people freed in its own event (its ``count_role``)."""
    return term.count_role in (None, "batch")


def _other_kind_named(
    story: StoryEvent,
    process: Process,
    term: Term,
    kind: str,
    lex: NegotiationLexicon,
    gazetteer: Gazetteer | None,
) -> bool:
    """Whether the same count by the same releaser is given as another kind the words name.

    "230 captives" read as both hostages and prisoners is one batch: the kind
    the evidence's words name ("servicemen") keeps it.
    """
    words = " ".join(story.evidence).lower()
    releaser = _releaser(process, story, term, gazetteer)
    for t in story.terms:
        if t.issue == kind or t.issue not in RELEASE_KINDS or t.value != term.value:
            continue
        if _releaser(process, story, t, gazetteer) != releaser:
            continue
        own = any(w in words for w in lex.kind_words.get(kind, ()))
        other = any(w in words for w in lex.kind_words.get(t.issue, ()))
        if other and not own:
            return True
    return False


_MONTH = "|".join(m for m in calendar.month_name if m)
_WEEKDAY = "|".join(calendar.day_name)
_DAY = rf"(?:(?:{_MONTH})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{_MONTH})|{_WEEKDAY})\b"
_DAY_RE = re.compile(
    rf"(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})"
    rf"|(?P<wd>{_WEEKDAY}))\b",
    re.IGNORECASE,
)


def _days_in(text: str, seen: dt.date) -> list[dt.date]:
    """The days a text names, as a report of ``seen`` means them: a month and day in
    that year, a weekday the last one on or before it ("on Saturday")."""
    days = []
    for m in _DAY_RE.finditer(text):
        if m.group("wd"):
            weekday = list(calendar.day_name).index(m.group("wd").capitalize())
            days.append(seen - dt.timedelta(days=(seen.weekday() - weekday) % 7))
            continue
        month = (m.group("m1") or m.group("m2")).capitalize()
        try:
            days.append(
                dt.date(
                    seen.year,
                    list(calendar.month_name).index(month),
                    int(m.group("d1") or m.group("d2")),
                )
            )
        except ValueError:
            continue
    return days


class ListedBatches:
    """The batches a sentence lists one by one, each count with its own day.

    "Hamas released 25 hostages on November 24, 17 hostages each on November
    25 and November 26, and 11 on November 27" is four days of releases, not
    one release of four counts: each count, followed by words naming the kind
    and "on" a day (or several: "each on ... and ..."), is a batch of that day.
    A sentence gives batches only when it lists two or more.

    One reader per kind of release (its ``kind_words``) and derivation: each
    distinct sentence is read once, because a large story event's evidence
    repeats one wire sentence many times and every release story reads its
    whole evidence. It holds every sentence it has read.
    """

    def __init__(self, kind_words: Sequence[str]) -> None:
        self.kinds = "|".join(re.escape(w) for w in kind_words)
        on_day = rf"{_DAY}(?:\s*(?:,|and|,\s*and)\s*(?:on\s+)?{_DAY})*"
        self._listed = re.compile(
            rf"(?<![\d,.])(?P<count>\d{{1,3}}(?:,\d{{3}})*)(?![\d,])\s+"
            rf"(?:(?:[\w-]+\s+){{0,2}}(?:{self.kinds})\w*\s+)?(?:each\s+)?on\s+(?P<days>{on_day})",
            re.IGNORECASE,
        )
        self._kind = re.compile(self.kinds, re.IGNORECASE) if self.kinds else None
        self._read: dict[str, list[tuple[int, str]]] = {}

    def dated(self, texts: Sequence[str], seen: dt.date) -> list[tuple[int, dt.date]]:
        """The batches of the sentence that lists the most, (count, day) each; ``seen``
        is the day of its first report, which places the days it names (:func:`_days_in`)."""
        best: list[tuple[int, dt.date]] = []
        for text in dict.fromkeys(texts):  # a sentence again lists no more than it did
            found = [
                (count, day) for count, days in self._counts(text) for day in _days_in(days, seen)
            ]
            if len({d for _, d in found}) >= 2 and len(found) > len(best):
                best = found
        return best

    def _counts(self, text: str) -> list[tuple[int, str]]:
        """Each count a sentence lists with the words naming its days."""
        if text not in self._read:
            found: list[tuple[int, str]] = []
            if self._kind is not None and self._kind.search(text):
                found = [
                    (int(m.group("count").replace(",", "")), m.group("days"))
                    for m in self._listed.finditer(text)
                ]
            self._read[text] = found
        return self._read[text]


def stated_totals(
    stories: Sequence[StoryEvent],
    process: Process,
    rounds: Sequence[Round] = (),
    gazetteer: Gazetteer | None = None,
) -> dict[tuple[int, str, str], tuple[dt.date, int]]:
    """(round, releaser, kind) -> the latest running total reports state, and its day.

    A running total is a count its words state as one ("bringing the total to
    105") or a tally ("all 33 hostages due", "close to 2,000 prisoners").
    """
    stated: dict[tuple[int, str, str], tuple[dt.date, int]] = {}
    for story in chronological(stories):
        day = when(story)
        if story.type != EventType.RELEASE or story.modality != Modality.ACTUAL or day is None:
            continue
        for t in story.terms:
            if t.issue not in RELEASE_KINDS or type(t.value) is not int:
                continue
            if t.count_role != "total":
                continue
            releaser = _releaser(process, story, t, gazetteer)
            if releaser:
                key = (round_of(rounds, day) or 0, releaser, t.issue)
                if key not in stated or stated[key][0] <= day:
                    stated[key] = (day, t.value)
    return stated


def derive_ledger(
    stories: Sequence[StoryEvent],
    process: Process,
    contradictions: Sequence[Contradiction],
    rounds: Sequence[Round] = (),
    gazetteer: Gazetteer | None = None,
) -> list[LedgerEntry]:
    """The ledger entries of one process's story events, oldest first, in their rounds."""
    lex = load_lexicon()
    entries: list[LedgerEntry] = []
    same_release = _Booked()
    about = _about_each_story(contradictions)
    day_named = _DayNamed(lex)
    batch_lists = {kind: ListedBatches(lex.kind_words.get(kind, ())) for kind in RELEASE_KINDS}
    # Stories dated by their own words first: a batch told again with no date of
    # its own then joins the batch they date (:meth:`_Booked.told_before`).
    ordered = sorted(
        chronological(stories), key=lambda s: _undated(s) or day_named.none_of_its_own(s)
    )
    for story in ordered:
        if story.type != EventType.RELEASE or story.modality != Modality.ACTUAL:
            continue
        own_entries = len(entries)  # the story's own entries come after this
        undated = _undated(story)
        phase_tally = undated and any(t.issue == "phase" for t in story.terms)
        _book_listed_batches(
            story, process, rounds, lex, entries, same_release, gazetteer, batch_lists
        )
        for kind in RELEASE_KINDS:
            by_releaser: dict[str | None, list[Term]] = {}
            for t in story.terms:
                if t.issue == kind and is_batch(t):
                    by_releaser.setdefault(_releaser(process, story, t, gazetteer), []).append(t)
            if None in by_releaser and (both := _each_side(story, process, lex)):
                unnamed = by_releaser.pop(None)
                for side in both:
                    by_releaser.setdefault(side, unnamed)
            for releaser, terms in by_releaser.items():
                term = terms[0]
                if len(terms) != 1 or type(term.value) is not int or phase_tally:
                    continue
                count = term.value
                if _other_kind_named(story, process, term, kind, lex, gazetteer):
                    continue
                day = when(story)
                # The story's own words list its batches: its one count is one of
                # them, or a disputed count of the batch of its day.
                listed = [
                    e for e in entries[own_entries:] if e.releaser == [releaser] and e.kind == kind
                ]
                if any(e.count == count for e in listed):
                    continue
                that_day = next((e for e in listed if e.date == day), None)
                if that_day is not None:
                    that_day.disputed_counts = sorted({*that_day.disputed_counts, count})
                    continue
                key = (day, releaser, kind, count)
                unstated = undated or not day_named.of_term(story, term)
                seen = same_release.told_before(key, unstated, lex.same_deal_days)
                if day is not None and releaser and seen is not None:
                    seen.reports = list(dict.fromkeys([*seen.reports, *story.reports]))
                    continue
                entry = LedgerEntry(
                    process=process.id,
                    date=day,
                    releaser=[releaser] if releaser else [],
                    kind=kind,
                    count=count,
                    disputed_counts=_disputed(story, kind, count, about.get(story.id, [])),
                    story_event=story.id,
                    reports=list(story.reports),
                    round=round_of(rounds, day),
                )
                same_release.book(key, entry)
                entries.append(entry)
    return sorted(entries, key=lambda e: e.date or dt.date.max)


def _undated(story: StoryEvent) -> bool:
    return story.date is None or story.date_precision == "reported"


class _DayNamed:
    """Whether the sentences of a story's batches name their day, each distinct
    sentence read once per derivation (a large story event's evidence repeats one
    wire sentence many times, and every release story is asked twice). It holds
    every sentence it has read."""

    def __init__(self, lex: NegotiationLexicon) -> None:
        self.lex = lex
        self._names_a_day: dict[str, bool] = {}
        self._distinct: dict[str, list[str]] = {}  # story id -> its distinct evidence

    def of_term(self, story: StoryEvent, term: Term) -> bool:
        """Whether the sentence that gives a batch names its day ("on Saturday", "overnight").

        A batch told in a sentence with no day of its own ("Resistance frees six
        captives", a headline) is dated by the other reports of its story, which
        may tell of something else that week (a promise "to free six on Saturday"
        dated Thursday): the same count by the same side a day or two from a batch
        already booked is that batch. A sentence not found among the story's
        evidence counts as naming its day.
        """
        if term.evidence is None:
            return True
        phrase = term.evidence.text
        if story.id not in self._distinct:
            self._distinct[story.id] = list(dict.fromkeys(story.evidence))
        sentences = [text for text in self._distinct[story.id] if phrase in text]
        if not sentences:
            return True
        return any(self._names(text) for text in sentences)

    def none_of_its_own(self, story: StoryEvent) -> bool:
        """Whether every batch count of the story comes from a sentence naming no day."""
        counts = [t for t in story.terms if t.issue in RELEASE_KINDS and is_batch(t)]
        return bool(counts) and not any(self.of_term(story, t) for t in counts)

    def _names(self, text: str) -> bool:
        if text not in self._names_a_day:
            self._names_a_day[text] = bool(
                _DAY_RE.search(text) or any(w in text.lower() for w in self.lex.day_words)
            )
        return self._names_a_day[text]


def _book_listed_batches(
    story: StoryEvent,
    process: Process,
    rounds: Sequence[Round],
    lex: NegotiationLexicon,
    entries: list[LedgerEntry],
    same_release: _Booked,
    gazetteer: Gazetteer | None,
    batch_lists: dict[str, ListedBatches],
) -> None:
    """Book the batches a sentence lists day by day (:class:`ListedBatches`, one per kind).

    A batch of a day the ledger already holds for that releaser and kind is
    that release: a different count is a disputed one ("two dozen" against
    "25" on the first day), not a second release.
    """
    day = when(story)
    if day is None:
        return
    for kind in RELEASE_KINDS:
        for count, on in batch_lists[kind].dated(story.evidence, story.first_reported or day):
            term = Term(issue=kind, value=count)  # type: ignore[arg-type]
            releaser = _releaser(process, story, term, gazetteer)
            if not releaser or (on, releaser, kind, count) in same_release:
                continue
            booked = same_release.of_day(on, releaser, kind)
            if booked is not None:
                booked.disputed_counts = sorted({*booked.disputed_counts, count})
                continue
            entry = LedgerEntry(
                process=process.id,
                date=on,
                releaser=[releaser],
                kind=kind,  # type: ignore[arg-type]
                count=count,
                story_event=story.id,
                reports=list(story.reports),
                round=round_of(rounds, on),
            )
            same_release.book((on, releaser, kind, count), entry)
            entries.append(entry)


def _agreed(
    process: Process,
    terms: Sequence[Term],
    releaser: str,
    kind: str,
    gazetteer: Gazetteer | None,
) -> int | None:
    counts = [
        t.value
        for t in terms
        if t.issue == kind
        and type(t.value) is int
        and term_releaser(process, t, gazetteer) == releaser
    ]
    return max(counts, default=None)


def ledger_totals(
    entries: Sequence[LedgerEntry],
    agreements: Sequence[Agreement],
    process: Process,
    stories: Sequence[StoryEvent],
    rounds: Sequence[Round] = (),
    gazetteer: Gazetteer | None = None,
) -> list[LedgerTotal]:
    """Totals per round, releaser and kind, against what that round's deal set.

    A release counts against the deal of its own round only: the November
    2023 truce's 50 hostages say nothing of the January 2025 deal's 33.
    """
    totals: dict[tuple[int, str, str], LedgerTotal] = {}
    for entry in entries:
        if not entry.releaser or entry.count is None:
            continue
        key = (entry.round or 0, entry.releaser[0], entry.kind)
        total = totals.setdefault(
            key,
            LedgerTotal(
                process=process.id,
                releaser=key[1],
                kind=entry.kind,
                released=0,
                round=entry.round,
            ),
        )
        total.released += entry.count
        if entry.date is not None and (total.as_of is None or entry.date > total.as_of):
            total.as_of = entry.date
    for (number, releaser, kind), (day, count) in stated_totals(
        stories, process, rounds, gazetteer
    ).items():
        total = totals.setdefault(
            (number, releaser, kind),
            LedgerTotal(
                process=process.id,
                releaser=releaser,
                kind=kind,  # type: ignore[arg-type]
                released=0,
                round=number or None,
            ),
        )
        total.stated = count
        total.as_of = max(total.as_of or day, day)
    deal_of = {a.round: a for a in agreements if a.round is not None}
    by_id = {s.id: s for s in stories}
    for total in totals.values():
        deal = deal_of.get(total.round)
        if deal is not None:
            # Its own story events are all terms_set_on_conclusion reads of the process's.
            own = [by_id[sid] for sid in dict.fromkeys(deal.story_events) if sid in by_id]
            terms = terms_set_on_conclusion(deal, own)
            total.agreed = _agreed(process, terms, total.releaser, total.kind, gazetteer)
    return [totals[k] for k in sorted(totals)]
