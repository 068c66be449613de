"""The items Jaga can answer from its own records. Each computation names its formula and
returns the value with the aggregates underneath — counts of RTs, meetings, cases — never a
person. Every one is a call of the selectors the other apps already show on their pages; none
counts anything itself.

An item of the instrument names its computation by key (``Item.computation``); the city may
add items that name one of these keys, or drop them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jaga.areas.models import Area
from jaga.core.periods import Period
from jaga.figures.casework import casework_figures
from jaga.figures.selectors import (
    Dimension,
    FigureFilter,
    Ratio,
    quality,
    referrals_completed,
    tally_by,
)
from jaga.forum.figures import reach_figures, reach_trend
from jaga.sections.selectors import coverage_figures
from jaga.taskforce.figures import actions_by_organisation, meetings_per_year
from jaga.taskforce.models import Taskforce
from jaga.voice.selectors.participation import participation
from jaga.voice.selectors.results import feels_safe, rounds_of

Figure = tuple[str, float | int | None]
CHILD_AGE_GROUPS = {"0-5", "6-12", "13-17"}  # SIMFONI-PPA's age groups under 18


@dataclass(frozen=True)
class Result:
    value: float | None  # None: Jaga holds nothing to answer with
    figures: list[Figure]


@dataclass(frozen=True)
class Computation:
    key: str
    formula: Promise
    compute: Callable[[Area, Period, dt.datetime], Result]


COMPUTATIONS: dict[str, Computation] = {}


def computation(key: str, formula: Promise):
    def register(compute: Callable[[Area, Period, dt.datetime], Result]):
        COMPUTATIONS[key] = Computation(key, formula, compute)
        return compute

    return register


def _ratio(ratio: Ratio | None, part: Promise, whole: Promise) -> Result:
    if ratio is None:
        return Result(None, [])
    return Result(ratio.percent, [(str(part), ratio.part), (str(whole), ratio.whole)])


@computation("sections.formed", _("RT dengan Seksi PPA terbentuk ÷ semua RT × 100, akhir periode"))
def _sections_formed(city: Area, period: Period, now: dt.datetime) -> Result:
    figures = coverage_figures(city, period.last)
    return Result(
        figures.pct_formed,
        [(str(_("RT")), figures.rts), (str(_("Seksi PPA terbentuk")), figures.formed)],
    )


@computation(
    "sections.active",
    _("RT yang melapor atau menyatakan nihil di bulan terakhir periode ÷ semua RT × 100"),
)
def _sections_active(city: Area, period: Period, now: dt.datetime) -> Result:
    figures = coverage_figures(city, period.last)
    return Result(
        figures.pct_active,
        [(str(_("RT")), figures.rts), (str(_("RT aktif")), figures.active)],
    )


@computation(
    "forum.chapters", _("Kelurahan dengan FP2ATBM (PATBM) terbentuk ÷ semua kelurahan × 100")
)
def _forum_chapters(city: Area, period: Period, now: dt.datetime) -> Result:
    reach = reach_figures(city, period.last)
    percent = round(100 * reach.chapters / reach.kelurahan, 1) if reach.kelurahan else None
    return Result(
        percent,
        [(str(_("Kelurahan")), reach.kelurahan), (str(_("FP2ATBM terbentuk")), reach.chapters)],
    )


@computation("forum.reach", _("Orang yang dijangkau sosialisasi/edukasi FP2ATBM dalam periode"))
def _forum_reach(city: Area, period: Period, now: dt.datetime) -> Result:
    points = reach_trend(city, period.last, months=len(period.month_list()))
    children = sum(p.children for p in points)
    adults = sum(p.adults for p in points)
    return Result(
        children + adults,
        [
            (str(_("Sesi")), sum(p.sessions for p in points)),
            (str(_("Anak")), children),
            (str(_("Dewasa")), adults),
        ],
    )


def _taskforce(city: Area, period: Period) -> Taskforce | None:
    return (
        Taskforce.objects.filter(
            area=city, period_start__lt=period.end, period_end__gte=period.start
        )
        .order_by("-period_start")
        .first()
    )


@computation("taskforce.meetings", _("Rapat Gugus Tugas KLA yang terlaksana dalam tahun periode"))
def _taskforce_meetings(city: Area, period: Period, now: dt.datetime) -> Result:
    taskforce = _taskforce(city, period)
    if taskforce is None:
        return Result(0, [(str(_("Rapat")), 0)])
    year = period.start.year
    held = next((y.count for y in meetings_per_year(taskforce, now) if y.year == year), 0)
    return Result(held, [(str(_("Rapat")), held)])


@computation(
    "taskforce.actions_done",
    _("Rencana aksi Gugus Tugas yang selesai ÷ semua rencana aksi tahun periode × 100"),
)
def _taskforce_actions(city: Area, period: Period, now: dt.datetime) -> Result:
    taskforce = _taskforce(city, period)
    if taskforce is None:
        return Result(None, [])
    rows = actions_by_organisation(taskforce, period.start.year, now.date())
    total = sum(r.total for r in rows)
    done = sum(r.done for r in rows)
    return _ratio(Ratio(done, total), _("Selesai"), _("Rencana aksi"))


@computation(
    "voice.consultations", _("Konsultasi Forum Anak dalam periode dan usulan yang dijawab")
)
def _voice_consultations(city: Area, period: Period, now: dt.datetime) -> Result:
    held = participation(city.code, period.start, period.end)
    return Result(
        held.consultations,
        [
            (str(_("Konsultasi")), held.consultations),
            (str(_("Anak yang ikut")), held.children),
            (str(_("Usulan")), held.proposals),
            (str(_("Usulan dijawab")), held.answered),
        ],
    )


@computation(
    "voice.feels_safe",
    _("Jawaban anak 'aman' atau 'sangat aman' ÷ semua jawaban, putaran terakhir periode × 100"),
)
def _voice_feels_safe(city: Area, period: Period, now: dt.datetime) -> Result:
    rounds = rounds_of(city.code).filter(opens_on__lt=period.end, closes_on__gte=period.start)
    last = rounds.order_by("-opens_on").first()
    if last is None:
        return Result(None, [])
    figure = feels_safe(last, city.code)
    return Result(figure.percent, [(str(_("Anak yang menjawab")), figure.responses)])


def _cases(city: Area, period: Period) -> FigureFilter:
    return FigureFilter(city.code, period)


@computation("cases.child_victims", _("Anak korban kekerasan yang tercatat dalam periode"))
def _child_victims(city: Area, period: Period, now: dt.datetime) -> Result:
    rows = tally_by(_cases(city, period), Dimension.AGE_GROUP)
    children = [r for r in rows if r.key in CHILD_AGE_GROUPS]
    return Result(sum(r.victims for r in children), [(r.label, r.victims) for r in children])


@computation(
    "cases.served",
    _("Kasus selesai yang menerima setidaknya satu layanan ÷ kasus selesai × 100"),
)
def _served(city: Area, period: Period, now: dt.datetime) -> Result:
    result = quality(_cases(city, period)).closed_with_services
    return _ratio(result, _("Dengan layanan"), _("Kasus selesai"))


@computation("referrals.completed", _("Rujukan yang tuntas ÷ semua rujukan × 100"))
def _referrals(city: Area, period: Period, now: dt.datetime) -> Result:
    return _ratio(referrals_completed(_cases(city, period)), _("Tuntas"), _("Rujukan"))


@computation(
    "casework.monitoring",
    _("Pemantauan setelah kasus selesai yang dilakukan ÷ yang jatuh tempo × 100"),
)
def _monitoring(city: Area, period: Period, now: dt.datetime) -> Result:
    monitoring = casework_figures(_cases(city, period), now).monitoring
    done = sum(r.part for _m, r in monitoring)
    due = sum(r.whole for _m, r in monitoring)
    return _ratio(Ratio(done, due), _("Dilakukan"), _("Jatuh tempo"))
