"""Numbers as news writes them: digits, words, hedges, ordinals and durations.

Negotiation reports give counts in every form ("737", "1,904", "thirty-three",
"a dozen", "nearly 2,000", "hundreds of"). This module turns those strings into
values and leaves the choice of what they count to the caller. The word lists
live in ``data/numbers.yaml``.

Contract:

- :func:`parse_number` returns an ``int`` (or a ``float`` when the value is not
  whole) or ``None`` when the text is not one definite number. A leading hedge
  ("nearly", "at least") is dropped; :func:`split_qualifier` returns it.
- :func:`vague_quantity` names a quantity that has no number ("hundreds").
- :func:`parse_ordinal` reads "first", "second", "3rd", "twenty-first".
- :func:`parse_duration_days` and :func:`parse_duration` turn a number of days,
  weeks, months or years into days (a month counts 30 days, a year 365).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from truceline.data import load
from truceline.data.files import NumbersFile

_DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_SPLIT = re.compile(r"[\s\-\u2010-\u2015]+")


@dataclass(frozen=True)
class NumberWords:
    """The lexicon of ``numbers.yaml``, lower-cased."""

    units: dict[str, int]
    scales: dict[str, int]
    counting_nouns: dict[str, float]
    articles: frozenset[str]
    qualifiers: tuple[str, ...]
    vague: dict[str, str]
    ordinals: dict[str, int]
    duration_units: dict[str, int]
    day_fractions: dict[str, int]

    def is_number_word(self, word: str) -> bool:
        """Whether ``word`` can be part of a spelled-out number."""
        w = word.lower()
        return (
            w in self.units
            or w in self.scales
            or w in self.counting_nouns
            or bool(_DIGITS.match(w))
        )


@cache
def number_words() -> NumberWords:
    """Load ``data/numbers.yaml`` once."""
    raw = load(NumbersFile)
    qualifiers = sorted((q.lower() for q in raw.qualifiers), key=len, reverse=True)
    return NumberWords(
        units={k.lower(): int(v) for k, v in raw.units.items()},
        scales={k.lower(): int(v) for k, v in raw.scales.items()},
        counting_nouns={k.lower(): float(v) for k, v in raw.counting_nouns.items()},
        articles=frozenset(a.lower() for a in raw.articles),
        qualifiers=tuple(qualifiers),
        vague={k.lower(): v for k, v in raw.vague.items()},
        ordinals={k.lower(): int(v) for k, v in raw.ordinals.items()},
        duration_units={k.lower(): int(v) for k, v in raw.duration_units.items()},
        day_fractions={k.lower(): int(v) for k, v in raw.day_fractions.items()},
    )


def _normalise(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").strip().lower().split())


def split_qualifier(text: str) -> tuple[str | None, str]:
    """Split a leading hedge off a quantity: "nearly 2,000" -> ("nearly", "2,000")."""
    norm = _normalise(text)
    for qualifier in number_words().qualifiers:
        if norm.startswith(qualifier + " "):
            return qualifier, norm[len(qualifier) + 1 :]
    return None, norm


def _tidy(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _parse_digits(word: str) -> float | None:
    if _DIGITS.match(word):
        return float(word.replace(",", ""))
    return None


def _parse_words(words: list[str]) -> float | None:
    """Read a spelled-out or mixed number ("one hundred and ten", "1.5 million")."""
    lex = number_words()
    total = 0.0
    current = 0.0
    seen = False
    if words[-3:] == ["and", "a", "half"] and len(words) > 3:
        whole = _parse_words(words[:-3])
        return None if whole is None else whole + 0.5
    for i, word in enumerate(words):
        if word == "and" and seen:
            continue
        if word in lex.articles and not seen:
            # "a dozen", "a hundred", "one hundred": the article means one.
            if i + 1 < len(words) and (
                words[i + 1] in lex.scales or words[i + 1] in lex.counting_nouns
            ):
                current, seen = 1.0, True
                continue
            if word in lex.units:
                current, seen = float(lex.units[word]), True
                continue
            return None
        digits = _parse_digits(word)
        if digits is not None:
            if seen and current and not (current >= 20 and digits < 10 and current % 10 == 0):
                return None
            current += digits
            seen = True
        elif word in lex.units:
            value = lex.units[word]
            if (
                seen
                and current % 100 != 0
                and not (current % 100 >= 20 and current % 10 == 0 and value < 10)
            ):
                return None
            current += value
            seen = True
        elif word in lex.scales:
            scale = lex.scales[word]
            current = (current or 1.0) * scale
            if scale >= 1000:
                total += current
                current = 0.0
            seen = True
        elif word in lex.counting_nouns:
            current = (current or 1.0) * lex.counting_nouns[word]
            seen = True
        elif word == "of" and i == len(words) - 1:
            break  # "a couple of", "a dozen of"
        else:
            return None
    if not seen:
        return None
    return total + current


def parse_number(text: str) -> int | float | None:
    """The value of a definite quantity, or ``None``.

    >>> parse_number("nearly 2,000")
    2000
    >>> parse_number("one hundred and ten")
    110
    >>> parse_number("hundreds") is None
    True
    """
    _, rest = split_qualifier(text)
    if not rest:
        return None
    digits = _parse_digits(rest)
    if digits is not None:
        return _tidy(digits)
    words = [w for w in _SPLIT.split(rest) if w]
    value = _parse_words(words)
    return None if value is None else _tidy(value)


def vague_quantity(text: str) -> str | None:
    """The label of a quantity with no number: "hundreds of" -> "hundreds"."""
    _, rest = split_qualifier(text)
    rest = re.sub(r"\s+of$", "", rest)
    return number_words().vague.get(rest)


def parse_ordinal(text: str) -> int | None:
    """The value of an ordinal: "first" -> 1, "3rd" -> 3, "twenty-first" -> 21."""
    norm = _normalise(text)
    match = _ORDINAL_DIGITS.match(norm)
    if match:
        return int(match.group(1))
    lex = number_words()
    if norm in lex.ordinals:
        return lex.ordinals[norm]
    words = [w for w in _SPLIT.split(norm) if w]
    if len(words) == 2 and words[0] in lex.units and words[1] in lex.ordinals:
        tens, ones = lex.units[words[0]], lex.ordinals[words[1]]
        if tens >= 20 and tens % 10 == 0 and ones < 10:
            return tens + ones
    return None


def duration_unit_days(unit: str) -> int | None:
    """Days in one ``unit`` ("week" -> 7), or ``None`` if it is not a unit of time."""
    return number_words().duration_units.get(_normalise(unit))


def parse_duration_days(number: int | float | str, unit: str) -> int:
    """Days in ``number`` ``unit``s: (6, "months") -> 180; ("two", "weeks") -> 14.

    An article counts as one: ("a", "week") -> 7.

    Raises ``ValueError`` when the unit is not a unit of time or the number cannot be read.
    """
    days = duration_unit_days(unit)
    per_day = number_words().day_fractions.get(_normalise(unit))
    if days is None and per_day is None:
        raise ValueError(f"{unit!r} is not a unit of time (day, week, month, year)")
    if isinstance(number, str):
        norm = _normalise(number)
        value = 1 if norm in number_words().articles else parse_number(norm)
        if value is None:
            raise ValueError(f"{number!r} is not a number")
    else:
        value = number
    if per_day is not None:
        # "72 hours" is 3 days; "36 hours" makes no whole day count
        if value % per_day:
            raise ValueError(f"{number} {unit} is not a whole number of days")
        return round(value / per_day)
    return round(value * days)


def parse_duration(text: str) -> int | None:
    """Days in a duration phrase: "two weeks" -> 14, "a week" -> 7, "60-day" -> 60."""
    words = [w for w in _SPLIT.split(_normalise(text)) if w]
    unit = words[-1] if words else ""
    if len(words) < 2 or (
        duration_unit_days(unit) is None and unit not in number_words().day_fractions
    ):
        return None
    try:
        return parse_duration_days(" ".join(words[:-1]), words[-1])
    except ValueError:
        return None
