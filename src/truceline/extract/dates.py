"""The calendar date of an event, resolved against the article's publication date.

:func:`resolve_date` looks at the date expressions of one sentence (spaCy's
``DATE``/``TIME`` entities plus weekday and month-day phrases the tagger
missed), picks the one that governs the event and turns it into a date with a
precision:

- "on Tuesday", "Tuesday evening": the latest Tuesday on or before publication,
  or the next one on or after it when the event is in the future;
- "yesterday", "today", "tonight", "last night": relative to publication;
  "overnight" is the night that ends on the day of publication (a report of
  the 27th telling of a release overnight dates it the 27th);
- "January 19", "19 January 2025", "Feb. 27", "Thursday, February 27, 2025":
  day precision; a missing year is the publication year, or the year before
  when that would put a past event more than a month after publication (the
  year after for a future event more than a month before it);
- "in March", "later this month", "last month": month precision;
- "2024", "last year": year precision.

Durations ("42 days", "six weeks"), ages ("23-year-old") and day counts
("Day 15") are not dates and are skipped. Week-level expressions ("last week",
"next week", "the weekend") are dates too vague to place: when one governs the
event the answer is ``(None, None)`` rather than a guess. Without a publication
date only expressions that carry their year resolve.

Explicit dates this module cannot read itself fall back to ``dateparser``, which
is slow, so it is called only for such entities and its answers are cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from spacy.matcher import Matcher
from spacy.tokens import Span, Token
from spacy.vocab import Vocab

from truceline.extract.lexicon import lexicon
from truceline.extract.nlp import entities

Resolved = tuple[date | None, str | None]

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_FULL_WEEKDAYS = [w for w in WEEKDAYS if len(w) > 4]
_FULL_MONTHS = [m for m in MONTHS if len(m) > 3 and m not in ("may", "march")] + ["sept"]
_MONTH_ABBR = [m for m in MONTHS if len(m) <= 4]

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_YEAR_RE = r"(?:19|20)\d\d"
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

_MONTH_DAY = re.compile(
    rf"\b(?P<month>{_MONTH_RE})\b\.? (?P<day>{_DAY_RE})\b(?:,? (?P<year>{_YEAR_RE}))?"
)
_DAY_MONTH = re.compile(
    rf"\b(?P<day>{_DAY_RE}) (?:of )?(?P<month>{_MONTH_RE})\b\.?(?:,? (?P<year>{_YEAR_RE}))?"
)
_MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH_RE})\b\.?,? (?P<year>{_YEAR_RE})\b")
_MONTH_ONLY = re.compile(
    r"^(?:(?:early|mid|late|the end of|the start of|the beginning of)[- ]?)?"
    rf"(?P<month>{_MONTH_RE})$"
)
_YEAR_ONLY = re.compile(
    rf"^(?:(?:early|mid|late|the end of|the start of)[- ]?)?(?P<year>{_YEAR_RE})$"
)
_ISO = re.compile(rf"\b(?P<year>{_YEAR_RE})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_WEEKDAY = re.compile(rf"\b(?:(?P<rel>last|next|this|past|coming) )?(?P<weekday>{_WEEKDAY_RE})\b")
_AGO = re.compile(
    r"^(?:more than |over |about |some |nearly |almost |around )?(?P<n>\w+) days? ago$"
)
_DURATION = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a|an|several|few|many|couple|dozen|dozens|\w+teen|\w+ty)[- ]"
    r"(?:days?|weeks?|months?|years?|hours?|minutes?|decades?)\b"
)
_UNIT_THEN_NUMBER = re.compile(r"\b(?:day|week|month|year|phase)s? \d+\b")
_AGE = re.compile(r"\byears?[- ]old\b|\baged?\b")
_VAGUE = re.compile(
    r"\b(?:week|weekend|weeks|days|recent|coming|past|hours|moment|soon|now|"
    r"time|period|season|decade|future)\b"
)

_PARTS_OF_DAY = ["morning", "afternoon", "evening", "night", "noon", "midday", "dawn"]


@dataclass(frozen=True)
class DateReading:
    """What one date expression says: a date, a date too vague to place, or no date."""

    kind: str  # "date" | "vague" | "none"
    value: date | None = None
    precision: str | None = None


_NOT_A_DATE = DateReading("none")
_VAGUE_DATE = DateReading("vague")


def _normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"(?<=[a-z])\.(?=\s|,|$)", "", text)  # "feb." -> "feb"
    text = re.sub(r"\s*,\s*", ", ", text)
    text = re.sub(r"^(?:on|in|since|from|by|until|till|at|during|before|after) ", "", text)
    return " ".join(text.split()).strip(" ,")


def _day_number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, published: date, future: bool) -> date | None:
    """The month and day in the publication year, moved a year when it cannot be meant."""
    candidate = _safe_date(published.year, month, day)
    if candidate is None:
        return None
    if not future and candidate > published + timedelta(days=31):
        return _safe_date(published.year - 1, month, day)
    if future and candidate < published - timedelta(days=31):
        return _safe_date(published.year + 1, month, day)
    return candidate


def _weekday_date(weekday: int, rel: str | None, published: date, future: bool) -> date:
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if rel in ("last", "past"):
        return published - timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return published + timedelta(days=ahead or 7)
    if future:
        return published + timedelta(days=ahead)
    return published - timedelta(days=back)


def _month_date(month: int, published: date, future: bool) -> date:
    resolved = _infer_year(month, 1, published, future)
    assert resolved is not None
    return resolved


def _shift_month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def read_date(text: str, published: date | None, *, future: bool = False) -> DateReading:
    """Read one date expression (the text of a ``DATE`` entity, say)."""
    norm = _normalise(text)
    if not norm:
        return _NOT_A_DATE
    if _AGE.search(norm) or _UNIT_THEN_NUMBER.search(norm):
        return _NOT_A_DATE
    explicit = _read_explicit(norm, published, future)
    if explicit is not None:
        return explicit
    ago = _AGO.match(norm)
    if ago:
        from truceline.extract.numbers import parse_number

        n = parse_number(ago.group("n"))
        if isinstance(n, int) and published is not None:
            return DateReading("date", published - timedelta(days=n), "day")
        return _VAGUE_DATE
    if _DURATION.search(norm):
        return _NOT_A_DATE
    relative = _read_relative(norm, published, future)
    if relative is not None:
        return relative
    if _VAGUE.search(norm):
        return _VAGUE_DATE
    fallback = _dateparser_reading(text, published, future)
    return fallback if fallback is not None else _NOT_A_DATE


def _read_explicit(norm: str, published: date | None, future: bool) -> DateReading | None:
    for pattern in (_ISO, _MONTH_DAY, _DAY_MONTH):
        match = pattern.search(norm)
        if not match:
            continue
        month = match.group("month")
        month_no = int(month) if month.isdigit() else MONTHS[month]
        day = _day_number(match.group("day"))
        year = match.group("year")
        if year:
            value = _safe_date(int(year), month_no, day)
        elif published is not None:
            value = _infer_year(month_no, day, published, future)
        else:
            return _VAGUE_DATE
        return DateReading("date", value, "day") if value else _NOT_A_DATE
    match = _MONTH_YEAR.search(norm)
    if match:
        return DateReading(
            "date", date(int(match.group("year")), MONTHS[match.group("month")], 1), "month"
        )
    match = _MONTH_ONLY.match(norm)
    if match:
        if published is None:
            return _VAGUE_DATE
        return DateReading(
            "date", _month_date(MONTHS[match.group("month")], published, future), "month"
        )
    match = _YEAR_ONLY.match(norm)
    if match:
        return DateReading("date", date(int(match.group("year")), 1, 1), "year")
    return None


def _read_relative(norm: str, published: date | None, future: bool) -> DateReading | None:
    words = set(norm.replace("-", " ").split())
    day_offset = None
    if "yesterday" in words:
        day_offset = -2 if "before" in words else -1
    elif "tomorrow" in words:
        day_offset = 2 if "after" in words else 1
    elif words & {"today", "tonight", "overnight"} or norm in (
        "this morning",
        "this afternoon",
        "this evening",
        "earlier today",
        "later today",
    ):
        day_offset = 0
    elif norm == "last night":
        day_offset = -1
    if day_offset is not None:
        if published is None:
            return _VAGUE_DATE
        return DateReading("date", published + timedelta(days=day_offset), "day")
    match = _WEEKDAY.search(norm)
    if match:
        if published is None:
            return _VAGUE_DATE
        weekday = WEEKDAYS[match.group("weekday")]
        return DateReading(
            "date", _weekday_date(weekday, match.group("rel"), published, future), "day"
        )
    for unit, precision in (("month", "month"), ("year", "year")):
        if unit not in words or len(words) > 4:
            continue
        shift = None
        if "last" in words or "previous" in words:
            shift = -1
        elif "next" in words or "coming" in words:
            shift = 1
        elif "this" in words or "current" in words:
            shift = 0
        if shift is None:
            continue
        if published is None:
            return _VAGUE_DATE
        if precision == "month":
            return DateReading("date", _shift_month(published, shift), "month")
        return DateReading("date", date(published.year + shift, 1, 1), "year")
    return None


@cache
def _date_data_parser():  # dateparser is imported only when needed: it is slow to load
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})


@lru_cache(maxsize=4096)
def _dateparser_reading(text: str, published: date | None, future: bool) -> DateReading | None:
    """``dateparser`` for explicit dates in shapes this module does not read ("27/02/2025")."""
    norm = _normalise(text)
    has_month = any(w.strip(",") in MONTHS for w in norm.split())
    numeric = re.search(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b", norm)
    if not (numeric or (has_month and re.search(r"\d", norm))):
        return None
    data = _date_data_parser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    precision = data.period if data.period in ("day", "month", "year") else "day"
    if not re.search(_YEAR_RE, norm):
        if published is None:
            return _VAGUE_DATE
        found = _infer_year(found.month, found.day, published, future) or found
    return DateReading("date", found, precision)


# --------------------------------------------------------------------------- in a sentence


@cache
def _matcher(vocab: Vocab) -> Matcher:
    """Weekday and month-day phrases that the entity recogniser sometimes misses."""
    matcher = Matcher(vocab)
    weekday = {"LOWER": {"IN": _FULL_WEEKDAYS}}
    month = {"LOWER": {"IN": _FULL_MONTHS + _MONTH_ABBR + ["may", "march"]}}
    dot = {"ORTH": ".", "OP": "?"}
    day = {"TEXT": {"REGEX": r"^(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?$"}}
    comma = {"ORTH": ",", "OP": "?"}
    year = {"TEXT": {"REGEX": rf"^{_YEAR_RE}$"}}
    part = {"LOWER": {"IN": _PARTS_OF_DAY}, "OP": "?"}
    matcher.add("WEEKDAY", [[weekday, part]])
    relday = ["yesterday", "today", "tomorrow", "tonight", "overnight"]
    matcher.add("RELDAY", [[{"LOWER": {"IN": relday}}]])
    matcher.add(
        "MONTH_DAY",
        [
            [month, dot, day, comma, year],
            [month, dot, day],
            [day, {"LOWER": "of", "OP": "?"}, month, dot, comma, year],
            [day, {"LOWER": "of", "OP": "?"}, month],
        ],
    )
    return matcher


def date_expressions(sent: Span) -> list[Span]:
    """The date-like spans of a sentence: entities merged with the matcher's finds.

    Computed once per sentence: every event of a sentence asks for them.
    """
    cache = sent.doc.user_data.setdefault("truceline.date_expressions", {})
    key = (sent.start, sent.end)
    if key not in cache:
        cache[key] = _date_expressions(sent)
    return list(cache[key])


def _date_expressions(sent: Span) -> list[Span]:
    spans = [
        e
        for e in entities(sent.doc)
        if sent.start <= e.start and e.end <= sent.end and e.label_ in ("DATE", "TIME")
    ]
    doc = sent.doc
    for _, start, end in _matcher(doc.vocab)(sent):
        start, end = start + sent.start, end + sent.start
        if not any(s.start <= start and end <= s.end for s in spans):
            spans = [s for s in spans if not (start <= s.start and s.end <= end)]
            spans.append(doc[start:end])
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            if span.end > merged[-1].end:
                merged[-1] = doc[merged[-1].start : span.end]
            continue
        merged.append(span)
    return merged


def _predicate(t: Token) -> Token:
    """The verb whose clause ``t`` is in (``t`` itself when it is a verb)."""
    current = t
    for _ in range(12):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current


def _attached(span: Span, anchor: Token) -> bool:
    """Whether the date belongs to the anchor's clause (or to the anchor's noun phrase)."""
    root = span.root
    if anchor.pos_ not in ("VERB", "AUX") and root in anchor.subtree:
        return True  # "Saturday's release", "the release on Saturday"
    if root.head.i == root.i:
        return root.i == anchor.i
    return _predicate(root.head).i == _predicate(anchor).i


_NOUN_CLAUSES = frozenset({"acl", "relcl", "appos"})
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl", "pcomp", "parataxis"})


def _dates_a_noun_of_the_event(span: Span, anchor: Token) -> bool:
    """ "Israel released 90 prisoners held since 2015": 2015 is when they were taken.

    A date inside a clause that modifies one of the event's own nouns ("the
    plan that Egypt put forward in September") dates what that noun names,
    not the event. A clause on a noun outside the event ("a statement issued
    on Sunday said ...") may still date it.
    """
    node = span.root
    for _ in range(12):
        if node.dep_ in _NOUN_CLAUSES and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return anchor not in node.subtree and node.head in anchor.subtree
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _dates_a_state_of_another_noun(span: Span, anchor: Token) -> bool:
    """ "Among those freed was X, who had been held without charge since November 2023".

    "Since" dates the start of a state, not an event. Inside a relative or
    participial clause on a noun the event's trigger is not in, it tells how
    long that noun's referent has been in that state: it dates no event of the
    sentence, whichever noun the clause hangs on.
    """
    node = span.root
    since = span[0].lower_ == "since"
    for _ in range(12):
        since = since or (node.lower_ == "since" and node.dep_ in ("prep", "mark"))
        if node.dep_ in _NOUN_CLAUSES and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return since and anchor not in node.subtree
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _dates_a_clause_below(span: Span, anchor: Token) -> bool:
    """ "agreed to free 887 detainees and to meet again in May": May is the meeting's.

    A date in a clause below the trigger dates that clause, unless the clause
    only reports the trigger ("Hamas freed three, the group said on Monday").
    """
    predicate = _predicate(span.root.head) if span.root.head.i != span.root.i else span.root
    if predicate.i == anchor.i or predicate not in anchor.subtree:
        return False
    if predicate.dep_ not in _CLAUSE_DEPS:
        return False  # "China-sponsored talks on Thursday": no clause of its own
    return predicate.lemma_.lower() not in lexicon().reporting_verbs


def _embeds_another_event(clause: Token) -> bool:
    """Whether ``clause`` tells an event at another time than the clause it hangs on.

    A subordinate clause of sequence or cause does ("brokered on Tuesday after
    Hamas freed two"). Clauses of the same occasion do not: "as", "when",
    "while" ("arrived on Tuesday as Egypt presented a proposal"), relative
    clauses ("reached on Friday at the White House, where the leaders met"),
    bare participles ("..., keeping the truce alive"), complements (a
    "provided that" condition on real reports kept its day) and ccomps, often a
    misparsed coordination ("freed three on Saturday and Israel released 369").
    """
    marks = {c.lower_ for c in clause.children if c.dep_ in ("mark", "advmod")}
    return clause.dep_ == "advcl" and bool(marks & _SEQUENCE_MARKS)


_SEQUENCE_MARKS = frozenset({"after", "before", "since", "until", "once", "because"})


def _dates_a_clause_above(span: Span, anchor: Token) -> bool:
    """ "Qatar mediated the deal on Tuesday after the militants freed two captives".

    A date in a clause above the trigger's dates that clause's event when the
    way up crosses into another event at another time (:func:`_embeds_another_event`):
    the freeing was before Tuesday. Reporting clauses ("Israel said on Sunday
    that it had freed 90") and clauses of "be" or "have" only frame the
    trigger; a clause on the date itself ("on Tuesday, when Hamas agreed") is
    that day's.
    """
    predicate = _predicate(span.root.head) if span.root.head.i != span.root.i else span.root
    if predicate.i == anchor.i or anchor not in predicate.subtree:
        return False
    node = _predicate(anchor)
    for _ in range(24):
        if node.i == predicate.i or node.head.i == node.i or span.start <= node.head.i < span.end:
            return False  # the top, or a clause on the date itself ("on Tuesday, when ...")
        if _embeds_another_event(node):
            above = _predicate(node.head)
            lemma = above.lemma_.lower()
            if lemma not in lexicon().reporting_verbs and lemma not in ("be", "have"):
                return True
        node = node.head
    return False


def _dates_the_event(span: Span, anchor: Token | None) -> bool:
    """Whether a date from outside the trigger's own clause may still date the event."""
    if anchor is None:
        return True
    return not (
        _dates_a_noun_of_the_event(span, anchor)
        or _dates_a_state_of_another_noun(span, anchor)
        or _dates_a_clause_below(span, anchor)
        or _dates_a_clause_above(span, anchor)
    )


def _distance(span: Span, anchor: Token | None) -> int:
    if anchor is None:
        return span.start
    if span.start <= anchor.i < span.end:
        return 0
    return min(abs(span.start - anchor.i), abs(span.end - 1 - anchor.i))


def resolve_date(
    sent: Span,
    published: date | None,
    *,
    future: bool = False,
    anchor: Token | None = None,
) -> Resolved:
    """``(date, precision)`` of the date expression governing the event, or ``(None, None)``.

    A date attached to ``anchor`` (the event trigger) in the parse wins; when
    that date is too vague to place, the answer is ``(None, None)``. Otherwise
    the resolvable expression nearest to the anchor (the first one, without an
    anchor) is used, read as past narration whatever ``future`` says, unless it
    belongs to something else: a noun of the event ("prisoners held since
    2015"), a state of another noun ("X, who had been held since 2023") or a
    clause below it ("agreed to meet again in May").
    """
    readings = [
        (span, read_date(span.text, published, future=future)) for span in date_expressions(sent)
    ]
    readings = [(s, r) for s, r in readings if r.kind != "none"]
    if not readings:
        return None, None
    head = anchor if anchor is not None else sent.root
    attached = [(s, r) for s, r in readings if _attached(s, head)]
    if attached:
        _, reading = min(attached, key=lambda sr: _distance(sr[0], anchor))
        return (reading.value, reading.precision) if reading.kind == "date" else (None, None)
    # A date from another clause (typically the reporting one) is read as past narration:
    # ``future`` describes the event's own clause, not the clause the date comes from.
    if future:
        readings = [(s, read_date(s.text, published)) for s, _ in readings]
    dated = [(s, r) for s, r in readings if r.kind == "date" and _dates_the_event(s, anchor)]
    if not dated:
        return None, None
    _, reading = min(dated, key=lambda sr: _distance(sr[0], anchor))
    return reading.value, reading.precision
