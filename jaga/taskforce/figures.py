"""The task force's figures as the KLA evaluation asks for them, computed from the records,
never typed: meetings per year (the national questionnaire distinguishes more than 4 from
1–4), attendance per organisation and per cluster, action items done / on time / overdue per
organisation and per KLA indicator, and the Forum Anak's attendance.

Each takes a task force already reached through the policy (``taskforce.figures``) and costs
a fixed number of queries (aggregates in the database). The KLA evaluation app reuses them.
They are about organisations' work, never about a person or a case."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone

from jaga.codes.models import Code, CodeList
from jaga.people.models import OrganisationKind
from jaga.taskforce.models import (
    ActionItem,
    ActionStatus,
    Attendance,
    AttendanceStatus,
    Meeting,
    Member,
    Taskforce,
)

WITA = ZoneInfo(settings.TIME_ZONE)


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class YearMeetings:
    year: int
    count: int

    @property
    def band(self) -> str:
        """The questionnaire's answer: "> 4", "1–4" or "0" meetings a year."""
        return "> 4" if self.count > 4 else ("1–4" if self.count else "0")


def meetings_per_year(
    taskforce: Taskforce, now: datetime.datetime | None = None
) -> list[YearMeetings]:
    """Meetings held (begun by ``now``) per calendar year (WITA), every year of the decree's
    period up to now, oldest first (one query)."""
    now = now or timezone.now()
    counts = dict(
        Meeting.objects.filter(taskforce=taskforce, starts_at__lte=now)
        .annotate(year=ExtractYear("starts_at", tzinfo=WITA))
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    last = min(timezone.localdate(now).year, taskforce.period_end.year)
    years = range(taskforce.period_start.year, last + 1)
    return [YearMeetings(year, counts.get(year, 0)) for year in years]


def _held(taskforce: Taskforce, year: int) -> Q:
    """Attendance records of the task force's meetings in ``year`` (WITA)."""
    return Q(
        meeting__taskforce=taskforce,
        meeting__starts_at__year=year,
    )


def _meetings_with_attendance(taskforce: Taskforce, year: int) -> int:
    return Attendance.objects.filter(_held(taskforce, year)).values("meeting_id").distinct().count()


@dataclass(frozen=True)
class AttendanceFigure:
    label: str
    meetings: int  # meetings with attendance recorded, times the organisations counted
    present: int
    represented: int
    is_forum_anak: bool = False

    @property
    def attended(self) -> int:
        return self.present + self.represented

    @property
    def rate(self) -> float | None:
        """Share of those meetings attended (present or represented), in percent."""
        return _share(self.attended, self.meetings)


def _attendance_counts(taskforce: Taskforce, year: int) -> dict[int, dict[str, int]]:
    rows = (
        Attendance.objects.filter(_held(taskforce, year))
        .values("member_id", "status")
        .annotate(n=Count("pk"))
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        counts[row["member_id"]][row["status"]] = row["n"]
    return counts


def attendance_by_organisation(taskforce: Taskforce, year: int) -> list[AttendanceFigure]:
    """Per member organisation, of the year's meetings with attendance recorded: how many it
    attended in person, by a representative, and the rate (three queries). A meeting where an
    organisation was not marked counts as not attended."""
    meetings = _meetings_with_attendance(taskforce, year)
    counts = _attendance_counts(taskforce, year)
    members = Member.objects.filter(taskforce=taskforce).select_related("organisation")
    return [
        AttendanceFigure(
            str(member.organisation),
            meetings,
            counts[member.pk].get(AttendanceStatus.PRESENT, 0),
            counts[member.pk].get(AttendanceStatus.REPRESENTED, 0),
            member.organisation.kind == OrganisationKind.FORUM_ANAK,
        )
        for member in members.order_by("organisation__name")
    ]


def attendance_by_cluster(taskforce: Taskforce, year: int) -> list[AttendanceFigure]:
    """The same per KLA cluster: the cluster's organisations together, in the clusters'
    order (four queries)."""
    clusters = list(Code.objects.of(CodeList.KLA_CLUSTER).order_by("position"))
    meetings = _meetings_with_attendance(taskforce, year)
    counts = _attendance_counts(taskforce, year)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for member_id, cluster in Member.objects.filter(taskforce=taskforce).values_list(
        "pk", "cluster"
    ):
        total = totals[cluster]
        total[0] += meetings
        total[1] += counts[member_id].get(AttendanceStatus.PRESENT, 0)
        total[2] += counts[member_id].get(AttendanceStatus.REPRESENTED, 0)
    return [
        AttendanceFigure(f"{c.code} — {c}", *_triple(totals[c.code]))
        for c in clusters
        if c.code in totals
    ]


def _triple(values: list[int]) -> tuple[int, int, int]:
    return values[0], values[1], values[2]


def forum_anak_attendance(taskforce: Taskforce, year: int) -> AttendanceFigure:
    """The Forum Anak's attendance in the year (two queries)."""
    meetings = _meetings_with_attendance(taskforce, year)
    counts = dict(
        Attendance.objects.filter(
            _held(taskforce, year), member__organisation__kind=OrganisationKind.FORUM_ANAK
        )
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return AttendanceFigure(
        "Forum Anak",
        meetings,
        counts.get(AttendanceStatus.PRESENT, 0),
        counts.get(AttendanceStatus.REPRESENTED, 0),
        True,
    )


@dataclass(frozen=True)
class ActionFigure:
    label: str
    total: int
    done: int
    done_on_time: int
    overdue: int  # open and past the due date

    @property
    def open(self) -> int:
        return self.total - self.done

    @property
    def done_rate(self) -> float | None:
        return _share(self.done, self.total)

    @property
    def on_time_rate(self) -> float | None:
        """Share of the done items closed by their due date."""
        return _share(self.done_on_time, self.done)


def _action_counts(today: datetime.date, prefix: str = "") -> dict[str, Count]:
    done = Q(**{f"{prefix}status": ActionStatus.DONE})
    return {
        "total": Count(f"{prefix}pk", distinct=True),
        "done": Count(f"{prefix}pk", filter=done, distinct=True),
        "done_on_time": Count(
            f"{prefix}pk",
            filter=done & Q(**{f"{prefix}closed_at__date__lte": F(f"{prefix}due_date")}),
            distinct=True,
        ),
        "overdue": Count(
            f"{prefix}pk", filter=~done & Q(**{f"{prefix}due_date__lt": today}), distinct=True
        ),
    }


def _year_items(taskforce: Taskforce, year: int):
    """Action items agreed in the year's meetings."""
    return ActionItem.objects.filter(
        agenda_item__meeting__taskforce=taskforce, agenda_item__meeting__starts_at__year=year
    )


def actions_by_organisation(
    taskforce: Taskforce, year: int, today: datetime.date | None = None
) -> list[ActionFigure]:
    """Per owner organisation, the action items agreed in the year: total, done, done on
    time, overdue now (one query)."""
    today = today or timezone.localdate()
    rows = (
        _year_items(taskforce, year)
        .values("owner__organisation__name")
        .annotate(**_action_counts(today))
        .order_by("owner__organisation__name")
    )
    return [
        ActionFigure(
            r["owner__organisation__name"], r["total"], r["done"], r["done_on_time"], r["overdue"]
        )
        for r in rows
    ]


def actions_by_indicator(
    taskforce: Taskforce, year: int, today: datetime.date | None = None
) -> list[ActionFigure]:
    """Per KLA indicator, the action items of the year that serve it (an item serving two
    indicators counts under each), in the indicators' order (one query)."""
    today = today or timezone.localdate()
    by_code = (
        _year_items(taskforce, year)
        .values("indicators__code", "indicators__label_id", "indicators__position")
        .filter(indicators__isnull=False)
        .annotate(**_action_counts(today))
        .order_by("indicators__position")
    )
    return [
        ActionFigure(
            f"{r['indicators__code']}. {r['indicators__label_id']}",
            r["total"],
            r["done"],
            r["done_on_time"],
            r["overdue"],
        )
        for r in by_code
    ]


@dataclass(frozen=True)
class Figures:
    """Every task-force figure of one year, as the figures page and the API show them."""

    year: int
    meetings_per_year: list[YearMeetings]
    attendance_by_organisation: list[AttendanceFigure]
    attendance_by_cluster: list[AttendanceFigure]
    forum_anak: AttendanceFigure
    actions_by_organisation: list[ActionFigure]
    actions_by_indicator: list[ActionFigure]


def figures_for(taskforce: Taskforce, year: int, now: datetime.datetime | None = None) -> Figures:
    """All the figures of ``year`` (a fixed number of queries)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return Figures(
        year=year,
        meetings_per_year=meetings_per_year(taskforce, now),
        attendance_by_organisation=attendance_by_organisation(taskforce, year),
        attendance_by_cluster=attendance_by_cluster(taskforce, year),
        forum_anak=forum_anak_attendance(taskforce, year),
        actions_by_organisation=actions_by_organisation(taskforce, year, today),
        actions_by_indicator=actions_by_indicator(taskforce, year, today),
    )
