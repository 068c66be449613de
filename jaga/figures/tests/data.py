"""The fixed data set every figures test counts by hand (see EXPECTED in test_selectors).

Period under test: January–March 2024, Kota Balikpapan (64.71). Times are WITA (UTC+8).

- C1 Manggar RT 1, RT channel, urgent, fisik+psikis, rumah tangga; report 10 Jan 07:00 WITA
  (9 Jan in UTC), incident 5 Jan, acknowledged after 30 min; victims girl 6-12 and boy
  13-17; perpetrator parent; services kesehatan 12 Jan and bantuan hukum 2 Feb; monitored,
  then closed; one referral completed.
- C2 Lamaru RT 1, hotline, seksual, sekolah; report 31 Jan 23:30 WITA, incident 20 Jan,
  acknowledged after 25 h (late); victim girl 13-17; perpetrator teacher; no service;
  closed then reopened.
- C3 Prapatan RT 1 (another kecamatan), public form, psikis, fasilitas umum; report 15 Feb,
  no incident date, acknowledged after 10 h; victim woman 25-44; perpetrator husband;
  service kesehatan 20 Feb; closed without monitoring; one referral still open.
- C4 Manggar RT 2, report 1 Apr 00:30 WITA — still 31 March in UTC: outside the period.
- C5 Samarinda (another city), February 2024: never counts for Balikpapan.
- C6 Manggar RT 1, February 2023: the same period a year earlier.
- C7 Manggar RT 3, opened 5 Mar without a report, penelantaran, no victim recorded yet.
- R8 a report of 20 Mar closed as a duplicate after 2 h (no case); R9 a report of 25 Mar
  never acknowledged (overdue now).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from jaga.areas.models import Area
from jaga.cases.models import (
    Case,
    CaseEvent,
    CasePerson,
    CaseService,
    CaseStatus,
    EventKind,
    PersonKind,
)
from jaga.codes.models import Code
from jaga.reports.models import Channel, Report, ReportStatus
from jaga.testing import make_rts

WITA = ZoneInfo("Asia/Makassar")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=WITA)


def code(code_list: str, value: str) -> Code:
    return Code.objects.get(list=code_list, code=value)


def report(rt: Area, received: dt.datetime, **extra) -> Report:
    forms = extra.pop("forms", ["fisik"])
    row = Report.objects.create(
        channel=extra.pop("channel", Channel.RT),
        received_at=received,
        rt=rt,
        place=code("place", extra.pop("place", "rumah_tangga")),
        victim_kind="child",
        victim_sex=code("sex", "P"),
        status=extra.pop("status", ReportStatus.HANDLING),
        **extra,
    )
    row.violence_forms.set(Code.objects.filter(list="violence_form", code__in=forms))
    return row


def case(test, number: str, rt: Area, opened: dt.datetime, **extra) -> Case:
    forms = extra.pop("forms", ["fisik"])
    row = Case.objects.create(
        number=number,
        rt=rt,
        manager=test.manager,
        opened_at=opened,
        place=code("place", extra.pop("place", "rumah_tangga")),
        **extra,
    )
    row.violence_forms.set(Code.objects.filter(list="violence_form", code__in=forms))
    return row


def victim(case_row: Case, sex: str, age_group: str | None, **extra) -> CasePerson:
    return CasePerson.objects.create(
        case=case_row,
        kind=PersonKind.VICTIM,
        victim_kind=extra.pop("victim_kind", "child"),
        sex=code("sex", sex),
        age_group=code("age_group", age_group) if age_group else None,
        **extra,
    )


def perpetrator(case_row: Case, relationship: str) -> CasePerson:
    return CasePerson.objects.create(
        case=case_row,
        kind=PersonKind.PERPETRATOR,
        sex=code("sex", "L"),
        relationship=code("relationship", relationship),
    )


def service(case_row: Case, value: str, day: dt.date) -> CaseService:
    return CaseService.objects.create(case=case_row, service=code("service", value), started_on=day)


def status_event(case_row: Case, when: dt.datetime, before: str, after: str) -> None:
    CaseEvent.objects.create(
        case=case_row, at=when, kind=EventKind.STATUS, from_status=before, to_status=after
    )


def build(test) -> None:
    """Create the data set on ``test`` (a JagaTestCase class in setUpTestData)."""
    samarinda_kelurahan = Area.objects.filter(code__startswith="64.72.", kind="kelurahan")[0]
    test.samarinda_rt = make_rts(samarinda_kelurahan, 1)[0]

    r1 = report(
        test.rt1,
        at(2024, 1, 10, 7),
        is_urgent=True,
        forms=["fisik", "psikis"],
        incident_date=dt.date(2024, 1, 5),
        verified_at=at(2024, 1, 10, 7, 30),
    )
    test.c1 = c1 = case(
        test,
        "KS-2024-0001",
        test.rt1,
        at(2024, 1, 10, 8),
        report=r1,
        forms=["fisik", "psikis"],
        is_urgent=True,
        status=CaseStatus.CLOSED,
        incident_date=dt.date(2024, 1, 5),
        closed_at=at(2024, 3, 1, 9),
    )
    test.v1 = victim(
        c1,
        "P",
        "6-12",
        name="Ani Lestari",
        nik="6471010101140001",
        education=code("education", "sd"),
    )
    test.v2 = victim(c1, "L", "13-17", name="Budi Santoso", nik="6471010101100002")
    perpetrator(c1, "orang_tua")
    service(c1, "kesehatan", dt.date(2024, 1, 12))
    service(c1, "bantuan_hukum", dt.date(2024, 2, 2))
    status_event(c1, at(2024, 2, 10, 9), CaseStatus.IN_SERVICE, CaseStatus.MONITORING)
    status_event(c1, at(2024, 3, 1, 9), CaseStatus.MONITORING, CaseStatus.CLOSED)

    r2 = report(
        test.lamaru_rt1,
        at(2024, 1, 31, 23, 30),
        channel=Channel.HOTLINE,
        forms=["seksual"],
        place="sekolah",
        incident_date=dt.date(2024, 1, 20),
        verified_at=at(2024, 2, 2, 0, 30),
    )
    test.c2 = c2 = case(
        test,
        "KS-2024-0002",
        test.lamaru_rt1,
        at(2024, 2, 2, 1),
        report=r2,
        forms=["seksual"],
        place="sekolah",
        status=CaseStatus.ASSESSED,
        incident_date=dt.date(2024, 1, 20),
    )
    test.v3 = victim(c2, "P", "13-17")
    perpetrator(c2, "guru")
    status_event(c2, at(2024, 2, 20, 9), CaseStatus.VERIFIED, CaseStatus.CLOSED)
    status_event(c2, at(2024, 3, 2, 9), CaseStatus.CLOSED, CaseStatus.ASSESSED)

    r3 = report(
        test.prapatan_rt1,
        at(2024, 2, 15, 10),
        channel=Channel.PUBLIC,
        forms=["psikis"],
        place="fasilitas_umum",
        verified_at=at(2024, 2, 15, 20),
    )
    test.c3 = c3 = case(
        test,
        "KS-2024-0003",
        test.prapatan_rt1,
        at(2024, 2, 15, 21),
        report=r3,
        forms=["psikis"],
        place="fasilitas_umum",
        status=CaseStatus.CLOSED,
        closed_at=at(2024, 3, 10, 9),
    )
    test.v4 = victim(c3, "P", "25-44", victim_kind="woman")
    perpetrator(c3, "suami_istri")
    service(c3, "kesehatan", dt.date(2024, 2, 20))
    status_event(c3, at(2024, 3, 10, 9), CaseStatus.IN_SERVICE, CaseStatus.CLOSED)

    r4 = report(test.rt2, at(2024, 4, 1, 0, 30), verified_at=at(2024, 4, 1, 1))
    c4 = case(test, "KS-2024-0004", test.rt2, at(2024, 4, 1, 2), report=r4)
    victim(c4, "L", "6-12")

    r5 = report(test.samarinda_rt, at(2024, 2, 10, 10), verified_at=at(2024, 2, 10, 11))
    c5 = case(test, "KS-2024-0005", test.samarinda_rt, at(2024, 2, 10, 12), report=r5)
    victim(c5, "P", "6-12")
    service(c5, "kesehatan", dt.date(2024, 2, 11))

    r6 = report(test.rt1, at(2023, 2, 5, 10), verified_at=at(2023, 2, 5, 11))
    c6 = case(test, "KS-2023-0001", test.rt1, at(2023, 2, 5, 12), report=r6)
    victim(c6, "P", "0-5")

    test.c7 = case(
        test,
        "KS-2024-0007",
        test.rt3,
        at(2024, 3, 5, 10),
        forms=["penelantaran"],
        status=CaseStatus.IN_SERVICE,
    )

    report(
        test.rt1,
        at(2024, 3, 20, 10),
        status=ReportStatus.CLOSED,
        closed_at=at(2024, 3, 20, 12),
        close_reason="duplicate",
    )
    report(test.rt1, at(2024, 3, 25, 10), status=ReportStatus.RECEIVED)
    _referrals(test)


def _referrals(test) -> None:
    from jaga.referrals.models import Referral, ReferralStatus

    for sequence, (case_row, status) in enumerate(
        [(test.c1, ReferralStatus.COMPLETED), (test.c3, ReferralStatus.SENT)], start=1
    ):
        Referral.objects.create(
            case=case_row,
            organisation=test.puskesmas,
            service=code("service", "kesehatan"),
            due_date=dt.date(2024, 3, 1),
            status=status,
            letter_number=f"RJ/{sequence}/2024",
            letter_year=2024,
            letter_sequence=sequence,
            sent_by=test.manager,
        )


def bulk(test, count: int, start: int = 100) -> None:
    """``count`` more cases in February 2024 (each with a victim, a perpetrator, a service and
    a report) to show that a page's query count does not grow with the data."""
    for index in range(start, start + count):
        row = report(test.rt2, at(2024, 2, 3, 10), verified_at=at(2024, 2, 3, 12))
        made = case(test, f"KS-2024-{index:04d}", test.rt2, at(2024, 2, 3, 13), report=row)
        victim(made, "P", "6-12")
        perpetrator(made, "tetangga")
        service(made, "kesehatan", dt.date(2024, 2, 4))
