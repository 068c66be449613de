import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jaga.audit.models import AuditEvent
from jaga.forum.models import EducationSession
from jaga.forum.services.sessions import meeting_record, session_record
from jaga.forum.tests.base import FORMED, ForumTestCase, png_bytes

DAY = dt.date(2025, 3, 10)


class SessionServiceTests(ForumTestCase):
    def record(self, **changes):
        values = {
            "chapter": self.manggar_chapter,
            "held_on": DAY,
            "rts": [self.rt1, self.rt2],
            "place_kind": "posyandu",
            "topics": ["pengasuhan_positif", "tempat_melapor"],
            "audience": "families",
            "girls": 3,
            "boys": 2,
            "women": 14,
            "men": 4,
            "facilitators": [self.chair],
            "recorded_by": self.activist,
        }
        values.update(changes)
        return session_record(**values)

    def problems(self, **changes) -> dict:
        with self.assertRaises(ValidationError) as caught:
            self.record(**changes)
        self.assertFalse(EducationSession.objects.exists())
        return caught.exception.message_dict

    def test_a_session_is_counts_only_and_audited(self):
        result = self.record()
        session = result.session
        self.assertEqual((session.children, session.adults), (5, 18))
        self.assertEqual(result.warnings, [])
        self.assertEqual(set(session.rts.all()), {self.rt1, self.rt2})
        event = AuditEvent.objects.get(action="create", object_type="forum.educationsession")
        self.assertIn("girls", event.fields)

    def test_future_day_refused(self):
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        self.assertEqual(
            self.problems(held_on=tomorrow)["held_on"],
            ["Tanggal kegiatan tidak boleh di masa depan."],
        )

    def test_day_before_the_chapter_was_formed_refused(self):
        self.assertEqual(
            self.problems(held_on=FORMED - dt.timedelta(days=1))["held_on"],
            ["Tanggal 14-01-2020 sebelum FP2ATBM kelurahan ini dibentuk (15-01-2020)."],
        )

    def test_rt_outside_the_kelurahan_refused(self):
        message = self.problems(rts=[self.rt1, self.prapatan_rt1])["rts"][0]
        self.assertEqual(message, f"RT {self.prapatan_rt1.code} tidak berada di Kelurahan Manggar.")

    def test_negative_count_refused_absurd_count_refused(self):
        problems = self.problems(girls=-1, men=99999)
        self.assertEqual(problems["girls"], ["Jumlah tidak boleh negatif."])
        self.assertIn("tidak masuk akal", problems["men"][0])

    def test_no_attendance_refused(self):
        self.assertIn("tanpa peserta", self.problems(girls=0, boys=0, women=0, men=0)["girls"][0])

    def test_more_children_than_the_place_holds_is_a_warning_not_a_block(self):
        result = self.record(girls=90, boys=80)
        self.assertTrue(EducationSession.objects.filter(pk=result.session.pk).exists())
        self.assertIn(
            "170 anak lebih banyak dari yang biasa ditampung Posyandu", result.warnings[0]
        )

    def test_unknown_topic_and_facilitator_of_another_chapter_refused(self):
        problems = self.problems(topics=["nonsense"], facilitators=[self.other_chair])
        self.assertEqual(problems["topics"], ["Kode tidak dikenal: nonsense."])
        self.assertIn("kelurahan ini", problems["facilitators"][0])

    def test_photo_must_be_an_image(self):
        pdf = SimpleUploadedFile("x.pdf", b"%PDF-1.4 hello", content_type="application/pdf")
        self.assertIn("bukan PDF", self.problems(photo=pdf, photo_size=pdf.size)["photo"][0])
        text = SimpleUploadedFile("x.jpg", b"not an image at all", content_type="image/jpeg")
        self.assertIn(
            "Jenis berkas tidak diterima", self.problems(photo=text, photo_size=20)["photo"][0]
        )

    def test_oversize_photo_refused(self):
        image = SimpleUploadedFile("x.png", png_bytes(), content_type="image/png")
        problems = self.problems(photo=image, photo_size=11 * 1024 * 1024)
        self.assertIn("terlalu besar", problems["photo"][0])

    def test_image_photo_kept(self):
        image = SimpleUploadedFile("wajah-anak.png", png_bytes(), content_type="image/png")
        session = self.record(photo=image, photo_size=image.size).session
        self.assertEqual(session.photo_type, "image/png")
        self.assertNotIn("wajah", session.photo.name)

    def test_meeting_needs_a_partner_and_a_past_day(self):
        with self.assertRaises(ValidationError) as caught:
            meeting_record(
                chapter=self.manggar_chapter,
                held_on=timezone.localdate() + dt.timedelta(days=2),
                partner="",
                recorded_by=self.activist,
            )
        self.assertEqual(set(caught.exception.message_dict), {"held_on", "partner"})


class SessionPageTests(ForumTestCase):
    url = reverse("forum:session_new")

    def form(self, **changes):
        data = {
            "held_on": "2025-03-10",
            "place_kind": "school",
            "rts": [self.rt1.pk],
            "topics": ["perundungan"],
            "audience": "children",
            "girls": "12",
            "boys": "10",
            "women": "1",
            "men": "1",
            "facilitators": [self.chair.pk],
        }
        data.update(changes)
        return data

    def test_activist_records_a_session_of_their_chapter(self):
        self.login(self.activist)
        self.assertContains(self.client.get(self.url), "Jangan memotret wajah anak")
        response = self.client.post(self.url, self.form())
        self.assertRedirects(response, reverse("forum:chapter", args=[self.manggar.code]))
        session = EducationSession.objects.get()
        self.assertEqual((session.chapter, session.children), (self.manggar_chapter, 22))

    def test_rt_of_another_kelurahan_gets_the_precise_message(self):
        self.login(self.activist)
        response = self.client.post(self.url, self.form(rts=[self.prapatan_rt1.pk]))
        self.assertContains(response, "tidak berada di Kelurahan Manggar", status_code=400)
        self.assertFalse(EducationSession.objects.exists())

    def test_negative_count_message_on_the_page(self):
        self.login(self.activist)
        response = self.client.post(self.url, self.form(boys="-3"))
        self.assertContains(response, "Jumlah tidak boleh negatif.", status_code=400)

    def test_only_activists_record(self):
        for person in (self.kel_officer, self.admin, self.rt_officer, self.analyst):
            self.login(person)
            self.assertEqual(self.client.get(self.url).status_code, 403, person)

    def test_photo_served_through_the_policy_and_audited(self):
        image = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")
        self.login(self.activist)
        self.client.post(self.url, self.form(photo=image))
        session = EducationSession.objects.get()
        url = reverse("forum:session_photo", args=[session.pk])
        response = self.client.get(url)
        self.assertEqual(response["Content-Type"], "image/png")
        self.assertTrue(AuditEvent.objects.filter(action="download").exists())
        self.login(self.activist_other)
        self.assertEqual(self.client.get(url).status_code, 404)
