"""A truce said with its age: "the two-month-old ceasefire", "the week-old truce".

A truce that is some time old is in effect, and began that long before the
report: news often names the running truce only so ("amid fears the
two-month-old ceasefire could collapse"), and its age is the one date the
report gives for its start.
"""

from __future__ import annotations

from spacy.tokens import Token

from truceline.extract.numbers import duration_unit_days, parse_duration_days

_AGE_WORD = "old"


def truce_age_days(noun: Token) -> int | None:
    """Days a truce noun says its truce has run ("the 10-day-old truce" -> 10), if it says.

    Read off the parse "N-unit-old": ``old`` modifies the noun, the unit
    modifies ``old`` and the number the unit; "week-old" counts one week.
    """
    for old in noun.children:
        if old.dep_ != "amod" or old.lower_ != _AGE_WORD:
            continue
        for unit in old.children:
            if unit.dep_ not in ("npadvmod", "compound") or duration_unit_days(unit.lower_) is None:
                continue
            number = next((c.text for c in unit.children if c.dep_ == "nummod"), "a")
            try:
                return parse_duration_days(number, unit.lower_)
            except ValueError:
                return None
    return None
