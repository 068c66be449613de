"""Demo reports and cases for ``jaga load-demo``: a few reports from the demo RT officer and
the public, two of them opened as cases and walked a few steps. Every record is flagged demo;
names are invented; loading twice adds nothing."""

import datetime

from django.db import transaction

from jaga.areas.models import Area
from jaga.areas.services import rt_code
from jaga.cases.models import Case
from jaga.cases.services import case_open, case_person_add, case_service_add, case_transition
from jaga.core.demo import register_demo
from jaga.people.models import Person
from jaga.reports.models import Channel, Report
from jaga.reports.services import report_submit

DEMO_REPORTS = [
    # (channel, urgent, forms, place, kind, sex, age, name, days ago)
    (Channel.RT, True, ["fisik"], "rumah_tangga", "child", "P", 9, "Anak Demo Satu", 0),
    (Channel.RT, False, ["psikis", "penelantaran"], "rumah_tangga", "child", "L", 6, "", 2),
    (Channel.PUBLIC, False, ["seksual"], "fasilitas_umum", "woman", "P", 23, "", 5),
    (
        Channel.HOTLINE,
        False,
        ["fisik", "psikis"],
        "rumah_tangga",
        "woman",
        "P",
        34,
        "Ibu Demo Dua",
        9,
    ),
    (Channel.SCHOOL, False, ["psikis"], "sekolah", "child", "P", 14, "Siswi Demo Tiga", 12),
]


@register_demo
@transaction.atomic
def demo_reports_and_cases() -> None:
    if Report.objects.filter(is_demo=True).exists():
        return
    manggar = Area.objects.get(code="64.71.01.1001")
    rt = Area.objects.get(code=rt_code(manggar, 1))
    officer = Person.objects.get(username="rt.manggar.001")
    manager = Person.objects.get(username="manajer.kasus")
    today = datetime.date.today()
    reports = []
    for channel, urgent, forms, place, kind, sex, age, name, days in DEMO_REPORTS:
        by = officer if channel == Channel.RT else None if channel == Channel.PUBLIC else manager
        reports.append(
            report_submit(
                by=by,
                channel=channel,
                rt=rt,
                violence_forms=forms,
                place=place,
                victim_kind=kind,
                victim_sex=sex,
                victim_age=age,
                victim_name=name,
                incident_date=today - datetime.timedelta(days=days),
                is_urgent=urgent,
                description="Data demo: bukan kejadian nyata.",
                is_demo=True,
            )
        )
    walks = [
        # Further steps need an assessment: casework's demo walks its own cases through them.
        (reports[3], "suami_istri", ["verified"]),
        (reports[4], "guru", ["verified"]),
    ]
    for report, relationship, steps in walks:
        case = case_open(report=report, by=manager)
        case_person_add(
            case=case, by=manager, kind="perpetrator", sex="L", age=40, relationship=relationship
        )
        case_service_add(case=case, by=manager, service="kesehatan")
        for step in steps:
            case = Case.objects.get(pk=case.pk)
            case_transition(
                case=case, by=manager, to_status=step, version=case.version, note="Demo"
            )
