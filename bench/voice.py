"""The children's survey pages (/suara/), weighed as a child's cheapest phone loads them: each
page, with its stylesheet and script, under 20 KB compressed (issue 15)."""

import datetime as dt

from django.utils import timezone

from jaga.areas.models import Area, AreaKind
from jaga.people.models import Person
from jaga.voice.models import Questionnaire, Round
from jaga.voice.services.survey import round_create, session_open

CHILD_ASSETS = ("voice/child.css", "voice/child.js")


def _open_session_code() -> str:
    """A session open now in the benchmark's city (a running round is made if none runs)."""
    admin = Person.objects.get(username="syn.admin")
    city = Area.objects.get(code="64.71")
    today = timezone.localdate()
    survey_round = Round.objects.filter(city=city, closes_on__gte=today).first() or round_create(
        by=admin,
        city=city,
        name="Putaran pengukuran",
        questionnaire=Questionnaire.objects.order_by("pk")[0],
        opens_on=today,
        closes_on=today + dt.timedelta(days=30),
    )
    kelurahan = Area.objects.filter(kind=AreaKind.KELURAHAN, code__startswith="64.71.")
    session = session_open(
        by=admin,
        survey_round=survey_round,
        kelurahan=kelurahan.order_by("code")[0],
        class_level="sd-5-6",
        held_on=today,
        expected_answers=40,
        helper_name="Kak Pengukur",
        place="Balai kelurahan",
    )
    return session.code


def child_pages() -> list[tuple[str, str]]:
    code = _open_session_code()
    return [
        ("suara_start", "/suara/"),
        ("suara_session", f"/suara/{code}/"),
        ("suara_form_8_12", f"/suara/{code}/8-12/"),
        ("suara_form_13_17", f"/suara/{code}/13-17/"),
        ("suara_help", "/suara/bantuan/"),
    ]
