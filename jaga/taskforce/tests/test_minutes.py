"""Minutes: draft → correction window → final and locked; recorded corrections; the PDF and
the XLSX of action items."""

import datetime
import io
from unittest import mock

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from jaga.audit.models import AuditEvent
from jaga.notifications.models import Notification
from jaga.taskforce.models import CorrectionKind, MinutesStatus
from jaga.taskforce.services.meetings import Mark, attendance_record, outcome_add
from jaga.taskforce.services.minutes import (
    minutes_correct,
    minutes_finalise,
    minutes_save,
    minutes_send_for_correction,
    minutes_suggest,
)
from jaga.taskforce.tests.helpers import TaskforceTestCase


class MinutesFlowTests(TaskforceTestCase):
    def setUp(self):
        self.held = self.meeting(timezone.now() - datetime.timedelta(days=1))
        attendance_record(
            meeting=self.held,
            marks=[Mark(self.education_org.pk, "present"), Mark(self.health_org.pk, "absent")],
            by=self.secretary,
        )
        self.minutes = minutes_save(meeting=self.held, text="Draf pertama", by=self.secretary)

    def test_correction_window_then_final(self):
        minutes_send_for_correction(minutes=self.minutes, days=3, by=self.secretary)
        told = set(
            Notification.objects.filter(kind="taskforce.minutes").values_list(
                "recipient__username", flat=True
            )
        )
        self.assertEqual(told, {"education"})  # the attendee; health was absent
        minutes_suggest(minutes=self.minutes, text="Nama sekolah salah", by=self.education)
        with self.assertRaises(ValidationError) as caught:
            minutes_finalise(minutes=self.minutes, by=self.secretary)
        self.assertIn("Masa koreksi masih berjalan", " ".join(caught.exception.messages))
        later = timezone.now() + datetime.timedelta(days=4)
        with mock.patch("django.utils.timezone.now", return_value=later):
            with self.assertRaises(ValidationError) as caught:
                minutes_suggest(minutes=self.minutes, text="Terlambat", by=self.education)
            self.assertIn("Masa koreksi berakhir", " ".join(caught.exception.messages))
            minutes_finalise(minutes=self.minutes, by=self.secretary)
        self.minutes.refresh_from_db()
        self.assertEqual(self.minutes.status, MinutesStatus.FINAL)

    def test_final_minutes_change_only_by_a_recorded_correction(self):
        minutes_finalise(minutes=self.minutes, by=self.secretary)
        with self.assertRaises(ValidationError) as caught:
            minutes_correct(minutes=self.minutes, text="Teks baru", reason=" ", by=self.secretary)
        self.assertIn("Tuliskan alasan koreksi", " ".join(caught.exception.messages))
        minutes_correct(
            minutes=self.minutes, text="Teks baru", reason="Salah ketik", by=self.secretary
        )
        correction = self.minutes.corrections.get()
        self.assertEqual(correction.kind, CorrectionKind.RECORDED)
        self.assertEqual(correction.previous_text, "Draf pertama")
        self.assertEqual(self.minutes.text, "Teks baru")
        self.assertTrue(AuditEvent.objects.filter(reason="Salah ketik").exists())

    def test_editing_final_minutes_by_the_page_is_refused(self):
        minutes_finalise(minutes=self.minutes, by=self.secretary)
        self.login(self.secretary)
        response = self.client.post(
            reverse("taskforce:minutes_edit", args=[self.held.pk]), {"text": "Diam-diam"}
        )
        self.assertContains(response, "Notulen sudah final dan terkunci", status_code=400)
        self.minutes.refresh_from_db()
        self.assertEqual(self.minutes.text, "Draf pertama")

    def test_pdf_with_letterhead_attendance_and_actions(self):
        outcome_add(
            agenda_item=self.topic(self.held), kind="decision", text="Setuju", by=self.secretary
        )
        item = self.action(self.held, timezone.localdate() + datetime.timedelta(days=10))
        minutes_finalise(minutes=self.minutes, by=self.secretary)
        self.login(self.health)  # final minutes: every member may read them
        response = self.client.get(reverse("taskforce:minutes_pdf", args=[self.held.pk]))
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF-"))
        self.assertGreater(len(response.content), 2000)
        self.assertTrue(AuditEvent.objects.filter(action="download").exists())
        self.login(self.education)
        xlsx = self.client.get(reverse("taskforce:actions_xlsx"))
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][:3], ("nomor", "rencana_aksi", "rapat"))
        self.assertEqual(rows[1][0], item.number)
        self.assertEqual(rows[1][4], "Dinas Pendidikan")

    def test_draft_pdf_only_for_attendees(self):
        self.login(self.health)
        url = reverse("taskforce:minutes_pdf", args=[self.held.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.education)
        self.assertEqual(self.client.get(url).status_code, 200)
