"""Writes about minutes: the secretary's draft, the correction window for attendees, the
final (locked) version, and corrections recorded after that."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.notifications.services import notify
from jaga.people.models import Person
from jaga.taskforce.models import (
    ATTENDED,
    CorrectionKind,
    Meeting,
    Member,
    Minutes,
    MinutesCorrection,
    MinutesStatus,
)
from jaga.taskforce.recipients import focal_accounts
from jaga.taskforce.services.texts import one_line, plain

MAX_CORRECTION_DAYS = 14
FINAL_LOCKED = _(
    "Notulen sudah final dan terkunci: perubahan hanya lewat koreksi tercatat beserta alasannya."
)


@transaction.atomic
def minutes_save(
    *, meeting: Meeting, text: str, by: Person | None, request: HttpRequest | None = None
) -> Minutes:
    """Write or rewrite the draft of a meeting's minutes (held meetings only; never final
    ones). Audited."""
    text = plain(text, "text")
    if not text:
        raise ValidationError({"text": _("Tuliskan isi notulen.")})
    if meeting.starts_at > timezone.now():
        raise ValidationError({"text": _("Notulen ditulis setelah rapat dimulai.")})
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is not None and minutes.is_final:
        raise ValidationError({"text": FINAL_LOCKED})
    if minutes is None:
        minutes = Minutes.objects.create(meeting=meeting, text=text, drafted_by=by)
        action = AuditAction.CREATE
    else:
        minutes.text, minutes.updated_at = text, timezone.now()
        minutes.save(update_fields=["text", "updated_at"])
        action = AuditAction.CHANGE
    audit_record(actor=by, action=action, target=minutes, fields=["text"], request=request)
    return minutes


@transaction.atomic
def minutes_send_for_correction(
    *, minutes: Minutes, days: int, by: Person | None, request: HttpRequest | None = None
) -> Minutes:
    """Send the draft to the attending organisations' focal people, who may send corrections
    for ``days`` days. Audited."""
    if minutes.is_final:
        raise ValidationError(FINAL_LOCKED)
    if not 1 <= days <= MAX_CORRECTION_DAYS:
        raise ValidationError(
            {"days": _("Masa koreksi antara 1 dan %(max)s hari.") % {"max": MAX_CORRECTION_DAYS}}
        )
    now = timezone.now()
    minutes.status, minutes.sent_at = MinutesStatus.IN_REVIEW, now
    minutes.corrections_until = timezone.localdate(now) + datetime.timedelta(days=days)
    minutes.save(update_fields=["status", "sent_at", "corrections_until"])
    attendees = Member.objects.filter(
        attendances__meeting=minutes.meeting_id, attendances__status__in=ATTENDED
    )
    notify(
        recipients=focal_accounts(attendees),
        kind="taskforce.minutes",
        title=_("Draf notulen untuk dikoreksi: %(title)s") % {"title": minutes.meeting.title},
        body=_("Kirim koreksi sampai %(day)s.") % {"day": f"{minutes.corrections_until:%d-%m-%Y}"},
        link=minutes.meeting.get_absolute_url(),
        subject_type="taskforce.minutes",
        subject_id=minutes.pk,
        key=f"taskforce.minutes:{minutes.pk}:review:{now:%Y%m%d%H%M%S}",
    )
    audit_record(
        actor=by,
        action=AuditAction.CHANGE,
        target=minutes,
        fields=["status", "corrections_until"],
        request=request,
    )
    return minutes


@transaction.atomic
def minutes_suggest(
    *, minutes: Minutes, text: str, by: Person | None, request: HttpRequest | None = None
) -> MinutesCorrection:
    """An attendee's correction, within the correction window. Audited."""
    text = plain(text, "text")
    if minutes.status != MinutesStatus.IN_REVIEW:
        raise ValidationError({"text": _("Notulen ini tidak sedang dalam masa koreksi.")})
    if minutes.corrections_until and timezone.localdate() > minutes.corrections_until:
        raise ValidationError(
            {
                "text": _("Masa koreksi berakhir %(day)s.")
                % {"day": f"{minutes.corrections_until:%d-%m-%Y}"}
            }
        )
    if not text:
        raise ValidationError({"text": _("Tuliskan koreksi Anda.")})
    correction = MinutesCorrection.objects.create(
        minutes=minutes, kind=CorrectionKind.SUGGESTED, text=text[:4000], by=by
    )
    audit_record(
        actor=by, action=AuditAction.CHANGE, target=minutes, fields=["corrections"], request=request
    )
    return correction


@transaction.atomic
def minutes_finalise(
    *, minutes: Minutes, by: Person | None, request: HttpRequest | None = None
) -> Minutes:
    """Make the minutes final and lock them (and the meeting's agenda, attendance and
    outcomes). Not while the correction window is open. Audited."""
    if minutes.is_final:
        raise ValidationError(_("Notulen ini sudah final."))
    if (
        minutes.status == MinutesStatus.IN_REVIEW
        and minutes.corrections_until
        and timezone.localdate() <= minutes.corrections_until
    ):
        raise ValidationError(
            _("Masa koreksi masih berjalan sampai %(day)s: finalkan sesudahnya.")
            % {"day": f"{minutes.corrections_until:%d-%m-%Y}"}
        )
    minutes.status = MinutesStatus.FINAL
    minutes.finalised_at, minutes.finalised_by = timezone.now(), by
    minutes.save(update_fields=["status", "finalised_at", "finalised_by"])
    audit_record(
        actor=by, action=AuditAction.CHANGE, target=minutes, fields=["status"], request=request
    )
    return minutes


@transaction.atomic
def minutes_correct(
    *,
    minutes: Minutes,
    text: str,
    reason: str,
    by: Person | None,
    request: HttpRequest | None = None,
) -> MinutesCorrection:
    """Change final minutes: the text before, the new text and the reason are recorded."""
    text, reason = plain(text, "text"), one_line(reason, "reason")
    errors = {}
    if not minutes.is_final:
        errors["text"] = _("Notulen belum final: ubah drafnya langsung.")
    elif text == minutes.text.strip():
        errors["text"] = _("Teks koreksi sama dengan notulen final.")
    if not text:
        errors["text"] = _("Tuliskan isi notulen setelah koreksi.")
    if not reason:
        errors["reason"] = _("Tuliskan alasan koreksi notulen final.")
    if errors:
        raise ValidationError(errors)
    correction = MinutesCorrection.objects.create(
        minutes=minutes,
        kind=CorrectionKind.RECORDED,
        text=reason[:4000],
        previous_text=minutes.text,
        by=by,
    )
    minutes.text, minutes.updated_at = text, timezone.now()
    minutes.save(update_fields=["text", "updated_at"])
    audit_record(
        actor=by,
        action=AuditAction.CHANGE,
        target=minutes,
        fields=["text"],
        reason=reason,
        request=request,
    )
    return correction
