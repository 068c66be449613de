"""The round between the city and the province: deadlines with reminders to the agencies,
and the province verifier's comments — read and comment on this city's round only."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jaga.access.policy import can
from jaga.access.roles import Role
from jaga.clocks.services import escalate
from jaga.kla.models import Answer, Assignment, Comment, Item, RoundStatus
from jaga.kla.review import comment_add, deadline_set
from jaga.kla.services import round_open, round_submit
from jaga.notifications.models import Notification
from jaga.taskforce.models import FocalPerson, MemberRole
from jaga.taskforce.tests.helpers import TaskforceTestCase
from jaga.testing import make_person

TODAY = datetime.date(2027, 2, 1)


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


class DeadlineTests(TaskforceTestCase):
    def setUp(self):
        self.round = round_open(city=self.city, year=2027)

    def reminders(self):
        return Notification.objects.filter(recipient=self.education, kind="kla.reminder")

    def test_a_deadline_reminds_the_agency_a_week_and_a_day_before_and_after(self):
        with self.assertRaises(ValidationError):  # a date already past
            deadline_set(
                kla_round=self.round, due_on=TODAY - datetime.timedelta(days=1), today=TODAY
            )
        due = TODAY + datetime.timedelta(days=7)
        self.assertEqual(deadline_set(kla_round=self.round, due_on=due, today=TODAY), 24)
        escalate(now=at(TODAY))
        # Education leads 18–20: one reminder each, and again nothing on a second run.
        self.assertEqual(self.reminders().count(), 3)
        escalate(now=at(TODAY))
        self.assertEqual(self.reminders().count(), 3)
        # Indicator 19 answered in full: no more reminders for it.
        item = Item.objects.get(indicator__instrument=self.round.instrument, code="19.1")
        Answer.objects.create(round=self.round, item=item, value="50")
        escalate(now=at(due - datetime.timedelta(days=1)))
        self.assertEqual(self.reminders().count(), 5)
        escalate(now=at(due + datetime.timedelta(days=1)))
        late = self.reminders().filter(urgency="urgent")
        self.assertEqual(late.count(), 2)
        self.assertIn("terlewat", late.first().title)
        self.assertIn("butir belum dijawab", late.first().body)

    def test_dp3akb_sets_the_deadline_on_the_round_page(self):
        self.login(self.admin)
        url = reverse("kla:deadline", args=[self.round.pk])
        bad = self.client.post(url, {"due_on": "besok"}, follow=True)
        self.assertContains(bad, "Isikan tanggal tenggat")
        due = timezone.localdate() + datetime.timedelta(days=10)
        done = self.client.post(url, {"due_on": due.isoformat()}, follow=True)
        self.assertContains(done, "Tenggat semua indikator disimpan")
        self.assertEqual(set(Assignment.objects.values_list("due_on", flat=True)), {due})
        self.login(self.education)
        self.assertEqual(self.client.post(url, {"due_on": due.isoformat()}).status_code, 403)


class VerifierTests(TaskforceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.verifier = make_person("verifier", Role.KLA_VERIFIER, area=cls.city)
        cls.other_verifier = make_person("verifier2", Role.KLA_VERIFIER, area=cls.other_city)

    def setUp(self):
        self.round = round_open(city=self.city, year=2027)
        self.assignment = Assignment.objects.get(round=self.round, indicator__number=19)
        self.item = Item.objects.get(indicator__instrument=self.round.instrument, code="19.1")
        self.url = reverse("kla:indicator", args=[self.round.pk, 19])

    def post_comment(self, text):
        prefix = f"komentar-{self.item.pk}"
        return self.client.post(
            self.url, {"form": "comment", "item": self.item.pk, f"{prefix}-text": text}
        )

    def test_the_verifier_reads_and_comments_and_verification_starts(self):
        round_submit(kla_round=self.round)
        self.login(self.verifier)
        page = self.client.get(self.url)
        self.assertContains(page, "Tulis komentar")
        self.assertNotContains(page, "Simpan jawaban")  # reads, never answers
        self.assertFalse(can(self.verifier, "kla.answer", self.assignment))
        self.assertTrue(can(self.verifier, "kla.evidence", self.assignment))
        empty = self.post_comment("   ")
        self.assertContains(empty, "Tuliskan komentarnya", status_code=400)
        done = self.post_comment("Lampirkan SK penetapan SRA tahun 2026.")
        self.assertRedirects(done, self.url)
        comment = Comment.objects.get()
        self.assertTrue(comment.by_verifier)
        self.round.refresh_from_db()
        self.assertEqual(self.round.status, RoundStatus.VERIFICATION)
        told = Notification.objects.filter(kind="kla.comment").values_list("recipient", flat=True)
        self.assertEqual(
            set(told) & {self.admin.pk, self.education.pk}, {self.admin.pk, self.education.pk}
        )
        self.assertNotIn(self.verifier.pk, set(told))
        self.assertContains(self.client.get(self.url), "verifikator provinsi")
        # The agency answers under it.
        self.login(self.education)
        self.assertRedirects(self.post_comment("SK terlampir di bukti 2."), self.url)
        self.assertTrue(Notification.objects.filter(recipient=self.verifier, kind="kla.comment"))

    def test_the_clusters_coordinator_hears_of_a_comment(self):
        # Someone outside Dinas Pendidikan coordinating its cluster (IV) is told as well.
        FocalPerson.objects.create(
            member=self.m_education, role=MemberRole.CLUSTER_COORDINATOR, person=self.health
        )
        comment_add(assignment=self.assignment, item=self.item, text="SK SRA?", by=self.verifier)
        told = Notification.objects.filter(kind="kla.comment").values_list("recipient", flat=True)
        self.assertIn(self.health.pk, set(told))

    def test_a_comment_naming_a_victim_is_refused(self):
        from jaga.cases.tests.helpers import open_case

        open_case(self)  # a victim "Siti Rahmawati Kusuma"
        self.login(self.verifier)
        page = self.post_comment("Apakah Siti Rahmawati Kusuma sudah dilayani?")
        self.assertContains(page, "berisi NIK atau nama yang tercatat", status_code=400)
        self.assertContains(page, "Siti Rahmawati Kusuma", status_code=400)  # kept in the form
        self.assertFalse(Comment.objects.exists())

    def test_another_citys_verifier_sees_nothing_and_final_rounds_are_closed(self):
        self.login(self.other_verifier)
        self.assertEqual(self.client.get(self.round.get_absolute_url()).status_code, 404)
        self.assertEqual(self.post_comment("Halo").status_code, 404)
        self.assertFalse(Comment.objects.exists())
        self.round.status = RoundStatus.FINAL
        self.round.save()
        with self.assertRaises(ValidationError):
            comment_add(assignment=self.assignment, item=self.item, text="Nanti", by=self.verifier)
        self.login(self.verifier)
        self.assertNotContains(self.client.get(self.url), "Tulis komentar")
