"""Reads of the area hierarchy."""

from django.db.models import Count, Q, QuerySet

from jaga.areas.models import Area, AreaKind, within


def area_children(area: Area) -> QuerySet[Area]:
    """The areas directly under ``area`` with how many RTs each holds."""
    return area.children.annotate(
        rt_count=Count("children", filter=Q(children__kind=AreaKind.RT))
    ).order_by("code")


def rt_count_within(area: Area) -> int:
    return Area.objects.filter(within(area.code), kind=AreaKind.RT).count()


def kelurahan_choices(city_code: str) -> QuerySet[Area]:
    return Area.objects.filter(within(city_code), kind=AreaKind.KELURAHAN).order_by("name")
