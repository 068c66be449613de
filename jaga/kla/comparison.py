"""A round beside the city's previous one: the total, each cluster and each indicator, so
DP3AKB sees where the city lost ground before the ministry does. Rounds may answer different
instruments (the national list is being revised): clusters are compared on the 0–1000 scale,
indicators by their number, and an indicator the other round lacks has no figure to compare."""

from __future__ import annotations

from dataclasses import dataclass

from jaga.kla.models import Round
from jaga.kla.score import RoundScore


@dataclass(frozen=True)
class Change:
    now: float
    before: float | None

    @property
    def delta(self) -> float | None:
        return None if self.before is None else round(self.now - self.before, 1)

    @property
    def fell(self) -> bool:
        return self.delta is not None and self.delta < 0


@dataclass(frozen=True)
class Comparison:
    previous: Round
    total: Change
    # The ministry's result for the previous round, when it was entered: what the city's own
    # likely score turned into last time.
    previous_final: int | None
    clusters: dict[str, Change]
    indicators: dict[int, Change]

    @property
    def fallen(self) -> list[int]:
        """The indicators that scored fewer points than last time, in number order."""
        return sorted(number for number, change in self.indicators.items() if change.fell)


def compare(
    kla_round: Round, score: RoundScore, previous: Round, previous_score: RoundScore
) -> Comparison:
    """``score`` (of ``kla_round``) beside ``previous_score``; likely scores on both sides,
    because that is the figure a verifier would keep."""
    before_clusters = {code: points for code, _name, points, _most in previous_score.clusters}
    before_indicators = {i.indicator.number: i.likely for i in previous_score.indicators}
    return Comparison(
        previous=previous,
        total=Change(score.likely_score, previous_score.likely_score),
        previous_final=previous.final_score,
        clusters={
            code: Change(points, before_clusters.get(code))
            for code, _name, points, _most in score.clusters
        },
        indicators={
            i.indicator.number: Change(i.likely, before_indicators.get(i.indicator.number))
            for i in score.indicators
        },
    )


def cluster_rows(
    score: RoundScore, comparison: Comparison | None, coordinators: dict[str, list[str]]
) -> list[tuple[str, str, int, int, Change | None]]:
    """Per cluster: name, its coordinators, likely score, maximum and the change since the
    previous round."""
    changes = comparison.clusters if comparison else {}
    return [
        (name, ", ".join(coordinators.get(code, [])), points, most, changes.get(code))
        for code, name, points, most in score.clusters
    ]


def indicator_change(comparison: Comparison | None, number: int) -> Change | None:
    return comparison.indicators.get(number) if comparison else None
