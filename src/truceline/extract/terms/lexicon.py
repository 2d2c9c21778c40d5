"""The word lists of ``data/terms.yaml`` that every term family reads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from truceline.data.files import TermsFile


@dataclass(frozen=True)
class TermLexicon:
    """The word lists of ``terms.yaml`` as frozen sets."""

    captives: frozenset[str]
    prisoners: frozenset[str]
    released_only: frozenset[str]
    combatants: frozenset[str]
    remains: frozenset[str]
    dead: frozenset[str]
    captive_nationalities: frozenset[str]
    prisoner_nationalities: frozenset[str]
    captive_holders: frozenset[str]
    captive_places: frozenset[str]
    release_verbs: frozenset[str]
    release_verb_particles: dict[str, frozenset[str]]
    release_nouns: frozenset[str]
    table_nouns: frozenset[str]
    table_verbs: frozenset[str]
    blocking_verbs: frozenset[str]
    demand_verbs: frozenset[str]
    exchange_markers: frozenset[str]
    vague_labels_kept: frozenset[str]
    truce_nouns: frozenset[str]
    weak_truce_nouns: frozenset[str]
    not_truce_objects: frozenset[str]
    phase_nouns: frozenset[str]
    phase_words: dict[str, int]
    extend_verbs: frozenset[str]
    extend_nouns: frozenset[str]
    last_verbs: frozenset[str]
    time_units: frozenset[str]
    permanence: frozenset[str]
    end_nouns: frozenset[str]
    end_verbs: frozenset[str]
    war_nouns: frozenset[str]
    table_cues: frozenset[str]
    wish_verbs: frozenset[str]
    withdraw_verbs: frozenset[str]
    withdraw_particles: dict[str, frozenset[str]]
    withdraw_nouns: frozenset[str]
    not_ground: frozenset[str]
    withdraw_qualifiers: frozenset[str]
    guarantee_nouns: frozenset[str]
    guarantor_nouns: frozenset[str]
    guarantee_giving_verbs: frozenset[str]
    guaranteed_things: frozenset[str]
    displaced_nouns: frozenset[str]
    aid_vehicles: frozenset[str]
    rate_periods: dict[str, str]
    compass_words: frozenset[str]
    count_issues: frozenset[str]
    tally_qualifiers: frozenset[str]
    total_nouns: frozenset[str]
    total_adverbials: frozenset[str]
    stock_words: frozenset[str]
    part_words: frozenset[str]
    pending_nouns: frozenset[str]

    @cached_property
    def people(self) -> frozenset[str]:
        return self.captives | self.prisoners | self.released_only

    @cached_property
    def people_anchors(self) -> frozenset[str]:
        """Words a people term starts from: captives, prisoners, remains."""
        return self.people | self.remains

    @cached_property
    def permanent_anchors(self) -> frozenset[str]:
        return self.permanence | self.end_nouns | self.end_verbs

    @cached_property
    def withdrawal_anchors(self) -> frozenset[str]:
        return self.withdraw_verbs | self.withdraw_nouns

    @cached_property
    def guarantee_anchors(self) -> frozenset[str]:
        return self.guarantee_nouns | self.guarantor_nouns | {"guarantee"}


def _words(items: Iterable[str]) -> frozenset[str]:
    return frozenset(str(i).lower() for i in items)


def _word_lists(lists: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    return {k.lower(): _words(v) for k, v in lists.items()}


def read_term_lexicon(data: TermsFile) -> TermLexicon:
    """The matching form of ``data/terms.yaml``: lower-case word sets and maps."""
    fields: dict[str, object] = {k: _words(v) for k, v in data.people.model_dump().items()}
    for key, value in data.model_dump(exclude={"people"}).items():
        if key in ("release_verb_particles", "withdraw_particles"):
            fields[key] = _word_lists(value)
        elif key == "phase_words":
            fields[key] = {k.lower(): int(v) for k, v in value.items()}
        elif key == "rate_periods":
            fields[key] = {k.lower(): str(v) for k, v in value.items()}
        else:
            fields[key] = _words(value)
    return TermLexicon(**fields)  # type: ignore[arg-type]
