"""How much the Forum Anak took part in a period, as counts (for the KLA evaluation's
indicator 6): consultations held, children taking part, proposals sent and answered."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from jaga.access.paths import within
from jaga.voice.models import Consultation, Proposal
from jaga.voice.models.forums import ANSWERED


@dataclass(frozen=True)
class Participation:
    consultations: int
    children: int
    proposals: int
    answered: int


def participation(area_code: str, start: dt.date, end: dt.date) -> Participation:
    """Forums inside ``area_code``, ``start`` ≤ date < ``end``. Two queries."""
    held = Consultation.objects.filter(
        within(area_code, "forum__area__code"), held_on__gte=start, held_on__lt=end
    ).aggregate(
        n=Count("pk"),
        children=Sum("girls_younger")
        + Sum("boys_younger")
        + Sum("girls_older")
        + Sum("boys_older"),
    )
    sent = Proposal.objects.filter(
        within(area_code, "forum__area__code"), sent_on__gte=start, sent_on__lt=end
    ).aggregate(n=Count("pk"), answered=Count("pk", filter=Q(status__in=ANSWERED)))
    return Participation(held["n"], held["children"] or 0, sent["n"], sent["answered"])
