"""Writes of the head's approvals: a case manager asks, the head approves or returns with a
comment. Each is on the timeline, audited and notified; a pending request runs a clock."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.audit.models import AuditAction
from jaga.cases.models import Case, EventKind
from jaga.cases.selectors import case_heads
from jaga.cases.services import case_record_change
from jaga.casework.models import Approval, ApprovalRequirement, ApprovalStatus, Subject
from jaga.casework.services.common import audit, refuse_closed, timeline
from jaga.core.checks import Problems, check_plain_text
from jaga.notifications.services import notify
from jaga.people.models import Person

# Used when the city has not stored its choice (the migration seeds the same).
DEFAULT_REQUIRED: dict[str, bool] = {
    Subject.ASSESSMENT: False,
    Subject.PLAN: True,
    Subject.CLOSURE: True,
}


def approval_required(subject: str) -> bool:
    """Whether the city asks for the head's approval of ``subject``."""
    stored = ApprovalRequirement.objects.filter(subject=subject).values_list("required", flat=True)
    return next(iter(stored), DEFAULT_REQUIRED.get(subject, False))


def _subject_problem(case: Case, subject: str) -> str | None:
    if subject == Subject.ASSESSMENT and not case.assessments.exists():
        return _("Belum ada asesmen untuk disetujui.")
    if subject == Subject.PLAN and not hasattr(case, "service_plan"):
        return _("Belum ada rencana layanan untuk disetujui.")
    return None


@transaction.atomic
def approval_request(
    *,
    case: Case,
    by: Person,
    version: int,
    subject: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> Approval:
    """Ask the UPTD PPA head to approve the case's assessment, plan or closure (for a closure
    the note gives its reason). One pending request per subject; the heads are told."""
    refuse_closed(case)
    problems = Problems()
    note = problems.check("note", check_plain_text, note) or ""
    if subject not in Subject.values:
        problems.add("subject", _("Pilih hal yang dimintakan persetujuan."))
    elif problem := _subject_problem(case, subject):
        problems.add("subject", problem)
    elif Approval.objects.filter(case=case, subject=subject, status="pending").exists():
        problems.add("subject", _("Permintaan persetujuan untuk hal ini masih menunggu keputusan."))
    if subject == Subject.CLOSURE and not note and "note" not in problems.errors:
        problems.add("note", _("Tuliskan alasan penutupan yang dimintakan persetujuan."))
    problems.raise_any()
    case = case_record_change(case=case, by=by, version=version)
    approval = Approval.objects.create(
        case=case, subject=subject, requested_by=by, request_note=note, is_demo=case.is_demo
    )
    label = Subject(subject).label
    timeline(case, by, EventKind.APPROVAL, _("Diminta: %s") % label)
    audit(by, AuditAction.CREATE, approval, ["subject", "request_note"], request)
    notify(
        recipients=case_heads(case),
        kind="casework.approval_requested",
        title=_("Permintaan persetujuan: %s") % label,
        body=_("%(number)s menunggu keputusan Anda.") % {"number": case.number},
        link=reverse("casework:decide", args=[approval.pk]),
        subject_type="casework.approval",
        subject_id=approval.pk,
        number=case.number,
        urgent=case.is_urgent,
        key=f"casework:approval:{approval.pk}:requested",
    )
    return approval


@transaction.atomic
def approval_decide(
    *,
    approval: Approval,
    by: Person,
    version: int,
    approve: bool,
    comment: str = "",
    request: HttpRequest | None = None,
) -> Approval:
    """The head approves, or returns with a comment, a pending request. Nobody decides their
    own request; a case that moved on since the request was opened is refused."""
    approval = Approval.objects.select_for_update().select_related("case__rt").get(pk=approval.pk)
    problems = Problems()
    comment = problems.check("comment", check_plain_text, comment) or ""
    if approval.status != ApprovalStatus.PENDING:
        raise ValidationError(_("Permintaan ini sudah diputuskan."))
    if approval.requested_by_id == by.pk:
        problems.add("approve", _("Anda tidak dapat memutuskan permintaan Anda sendiri."))
    if not approve and not comment and "comment" not in problems.errors:
        problems.add("comment", _("Tuliskan komentar: apa yang perlu diperbaiki."))
    problems.raise_any()
    case = case_record_change(case=approval.case, by=by, version=version)
    approval.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.RETURNED
    approval.decided_by, approval.decided_at, approval.comment = by, timezone.now(), comment
    approval.save(update_fields=["status", "decided_by", "decided_at", "comment"])
    label = Subject(approval.subject).label
    status = ApprovalStatus(approval.status).label
    timeline(case, by, EventKind.APPROVAL, f"{label}: {status}")
    audit(by, AuditAction.CHANGE, approval, ["status", "comment"], request)
    notify(
        recipients=[approval.requested_by],
        kind="casework.approval_decided",
        title=_("%(subject)s: %(status)s") % {"subject": label, "status": status},
        body=_("Keputusan kepala UPTD PPA untuk %(number)s.") % {"number": case.number},
        link=reverse("casework:approvals", args=[case.pk]),
        subject_type="casework.approval",
        subject_id=approval.pk,
        number=case.number,
        key=f"casework:approval:{approval.pk}:decided",
    )
    return approval


@transaction.atomic
def requirement_set(
    *, subject: str, required: bool, by: Person, request: HttpRequest | None = None
) -> ApprovalRequirement:
    """The city administrator chooses whether ``subject`` needs the head's approval."""
    if subject not in Subject.values:
        raise ValidationError({"subject": _("Hal tidak dikenal.")})
    requirement, _created = ApprovalRequirement.objects.update_or_create(
        subject=subject,
        defaults={"required": required, "updated_by": by, "updated_at": timezone.now()},
    )
    audit(by, AuditAction.CHANGE, requirement, ["required"], request)
    return requirement
