"""Writes to the Seksi PPA registry and the RTs' monthly returns. Each runs in one transaction,
is validated before anything is saved, and leaves an audit event naming fields, never values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.access.roles import Role
from jaga.areas.models import Area, AreaKind
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.core.periods import current_month, month_start, previous_month
from jaga.people.models import Person
from jaga.people.volunteers import (
    volunteer_invite,
    volunteer_phone,
    volunteer_set_active,
    volunteer_training_add,
)
from jaga.sections.models import (
    Member,
    MonthlyReturn,
    Position,
    ReturnKind,
    Section,
    Training,
    phone_index,
)
from jaga.sections.selectors import deadline_passed


def _require_rt(rt: Area) -> None:
    if rt.kind != AreaKind.RT:
        raise ValidationError(_("Seksi PPA hanya ada di tingkat RT."))


def _validate_section(*, is_formed: bool, decision_date: dt.date | None) -> None:
    # The date of the RT board's decision is the evidence the mayor's instruction report asks
    # for; its number is often missing in practice, so only the date is required.
    if is_formed and decision_date is None:
        raise ValidationError({"decision_date": _("Isi tanggal SK pembentukan Seksi PPA.")})
    if decision_date and decision_date > timezone.localdate():
        raise ValidationError({"decision_date": _("Tanggal SK tidak boleh di masa depan.")})


@transaction.atomic
def section_save(
    *,
    rt: Area,
    is_formed: bool,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    is_active: bool = True,
    changed_by: Person | None,
) -> Section:
    """Create or update the section of ``rt``. Saves (and audits) only when something
    changed, so saving the same values twice leaves no trace."""
    _require_rt(rt)
    _validate_section(is_formed=is_formed, decision_date=decision_date)
    values = {
        "is_formed": is_formed,
        "decision_number": decision_number.strip(),
        "decision_date": decision_date,
        "is_active": is_active,
    }
    section = Section.objects.filter(rt=rt).first()
    if section is None:
        section = Section.objects.create(rt=rt, **values)
        changed, action = list(values), AuditAction.CREATE
    else:
        changed = [name for name, value in values.items() if getattr(section, name) != value]
        for name in changed:
            setattr(section, name, values[name])
        if changed:
            section.save(update_fields=[*changed, "updated_at"])
        action = AuditAction.CHANGE
    if changed:
        audit_record(actor=changed_by, action=action, target=section, fields=changed)
    return section


def _check_phone_free(index: str, *, section: Section, exclude_pk: int | None = None) -> None:
    """A phone belongs to one active member city-wide (see the model's constraint)."""
    clash = Member.objects.filter(phone_index=index, is_active=True)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.filter(section=section).exists():
        raise ValidationError({"phone": _("Nomor HP ini sudah tercatat di seksi ini.")})
    if clash.exists():
        raise ValidationError(
            {"phone": _("Nomor HP ini sudah tercatat sebagai anggota Seksi PPA RT lain.")}
        )


@transaction.atomic
def member_add(
    *, rt: Area, name: str, phone: str, position: str, changed_by: Person | None
) -> Member:
    """Add a member to the section of ``rt`` (creating an unformed section if none is
    recorded). The phone is normalised and must not belong to another active member."""
    _require_rt(rt)
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Isi nama anggota.")})
    if position not in Position.values:
        raise ValidationError({"position": _("Jabatan tidak dikenal.")})
    phone = volunteer_phone(phone)
    section = Section.objects.filter(rt=rt).first() or section_save(
        rt=rt, is_formed=False, changed_by=changed_by
    )
    index = phone_index(phone)
    _check_phone_free(index, section=section)
    if Member.objects.filter(section=section, phone_index=index).exists():
        raise ValidationError(
            {"phone": _("Nomor HP ini milik anggota nonaktif seksi ini: aktifkan kembali.")}
        )
    member = Member.objects.create(
        section=section, name=name, phone=phone, phone_index=index, position=position
    )
    audit_record(
        actor=changed_by,
        action=AuditAction.CREATE,
        target=member,
        area_code=rt.code,
        fields=["name", "phone", "position"],
    )
    return member


@transaction.atomic
def member_set_active(*, member: Member, active: bool, changed_by: Person | None) -> Member:
    """End (or resume) a membership of the section; the record and its trainings stay."""
    if active and not member.is_active:
        _check_phone_free(member.phone_index, section=member.section, exclude_pk=member.pk)
    volunteer_set_active(record=member, active=active, changed_by=changed_by)
    return member


@transaction.atomic
def training_add(
    *, member: Member, title: str, held_on: dt.date, changed_by: Person | None
) -> Training:
    """Record a training the member attended; the same training on the same day once."""
    training = volunteer_training_add(
        record=member,
        title=title,
        held_on=held_on,
        area_code=member.section.rt.code,
        changed_by=changed_by,
        recorded_already=_("Pelatihan ini sudah tercatat untuk anggota ini."),
    )
    return cast(Training, training)


def member_username(member: Member) -> str:
    """A username that says nothing about the person: people sign in with their phone."""
    return f"seksi-ppa-{member.pk}"


@transaction.atomic
def member_invite(*, member: Member, invited_by: Person) -> Person:
    """Make an RT PPA officer account for the member in one step: the account gets the
    member's name and phone and the RT_OFFICER role in the member's RT. The caller shows the
    link from ``people.services.invitation_path``. Refuses inactive or already invited members."""
    return volunteer_invite(
        record=member,
        username=member_username(member),
        role=Role.RT_OFFICER,
        area=member.section.rt,
        invited_by=invited_by,
        not_active=_("Anggota ini tidak aktif."),
        has_account=_("Anggota ini sudah punya akun."),
    )


def allowed_months(today: dt.date | None = None) -> list[dt.date]:
    """The months an RT may still answer for: this month, and last month until its deadline
    (the 5th)."""
    today = today or timezone.localdate()
    this = current_month(today)
    last = previous_month(this)
    return [this] if deadline_passed(last, today) else [last, this]


@dataclass(frozen=True)
class ReturnResult:
    monthly_return: MonthlyReturn
    changed: bool


@transaction.atomic
def monthly_return_submit(
    *,
    rt: Area,
    kind: str,
    submitted_by: Person | None,
    month: dt.date | None = None,
    today: dt.date | None = None,
) -> ReturnResult:
    """Record the RT's answer for ``month`` (default: this month): nil ("no case") or
    reported. Tapping twice changes nothing; a changed answer is kept and audited. Months
    past their deadline (the 5th of the next month) or in the future are refused."""
    _require_rt(rt)
    if kind not in ReturnKind.values:
        raise ValidationError({"kind": _("Jawaban tidak dikenal.")})
    month = month_start(month or current_month(today))
    if month not in allowed_months(today):
        raise ValidationError(
            {
                "month": _(
                    "Laporan untuk bulan itu tidak dapat dikirim lagi: batasnya tanggal 5 "
                    "bulan berikutnya, dan bulan yang belum berjalan belum bisa dilaporkan."
                )
            }
        )
    existing = MonthlyReturn.objects.select_for_update().filter(rt=rt, month=month).first()
    if existing is not None and existing.kind == kind:
        return ReturnResult(existing, changed=False)
    if existing is None:
        record = MonthlyReturn.objects.create(
            rt=rt, month=month, kind=kind, submitted_by=submitted_by
        )
        action = AuditAction.CREATE
    else:
        record = existing
        record.kind, record.submitted_by, record.submitted_at = kind, submitted_by, timezone.now()
        record.save(update_fields=["kind", "submitted_by", "submitted_at"])
        action = AuditAction.CHANGE
    audit_record(actor=submitted_by, action=action, target=record, fields=["kind", "month"])
    return ReturnResult(record, changed=True)
