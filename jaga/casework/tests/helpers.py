"""Building blocks for case-management tests."""

import datetime

from django.utils import timezone

from jaga.cases.models import Case
from jaga.casework.services.approvals import approval_decide, approval_request
from jaga.casework.services.assessment import assessment_record
from jaga.casework.services.plan import GoalIn, plan_record

HIGH_RISK = {
    "needs": {"safety": "Tinggal serumah dengan terduga pelaku.", "health": "Luka memar."},
    "risk_level": "high",
    "risk_reasons": "Terduga pelaku masih serumah dan mengancam.",
    "wishes": "Ingin tinggal bersama nenek dan tetap sekolah.",
    "safety_contacts": "Nenek (081200000001), Seksi PPA RT 001, SAPA 129.",
    "safety_places": "Rumah nenek di RT 002; rumah aman UPTD PPA bila perlu.",
    "safety_rt": "Menjenguk setiap dua hari dan melapor bila pelaku datang.",
    "safety_companion": "Mendampingi ke puskesmas dan ke sekolah.",
}


def fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def assess(test, case: Case, by=None, **overrides):
    """A complete high-risk assessment of ``case`` by ``by`` (the case manager)."""
    case = fresh(case)
    values = {**HIGH_RISK, **overrides}
    return assessment_record(case=case, by=by or test.manager, version=case.version, **values)


def plan(test, case: Case, by=None):
    """A plan of one goal for ``case`` (its manager responsible), reviewed in two weeks."""
    case = fresh(case)
    soon = timezone.localdate() + datetime.timedelta(days=14)
    goal = GoalIn(index=0, text="Aman.", responsible=case.manager, target_on=soon, review_on=soon)
    return plan_record(
        case=case,
        by=by or test.manager,
        version=case.version,
        agreed_with="victim",
        agreed_on=timezone.localdate(),
        review_on=soon,
        goals=[goal],
    )


def ask(test, case: Case, subject: str, note: str = "Layanan selesai.", by=None):
    case = fresh(case)
    return approval_request(
        case=case, by=by or test.manager, version=case.version, subject=subject, note=note
    )


def decide(test, approval, approve=True, comment="", by=None):
    return approval_decide(
        approval=approval,
        by=by or test.head,
        version=fresh(approval.case).version,
        approve=approve,
        comment=comment,
    )
