"""Who holds a judgement of the talks, and when it counts as held.

A judgement ("the talks are moving in the right direction", "gaps remain") is
an ASSESS by whoever says so (ONTOLOGY.md, reading convention 7). The nearest
reporting frame is not always a party: in "Grundberg said the swap gave reason
to believe things were moving in the right direction" the inner frame is the
swap's ("gave reason to believe"), and the judgement is Grundberg's. The
judge is the nearest covering frame whose source speaks for a party.

A judgement is a stance held when it is said: "we will see progress in the
coming weeks" judges the talks now, as hopeful, though what it foresees is
to come.
"""

from __future__ import annotations

from spacy.tokens import Token

from truceline.extract.attribution import ReportingFrame
from truceline.record import Modality


def judging_party(trigger: Token, frames: list[ReportingFrame]) -> str | None:
    """The party of the narrowest reporting frame around ``trigger`` that names one."""
    covering = sorted((f for f in frames if trigger.i in f.scope), key=lambda f: f.width)
    return next((f.source_actor for f in covering if f.source_actor), None)


def held_now(modality: Modality) -> bool:
    """Whether a judgement of this modality is one its judge holds now."""
    return modality in (Modality.ACTUAL, Modality.FUTURE)
