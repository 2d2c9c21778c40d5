"""The reconciliation settings of ``data/resolve.yaml``, loaded once.

Windows, tolerances and which fields must agree are judgement calls an
analyst may want to see and tune; they live in data so that the code only
says how they are applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from truceline.data import load
from truceline.data.files import ResolveFile
from truceline.errors import TrucelineError
from truceline.record import EventType, Modality


class SettingsError(TrucelineError):
    """``resolve.yaml`` is missing a key or has a value of the wrong kind."""


@dataclass(frozen=True)
class ResolveSettings:
    """Everything :mod:`truceline.resolve` reads from ``resolve.yaml``."""

    window_days: int
    window_days_by_type: dict[EventType, int]
    reported_lag_days: int
    future_horizon_days: int
    count_issues: frozenset[str]
    absolute_tolerance: float
    relative_tolerance: float
    hedges: frozenset[str]
    exact_issues: frozenset[str]
    kind_issues: dict[EventType, frozenset[str]]
    must_agree: dict[EventType, tuple[str, ...]]
    modality_groups: dict[Modality, str]
    participant_types: frozenset[EventType]
    contradiction_window_days: int
    accept_type: EventType
    reject_type: EventType
    denials: dict[EventType, str]
    relayed_via_counts_as_source: bool
    newsroom: dict[str, str]

    def window(self, event_type: EventType) -> int:
        """Days two day-precise dates of one event of this type may differ."""
        return self.window_days_by_type.get(event_type, self.window_days)

    def within_tolerance(self, a: float, b: float) -> bool:
        """Whether two counts are close enough to be one event told two ways."""
        return abs(a - b) <= max(self.absolute_tolerance, self.relative_tolerance * max(a, b))

    def origin(self, name: str) -> str:
        """One name per newsroom, case-insensitively ("Agence France-Presse" -> "AFP")."""
        return self.newsroom.get(name.casefold(), name)


def _newsrooms(groups: list[list[str]]) -> dict[str, str]:
    names: dict[str, str] = {}
    for group in groups:
        for name in group:
            names[name.casefold()] = group[0]
    return names


def parse_settings(data: dict[str, Any]) -> ResolveSettings:
    """Build settings from the parsed YAML; raise :class:`SettingsError` naming the bad key."""
    try:
        dates, counts, contra = data["dates"], data["counts"], data["contradictions"]
        independence = data["independence"]
        return ResolveSettings(
            window_days=int(dates["window_days"]),
            window_days_by_type={
                EventType(k): int(v) for k, v in dates.get("window_days_by_type", {}).items()
            },
            reported_lag_days=int(dates["reported_lag_days"]),
            future_horizon_days=int(dates["future_horizon_days"]),
            count_issues=frozenset(counts["issues"]),
            absolute_tolerance=float(counts["absolute_tolerance"]),
            relative_tolerance=float(counts["relative_tolerance"]),
            hedges=frozenset(str(h).lower() for h in counts.get("hedges", [])),
            exact_issues=frozenset(data.get("exact_issues", [])),
            kind_issues={EventType(k): frozenset(v) for k, v in data["kind_issues"].items()},
            must_agree={EventType(k): tuple(v) for k, v in data["must_agree"].items()},
            modality_groups={Modality(k): str(v) for k, v in data["modality_groups"].items()},
            participant_types=frozenset(EventType(t) for t in data["participant_types"]),
            contradiction_window_days=int(contra["window_days"]),
            accept_type=EventType(contra["accept_type"]),
            reject_type=EventType(contra["reject_type"]),
            denials={EventType(k): str(v) for k, v in contra["denials"].items()},
            relayed_via_counts_as_source=bool(independence["relayed_via_counts_as_source"]),
            newsroom=_newsrooms(independence.get("same_newsroom", [])),
        )
    except KeyError as exc:
        raise SettingsError(f"resolve.yaml: missing key {exc}") from exc
    except (TypeError, ValueError, AttributeError) as exc:
        raise SettingsError(f"resolve.yaml: {exc}") from exc


@cache
def settings() -> ResolveSettings:
    """The bundled settings, read and checked on first use only."""
    return parse_settings(load(ResolveFile).model_dump())
