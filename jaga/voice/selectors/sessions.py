"""Survey sessions and rounds as the policy lets a person see them; a session comes with its
count of answers only."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.utils import timezone

from jaga.access.policy import get_object, visible
from jaga.access.users import User
from jaga.areas.models import Area, AreaKind
from jaga.people.models import Organisation, OrganisationKind
from jaga.voice.models import Questionnaire, Round, SurveySession


def sessions_for(user: User) -> QuerySet[SurveySession]:
    """The sessions the person may see, newest first, each with ``answers`` (a count)."""
    sessions = SurveySession.objects.select_related("round", "kelurahan", "school")
    return visible(user, "voice.session_view", sessions).annotate(answers=Count("responses"))


def session_get(user: User, pk: int) -> SurveySession:
    return get_object(user, "voice.session_view", sessions_for(user), pk=pk)


def session_by_code(code: str) -> SurveySession | None:
    """The session a child typed the code of (open or not: the page says which)."""
    return SurveySession.objects.select_related("round__questionnaire").filter(code=code).first()


def kelurahan_for_sessions(user: User) -> QuerySet[Area]:
    """Where the person may open a session: kelurahan in their area, or their school's."""
    areas = visible(user, "voice.session_open", Area.objects.filter(kind=AreaKind.KELURAHAN))
    own_school_areas = schools_for_sessions(user).values("area__code")
    schools_kelurahan = Area.objects.filter(kind=AreaKind.KELURAHAN, code__in=own_school_areas)
    return (areas | schools_kelurahan).distinct().order_by("name")


def schools_for_sessions(user: User) -> QuerySet[Organisation]:
    """Schools the person may open a session for: in their area, or the one they teach at."""
    schools = Organisation.objects.filter(kind=OrganisationKind.SCHOOL, is_active=True)
    in_area = visible(user, "voice.session_open", schools)
    return in_area.select_related("area").order_by("name")


def rounds_for_sessions(user: User) -> QuerySet[Round]:
    """Running rounds of the cities where the person may open a session."""
    kelurahan_codes = kelurahan_for_sessions(user).values_list("code", flat=True)
    cities = {".".join(code.split(".")[:2]) for code in kelurahan_codes}
    today = timezone.localdate()
    return Round.objects.filter(city__code__in=cities, closes_on__gte=today).order_by("opens_on")


def questionnaire_current() -> Questionnaire | None:
    """The questionnaire of the newest round, else Jaga's draft."""
    newest = Round.objects.order_by("-opens_on").select_related("questionnaire").first()
    return newest.questionnaire if newest else Questionnaire.objects.first()
