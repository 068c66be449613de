"""Counts of cases and victims by a dimension, totals, services and the area × sex grid."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from django.db.models import (
    Count,
    F,
    FilteredRelation,
    Q,
    QuerySet,
)
from django.db.models.functions import Left
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jaga.access.paths import depth, within
from jaga.areas.models import Area
from jaga.cases.models import (
    Case,
    CasePerson,
    CaseService,
    PersonKind,
)
from jaga.codes.models import Code, CodeList
from jaga.core.periods import Period
from jaga.reports.models import Channel

UNKNOWN = ""  # the key of "not recorded" rows


@dataclass(frozen=True)
class FigureFilter:
    """What a figure is about: the cases of an area (code, RT prefix) in a period."""

    area_code: str
    period: Period

    def a_year_earlier(self) -> FigureFilter:
        return replace(self, period=self.period.a_year_earlier())


# --- The cases a figure counts -----------------------------------------------------------


def cases_in(figure_filter: FigureFilter) -> QuerySet[Case]:
    """The cases of the area reported in the period (``Case.reported_at``, annotated as
    ``reported``)."""
    start, end = figure_filter.period.bounds()
    return (
        Case.objects.annotate(reported=F("reported_at"))
        .filter(within(figure_filter.area_code, "rt__code"))
        .filter(reported__gte=start, reported__lt=end)
    )


def _with_people(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Separate joins to a case's victims and to its alleged perpetrators."""
    return cases.annotate(
        victim=FilteredRelation("people", condition=Q(people__kind=PersonKind.VICTIM)),
        perpetrator=FilteredRelation("people", condition=Q(people__kind=PersonKind.PERPETRATOR)),
    )


# --- Counts by category -----------------------------------------------------------------


class Dimension(StrEnum):
    """What cases and victims can be counted by (the value is the URL's name for it)."""

    VIOLENCE_FORM = "bentuk"
    AGE_GROUP = "umur"
    SEX = "kelamin"
    PLACE = "tempat"
    RELATIONSHIP = "hubungan"
    AREA = "wilayah"
    CHANNEL = "saluran"


DIMENSION_TITLES = {
    Dimension.VIOLENCE_FORM: gettext_lazy("Bentuk kekerasan"),
    Dimension.AGE_GROUP: gettext_lazy("Kelompok umur korban"),
    Dimension.SEX: gettext_lazy("Jenis kelamin korban"),
    Dimension.PLACE: gettext_lazy("Tempat kejadian"),
    Dimension.RELATIONSHIP: gettext_lazy("Hubungan pelaku dengan korban"),
    Dimension.AREA: gettext_lazy("Wilayah"),
    Dimension.CHANNEL: gettext_lazy("Saluran laporan"),
}

# The code list behind each coded dimension, and the ORM path of its code on a case.
CODED = {
    Dimension.VIOLENCE_FORM: (CodeList.VIOLENCE_FORM, "violence_forms__code"),
    Dimension.AGE_GROUP: (CodeList.AGE_GROUP, "victim__age_group__code"),
    Dimension.SEX: (CodeList.SEX, "victim__sex__code"),
    Dimension.PLACE: (CodeList.PLACE, "place__code"),
    Dimension.RELATIONSHIP: (CodeList.RELATIONSHIP, "perpetrator__relationship__code"),
}


@dataclass(frozen=True)
class Tally:
    """One row of a breakdown. A case with two forms of violence (or two victims of two age
    groups) counts in both rows: rows of such dimensions do not add up to the total."""

    key: str
    label: str
    cases: int
    victims: int


@dataclass(frozen=True)
class Totals:
    cases: int
    victims: int
    perpetrators: int


def child_code_length(area_code: str) -> int:
    """How long the code of an area one level below ``area_code`` is (Kemendagri codes are
    fixed width below the national area: 64 / 64.71 / 64.71.01 / 64.71.01.1001; an RT adds
    .NNN)."""
    return {0: 2, 1: 5, 2: 8, 3: 13, 4: 17}.get(depth(area_code), len(area_code))


def _key_expression(dimension: Dimension, area_code: str):
    if dimension == Dimension.AREA:
        return Left("rt__code", child_code_length(area_code))
    if dimension == Dimension.CHANNEL:
        return F("report__channel")
    return F(CODED[dimension][1])


def _counts(cases: QuerySet[Case], key) -> dict[str, tuple[int, int]]:
    rows = (
        _with_people(cases)
        .values(key=key)
        .annotate(n_cases=Count("pk", distinct=True), n_victims=Count("victim", distinct=True))
        .order_by()
    )
    return {row["key"] or UNKNOWN: (row["n_cases"], row["n_victims"]) for row in rows}


def labels(dimension: Dimension, area_code: str) -> list[tuple[str, str]]:
    """Every category of the dimension, in reference order (one query at most)."""
    if dimension == Dimension.CHANNEL:
        return [(str(value), str(label)) for value, label in Channel.choices]
    if dimension == Dimension.AREA:
        children = Area.objects.filter(parent__code=area_code).order_by("code")
        return [(code, name) for code, name in children.values_list("code", "name")]
    codes = Code.objects.of(CODED[dimension][0]).order_by("position")
    return [(code.code, str(code)) for code in codes]


def tally_by(figure_filter: FigureFilter, dimension: Dimension) -> list[Tally]:
    """Cases and victims of the filter by one dimension: every category (zeros too) in
    reference order, then "not recorded" when some have none. Two queries."""
    counts = _counts(cases_in(figure_filter), _key_expression(dimension, figure_filter.area_code))
    return tally_rows(dimension, figure_filter.area_code, counts)


def tally_rows(
    dimension: Dimension, area_code: str, counts: dict[str, tuple[int, int]]
) -> list[Tally]:
    """Counts by key as a breakdown's rows: every category in reference order, then "not
    recorded" and keys outside the list when there are any. At most one query."""
    rows = [
        Tally(key, label, *counts.pop(key, (0, 0))) for key, label in labels(dimension, area_code)
    ]
    missing = counts.pop(UNKNOWN, None)
    if missing:
        rows.append(Tally(UNKNOWN, _("Tidak tercatat"), *missing))
    # Codes outside the reference list (should not happen) are kept, not dropped silently.
    rows += [Tally(key, key, *value) for key, value in sorted(counts.items())]
    return rows


def totals(figure_filter: FigureFilter) -> Totals:
    """How many cases, victims and alleged perpetrators the filter holds. One query."""
    result = _with_people(cases_in(figure_filter)).aggregate(
        cases=Count("pk", distinct=True),
        victims=Count("victim", distinct=True),
        perpetrators=Count("perpetrator", distinct=True),
    )
    return Totals(**result)


@dataclass(frozen=True)
class ServiceTally:
    key: str
    label: str
    services: int
    cases: int


def services_by_type(figure_filter: FigureFilter) -> list[ServiceTally]:
    """Services started in the period for cases of the area, by SIMFONI-PPA service. Two
    queries."""
    period = figure_filter.period
    rows = (
        CaseService.objects.filter(within(figure_filter.area_code, "case__rt__code"))
        .filter(started_on__gte=period.start, started_on__lt=period.end)
        .values("service__code")
        .annotate(n=Count("pk"), n_cases=Count("case", distinct=True))
        .order_by()
    )
    return service_rows({row["service__code"]: (row["n"], row["n_cases"]) for row in rows})


def service_rows(counts: dict[str, tuple[int, int]]) -> list[ServiceTally]:
    """Services and cases by service code as rows of every SIMFONI-PPA service, in reference
    order. One query."""
    return [
        ServiceTally(code.code, str(code), *counts.get(code.code, (0, 0)))
        for code in Code.objects.of(CodeList.SERVICE).order_by("position")
    ]


# --- Percentiles ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Grid:
    """Counts by two categories: ``counts[row][column]``, every row and column listed."""

    rows: list[tuple[str, str]]
    columns: list[tuple[str, str]]
    counts: list[list[int]]


def victims_by_area_and_sex(figure_filter: FigureFilter) -> Grid:
    """Victims of the filter by the area one level down and by sex (every victim has exactly
    one of each, so the grid adds up to the victim total). Three queries."""
    length = child_code_length(figure_filter.area_code)
    rows = (
        CasePerson.objects.filter(
            kind=PersonKind.VICTIM, case__in=cases_in(figure_filter).values("pk")
        )
        .values(area=Left("case__rt__code", length), sex_code=F("sex__code"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {(row["area"], row["sex_code"]): row["n"] for row in rows}
    areas = labels(Dimension.AREA, figure_filter.area_code)
    sexes = labels(Dimension.SEX, figure_filter.area_code)
    return Grid(
        areas,
        sexes,
        [[counts.get((area, sex), 0) for sex, _label in sexes] for area, _name in areas],
    )
