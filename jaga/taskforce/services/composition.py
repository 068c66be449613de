"""Writes about the task force's composition: the decree, member organisations, focal people."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from jaga.areas.models import Area
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.codes.models import Code, CodeList
from jaga.people.models import Organisation, Person
from jaga.taskforce.models import FocalPerson, Member, MemberRole, Taskforce
from jaga.taskforce.services.texts import one_line


@transaction.atomic
def taskforce_create(
    *,
    name: str,
    area: Area,
    secretariat: Organisation,
    decree_number: str,
    decree_date: datetime.date,
    period_start: datetime.date,
    period_end: datetime.date,
    by: Person | None,
    is_demo: bool = False,
    request: HttpRequest | None = None,
) -> Taskforce:
    """A task force as its decree sets it up. Audited."""
    name, decree_number = one_line(name, "name"), one_line(decree_number, "decree_number")
    errors = {}
    if not name:
        errors["name"] = _("Tuliskan nama gugus tugas.")
    if not decree_number:
        errors["decree_number"] = _("Tuliskan nomor SK pembentukan gugus tugas.")
    if period_end < period_start:
        errors["period_end"] = _("Masa kerja berakhir tidak boleh sebelum masa kerja mulai.")
    if errors:
        raise ValidationError(errors)
    taskforce = Taskforce.objects.create(
        name=name[:160],
        area=area,
        secretariat=secretariat,
        decree_number=decree_number[:100],
        decree_date=decree_date,
        period_start=period_start,
        period_end=period_end,
        is_demo=is_demo,
    )
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        target=taskforce,
        fields=["name", "decree_number", "decree_date", "period_start", "period_end"],
        request=request,
    )
    return taskforce


def cluster_codes() -> set[str]:
    return set(Code.objects.of(CodeList.KLA_CLUSTER).values_list("code", flat=True))


@transaction.atomic
def member_add(
    *,
    taskforce: Taskforce,
    organisation: Organisation,
    cluster: str,
    by: Person | None,
    request: HttpRequest | None = None,
) -> Member:
    """Put an organisation on the task force, serving one KLA cluster. Audited."""
    errors = {}
    if cluster not in cluster_codes():
        errors["cluster"] = _("Pilih klaster KLA: kelembagaan atau klaster I–V.")
    if not taskforce.area.contains(organisation.area):
        errors["organisation"] = _("Organisasi ini bekerja di luar wilayah gugus tugas.")
    elif Member.objects.filter(taskforce=taskforce, organisation=organisation).exists():
        errors["organisation"] = _("%(org)s sudah menjadi anggota gugus tugas ini.") % {
            "org": organisation
        }
    if errors:
        raise ValidationError(errors)
    member = Member.objects.create(taskforce=taskforce, organisation=organisation, cluster=cluster)
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        target=member,
        fields=["organisation", "cluster"],
        request=request,
    )
    return member


@transaction.atomic
def focal_person_add(
    *,
    member: Member,
    role: str,
    person: Person | None = None,
    guest_name: str = "",
    by: Person | None,
    request: HttpRequest | None = None,
) -> FocalPerson:
    """Name who speaks for a member organisation: an account or a named guest, with a role
    (one chair and one secretary per task force). Audited (the guest's name is not)."""
    guest_name = one_line(guest_name, "guest_name")
    errors = {}
    if role not in MemberRole.values:
        errors["role"] = _("Pilih peran: ketua, sekretaris, koordinator klaster atau anggota.")
    elif role in (MemberRole.CHAIR, MemberRole.SECRETARY):
        taken = FocalPerson.objects.filter(member__taskforce=member.taskforce_id, role=role)
        if taken.exists():
            errors["role"] = _("Gugus tugas ini sudah punya %(role)s.") % {
                "role": MemberRole(role).label.lower()
            }
    if person is None and not guest_name:
        errors["guest_name"] = _("Pilih akun narahubung atau tuliskan namanya.")
    if person is not None and guest_name:
        errors["guest_name"] = _("Pilih akun atau tuliskan nama tamu, tidak keduanya.")
    if errors:
        raise ValidationError(errors)
    focal = FocalPerson.objects.create(
        member=member, role=role, person=person, guest_name=guest_name[:160]
    )
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        target=member,
        fields=["focal_people"],
        request=request,
    )
    return focal
