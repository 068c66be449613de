"""Opening a session: who may, where, and what they then see (a count, never answers)."""

import datetime as dt

from django.utils import timezone

from jaga.access.roles import Role
from jaga.areas.models import Area
from jaga.people.models import Membership, Organisation, OrganisationKind
from jaga.voice.models import SurveySession
from jaga.voice.tests.helpers import FINE, SurveyTestCase


class OpenSessionTest(SurveyTestCase):
    def post(self, **changes):
        data = {
            "survey_round": self.survey_round.pk,
            "kelurahan": self.manggar.pk,
            "place": "Balai Kelurahan",
            "class_level": "sd-5-6",
            "held_on": timezone.localdate().isoformat(),
            "expected_answers": 25,
            "helper_name": "Kak Rina",
            "hours": 2,
            **changes,
        }
        return self.client.post("/suara-anak/sesi/baru/", data)

    def test_an_activist_opens_a_session_in_their_kelurahan_and_sees_code_and_qr(self):
        self.login(self.activist)
        response = self.post()
        session = SurveySession.objects.get()
        self.assertRedirects(response, f"/suara-anak/sesi/{session.pk}/")
        self.assertEqual(len(session.code), 6)
        page = self.client.get(f"/suara-anak/sesi/{session.pk}/")
        self.assertContains(page, session.code)
        self.assertContains(page, "data:image/svg+xml")
        self.assertContains(page, "0</strong> / 25")
        self.answer(session)
        self.assertContains(self.client.get(f"/suara-anak/sesi/{session.pk}/"), "1</strong> / 25")

    def test_a_kelurahan_outside_the_city_is_refused_by_the_service(self):
        samarinda = Area.objects.filter(code__startswith="64.72.", kind="kelurahan").first()
        with self.assertRaisesMessage(Exception, "berada di luar"):
            self.open_session(kelurahan=samarinda, by=self.admin)
        self.assertFalse(SurveySession.objects.exists())

    def test_a_kelurahan_outside_their_area_is_not_offered(self):
        self.login(self.activist)
        response = self.post(kelurahan=self.prapatan.pk)
        self.assertEqual(response.status_code, 200)  # the form again: not a choice offered
        self.assertNotContains(response, f'value="{self.prapatan.pk}"')
        self.assertFalse(SurveySession.objects.exists())

    def test_bad_input_gets_precise_messages(self):
        self.login(self.admin)
        past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
        response = self.post(held_on=past, helper_name=" ", place="")
        self.assertContains(response, "tanggal yang sudah lewat")
        self.assertContains(response, "Tuliskan nama pendamping")
        self.assertContains(response, "Pilih sekolah atau tuliskan tempatnya.")
        self.assertFalse(SurveySession.objects.exists())

    def test_a_teacher_opens_one_for_their_school(self):
        school = Organisation.objects.create(
            name="SD Negeri 001 Manggar", kind=OrganisationKind.SCHOOL, area=self.manggar
        )
        teacher = self.partner
        Membership.objects.create(person=teacher, role=Role.PARTNER_OFFICER, organisation=school)
        self.login(teacher)
        response = self.post(school=school.pk, place="")
        session = SurveySession.objects.get()
        self.assertRedirects(response, f"/suara-anak/sesi/{session.pk}/")
        self.assertEqual(session.where, "SD Negeri 001 Manggar")

    def test_who_sees_a_session(self):
        session = self.open_session()
        url = f"/suara-anak/sesi/{session.pk}/"
        for person, status in [
            (self.activist, 200),
            (self.admin, 200),
            (self.rt_other, 403),
            (self.analyst, 403),
            (self.outsider, 404),
            (self.partner, 404),
        ]:
            self.login(person)
            self.assertEqual(self.client.get(url).status_code, status, person)
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 302)

    def test_closing_ends_the_code(self):
        session = self.open_session()
        self.login(self.activist)
        self.client.post(f"/suara-anak/sesi/{session.pk}/tutup/")
        self.assertContains(self.client.get("/suara/", {"kode": session.code}), "sudah selesai")


class RoundTest(SurveyTestCase):
    def test_dp3akb_defines_a_round_and_others_may_not(self):
        self.login(self.admin)
        data = {
            "name": "Semester 1 2027",
            "questionnaire": self.questionnaire.pk,
            "opens_on": "2027-01-01",
            "closes_on": "2027-06-30",
        }
        self.assertEqual(self.client.post("/suara-anak/putaran/", data).status_code, 302)
        page = self.client.get("/suara-anak/putaran/")
        self.assertContains(page, "Semester 1 2027")
        self.assertContains(page, "draf Jaga")
        bad = self.client.post("/suara-anak/putaran/", {**data, "closes_on": "2026-12-01"})
        self.assertContains(bad, "Putaran dengan nama ini sudah ada.")
        self.assertContains(bad, "tidak boleh sebelum tanggal mulai")
        for person in (self.activist, self.analyst, self.rt_officer):
            self.login(person)
            self.assertEqual(self.client.get("/suara-anak/putaran/").status_code, 403)

    def test_the_default_questionnaire_is_the_marked_draft_in_two_versions(self):
        self.assertTrue(self.questionnaire.is_draft)
        self.assertIn("DRAF JAGA", self.questionnaire.note)
        for band, count in (("8-12", 9), ("13-17", 11)):
            questions = self.questionnaire.questions.filter(age_band=band)
            self.assertEqual(questions.count(), count)
            places = {q.place for q in questions if q.place}
            self.assertEqual(places, {"home", "school", "way", "neighbourhood", "online"})
            self.assertTrue(questions.filter(code="know_sapa").exists())
            self.assertTrue(questions.filter(code="would_tell").exists())
            self.assertTrue(all(len(q.options) == 4 for q in questions if q.kind == "scale"))


class PaperTest(SurveyTestCase):
    def test_a_paper_sheet_is_counted_like_a_phone_answer(self):
        session = self.open_session()
        self.login(self.activist)
        url = f"/suara-anak/sesi/{session.pk}/kertas/8-12/"
        response = self.client.post(url, {**FINE, "sex": "l", "token": "-"})
        self.assertRedirects(response, url)
        self.assertContains(self.client.get(url), "1 dari 30")
        bad = self.client.post(url, {**FINE, "home": "9", "token": "-"})
        self.assertContains(bad, "Pilih salah satu jawaban yang ada.", status_code=422)
