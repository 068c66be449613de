"""Reads of the KLA evaluation, scoped by the policy."""

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from jaga.access.policy import get_object, require, scope_roots, visible
from jaga.access.users import User
from jaga.areas.models import Area, AreaKind
from jaga.kla.comparison import Comparison, compare
from jaga.kla.models import (
    Answer,
    Assignment,
    Comment,
    Computed,
    Evidence,
    EvidencePack,
    Indicator,
    Instrument,
    Item,
    Round,
    RoundStatus,
    VerificationSite,
)
from jaga.kla.score import RoundScore, round_score
from jaga.people.models import Membership, Organisation, Person
from jaga.taskforce.models import FocalPerson, MemberRole, Taskforce


def rounds_for(user: User, rule: str = "kla.view") -> QuerySet[Round]:
    return visible(user, rule, Round.objects.select_related("instrument", "city"))


def round_get(user: User, pk: int, rule: str = "kla.view") -> Round:
    return get_object(user, rule, Round.objects.select_related("instrument", "city"), pk=pk)


def round_managed(user: User, pk: int) -> Round:
    """A round this person runs (DP3AKB of its city): seen but not run is refused (403)."""
    kla_round = round_get(user, pk)
    require(user, "kla.manage", kla_round)
    return kla_round


def assignment_get(user: User, kla_round: Round, number: int, rule: str) -> Assignment:
    queryset = Assignment.objects.select_related("indicator", "organisation", "round__city")
    return get_object(user, rule, queryset, round=kla_round, indicator__number=number)


def assignments_answerable(user: User, kla_round: Round) -> set[int]:
    """The indicator numbers of the round this person may answer."""
    mine = visible(user, "kla.answer", Assignment.objects.filter(round=kla_round))
    return set(mine.values_list("indicator__number", flat=True))


def assignments_of(kla_round: Round) -> dict[int, Assignment]:
    rows = Assignment.objects.filter(round=kla_round).select_related("organisation")
    return {a.indicator_id: a for a in rows}


def score_of(kla_round: Round, numbers: list[int] | None = None) -> RoundScore:
    """The round's score (five queries); ``numbers`` keeps only those indicators."""
    indicators = Indicator.objects.filter(instrument=kla_round.instrument).prefetch_related(
        Prefetch("items", queryset=Item.objects.order_by("pk"))
    )
    if numbers is not None:
        indicators = indicators.filter(number__in=numbers)
    answers = {a.item_id: a for a in Answer.objects.filter(round=kla_round)}
    computed = {c.item_id: c for c in Computed.objects.filter(round=kla_round)}
    evidence: dict[int, list[Evidence]] = {}
    for row in Evidence.objects.filter(assignment__round=kla_round):
        evidence.setdefault(row.item_id, []).append(row)
    return round_score(list(indicators), answers, computed, evidence, kla_round.period)


def comparison_of(user: User, kla_round: Round, score: RoundScore) -> Comparison | None:
    """The round beside the city's latest earlier one this person may see (five queries
    more), or None when it is the city's first."""
    previous = (
        rounds_for(user)
        .filter(city=kla_round.city, instrument__year__lt=kla_round.year)
        .order_by("-instrument__year")
        .first()
    )
    return compare(kla_round, score, previous, score_of(previous)) if previous else None


def deadline_of(kla_round: Round) -> dt.date | None:
    """The earliest deadline among the round's indicators (None when none is set)."""
    dates = Assignment.objects.filter(round=kla_round, due_on__isnull=False)
    return dates.order_by("due_on").values_list("due_on", flat=True).first()


def pack_latest(kla_round: Round) -> EvidencePack | None:
    """The round's newest evidence pack (the caller has checked ``kla.manage``)."""
    return EvidencePack.objects.filter(round=kla_round).first()


def coordinators_of(kla_round: Round) -> dict[str, list[str]]:
    """Per cluster, the task force's cluster coordinators (their names: accounts or guests),
    from the city's latest task force as the round's lead agencies are."""
    taskforce = Taskforce.objects.filter(area=kla_round.city).order_by("-period_start").first()
    rows = FocalPerson.objects.filter(
        member__taskforce=taskforce, role=MemberRole.CLUSTER_COORDINATOR
    ).select_related("member", "person")
    found: dict[str, list[str]] = {}
    for row in rows.order_by("pk"):
        found.setdefault(row.member.cluster, []).append(str(row))
    return found


def sites_of(kla_round: Round) -> QuerySet[VerificationSite]:
    """The field verification day in time order (the caller has checked ``kla.view``)."""
    return VerificationSite.objects.filter(round=kla_round).select_related(
        "organisation", "contact"
    )


def site_get(user: User, kla_round: Round, pk: int) -> VerificationSite:
    queryset = VerificationSite.objects.filter(round=kla_round).select_related("round__city")
    return get_object(user, "kla.manage", queryset, pk=pk)


def site_choices(kla_round: Round) -> tuple[QuerySet[Organisation], QuerySet[Person]]:
    """The city's agencies, and the accounts that serve one of them (the contacts offered)."""
    city = kla_round.city.code
    organisations = Organisation.objects.filter(area__code__startswith=city).order_by("name")
    serving = Membership.objects.active().filter(organisation__in=organisations)
    contacts = Person.objects.filter(is_active=True, pk__in=serving.values("person_id"))
    return organisations, contacts.order_by("username")


def comments_of(kla_round: Round, number: int) -> dict[int, list[Comment]]:
    """The comments on the items of one indicator, by item id, oldest first (one query;
    the caller has checked ``kla.view`` on the round)."""
    rows = Comment.objects.filter(round=kla_round, item__indicator__number=number)
    found: dict[int, list[Comment]] = {}
    for comment in rows.select_related("author"):
        found.setdefault(comment.item_id, []).append(comment)
    return found


def evidence_get(user: User, pk: int) -> Evidence:
    """One evidence file, for its download: DP3AKB and the focal people of the indicator's
    organisation only (its content is checked, but it is still the agency's document)."""
    queryset = Evidence.objects.select_related("item", "assignment__round__city")
    return get_object(user, "kla.evidence", queryset, pk=pk)


def final_rounds(city_code: str) -> QuerySet[Round]:
    """What the public sees: the final rounds of a city, newest first."""
    return Round.objects.filter(
        city__code=city_code, status=RoundStatus.FINAL, final_score__isnull=False
    ).select_related("instrument")


def city_managed(user: User) -> Area | None:
    """The city whose rounds this person runs (DP3AKB's own)."""
    codes = scope_roots(user, "kla.manage")
    return Area.objects.filter(code__in=codes, kind=AreaKind.CITY).order_by("code").first()


def public_city(code: str) -> Area:
    city = Area.objects.filter(code=code, kind=AreaKind.CITY).first()
    if city is None:
        raise Http404
    return city


def instrument_managed(user: User, year: int, *, to_change: bool = False) -> Instrument:
    """``year``'s instrument for a DP3AKB account. To change it, every round that answers it
    must be one this person runs: the instrument of a year is shared by the cities."""
    instrument = Instrument.objects.filter(year=year).first()
    if instrument is None or not scope_roots(user, "kla.manage"):
        raise Http404
    if to_change:
        rounds = Round.objects.filter(instrument=instrument)
        if rounds.count() != rounds_for(user, "kla.manage").filter(instrument=instrument).count():
            raise Http404
    return instrument
