"""The Forum Anak: members with the least data, ending at 18; consultations; proposals to an
agency answered and shown publicly; who sees what."""

import datetime as dt
import io

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from jaga.audit.models import AuditEvent
from jaga.people.models import Organisation, OrganisationKind
from jaga.testing import JagaTestCase
from jaga.voice.models import ForumMember, Proposal
from jaga.voice.services.forums import (
    consultation_record,
    facilitator_add,
    forum_create,
    member_add,
    members_end_at_adulthood,
    proposal_answer,
    proposal_send,
)


class ForumTest(JagaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.forum = forum_create(by=cls.admin, area=cls.manggar, name="Forum Anak Manggar")
        facilitator_add(by=cls.admin, forum=cls.forum, person=cls.activist)
        cls.dinsos = Organisation.objects.create(
            name="Dinas Sosial", kind=OrganisationKind.SOCIAL_SERVICE, area=cls.city
        )
        cls.year = timezone.localdate().year

    def member(self, **changes):
        values = {
            "by": self.activist,
            "forum": self.forum,
            "nickname": "Ayu",
            "birth_year": self.year - 12,
            "role": "anggota",
            "guardian_agreed_on": timezone.localdate(),
            **changes,
        }
        return member_add(**values)

    def test_a_member_is_kept_encrypted_with_the_guardian_agreement(self):
        member = self.member()
        self.assertEqual(ForumMember.objects.get().nickname, "Ayu")
        self.assertEqual(member.ends_on, dt.date(self.year - 12 + 18, 1, 1))
        self.assertTrue(AuditEvent.objects.filter(action="create").exists())

    def test_bad_members(self):
        cases = [
            ({"birth_year": self.year - 18}, "di bawah 18 tahun"),
            ({"birth_year": self.year - 30}, "di bawah 18 tahun"),
            ({"guardian_agreed_on": None}, "orang tua atau wali"),
            ({"nickname": " "}, "nama panggilan"),
            ({"role": "raja"}, "Pilih peran"),
        ]
        for changes, message in cases:
            with self.assertRaisesMessage(ValidationError, message):
                self.member(**changes)
        self.assertFalse(ForumMember.objects.exists())

    def test_membership_ends_by_itself_at_eighteen(self):
        member = self.member(birth_year=self.year - 17)
        self.assertEqual(ForumMember.objects.current().count(), 1)
        next_year = dt.date(self.year + 1, 1, 1)
        self.assertEqual(ForumMember.objects.current(next_year).count(), 0)
        self.assertEqual(members_end_at_adulthood(today=next_year), 1)
        member.refresh_from_db()
        self.assertEqual((member.nickname, member.left_on), ("—", next_year))

    def test_the_daily_command_ends_adult_memberships(self):
        member = self.member(birth_year=self.year - 17)
        ForumMember.objects.filter(pk=member.pk).update(birth_year=self.year - 18)
        out = io.StringIO()
        call_command("voice_end_memberships", stdout=out)
        self.assertIn("1 keanggotaan", out.getvalue())
        member.refresh_from_db()
        self.assertEqual(member.left_on, timezone.localdate())
        call_command("voice_end_memberships", stdout=out)  # idempotent
        self.assertIn("0 keanggotaan", out.getvalue())

    def test_a_proposal_needs_an_addressee(self):
        with self.assertRaisesMessage(ValidationError, "ditujukan kepada satu instansi"):
            proposal_send(by=self.activist, forum=self.forum, title="Lampu jalan", addressee=None)

    def test_a_proposal_is_answered_and_shown_publicly(self):
        proposal = proposal_send(
            by=self.activist, forum=self.forum, title="Lampu jalan", addressee=self.dinsos
        )
        self.assertContains(self.client.get("/suara/usulan/"), "Menunggu jawaban")
        with self.assertRaisesMessage(ValidationError, "Tuliskan jawaban"):
            proposal_answer(by=self.admin, proposal=proposal, status="done", answer=" ")
        with self.assertRaisesMessage(ValidationError, "Pilih status"):
            proposal_answer(by=self.admin, proposal=proposal, status="sent", answer="x")
        proposal_answer(by=self.admin, proposal=proposal, status="done", answer="Dipasang.")
        page = self.client.get("/suara/usulan/")
        self.assertContains(page, "Sudah dilakukan")
        self.assertContains(page, "Dipasang.")

    def test_the_agency_answers_through_its_page(self):
        proposal = proposal_send(
            by=self.activist, forum=self.forum, title="Lampu jalan", addressee=self.puskesmas
        )
        self.login(self.partner)  # Puskesmas Manggar
        url = f"/suara-anak/usulan/{proposal.pk}/"
        response = self.client.post(url, {"status": "in_progress", "answer": "Dijadwalkan."})
        self.assertRedirects(response, url)
        self.assertEqual(Proposal.objects.get().status, "in_progress")
        other = proposal_send(
            by=self.activist, forum=self.forum, title="Lain", addressee=self.dinsos
        )
        self.assertEqual(self.client.get(f"/suara-anak/usulan/{other.pk}/").status_code, 404)

    def test_a_wrong_action_item_number(self):
        proposal = proposal_send(
            by=self.activist, forum=self.forum, title="Lampu jalan", addressee=self.dinsos
        )
        self.login(self.admin)
        page = self.client.post(
            f"/suara-anak/usulan/{proposal.pk}/", {"form": "link", "number": "RA-9999"}
        )
        self.assertContains(page, "Tidak ada rencana aksi Gugus Tugas dengan nomor ini.")

    def test_who_sees_the_members(self):
        self.member()
        url = f"/suara-anak/forum/{self.forum.pk}/"
        for person, status in [
            (self.activist, 200),  # its facilitator
            (self.admin, 200),
            (self.analyst, 403),
            (self.kel_officer, 403),
            (self.partner, 403),
            (self.outsider, 404),
        ]:
            self.login(person)
            self.assertEqual(self.client.get(url).status_code, status, person)
        self.login(self.activist)
        self.assertContains(self.client.get(url), "Ayu")
        self.assertTrue(AuditEvent.objects.filter(action="read").exists())

    def test_consultations_are_counts_and_a_summary(self):
        self.login(self.activist)
        data = {
            "form": "consultation",
            "topic": "Jalan ke sekolah",
            "held_on": timezone.localdate().isoformat(),
            "girls_younger": 4,
            "boys_younger": 3,
            "girls_older": 0,
            "boys_older": 0,
            "summary": "Anak-anak ingin lampu jalan.",
        }
        url = f"/suara-anak/forum/{self.forum.pk}/"
        self.assertRedirects(self.client.post(url, data), url)
        self.assertContains(self.client.get(url), "7 anak")
        empty = {**data, "girls_younger": 0, "boys_younger": 0}
        self.assertContains(self.client.post(url, empty), "sedikitnya satu")
        with self.assertRaisesMessage(ValidationError, "masa depan"):
            consultation_record(
                by=self.activist,
                forum=self.forum,
                topic="x",
                held_on=timezone.localdate() + dt.timedelta(days=2),
                summary="x",
                girls_younger=1,
            )
