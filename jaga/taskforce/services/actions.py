"""Writes about action items: agreeing one on an agenda item (also the door for other apps,
e.g. the children's voice app answering a Forum Anak proposal), progress, closing with
evidence, and the reminders before the due date."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.codes.models import Code, CodeList
from jaga.notifications.services import notify
from jaga.people.models import Person
from jaga.taskforce.models import (
    ActionItem,
    ActionProgress,
    ActionStatus,
    AgendaItem,
    FocalPerson,
    Member,
)
from jaga.taskforce.recipients import action_owners
from jaga.taskforce.services.documents import check_document
from jaga.taskforce.services.meetings import check_open
from jaga.taskforce.services.texts import one_line, plain

# Reminders go to the owner this many days before the due date (each once).
REMINDER_DAYS = (7, 1)


@transaction.atomic
def action_item_create(
    *,
    agenda_item: AgendaItem,
    title: str,
    owner: Member | None,
    due_date: datetime.date | None,
    expected_evidence: str,
    indicators: Iterable[Code] = (),
    owner_person: FocalPerson | None = None,
    by: Person | None,
    request: HttpRequest | None = None,
) -> ActionItem:
    """Agree an action item on an agenda item: an owner organisation of the task force (and
    maybe one of its focal people), a due date not before the meeting, the KLA indicators it
    serves and the evidence expected. Its clock starts at the meeting. Refused once the
    meeting's minutes are final. Nothing is written when anything is wrong. Audited."""
    meeting = agenda_item.meeting
    check_open(meeting)
    title = one_line(title)
    expected_evidence = one_line(expected_evidence, "expected_evidence")
    indicators = list(indicators)
    errors = {}
    if not title:
        errors["title"] = _("Tuliskan rencana aksinya.")
    if owner is None:
        errors["owner"] = _("Rencana aksi perlu organisasi penanggung jawab.")
    elif owner.taskforce_id != meeting.taskforce_id:
        errors["owner"] = _("Penanggung jawab harus organisasi anggota gugus tugas ini.")
    elif owner_person is not None and owner_person.member_id != owner.pk:
        errors["owner_person"] = _("Orang yang ditunjuk harus narahubung organisasi tersebut.")
    meeting_day = timezone.localdate(meeting.starts_at)
    if due_date is None:
        errors["due_date"] = _("Rencana aksi perlu tenggat.")
    elif due_date < meeting_day:
        errors["due_date"] = _("Tenggat tidak boleh sebelum tanggal rapat (%(day)s).") % {
            "day": f"{meeting_day:%d-%m-%Y}"
        }
    if not expected_evidence:
        errors["expected_evidence"] = _("Tuliskan bukti yang diharapkan saat rencana aksi selesai.")
    if any(code.list != CodeList.KLA_INDICATOR for code in indicators):
        errors["indicators"] = _("Pilih indikator dari 24 indikator KLA.")
    if errors or owner is None or due_date is None:
        raise ValidationError(errors)
    item = ActionItem.objects.create(
        agenda_item=agenda_item,
        title=title[:300],
        owner=owner,
        owner_person=owner_person,
        due_date=due_date,
        expected_evidence=expected_evidence[:300],
        created_by=by,
    )
    item.indicators.set(indicators)
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        target=item,
        fields=["title", "owner", "owner_person", "due_date", "indicators", "expected_evidence"],
        request=request,
    )
    return item


def _check_not_done(item: ActionItem) -> None:
    if item.status == ActionStatus.DONE:
        raise ValidationError(_("Rencana aksi ini sudah selesai dan ditutup."))


@transaction.atomic
def action_progress_add(
    *,
    item: ActionItem,
    note: str,
    document: UploadedFile | None = None,
    by: Person | None,
    request: HttpRequest | None = None,
) -> ActionProgress:
    """The owner reports progress (maybe with a PDF or image); the item is then under way."""
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    _check_not_done(item)
    note = plain(note, "note")
    if not note:
        raise ValidationError({"note": _("Tuliskan kemajuan yang dicapai.")})
    if document is not None:
        check_document(document, field="document")
    progress = ActionProgress.objects.create(
        action_item=item, note=note[:4000], document=document or "", recorded_by=by
    )
    if item.status == ActionStatus.OPEN:
        item.status = ActionStatus.IN_PROGRESS
        item.save(update_fields=["status"])
    audit_record(
        actor=by, action=AuditAction.CHANGE, target=item, fields=["progress"], request=request
    )
    return progress


@transaction.atomic
def action_item_close(
    *,
    item: ActionItem,
    evidence: str,
    document: UploadedFile | None = None,
    by: Person | None,
    at: datetime.datetime | None = None,
    request: HttpRequest | None = None,
) -> ActionItem:
    """Close an action item with the evidence that it is done; its clock stops."""
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    _check_not_done(item)
    evidence = plain(evidence, "evidence")
    if not evidence:
        raise ValidationError({"evidence": _("Tuliskan bukti penyelesaian rencana aksi.")})
    if document is not None:
        check_document(document, field="document")
        item.evidence_document = document
    item.status, item.evidence = ActionStatus.DONE, evidence[:4000]
    item.closed_at, item.closed_by = at or timezone.now(), by
    item.save(update_fields=["status", "evidence", "evidence_document", "closed_at", "closed_by"])
    audit_record(
        actor=by,
        action=AuditAction.CHANGE,
        target=item,
        fields=["status", "evidence", "closed_at"],
        request=request,
    )
    return item


def action_items_remind(now: datetime.datetime) -> int:
    """Remind the owners of open action items due within ``REMINDER_DAYS`` (each reminder
    once, even when two runs overlap: the notification key and the counter). Returns how many
    reminders were sent. Run by ``jaga escalate``."""
    today = timezone.localdate(now)
    latest = today + datetime.timedelta(days=max(REMINDER_DAYS))
    candidates = (
        ActionItem.objects.exclude(status=ActionStatus.DONE)
        .filter(due_date__gte=today, due_date__lte=latest, reminders_sent__lt=len(REMINDER_DAYS))
        .select_related("owner_person__person")
    )
    sent = 0
    for item in candidates:
        days_left = (item.due_date - today).days
        due_reminders = sum(1 for days in REMINDER_DAYS if days_left <= days)
        if due_reminders > item.reminders_sent:
            _remind(item, due_reminders, days_left)
            sent += 1
    return sent


@transaction.atomic
def _remind(item: ActionItem, level: int, days_left: int) -> None:
    notify(
        recipients=action_owners(item),
        kind="taskforce.reminder",
        title=_("Pengingat rencana aksi %(number)s") % {"number": item.number},
        body=_("Tenggat %(due)s (%(days)s hari lagi): %(title)s")
        % {"due": f"{item.due_date:%d-%m-%Y}", "days": days_left, "title": item.title},
        link=item.get_absolute_url(),
        subject_type="taskforce.actionitem",
        subject_id=item.pk,
        number=item.number,
        key=f"taskforce.action:{item.pk}:reminder:{level}",
    )
    ActionItem.objects.filter(pk=item.pk, reminders_sent__lt=level).update(reminders_sent=level)
