import datetime as dt
import json
from unittest import mock

from django.core.exceptions import ValidationError
from django.utils import timezone

from jaga.audit.models import AuditAction, AuditEvent
from jaga.codes.models import Code
from jaga.core.periods import current_month
from jaga.reports.models import Channel, Report, VictimKind
from jaga.sections.models import MonthlyReturn, ReturnKind
from jaga.sections.selectors import (
    State,
    coverage_figures,
    deadline_passed,
    return_deadline,
    state_for,
)
from jaga.sections.services import allowed_months, monthly_return_submit
from jaga.testing import JagaTestCase


def wita(year: int, month: int, day: int, hour: int, minute: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


class ZeroReportServiceTests(JagaTestCase):
    def test_states_awaited_confirmed_reported(self):
        month = current_month()
        self.assertEqual(state_for(self.rt1, month), State.AWAITED)
        result = monthly_return_submit(
            rt=self.rt1, kind=ReturnKind.NIL, submitted_by=self.rt_officer
        )
        self.assertTrue(result.changed)
        self.assertEqual(state_for(self.rt1, month), State.CONFIRMED)
        monthly_return_submit(rt=self.rt2, kind=ReturnKind.REPORTED, submitted_by=None)
        self.assertEqual(state_for(self.rt2, month), State.REPORTED)
        f = coverage_figures(self.manggar, month)
        self.assertEqual((f.rts, f.reported, f.confirmed, f.awaited, f.silent), (3, 1, 1, 1, 0))
        self.assertEqual(f.pct_active, 66.7)

    def test_a_month_is_silent_only_once_its_deadline_is_over(self):
        march = dt.date(2026, 3, 1)
        for today, state in (
            (dt.date(2026, 3, 2), State.AWAITED),  # the running month, day two
            (dt.date(2026, 3, 31), State.AWAITED),
            (dt.date(2026, 4, 5), State.AWAITED),  # the deadline itself
            (dt.date(2026, 4, 6), State.SILENT),
        ):
            with self.subTest(today=today):
                self.assertEqual(state_for(self.rt1, march, today), state)
        self.assertEqual(return_deadline(march), dt.date(2026, 4, 5))
        self.assertFalse(deadline_passed(march, dt.date(2026, 4, 5)))
        self.assertTrue(deadline_passed(march, dt.date(2026, 4, 6)))

    def test_coverage_counts_silence_after_the_deadline_only(self):
        march = dt.date(2026, 3, 1)
        for now, silent, awaited in (
            (wita(2026, 4, 5, 23, 59), 0, 3),
            (wita(2026, 4, 6, 0, 1), 3, 0),
        ):
            with self.subTest(now=now), mock.patch("django.utils.timezone.now", return_value=now):
                f = coverage_figures(self.manggar, march)
                self.assertEqual((f.silent, f.awaited), (silent, awaited))

    def test_tapping_twice_changes_nothing_and_a_correction_is_audited(self):
        monthly_return_submit(rt=self.rt1, kind=ReturnKind.NIL, submitted_by=self.rt_officer)
        events = AuditEvent.objects.count()
        again = monthly_return_submit(
            rt=self.rt1, kind=ReturnKind.NIL, submitted_by=self.rt_officer
        )
        self.assertFalse(again.changed)
        self.assertEqual(AuditEvent.objects.count(), events)
        fixed = monthly_return_submit(
            rt=self.rt1, kind=ReturnKind.REPORTED, submitted_by=self.rt_officer
        )
        self.assertTrue(fixed.changed)
        self.assertEqual(MonthlyReturn.objects.get().kind, ReturnKind.REPORTED)
        self.assertEqual(AuditEvent.objects.filter(action=AuditAction.CHANGE).count(), 1)

    def test_deadline_is_the_fifth_of_next_month(self):
        self.assertEqual(
            allowed_months(dt.date(2026, 3, 5)), [dt.date(2026, 2, 1), dt.date(2026, 3, 1)]
        )
        self.assertEqual(allowed_months(dt.date(2026, 3, 6)), [dt.date(2026, 3, 1)])
        monthly_return_submit(
            rt=self.rt1,
            kind=ReturnKind.NIL,
            month=dt.date(2026, 2, 1),
            today=dt.date(2026, 3, 4),
            submitted_by=None,
        )
        for month in (dt.date(2026, 1, 1), dt.date(2026, 4, 1)):
            with self.assertRaises(ValidationError) as caught:
                monthly_return_submit(
                    rt=self.rt1,
                    kind=ReturnKind.NIL,
                    month=month,
                    today=dt.date(2026, 3, 4),
                    submitted_by=None,
                )
            self.assertIn("batasnya tanggal 5", " ".join(caught.exception.messages))
        self.assertEqual(MonthlyReturn.objects.count(), 1)

    def test_only_rts(self):
        with self.assertRaises(ValidationError):
            monthly_return_submit(rt=self.manggar, kind=ReturnKind.NIL, submitted_by=None)


class DeadlinePageTests(JagaTestCase):
    def test_the_running_month_is_awaited_on_coverage_and_silent_pages(self):
        self.login(self.admin)
        month = f"{current_month():%Y-%m}"
        coverage = self.client.get(f"/seksi-ppa/cakupan/{self.manggar.code}/?bulan={month}")
        self.assertContains(coverage, 'id="deadline-note"')
        self.assertContains(coverage, "belum lapor")
        self.assertNotContains(coverage, 'class="badge overdue">senyap')
        silent = self.client.get(f"/seksi-ppa/senyap/{self.manggar.code}/?bulan={month}")
        self.assertContains(silent, "belum lewat")
        self.assertEqual(len(silent.context["page"].object_list), 0)

    def test_the_rt_card_shows_the_deadline(self):
        self.login(self.rt_officer)
        page = self.client.get("/seksi-ppa/nihil/")
        self.assertContains(page, "belum lapor")
        self.assertNotContains(page, "senyap")
        self.assertContains(page, "Tidak ada kasus")  # the one tap is still offered


class ZeroReportPageTests(JagaTestCase):
    def test_one_tap_without_javascript(self):
        self.login(self.rt_officer)
        response = self.client.get("/seksi-ppa/nihil/")
        self.assertContains(response, "Tidak ada kasus")
        response = self.client.post(
            "/seksi-ppa/nihil/", {"rt": self.rt1.code, "kind": "nil"}, follow=True
        )
        self.assertContains(response, "jawaban Anda tercatat")
        self.assertContains(response, "nihil")
        record = MonthlyReturn.objects.get()
        self.assertEqual(
            (record.rt, record.month, record.submitted_by),
            (self.rt1, current_month(), self.rt_officer),
        )

    def test_htmx_swaps_the_card(self):
        self.login(self.rt_officer)
        response = self.client.post(
            "/seksi-ppa/nihil/",
            {"rt": self.rt1.code, "kind": "nil", "month": f"{current_month():%Y-%m}"},
            headers={"HX-Request": "true"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.decode().startswith('<div class="card zero-card"'))
        self.assertNotContains(response, "<html")

    def test_bad_input(self):
        self.login(self.rt_officer)
        response = self.client.post(
            "/seksi-ppa/nihil/",
            {"rt": self.rt1.code, "kind": "nil", "month": "2001-01"},
            headers={"HX-Request": "true"},
        )
        self.assertContains(response, "batasnya tanggal 5", status_code=400)
        response = self.client.post(
            "/seksi-ppa/nihil/", {"rt": self.rt1.code, "kind": "maybe"}, follow=True
        )
        self.assertContains(response, "Pilihan tidak dikenal.")
        self.assertFalse(MonthlyReturn.objects.exists())

    def test_another_rt_or_role_is_refused(self):
        self.login(self.rt_other)
        response = self.client.post("/seksi-ppa/nihil/", {"rt": self.rt1.code, "kind": "nil"})
        self.assertEqual(response.status_code, 404)
        for person in (self.kel_officer, self.admin, self.analyst, self.nobody):
            self.login(person)
            self.assertEqual(self.client.get("/seksi-ppa/nihil/").status_code, 403)
        self.assertFalse(MonthlyReturn.objects.exists())

    def test_home_shows_the_action(self):
        self.login(self.rt_officer)
        self.assertContains(self.client.get("/"), "Laporan nihil bulan ini")
        self.login(self.kel_officer)
        home = self.client.get("/")
        self.assertNotContains(home, "Laporan nihil bulan ini")
        self.assertContains(home, "Cakupan Seksi PPA")
        self.assertContains(home, "RT senyap")


class ApiTests(JagaTestCase):
    def test_zero_report(self):
        self.login(self.rt_officer)
        response = self.client.post(
            "/api/seksi-ppa/nihil", json.dumps({"kind": "nil"}), content_type="application/json"
        )
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual(
            (body["rt_code"], body["state"], body["changed"]), (self.rt1.code, "confirmed", True)
        )
        again = self.client.post(
            "/api/seksi-ppa/nihil", json.dumps({"kind": "nil"}), content_type="application/json"
        )
        self.assertFalse(again.json()["changed"])
        bad = self.client.post(
            "/api/seksi-ppa/nihil",
            json.dumps({"month": "kemarin"}),
            content_type="application/json",
        )
        self.assertEqual(bad.status_code, 400)

    def test_zero_report_denied(self):
        self.login(self.kel_officer)
        response = self.client.post(
            "/api/seksi-ppa/nihil", json.dumps({"kind": "nil"}), content_type="application/json"
        )
        self.assertEqual(response.status_code, 403)
        self.login(self.rt_other)
        response = self.client.post(
            "/api/seksi-ppa/nihil",
            json.dumps({"kind": "nil", "rt_code": self.rt1.code}),
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(MonthlyReturn.objects.exists())

    def test_coverage(self):
        monthly_return_submit(rt=self.rt1, kind=ReturnKind.NIL, submitted_by=None)
        self.login(self.analyst)
        response = self.client.get(f"/api/seksi-ppa/cakupan/64.71?bulan={current_month():%Y-%m}")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        counts = (body["rts"], body["confirmed"], body["awaited"], body["silent"])
        self.assertEqual(counts, (7, 1, 6, 0))  # the running month: none silent yet
        self.assertEqual(len(body["rows"]), 6)
        self.login(self.kel_officer)
        self.assertEqual(self.client.get("/api/seksi-ppa/cakupan/64.71").status_code, 404)
        self.assertEqual(
            self.client.get(f"/api/seksi-ppa/cakupan/{self.manggar.code}").status_code, 200
        )
        self.login(self.rt_officer)
        self.assertEqual(self.client.get("/api/seksi-ppa/cakupan/64.71").status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get("/api/seksi-ppa/cakupan/64.71").status_code, 401)


class ReportsFeedTheStateTests(JagaTestCase):
    """An RT report sent in the month makes the RT "reported", without any answer."""

    def test_an_rt_report_in_the_month_counts_as_reported(self):
        month = dt.date(2026, 10, 1)
        # 31 October 23:30 WITA is still October; 1 November 00:30 WITA is not.
        late = timezone.make_aware(dt.datetime(2026, 10, 31, 23, 30))
        early_next = timezone.make_aware(dt.datetime(2026, 11, 1, 0, 30))
        codes = {c.list: c for c in Code.objects.filter(list__in=["place", "sex"])}
        for rt, at in ((self.rt1, late), (self.rt2, early_next)):
            Report.objects.create(
                channel=Channel.RT,
                rt=rt,
                received_at=at,
                place=codes["place"],
                victim_kind=VictimKind.CHILD,
                victim_sex=codes["sex"],
            )
        self.assertEqual(state_for(self.rt1, month), State.REPORTED)
        self.assertEqual(state_for(self.rt2, month), State.SILENT)
