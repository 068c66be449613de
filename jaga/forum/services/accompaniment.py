"""Accompaniment visits an activist on a case team records: a step of its own kind on the case
timeline, with the transport cost DP3AKB reimburses."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.cases.models import Case, CaseEvent, EventKind
from jaga.core.checks import Problems, check_plain_text
from jaga.forum.models import Accompaniment, Activist, Destination
from jaga.people.models import Person

# One visit's transport in a city: more is a slip of a zero (Rp 1.000.000).
MAX_TRANSPORT = 1_000_000


@transaction.atomic
def accompaniment_record(
    *,
    case: Case,
    activist: Person,
    visited_on: dt.date | None,
    destination: str,
    transport_cost: int | None = 0,
    note: str = "",
    request: HttpRequest | None = None,
    is_demo: bool = False,
) -> Accompaniment:
    """Record a visit on ``case`` (the caller fetched it under ``forum.accompany``: the
    activist is on its team). Refuses a day in the future or before the case was reported, an
    unknown destination, a negative or absurd cost, HTML in the note. The case timeline gets
    an ACCOMPANIMENT step; the case change is audited."""
    problems = Problems()
    today = timezone.localdate()
    reported = timezone.localdate(case.reported_at)
    if visited_on is None:
        problems.add("visited_on", _("Isi tanggal pendampingan."))
    elif visited_on > today:
        problems.add("visited_on", _("Tanggal pendampingan tidak boleh di masa depan."))
    elif visited_on < reported:
        problems.add(
            "visited_on",
            _("Tanggal pendampingan sebelum kasus dilaporkan (%(day)s).")
            % {"day": reported.strftime("%d-%m-%Y")},
        )
    if destination not in Destination.values:
        problems.add("destination", _("Pilih jenis pendampingan."))
    cost = transport_cost or 0
    if cost < 0:
        problems.add("transport_cost", _("Biaya transport tidak boleh negatif."))
    elif cost > MAX_TRANSPORT:
        problems.add(
            "transport_cost",
            _("Biaya transport Rp %(cost)s tidak masuk akal untuk satu pendampingan.")
            % {"cost": f"{cost:,}".replace(",", ".")},
        )
    note = problems.check("note", check_plain_text, note) or ""
    problems.raise_any()
    assert visited_on is not None  # checked above
    own = Activist.objects.filter(person=activist, is_active=True).first()
    label = Destination(destination).label
    event = CaseEvent.objects.create(
        case=case,
        actor=activist,
        kind=EventKind.ACCOMPANIMENT,
        note=f"{label}, {visited_on:%d-%m-%Y}" + (f": {note}" if note else ""),
    )
    visit = Accompaniment.objects.create(
        case=case,
        event=event,
        activist=activist,
        chapter=own.chapter if own else None,
        visited_on=visited_on,
        destination=destination,
        note=note,
        transport_cost=cost,
        is_demo=is_demo,
    )
    audit_record(
        actor=activist,
        action=AuditAction.CHANGE,
        target=case,
        fields=["accompaniments"],
        request=request,
    )
    return visit
