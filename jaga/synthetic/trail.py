"""Topping the audit trail up to a size, for the breach-notice benchmark (1M+ events) without
generating half a million cases: the synthetic cases are read again and again over their
lifetimes — by their managers, by the partner officers their referral went to, now and then
revealed by the city administrator — the events a busy city's trail fills with. The cases are
walked in keyset pages and the events appended in batches, so memory stays flat."""

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from jaga.access.roles import Role
from jaga.audit.models import AuditAction, AuditEvent
from jaga.audit.services import audit_append_many
from jaga.cases.models import Case, ShareField
from jaga.people.models import Membership, Person
from jaga.referrals.models import Referral

PAGE = 2000  # cases read at a time
MEAN_EVENTS_PER_CASE = 10  # a pass over 100k cases gives about 1M events; fewer cases, more passes
PARTNER_SHARE = 0.3  # of a referred case's events, those of the partner's officers
DOWNLOAD_SHARE = 0.1  # of a partner officer's events, downloads of the shared data
REVEAL_SHARE = 0.005  # of a case's events, the administrator opening its identities
TEAM_READ = ["people.address", "people.name", "people.nik"]  # what a case team's read shows
REVEALED = ["people.address", "people.birth_date", "people.name", "people.nik", "people.phone"]
SHARED = [f"shared.{ShareField.CASE_FACTS}"]  # what the synthetic referrals share
REVEAL_REASON = "Pemeriksaan pengaduan keluarga (sintetis)"


@dataclass(frozen=True)
class _Case:
    pk: int
    manager_id: int
    area_code: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    referral_id: int | None
    partner_id: int | None


def _cases(prefix: str) -> Iterator[_Case]:
    """The series' cases in order of id, a page at a time, each with its referral (if any)."""
    referral = Referral.objects.filter(case=OuterRef("pk")).order_by("pk")
    base = (
        Case.objects.filter(number__startswith=prefix + "-")
        .annotate(
            referral_id=Subquery(referral.values("pk")[:1]),
            partner_id=Subquery(referral.values("organisation_id")[:1]),
        )
        .order_by("pk")
    )
    fields = ("pk", "manager_id", "rt__code", "opened_at", "closed_at", "referral_id", "partner_id")
    last = 0
    while page := list(base.filter(pk__gt=last).values_list(*fields)[:PAGE]):
        yield from (_Case(*row) for row in page)
        last = page[-1][0]


def _officers() -> dict[int, list[int]]:
    """The synthetic partner officers, by organisation."""
    by: dict[int, list[int]] = {}
    memberships = Membership.objects.filter(
        role=Role.PARTNER_OFFICER, person__username__startswith="syn."
    ).order_by("pk")
    for person_id, organisation_id in memberships.values_list("person_id", "organisation_id"):
        by.setdefault(organisation_id, []).append(person_id)
    return by


def _events(rng: random.Random, prefix: str, admin: int, now: dt.datetime) -> Iterator[AuditEvent]:
    """Events without end: the cases walked over and over, a handful each pass."""
    officers = _officers()
    while True:
        walked = False
        for case in _cases(prefix):
            walked = True
            for _ in range(rng.randint(1, 2 * MEAN_EVENTS_PER_CASE - 1)):
                yield _event(rng, case, officers, admin, now)
        if not walked:
            return


def _event(
    rng: random.Random, case: _Case, officers: dict[int, list[int]], admin: int, now: dt.datetime
) -> AuditEvent:
    """One sighting of the case at a moment of its life (opening to closing, or to now)."""
    at = case.opened_at + ((case.closed_at or now) - case.opened_at) * rng.random()
    team = officers.get(case.partner_id or 0)
    on_case, reason = ("cases.case", case.pk), ""
    if case.referral_id and team and rng.random() < PARTNER_SHARE:
        actor, target, fields = rng.choice(team), ("referrals.referral", case.referral_id), SHARED
        action = AuditAction.DOWNLOAD if rng.random() < DOWNLOAD_SHARE else AuditAction.READ
    elif rng.random() < REVEAL_SHARE:
        actor, target, fields, action = admin, on_case, REVEALED, AuditAction.REVEAL
        reason = REVEAL_REASON
    else:
        actor, target, fields, action = case.manager_id, on_case, TEAM_READ, AuditAction.READ
    return AuditEvent(
        at=at,
        actor_id=actor,
        action=action,
        object_type=target[0],
        object_id=str(target[1]),
        area_code=case.area_code,
        fields=fields,
        reason=reason,
    )


def audit_top_up(*, events: int, prefix: str, seed: int, batch_size: int) -> Iterator[int]:
    """Add events on the ``prefix`` series' cases until the trail holds ``events`` (nothing
    when it already does, or when there are no such cases); yields the running total."""
    done = AuditEvent.objects.count()
    rng = random.Random(seed * 1_000_003 + done)
    admin = Person.objects.get(username="syn.admin").pk
    stream = _events(rng, prefix, admin, timezone.now())
    while done < events:
        batch = list(islice(stream, min(batch_size, events - done)))
        if not batch:
            return
        with transaction.atomic():
            audit_append_many(batch)
        done += len(batch)
        yield done
