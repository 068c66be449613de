"""Survey results: for staff (/suara-anak/hasil/, any area of their scope, by area, school,
age band or sex) and for the public (/suara/hasil/, the city and its kecamatan only). Every
number comes suppressed from ``jaga.voice.selectors.results``."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jaga.access.decorators import rule
from jaga.access.policy import can, get_object, scope_roots
from jaga.areas.models import Area, AreaKind
from jaga.voice.models import AgeBand, Round, Sex
from jaga.voice.selectors import comparison
from jaga.voice.selectors.results import (
    BREAKDOWN_TITLES,
    Breakdown,
    ResultFilter,
    feels_safe,
    latest_round,
    results,
    rounds_of,
    trend,
)

PUBLIC_BREAKDOWNS = [Breakdown.AREA, Breakdown.AGE_BAND, Breakdown.SEX]


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
    code = request.GET.get("wilayah") or next(iter(scope_roots(request.user, "voice.results")), "")
    areas = Area.objects.exclude(kind=AreaKind.RT).select_related("parent")
    area = get_object(request.user, "voice.results", areas, code=code)
    city_code = ".".join(area.code.split(".")[:2]) if area.code.count(".") >= 1 else ""
    if area.kind == AreaKind.PROVINCE:  # rounds belong to a city: choose one
        cities = area.children.filter(kind=AreaKind.CITY).order_by("code")
        return render(request, "voice/results_cities.html", {"area": area, "cities": cities})
    breakdowns = [Breakdown.AREA, Breakdown.SCHOOL, Breakdown.AGE_BAND, Breakdown.SEX]
    if area.kind == AreaKind.KELURAHAN:
        breakdowns.remove(Breakdown.AREA)
    context = _context(request, area, city_code, breakdowns)
    context["children"] = area.children.exclude(kind=AreaKind.RT).order_by("code")
    context["parent_open"] = bool(area.parent) and can(request.user, "voice.results", area.parent)
    if context.get("survey_round") is not None and area.kind != AreaKind.KELURAHAN:
        context["comparison"] = comparison.side_by_side(context["survey_round"], area)
    return render(request, "voice/results.html", context)


@rule("voice.public")
@require_GET
def public_results(request):
    """The city and its kecamatan, nothing below (kelurahan groups are too small to publish)."""
    city = Area.objects.filter(kind=AreaKind.CITY, code=request.GET.get("kota", "64.71")).first()
    if city is None:
        raise Http404
    kecamatan = request.GET.get("wilayah", "")
    area = city.children.filter(code=kecamatan, kind=AreaKind.KECAMATAN).first() or city
    breakdowns = list(PUBLIC_BREAKDOWNS)
    if area.kind == AreaKind.KECAMATAN:
        breakdowns.remove(Breakdown.AREA)
    context = _context(request, area, city.code, breakdowns)
    context["city"] = city
    context["kecamatan_list"] = city.children.filter(kind=AreaKind.KECAMATAN).order_by("code")
    return render(request, "voice/child/results.html", context)
