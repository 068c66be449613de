"""A survey round and an open session over the personas of ``JagaTestCase``."""

import datetime as dt

from django.core.cache import cache
from django.utils import timezone

from jaga.areas.models import Area
from jaga.people.models import Person
from jaga.testing import JagaTestCase
from jaga.voice.models import Questionnaire, Round, SurveySession
from jaga.voice.services.survey import round_create, session_open

# Answers of the 8–12 version: everything fine, and one that shows the help screen.
FINE = {
    "home": "4",
    "school": "3",
    "way": "3",
    "neighbourhood": "4",
    "online": "3",
    "hurt": "1",
    "know_sapa": "1",
    "know_adult": "1",
    "would_tell": "1",
}
DANGER = {**FINE, "home": "1"}


class SurveyTestCase(JagaTestCase):
    activist: Person
    admin: Person
    manggar: Area
    city: Area
    questionnaire: Questionnaire
    survey_round: Round

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        today = timezone.localdate()
        cls.questionnaire = Questionnaire.objects.get()
        cls.survey_round = round_create(
            by=cls.admin,
            city=cls.city,
            name="Semester uji",
            questionnaire=cls.questionnaire,
            opens_on=today - dt.timedelta(days=30),
            closes_on=today + dt.timedelta(days=60),
        )

    def setUp(self):
        cache.clear()  # throttle counters and used form tokens live there

    def open_session(self, expected=30, kelurahan=None, by=None, **kwargs) -> SurveySession:
        return session_open(
            by=by or self.activist,
            survey_round=self.survey_round,
            kelurahan=kelurahan or self.manggar,
            place=kwargs.pop("place", "Balai Kelurahan Manggar"),
            class_level="sd-5-6",
            held_on=timezone.localdate(),
            expected_answers=expected,
            helper_name="Kak Rina",
            **kwargs,
        )

    def token(self, session: SurveySession, age_band: str = "8-12") -> str:
        page = self.client.get(f"/suara/{session.code}/{age_band}/")
        return page.context.get("token", "")  # none on a closed session

    def answer(self, session: SurveySession, values=None, age_band="8-12", **extra):
        data = {**(FINE if values is None else values), "token": self.token(session, age_band)}
        data.update(extra.pop("data", {}))
        return self.client.post(f"/suara/{session.code}/{age_band}/", data, **extra)
