"""Writes about the case file itself: opening it from a report, its steps, its details,
notes, attachments and the reveal of an identity. Changes to the case row are optimistically
locked: the caller passes the ``version`` it showed, and a save based on an older version is
refused, naming who changed the case and when."""

import datetime
from collections.abc import Iterable
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.cases.hooks import TRANSITION_LISTENERS, transition_problems
from jaga.cases.models import (
    TRANSITIONS,
    Case,
    CaseAttachment,
    CaseEvent,
    CaseMember,
    CaseStatus,
    EventKind,
    MemberRole,
    PersonKind,
)
from jaga.cases.services.people import _person_create
from jaga.cases.services.record import _audit, _event, _save_case, case_lock, new_case_number
from jaga.codes.models import CodeList
from jaga.codes.selectors import codes_resolve
from jaga.core.checks import (
    Problems,
    check_incident_date,
    check_plain_text,
    check_upload,
    scrubbed_upload,
    today,
)
from jaga.people.models import Person
from jaga.reports.models import Report, ReportStatus
from jaga.reports.services import report_set_status, report_take_for_case


@transaction.atomic
def case_open(*, report: Report, by: Person, request: HttpRequest | None = None) -> Case:
    """Open a case from an untriaged report: the report moves to "being handled", ``by``
    becomes the case manager and first team member, and the report's victim (if named)
    becomes the case's first victim. Refuses a report already triaged."""
    report = report_take_for_case(report)
    case = Case.objects.create(
        number=new_case_number(timezone.localdate().year),
        report=report,
        rt=report.rt,
        is_urgent=report.is_urgent,
        place=report.place,
        incident_date=report.incident_date,
        manager=by,
        updated_by=by,
        is_demo=report.is_demo,
    )
    case.violence_forms.set(report.violence_forms.all())
    CaseMember.objects.create(case=case, person=by, role=MemberRole.MANAGER, added_by=by)
    if report.victim_name or report.victim_nik:
        birth = report.victim_birth_date
        _person_create(
            case,
            kind=PersonKind.VICTIM,
            victim_kind=report.victim_kind,
            name=report.victim_name,
            nik=report.victim_nik,
            birth_date=datetime.date.fromisoformat(birth) if birth else None,
            age=report.victim_age,
            sex=report.victim_sex,
            address=report.victim_address,
        )
    _event(case, by, EventKind.OPENED, to_status=case.status)
    _audit(by, AuditAction.CREATE, case, ["report", "manager", "rt", "violence_forms"], request)
    return case


def transition_problem(case: Case, to_status: str) -> str | None:
    """Why the case may not move to ``to_status`` now, or None if it may."""
    if to_status not in CaseStatus.values:
        return _("Status tujuan tidak dikenal.")
    allowed = TRANSITIONS[case.status]
    if to_status in allowed:
        return None
    return _(
        "Status kasus tidak dapat diubah dari “%(current)s” ke “%(target)s”. "
        "Dari status ini hanya dapat ke: %(allowed)s."
    ) % {
        "current": CaseStatus(case.status).label,
        "target": CaseStatus(to_status).label,
        "allowed": ", ".join(str(CaseStatus(s).label) for s in allowed),
    }


@transaction.atomic
def case_transition(
    *,
    case: Case,
    by: Person,
    to_status: str,
    version: int,
    note: str = "",
    request: HttpRequest | None = None,
) -> Case:
    """Move the case one allowed step (see ``TRANSITIONS``), with a timestamped timeline entry.
    Closing needs a reason; closing and reopening also move the report's status, which is
    all the reporter sees. Apps that build on cases add their own conditions and follow-up
    work through ``jaga.cases.hooks``."""
    problems = Problems()
    note = problems.check("note", check_plain_text, note) or ""
    case = case_lock(case=case, version=version)
    if problem := transition_problem(case, to_status):
        problems.add("to_status", problem)
    if to_status == CaseStatus.CLOSED and not note:
        problems.add("note", _("Tuliskan alasan penutupan kasus (terminasi)."))
    if "to_status" not in problems.errors:
        for field, message in transition_problems(case, to_status).items():
            problems.add(field, message)
    problems.raise_any()
    from_status = case.status
    case.status = to_status
    case.closed_at = timezone.now() if to_status == CaseStatus.CLOSED else None
    _save_case(case, by, ["status", "closed_at"])
    _event(case, by, EventKind.STATUS, note, from_status=from_status, to_status=to_status)
    if case.report is not None:
        report_status = (
            ReportStatus.CLOSED if to_status == CaseStatus.CLOSED else ReportStatus.HANDLING
        )
        report_set_status(report=case.report, status=report_status)
    for listener in TRANSITION_LISTENERS:
        listener(case, from_status, by)
    _audit(by, AuditAction.CHANGE, case, ["status"] + (["note"] if note else []), request)
    return case


@transaction.atomic
def case_record_change(
    *,
    case: Case,
    by: Person,
    version: int,
    urgent: bool | None = None,
    manager: Person | None = None,
) -> Case:
    """A change kept in another record of the case (an assessment, a plan, a flag …): refused
    when the case moved on since the form was opened, and it moves the case's version on, so
    a form opened before it is refused in turn. ``urgent=True`` marks the case urgent;
    ``manager`` hands the case to another case manager (the team follows in the caller)."""
    case = case_lock(case=case, version=version)
    fields = []
    if urgent is not None and case.is_urgent != urgent:
        case.is_urgent = urgent
        fields.append("is_urgent")
    if manager is not None and case.manager_id != manager.pk:
        case.manager = manager
        fields.append("manager")
    _save_case(case, by, fields)
    return case


@transaction.atomic
def case_update(
    *,
    case: Case,
    by: Person,
    version: int,
    place: str,
    violence_forms: Iterable[str],
    incident_date: datetime.date | None,
    request: HttpRequest | None = None,
) -> Case:
    """Change the case's SIMFONI-PPA facts; refused when based on a stale version."""
    problems = Problems()
    forms = codes_resolve(problems, "violence_forms", CodeList.VIOLENCE_FORM, violence_forms)
    if not forms and "violence_forms" not in problems.errors:
        problems.add("violence_forms", _("Pilih setidaknya satu bentuk kekerasan."))
    place_code = codes_resolve(problems, "place", CodeList.PLACE, [place])
    reported_on = timezone.localtime(case.report.received_at).date() if case.report else today()
    problems.check("incident_date", check_incident_date, incident_date, reported_on)
    problems.raise_any()
    case = case_lock(case=case, version=version)
    case.place = place_code[0]
    case.incident_date = incident_date
    _save_case(case, by, ["place", "incident_date"])
    case.violence_forms.set(forms)
    _event(case, by, EventKind.CHANGE)
    _audit(by, AuditAction.CHANGE, case, ["place", "incident_date", "violence_forms"], request)
    return case


@transaction.atomic
def case_note_add(
    *, case: Case, by: Person, note: str, request: HttpRequest | None = None
) -> CaseEvent:
    """A progress note (catatan perkembangan) on the timeline, encrypted at rest."""
    problems = Problems()
    note = problems.check("note", check_plain_text, note) or ""
    if not note and "note" not in problems.errors:
        problems.add("note", _("Catatan tidak boleh kosong."))
    problems.raise_any()
    event = _event(case, by, EventKind.NOTE, note)
    _audit(by, AuditAction.CHANGE, case, ["events.note"], request)
    return event


@transaction.atomic
def case_attachment_add(
    *, case: Case, by: Person, upload: IO[bytes], size: int, request: HttpRequest | None = None
) -> CaseAttachment:
    """Keep an image or PDF (content-checked, at most 10 MB) under MEDIA_ROOT with a random
    name; only the download view, through the policy, serves it."""
    problems = Problems()
    content_type = problems.check("file", check_upload, upload, size=size) or ""
    name = getattr(upload, "name", "") or "lampiran"
    problems.check("file", check_plain_text, name)
    problems.raise_any()
    stored = scrubbed_upload(upload, content_type, name)
    attachment = CaseAttachment(
        case=case, original_name=name, content_type=content_type, size=stored.size, uploaded_by=by
    )
    attachment.file.save(name, stored, save=False)
    attachment.save()
    _event(case, by, EventKind.ATTACHMENT)
    _audit(by, AuditAction.CREATE, attachment, ["file"], request)
    return attachment


@transaction.atomic
def case_reveal(*, case: Case, by: Person, reason: str, request: HttpRequest | None = None) -> None:
    """Record why someone outside the case team (the city administrator) opens the identities
    in a case. Without a reason of some substance nothing is revealed."""
    reason = check_plain_text(reason)
    if len(reason) < 10:
        raise ValidationError(
            {"reason": _("Tuliskan alasan membuka identitas (setidaknya 10 karakter).")}
        )
    audit_record(
        actor=by,
        action=AuditAction.REVEAL,
        target=case,
        fields=["people.name", "people.nik", "people.birth_date", "people.address", "people.phone"],
        reason=reason,
        request=request,
    )
