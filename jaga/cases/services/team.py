"""Who works on a case (its team) and the services given to it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.access.policy import roles
from jaga.access.roles import Role
from jaga.audit.models import AuditAction
from jaga.cases.models import Case, CaseMember, CaseService, EventKind, MemberRole
from jaga.cases.services.people import _code_or_none
from jaga.cases.services.record import _audit, _event
from jaga.codes.models import CodeList
from jaga.core.checks import Problems, today
from jaga.people.models import Organisation, Person

TEAM_ROLES = {Role.CASE_MANAGER, Role.UPTD_HEAD, Role.ACTIVIST, Role.PARTNER_OFFICER}


@transaction.atomic
def case_service_add(
    *,
    case: Case,
    by: Person,
    service: str,
    organisation: Organisation | None = None,
    started_on: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> CaseService:
    """Record a service (SIMFONI-PPA list) given to the victim, optionally by a partner."""
    problems = Problems()
    code = _code_or_none(problems, "service", CodeList.SERVICE, service)
    if code is None and "service" not in problems.errors:
        problems.add("service", _("Pilih layanan."))
    started_on = started_on or today()
    if started_on > today():
        problems.add("started_on", _("Tanggal mulai layanan tidak boleh di masa depan."))
    problems.raise_any()
    assert code is not None  # a missing service was refused above
    given = CaseService.objects.create(
        case=case, service=code, organisation=organisation, started_on=started_on, added_by=by
    )
    _event(case, by, EventKind.SERVICE, str(code))
    _audit(by, AuditAction.CHANGE, case, ["services"], request)
    return given


@transaction.atomic
def case_member_add(
    *, case: Case, by: Person, person: Person, role: str, request: HttpRequest | None = None
) -> CaseMember:
    """Put someone on the case team (they then see the identities). Only active people who
    hold a role that works on cases may join, once."""

    if role not in MemberRole.values:
        raise ValidationError({"role": _("Pilih peran dalam tim.")})
    if not person.is_active or not roles(person) & TEAM_ROLES:
        raise ValidationError(
            {"person": _("Orang ini tidak memegang peran yang dapat bergabung dengan tim kasus.")}
        )
    if CaseMember.objects.filter(case=case, person=person, removed_at__isnull=True).exists():
        raise ValidationError({"person": _("Orang ini sudah menjadi anggota tim kasus.")})
    member = CaseMember.objects.create(case=case, person=person, role=role, added_by=by)
    _event(case, by, EventKind.MEMBER, str(MemberRole(role).label))
    _audit(by, AuditAction.CHANGE, case, ["members"], request)
    return member


@transaction.atomic
def case_member_remove(
    *, member: CaseMember, by: Person, request: HttpRequest | None = None
) -> CaseMember:
    """Take someone off the case team: from now on they see the case as outsiders do. The
    case manager stays (another manager is assigned by changing the case's manager)."""
    member = CaseMember.objects.select_for_update().select_related("case").get(pk=member.pk)
    if member.removed_at:
        raise ValidationError(_("Orang ini sudah dikeluarkan dari tim kasus."))
    if member.person_id == member.case.manager_id:
        raise ValidationError(_("Manajer kasus tidak dapat dikeluarkan dari tim."))
    member.removed_at = timezone.now()
    member.save(update_fields=["removed_at"])
    _event(member.case, by, EventKind.MEMBER, _("Anggota tim dikeluarkan"))
    _audit(by, AuditAction.CHANGE, member.case, ["members"], request)
    return member
