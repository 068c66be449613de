"""The score before the ministry sees it: points per item, indicator, cluster and total on
the 0–1000 scale with the predicate; the score at risk (points claimed with no evidence the
verifier can check, with evidence outside the round's period, or weaker than the answer:
documents covering only part of the period, a photo offered for a figure — an item Jaga
computes carries its own); and what lifts the city to the next predicate. Pure arithmetic
over the round's answers, computed values and evidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jaga.core.periods import Period
from jaga.core.suppression import FLOOR, small_label
from jaga.kla.instrument import predicates
from jaga.kla.models import Answer, AnswerKind, Computed, Evidence, Indicator, Item

SCALE = 1000
LIFTS = 5


def _number(value: str | Decimal | float | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def shown(value: float | int | None) -> str:
    """A figure as the pages and evidence show it: a count from 1 to 4 as "<5" (it could
    point at a child); percentages and larger counts as they are."""
    if value is None:
        return "—"
    if float(value).is_integer() and 0 < value < FLOOR:
        return small_label()
    return f"{value:g}" if isinstance(value, float) else str(value)


def choice_for(item: Item, number: float) -> int | None:
    """The graded answer a computed number reaches: the highest ``min`` it is at or above."""
    reached = [(c["min"], i) for i, c in enumerate(item.choices) if c.get("min") is not None]
    reached = [pair for pair in reached if number >= pair[0]]
    return max(reached)[1] if reached else None


def points_for(item: Item, value: str | Decimal | float | None) -> float:
    """The points an answer earns (a choice index for a graded item)."""
    if value in (None, ""):
        return 0.0
    if item.kind in (AnswerKind.YES_NO, AnswerKind.DOCUMENT):
        return float(item.max_points) if value == "yes" else 0.0
    number = _number(value)
    if number is None:
        return 0.0
    if item.kind == AnswerKind.CHOICE:
        index = int(number)
        return float(item.choices[index]["points"]) if 0 <= index < len(item.choices) else 0.0
    if item.kind == AnswerKind.PERCENT:
        return round(item.max_points * max(0.0, min(number, 100.0)) / 100, 1)
    if item.target:
        return round(item.max_points * max(0.0, min(number / float(item.target), 1.0)), 1)
    return float(item.max_points) if number > 0 else 0.0


def answer_label(item: Item, value: str) -> str:
    if item.kind in (AnswerKind.YES_NO, AnswerKind.DOCUMENT):
        return _("Ya") if value == "yes" else _("Tidak")
    if item.kind == AnswerKind.CHOICE and value.isdigit() and int(value) < len(item.choices):
        return item.choices[int(value)]["label"]
    return value


# Why a typed answer's points are at risk, as the item's page says it.
RISK_REASONS = {
    "missing": gettext_lazy("berisiko: bukti belum ada"),
    "stale": gettext_lazy("berisiko: bukti di luar periode penilaian"),
    "partial": gettext_lazy("berisiko sebagian: bukti hanya mencakup sebagian periode"),
    "photo": gettext_lazy("berisiko: foto tidak membuktikan angka; unggah dokumen sumbernya"),
}
# The kinds of answer that claim a figure: a photo shows that something exists, not how many.
FIGURES = (AnswerKind.NUMBER, AnswerKind.PERCENT, AnswerKind.CHOICE)


@dataclass
class ItemScore:
    item: Item
    answer: Answer | None
    computed: Computed | None
    claimed: float
    at_risk: float
    evidence: list[Evidence] = field(default_factory=list)
    risk: str = ""  # a key of RISK_REASONS when points are at risk

    @property
    def risk_reason(self) -> str:
        return str(RISK_REASONS[self.risk]) if self.at_risk and self.risk else ""

    @property
    def likely(self) -> float:
        return self.claimed - self.at_risk

    @property
    def missing(self) -> float:
        return self.item.max_points - self.likely

    @property
    def value_label(self) -> str:
        if self.computed is not None:
            number = self.computed.value
            if self.item.kind == AnswerKind.CHOICE:
                index = choice_for(self.item, float(number))
                return answer_label(self.item, str(index)) + f" ({shown(float(number))})"
            return shown(float(number)) + (" %" if self.item.kind == AnswerKind.PERCENT else "")
        return answer_label(self.item, self.answer.value) if self.answer else ""

    @property
    def figures(self) -> list[tuple[str, str]]:
        """The aggregates under a computed value, small counts suppressed."""
        rows = self.computed.figures if self.computed is not None else []
        return [(label, shown(value)) for label, value in rows]


def item_score(
    item: Item,
    answer: Answer | None,
    computed: Computed | None,
    evidence: list[Evidence],
    period: Period,
) -> ItemScore:
    if item.computation:
        if computed is None:
            return ItemScore(item, answer, None, 0.0, 0.0)
        value: float | str | None = float(computed.value)
        if item.kind == AnswerKind.CHOICE:
            value = choice_for(item, float(computed.value))
        return ItemScore(item, answer, computed, points_for(item, value), 0.0)
    claimed = points_for(item, answer.value) if answer else 0.0
    # A typed answer is only as good as the documents the verifier can check: the points
    # stand for the share of the period evaluated those documents cover together.
    usable = [e for e in evidence if item.kind not in FIGURES or not is_photo(e)]
    share = covered_share(usable, period)
    at_risk = round(claimed * (1 - share), 1)
    return ItemScore(item, answer, None, claimed, at_risk, evidence, _risk(evidence, usable, share))


def is_photo(evidence: Evidence) -> bool:
    return evidence.content_type.startswith("image/")


def _risk(evidence: list[Evidence], usable: list[Evidence], share: float) -> str:
    if not evidence:
        return "missing"
    if not usable:
        return "photo"
    if share == 0:
        return "stale"
    return "partial" if share < 1 else ""


def covered_share(evidence: list[Evidence], period: Period) -> float:
    """How much of ``period`` the documents cover together, from 0 to 1, by days; one without
    dates is taken as covering it all (the verifier reads its date)."""
    spans = []
    for row in evidence:
        start = max(row.period_start or period.start, period.start)
        end = min(
            row.period_end + dt.timedelta(days=1) if row.period_end else period.end, period.end
        )
        if start < end:
            spans.append((start, end))
    covered, reached = 0, period.start
    for start, end in sorted(spans):
        start = max(start, reached)
        if start < end:
            covered += (end - start).days
            reached = end
    return covered / (period.end - period.start).days


@dataclass
class IndicatorScore:
    indicator: Indicator
    items: list[ItemScore] = field(default_factory=list)

    @property
    def max_points(self) -> int:
        return sum(i.item.max_points for i in self.items)

    @property
    def claimed(self) -> float:
        return round(sum(i.claimed for i in self.items), 1)

    @property
    def likely(self) -> float:
        return round(sum(i.likely for i in self.items), 1)

    @property
    def answered(self) -> int:
        return sum(1 for i in self.items if i.answer is not None or i.computed is not None)


def predicate_of(score: int) -> str:
    for name, low, high in predicates():
        if low <= score <= high:
            return name
    return _("Belum berpredikat")


def next_predicate(score: int) -> tuple[str, int] | None:
    above = [(low, name) for name, low, _high in predicates() if low > score]
    return (min(above)[1], min(above)[0]) if above else None


@dataclass
class RoundScore:
    indicators: list[IndicatorScore]

    @property
    def max_points(self) -> int:
        return sum(i.max_points for i in self.indicators)

    def _scaled(self, points: float) -> int:
        return round(SCALE * points / self.max_points) if self.max_points else 0

    @property
    def score(self) -> int:
        return self._scaled(sum(i.claimed for i in self.indicators))

    @property
    def likely_score(self) -> int:
        return self._scaled(sum(i.likely for i in self.indicators))

    @property
    def at_risk(self) -> int:
        return self.score - self.likely_score

    @property
    def predicate(self) -> str:
        return predicate_of(self.score)

    @property
    def likely_predicate(self) -> str:
        return predicate_of(self.likely_score)

    @property
    def next_step(self) -> tuple[str, int] | None:
        """The next predicate above the likely score and the points (0–1000) it needs."""
        found = next_predicate(self.likely_score)
        return (found[0], found[1] - self.likely_score) if found else None

    @property
    def lifts(self) -> list[ItemScore]:
        """The items with the most points still missing, first."""
        items = [i for ind in self.indicators for i in ind.items if i.missing > 0]
        return sorted(items, key=lambda i: -i.missing)[:LIFTS]

    def scaled(self, points: float) -> int:
        return self._scaled(points)

    @property
    def clusters(self) -> list[tuple[str, str, int, int]]:
        """Per cluster: (code, name, likely score, maximum) on the 0–1000 scale."""
        rows: dict[str, list] = {}
        for ind in self.indicators:
            row = rows.setdefault(ind.indicator.cluster, [ind.indicator.cluster_name, 0.0, 0])
            row[1] += ind.likely
            row[2] += ind.max_points
        return [(code, n, self._scaled(p), self._scaled(m)) for code, (n, p, m) in rows.items()]


def round_score(
    indicators: list[Indicator],
    answers: dict[int, Answer],
    computed: dict[int, Computed],
    evidence: dict[int, list[Evidence]],
    period: Period,
) -> RoundScore:
    """``indicators`` with their items prefetched; answers, computed values and evidence by
    item id; ``period`` the one the round evaluates."""
    return RoundScore(
        [
            IndicatorScore(
                ind,
                [
                    item_score(
                        i, answers.get(i.pk), computed.get(i.pk), evidence.get(i.pk, []), period
                    )
                    for i in ind.items.all()
                ],
            )
            for ind in indicators
        ]
    )
