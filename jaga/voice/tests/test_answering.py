"""A child answers at /suara/: the code, the age, one page of questions, then thanks — or the
help screen at once. Every bad input gets a message a child understands and saves nothing."""

import datetime as dt
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.test import override_settings
from django.utils import timezone

from jaga.voice.models import Response
from jaga.voice.tests.helpers import DANGER, FINE, SurveyTestCase

PAGE_LIMIT = 20 * 1024  # the whole page: HTML, stylesheet and script


def page_weight(response) -> int:
    html = response.content
    assets = re.findall(rb'(?:href|src)="/static/([^"]+)"', html)
    return len(html) + sum(Path(str(finders.find(a.decode()))).stat().st_size for a in assets)


class CodeTest(SurveyTestCase):
    def test_the_code_leads_to_the_session_whatever_the_case_and_spaces(self):
        session = self.open_session()
        typed = " ".join(session.code.lower())
        response = self.client.get("/suara/", {"kode": typed})
        self.assertRedirects(response, f"/suara/{session.code}/")
        self.assertContains(self.client.get(f"/suara/{session.code}/"), "8–12 tahun")

    def test_a_wrong_code(self):
        response = self.client.get("/suara/", {"kode": "ZZZZZZ"})
        self.assertContains(response, "Kode ini tidak ada. Periksa lagi hurufnya")

    def test_an_expired_code(self):
        session = self.open_session()
        session.closes_at = timezone.now() - dt.timedelta(minutes=1)
        session.save()
        response = self.client.get("/suara/", {"kode": session.code})
        self.assertContains(response, "sudah selesai")
        self.assertContains(self.client.get(f"/suara/{session.code}/8-12/"), "sudah selesai")
        self.assertFalse(Response.objects.exists())

    def test_an_unknown_age_band_does_not_exist(self):
        session = self.open_session()
        self.assertEqual(self.client.get(f"/suara/{session.code}/5-7/").status_code, 404)


class AnswerTest(SurveyTestCase):
    def test_fine_answers_say_thanks_and_are_counted(self):
        session = self.open_session()
        response = self.answer(session, data={"sex": "p"})
        self.assertContains(response, "Terima kasih!")
        self.assertNotContains(response, "Kamu tidak sendiri")
        stored = Response.objects.get()
        self.assertEqual(
            (stored.age_band, stored.sex, stored.answered_on), ("8-12", "p", timezone.localdate())
        )
        self.assertEqual(stored.answers.count(), len(FINE))

    def test_sex_is_optional(self):
        session = self.open_session()
        self.answer(session)
        self.assertEqual(Response.objects.get().sex, "x")

    def test_a_danger_answer_shows_help_at_once(self):
        session = self.open_session()
        response = self.answer(session, DANGER)
        self.assertContains(response, "Kamu tidak sendiri")
        self.assertContains(response, 'href="tel:129"')
        self.assertContains(response, "https://wa.me/628111129129")
        self.assertContains(response, "Kak Rina")  # the adult in the room
        self.assertContains(response, 'href="/lapor/"')
        self.assertEqual(Response.objects.count(), 1)  # counted like any other answer

    def test_someone_hurts_me_shows_help(self):
        session = self.open_session()
        self.assertContains(self.answer(session, {**FINE, "hurt": "2"}), "Kamu tidak sendiri")

    def test_an_answer_outside_the_scale_saves_nothing(self):
        session = self.open_session()
        for bad in ("5", "0", "-1", "x", "3.5"):
            response = self.answer(session, {**FINE, "home": bad})
            self.assertEqual(response.status_code, 422)
            self.assertContains(response, "Pilih salah satu jawaban yang ada.", status_code=422)
        self.assertFalse(Response.objects.exists())

    def test_a_missing_answer_is_named_and_nothing_saved(self):
        session = self.open_session()
        values = {k: v for k, v in FINE.items() if k != "online"}
        response = self.answer(session, values)
        self.assertContains(response, "Pertanyaan ini belum dijawab.", status_code=422)
        self.assertFalse(Response.objects.exists())

    def test_an_unknown_sex_value(self):
        session = self.open_session()
        response = self.answer(session, data={"sex": "q"})
        self.assertEqual(response.status_code, 422)
        self.assertFalse(Response.objects.exists())

    def test_the_same_form_sent_twice_counts_once(self):
        session = self.open_session()
        data = {**FINE, "token": self.token(session)}
        self.client.post(f"/suara/{session.code}/8-12/", data)
        again = self.client.post(f"/suara/{session.code}/8-12/", data)
        self.assertContains(again, "Terima kasih!")
        self.assertEqual(Response.objects.count(), 1)

    def test_a_forged_token_is_refused(self):
        session = self.open_session()
        response = self.client.post(f"/suara/{session.code}/8-12/", {**FINE, "token": "x"})
        self.assertEqual(response.status_code, 422)
        self.assertFalse(Response.objects.exists())

    def test_the_older_version_has_its_own_questions(self):
        session = self.open_session()
        page = self.client.get(f"/suara/{session.code}/13-17/")
        self.assertContains(page, "dirundung")
        self.assertNotContains(self.client.get(f"/suara/{session.code}/8-12/"), "dirundung")


class FloodTest(SurveyTestCase):
    def test_the_session_closes_at_its_expected_number(self):
        session = self.open_session(expected=2)
        self.answer(session)
        self.answer(session)
        response = self.answer(session)
        self.assertContains(response, "sudah selesai")
        self.assertEqual(Response.objects.count(), 2)
        session.refresh_from_db()
        self.assertIsNotNone(session.closed_at)

    @override_settings(JAGA_VOICE_ANSWERS_PER_MINUTE=3)
    def test_a_flood_into_one_session_is_slowed(self):
        session = self.open_session(expected=50)
        codes = [self.answer(session).status_code for _ in range(5)]
        self.assertEqual(codes, [200, 200, 200, 422, 422])
        self.assertEqual(Response.objects.count(), 3)
        self.assertContains(self.answer(session), "Tunggu sebentar", status_code=422)


class CheapPhoneTest(SurveyTestCase):
    def test_every_page_is_under_20_kb_with_its_assets(self):
        session = self.open_session()
        pages = [
            self.client.get("/suara/"),
            self.client.get(f"/suara/{session.code}/"),
            self.client.get(f"/suara/{session.code}/8-12/"),
            self.client.get(f"/suara/{session.code}/13-17/"),
            self.answer(session),
            self.answer(session, DANGER),
            self.client.get("/suara/bantuan/"),
        ]
        for page in pages:
            self.assertEqual(page.status_code, 200)
            self.assertLess(page_weight(page), PAGE_LIMIT)
            self.assertNotIn(b"htmx", page.content)  # no framework needed

    def test_the_form_works_without_javascript(self):
        # Plain radio buttons with labels, a real submit button, a POST form.
        session = self.open_session()
        page = self.client.get(f"/suara/{session.code}/8-12/").content.decode()
        self.assertIn('<form method="post">', page)
        self.assertEqual(page.count('type="radio" name="home"'), 4)
        self.assertIn("<legend>1. Di rumah, aku merasa…</legend>", page)
        self.assertIn("<button", page)
