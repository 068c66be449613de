"""Reads of case management, always through the access policy; a read that shows what the
team wrote (needs, wishes, the safety plan, reasons) is audited with the fields shown."""

import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from jaga.access.paths import within
from jaga.access.policy import can_each, get_object, visible
from jaga.access.roles import Role
from jaga.access.users import User
from jaga.areas.models import AreaKind
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.cases.models import Case
from jaga.cases.selectors import case_team
from jaga.casework.models import (
    Approval,
    ApprovalRequirement,
    ApprovalStatus,
    Assessment,
    Closure,
    Flag,
    FollowUp,
    Goal,
    NeedDomain,
    ServicePlan,
    Subject,
    Transfer,
)
from jaga.casework.services.approvals import DEFAULT_REQUIRED
from jaga.notifications.selectors import recipients_with_role
from jaga.people.models import Organisation, OrganisationKind, Person


def casework_case(user: User, rule: str, pk: int) -> Case:
    """The case under ``rule`` (404 if the person may not take it there)."""
    return get_object(user, rule, Case.objects.select_related("rt", "manager"), pk=pk)


@dataclass
class CaseworkView:
    """What one person may do with one case's management records."""

    case: Case
    can_assess: bool
    can_approve: bool


def casework_view(user: User, pk: int) -> CaseworkView:
    case = casework_case(user, "casework.view", pk)
    may = can_each(user, ["casework.assess", "casework.approve"], case)
    return CaseworkView(
        case=case, can_assess=may["casework.assess"], can_approve=may["casework.approve"]
    )


def assessments_read(
    user: User, case: Case, *, request: HttpRequest | None = None
) -> list[Assessment]:
    """The case's assessments, latest (current) first, for its team; the read is audited."""
    assessments = list(case.assessments.select_related("recorded_by"))
    if assessments:
        audit_record(
            actor=user,
            action=AuditAction.READ,
            target=case,
            fields=["assessments.needs", "assessments.wishes", "assessments.safety_plan"],
            request=request,
        )
    return assessments


def assessment_needs(assessment: Assessment) -> list[tuple[str, str]]:
    """The described needs of an assessment as (domain label, text), in the domains' order."""
    described = json.loads(assessment.needs) if assessment.needs else {}
    return [(str(label), described[v]) for v, label in NeedDomain.choices if v in described]


def active_flags(case: Case) -> QuerySet[Flag]:
    return case.flags.filter(removed_at__isnull=True).select_related("set_by")


def flag_of(case: Case, pk: int) -> Flag:
    """An active flag of this case (already reached through the policy), else 404."""
    return get_object_or_404(active_flags(case), pk=pk)


@dataclass
class CaseSummary:
    """What the case page shows of case management: no free text, so no audited read."""

    risk_level: str
    risk_label: str
    assessed_at: Any
    flags: list[Flag]


def case_summary(case: Case) -> CaseSummary:
    """Two queries: the current assessment's risk, the active flags."""
    current = case.assessments.only("risk_level", "recorded_at").first()
    flags = list(case.flags.filter(removed_at__isnull=True).only("kind", "set_at"))
    return CaseSummary(
        risk_level=current.risk_level if current else "",
        risk_label=current.get_risk_level_display() if current else "",
        assessed_at=current.recorded_at if current else None,
        flags=flags,
    )


def plan_read(user: User, case: Case, *, request: HttpRequest | None = None) -> ServicePlan | None:
    """The case's plan with its goals (services, partners, who is responsible) and reviews,
    in a fixed number of queries; the read is audited."""
    plan = (
        ServicePlan.objects.filter(case=case)
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=Goal.objects.select_related("responsible").prefetch_related(
                    "services", "partners"
                ),
            ),
            "reviews",
        )
        .first()
    )
    if plan is not None:
        audit_record(
            actor=user,
            action=AuditAction.READ,
            target=case,
            fields=["plan_goals.text", "plan_reviews.note"],
            request=request,
        )
    return plan


def approvals_of(case: Case) -> QuerySet[Approval]:
    return case.approvals.select_related("requested_by", "decided_by")


def latest_status(case: Case, subject: str) -> str:
    """The status of the latest request about ``subject`` ("" when none was made)."""
    latest = case.approvals.filter(subject=subject).only("status").first()
    return latest.status if latest else ""


def approval_for_decision(user: User, pk: int) -> Approval:
    """A request the head may decide (city scope), else 404."""
    approvals = Approval.objects.select_related("case__rt__parent", "case__manager", "requested_by")
    return get_object(user, "casework.approve", approvals, pk=pk)


def approval_queue(user: User) -> QuerySet[Approval]:
    """Pending requests the person may decide, oldest first."""
    pending = Approval.objects.filter(status=ApprovalStatus.PENDING).select_related(
        "case__rt__parent", "requested_by"
    )
    return visible(user, "casework.approve", pending).order_by("requested_at", "pk")


def requirements() -> list[tuple[str, str, bool]]:
    """Each subject, its label and whether the city asks for the head's approval."""
    stored = dict(ApprovalRequirement.objects.values_list("subject", "required"))
    return [(s.value, str(s.label), stored.get(s.value, DEFAULT_REQUIRED[s])) for s in Subject]


def closures_read(user: User, case: Case, *, request: HttpRequest | None = None) -> list[Closure]:
    """The case's closings, latest first, with the victim's view where given; audited."""
    closures = list(case.closures.select_related("recorded_by"))
    if closures:
        audit_record(
            actor=user,
            action=AuditAction.READ,
            target=case,
            fields=["closures.note", "closures.victim_view"],
            request=request,
        )
    return closures


def follow_ups_of(case: Case) -> QuerySet[FollowUp]:
    return case.follow_ups.select_related("done_by")


def transfers_of(case: Case) -> QuerySet[Transfer]:
    return case.transfers.select_related(
        "from_manager", "to_manager", "requested_by", "to_organisation"
    )


def transfer_offered(user: User, pk: int) -> Transfer:
    """A transfer offered to the person (whatever their team), else 404."""
    transfers = Transfer.objects.select_related(
        "case__rt__parent", "case__place", "from_manager", "requested_by"
    ).prefetch_related("case__violence_forms")
    return get_object(user, "casework.transfer_answer", transfers, pk=pk)


def uptd_elsewhere(case: Case) -> QuerySet[Organisation]:
    """The active UPTD PPAs of other cities: where a case may go when the victim moves."""
    city = case.rt.ancestor_code(AreaKind.CITY) or ""
    return (
        Organisation.objects.filter(kind=OrganisationKind.UPTD_PPA, is_active=True)
        .exclude(within(city, "area__code"))
        .select_related("area")
    )


def managers_of(organisation: Organisation | None) -> QuerySet[Person]:
    """The active case managers of one UPTD PPA: whom its head may give a case."""
    return recipients_with_role(Role.CASE_MANAGER, organisation=organisation)


def city_transfer_offered(user: User, pk: int) -> Transfer:
    """A transfer offered to the person's UPTD PPA from another city, else 404."""
    transfers = Transfer.objects.select_related(
        "case__rt__parent__parent__parent",
        "case__place",
        "from_manager",
        "requested_by",
        "to_organisation",
    ).prefetch_related("case__violence_forms")
    return get_object(user, "casework.transfer_city_answer", transfers, pk=pk)


def case_managers() -> QuerySet[Any]:
    """Active case managers: who may receive a case (the service checks again)."""
    return recipients_with_role(Role.CASE_MANAGER)


def anyone() -> QuerySet[Person]:
    """Every account, for a form that names a person the service then checks (so the form
    says precisely why someone cannot be chosen)."""
    return Person.objects.all()


def team_people(case: Case) -> QuerySet[Person]:
    """The people on the case team now: who may be responsible for a goal."""
    return Person.objects.filter(pk__in=case_team(case).values("person_id"))
