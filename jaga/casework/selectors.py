"""Reads of case management, always through the access policy; a read that shows what the
team wrote (needs, wishes, the safety plan, reasons) is audited with the fields shown."""

import json
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from jaga.access.policy import can_each, get_object
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.cases.models import Case
from jaga.casework.models import Assessment, Flag, NeedDomain


def casework_case(user: Any, rule: str, pk: int) -> Case:
    """The case under ``rule`` (404 if the person may not take it there)."""
    return get_object(user, rule, Case.objects.select_related("rt", "manager"), pk=pk)


@dataclass
class CaseworkView:
    """What one person may do with one case's management records."""

    case: Case
    can_assess: bool


def casework_view(user: Any, pk: int) -> CaseworkView:
    case = casework_case(user, "casework.view", pk)
    may = can_each(user, ["casework.assess"], case)
    return CaseworkView(case=case, can_assess=may["casework.assess"])


def assessments_read(
    user: Any, case: Case, *, request: HttpRequest | None = None
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
