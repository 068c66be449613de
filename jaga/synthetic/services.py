"""Synthetic data at city or national scale, for benchmarks and load tests.

Everything it creates is flagged ``is_demo`` and named "Sintetis …"; it refuses to touch a
database that holds real (non-demo) records. Cases are written in batches with
``bulk_create`` (identities still encrypted, blind indexes still computed, the audit chain
still chained), so memory stays flat however many cases are asked for. Re-running with the
same seed and a larger count tops the data up to that count.
"""

import datetime as dt
import random
from collections.abc import Iterator

from django.db import connection, transaction
from django.utils import timezone

from jaga.audit.models import AuditAction, AuditEvent
from jaga.audit.services import audit_append_many
from jaga.cases.models import (
    Case,
    CaseEvent,
    CaseMember,
    CasePerson,
    CaseService,
    CaseStatus,
    EventKind,
    MemberRole,
    NameToken,
    PersonKind,
    ShareField,
)
from jaga.cases.services import NAME_PURPOSE
from jaga.codes.models import CodeList
from jaga.core.crypto import word_indexes
from jaga.core.identity import identity_indexes
from jaga.referrals.models import OPEN_STATUSES, Referral, ReferralStatus
from jaga.reports.models import Channel, Report, ReportStatus, VictimKind
from jaga.synthetic.world import World, prepare, refuse_real_data

YEARS = 5
FIRST_NAMES = [
    "Siti",
    "Nur",
    "Dewi",
    "Ayu",
    "Rina",
    "Putri",
    "Sari",
    "Intan",
    "Wulan",
    "Fitri",
    "Andi",
    "Budi",
    "Rizky",
    "Dimas",
    "Fajar",
    "Agus",
]
LAST_NAMES = ["Sintetis", "Lestari", "Rahmawati", "Hidayat", "Saputra", "Wijaya", "Pratama"]
CLOSED_SHARE = 0.7
REFERRED_SHARE = 0.3  # cases with a service referred to a partner organisation
# Synthetic referral letters are numbered far above any real sequence (unique per year).
LETTER_SEQUENCE_BASE = 900_000_000
OPEN_EVERY = 200  # one untriaged report per 200 cases


def _when(rng: random.Random, now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(seconds=rng.randrange(YEARS * 365 * 86400))


def _batch(world: World, start: int, count: int, seed: int) -> None:
    """Write cases number ``start`` .. ``start + count - 1``: each from a report, with one or
    two victims, a perpetrator, services, timeline steps and audit events."""
    rng = random.Random(seed * 1_000_003 + start)
    now = timezone.now()
    codes = world.codes
    reports, cases = [], []
    for index in range(start, start + count):
        received = _when(rng, now)
        verified = received + dt.timedelta(minutes=rng.randrange(30, 2880))
        urgent = rng.random() < 0.1
        closed = rng.random() < CLOSED_SHARE and received < now - dt.timedelta(days=30)
        reports.append(
            Report(
                tracking_code=f"SY{index:09d}",
                channel=rng.choice(Channel.values),
                received_at=received,
                rt_id=rng.choice(world.rt_ids),
                is_urgent=urgent,
                place=rng.choice(codes[CodeList.PLACE]),
                incident_date=(received - dt.timedelta(days=rng.randrange(30))).date(),
                victim_kind=VictimKind.CHILD,
                victim_sex=rng.choice(codes[CodeList.SEX]),
                victim_age=rng.randrange(1, 18),
                status=ReportStatus.HANDLING,
                verified_at=verified,
                is_demo=True,
            )
        )
        cases.append(
            Case(
                number=f"SY-{index:09d}",
                rt_id=reports[-1].rt_id,
                is_urgent=urgent,
                status=CaseStatus.CLOSED
                if closed
                else rng.choice(
                    [
                        CaseStatus.VERIFIED,
                        CaseStatus.ASSESSED,
                        CaseStatus.IN_SERVICE,
                        CaseStatus.REFERRED,
                        CaseStatus.MONITORING,
                    ]
                ),
                place=reports[-1].place,
                incident_date=reports[-1].incident_date,
                manager_id=rng.choice(world.managers),
                opened_at=verified,
                reported_at=reports[-1].received_at,
                closed_at=verified + dt.timedelta(days=rng.randrange(7, 120)) if closed else None,
                updated_at=received,
                is_demo=True,
            )
        )
    waiting = [
        _waiting_report(rng, world, index, now)
        for index in range(start, start + count)
        if index % OPEN_EVERY == 0
    ]
    Report.objects.bulk_create(reports + waiting)
    Report.violence_forms.through.objects.bulk_create(
        Report.violence_forms.through(report_id=r.pk, code_id=codes[CodeList.VIOLENCE_FORM][0].pk)
        for r in waiting
    )
    for report, case in zip(reports, cases, strict=True):
        case.report_id = report.pk
    Case.objects.bulk_create(cases)
    _case_details(world, rng, reports, cases)


def _waiting_report(rng: random.Random, world: World, index: int, now: dt.datetime) -> Report:
    """A report not yet triaged, from the last three days: what a triage queue holds."""
    codes = world.codes
    return Report(
        tracking_code=f"SW{index:09d}",
        channel=Channel.RT,
        received_at=now - dt.timedelta(minutes=rng.randrange(3 * 24 * 60)),
        rt_id=rng.choice(world.rt_ids),
        is_urgent=rng.random() < 0.1,
        place=rng.choice(codes[CodeList.PLACE]),
        victim_kind=VictimKind.CHILD,
        victim_sex=rng.choice(codes[CodeList.SEX]),
        victim_age=rng.randrange(1, 18),
        status=ReportStatus.RECEIVED,
        is_demo=True,
    )


def _case_details(
    world: World, rng: random.Random, reports: list[Report], cases: list[Case]
) -> None:
    codes = world.codes
    forms_through = Report.violence_forms.through
    case_forms = Case.violence_forms.through
    report_forms, kase_forms, members, people, services, events, audit = [], [], [], [], [], [], []
    for report, case in zip(reports, cases, strict=True):
        for form in rng.sample(codes[CodeList.VIOLENCE_FORM], rng.choice([1, 1, 1, 2])):
            report_forms.append(forms_through(report_id=report.pk, code_id=form.pk))
            kase_forms.append(case_forms(case_id=case.pk, code_id=form.pk))
        members.append(
            CaseMember(
                case=case,
                person_id=case.manager_id,
                role=MemberRole.MANAGER,
                added_at=case.opened_at,
            )
        )
        for _ in range(rng.choice([1, 1, 1, 2])):
            people.append(_victim(rng, case, world))
        people.append(
            CasePerson(
                case=case,
                kind=PersonKind.PERPETRATOR,
                sex=rng.choice(codes[CodeList.SEX]),
                age=rng.randrange(14, 70),
                relationship=rng.choice(codes[CodeList.RELATIONSHIP]),
            )
        )
        for offset in range(rng.randrange(1, 4)):
            services.append(
                CaseService(
                    case=case,
                    service=rng.choice(codes[CodeList.SERVICE]),
                    organisation_id=rng.choice([None, *world.partners]),
                    started_on=(case.opened_at + dt.timedelta(days=offset * 3)).date(),
                )
            )
        events.append(
            CaseEvent(
                case=case,
                at=case.opened_at,
                kind=EventKind.OPENED,
                to_status=CaseStatus.REPORTED,
                actor_id=case.manager_id,
            )
        )
        if case.closed_at:
            events.append(
                CaseEvent(
                    case=case,
                    at=case.closed_at,
                    kind=EventKind.STATUS,
                    from_status=CaseStatus.MONITORING,
                    to_status=CaseStatus.CLOSED,
                    actor_id=case.manager_id,
                )
            )
        for action, at in (
            (AuditAction.CREATE, case.opened_at),
            (AuditAction.READ, case.opened_at + dt.timedelta(hours=1)),
        ):
            audit.append(
                AuditEvent(
                    at=at,
                    actor_id=case.manager_id,
                    action=action,
                    object_type="cases.case",
                    object_id=str(case.pk),
                    area_code=world.rt_codes.get(case.rt_id, ""),
                )
            )
    forms_through.objects.bulk_create(report_forms)
    case_forms.objects.bulk_create(kase_forms)
    CaseMember.objects.bulk_create(members)
    CasePerson.objects.bulk_create(people)
    NameToken.objects.bulk_create(
        NameToken(person=p, case=p.case, digest=d)
        for p in people
        if p.kind == PersonKind.VICTIM
        for d in word_indexes(p.name, NAME_PURPOSE)
    )
    CaseService.objects.bulk_create(services)
    Referral.objects.bulk_create(_referrals(rng, world, services))
    CaseEvent.objects.bulk_create(events)
    audit_append_many(audit)


def _referrals(rng: random.Random, world: World, services: list[CaseService]):
    """A referral to a partner for some cases' first service given by one: answered and
    completed for a closed case, at an earlier step for an open one."""
    considered = set()
    for service in services:
        case = service.case
        if not service.organisation_id or case.pk in considered:
            continue
        considered.add(case.pk)
        if rng.random() >= REFERRED_SHARE:
            continue
        sent = case.opened_at + dt.timedelta(hours=rng.randrange(1, 72))
        answered = sent + dt.timedelta(hours=rng.randrange(1, 48))
        status = ReferralStatus.COMPLETED if case.closed_at else rng.choice(OPEN_STATUSES)
        served = status in (ReferralStatus.SERVED, ReferralStatus.COMPLETED)
        sequence = LETTER_SEQUENCE_BASE + int(case.number.removeprefix("SY-"))
        yield Referral(
            case=case,
            organisation_id=service.organisation_id,
            service=service.service,
            is_urgent=case.is_urgent,
            shared_fields=[ShareField.CASE_FACTS],
            due_date=(sent + dt.timedelta(days=14)).date(),
            status=status,
            letter_number=f"SY/RJK/{sent.year}/{sequence}",
            letter_year=sent.year,
            letter_sequence=sequence,
            sent_at=sent,
            sent_by_id=case.manager_id,
            responded_at=None if status == ReferralStatus.SENT else answered,
            served_on=service.started_on if served else None,
            served_at=answered if served else None,
            completed_at=case.closed_at if status == ReferralStatus.COMPLETED else None,
            case_service=service,
        )


def _victim(rng: random.Random, case: Case, world: World) -> CasePerson:
    codes = world.codes
    age = rng.randrange(1, 18)
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    birth = (case.opened_at - dt.timedelta(days=age * 365 + rng.randrange(365))).date()
    nik = f"6471{rng.randrange(10**11, 10**12)}"
    nik_index, name_birth_index = identity_indexes(name=name, nik=nik, birth_date=birth)
    return CasePerson(
        case=case,
        kind=PersonKind.VICTIM,
        victim_kind=VictimKind.CHILD,
        name=name,
        nik=nik,
        birth_date=birth.isoformat(),
        address="Jl. Sintetis",
        nik_index=nik_index,
        name_birth_index=name_birth_index,
        age=age,
        age_group=world.age_groups[age],
        sex=rng.choice(codes[CodeList.SEX]),
        education=rng.choice(codes[CodeList.EDUCATION]),
        has_disability=rng.random() < 0.05,
    )


def synthetic_generate(
    *,
    cases: int,
    scale: str = "city",
    seed: int = 1,
    batch_size: int = 2000,
) -> Iterator[int]:
    """Top the synthetic cases up to ``cases``; yields the running total after each batch."""
    refuse_real_data()
    world = prepare(scale)
    done = Case.objects.filter(number__startswith="SY-").count()
    while done < cases:
        count = min(batch_size, cases - done)
        with transaction.atomic():
            _batch(world, done, count, seed)
        done += count
        yield done
    # Bulk loads leave the planner's statistics stale (PostgreSQL then picks nested loops
    # over thousands of rows it thinks are two): refresh them once at the end.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
