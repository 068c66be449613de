"""The task force's "done when", in a real browser at a phone's size (headless Chromium): the
secretary schedules a meeting (invitations in the outbox with an .ics), records attendance,
a decision and an action item for Dinas Pendidikan; its owner is reminded and, after the due
date, the secretary is escalated to; the next meeting's agenda lists it under "tindak
lanjut"; the minutes go draft → final → PDF. Skipped, saying so, where no Chromium is
installed."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from jaga.clocks.services import escalate
from jaga.codes.services import codes_load
from jaga.notifications.models import Notification, NotificationPreference, OutboxMessage
from jaga.taskforce.models import ActionItem, Attendance, Meeting, Minutes
from jaga.taskforce.tests.helpers import build_taskforce
from jaga.testing.browser import BrowserTestCase


@pytest.mark.browser
class TaskforceBrowserTest(BrowserTestCase):
    window_size = "360,740"

    def load_data(self):
        codes_load()  # the live server's tables are emptied between tests; the codes come back

    def setUp(self):
        super().setUp()  # the usual personas, then the browser
        build_taskforce(type(self))

    def set_value(self, name: str, value: str):
        # Date and time fields type differently per locale: set the ISO value.
        field = self.find(f'[name="{name}"]')
        self.driver.execute_script("arguments[0].value = arguments[1];", field, value)

    def schedule(self, day: datetime.date, start: str, end: str, title: str) -> Meeting:
        self.open("/gugus-tugas/")
        self.click("#schedule")
        self.fill(
            {"title": title, "place": "Aula DP3AKB", "agenda": "Sinergi pendidikan | Disdik"},
            selects={"kind": "coordination"},
        )
        self.set_value("day", day.isoformat())
        self.set_value("start", start)
        self.set_value("end", end)
        self.submit()
        return Meeting.objects.get(title=title)

    def test_meeting_to_final_minutes(self):
        self.education.email = "pendidikan@example.org"
        self.education.save()
        NotificationPreference.objects.create(person=self.education, channels=["email"])
        local = timezone.localtime()
        start = (local + datetime.timedelta(minutes=3)).replace(second=0, microsecond=0)
        if start.date() != local.date() or start.hour >= 23:
            pytest.skip("Too close to midnight WITA for a meeting on the same day.")
        day = start.date()

        # 1. The secretary schedules today's meeting and invites (outbox with an .ics).
        self.as_(self.secretary)
        end = min(start + datetime.timedelta(hours=2), start.replace(hour=23, minute=59))
        meeting = self.schedule(day, f"{start:%H:%M}", f"{end:%H:%M}", "Rapat koordinasi sinergi")
        self.assertIn("Rapat koordinasi sinergi", self.find("h1").text)
        self.click("#invite")
        self.assertIn("Undangan dikirim", self.find(".messages").text)
        message = OutboxMessage.objects.get(recipient=self.education, channel="email")
        self.assertEqual(message.attachment_name, "rapat.ics")
        self.assertIn(meeting.uid, message.attachment)

        # 2. Attendance on the phone: Dinas Pendidikan present, the Forum Anak represented.
        self.click("#record-attendance")
        self.find(f'input[name="status_{self.education_org.pk}"][value="present"]').click()
        self.fill({f"name_{self.education_org.pk}": "Bu Rina"})
        self.find(f'input[name="status_{self.forum_org.pk}"][value="represented"]').click()
        self.click("#save-attendance")
        self.assertEqual(Attendance.objects.filter(meeting=meeting).count(), 2)
        self.assertIn("Bu Rina", self.find("#attendance").text)

        # 3. A decision and an action item for Dinas Pendidikan on the topic.
        topic = meeting.agenda_items.get(position=2)
        self.click(f'a[href="/gugus-tugas/acara/{topic.pk}/hasil/"]')
        self.find('input[name="kind"][value="decision"]').click()
        self.fill({"text": "Sekolah ramah anak diperluas bersama puskesmas."})
        self.submit()
        self.click(f'a[href="/gugus-tugas/acara/{topic.pk}/aksi/"]')
        due = day + datetime.timedelta(days=14)
        self.fill(
            {"title": "Deklarasi 10 sekolah ramah anak", "expected_evidence": "SK dan foto"},
            selects={"owner": str(self.m_education.pk)},
        )
        self.set_value("due_date", due.isoformat())
        self.submit()
        item = ActionItem.objects.get()
        self.assertIn(item.number, self.find(f"#agenda-{topic.pk}").text)
        self.assertIn("Keputusan", self.find(f"#agenda-{topic.pk}").text)

        # 4. The owner is reminded a week before; after the due date the secretary hears.
        morning = timezone.make_aware(datetime.datetime.combine(due, datetime.time(8)))
        escalate(now=morning - datetime.timedelta(days=7))
        self.assertTrue(
            Notification.objects.filter(
                recipient=self.education, kind="taskforce.reminder"
            ).exists()
        )
        escalate(now=morning + datetime.timedelta(days=1))
        self.assertTrue(
            Notification.objects.filter(recipient=self.secretary, kind="clock.escalation").exists()
        )
        self.as_(self.education)
        self.open("/notifikasi/")
        self.assertIn(item.number, self.find("main").text)

        # 5. The next meeting's agenda lists it under "tindak lanjut".
        self.as_(self.secretary)
        later = self.schedule(day + datetime.timedelta(days=30), "09:00", "11:00", "Rapat lanjutan")
        self.assertIn(item.number, self.find("#follow-up").text)
        self.assertEqual(later.agenda_items.get(position=1).kind, "follow_up")

        # 6. The meeting has taken place; its minutes: draft, final (locked), PDF.
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        self.open(f"/gugus-tugas/rapat/{meeting.pk}/")
        self.click("#write-minutes")
        self.fill({"text": "Rapat membahas sinergi lintas sektor."})
        self.submit()
        self.assertIn("Draf", self.find("#minutes-status").text)
        self.click("#finalise")
        self.assertIn("Final", self.find("#minutes-status").text)
        self.assertEqual(Minutes.objects.get().status, "final")
        client = Client()
        client.force_login(self.secretary)
        pdf = client.get(f"/gugus-tugas/rapat/{meeting.pk}/notulen.pdf")
        self.assertEqual(pdf["Content-Type"], "application/pdf")
        self.assertTrue(pdf.content.startswith(b"%PDF-"))
