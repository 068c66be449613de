"""Writes about reports: submission from every channel and triage. Each runs in one
transaction, validates everything before saving anything, and leaves an audit event."""

import datetime
from collections.abc import Iterable
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.access.policy import visible
from jaga.access.roles import Role
from jaga.areas.models import Area, AreaKind
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.codes.models import CodeList
from jaga.codes.selectors import codes_resolve
from jaga.core.checks import (
    Problems,
    age_checked,
    check_incident_date,
    check_nik,
    check_plain_text,
    check_upload,
    scrubbed_upload,
    today,
)
from jaga.core.identity import identity_indexes
from jaga.notifications.selectors import recipients_with_role
from jaga.notifications.services import notify
from jaga.reports.models import Channel, CloseReason, Report, ReportStatus, VictimKind

IDENTITY_FIELDS = [
    "victim_name",
    "victim_nik",
    "victim_birth_date",
    "victim_address",
    "reporter_name",
    "reporter_phone",
    "description",
]


def _rt_allowed(by: Any, channel: str, rt: Area, problems: Problems) -> None:
    # The public may name only their kelurahan: a resident rarely knows their RT's number.
    public_kelurahan = channel == Channel.PUBLIC and rt.kind == AreaKind.KELURAHAN
    if rt.kind != AreaKind.RT and not public_kelurahan:
        problems.add("rt", _("Pilih sebuah RT."))
    elif (
        channel != Channel.PUBLIC
        and not visible(by, "reports.submit", Area.objects.filter(pk=rt.pk)).exists()
    ):
        problems.add("rt", _("Anda hanya dapat melapor untuk RT di wilayah tugas Anda."))


@transaction.atomic
def report_submit(
    *,
    by: Any,
    channel: str,
    rt: Area,
    violence_forms: Iterable[str],
    place: str,
    victim_kind: str,
    victim_sex: str,
    victim_age: int | None = None,
    victim_birth_date: datetime.date | None = None,
    victim_name: str = "",
    victim_nik: str = "",
    victim_address: str = "",
    incident_date: datetime.date | None = None,
    is_urgent: bool = False,
    description: str = "",
    reporter_name: str = "",
    reporter_phone: str = "",
    attachment: IO[bytes] | None = None,
    attachment_size: int = 0,
    request: HttpRequest | None = None,
    is_demo: bool = False,
) -> Report:
    """Record a report from any channel. All fields are checked first; on any problem a
    ``ValidationError`` lists them all and nothing is saved (attachment included).

    RT officers report from the RTs of their membership only; a public report (``by`` is
    None) may be anonymous and may name only its kelurahan. An urgent report notifies the
    UPTD PPA duty officers once the transaction commits."""
    problems = Problems()
    if channel not in Channel.values:
        problems.add("channel", _("Saluran laporan tidak dikenal."))
    if victim_kind not in VictimKind.values:
        problems.add("victim_kind", _("Pilih anak atau perempuan dewasa."))
    _rt_allowed(by, channel, rt, problems)
    forms = codes_resolve(problems, "violence_forms", CodeList.VIOLENCE_FORM, violence_forms)
    if not forms and "violence_forms" not in problems.errors:
        problems.add("violence_forms", _("Pilih setidaknya satu bentuk kekerasan."))
    place_code = codes_resolve(problems, "place", CodeList.PLACE, [place])
    sex_code = codes_resolve(problems, "victim_sex", CodeList.SEX, [victim_sex])
    age = age_checked(problems, kind=victim_kind, age=victim_age, birth_date=victim_birth_date)
    nik = problems.check("victim_nik", check_nik, victim_nik) or ""
    problems.check("incident_date", check_incident_date, incident_date, today())
    texts = {
        "victim_name": victim_name,
        "victim_address": victim_address,
        "description": description,
        "reporter_name": reporter_name,
        "reporter_phone": reporter_phone,
    }
    clean = {
        field: problems.check(field, check_plain_text, value) or ""
        for field, value in texts.items()
    }
    attachment_type = ""
    if attachment is not None:
        attachment_type = (
            problems.check("attachment", check_upload, attachment, size=attachment_size) or ""
        )
    problems.raise_any()

    nik_index, name_birth_index = identity_indexes(
        name=clean["victim_name"], nik=nik, birth_date=victim_birth_date
    )
    report = Report(
        channel=channel,
        reported_by=by if getattr(by, "is_authenticated", False) else None,
        rt=rt,
        is_urgent=is_urgent,
        place=place_code[0],
        incident_date=incident_date,
        victim_kind=victim_kind,
        victim_sex=sex_code[0],
        victim_age=age,
        victim_nik=nik,
        victim_birth_date=victim_birth_date.isoformat() if victim_birth_date else "",
        victim_nik_index=nik_index,
        victim_name_birth_index=name_birth_index,
        attachment_type=attachment_type,
        is_demo=is_demo,
        **clean,
    )
    if attachment is not None:
        name = getattr(attachment, "name", "") or "lampiran"
        report.attachment.save(name, scrubbed_upload(attachment, attachment_type, name), save=False)
    report.save()
    report.violence_forms.set(forms)
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        target=report,
        fields=[f for f in IDENTITY_FIELDS if getattr(report, f)] + ["channel", "rt", "is_urgent"],
        request=request,
    )
    if is_urgent:
        transaction.on_commit(lambda: notify_urgent_report(report), robust=True)
    return report


def notify_urgent_report(report: Report) -> None:
    """Tell the UPTD PPA duty officers (case managers and the head responsible for the
    report's RT) at once that someone may be in danger, through the notifications app.

    Runs after the report's transaction committed, so a failure to notify never loses the
    report (which tops every queue anyway). The message carries the tracking code and a link,
    never a name or a story."""

    recipients = [
        *recipients_with_role(Role.UPTD_HEAD, area_code=report.rt.code),
        *recipients_with_role(Role.CASE_MANAGER, area_code=report.rt.code),
    ]
    notify(
        recipients=recipients,
        kind="report.urgent",
        title=_("Laporan mendesak: ada yang dalam bahaya sekarang"),
        body=_("Laporan %(code)s menunggu triase segera.") % {"code": report.tracking_code},
        link=reverse("reports:detail", args=[report.pk]),
        subject_type=report._meta.label_lower,
        subject_id=report.pk,
        number=report.tracking_code,
        urgent=True,
        key=f"report:{report.pk}:urgent",
    )


def notify_reporter(report: Report) -> None:
    """Tell the RT officer who sent ``report`` that its status moved (taken up, closed):
    in the app and on their channels, with the tracking code and the new status only, never
    what the case behind it holds. Once per report and status."""
    if report.channel != Channel.RT or report.reported_by is None:
        return
    status = report.get_status_display()
    notify(
        recipients=[report.reported_by],
        kind="report.status",
        title=_("Laporan %(code)s: %(status)s") % {"code": report.tracking_code, "status": status},
        body=_("Status laporan Anda sekarang: %(status)s.") % {"status": status},
        link=reverse("reports:own_status", args=[report.pk]),
        subject_type=report._meta.label_lower,
        subject_id=report.pk,
        number=report.tracking_code,
        key=f"report:{report.pk}:{report.status}",
    )


def _lock_open(report: Report) -> Report:
    """The report re-read under a row lock; refuses one another manager already triaged."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.status != ReportStatus.RECEIVED:
        raise ValidationError(
            _("Laporan ini sudah ditriase (status: %(status)s).")
            % {"status": locked.get_status_display()}
        )
    return locked


@transaction.atomic
def report_verify(*, report: Report, by: Any, request: HttpRequest | None = None) -> Report:
    """Mark an untriaged report as checked with the reporter; it stays in the queue until a
    case is opened or it is closed."""
    report = _lock_open(report)
    if report.verified_at:
        raise ValidationError(_("Laporan ini sudah diverifikasi."))
    report.verified_at = timezone.now()
    report.triaged_by = by
    report.save(update_fields=["verified_at", "triaged_by"])
    audit_record(
        actor=by, action=AuditAction.CHANGE, target=report, fields=["verified_at"], request=request
    )
    return report


@transaction.atomic
def report_close(
    *,
    report: Report,
    by: Any,
    reason: str,
    note: str = "",
    forwarded_to: str = "",
    duplicate_of: Report | None = None,
    request: HttpRequest | None = None,
) -> Report:
    """Close an untriaged report without a case, with a reason: not violence, out of area
    (``forwarded_to`` names where it went), a duplicate (``duplicate_of``), etc."""
    problems = Problems()
    if reason not in CloseReason.values:
        problems.add("reason", _("Pilih alasan penutupan."))
    note = problems.check("note", check_plain_text, note) or ""
    forwarded_to = problems.check("forwarded_to", check_plain_text, forwarded_to) or ""
    if reason == CloseReason.OUT_OF_AREA and not forwarded_to:
        problems.add("forwarded_to", _("Sebutkan ke mana laporan ini diteruskan."))
    if reason == CloseReason.DUPLICATE and duplicate_of is None:
        problems.add("duplicate_of", _("Pilih laporan yang sama dengan laporan ini."))
    if duplicate_of is not None and duplicate_of.pk == report.pk:
        problems.add("duplicate_of", _("Laporan tidak dapat menjadi ganda dari dirinya sendiri."))
    if reason == CloseReason.OTHER and not note:
        problems.add("note", _("Tuliskan alasannya."))
    problems.raise_any()
    report = _lock_open(report)
    report.status = ReportStatus.CLOSED
    report.closed_at = timezone.now()
    report.close_reason = reason
    report.close_note = note
    report.forwarded_to = forwarded_to
    report.duplicate_of = duplicate_of if reason == CloseReason.DUPLICATE else None
    report.triaged_by = by
    fields = [
        "status",
        "closed_at",
        "close_reason",
        "close_note",
        "forwarded_to",
        "duplicate_of",
        "triaged_by",
    ]
    report.save(update_fields=fields)
    audit_record(actor=by, action=AuditAction.CHANGE, target=report, fields=fields, request=request)
    notify_reporter(report)
    return report


@transaction.atomic
def report_set_status(*, report: Report, status: str) -> None:
    """Move the status the reporter sees (used by the case workflow)."""
    if report.status != status:
        report.status = status
        report.save(update_fields=["status"])
        notify_reporter(report)


def report_take_for_case(report: Report) -> Report:
    """Lock an untriaged report for opening a case from it (in the caller's transaction)."""
    report = _lock_open(report)
    report.status = ReportStatus.HANDLING
    report.save(update_fields=["status"])
    notify_reporter(report)
    return report
