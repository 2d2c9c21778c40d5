"""The word lists of ``data/lexicon.yaml`` in the form the components match with.

Lexicons are data, not code: a linguist can extend them without touching the
components. The actor and attribution components read these sets.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache

from truceline.data import load
from truceline.data.files import LexiconFile


@dataclass(frozen=True)
class Lexicon:
    """``lexicon.yaml``'s lists as lower-case sets, for membership tests."""

    agentive_nouns: frozenset[str]
    anonymous_source_nouns: frozenset[str]
    speaker_nouns: frozenset[str]
    statement_events: frozenset[str]
    document_nouns: frozenset[str]
    press_nouns: frozenset[str]
    affiliation_adjectives: frozenset[str]
    not_sources: frozenset[str]
    office_titles: frozenset[str]
    office_portfolios: frozenset[str]
    reporting_verbs: frozenset[str]
    content_nouns: frozenset[str]
    speech_verbs: frozenset[str]
    parenthetical_verbs: frozenset[str]
    publishing_verbs: frozenset[str]
    pronouns_party: frozenset[str]
    pronouns_person: frozenset[str]
    self_reporting_verbs: frozenset[str]
    subject_control_verbs: frozenset[str]
    causative_verbs: frozenset[str]
    subject_control_preps: frozenset[str]
    third_party_participles: frozenset[str]
    seat_of_power_nouns: frozenset[str]

    @classmethod
    def from_data(cls, data: LexiconFile) -> Lexicon:
        return cls(
            **{
                f.name: frozenset(str(w).lower() for w in getattr(data, f.name))
                for f in fields(cls)
            }
        )


@cache
def lexicon() -> Lexicon:
    """The bundled lexicon, read once per process."""
    return Lexicon.from_data(load(LexiconFile))
