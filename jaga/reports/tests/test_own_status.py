"""The RT officer's own reports: a card per report that opens its status page, and a notice
when UPTD PPA takes a report up or closes it (number and status only)."""

from django.urls import reverse

from jaga.cases.models import Case
from jaga.cases.services import case_open
from jaga.notifications.models import Notification, OutboxMessage
from jaga.reports.models import Channel, Report, ReportStatus
from jaga.reports.services import report_close, report_set_status
from jaga.reports.tests.helpers import NAME, make_report
from jaga.testing import JagaTestCase


class OwnStatusPageTests(JagaTestCase):
    def test_each_card_opens_the_reports_status_page(self):
        report = make_report(self)
        self.login(self.rt_officer)
        page = self.client.get(reverse("reports:own"))
        status_url = reverse("reports:own_status", args=[report.pk])
        self.assertContains(page, f'<a class="card report-card" href="{status_url}">')
        self.assertContains(page, "diperbarui")
        status = self.client.get(status_url)
        self.assertContains(status, report.tracking_code)
        self.assertContains(status, "Diterima")
        self.assertContains(status, "Perubahan terakhir")
        self.assertNotContains(status, NAME)

    def test_the_last_change_follows_the_case(self):
        report = make_report(self)
        case = case_open(report=report, by=self.manager)
        self.login(self.rt_officer)
        page = self.client.get(reverse("reports:own_status", args=[report.pk]))
        self.assertEqual(page.context["report"].changed_at, case.opened_at)
        self.assertContains(page, "Sedang ditangani")
        self.assertNotContains(page, case.number)

    def test_only_the_reports_author(self):
        report = make_report(self)
        url = reverse("reports:own_status", args=[report.pk])
        self.login(self.rt_other)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.manager)
        self.assertEqual(self.client.get(url).status_code, 403)


class ReporterNoticeTests(JagaTestCase):
    def notices(self):
        return list(Notification.objects.filter(recipient=self.rt_officer, kind="report.status"))

    def assert_no_case_details(self, notice: Notification, case: Case | None = None) -> None:
        text = f"{notice.title} {notice.body}"
        for secret in (NAME, "Tetangga", "Mawar", "fisik", "Fisik", self.manager.full_name):
            self.assertNotIn(secret, text)
        if case is not None:
            self.assertNotIn(case.number, text)

    def test_taken_up_then_closed(self):
        report = make_report(self)
        case = case_open(report=report, by=self.manager)
        [taken] = self.notices()
        self.assertEqual(taken.title, f"Laporan {report.tracking_code}: Sedang ditangani")
        self.assertEqual(taken.link, reverse("reports:own_status", args=[report.pk]))
        self.assert_no_case_details(taken, case)
        # what closing the case does to its report (closing itself needs the head's approval)
        report_set_status(report=Report.objects.get(pk=report.pk), status=ReportStatus.CLOSED)
        closed = self.notices()[0]
        self.assertEqual(closed.title, f"Laporan {report.tracking_code}: Selesai")
        self.assert_no_case_details(closed, case)
        self.assertEqual(len(self.notices()), 2)

    def test_closed_without_a_case_and_on_the_officers_channels(self):
        report = make_report(self)
        report_close(report=report, by=self.manager, reason="not_violence", note="Bukan KDRT")
        [closed] = self.notices()
        self.assertEqual(closed.title, f"Laporan {report.tracking_code}: Selesai")
        self.assertNotIn("Bukan KDRT", closed.body)
        self.assert_no_case_details(closed)
        for message in OutboxMessage.objects.filter(number=report.tracking_code):
            self.assertNotIn(NAME, message.text)

    def test_reports_entered_by_staff_notify_nobody(self):
        report = make_report(self, by=self.manager, channel=Channel.HOTLINE)
        case_open(report=report, by=self.manager)
        self.assertFalse(Notification.objects.filter(kind="report.status").exists())
