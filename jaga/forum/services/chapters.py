"""Chapters and their activists. Each write runs in one transaction, is validated before
anything is saved, and leaves an audit event naming fields, never values."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.access.roles import Role
from jaga.areas.models import Area, AreaKind
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.forum.models import Activist, ActivistTraining, Chapter, Position, phone_index
from jaga.people.models import Membership, Organisation, OrganisationKind, Person
from jaga.people.volunteers import (
    volunteer_invite,
    volunteer_phone,
    volunteer_set_active,
    volunteer_training_add,
)


def _chapter_checked(*, formed_on: dt.date | None, decision_date: dt.date | None) -> dt.date:
    today = timezone.localdate()
    errors = {}
    if formed_on is None:
        errors["formed_on"] = _("Isi tanggal pembentukan FP2ATBM kelurahan.")
    elif formed_on > today:
        errors["formed_on"] = _("Tanggal pembentukan tidak boleh di masa depan.")
    if decision_date and decision_date > today:
        errors["decision_date"] = _("Tanggal SK tidak boleh di masa depan.")
    if errors:
        raise ValidationError(errors)
    assert formed_on is not None
    return formed_on


def chapter_organisation(kelurahan: Area) -> Organisation:
    """The kelurahan's FP2ATBM organisation (activists' accounts belong to it), made if
    missing."""
    organisation = Organisation.objects.filter(
        kind=OrganisationKind.FP2ATBM_CHAPTER, area=kelurahan
    ).first()
    return organisation or Organisation.objects.create(
        name=_("FP2ATBM Kelurahan %(name)s") % {"name": kelurahan.name},
        kind=OrganisationKind.FP2ATBM_CHAPTER,
        area=kelurahan,
    )


@transaction.atomic
def chapter_save(
    *,
    kelurahan: Area,
    formed_on: dt.date | None,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    changed_by: Person | None,
    is_demo: bool = False,
) -> Chapter:
    """Create or update the chapter of ``kelurahan``. Saves (and audits) only what changed,
    so saving the same values twice leaves no trace."""
    if kelurahan.kind != AreaKind.KELURAHAN:
        raise ValidationError(_("FP2ATBM dibentuk di tingkat kelurahan."))
    formed_on = _chapter_checked(formed_on=formed_on, decision_date=decision_date)
    values = {
        "formed_on": formed_on,
        "decision_number": decision_number.strip()[:80],
        "decision_date": decision_date,
    }
    chapter = Chapter.objects.filter(kelurahan=kelurahan).first()
    if chapter is None:
        chapter = Chapter.objects.create(
            kelurahan=kelurahan,
            organisation=chapter_organisation(kelurahan),
            is_demo=is_demo,
            **values,
        )
        changed, action = list(values), AuditAction.CREATE
    else:
        earliest = chapter.sessions.order_by("held_on").values_list("held_on", flat=True).first()
        if earliest and formed_on > earliest:
            raise ValidationError(
                {
                    "formed_on": _(
                        "Sudah ada sosialisasi tercatat pada %(day)s: tanggal pembentukan "
                        "tidak boleh sesudahnya."
                    )
                    % {"day": earliest.strftime("%d-%m-%Y")}
                }
            )
        changed = [name for name, value in values.items() if getattr(chapter, name) != value]
        for name in changed:
            setattr(chapter, name, values[name])
        if changed:
            chapter.save(update_fields=changed)
        action = AuditAction.CHANGE
    if changed:
        audit_record(actor=changed_by, action=action, target=chapter, fields=changed)
    return chapter


def check_phone_free(index: str, *, exclude_pk: int | None = None) -> None:
    """A phone belongs to one active activist city-wide (see the model's constraint)."""
    clash = Activist.objects.filter(phone_index=index, is_active=True)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {"phone": _("Nomor HP ini sudah tercatat untuk aktivis FP2ATBM lain yang aktif.")}
        )


@transaction.atomic
def activist_add(
    *, chapter: Chapter, name: str, phone: str, position: str, changed_by: Person | None
) -> Activist:
    """Add an activist to ``chapter``. The phone is normalised and must not belong to another
    active activist anywhere in the city."""
    errors: dict[str, list[str]] = {}
    name = " ".join(name.split())
    if not name:
        errors["name"] = [_("Isi nama aktivis.")]
    if position not in Position.values:
        errors["position"] = [_("Jabatan tidak dikenal.")]
    index = ""
    try:
        phone = volunteer_phone(phone)
        index = phone_index(phone)
        check_phone_free(index)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    activist = Activist.objects.create(
        chapter=chapter, name=name, phone=phone, phone_index=index, position=position
    )
    audit_record(
        actor=changed_by,
        action=AuditAction.CREATE,
        target=activist,
        area_code=chapter.kelurahan.code,
        fields=["name", "phone", "position"],
    )
    return activist


@transaction.atomic
def activist_set_active(*, activist: Activist, active: bool, changed_by: Person | None) -> Activist:
    """End (or resume) an activist's membership; the record and its trainings stay. Ending it
    also ends the account's activist role, so a former activist no longer sees cases."""
    if active and not activist.is_active:
        check_phone_free(activist.phone_index, exclude_pk=activist.pk)
    changed = volunteer_set_active(record=activist, active=active, changed_by=changed_by)
    if changed and not active and activist.person_id:
        Membership.objects.active().filter(
            person_id=activist.person_id,
            role=Role.ACTIVIST,
            organisation=activist.chapter.organisation,
        ).update(ended_at=timezone.now())
    return activist


@transaction.atomic
def activist_training_add(
    *, activist: Activist, title: str, held_on: dt.date | None, changed_by: Person | None
) -> ActivistTraining:
    """Record a training the activist attended; the same training on the same day once."""
    training = volunteer_training_add(
        record=activist,
        title=title,
        held_on=held_on,
        area_code=activist.chapter.kelurahan.code,
        changed_by=changed_by,
        recorded_already=_("Pelatihan ini sudah tercatat untuk aktivis ini."),
    )
    return cast(ActivistTraining, training)


def activist_username(activist: Activist) -> str:
    """A username that says nothing about the person: people sign in with their phone."""
    return f"fp2atbm-{activist.pk}"


@transaction.atomic
def activist_invite(*, activist: Activist, invited_by: Person | None) -> Person:
    """Make an account for the activist in one step: their name and phone, the existing
    ACTIVIST role in the chapter's organisation. The caller shows the link from
    ``people.services.invitation_path``. Refuses inactive or already invited activists."""
    return volunteer_invite(
        record=activist,
        username=activist_username(activist),
        role=Role.ACTIVIST,
        organisation=activist.chapter.organisation,
        invited_by=invited_by,
        not_active=_("Aktivis ini tidak aktif."),
        has_account=_("Aktivis ini sudah punya akun."),
    )
