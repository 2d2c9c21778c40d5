"""Who holds a judgement of the talks, and when it counts as held.

A judgement ("the talks are moving in the right direction", "gaps remain") is
an ASSESS by whoever says so (ONTOLOGY.md, reading convention 7). The nearest
reporting frame is not always a party: in "Grundberg said the swap gave reason
to believe things were moving in the right direction" the inner frame is the
swap's ("gave reason to believe"), and the judgement is Grundberg's. The
judge is the nearest covering frame whose source speaks for a party, or for
both sides ("both sides said").

A judgement is a stance held when it is said: "we will see progress in the
coming weeks" judges the talks now, as hopeful, though what it foresees is
to come.
"""

from __future__ import annotations

from spacy.tokens import Token

from truceline.extract.attribution import ReportingFrame
from truceline.extract.events import _is_collective
from truceline.record import Modality


def judging_parties(trigger: Token, frames: list[ReportingFrame], sides: list[str]) -> list[str]:
    """The party of the narrowest reporting frame around ``trigger`` that names one.

    "Both sides said the talks were positive": a judgement the sides share
    is each side's.
    """
    doc = trigger.doc
    for frame in sorted((f for f in frames if trigger.i in f.scope), key=lambda f: f.width):
        if frame.source_actor:
            return [frame.source_actor]
        start, end = frame.source_start, frame.source_end
        if start is not None and end is not None and _is_collective(doc[start:end].root):
            return list(sides)
    return []


def held_now(modality: Modality) -> bool:
    """Whether a judgement of this modality is one its judge holds now."""
    return modality in (Modality.ACTUAL, Modality.FUTURE)
