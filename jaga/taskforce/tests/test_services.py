"""The task force's writes: what they store, and each bad input refused with its message and
nothing written."""

import datetime
from unittest import mock

from django.core.exceptions import ValidationError
from django.utils import timezone

from jaga.notifications.models import Notification, NotificationPreference, OutboxMessage
from jaga.people.models import Organisation, OrganisationKind
from jaga.taskforce import selectors
from jaga.taskforce.models import (
    ActionItem,
    AgendaKind,
    Attendance,
    Meeting,
    MinutesStatus,
)
from jaga.taskforce.services.actions import action_item_close, action_progress_add
from jaga.taskforce.services.composition import member_add
from jaga.taskforce.services.meetings import Mark, attendance_record, meeting_invite, outcome_add
from jaga.taskforce.services.minutes import minutes_finalise, minutes_save
from jaga.taskforce.tests.helpers import TaskforceTestCase, wita

NOW = wita(2026, 3, 2, 9, 0)


def messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


class CompositionTests(TaskforceTestCase):
    def test_members_and_focal_people(self):
        members = selectors.members_of(self.tf)
        self.assertEqual(len(members), 4)
        forum = next(m for m in members if m.is_forum_anak)
        self.assertEqual([str(f) for f in forum.focal_people.all()], ["Ketua Forum Anak"])

    def test_an_organisation_joins_once_and_serves_a_known_cluster(self):
        with self.assertRaises(ValidationError) as caught:
            member_add(taskforce=self.tf, organisation=self.dp3akb, cluster="VI", by=self.admin)
        self.assertIn("Pilih klaster KLA", messages_of(caught.exception))
        self.assertIn("sudah menjadi anggota", messages_of(caught.exception))


class ScheduleTests(TaskforceTestCase):
    def test_agenda_opens_with_follow_up(self):
        meeting = self.meeting(NOW)
        kinds = list(meeting.agenda_items.order_by("position").values_list("kind", "title"))
        self.assertEqual(kinds[0], (AgendaKind.FOLLOW_UP, "Tindak lanjut hasil rapat sebelumnya"))
        self.assertEqual(kinds[1][1], "Sinergi lintas sektor")

    def test_bad_meeting_is_not_saved(self):
        with self.assertRaises(ValidationError) as caught:
            self.meeting(NOW, place="", kind="cluster", title=" ")
        text = messages_of(caught.exception)
        self.assertIn("Tuliskan tempat rapat atau tautan rapat daring.", text)
        self.assertIn("Rapat klaster perlu klasternya", text)
        self.assertIn("Tuliskan judul rapat.", text)
        self.assertFalse(Meeting.objects.exists())

    def test_outside_the_decree_period(self):
        with self.assertRaises(ValidationError) as caught:
            self.meeting(wita(2029, 1, 5, 9, 0))
        self.assertIn("di luar masa kerja gugus tugas", messages_of(caught.exception))


class InviteTests(TaskforceTestCase):
    def test_invitations_in_the_outbox_with_an_ics(self):
        self.education.email = "pendidikan@example.org"
        self.education.save()
        NotificationPreference.objects.create(person=self.education, channels=["email"])
        meeting = self.meeting(timezone.now() + datetime.timedelta(days=3))
        with self.captureOnCommitCallbacks():
            count = meeting_invite(meeting=meeting, by=self.secretary)
        self.assertEqual(count, 4)  # secretary, chair, education, health (the guest has none)
        self.assertEqual(Notification.objects.filter(kind="taskforce.invitation").count(), 4)
        message = OutboxMessage.objects.get(recipient=self.education)
        self.assertEqual(message.attachment_name, "rapat.ics")
        self.assertEqual(message.attachment_type, "text/calendar")
        self.assertIn("BEGIN:VEVENT", message.attachment)
        self.assertIn(f"UID:{meeting.uid}@jaga", message.attachment)
        self.assertIn("TZID:Asia/Makassar", message.attachment)
        # Again: nobody is invited twice.
        meeting_invite(meeting=meeting, by=self.secretary)
        self.assertEqual(Notification.objects.filter(kind="taskforce.invitation").count(), 4)

    def test_a_meeting_in_the_past_is_not_invited_to(self):
        meeting = self.meeting(timezone.now() - datetime.timedelta(hours=1))
        with self.assertRaises(ValidationError) as caught:
            meeting_invite(meeting=meeting, by=self.secretary)
        self.assertIn("sudah dimulai atau lewat", messages_of(caught.exception))
        self.assertFalse(Notification.objects.exists())


class AttendanceTests(TaskforceTestCase):
    def setUp(self):
        self.held = self.meeting(timezone.now() - datetime.timedelta(hours=3))

    def test_recorded_and_changed(self):
        marks = [
            Mark(self.education_org.pk, "present", "Bu Rina"),
            Mark(self.forum_org.pk, "represented", "Wakil Forum Anak"),
            Mark(self.health_org.pk, "absent", "ignored"),
        ]
        attendance_record(meeting=self.held, marks=marks, by=self.secretary)
        attendance_record(
            meeting=self.held, marks=[Mark(self.health_org.pk, "present")], by=self.secretary
        )
        records = {a.member.organisation_id: a for a in Attendance.objects.all()}
        self.assertEqual(records[self.health_org.pk].status, "present")
        self.assertEqual(records[self.education_org.pk].attendee_name, "Bu Rina")
        self.assertEqual(len(records), 3)

    def test_an_organisation_not_on_the_task_force(self):
        stranger = Organisation.objects.create(
            name="PT Bukan Anggota", kind=OrganisationKind.OTHER, area=self.city
        )
        marks = [Mark(self.education_org.pk, "present"), Mark(stranger.pk, "present")]
        with self.assertRaises(ValidationError) as caught:
            attendance_record(meeting=self.held, marks=marks, by=self.secretary)
        self.assertEqual(
            messages_of(caught.exception),
            "Organisasi ini bukan anggota gugus tugas: kehadirannya tidak dapat dicatat.",
        )
        self.assertFalse(Attendance.objects.exists())  # all or nothing

    def test_not_before_the_day(self):
        later = self.meeting(timezone.now() + datetime.timedelta(days=2))
        with self.assertRaises(ValidationError) as caught:
            attendance_record(
                meeting=later, marks=[Mark(self.education_org.pk, "present")], by=self.secretary
            )
        self.assertIn("Kehadiran dicatat pada hari rapat", messages_of(caught.exception))


class OutcomeAndActionTests(TaskforceTestCase):
    def setUp(self):
        self.held = self.meeting(NOW)

    def test_decision_and_action_item(self):
        outcome_add(
            agenda_item=self.topic(self.held),
            kind="decision",
            text="Sekolah ramah anak diperluas",
            by=self.secretary,
        )
        item = self.action(self.held, datetime.date(2026, 4, 30))
        self.assertEqual(item.status, "open")
        self.assertEqual([c.code for c in item.indicators.all()], ["19"])
        status = selectors.action_item_status(item.pk, now=NOW)
        self.assertEqual((status.status, status.clock_state), ("open", "on_time"))
        self.assertEqual(status.owner, "Dinas Pendidikan")

    def test_html_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            outcome_add(
                agenda_item=self.topic(self.held),
                kind="decision",
                text="<script>alert(1)</script>",
                by=self.secretary,
            )
        self.assertIn("tidak boleh berisi tag HTML", messages_of(caught.exception))

    def test_without_owner_or_due_date(self):
        with self.assertRaises(ValidationError) as caught:
            self.action(self.held, None, owner=None)
        text = messages_of(caught.exception)
        self.assertIn("Rencana aksi perlu organisasi penanggung jawab.", text)
        self.assertIn("Rencana aksi perlu tenggat.", text)
        self.assertFalse(ActionItem.objects.exists())

    def test_due_before_the_meeting(self):
        with self.assertRaises(ValidationError) as caught:
            self.action(self.held, datetime.date(2026, 3, 1))
        self.assertEqual(
            messages_of(caught.exception), "Tenggat tidak boleh sebelum tanggal rapat (02-03-2026)."
        )

    def test_progress_then_close_with_evidence(self):
        item = self.action(self.held, datetime.date(2026, 4, 30))
        action_progress_add(item=item, note="10 sekolah dikunjungi", by=self.education)
        item.refresh_from_db()
        self.assertEqual(item.status, "in_progress")
        with self.assertRaises(ValidationError) as caught:
            action_item_close(item=item, evidence=" ", by=self.education)
        self.assertIn("Tuliskan bukti penyelesaian", messages_of(caught.exception))
        action_item_close(item=item, evidence="SK sekolah ramah anak", by=self.education)
        item.refresh_from_db()
        self.assertEqual(item.status, "done")
        with self.assertRaises(ValidationError):
            action_progress_add(item=item, note="lagi", by=self.education)

    def test_final_minutes_lock_the_meeting(self):
        minutes_save(meeting=self.held, text="Notulen", by=self.secretary)
        minutes = minutes_finalise(minutes=self.held.minutes, by=self.secretary)
        self.assertEqual(minutes.status, MinutesStatus.FINAL)
        with self.assertRaises(ValidationError) as caught:
            outcome_add(agenda_item=self.topic(self.held), kind="note", text="x", by=self.secretary)
        self.assertIn("sudah final dan terkunci", messages_of(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            minutes_save(meeting=self.held, text="Ubah", by=self.secretary)
        self.assertIn("Notulen sudah final dan terkunci", messages_of(caught.exception))


class FollowUpTests(TaskforceTestCase):
    def test_open_items_of_earlier_meetings(self):
        first = self.meeting(wita(2026, 1, 5, 9, 0))
        open_item = self.action(first, datetime.date(2026, 2, 1))
        closed_before = self.action(first, datetime.date(2026, 2, 1), title="Selesai dulu")
        with mock.patch("django.utils.timezone.now", return_value=wita(2026, 1, 20, 9, 0)):
            action_item_close(item=closed_before, evidence="ok", by=self.education)
        second = self.meeting(wita(2026, 2, 10, 9, 0))
        later_item = self.action(second, datetime.date(2026, 3, 1))
        listed = [row.item for row in selectors.follow_up_items(second)]
        self.assertEqual(listed, [open_item])
        self.assertNotIn(later_item, listed)
