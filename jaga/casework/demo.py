"""Demo case management for ``jaga load-demo``: cases of invented people at every stage,
opened over the past 18 months (dates moved back once built), with assessments, safety
plans, service plans, the head's approvals and flags. Every record is flagged demo; loading
twice adds nothing."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from jaga.areas.models import Area
from jaga.areas.services import rt_code
from jaga.cases.models import Case, CaseEvent
from jaga.cases.services import case_open, case_person_add, case_transition
from jaga.casework.models import (
    Approval,
    Assessment,
    Closure,
    Flag,
    FollowUp,
    Goal,
    PlanReview,
    ServicePlan,
    Transfer,
)
from jaga.casework.services.approvals import approval_decide, approval_request
from jaga.casework.services.assessment import assessment_record
from jaga.casework.services.city_transfers import city_transfer_answer, city_transfer_request
from jaga.casework.services.flags import flag_set
from jaga.casework.services.followups import add_months, case_close
from jaga.casework.services.plan import GoalIn, plan_record
from jaga.casework.services.transfers import case_reassign, transfer_request
from jaga.core.demo import register_demo
from jaga.people.models import Organisation, Person
from jaga.reports.models import Channel, Report
from jaga.reports.services import report_submit

MARK = "Data demo manajemen kasus: bukan kejadian nyata."
FULL = ["verified", "assess", "assessed", "plan", "ask:plan", "approve", "in_service"]


@dataclass(frozen=True)
class DemoCase:
    name: str
    age: int
    forms: list[str]
    days_ago: int
    risk: str
    # statuses, and: assess, plan, ask:<subject>, approve, return (the head's decision)
    steps: list[str]
    flags: list[str] = field(default_factory=list)
    review_in_days: int = 7  # the open plan review, from today (negative: overdue)
    # "reassign" (by the head) or "request" (pending), to manajer.kasus2; "city" (pending) or
    # "city_accepted", to Samarinda's UPTD PPA
    transfer: str = ""


DEMO_CASES = [
    DemoCase("Anak Demo Empat", 10, ["fisik"], 2, "", ["verified"]),
    DemoCase(
        "Anak Demo Lima",
        13,
        ["seksual"],
        20,
        "danger",
        ["verified", "assess", "assessed", "plan", "ask:plan"],
        ["retaliation", "in_shelter"],
    ),
    DemoCase(
        "Anak Demo Enam",
        8,
        ["penelantaran"],
        75,
        "medium",
        FULL,
        review_in_days=3,
        transfer="reassign",
    ),
    DemoCase(
        "Anak Demo Tujuh",
        15,
        ["psikis", "fisik"],
        160,
        "high",
        [*FULL[:5], "return", "ask:plan", "approve", "in_service", "referred"],
        ["court_soon"],
        review_in_days=-6,
        transfer="request",
    ),
    DemoCase(
        "Anak Demo Delapan",
        12,
        ["fisik"],
        300,
        "low",
        [*FULL, "monitoring", "ask:closure"],
    ),
    DemoCase(
        "Anak Demo Sembilan",
        9,
        ["penelantaran"],
        420,
        "medium",
        [*FULL, "monitoring", "ask:closure", "approve", "close"],
    ),
    DemoCase(
        "Anak Demo Sepuluh",
        14,
        ["psikis"],
        70,
        "low",
        [*FULL, "ask:closure", "approve", "close"],
    ),
    DemoCase(
        "Anak Demo Sebelas",
        11,
        ["psikis"],
        45,
        "medium",
        FULL,
        transfer="city",
    ),
    DemoCase(
        "Anak Demo Dua Belas",
        16,
        ["fisik"],
        120,
        "high",
        FULL,
        review_in_days=5,
        transfer="city_accepted",
    ),
]

NEEDS = {
    "safety": "Demo: perlu tempat tinggal aman sementara.",
    "psychological": "Demo: sulit tidur, takut keluar rumah.",
    "education": "Demo: tertinggal pelajaran dua minggu.",
}


def _fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def _assess(case: Case, manager: Person, risk: str) -> None:
    assessment_record(
        case=case,
        by=manager,
        version=case.version,
        risk_level=risk,
        needs=NEEDS,
        risk_reasons="Demo: terduga pelaku tinggal dekat rumah korban.",
        wishes="Demo: “Aku mau tetap sekolah dan tinggal sama nenek.”",
        safety_contacts="Demo: nenek, Seksi PPA RT 001, SAPA 129.",
        safety_places="Demo: rumah nenek; rumah aman UPTD PPA bila perlu.",
        safety_rt="Demo: menjenguk dua hari sekali.",
        safety_companion="Demo: mendampingi ke puskesmas dan sekolah.",
    )


def _plan(case: Case, manager: Person) -> None:
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=14)
    goals = [
        GoalIn(
            0, "Demo: korban aman dan tinggal bersama nenek.", manager, soon, soon, ["kesehatan"]
        ),
        GoalIn(1, "Demo: korban kembali bersekolah.", manager, soon, soon, ["rehabilitasi_sosial"]),
    ]
    plan_record(
        case=case,
        by=manager,
        version=case.version,
        agreed_with="guardian",
        agreed_on=today,
        review_on=soon,
        goals=goals,
    )


def _step(case: Case, step: str, manager: Person, head: Person, spec: DemoCase) -> None:
    if step == "assess":
        _assess(case, manager, spec.risk)
    elif step == "plan":
        _plan(case, manager)
    elif step.startswith("ask:"):
        approval_request(
            case=case, by=manager, version=case.version, subject=step[4:], note="Demo: " + MARK
        )
    elif step in ("approve", "return"):
        approval_decide(
            approval=case.approvals.get(status="pending"),
            by=head,
            version=case.version,
            approve=step == "approve",
            comment="" if step == "approve" else "Demo: tambahkan tujuan pendidikan.",
        )
    elif step == "close":
        case_close(
            case=case,
            by=manager,
            version=case.version,
            reason="goals_met",
            outcome="safe",
            note="Demo: tujuan tercapai, korban aman bersama keluarga.",
            view_consent=True,
            feels_safe="yes" if spec.age < 12 else "somewhat",
            help_helped="yes",
            view_words="Demo: “Sekarang aku bisa tidur nyenyak.”",
        )
    else:
        case_transition(case=case, by=manager, to_status=step, version=case.version, note="Demo")


def _build(spec: DemoCase, manager: Person, head: Person) -> Case:
    kelurahan = Area.objects.get(code="64.71.01.1001")  # Manggar
    report = report_submit(
        by=manager,
        channel=Channel.HOTLINE,
        rt=Area.objects.get(code=rt_code(kelurahan, 1)),
        violence_forms=spec.forms,
        place="rumah_tangga",
        victim_kind="child",
        victim_sex="P",
        victim_age=spec.age,
        victim_name=spec.name,
        description=MARK,
        is_demo=True,
    )
    case = case_open(report=report, by=manager)
    case_person_add(
        case=case, by=manager, kind="perpetrator", sex="L", age=41, relationship="tetangga"
    )
    for step in spec.steps:
        _step(_fresh(case), step, manager, head, spec)
    for kind in spec.flags:
        case = _fresh(case)
        flag_set(case=case, by=manager, version=case.version, kind=kind, reason=MARK)
    if spec.transfer:
        _transfer(_fresh(case), spec.transfer, manager, head)
    return _fresh(case)


def _transfer(case: Case, how: str, manager: Person, head: Person) -> None:
    if how.startswith("city"):
        _city_transfer(case, how, manager)
        return
    other = Person.objects.get(username="manajer.kasus2")
    if how == "reassign":
        case_reassign(
            case=case, by=head, version=case.version, to_manager=other, reason="Demo: " + MARK
        )
    else:
        transfer_request(
            case=case, by=manager, version=case.version, to_manager=other, reason="Demo: " + MARK
        )


def _city_transfer(case: Case, how: str, manager: Person) -> None:
    """The victim moved to Samarinda: its UPTD PPA was asked, and perhaps took the case."""
    transfer = city_transfer_request(
        case=case,
        by=manager,
        version=case.version,
        to_organisation=Organisation.objects.get(name="UPTD PPA Kota Samarinda"),
        reason="Demo: korban pindah ke rumah keluarga di Samarinda. " + MARK,
    )
    if how == "city_accepted":
        city_transfer_answer(
            transfer=transfer,
            by=Person.objects.get(username="kepala.uptd.smd"),
            accept=True,
            to_manager=Person.objects.get(username="manajer.kasus.smd"),
        )


def _move_back(case: Case, spec: DemoCase) -> None:
    """Everything of the case happened ``days_ago`` earlier, its steps a few hours apart and
    its plan's dates with it; the open plan review falls ``review_in_days`` from today."""
    days = datetime.timedelta(days=spec.days_ago)
    start = timezone.now() - days
    step = datetime.timedelta(hours=6 if spec.days_ago < 30 else 48)
    events = list(CaseEvent.objects.filter(case=case).order_by("pk").values_list("pk", flat=True))
    for n, pk in enumerate(events):
        CaseEvent.objects.filter(pk=pk).update(at=start + step * n)
    closed = {"closed_at": start + step * len(events)} if case.closed_at else {}
    Case.objects.filter(pk=case.pk).update(
        opened_at=start, reported_at=start, updated_at=start, **closed
    )
    Report.objects.filter(case=case).update(received_at=start - datetime.timedelta(hours=2))
    Assessment.objects.filter(case=case).update(recorded_at=start + step * 2)
    Flag.objects.filter(case=case).update(set_at=start + step * 2)
    for plan in ServicePlan.objects.filter(case=case):
        plan.agreed_on -= days
        plan.created_at = start + step * 4
        plan.save(update_fields=["agreed_on", "created_at"])
    for goal in Goal.objects.filter(case=case):
        goal.target_on -= days
        goal.review_on -= days
        goal.save(update_fields=["target_on", "review_on"])
    review_on = timezone.localdate() + datetime.timedelta(days=spec.review_in_days)
    PlanReview.objects.filter(case=case).update(scheduled_at=start + step * 4, due_on=review_on)
    _move_follow_ups(case)
    moved = start + step * 8
    Transfer.objects.filter(case=case).update(requested_at=moved)
    Transfer.objects.filter(case=case, answered_at__isnull=False).update(answered_at=moved)
    for n, approval in enumerate(Approval.objects.filter(case=case).order_by("pk")):
        asked = start + step * (5 + n)
        decided = (
            {"decided_at": asked + datetime.timedelta(hours=20)} if approval.decided_at else {}
        )
        Approval.objects.filter(pk=approval.pk).update(requested_at=asked, **decided)


def _move_follow_ups(case: Case) -> None:
    """Monitoring after the (moved) closing: contacts already past are done, the latest
    one missed, so the pages show done, overdue and coming contacts."""
    case.refresh_from_db()
    if case.closed_at is None:
        return
    closed_on = timezone.localtime(case.closed_at).date()
    today = timezone.localdate()
    follow_ups = list(FollowUp.objects.filter(case=case).order_by("months_after_closure"))
    for follow_up in follow_ups:
        follow_up.due_on = add_months(closed_on, follow_up.months_after_closure or 1)
        follow_up.scheduled_at = case.closed_at
        fields = ["due_on", "scheduled_at"]
        past = [f for f in follow_ups if add_months(closed_on, f.months_after_closure or 1) < today]
        if follow_up.due_on < today and follow_up is not past[-1]:
            follow_up.done_at = timezone.make_aware(
                datetime.datetime.combine(follow_up.due_on, datetime.time(10))
            )
            follow_up.outcome, follow_up.note = "safe", "Demo: korban aman, bersekolah."
            fields += ["done_at", "outcome", "note"]
        follow_up.save(update_fields=fields)
    Closure.objects.filter(case=case).update(recorded_at=case.closed_at)


@register_demo
@transaction.atomic
def demo_casework() -> None:
    if Assessment.objects.filter(is_demo=True).exists():
        return
    manager = Person.objects.get(username="manajer.kasus")
    head = Person.objects.get(username="kepala.uptd")
    for spec in DEMO_CASES:
        _move_back(_build(spec, manager, head), spec)
