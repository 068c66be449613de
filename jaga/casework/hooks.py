"""What case management adds to the case workflow (registered on ``jaga.cases.hooks``): a
case is "assessed" only with a completed (and, where the city asks, approved) assessment; it
closes only with the head's approval where the city asks for one, which the closing uses
up, and its closing schedules the monitoring contacts;
the case page shows this app's panel."""

from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.cases.hooks import (
    register_case_panel,
    register_transition_guard,
    register_transition_listener,
)
from jaga.cases.models import Case, CaseStatus
from jaga.casework.models import Approval, ApprovalStatus, Subject
from jaga.casework.services.approvals import approval_required
from jaga.casework.services.followups import monitoring_schedule
from jaga.people.models import Person


def _approved(case: Case, subject: str, **extra) -> bool:
    return Approval.objects.filter(
        case=case, subject=subject, status=ApprovalStatus.APPROVED, **extra
    ).exists()


@register_transition_guard
def assessment_required(case: Case, to_status: str) -> dict[str, str]:
    if to_status != CaseStatus.ASSESSED:
        return {}
    latest = case.assessments.only("recorded_at").first()
    if latest is None:
        return {
            "to_status": _(
                "Kasus baru dapat berstatus “Asesmen selesai” setelah asesmen dicatat "
                "(halaman Asesmen kasus ini)."
            )
        }
    if approval_required(Subject.ASSESSMENT) and not _approved(
        case, Subject.ASSESSMENT, requested_at__gte=latest.recorded_at
    ):
        return {"to_status": _("Asesmen terkini belum disetujui kepala UPTD PPA.")}
    return {}


@register_transition_guard
def closure_approval_required(case: Case, to_status: str) -> dict[str, str]:
    if to_status != CaseStatus.CLOSED or not approval_required(Subject.CLOSURE):
        return {}
    if _approved(case, Subject.CLOSURE, used_at__isnull=True):
        return {}
    return {
        "to_status": _(
            "Penutupan kasus memerlukan persetujuan kepala UPTD PPA. Mintalah di halaman "
            "Persetujuan kepala kasus ini."
        )
    }


@register_transition_listener
def on_closing(case: Case, from_status: str, by: Person) -> None:
    """A closing uses up its approval (a reopened case needs a new one to close again) and
    schedules the monitoring contacts."""
    if case.status == CaseStatus.CLOSED:
        Approval.objects.filter(
            case=case, subject=Subject.CLOSURE, status=ApprovalStatus.APPROVED, used_at=None
        ).update(used_at=timezone.now())
        monitoring_schedule(case, by)


register_case_panel(
    "casework/_case_panel.html", rules=("casework.view", "casework.reassign", "casework.transfer")
)
