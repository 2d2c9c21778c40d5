"""The negotiation lexicon (``data/negotiation.yaml``): names, cues, stances, windows.

Kept as data so that a new way outlets name a plan, or a new reading of a
modality, needs no code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from truceline.data import load
from truceline.data.files import NegotiationFile
from truceline.record import EventType, Modality, Purpose, Stance

_OWNER = r"(?P<owner>(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w-]+)(?:\s+[A-Z][\w-]+)?)"


@dataclass(frozen=True)
class NamePattern:
    """One way reports name a proposal; ``name`` fixes the name, else it is built from the owner."""

    pattern: re.Pattern[str]
    name: str | None = None


@dataclass(frozen=True)
class NegotiationLexicon:
    """Everything the derivations read from ``data/negotiation.yaml``."""

    proposal_names: tuple[NamePattern, ...]
    not_owners: frozenset[str]
    described_agreement_cues: tuple[str, ...]
    earlier_acceptance_cues: tuple[str, ...]
    conditional_acceptance_cues: tuple[str, ...]
    commitment_cues: tuple[str, ...]
    stances: dict[EventType, dict[Modality, Stance]]
    tabling_modalities: frozenset[Modality]
    same_proposal_days: int
    active_process_days: int
    same_deal_days: int
    taking_effect_days: int
    round_gap_days: int
    response_days: int
    reported_tabling_days: int
    third_parties: frozenset[str]
    kind_words: dict[str, tuple[str, ...]]
    each_side_cues: tuple[str, ...]
    day_words: frozenset[str]
    ceasefire_purposes: dict[Purpose, re.Pattern[str]]

    def purpose(self, texts: Sequence[str]) -> Purpose:
        """The purpose the texts give a truce: the first whose words they use, else general."""
        distinct = list(dict.fromkeys(texts))  # a deal's evidence repeats wire sentences
        for purpose, words in self.ceasefire_purposes.items():
            if any(words.search(text) for text in distinct):
                return purpose
        return "general"

    def stance(self, event_type: EventType, modality: Modality) -> Stance | None:
        """The stance an event of this type and modality shows, or None (no stance)."""
        return self.stances.get(event_type, {}).get(modality)

    def conditional(self, evidence: Sequence[str]) -> bool:
        """Whether an acceptance comes with conditions ("accepted the plan with amendments",
        "a positive response"): an answer asking for more, so a counter, not an acceptance."""
        said = " ".join(evidence).lower()
        return any(cue in said for cue in self.conditional_acceptance_cues)


def _name_pattern(template: str) -> re.Pattern[str]:
    # Only the owner slot is case-sensitive: "the Witkoff plan", never "the new plan".
    body = template.replace("{owner}", "\0")
    parts = [f"(?i:{p})" if p else "" for p in body.split("\0")]
    return re.compile(_OWNER.join(parts))


@cache
def load_lexicon() -> NegotiationLexicon:
    """The bundled negotiation lexicon (read once)."""
    data = load(NegotiationFile)
    stances = {
        EventType(kind): {Modality(m): stance for m, stance in by_modality.items()}
        for kind, by_modality in data.stances.items()
    }
    return NegotiationLexicon(
        proposal_names=tuple(
            NamePattern(_name_pattern(p.pattern), p.name) for p in data.proposal_names
        ),
        not_owners=frozenset(data.not_owners),
        described_agreement_cues=tuple(c.lower() for c in data.described_agreement_cues),
        earlier_acceptance_cues=tuple(c.lower() for c in data.earlier_acceptance_cues),
        conditional_acceptance_cues=tuple(c.lower() for c in data.conditional_acceptance_cues),
        commitment_cues=tuple(c.lower() for c in data.commitment_cues),
        stances=stances,
        tabling_modalities=frozenset(Modality(m) for m in data.tabling_modalities),
        same_proposal_days=data.windows.same_proposal,
        active_process_days=data.windows.active_process,
        same_deal_days=data.windows.same_deal,
        taking_effect_days=data.windows.taking_effect,
        round_gap_days=data.windows.round_gap,
        response_days=data.windows.response,
        reported_tabling_days=data.windows.reported_tabling,
        third_parties=frozenset(data.third_parties),
        kind_words={k: tuple(w.lower() for w in v) for k, v in data.kind_words.items()},
        each_side_cues=tuple(c.lower() for c in data.each_side_cues),
        day_words=frozenset(w.lower() for w in data.day_words),
        ceasefire_purposes={
            purpose: re.compile(
                r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE
            )
            for purpose, words in data.ceasefire_purposes.items()
        },
    )
