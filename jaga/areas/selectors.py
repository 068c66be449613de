"""Reads of the area hierarchy."""

from typing import TypedDict

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django_stubs_ext import WithAnnotations

from jaga.areas.models import Area, AreaKind


def rts_within_count() -> Coalesce:
    """An annotation: how many RTs lie anywhere inside the row's area (by code prefix)."""
    rts = (
        Area.objects.filter(kind=AreaKind.RT, code__startswith=Concat(OuterRef("code"), Value(".")))
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rts, output_field=IntegerField()), 0)


class RtCount(TypedDict):
    rt_count: int


def area_children(area: Area) -> "QuerySet[WithAnnotations[Area, RtCount]]":
    """The areas directly under ``area``, each with the number of RTs inside it; one query."""
    return area.children.annotate(rt_count=rts_within_count()).order_by("code")
