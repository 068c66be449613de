"""The breach-notice report (UU 27/2022 PDP: notice within 3×24 hours): for one victim —
chosen by case and person, or by NIK through the blind index — every audit event in which
someone saw or exported their identity, with who, their organisation, when, from which
address and the signed checkpoint it lies under. Nothing is decrypted: the person is found
by ids or by the NIK's keyed hash, and the report names records, never their values."""

import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.access.policy import get_object, visible
from jaga.access.users import User
from jaga.audit.breach import Seen, Watch, identity_events
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.cases.hooks import IDENTITY_SOURCES
from jaga.cases.models import Case, CasePerson, PersonKind
from jaga.core.crypto import blind_index
from jaga.core.identity import NIK_PURPOSE
from jaga.people.models import Membership
from jaga.reports.models import Report

RULE = "cases.breach_report"
PERSON_TYPE = "cases.caseperson"
# The field names the trail keeps when each kind of read showed an identity.
CASE_IDENTITY = frozenset(
    {"people.name", "people.nik", "people.birth_date", "people.address", "people.phone"}
)
PERSON_IDENTITY = frozenset({"name", "nik", "birth_date", "address", "phone"})
REPORT_IDENTITY = frozenset({"victim_name", "victim_nik", "victim_birth_date", "victim_address"})


@dataclass(frozen=True)
class BreachSubjects:
    """The records that hold the person's identity: victim entries in case files and the
    reports that named them (a case's source report always: its text may name every victim
    of the case, and a notice errs on the side of telling)."""

    people: list[CasePerson]
    reports: list[Report]

    def records(self) -> list[CasePerson | Report]:
        return [*self.people, *self.reports]


@dataclass(frozen=True)
class BreachEntry:
    seen: Seen
    organisations: list[str]  # the actor's organisations when the event happened
    what: str  # the record, by its kind and number

    @property
    def checkpoint(self) -> str:
        covering = self.seen.checkpoint
        if covering.checkpoint is None:
            return _("belum ada titik periksa bertanda tangan")
        label = covering.checkpoint.where()
        if covering.verified:
            return _("%(where)s, terverifikasi") % {"where": label}
        return _("%(where)s, TIDAK COCOK: jejak audit diubah") % {"where": label}


@dataclass
class BreachReport:
    subjects: BreachSubjects
    entries: list[BreachEntry]
    generated_at: dt.datetime = field(default_factory=timezone.now)


def breach_subjects_of(user: User, case_pk: int, person_pk: int) -> BreachSubjects:
    """One victim of one case the user may report on (404 otherwise)."""
    case = get_object(user, RULE, Case.objects.all(), pk=case_pk)
    victim = case.people.filter(kind=PersonKind.VICTIM, pk=person_pk)
    found = list(victim.select_related("case__rt"))
    if not found:
        raise Http404
    reports = list(Report.objects.filter(pk=case.report_id).select_related("rt"))
    return BreachSubjects(found, reports)


def breach_subjects_by_nik(user: User, nik: str) -> BreachSubjects:
    """Every victim entry and report with this NIK, in the user's reach, found by the NIK's
    blind index (no record is decrypted to look)."""
    digest = blind_index(nik, NIK_PURPOSE)
    cases = visible(user, RULE, Case.objects.all())
    people = list(
        CasePerson.objects.filter(kind=PersonKind.VICTIM, nik_index=digest, case__in=cases)
        .select_related("case__rt")
        .order_by("case_id", "pk")
    )
    named = Q(victim_nik_index=digest) | Q(case__in=[p.case_id for p in people])
    reports = list(
        visible(user, RULE, Report.objects.select_related("rt")).filter(named).order_by("pk")
    )
    return BreachSubjects(people, reports)


def _watches(subjects: BreachSubjects) -> list[Watch]:
    cases = tuple(sorted({str(p.case_id) for p in subjects.people}))
    own = [
        Watch("cases.case", cases, CASE_IDENTITY),
        Watch(PERSON_TYPE, tuple(str(p.pk) for p in subjects.people), PERSON_IDENTITY),
        Watch("reports.report", tuple(str(r.pk) for r in subjects.reports), REPORT_IDENTITY),
    ]
    return own + [watch for source in IDENTITY_SOURCES for watch in source(subjects.people)]


def _organisations(seen: list[Seen]) -> dict[int, list[Membership]]:
    actors = {s.event.actor_id for s in seen if s.event.actor_id}
    memberships = Membership.objects.filter(person_id__in=actors, organisation__isnull=False)
    by_actor: dict[int, list[Membership]] = {}
    for membership in memberships.select_related("organisation").order_by("started_at"):
        by_actor.setdefault(membership.person_id, []).append(membership)
    return by_actor


def _at(memberships: list[Membership], at: dt.datetime) -> list[str]:
    held = [
        m.organisation.name
        for m in memberships
        if m.organisation and m.started_at <= at and (m.ended_at is None or m.ended_at > at)
    ]
    return sorted(set(held))


def _what(object_type: str, object_id: str, case_numbers: dict[str, str]) -> str:
    if object_type == "cases.case" and object_id in case_numbers:
        return _("kasus %(number)s") % {"number": case_numbers[object_id]}
    try:
        kind = str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        kind = object_type
    return f"{kind} #{object_id}"


def breach_report(
    user: User, subjects: BreachSubjects, *, pdf: bool = False, request: HttpRequest | None = None
) -> BreachReport:
    """The report on ``subjects`` (found through ``RULE``): the trail read in one query,
    organisations in one more, the checkpoints in two. Its making is audited on each subject
    record (an export when it is the PDF), naming no identity field, so the report itself
    never shows up in a later report as a sighting."""
    seen = identity_events(_watches(subjects), [(PERSON_TYPE, p.pk) for p in subjects.people])
    memberships = _organisations(seen)
    numbers = {str(p.case_id): p.case.number for p in subjects.people}
    entries = [
        BreachEntry(
            s,
            _at(memberships.get(s.event.actor_id or 0, []), s.event.at),
            _what(s.event.object_type, s.event.object_id, numbers),
        )
        for s in seen
    ]
    for record in subjects.records():
        audit_record(
            actor=user,
            action=AuditAction.EXPORT if pdf else AuditAction.READ,
            target=record,
            fields=["breach_report.pdf" if pdf else "breach_report"],
            request=request,
        )
    return BreachReport(subjects, entries)


def breach_case_victims(user: User, number: str) -> list[CasePerson]:
    """The victims of the case with this number, if the user may report on it (no values
    of theirs are read: the page tells them apart by kind, sex and age group)."""
    cases = visible(user, RULE, Case.objects.filter(number__iexact=number.strip().upper()))
    victims = CasePerson.objects.filter(case__in=cases, kind=PersonKind.VICTIM)
    return list(
        victims.select_related("case", "sex", "age_group")
        .only("case__number", "sex", "age_group", "victim_kind", "added_at")
        .order_by("added_at", "pk")
    )
