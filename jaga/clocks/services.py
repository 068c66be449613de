"""Writes about clocks: the administrator's targets and holidays, and the escalation job.

``escalate`` is safe to run every minute from cron (``jaga escalate``) or the task worker:
each (item, level) is recorded once (a unique constraint), and its notification carries an
idempotency key, so a second run, or two runs at once, escalate nothing twice."""

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.access.roles import Role
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.cases.models import Case
from jaga.cases.selectors import case_heads
from jaga.clocks.models import Escalation, Holiday, ServiceTarget, Step, Unit
from jaga.clocks.selectors import (
    TargetBook,
    forget_targets,
    overdue_cases,
    overdue_reports,
)
from jaga.clocks.timing import Clock
from jaga.notifications.selectors import recipients_with_role
from jaga.notifications.services import notify
from jaga.people.models import Person
from jaga.reports.models import Channel, Report

MAX_AMOUNT = 1000
# Who hears of an overdue item at each level after the first (the first is the item's own).
LEVEL_ROLES = {2: Role.UPTD_HEAD, 3: Role.CITY_ADMIN}


@transaction.atomic
def target_update(
    *,
    target: ServiceTarget,
    by: Person,
    amount: int,
    unit: str,
    request: HttpRequest | None = None,
) -> ServiceTarget:
    """Change one service-time target (city administrator). Audited."""
    errors = {}
    if unit not in Unit.values:
        errors["unit"] = _("Pilih satuan waktu.")
    if not 0 < amount <= MAX_AMOUNT:
        errors["amount"] = _("Batas waktu harus antara 1 dan %(max)s.") % {"max": MAX_AMOUNT}
    if errors:
        raise ValidationError(errors)
    target.amount, target.unit = amount, unit
    target.updated_at, target.updated_by = timezone.now(), by
    target.save(update_fields=["amount", "unit", "updated_at", "updated_by"])
    _changed()
    audit_record(
        actor=by,
        action=AuditAction.CHANGE,
        target=target,
        fields=["amount", "unit"],
        request=request,
    )
    return target


@transaction.atomic
def holiday_add(
    *, date: datetime.date, name: str, by: Person, request: HttpRequest | None = None
) -> Holiday:
    """Add a public holiday (not a working day for the clocks). Audited."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Tuliskan nama hari libur.")})
    if Holiday.objects.filter(date=date).exists():
        raise ValidationError({"date": _("Tanggal ini sudah tercatat sebagai hari libur.")})
    holiday = Holiday.objects.create(date=date, name=name[:120])
    _changed()
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        target=holiday,
        fields=["date", "name"],
        request=request,
    )
    return holiday


@transaction.atomic
def holiday_remove(*, holiday: Holiday, by: Person, request: HttpRequest | None = None) -> None:
    """Remove a holiday from the list. Audited."""
    audit_record(
        actor=by, action=AuditAction.DELETE, target=holiday, fields=["date"], request=request
    )
    holiday.delete()
    _changed()


def _changed() -> None:
    # Forget now (this request sees the change) and again after commit (a read in between
    # must not keep the old values).
    forget_targets()
    transaction.on_commit(forget_targets)


# --- escalation ------------------------------------------------------------------------------


@dataclass
class Overdue:
    """An overdue item as the escalation job sees it."""

    step: str
    object_id: int
    clock: Clock
    number: str
    area_code: str
    link: str
    urgent: bool
    # Who is told at level 1 (the item's own people), and the kelurahan officers of an RT
    # report; called only when a new escalation is recorded.
    first: Callable[[], list[Any]]
    neighbourhood: Callable[[], list[Any]] = list
    # Who is told at a level above 1: for a case, the heads it answers to (``case_chain``); a
    # task force's action item goes to its secretary; None: ``LEVEL_ROLES`` of the area.
    higher: Callable[[int], list[Any]] | None = None


# Apps above clocks (referrals) add their overdue items to the escalation job here, from
# their ``AppConfig.ready``: clocks may not import them.
EscalationSource = Callable[[TargetBook, datetime.datetime], Iterable[Overdue]]
ESCALATION_SOURCES: list[EscalationSource] = []


def add_escalation_source(source: EscalationSource) -> EscalationSource:
    ESCALATION_SOURCES.append(source)
    return source


# And their reminders before a due time (the task force's action items): each is called with
# "now" at the start of every escalation run, sends what is due once, and says how many.
ReminderSource = Callable[[datetime.datetime], int]
REMINDER_SOURCES: list[ReminderSource] = []


def add_reminder_source(source: ReminderSource) -> ReminderSource:
    REMINDER_SOURCES.append(source)
    return source


def _overdue_items(now: datetime.datetime) -> Iterator[Overdue]:
    book = TargetBook()
    for report, clock in overdue_reports(Report.objects.all(), book, now):
        area = report.rt.code
        yield Overdue(
            Step.REPORT_ACK,
            report.pk,
            clock,
            report.tracking_code,
            area,
            reverse("reports:detail", args=[report.pk]),
            report.is_urgent,
            partial(people_with_role, Role.CASE_MANAGER, area_code=area),
            partial(people_with_role, Role.KELURAHAN_OFFICER, area_code=area)
            if report.channel == Channel.RT
            else list,
        )
    for case, clock in overdue_cases(Case.objects.all(), book, now):
        link = reverse("cases:detail", args=[case.pk])
        yield Overdue(
            clock.step,
            case.pk,
            clock,
            case.number,
            case.rt.code,
            link,
            case.is_urgent,
            partial(list, [case.manager]),
            higher=partial(case_chain, case),
        )
    for source in ESCALATION_SOURCES:
        yield from source(book, now)


def case_chain(case: Case, level: int) -> list[Any]:
    """Who is told of a case's overdue step above its manager: the heads the case answers to
    (the receiving head of a case taken over from another city), then DP3AKB."""
    if level == 2:
        return list(case_heads(case))
    return people_with_role(LEVEL_ROLES[level], area_code=case.rt.code)


def people_with_role(role: str, **where: Any) -> list[Any]:
    return list(recipients_with_role(role, **where))


def escalate(*, now: datetime.datetime | None = None) -> list[Escalation]:
    """Escalate every overdue item to each level it has reached and not yet been escalated
    to: level 1 (at the due time) tells the item's own people — the case manager(s), the
    partner's officers for a referral, and for an RT report also the kelurahan officer;
    level 2 (one more window late) the UPTD PPA head; level 3 DP3AKB. Returns the new
    escalations. Each item is escalated in its own transaction. The reminder sources send
    their reminders first."""
    now = now or timezone.now()
    for remind in REMINDER_SOURCES:
        remind(now)
    items = list(_overdue_items(now))
    ids = {item.object_id for item in items}
    known = set(
        Escalation.objects.filter(object_id__in=ids).values_list("step", "object_id", "level")
    )
    created = []
    for item in items:
        for level in range(1, item.clock.level + 1):
            if (item.step, item.object_id, level) in known:
                continue
            escalation = _escalate_one(item, level, now)
            if escalation is not None:
                created.append(escalation)
    return created


@transaction.atomic
def _escalate_one(item: Overdue, level: int, now: datetime.datetime) -> Escalation | None:
    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(
                step=item.step,
                object_id=item.object_id,
                level=level,
                number=item.number,
                area_code=item.area_code,
                due_at=item.clock.due,
                created_at=now,
            )
    except IntegrityError:
        return None  # another run recorded it a moment ago
    queue = reverse("clocks:queue")
    first = level == 1
    if first:
        people = item.first()
    elif item.higher is not None:
        people = item.higher(level)
    else:
        people = people_with_role(LEVEL_ROLES[level], area_code=item.area_code)
    # DP3AKB may not open a report in triage: it is sent to the overdue queue instead.
    link = queue if level == 3 and item.step == Step.REPORT_ACK else item.link
    _notify(item, level, people, link, key=f"escalation:{item.step}:{item.object_id}:{level}")
    neighbourhood = item.neighbourhood() if level == 1 else []
    if neighbourhood:
        key = f"escalation:{item.step}:{item.object_id}:{level}:kelurahan"
        _notify(item, level, neighbourhood, queue, key=key)
    return escalation


def _notify(item: Overdue, level: int, people: list[Any], link: str, *, key: str) -> None:
    due = timezone.localtime(item.clock.due).strftime("%d-%m-%Y %H:%M")
    notify(
        recipients=people,
        kind="clock.escalation",
        title=_("Tenggat terlewati: %(step)s") % {"step": Step(item.step).label},
        body=_("%(number)s melewati tenggat %(due)s WITA (eskalasi tingkat %(level)s).")
        % {"number": item.number, "due": due, "level": level},
        link=link,
        subject_type="clocks.escalation",
        subject_id=item.object_id,
        number=item.number,
        urgent=item.urgent,
        key=key,
    )
