"""The only readers of survey answers: every function here returns counts, already suppressed
(``jaga.voice.tables``), never a row of an answer. Views and the API call these; nothing
else imports ``Response`` or ``Answer`` (``tests/test_no_trace.py`` checks it)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Left
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jaga.access.paths import within
from jaga.access.policy import get_object, scope_roots
from jaga.areas.models import Area, AreaKind
from jaga.voice.models import AgeBand, Answer, Question, Response, Round, Sex, SurveySession
from jaga.voice.tables import FLOOR, QuestionCounts, Results, build, safe_share

SAFE_FROM = 3  # "Aman" and "Sangat aman" on the four faces


class Breakdown(StrEnum):
    AREA = "wilayah"
    SCHOOL = "sekolah"
    AGE_BAND = "umur"
    SEX = "kelamin"


BREAKDOWN_TITLES = {
    Breakdown.AREA: gettext_lazy("Wilayah"),
    Breakdown.SCHOOL: gettext_lazy("Sekolah / tempat"),
    Breakdown.AGE_BAND: gettext_lazy("Kelompok umur"),
    Breakdown.SEX: gettext_lazy("Jenis kelamin"),
}


@dataclass(frozen=True)
class ResultFilter:
    survey_round: Round
    area_code: str
    age_band: str = ""  # "" = both versions (only the questions they share)
    sex: str = ""


def _matching(result_filter: ResultFilter, prefix: str = "") -> Q:
    """The filter's responses (``prefix`` leads from an answer: ``"response__"``). Answers are
    filtered through their own joins, never "response in (subquery)", which PostgreSQL may
    plan as a nested loop over every answer before its statistics catch up with new rows."""
    q = Q(**{f"{prefix}session__round": result_filter.survey_round})
    q &= within(result_filter.area_code, f"{prefix}session__kelurahan__code")
    if result_filter.age_band:
        q &= Q(**{f"{prefix}age_band": result_filter.age_band})
    if result_filter.sex:
        q &= Q(**{f"{prefix}sex": result_filter.sex})
    return q


def _responses(result_filter: ResultFilter) -> QuerySet[Response]:
    return Response.objects.filter(_matching(result_filter))


def _answers(result_filter: ResultFilter) -> QuerySet[Answer]:
    return Answer.objects.filter(_matching(result_filter, "response__"))


def _group_key(breakdown: Breakdown, area_code: str, prefix: str = ""):
    """The ORM expression of a response's group (``prefix`` leads from an answer)."""
    if breakdown == Breakdown.AREA:
        width = {2: 8, 3: 13}.get(area_code.count(".") + 1, 13)
        return Left(f"{prefix}session__kelurahan__code", width)
    if breakdown == Breakdown.SCHOOL:
        return F(f"{prefix}session__school__name")
    if breakdown == Breakdown.AGE_BAND:
        return F(f"{prefix}age_band")
    return F(f"{prefix}sex")


def _groups(breakdown: Breakdown, area_code: str, keys: set[str]) -> list[tuple[str, str]]:
    if breakdown == Breakdown.AREA:
        children = Area.objects.filter(code__in=keys).order_by("code")
        return [(a.code, a.name) for a in children]
    if breakdown == Breakdown.AGE_BAND:
        return [(str(v), str(label)) for v, label in AgeBand.choices]
    if breakdown == Breakdown.SEX:
        return [(str(v), str(label)) for v, label in Sex.choices]
    return sorted(((k, k or _("Di luar sekolah")) for k in keys), key=lambda pair: pair[1])


def questions_for(survey_round: Round, age_band: str) -> list[Question]:
    """The questions of one version, or those both versions share (by code)."""
    questions = list(survey_round.questionnaire.questions.all())
    if age_band:
        return [q for q in questions if q.age_band == age_band]
    by_band: dict[str, dict[str, Question]] = {}
    for question in questions:
        by_band.setdefault(question.age_band, {})[question.code] = question
    versions = list(by_band.values())
    shared = set.intersection(*(set(v) for v in versions)) if versions else set()
    younger = by_band.get(AgeBand.YOUNGER, {})
    return [q for q in younger.values() if q.code in shared]


def results(result_filter: ResultFilter, breakdown: Breakdown) -> Results:
    """Every question of the filter as suppressed tables by ``breakdown``. Four queries."""
    area_code = result_filter.area_code
    responses = _responses(result_filter)
    sizes_rows = responses.values(key=_group_key(breakdown, area_code)).annotate(n=Count("pk"))
    sizes = {(row["key"] or ""): row["n"] for row in sizes_rows.order_by()}
    questions = questions_for(result_filter.survey_round, result_filter.age_band)
    codes = {q.code for q in questions}
    answer_rows = (
        _answers(result_filter)
        .filter(question__code__in=codes)
        .values("question__code", "value", key=_group_key(breakdown, area_code, "response__"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[str, dict[str, dict[int, int]]] = {}
    for row in answer_rows:
        by_group = counts.setdefault(row["question__code"], {})
        by_group.setdefault(row["key"] or "", {})[row["value"]] = row["n"]
    tables = [
        QuestionCounts(
            code=q.code,
            text=q.get_place_display() if q.place else q.text,
            options=[o.get("face") or o["label"] for o in q.options],
            legend=" · ".join(f"{o['face']} {o['label']}" for o in q.options if o.get("face")),
            counts={
                key: [values.get(o["value"], 0) for o in q.options]
                for key, values in counts.get(q.code, {}).items()
            },
        )
        for q in questions
    ]
    return build(_groups(breakdown, area_code, set(sizes)), sizes, tables)


@dataclass(frozen=True)
class SafeFigure:
    """The headline: the share of answers about places that say "safe" or "very safe"."""

    survey_round: Round
    responses: int
    percent: int | None  # None under the floor


def _headline(result_filter: ResultFilter) -> tuple[int, int, int]:
    """(responses, headline answers, of which "safe"). Two queries."""
    answers = _answers(result_filter).filter(question__is_headline=True)
    tally = answers.aggregate(all=Count("pk"), safe=Count("pk", filter=Q(value__gte=SAFE_FROM)))
    return _responses(result_filter).count(), tally["all"], tally["safe"]


def feels_safe(survey_round: Round, area_code: str) -> SafeFigure:
    count, answered, safe = _headline(ResultFilter(survey_round, area_code))
    percent = safe_share(safe, answered) if count >= FLOOR else None
    return SafeFigure(survey_round, count, percent)


def trend(rounds: list[Round], area_code: str) -> list[SafeFigure]:
    """The headline for each round, oldest first (two queries a round; rounds are few)."""
    return [feels_safe(r, area_code) for r in sorted(rounds, key=lambda r: r.opens_on)]


def latest_round(city_code: str) -> Round | None:
    """The newest round that has at least one session (what the dashboards show)."""
    with_sessions = Round.objects.filter(sessions__isnull=False).distinct()
    return with_sessions.filter(city__code=city_code).order_by("-opens_on").first()


def staff_results_area(user, code: str = "") -> tuple[Area, str]:
    """The area whose results a staff member asked for (by default the widest of their scope)
    and its city's code ("" for a province: rounds belong to a city, so the reader chooses
    one). Outside their scope: 404; RTs have no results."""
    code = code or next(iter(scope_roots(user, "voice.results")), "")
    areas = Area.objects.exclude(kind=AreaKind.RT).select_related("parent")
    area = get_object(user, "voice.results", areas, code=code)
    city_code = "" if area.kind == AreaKind.PROVINCE else ".".join(area.code.split(".")[:2])
    return area, city_code


def public_results_area(city_code: str, kecamatan_code: str = "") -> tuple[Area, Area]:
    """The city, or one of its kecamatan (nothing below is published: kelurahan groups are
    too small), and the city. An unknown city: 404."""
    city = Area.objects.filter(kind=AreaKind.CITY, code=city_code).first()
    if city is None:
        raise Http404
    kecamatan = city.children.filter(code=kecamatan_code, kind=AreaKind.KECAMATAN).first()
    return kecamatan or city, city


def breakdowns_for(area: Area, *, public: bool) -> list[Breakdown]:
    """How results of ``area`` may be broken down: the public never by school, and by area
    only where there are areas below (a kelurahan for staff, a kecamatan for the public)."""
    if public:
        return [
            b
            for b in (Breakdown.AREA, Breakdown.AGE_BAND, Breakdown.SEX)
            if b != Breakdown.AREA or area.kind == AreaKind.CITY
        ]
    breakdowns = [Breakdown.AREA, Breakdown.SCHOOL, Breakdown.AGE_BAND, Breakdown.SEX]
    return breakdowns[1:] if area.kind == AreaKind.KELURAHAN else breakdowns


def rounds_of(city_code: str) -> QuerySet[Round]:
    return Round.objects.filter(city__code=city_code).select_related("questionnaire")


def session_answer_count(session: SurveySession) -> int:
    """How many children answered in a session: a count, never the answers."""
    return session.responses.count()


@dataclass(frozen=True)
class AreaSafety:
    code: str
    responses: int
    percent: int | None  # None under the floor


def feels_safe_by_area(survey_round: Round, area_code: str) -> dict[str, AreaSafety]:
    """The headline for each area one level below ``area_code``. Two queries."""
    width = {2: 8, 3: 13}.get(area_code.count(".") + 1, 13)
    result_filter = ResultFilter(survey_round, area_code)
    sizes = dict(
        _responses(result_filter)
        .values_list(Left("session__kelurahan__code", width))
        .annotate(n=Count("pk"))
    )
    answers = _answers(result_filter).filter(question__is_headline=True)
    tallies = answers.values(key=Left("response__session__kelurahan__code", width)).annotate(
        all=Count("pk"), safe=Count("pk", filter=Q(value__gte=SAFE_FROM))
    )
    found = {}
    for row in tallies.order_by():
        count = sizes.get(row["key"], 0)
        percent = safe_share(row["safe"], row["all"]) if count >= FLOOR else None
        found[row["key"]] = AreaSafety(row["key"], count, percent)
    return found
