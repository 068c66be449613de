"""Writing synthetic cases in batches (``bulk_create``): each from a report, with victims, a
perpetrator, services, referrals, its timeline and audit events. A ``Series`` says how its
records are named and how far back they go: the benchmarks' synthetic city (five years) and
the demo's history (eighteen months) are the same writer. Every time is in the past and in
order: report, case opening, each status step, services, referral, closing."""

import datetime as dt
import random
from dataclasses import dataclass

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
from jaga.codes.models import Code, CodeList
from jaga.codes.selectors import age_group_for
from jaga.core.crypto import word_indexes
from jaga.core.identity import identity_indexes
from jaga.people.models import Organisation
from jaga.referrals.models import OPEN_STATUSES, Referral, ReferralStatus
from jaga.reports.models import Channel, Report, ReportStatus, VictimKind

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
CLOSED_SHARE = 0.7
REFERRED_SHARE = 0.3  # cases with a service referred to a partner organisation
OPEN_EVERY = 200  # one untriaged report per 200 cases
# The steps an open case has walked to reach its status (a closed case walks them all).
PATH = [
    CaseStatus.REPORTED,
    CaseStatus.VERIFIED,
    CaseStatus.ASSESSED,
    CaseStatus.IN_SERVICE,
    CaseStatus.REFERRED,
    CaseStatus.MONITORING,
]
OPEN_STATUSES_OF_CASES = PATH[1:]
TRACKING_LENGTH = 11  # within the tracking code's 12 characters
# An open case's steps fall within this long after its opening (never after now).
OPEN_SPAN = dt.timedelta(days=30)


@dataclass(frozen=True)
class Series:
    """How a run's records are named and how far back its reports go."""

    prefix: str  # case numbers "<prefix>-000000001"
    tracking_prefix: str  # tracking codes "<tracking_prefix>0…01", eleven characters
    waiting_prefix: str  # tracking codes of the untriaged reports
    days: int
    letter_base: int  # referral letters numbered far above any real sequence
    surnames: tuple[str, ...]
    street: str


@dataclass
class World:
    """What every batch needs, loaded once."""

    rt_ids: list[int]
    rt_codes: dict[int, str]
    managers: list[int]
    uptd: Organisation
    partners: list[int]
    codes: dict[str, list[Code]]
    age_groups: dict[int, Code | None]


def code_book() -> tuple[dict[str, list[Code]], dict[int, Code | None]]:
    """The code lists a batch draws from, and the age group of every age."""
    codes: dict[str, list[Code]] = {
        name: list(Code.objects.of(name))
        for name in (
            CodeList.VIOLENCE_FORM,
            CodeList.PLACE,
            CodeList.SEX,
            CodeList.RELATIONSHIP,
            CodeList.EDUCATION,
            CodeList.SERVICE,
        )
    }
    return codes, {age: age_group_for(age) for age in range(120)}


def _tracking_code(prefix: str, index: int) -> str:
    # Eleven characters whatever the prefix: "SY000000001", "LP-DM000001".
    return f"{prefix}{index:0{TRACKING_LENGTH - len(prefix)}d}"


def _local_date(at: dt.datetime) -> dt.date:
    return timezone.localtime(at).date()


def _report(rng: random.Random, world: World, series: Series, index: int, now: dt.datetime):
    codes = world.codes
    received = now - dt.timedelta(seconds=rng.randrange(series.days * 86400))
    verified = min(received + dt.timedelta(minutes=rng.randrange(30, 2880)), now)
    return Report(
        tracking_code=_tracking_code(series.tracking_prefix, index),
        channel=rng.choice(Channel.values),
        received_at=received,
        rt_id=rng.choice(world.rt_ids),
        is_urgent=rng.random() < 0.1,
        place=rng.choice(codes[CodeList.PLACE]),
        incident_date=_local_date(received - dt.timedelta(days=rng.randrange(30))),
        victim_kind=VictimKind.CHILD,
        victim_sex=rng.choice(codes[CodeList.SEX]),
        victim_age=rng.randrange(1, 18),
        status=ReportStatus.HANDLING,
        verified_at=verified,
        is_demo=True,
    )


def _case(rng: random.Random, world: World, series: Series, index: int, report: Report, now):
    opened = report.verified_at or report.received_at
    closed_at = opened + dt.timedelta(days=rng.randrange(7, 120))
    closed = rng.random() < CLOSED_SHARE and closed_at < now
    status = CaseStatus.CLOSED if closed else rng.choice(OPEN_STATUSES_OF_CASES)
    return Case(
        number=f"{series.prefix}-{index:09d}",
        rt_id=report.rt_id,
        is_urgent=report.is_urgent,
        status=status,
        place=report.place,
        incident_date=report.incident_date,
        manager_id=rng.choice(world.managers),
        opened_at=opened,
        reported_at=report.received_at,
        closed_at=closed_at if closed else None,
        updated_at=closed_at if closed else opened,
        is_demo=True,
    )


def write_batch(world: World, start: int, count: int, seed: int, series: Series) -> None:
    """Write cases number ``start`` .. ``start + count - 1`` of ``series``."""
    rng = random.Random(seed * 1_000_003 + start)
    now = timezone.now()
    reports, cases = [], []
    for index in range(start, start + count):
        reports.append(_report(rng, world, series, index, now))
        cases.append(_case(rng, world, series, index, reports[-1], now))
    waiting = [
        _waiting_report(rng, world, series, index, now)
        for index in range(start, start + count)
        if index % OPEN_EVERY == 0
    ]
    Report.objects.bulk_create(reports + waiting)
    Report.violence_forms.through.objects.bulk_create(
        Report.violence_forms.through(
            report_id=r.pk, code_id=world.codes[CodeList.VIOLENCE_FORM][0].pk
        )
        for r in waiting
    )
    for report, case in zip(reports, cases, strict=True):
        case.report_id = report.pk
    Case.objects.bulk_create(cases)
    _case_details(world, rng, series, reports, cases, now)


def _waiting_report(
    rng: random.Random, world: World, series: Series, index: int, now: dt.datetime
) -> Report:
    """A report not yet triaged, from the last three days: what a triage queue holds."""
    codes = world.codes
    return Report(
        tracking_code=_tracking_code(series.waiting_prefix, index),
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


def timeline(case: Case, now: dt.datetime) -> list[CaseEvent]:
    """The case's opening and each status step on the way to its status, evenly spaced
    between its opening and its closing (an open case: a month at most, never after now)."""
    if case.status == CaseStatus.CLOSED:
        steps, end = [*PATH, CaseStatus.CLOSED], case.closed_at or now
    else:
        steps = PATH[: PATH.index(CaseStatus(case.status)) + 1]
        end = min(now, case.opened_at + OPEN_SPAN)
    gap = (end - case.opened_at) / max(len(steps) - 1, 1)
    events = [
        CaseEvent(
            case=case,
            at=case.opened_at,
            kind=EventKind.OPENED,
            to_status=CaseStatus.REPORTED,
            actor_id=case.manager_id,
        )
    ]
    for n, (before, after) in enumerate(zip(steps, steps[1:], strict=False), start=1):
        events.append(
            CaseEvent(
                case=case,
                at=case.opened_at + gap * n,
                kind=EventKind.STATUS,
                from_status=before,
                to_status=after,
                actor_id=case.manager_id,
            )
        )
    return events


def _services(rng: random.Random, world: World, case: Case, now: dt.datetime):
    for offset in range(rng.randrange(1, 4)):
        yield CaseService(
            case=case,
            service=rng.choice(world.codes[CodeList.SERVICE]),
            organisation_id=rng.choice([None, *world.partners]),
            started_on=_local_date(min(case.opened_at + dt.timedelta(days=offset * 3), now)),
        )


def _audit(world: World, case: Case, now: dt.datetime) -> list[AuditEvent]:
    return [
        AuditEvent(
            at=at,
            actor_id=case.manager_id,
            action=action,
            object_type="cases.case",
            object_id=str(case.pk),
            area_code=world.rt_codes.get(case.rt_id, ""),
        )
        for action, at in (
            (AuditAction.CREATE, case.opened_at),
            (AuditAction.READ, min(case.opened_at + dt.timedelta(hours=1), now)),
        )
    ]


def _case_details(
    world: World,
    rng: random.Random,
    series: Series,
    reports: list[Report],
    cases: list[Case],
    now: dt.datetime,
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
            people.append(_victim(rng, case, world, series))
        people.append(
            CasePerson(
                case=case,
                kind=PersonKind.PERPETRATOR,
                sex=rng.choice(codes[CodeList.SEX]),
                age=rng.randrange(14, 70),
                relationship=rng.choice(codes[CodeList.RELATIONSHIP]),
            )
        )
        services.extend(_services(rng, world, case, now))
        events.extend(timeline(case, now))
        audit.extend(_audit(world, case, now))
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
    Referral.objects.bulk_create(_referrals(rng, series, services, now))
    CaseEvent.objects.bulk_create(events)
    audit_append_many(audit)


def _referrals(rng: random.Random, series: Series, services: list[CaseService], now):
    """A referral to a partner for some cases' first service given by one: answered and
    completed for a closed case, at an earlier step for an open one (still waiting for an
    answer when the answer would fall after now)."""
    considered = set()
    for service in services:
        case = service.case
        if not service.organisation_id or case.pk in considered:
            continue
        considered.add(case.pk)
        if rng.random() >= REFERRED_SHARE:
            continue
        sent = min(case.opened_at + dt.timedelta(hours=rng.randrange(1, 72)), now)
        answered = sent + dt.timedelta(hours=rng.randrange(1, 48))
        if case.closed_at:
            status, answered = ReferralStatus.COMPLETED, min(answered, case.closed_at)
        else:
            status = rng.choice(OPEN_STATUSES) if answered < now else ReferralStatus.SENT
        served = status in (ReferralStatus.SERVED, ReferralStatus.COMPLETED)
        sequence = series.letter_base + int(case.number.rsplit("-", 1)[1])
        yield Referral(
            case=case,
            organisation_id=service.organisation_id,
            service=service.service,
            is_urgent=case.is_urgent,
            shared_fields=[ShareField.CASE_FACTS],
            due_date=_local_date(sent + dt.timedelta(days=14)),
            status=status,
            letter_number=f"{series.prefix}/RJK/{sent.year}/{sequence}",
            letter_year=sent.year,
            letter_sequence=sequence,
            sent_at=sent,
            sent_by_id=case.manager_id,
            responded_at=None if status == ReferralStatus.SENT else answered,
            served_on=_local_date(answered) if served else None,
            served_at=answered if served else None,
            completed_at=case.closed_at if status == ReferralStatus.COMPLETED else None,
            case_service=service,
        )


def _victim(rng: random.Random, case: Case, world: World, series: Series) -> CasePerson:
    codes = world.codes
    age = rng.randrange(1, 18)
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(series.surnames)}"
    birth = _local_date(case.opened_at - dt.timedelta(days=age * 365 + rng.randrange(365)))
    nik = f"6471{rng.randrange(10**11, 10**12)}"
    nik_index, name_birth_index = identity_indexes(name=name, nik=nik, birth_date=birth)
    return CasePerson(
        case=case,
        kind=PersonKind.VICTIM,
        victim_kind=VictimKind.CHILD,
        name=name,
        nik=nik,
        birth_date=birth.isoformat(),
        address=series.street,
        nik_index=nik_index,
        name_birth_index=name_birth_index,
        age=age,
        age_group=world.age_groups[age],
        sex=rng.choice(codes[CodeList.SEX]),
        education=rng.choice(codes[CodeList.EDUCATION]),
        has_disability=rng.random() < 0.05,
    )
