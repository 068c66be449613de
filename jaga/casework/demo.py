"""Demo case management for ``jaga load-demo``: cases of invented people at every stage,
opened over the past months (dates moved back once built), with assessments, safety plans
and flags. Every record is flagged demo; loading twice adds nothing."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from jaga.areas.models import Area
from jaga.areas.services import rt_code
from jaga.cases.models import Case, CaseEvent
from jaga.cases.services import case_open, case_person_add, case_transition
from jaga.casework.models import Assessment, Flag
from jaga.casework.services.assessment import assessment_record
from jaga.casework.services.flags import flag_set
from jaga.core.demo import register_demo
from jaga.people.models import Person
from jaga.reports.models import Channel, Report
from jaga.reports.services import report_submit

MARK = "Data demo manajemen kasus: bukan kejadian nyata."


@dataclass(frozen=True)
class DemoCase:
    name: str
    age: int
    forms: list[str]
    days_ago: int
    risk: str  # "" = not assessed yet
    steps: list[str]
    flags: list[str] = field(default_factory=list)
    kelurahan: str = "64.71.01.1001"  # Manggar


DEMO_CASES = [
    DemoCase("Anak Demo Empat", 10, ["fisik"], 2, "", ["verified"]),
    DemoCase(
        "Anak Demo Lima",
        13,
        ["seksual"],
        20,
        "danger",
        ["verified", "assessed"],
        ["retaliation", "in_shelter"],
    ),
    DemoCase(
        "Anak Demo Enam", 8, ["penelantaran"], 75, "medium", ["verified", "assessed", "in_service"]
    ),
    DemoCase(
        "Anak Demo Tujuh",
        15,
        ["psikis", "fisik"],
        160,
        "high",
        ["verified", "assessed", "in_service", "referred"],
        ["court_soon"],
    ),
    DemoCase(
        "Anak Demo Delapan",
        12,
        ["fisik"],
        300,
        "low",
        ["verified", "assessed", "in_service", "monitoring"],
    ),
]

NEEDS = {
    "safety": "Demo: perlu tempat tinggal aman sementara.",
    "psychological": "Demo: sulit tidur, takut keluar rumah.",
    "education": "Demo: tertinggal pelajaran dua minggu.",
}


def _fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def _build(spec: DemoCase, manager: Person) -> Case:
    kelurahan = Area.objects.get(code=spec.kelurahan)
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
        if step == "assessed":
            case = _fresh(case)
            assessment_record(
                case=case,
                by=manager,
                version=case.version,
                risk_level=spec.risk,
                needs=NEEDS,
                risk_reasons="Demo: terduga pelaku tinggal dekat rumah korban.",
                wishes="Demo: “Aku mau tetap sekolah dan tinggal sama nenek.”",
                safety_contacts="Demo: nenek, Seksi PPA RT 001, SAPA 129.",
                safety_places="Demo: rumah nenek; rumah aman UPTD PPA bila perlu.",
                safety_rt="Demo: menjenguk dua hari sekali.",
                safety_companion="Demo: mendampingi ke puskesmas dan sekolah.",
            )
        case = _fresh(case)
        case_transition(case=case, by=manager, to_status=step, version=case.version, note="Demo")
    for kind in spec.flags:
        case = _fresh(case)
        flag_set(case=case, by=manager, version=case.version, kind=kind, reason=MARK)
    return case


def _move_back(case: Case, days: int) -> None:
    """Everything of the case happened ``days`` earlier, its steps a few hours apart."""
    delta = datetime.timedelta(days=days)
    start = timezone.now() - delta
    Case.objects.filter(pk=case.pk).update(opened_at=start, reported_at=start, updated_at=start)
    Report.objects.filter(case=case).update(received_at=start - datetime.timedelta(hours=2))
    for hours, event in enumerate(CaseEvent.objects.filter(case=case).order_by("pk")):
        CaseEvent.objects.filter(pk=event.pk).update(at=start + datetime.timedelta(hours=6 * hours))
    assessed_at = start + datetime.timedelta(days=min(3, days))
    Assessment.objects.filter(case=case).update(recorded_at=assessed_at)
    Flag.objects.filter(case=case).update(set_at=assessed_at)


@register_demo
@transaction.atomic
def demo_casework() -> None:
    if Assessment.objects.filter(is_demo=True).exists():
        return
    manager = Person.objects.get(username="manajer.kasus")
    for spec in DEMO_CASES:
        _move_back(_build(spec, manager), spec.days_ago)
