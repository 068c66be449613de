"""Survey results: for staff (/suara-anak/hasil/, any area of their scope, by area, school,
age band or sex) and for the public (/suara/hasil/, the city and its kecamatan only). Every
number comes suppressed from ``jaga.voice.selectors.results``."""

from __future__ import annotations

from typing import Any

from django.shortcuts import render
from django.views.decorators.http import require_GET

from jaga.access.decorators import rule
from jaga.access.policy import can
from jaga.areas.models import Area, AreaKind
from jaga.voice.models import AgeBand, Round, Sex
from jaga.voice.selectors import comparison
from jaga.voice.selectors.results import (
    BREAKDOWN_TITLES,
    Breakdown,
    ResultFilter,
    breakdowns_for,
    feels_safe,
    latest_round,
    public_results_area,
    results,
    rounds_of,
    staff_results_area,
    trend,
)


def _round(request, city_code: str) -> Round | None:
    rounds = rounds_of(city_code)
    chosen = request.GET.get("putaran", "")
    if chosen.isdigit():
        return rounds.filter(pk=int(chosen)).first() or latest_round(city_code)
    return latest_round(city_code)


def _breakdown(request, allowed: list[Breakdown]) -> Breakdown:
    value = request.GET.get("menurut", "")
    return Breakdown(value) if value in {b.value for b in allowed} else allowed[0]


def _choice(request, name: str, values: list[str]) -> str:
    value = request.GET.get(name, "")
    return value if value in values else ""


def _context(request, area: Area, city_code: str, breakdowns: list[Breakdown]) -> dict:
    survey_round = _round(request, city_code)
    breakdown = _breakdown(request, breakdowns)
    context: dict[str, Any] = {
        "area": area,
        "survey_round": survey_round,
        "rounds": rounds_of(city_code),
        "breakdown": breakdown,
        "breakdown_title": BREAKDOWN_TITLES[breakdown],
        "breakdowns": [(b.value, BREAKDOWN_TITLES[b]) for b in breakdowns],
        "age_band": _choice(request, "umur", AgeBand.values),
        "sex": _choice(request, "kelamin", Sex.values),
        "age_bands": AgeBand.choices,
        "sexes": Sex.choices,
    }
    if survey_round is not None:
        result_filter = ResultFilter(survey_round, area.code, context["age_band"], context["sex"])
        context["results"] = results(result_filter, breakdown)
        context["headline"] = feels_safe(survey_round, area.code)
        context["trend"] = trend(list(context["rounds"]), area.code)
    return context


@rule("voice.results")
@require_GET
def staff_results(request):
    area, city_code = staff_results_area(request.user, request.GET.get("wilayah", ""))
    if area.kind == AreaKind.PROVINCE:  # rounds belong to a city: choose one
        cities = area.children.filter(kind=AreaKind.CITY).order_by("code")
        return render(request, "voice/results_cities.html", {"area": area, "cities": cities})
    context = _context(request, area, city_code, breakdowns_for(area, public=False))
    context["children"] = area.children.exclude(kind=AreaKind.RT).order_by("code")
    context["parent_open"] = bool(area.parent) and can(request.user, "voice.results", area.parent)
    if context.get("survey_round") is not None and area.kind != AreaKind.KELURAHAN:
        context["comparison"] = comparison.side_by_side(context["survey_round"], area)
    return render(request, "voice/results.html", context)


@rule("voice.public")
@require_GET
def public_results(request):
    """The city and its kecamatan, nothing below (kelurahan groups are too small to publish)."""
    city_code, kecamatan_code = request.GET.get("kota", "64.71"), request.GET.get("wilayah", "")
    area, city = public_results_area(city_code, kecamatan_code)
    context = _context(request, area, city.code, breakdowns_for(area, public=True))
    context["city"] = city
    context["kecamatan_list"] = city.children.filter(kind=AreaKind.KECAMATAN).order_by("code")
    return render(request, "voice/child/results.html", context)
