"""Writes of closing and monitoring: the closure record (reason, outcome, the victim's own
view with consent) taken together with the closing step, the monitoring contacts scheduled
by the closing, and any follow-up the team schedules and records."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.audit.models import AuditAction
from jaga.cases.models import Case, CaseStatus, EventKind
from jaga.cases.services import case_record_change, case_transition
from jaga.casework.models import (
    Closure,
    ClosureOutcome,
    ClosureReason,
    ContactKind,
    ContactOutcome,
    FollowUp,
    MonitoringPlan,
    ViewAnswer,
)
from jaga.casework.services.common import audit, timeline
from jaga.core.checks import Problems, check_plain_text
from jaga.people.models import Person


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


@transaction.atomic
def case_close(
    *,
    case: Case,
    by: Person,
    version: int,
    reason: str,
    outcome: str,
    note: str,
    view_consent: bool = False,
    feels_safe: str = "",
    help_helped: str = "",
    view_words: str = "",
    request: HttpRequest | None = None,
) -> Closure:
    """Close the case (terminasi) with its reason and outcome and, only when the victim
    agrees, their own view. The closing step's own conditions apply (the head's approval
    where the city asks for one); on any problem nothing is saved. The monitoring contacts
    follow (see ``monitoring_schedule``)."""
    problems = Problems()
    if reason not in ClosureReason.values:
        problems.add("reason", _("Pilih alasan penutupan."))
    if outcome not in ClosureOutcome.values:
        problems.add("outcome", _("Pilih hasil penanganan."))
    note = problems.check("note", check_plain_text, note) or ""
    if not note and "note" not in problems.errors:
        problems.add("note", _("Tuliskan catatan penutupan (terminasi)."))
    words = problems.check("view_words", check_plain_text, view_words) or ""
    if view_consent:
        for field, value in (("feels_safe", feels_safe), ("help_helped", help_helped)):
            if value not in ViewAnswer.values:
                problems.add(field, _("Pilih jawaban korban sendiri."))
    elif feels_safe or help_helped or words:
        problems.add(
            "view_consent",
            _("Pandangan korban hanya dicatat bila korban (atau wali) menyetujuinya."),
        )
    problems.raise_any()
    closure = Closure.objects.create(
        case=case,
        reason=reason,
        outcome=outcome,
        note=note,
        view_consent=view_consent,
        feels_safe=feels_safe if view_consent else "",
        help_helped=help_helped if view_consent else "",
        view_words=words if view_consent else "",
        recorded_by=by,
        is_demo=case.is_demo,
    )
    label = str(ClosureReason(reason).label)
    case_transition(
        case=case,
        by=by,
        to_status=CaseStatus.CLOSED,
        version=version,
        note=f"{label}. {note}",
        request=request,
    )
    fields = ["reason", "outcome", "note"] + (["victim_view"] if view_consent else [])
    audit(by, AuditAction.CREATE, closure, fields, request)
    return closure


def monitoring_schedule(case: Case, by: Person) -> list[FollowUp]:
    """The monitoring contacts after a closing: at the city's months (1, 3 and 6 unless it
    chose others), by phone unless the team changes them. Called inside the closing's
    transaction."""
    closed_on = timezone.localtime(case.closed_at or timezone.now()).date()
    return FollowUp.objects.bulk_create(
        FollowUp(
            case=case,
            kind=ContactKind.PHONE,
            due_on=add_months(closed_on, months),
            months_after_closure=months,
            scheduled_by=by,
            is_demo=case.is_demo,
        )
        for months in MonitoringPlan.current()
    )


MONITORING_MAX = 24  # months after closing; the plan's at most
MONITORING_MAX_CONTACTS = 6


def _months_checked(text: str) -> str:
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    if not parts or not all(p.isdigit() for p in parts):
        raise ValidationError(
            {"months": [_("Tuliskan bulan setelah penutupan dipisah koma, misalnya 1, 3, 6.")]}
        )
    months = sorted({int(p) for p in parts})
    if months[0] < 1 or months[-1] > MONITORING_MAX or len(months) > MONITORING_MAX_CONTACTS:
        raise ValidationError(
            {
                "months": [
                    _("Paling banyak %(n)s pemantauan, antara bulan 1 dan %(max)s.")
                    % {"n": MONITORING_MAX_CONTACTS, "max": MONITORING_MAX}
                ]
            }
        )
    return ",".join(str(m) for m in months)


@transaction.atomic
def monitoring_plan_set(
    *, months: str, by: Person, request: HttpRequest | None = None
) -> MonitoringPlan:
    """The city administrator sets the months of monitoring after a closing; cases closed
    from now on get them."""
    plan = MonitoringPlan.objects.order_by("-pk").first() or MonitoringPlan()
    plan.months, plan.updated_by, plan.updated_at = _months_checked(months), by, timezone.now()
    plan.save()
    audit(by, AuditAction.CHANGE, plan, ["months"], request)
    return plan


@transaction.atomic
def followup_schedule(
    *,
    case: Case,
    by: Person,
    version: int,
    kind: str,
    due_on: datetime.date | None,
    request: HttpRequest | None = None,
) -> FollowUp:
    """Schedule a contact (visit, phone, through the FP2ATBM companion) on a date, during
    service or after closure; never dated before the case opened."""
    problems = Problems()
    if kind not in ContactKind.values:
        problems.add("kind", _("Pilih cara tindak lanjut."))
    opened = timezone.localtime(case.opened_at).date()
    if due_on is None:
        problems.add("due_on", _("Isi tanggal tindak lanjut."))
    elif due_on < opened:
        problems.add(
            "due_on",
            _("Tanggal tindak lanjut tidak boleh sebelum kasus dibuka (%(opened)s).")
            % {"opened": opened.strftime("%d-%m-%Y")},
        )
    problems.raise_any()
    assert due_on is not None  # checked above
    case = case_record_change(case=case, by=by, version=version)
    follow_up = FollowUp.objects.create(
        case=case, kind=kind, due_on=due_on, scheduled_by=by, is_demo=case.is_demo
    )
    timeline(case, by, EventKind.FOLLOW_UP, _("Dijadwalkan: %s") % ContactKind(kind).label)
    audit(by, AuditAction.CREATE, follow_up, ["kind", "due_on"], request)
    return follow_up


@transaction.atomic
def followup_record(
    *,
    follow_up: FollowUp,
    by: Person,
    version: int,
    outcome: str,
    note: str,
    request: HttpRequest | None = None,
) -> FollowUp:
    """Record how a scheduled contact went (once)."""
    follow_up = FollowUp.objects.select_for_update().select_related("case").get(pk=follow_up.pk)
    if follow_up.done_at:
        raise ValidationError(_("Tindak lanjut ini sudah dicatat."))
    problems = Problems()
    if outcome not in ContactOutcome.values:
        problems.add("outcome", _("Pilih hasil tindak lanjut."))
    note = problems.check("note", check_plain_text, note) or ""
    if outcome != ContactOutcome.SAFE and not note and "note" not in problems.errors:
        problems.add("note", _("Tuliskan apa yang terjadi dan langkah berikutnya."))
    problems.raise_any()
    case = case_record_change(case=follow_up.case, by=by, version=version)
    follow_up.done_at, follow_up.done_by = timezone.now(), by
    follow_up.outcome, follow_up.note = outcome, note
    follow_up.save(update_fields=["done_at", "done_by", "outcome", "note"])
    timeline(case, by, EventKind.FOLLOW_UP, str(ContactOutcome(outcome).label))
    audit(by, AuditAction.CHANGE, follow_up, ["outcome", "note"], request)
    return follow_up
