"""Writes of the service plan: the plan with its goals, a goal's outcome, a review (which
schedules the next)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.audit.models import AuditAction
from jaga.cases.models import Case, CaseMember, EventKind
from jaga.cases.services import case_record_change
from jaga.casework.models import AgreedWith, Goal, GoalOutcome, PlanReview, ServicePlan
from jaga.casework.services.common import audit, refuse_closed, timeline
from jaga.codes.models import CodeList
from jaga.codes.selectors import codes_resolve
from jaga.core.checks import Problems, check_plain_text, today
from jaga.people.models import Organisation, Person


@dataclass
class GoalIn:
    """One goal as typed in a form (row ``index``, for the field names of its problems)."""

    index: int
    text: str = ""
    responsible: Person | None = None
    target_on: datetime.date | None = None
    review_on: datetime.date | None = None
    services: list[str] = field(default_factory=list)
    partners: list[Organisation] = field(default_factory=list)

    @property
    def is_blank(self) -> bool:
        return not (self.text or self.responsible or self.target_on or self.review_on)


def _future_date(problems: Problems, name: str, value: datetime.date | None, what: str) -> None:
    if value is None:
        problems.add(name, _("Isi %(what)s.") % {"what": what})
    elif value < today():
        problems.add(
            name,
            _("%(what)s (%(date)s) tidak boleh sebelum hari ini.")
            % {"what": what.capitalize(), "date": value.strftime("%d-%m-%Y")},
        )


def _checked_goals(problems: Problems, case: Case, goals: Iterable[GoalIn]) -> list[dict]:
    team = set(
        CaseMember.objects.filter(case=case, removed_at__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    checked = []
    for goal in goals:
        if goal.is_blank:
            continue
        p = f"goal{goal.index}_"
        text = problems.check(p + "text", check_plain_text, goal.text) or ""
        if not text and p + "text" not in problems.errors:
            problems.add(p + "text", _("Tuliskan tujuan."))
        if goal.responsible is None:
            problems.add(p + "responsible", _("Pilih penanggung jawab tujuan ini."))
        elif goal.responsible.pk not in team:
            problems.add(p + "responsible", _("Penanggung jawab harus anggota tim kasus."))
        _future_date(problems, p + "target_on", goal.target_on, _("target tanggal"))
        _future_date(problems, p + "review_on", goal.review_on, _("tanggal tinjauan"))
        services = codes_resolve(problems, p + "services", CodeList.SERVICE, goal.services)
        checked.append({"goal": goal, "text": text, "services": services})
    return checked


def _goals_create(case: Case, plan: ServicePlan, checked: list[dict]) -> None:
    for row in checked:
        goal: GoalIn = row["goal"]
        assert goal.responsible and goal.target_on and goal.review_on  # checked before
        made = Goal.objects.create(
            case=case,
            plan=plan,
            text=row["text"],
            responsible=goal.responsible,
            target_on=goal.target_on,
            review_on=goal.review_on,
            is_demo=case.is_demo,
        )
        made.services.set(row["services"])
        made.partners.set(goal.partners)


@transaction.atomic
def plan_goals_add(
    *,
    case: Case,
    by: Person,
    version: int,
    goals: Iterable[GoalIn],
    request: HttpRequest | None = None,
) -> ServicePlan:
    """Goals agreed after the plan was made (needs change as a case moves on), checked like
    the plan's own. A plan the head approved is not approved again by this: the timeline
    says what was added and when."""
    refuse_closed(case)
    plan = ServicePlan.objects.filter(case=case).first()
    if plan is None:
        raise ValidationError(_("Susun rencana layanan lebih dulu."))
    problems = Problems()
    checked = _checked_goals(problems, case, goals)
    if not checked and not problems.errors:
        problems.add("goal0_text", _("Tuliskan setidaknya satu tujuan baru."))
    problems.raise_any()
    case = case_record_change(case=case, by=by, version=version)
    _goals_create(case, plan, checked)
    timeline(case, by, EventKind.PLAN, _("Tujuan ditambahkan: %s") % len(checked))
    audit(by, AuditAction.CHANGE, plan, ["goals"], request)
    return plan


@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    by: Person,
    version: int,
    changed: GoalIn,
    request: HttpRequest | None = None,
) -> Goal:
    """A goal changed as the case moves on (its text, who is responsible, its dates, its
    services and partner), checked like a new one; a goal already assessed keeps what was
    assessed."""
    refuse_closed(goal.case)
    if goal.outcome:
        raise ValidationError(_("Tujuan yang sudah dinilai tidak dapat diubah."))
    problems = Problems()
    checked = _checked_goals(problems, goal.case, [changed])
    if not checked and not problems.errors:
        problems.add("goal0_text", _("Tuliskan tujuan."))
    problems.raise_any()
    case = case_record_change(case=goal.case, by=by, version=version)
    assert changed.responsible and changed.target_on and changed.review_on  # checked before
    values = {
        "text": checked[0]["text"],
        "responsible": changed.responsible,
        "target_on": changed.target_on,
        "review_on": changed.review_on,
    }
    fields = [name for name, value in values.items() if getattr(goal, name) != value]
    for name, value in values.items():
        setattr(goal, name, value)
    goal.save(update_fields=list(values))
    goal.services.set(checked[0]["services"])
    goal.partners.set(changed.partners)
    timeline(case, by, EventKind.PLAN, _("Tujuan diubah"))
    audit(by, AuditAction.CHANGE, goal, [*fields, "services", "partners"], request)
    return goal


@transaction.atomic
def plan_record(
    *,
    case: Case,
    by: Person,
    version: int,
    agreed_with: str,
    agreed_on: datetime.date | None,
    review_on: datetime.date | None,
    goals: Iterable[GoalIn],
    request: HttpRequest | None = None,
) -> ServicePlan:
    """Record the service plan agreed with the victim or guardian: at least one goal, each
    with a responsible team member, a target date and a review date; the plan's first
    review is scheduled on ``review_on`` (a clock). All problems at once, nothing saved
    partially; one plan per case."""
    refuse_closed(case)
    problems = Problems()
    if hasattr(case, "service_plan"):
        raise ValidationError(_("Kasus ini sudah memiliki rencana layanan."))
    if agreed_with not in AgreedWith.values:
        problems.add("agreed_with", _("Pilih dengan siapa rencana disepakati."))
    opened = timezone.localtime(case.opened_at).date()
    if agreed_on is None:
        problems.add("agreed_on", _("Isi tanggal kesepakatan."))
    elif agreed_on > today() or agreed_on < opened:
        problems.add(
            "agreed_on",
            _("Tanggal kesepakatan harus antara pembukaan kasus (%(opened)s) dan hari ini.")
            % {"opened": opened.strftime("%d-%m-%Y")},
        )
    _future_date(problems, "review_on", review_on, _("tanggal tinjauan rencana"))
    checked = _checked_goals(problems, case, goals)
    if not checked and not problems.errors:
        problems.add("goal0_text", _("Rencana memerlukan setidaknya satu tujuan."))
    problems.raise_any()
    assert agreed_on is not None and review_on is not None  # checked above
    case = case_record_change(case=case, by=by, version=version)
    plan = ServicePlan.objects.create(
        case=case,
        agreed_with=agreed_with,
        agreed_on=agreed_on,
        created_by=by,
        is_demo=case.is_demo,
    )
    _goals_create(case, plan, checked)
    PlanReview.objects.create(case=case, plan=plan, due_on=review_on, is_demo=case.is_demo)
    timeline(case, by, EventKind.PLAN, _("Rencana disusun: %s tujuan") % len(checked))
    audit(by, AuditAction.CREATE, plan, ["agreed_with", "agreed_on", "goals"], request)
    return plan


@transaction.atomic
def goal_outcome_record(
    *,
    goal: Goal,
    by: Person,
    version: int,
    outcome: str,
    note: str,
    request: HttpRequest | None = None,
) -> Goal:
    """Mark a goal met, partly met or not met, with a note saying how."""
    problems = Problems()
    if outcome not in GoalOutcome.values:
        problems.add("outcome", _("Pilih hasil: tercapai, sebagian, atau tidak tercapai."))
    note = problems.check("note", check_plain_text, note) or ""
    if not note and "note" not in problems.errors:
        problems.add("note", _("Tuliskan catatan hasil tujuan ini."))
    problems.raise_any()
    case = case_record_change(case=goal.case, by=by, version=version)
    goal.outcome, goal.outcome_note, goal.outcome_at = outcome, note, timezone.now()
    goal.save(update_fields=["outcome", "outcome_note", "outcome_at"])
    timeline(case, by, EventKind.PLAN, _("Tujuan: %s") % GoalOutcome(outcome).label)
    audit(by, AuditAction.CHANGE, goal, ["outcome", "outcome_note"], request)
    return goal


@transaction.atomic
def plan_review_record(
    *,
    case: Case,
    by: Person,
    version: int,
    note: str,
    next_review_on: datetime.date | None,
    request: HttpRequest | None = None,
) -> PlanReview:
    """Record the plan's due review (what was found) and schedule the next one."""
    refuse_closed(case)
    problems = Problems()
    note = problems.check("note", check_plain_text, note) or ""
    if not note and "note" not in problems.errors:
        problems.add("note", _("Tuliskan hasil tinjauan."))
    _future_date(problems, "next_review_on", next_review_on, _("tanggal tinjauan berikutnya"))
    review = PlanReview.objects.filter(case=case, done_at__isnull=True).first()
    if review is None:
        raise ValidationError(_("Tidak ada tinjauan rencana yang terjadwal."))
    problems.raise_any()
    case = case_record_change(case=case, by=by, version=version)
    review.done_at, review.done_by, review.note = timezone.now(), by, note
    review.save(update_fields=["done_at", "done_by", "note"])
    assert next_review_on is not None  # checked above
    following = PlanReview.objects.create(
        case=case, plan=review.plan, due_on=next_review_on, is_demo=case.is_demo
    )
    timeline(case, by, EventKind.PLAN, _("Rencana ditinjau"))
    audit(by, AuditAction.CHANGE, review, ["done_at", "note"], request)
    return following
