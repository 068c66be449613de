import datetime as dt

from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from jaga.access.roles import Role
from jaga.audit.models import AuditEvent
from jaga.forum.models import Activist, Chapter, Position
from jaga.forum.services import chapters as services
from jaga.forum.services.sessions import session_record
from jaga.forum.tests.base import FORMED, ForumTestCase, activist_record
from jaga.people.models import Membership
from jaga.testing import count_queries

PAGE_QUERIES = 17  # without the session store (see count_queries)


class ChapterServiceTests(ForumTestCase):
    def test_chapter_formed_with_its_organisation_and_saving_twice_changes_nothing(self):
        chapter = services.chapter_save(
            kelurahan=self.lamaru, formed_on=dt.date(2021, 3, 1), changed_by=self.admin
        )
        self.assertEqual(chapter.organisation.area, self.lamaru)
        events = AuditEvent.objects.count()
        services.chapter_save(
            kelurahan=self.lamaru, formed_on=dt.date(2021, 3, 1), changed_by=self.admin
        )
        self.assertEqual(AuditEvent.objects.count(), events)

    def test_chapter_only_in_a_kelurahan_and_not_formed_in_the_future(self):
        with self.assertRaisesMessage(ValidationError, "tingkat kelurahan"):
            services.chapter_save(kelurahan=self.rt1, formed_on=FORMED, changed_by=self.admin)
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        with self.assertRaises(ValidationError) as caught:
            services.chapter_save(kelurahan=self.lamaru, formed_on=tomorrow, changed_by=self.admin)
        self.assertIn("masa depan", caught.exception.message_dict["formed_on"][0])
        self.assertFalse(Chapter.objects.filter(kelurahan=self.lamaru).exists())

    def test_activist_name_and_phone_encrypted(self):
        activist = services.activist_add(
            chapter=self.manggar_chapter,
            name="  Rina   Lestari ",
            phone="0812-9999-1111",
            position=Position.SECRETARY,
            changed_by=self.admin,
        )
        activist.refresh_from_db()
        self.assertEqual((activist.name, activist.phone), ("Rina Lestari", "+6281299991111"))
        with connection.cursor() as cursor:
            cursor.execute("SELECT name, phone FROM forum_activist WHERE id = %s", [activist.pk])
            raw = cursor.fetchone()
        self.assertNotIn("Rina", raw[0])
        self.assertNotIn("99991111", raw[1])

    def test_duplicate_phone_across_activists_refused_with_its_reason(self):
        with self.assertRaises(ValidationError) as caught:
            services.activist_add(
                chapter=self.prapatan_chapter,
                name="Orang Lain",
                phone=self.member.phone.replace("+62", "0"),
                position=Position.MEMBER,
                changed_by=self.admin,
            )
        self.assertEqual(
            caught.exception.message_dict["phone"],
            ["Nomor HP ini sudah tercatat untuk aktivis FP2ATBM lain yang aktif."],
        )
        self.assertEqual(Activist.objects.filter(chapter=self.prapatan_chapter).count(), 1)

    def test_bad_phone_and_empty_name_reported_together(self):
        with self.assertRaises(ValidationError) as caught:
            services.activist_add(
                chapter=self.manggar_chapter,
                name=" ",
                phone="12345",
                position="boss",
                changed_by=self.admin,
            )
        self.assertEqual(set(caught.exception.message_dict), {"name", "phone", "position"})

    def test_invite_makes_an_activist_account_in_the_chapter_in_one_step(self):
        person = services.activist_invite(activist=self.member, invited_by=self.kel_officer)
        membership = Membership.objects.get(person=person)
        self.assertEqual(membership.role, Role.ACTIVIST)
        self.assertEqual(membership.organisation, self.chapter)
        self.assertEqual(person.phone, self.member.phone)
        self.assertFalse(person.has_usable_password())
        with self.assertRaisesMessage(ValidationError, "sudah punya akun"):
            services.activist_invite(activist=self.member, invited_by=self.kel_officer)

    def test_ending_an_activist_ends_the_account_role(self):
        services.activist_set_active(activist=self.chair, active=False, changed_by=self.admin)
        self.assertFalse(
            Membership.objects.active().filter(person=self.activist, role=Role.ACTIVIST).exists()
        )

    def test_training_uses_the_shared_training_check(self):
        with self.assertRaises(ValidationError) as caught:
            services.activist_training_add(
                activist=self.member,
                title="",
                held_on=timezone.localdate() + dt.timedelta(days=3),
                changed_by=self.admin,
            )
        self.assertEqual(
            caught.exception.message_dict,
            {
                "title": ["Isi nama pelatihan."],
                "held_on": ["Tanggal pelatihan tidak boleh di masa depan."],
            },
        )
        services.activist_training_add(
            activist=self.member, title="PATBM", held_on=dt.date(2025, 7, 15), changed_by=None
        )
        with self.assertRaisesMessage(ValidationError, "sudah tercatat"):
            services.activist_training_add(
                activist=self.member, title="PATBM", held_on=dt.date(2025, 7, 15), changed_by=None
            )


class ChapterPageTests(ForumTestCase):
    def url(self, code="64.71.01.1001"):
        return reverse("forum:chapter", args=[code])

    def test_kelurahan_officer_sees_activists_and_the_read_is_audited(self):
        self.login(self.kel_officer)
        response = self.client.get(self.url())
        self.assertContains(response, "Aktivis 1")
        self.assertContains(response, self.member.phone)
        self.assertTrue(AuditEvent.objects.filter(actor=self.kel_officer, action="read").exists())

    def test_activist_sees_own_chapter_not_another(self):
        self.login(self.activist)
        self.assertContains(self.client.get(self.url()), "Aktivis 2")
        self.assertEqual(self.client.get(self.url("64.71.06.1001")).status_code, 404)

    def test_analyst_and_rt_officer_are_refused(self):
        for person in (self.analyst, self.rt_officer, self.partner):
            self.login(person)
            self.assertEqual(self.client.get(self.url()).status_code, 403, person)

    def test_kelurahan_officer_of_manggar_cannot_open_prapatan(self):
        self.login(self.kel_officer)
        self.assertEqual(self.client.get(self.url("64.71.06.1001")).status_code, 404)

    def test_add_activist_from_the_page_with_a_duplicate_phone_shows_the_message(self):
        self.login(self.kel_officer)
        response = self.client.post(
            reverse("forum:activist_add", args=["64.71.01.1001"]),
            {"name": "Baru", "phone": self.other_chair.phone, "position": "member"},
        )
        self.assertContains(response, "sudah tercatat untuk aktivis FP2ATBM lain", status_code=400)

    def test_invite_from_the_page_shows_the_activation_link(self):
        self.login(self.kel_officer)
        response = self.client.post(
            reverse("forum:activist_invite", args=[self.member.pk]), follow=True
        )
        self.assertContains(response, "/akun/aktivasi/")

    def test_activist_cannot_invite(self):
        self.login(self.activist)
        response = self.client.post(reverse("forum:activist_invite", args=[self.member.pk]))
        self.assertEqual(response.status_code, 403)

    def add_session(self, day: int) -> None:
        session_record(
            chapter=self.manggar_chapter,
            held_on=dt.date(2025, 1, day),
            rts=[self.rt1, self.rt2],
            place_kind="pkk",
            topics=["perundungan"],
            audience="community",
            girls=0,
            boys=0,
            women=5,
            men=day,
            recorded_by=self.activist,
        )

    def test_page_queries_do_not_grow_with_activists_and_sessions(self):
        self.add_session(1)
        self.login(self.kel_officer)
        self.client.get(self.url())  # warm the session
        self.assertEqual(count_queries(self.client, self.url()), PAGE_QUERIES)
        for n in range(10, 20):
            activist_record(self.manggar_chapter, n)
            self.add_session(n)
        self.assertEqual(count_queries(self.client, self.url()), PAGE_QUERIES)
