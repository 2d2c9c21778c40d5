"""Who a report names, as the sides of its negotiation: the parties matching compares.

One deal told by many outlets is told in many words: "Israel and Hamas
agreed", "Israel and Islamic Jihad agreed" (a faction on Hamas's side),
"Qatar and Hamas reached a deal" (the mediator taken for a party). Compared
name by name they are different events, and one story splits in several with
its corroboration understated. Compared as the sides of the process they
fit -- each actor standing for the party whose side it is on (``sides`` of a
process), a mediator of that process left out while a side remains -- they
are one. A report fits the process whose sides and mediators it names most,
with at least one side; where two fit as well, or none, its names stay as they
are, so nothing is ever compared across processes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from truceline.record import Process


@dataclass(frozen=True)
class _Sides:
    """One process as matching reads it: actor -> the party it stands for; its mediators."""

    party_of: dict[str, str]
    mediators: frozenset[str]

    def fit(self, names: frozenset[str]) -> int:
        """How many of ``names`` this process knows, 0 when it names none of its sides."""
        if not names & self.party_of.keys():
            return 0
        return len(names & (self.party_of.keys() | self.mediators))


@dataclass(frozen=True)
class SideMap:
    """The configured processes' sides, for comparing reports by the sides they name."""

    processes: tuple[_Sides, ...] = ()

    @classmethod
    def of(cls, processes: Sequence[Process]) -> SideMap:
        out = []
        for p in processes:
            party_of = {party: party for party in p.parties}
            for party, members in p.sides.items():
                party_of.update((member, party) for member in members)
            out.append(_Sides(party_of, frozenset(p.mediators) - party_of.keys()))
        return cls(tuple(out))

    def principals(
        self, actors: frozenset[str], targets: frozenset[str] = frozenset()
    ) -> tuple[frozenset[str], frozenset[str]]:
        """Actors and targets as the sides of the one process all of them fit best.

        {PIJ, ISR} -> {HAMAS, ISR}; {QAT, HAMAS} -> {HAMAS}; {QAT, EGY} stays, and
        so does anything when no process, or two as well, fit.
        """
        names = actors | targets
        if not names or not self.processes:
            return actors, targets
        scored = sorted(((p.fit(names), i) for i, p in enumerate(self.processes)), reverse=True)
        best, index = scored[0]
        if best == 0 or (len(scored) > 1 and scored[1][0] == best):
            return actors, targets
        sides = self.processes[index]
        kept = names - sides.mediators
        if not kept & sides.party_of.keys():
            return actors, targets

        def as_sides(group: frozenset[str]) -> frozenset[str]:
            return frozenset(sides.party_of.get(n, n) for n in group if n in kept)

        principal_actors = as_sides(actors)
        if actors and not principal_actors:
            return actors, targets  # the doer was the mediator alone: it stays the doer
        return principal_actors, as_sides(targets) - principal_actors
