"""Pure clock arithmetic: no database, no "now" of its own. Everything a page, a queue or the
escalation job shows about a clock is computed here from explicit arguments, so tests can
travel in time by passing ``now``."""

import datetime
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# The last quarter of a window is "due soon".
DUE_SOON_SHARE = 0.25
# Level 1 at the due time, each further level one more window later; three levels in all:
# case manager, UPTD PPA head, DP3AKB.
MAX_LEVEL = 3


class ClockState(StrEnum):
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"


# What a running step waits for, by step (the keys of ``jaga.clocks.models.Step``).
AWAITED = {
    "report_ack": _("menunggu tanggapan"),
    "outreach": _("menunggu kontak pertama"),
    "assessment": _("menunggu asesmen"),
    "referral_response": _("menunggu jawaban mitra"),
    "referral_service": _("menunggu layanan mitra"),
    "plan_review": _("menunggu tinjauan"),
    "approval": _("menunggu keputusan"),
    "follow_up": _("menunggu tindak lanjut"),
    "transfer": _("menunggu jawaban"),
    "action_item": _("menunggu penyelesaian"),
}
# The CSS badge of each state (``.badge.on-time|due-soon|overdue`` in jaga.css).
STATE_BADGES = {
    ClockState.ON_TIME: "on-time",
    ClockState.DUE_SOON: "due-soon",
    ClockState.OVERDUE: "overdue",
    ClockState.DONE_ON_TIME: "on-time",
    ClockState.DONE_LATE: "overdue",
}


def is_working_day(day: datetime.date, holidays: Collection[datetime.date] = ()) -> bool:
    """Monday to Friday, and not a listed holiday."""
    return day.weekday() < 5 and day not in holidays


def add_working_days(
    start: datetime.datetime, days: int, holidays: Collection[datetime.date] = ()
) -> datetime.datetime:
    """``start`` moved ``days`` working days on, at the same WITA wall-clock time. Saturdays,
    Sundays and holidays are skipped: Friday 10:00 + 2 working days is Tuesday 10:00, and a
    report of Saturday 10:00 + 1 working day is due Monday 10:00."""
    local = timezone.localtime(start)
    day, counted = local.date(), 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            counted += 1
    naive = datetime.datetime.combine(day, local.time().replace(tzinfo=None))
    return timezone.make_aware(naive, local.tzinfo)


def due_at(
    start: datetime.datetime,
    amount: int,
    unit: str,
    holidays: Collection[datetime.date] = (),
) -> datetime.datetime:
    """When a step started at ``start`` with a target of ``amount`` ``unit`` is due."""
    if unit == "hours":
        return start + datetime.timedelta(hours=amount)
    if unit == "days":
        return start + datetime.timedelta(days=amount)
    if unit == "working_days":
        return add_working_days(start, amount, holidays)
    raise ValueError(f"unknown unit {unit!r}")


def least_duration(amount: int, unit: str) -> datetime.timedelta:
    """A lower bound of the target's length whatever the start: lets the database discard
    items that cannot be overdue yet before the exact (holiday-aware) check in Python."""
    return datetime.timedelta(hours=amount) if unit == "hours" else datetime.timedelta(days=amount)


def clock_state(
    *,
    started_at: datetime.datetime,
    due: datetime.datetime,
    done_at: datetime.datetime | None,
    now: datetime.datetime,
) -> ClockState:
    """On time, due soon (last quarter of the window), overdue, or done (on time or late)."""
    if done_at is not None:
        return ClockState.DONE_ON_TIME if done_at <= due else ClockState.DONE_LATE
    if now >= due:
        return ClockState.OVERDUE
    if now >= due - (due - started_at) * DUE_SOON_SHARE:
        return ClockState.DUE_SOON
    return ClockState.ON_TIME


def escalation_level(
    *, started_at: datetime.datetime, due: datetime.datetime, now: datetime.datetime
) -> int:
    """0 before the due time; 1 at it; one more level per further window, at most 3."""
    if now < due:
        return 0
    window = max(due - started_at, datetime.timedelta(minutes=1))
    return min(MAX_LEVEL, 1 + int((now - due) / window))


def span_text(span: datetime.timedelta) -> str:
    """A length of time as a reader counts it: minutes below an hour, hours below two days,
    days beyond (rounded up, so "sisa 1 jam" never hides 59 minutes more)."""
    minutes = max(1, -(-int(span.total_seconds()) // 60))
    if minutes < 60:
        return ngettext("%(n)d menit", "%(n)d menit", minutes) % {"n": minutes}
    hours = -(-minutes // 60)
    if hours < 48:
        return ngettext("%(n)d jam", "%(n)d jam", hours) % {"n": hours}
    days = -(-hours // 24)
    return ngettext("%(n)d hari", "%(n)d hari", days) % {"n": days}


@dataclass(frozen=True)
class Clock:
    """One item's clock as shown: its step, window, state and escalation level, as seen at
    ``now``."""

    step: str
    started_at: datetime.datetime
    due: datetime.datetime
    done_at: datetime.datetime | None
    state: ClockState
    level: int
    now: datetime.datetime

    @property
    def label(self) -> str:
        """A running step says what it waits for and how long is left (or how late it is);
        a done step says when it was done and whether on time."""
        if self.done_at is not None:
            return gettext_now("selesai %(when)s, %(verdict)s") % {
                "when": date_format(timezone.localtime(self.done_at), "j M Y H:i"),
                "verdict": _("tepat waktu")
                if self.state == ClockState.DONE_ON_TIME
                else _("terlambat"),
            }
        awaited = AWAITED.get(self.step, _("menunggu"))
        if self.state == ClockState.OVERDUE:
            template = gettext_now("%(awaited)s — terlambat %(span)s")
            return template % {"awaited": awaited, "span": span_text(self.now - self.due)}
        template = gettext_now("%(awaited)s — sisa %(span)s")
        return template % {"awaited": awaited, "span": span_text(self.due - self.now)}

    @property
    def badge(self) -> str:
        return STATE_BADGES[self.state]

    @property
    def is_overdue(self) -> bool:
        return self.state == ClockState.OVERDUE


def make_clock(
    *,
    step: str,
    started_at: datetime.datetime,
    due: datetime.datetime,
    done_at: datetime.datetime | None,
    now: datetime.datetime,
) -> Clock:
    state = clock_state(started_at=started_at, due=due, done_at=done_at, now=now)
    level = 0 if done_at else escalation_level(started_at=started_at, due=due, now=now)
    return Clock(step, started_at, due, done_at, state, level, now)
