"""The pages as the secretary and the members use them, with their query counts."""

import datetime

from django.urls import reverse
from django.utils import timezone

from jaga.taskforce.models import ActionItem, Attendance, Meeting, Outcome
from jaga.taskforce.services.meetings import Mark, attendance_record
from jaga.taskforce.tests.helpers import TaskforceTestCase, indicator
from jaga.testing import count_queries


class PageTests(TaskforceTestCase):
    def test_secretary_schedules_a_meeting(self):
        self.login(self.secretary)
        day = timezone.localdate() + datetime.timedelta(days=7)
        response = self.client.post(
            reverse("taskforce:meeting_new", args=[self.tf.pk]),
            {
                "kind": "coordination",
                "title": "Rapat koordinasi Gugus Tugas KLA",
                "day": day.isoformat(),
                "start": "09:00",
                "end": "11:00",
                "place": "Aula DP3AKB",
                "agenda": "Sinergi pendidikan | Dinas Pendidikan\nForum Anak | Ketua FA",
            },
        )
        meeting = Meeting.objects.get()
        self.assertRedirects(response, meeting.get_absolute_url())
        agenda = list(meeting.agenda_items.order_by("position"))
        self.assertEqual([a.kind for a in agenda], ["follow_up", "topic", "topic"])
        self.assertEqual(agenda[1].presenter, self.m_education)
        self.assertEqual(agenda[2].presenter_name, "Ketua FA")
        self.assertEqual(timezone.localtime(meeting.starts_at).hour, 9)

    def test_bad_meeting_shows_the_message(self):
        self.login(self.secretary)
        response = self.client.post(
            reverse("taskforce:meeting_new", args=[self.tf.pk]),
            {
                "kind": "plenary",
                "title": "x",
                "day": "2026-03-02",
                "start": "11:00",
                "end": "10:00",
            },
        )
        self.assertContains(
            response, "Rapat harus selesai setelah waktu mulainya.", status_code=400
        )
        self.assertContains(response, "Tuliskan tempat rapat atau tautan", status_code=400)
        self.assertFalse(Meeting.objects.exists())

    def test_attendance_from_a_phone(self):
        meeting = self.meeting(timezone.now() - datetime.timedelta(hours=1))
        self.login(self.secretary)
        url = reverse("taskforce:attendance", args=[meeting.pk])
        page = self.client.get(url)
        self.assertContains(page, f'name="status_{self.forum_org.pk}"')
        self.assertContains(page, "forum-anak")
        response = self.client.post(
            url,
            {
                f"status_{self.education_org.pk}": "present",
                f"name_{self.education_org.pk}": "Bu Rina",
                f"status_{self.forum_org.pk}": "represented",
            },
        )
        self.assertRedirects(response, meeting.get_absolute_url())
        self.assertEqual(Attendance.objects.count(), 2)
        forged = self.client.post(url, {"status_999999": "present"})
        self.assertContains(forged, "bukan anggota gugus tugas", status_code=400)

    def test_decision_and_action_item_forms(self):
        meeting = self.meeting(timezone.now() - datetime.timedelta(hours=1))
        topic = self.topic(meeting)
        self.login(self.secretary)
        self.client.post(
            reverse("taskforce:outcome_new", args=[topic.pk]),
            {"kind": "decision", "text": "Perluas sekolah ramah anak"},
        )
        self.assertEqual(Outcome.objects.get().kind, "decision")
        url = reverse("taskforce:action_new", args=[topic.pk])
        missing = self.client.post(url, {"title": "Sosialisasi", "expected_evidence": "Foto"})
        self.assertContains(
            missing, "Rencana aksi perlu organisasi penanggung jawab.", status_code=400
        )
        self.assertContains(missing, "Rencana aksi perlu tenggat.", status_code=400)
        due = timezone.localdate() + datetime.timedelta(days=30)
        self.client.post(
            url,
            {
                "title": "Sosialisasi SRA",
                "owner": self.m_education.pk,
                "due_date": due.isoformat(),
                "indicators": [indicator(19).pk, indicator(6).pk],
                "expected_evidence": "Daftar hadir dan foto",
            },
        )
        item = ActionItem.objects.get()
        self.assertEqual(item.owner, self.m_education)
        page = self.client.get(meeting.get_absolute_url())
        self.assertContains(page, item.number)

    def test_ics_download(self):
        meeting = self.meeting(timezone.now() + datetime.timedelta(days=2))
        self.login(self.education)
        response = self.client.get(reverse("taskforce:meeting_ics", args=[meeting.pk]))
        self.assertEqual(response["Content-Type"], "text/calendar")
        self.assertIn(b"SUMMARY:Rapat koordinasi", response.content)
        feed = self.client.get(reverse("taskforce:calendar"))
        self.assertIn(meeting.uid.encode(), feed.content)


class QueryCountTests(TaskforceTestCase):
    def grow(self, n: int) -> Meeting:
        """``n`` earlier meetings with an open action item each, then one with ``n`` items."""
        base = timezone.now() - datetime.timedelta(days=400)
        for i in range(n):
            earlier = self.meeting(base + datetime.timedelta(days=i))
            self.action(earlier, timezone.localdate())
        last = self.meeting(timezone.now() - datetime.timedelta(hours=2))
        for _ in range(n):
            self.action(last, timezone.localdate() + datetime.timedelta(days=5))
        attendance_record(
            meeting=last, marks=[Mark(self.education_org.pk, "present")], by=self.secretary
        )
        return last

    def test_meeting_page_and_lists_are_constant(self):
        self.login(self.education)
        counts = []
        for n in (2, 6):
            meeting = self.grow(n)
            counts.append(
                (
                    count_queries(self.client, meeting.get_absolute_url()),
                    count_queries(self.client, reverse("taskforce:actions")),
                    count_queries(self.client, reverse("taskforce:home")),
                )
            )
        self.assertEqual(counts[0], counts[1])
