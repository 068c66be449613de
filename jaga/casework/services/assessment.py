"""Writes of assessments. An assessment is recorded complete, in one transaction with the
case's version check; "immediate danger" makes the case urgent at once and tells the UPTD PPA
head."""

import json
from collections.abc import Mapping

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from jaga.audit.models import AuditAction
from jaga.cases.models import Case, EventKind
from jaga.cases.selectors import case_heads
from jaga.cases.services import case_record_change
from jaga.casework.models import SAFETY_PLAN_LEVELS, Assessment, NeedDomain, RiskLevel
from jaga.casework.services.common import audit, refuse_closed, timeline
from jaga.core.checks import Problems, check_plain_text
from jaga.notifications.services import notify
from jaga.people.models import Person


@transaction.atomic
def assessment_record(
    *,
    case: Case,
    by: Person,
    version: int,
    needs: Mapping[str, str],
    risk_level: str,
    risk_reasons: str,
    wishes: str,
    safety_contacts: str = "",
    safety_places: str = "",
    safety_rt: str = "",
    safety_companion: str = "",
    request: HttpRequest | None = None,
) -> Assessment:
    """Record a complete assessment of ``case``: needs by domain (a domain has a need when
    its description is filled in), a risk level with its reasons, the victim's own wishes
    and, from a high risk up, a safety plan (who to call and where to go at least). All
    problems are reported at once and nothing is saved; a case that moved on since the form
    was opened is refused. Immediate danger marks the case urgent (queues, clocks and
    escalation follow) and tells the UPTD PPA head."""
    refuse_closed(case)
    problems = Problems()
    if unknown := [d for d, text in needs.items() if text and d not in NeedDomain.values]:
        problems.add("needs", _("Bidang kebutuhan tidak dikenal: %s.") % ", ".join(unknown))
    described = {}
    for domain in NeedDomain.values:
        if text := problems.check(f"need_{domain}", check_plain_text, needs.get(domain, "")):
            described[domain] = text
    if risk_level not in RiskLevel.values:
        problems.add("risk_level", _("Pilih tingkat risiko."))
    texts = {
        "risk_reasons": risk_reasons,
        "wishes": wishes,
        "safety_contacts": safety_contacts,
        "safety_places": safety_places,
        "safety_rt": safety_rt,
        "safety_companion": safety_companion,
    }
    clean = {f: problems.check(f, check_plain_text, v) or "" for f, v in texts.items()}
    if not clean["risk_reasons"] and "risk_reasons" not in problems.errors:
        problems.add("risk_reasons", _("Tuliskan alasan tingkat risiko ini."))
    if not clean["wishes"] and "wishes" not in problems.errors:
        problems.add(
            "wishes",
            _("Tuliskan keinginan korban sendiri (untuk anak: ringkas dengan kata-katanya)."),
        )
    if risk_level in SAFETY_PLAN_LEVELS:
        for field in ("safety_contacts", "safety_places"):
            if not clean[field] and field not in problems.errors:
                problems.add(
                    field, _("Risiko tinggi atau bahaya segera memerlukan rencana keselamatan.")
                )
    problems.raise_any()
    danger = risk_level == RiskLevel.DANGER
    was_urgent = case.is_urgent
    case = case_record_change(case=case, by=by, version=version, urgent=True if danger else None)
    assessment = Assessment.objects.create(
        case=case,
        need_domains=list(described),
        needs=json.dumps(described, ensure_ascii=False) if described else "",
        risk_level=risk_level,
        recorded_by=by,
        is_demo=case.is_demo,
        **clean,
    )
    timeline(case, by, EventKind.ASSESSMENT, str(RiskLevel(risk_level).label))
    filled = [f for f, v in clean.items() if v]
    audit(by, AuditAction.CREATE, assessment, ["need_domains", "risk_level", *filled], request)
    if danger and not was_urgent:
        _tell_head_of_danger(case)
    return assessment


def _tell_head_of_danger(case: Case) -> None:
    notify(
        recipients=case_heads(case),
        kind="casework.danger",
        title=_("Bahaya segera: kasus menjadi mendesak"),
        body=_("Asesmen %(number)s menilai korban dalam bahaya segera.") % {"number": case.number},
        link=reverse("cases:detail", args=[case.pk]),
        subject_type="cases.case",
        subject_id=case.pk,
        number=case.number,
        urgent=True,
        key=f"casework:danger:{case.pk}",
    )
