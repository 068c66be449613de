import datetime
import io
from unittest import mock

from django.core.exceptions import ValidationError
from django.test import override_settings

from jaga.audit.models import AuditAction, AuditEvent
from jaga.figures import signals as figure_signals
from jaga.reports.models import Channel, CloseReason, Report, ReportStatus
from jaga.reports.services import report_close, report_verify
from jaga.reports.tests.helpers import NIK, PDF_BYTES, make_report, png_bytes
from jaga.testing import JagaTestCase


class SubmitTests(JagaTestCase):
    def test_rt_officer_report_is_saved_encrypted_and_audited(self):
        report = make_report(self)
        report.refresh_from_db()
        self.assertEqual(report.victim_nik, NIK)
        self.assertEqual(report.status, ReportStatus.RECEIVED)
        self.assertTrue(report.tracking_code.startswith("LP-"))
        self.assertEqual(sorted(c.code for c in report.violence_forms.all()), ["fisik", "psikis"])
        event = AuditEvent.objects.get(object_type="reports.report", object_id=str(report.pk))
        self.assertEqual(event.action, AuditAction.CREATE)
        self.assertIn("victim_nik", event.fields)
        self.assertNotIn(NIK, str(event.fields) + event.reason)

    def test_age_is_derived_from_birth_date(self):
        with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2025, 3, 8)):
            report = make_report(self)
        self.assertEqual(report.victim_age, 10)

    def test_rt_officer_cannot_report_for_another_rt(self):
        with self.assertRaises(ValidationError) as caught:
            make_report(self, rt=self.prapatan_rt1)
        self.assertIn("wilayah tugas", str(caught.exception.message_dict["rt"]))
        self.assertFalse(Report.objects.exists())

    def test_staff_intake_records_channel(self):
        report = make_report(self, by=self.manager, channel=Channel.HOTLINE, rt=self.prapatan_rt1)
        self.assertEqual(report.channel, Channel.HOTLINE)

    def test_anonymous_public_report(self):
        report = make_report(
            self, by=None, channel=Channel.PUBLIC, reporter_name="", reporter_phone=""
        )
        self.assertIsNone(report.reported_by)
        self.assertEqual(report.reporter_name, "")


class BadInputTests(JagaTestCase):
    """Each bad input gets a precise Indonesian message, and nothing is saved."""

    def assertRefused(self, field, fragment, **overrides):
        with self.assertRaises(ValidationError) as caught:
            make_report(self, **overrides)
        messages = " ".join(caught.exception.message_dict[field])
        self.assertIn(fragment, messages)
        self.assertFalse(Report.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(object_type="reports.report").exists())

    def test_birth_date_in_future(self):
        future = datetime.date.today() + datetime.timedelta(days=30)
        self.assertRefused(
            "victim_birth_date", "Tanggal lahir tidak boleh di masa depan", victim_birth_date=future
        )

    def test_child_aged_18_or_more_by_birth_date(self):
        self.assertRefused("victim_age", "bukan anak", victim_birth_date=datetime.date(1990, 1, 1))

    def test_child_aged_18_or_more_by_age(self):
        self.assertRefused(
            "victim_age",
            "Korban berumur 19 tahun bukan anak",
            victim_birth_date=None,
            victim_age=19,
        )

    def test_nik_not_16_digits(self):
        self.assertRefused("victim_nik", "NIK harus tepat 16 digit angka", victim_nik="64710101")
        self.assertRefused(
            "victim_nik", "NIK harus tepat 16 digit angka", victim_nik="64710101019000AB"
        )

    def test_incident_after_report_date(self):
        tomorrow = datetime.date.today() + datetime.timedelta(days=2)
        self.assertRefused(
            "incident_date", "tidak boleh setelah tanggal laporan", incident_date=tomorrow
        )

    def test_html_in_text_is_refused(self):
        self.assertRefused("description", "tag HTML", description="<script>alert(1)</script>")
        self.assertRefused("victim_name", "tag HTML", victim_name="<b>Siti</b>")

    def test_less_than_sign_alone_is_plain_text(self):
        report = make_report(self, description="umur < 5 tahun, ayah > 40")
        self.assertEqual(report.description, "umur < 5 tahun, ayah > 40")

    def test_unknown_codes(self):
        self.assertRefused("violence_forms", "Kode tidak dikenal: pukul", violence_forms=["pukul"])
        self.assertRefused("violence_forms", "setidaknya satu", violence_forms=[])

    def test_oversize_file(self):
        upload = io.BytesIO(png_bytes())
        upload.name = "foto.png"
        self.assertRefused(
            "attachment", "terlalu besar", attachment=upload, attachment_size=11 * 1024 * 1024
        )

    def test_fake_type_file(self):
        upload = io.BytesIO(b"MZ\x90\x00 this is an exe renamed")
        upload.name = "foto.jpg"
        self.assertRefused(
            "attachment", "Jenis berkas tidak diterima", attachment=upload, attachment_size=30
        )

    def test_truncated_image_is_refused(self):
        upload = io.BytesIO(png_bytes()[:20])
        upload.name = "foto.png"
        self.assertRefused(
            "attachment", "Jenis berkas tidak diterima", attachment=upload, attachment_size=20
        )

    def test_every_problem_at_once(self):
        with self.assertRaises(ValidationError) as caught:
            make_report(self, victim_nik="123", description="<i>x</i>", violence_forms=[])
        self.assertEqual(
            set(caught.exception.message_dict), {"victim_nik", "description", "violence_forms"}
        )


class AttachmentTests(JagaTestCase):
    def test_png_and_pdf_are_kept_under_media_root_with_random_names(self):
        for data, content_type in ((png_bytes(), "image/png"), (PDF_BYTES, "application/pdf")):
            upload = io.BytesIO(data)
            upload.name = "Siti Rahmawati visum.pdf"
            report = make_report(self, attachment=upload, attachment_size=len(data))
            self.assertEqual(report.attachment_type, content_type)
            self.assertNotIn("Siti", report.attachment.name)
            self.assertTrue(report.attachment.name.startswith("lampiran/"))


def notifying(callbacks: list) -> list:
    """The on-commit callbacks but the figures' recount (every new report queues one)."""
    return [callback for callback in callbacks if callback is not figure_signals.refresh_later]


class UrgentTests(JagaTestCase):
    def test_urgent_report_notifies_uptd_after_commit(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            make_report(self, is_urgent=True)
        self.assertEqual(len(notifying(callbacks)), 1)
        from jaga.notifications.models import Notification

        recipients = set(Notification.objects.values_list("recipient__username", flat=True))
        self.assertEqual(recipients, {"head", "manager", "manager2"})
        note = Notification.objects.first()
        self.assertNotIn("Siti", note.title + note.body)
        self.assertTrue(note.number.startswith("LP-"))

    def test_ordinary_report_notifies_nobody(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            make_report(self)
        self.assertEqual(notifying(callbacks), [])


class TriageTests(JagaTestCase):
    def test_verify_then_close_as_duplicate(self):
        first = make_report(self)
        second = make_report(self)
        report_verify(report=second, by=self.manager)
        closed = report_close(
            report=second, by=self.manager, reason=CloseReason.DUPLICATE, duplicate_of=first
        )
        self.assertEqual(closed.status, ReportStatus.CLOSED)
        self.assertEqual(closed.duplicate_of, first)

    def test_out_of_area_needs_where_it_went(self):
        report = make_report(self)
        with self.assertRaises(ValidationError) as caught:
            report_close(report=report, by=self.manager, reason=CloseReason.OUT_OF_AREA)
        self.assertIn("diteruskan", str(caught.exception))
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.RECEIVED)

    def test_closed_report_cannot_be_triaged_again(self):
        report = make_report(self)
        report_close(report=report, by=self.manager, reason=CloseReason.NOT_VIOLENCE)
        with self.assertRaises(ValidationError) as caught:
            report_verify(report=report, by=self.manager2)
        self.assertIn("sudah ditriase", str(caught.exception))


@override_settings()
class DuplicateProposalTests(JagaTestCase):
    def test_same_nik_or_same_name_birth_and_rt(self):
        from jaga.reports.selectors import report_duplicates

        first = make_report(self)
        same_nik = make_report(self, victim_name="Nama Lain", victim_birth_date=None, victim_age=9)
        same_name = make_report(self, victim_nik="", victim_name="SITI  rahmawati kusuma")
        other_rt = make_report(
            self, by=self.manager, channel=Channel.WALK_IN, rt=self.rt2, victim_nik=""
        )
        unrelated = make_report(self, victim_nik="6471010101900002", victim_name="Ani")
        found = set(report_duplicates(first))
        self.assertEqual(found, {same_nik, same_name})
        self.assertNotIn(other_rt, found)
        self.assertNotIn(unrelated, found)
