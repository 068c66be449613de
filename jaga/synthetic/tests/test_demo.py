from django.db.models import F
from django.test import TestCase
from django.utils import timezone

from jaga.cases.models import Case, CaseEvent, CaseService
from jaga.core.demo import DEMO_PASSWORD, demo_load
from jaga.referrals.models import Referral
from jaga.reports.models import Report
from jaga.security.demo import DEMO_CODE
from jaga.security.testing import password_sign_in
from jaga.synthetic.demo import HISTORY_CASES


class DemoHistoryTests(TestCase):
    """After ``jaga load-demo`` the default views of the figures pages show figures."""

    @classmethod
    def setUpTestData(cls):
        demo_load()

    def test_the_city_dashboard_counts_the_past_twelve_months(self):
        password_sign_in(self.client, "admin.kota", DEMO_PASSWORD)
        self.client.post("/keamanan/dua-langkah/", {"code": DEMO_CODE, "next": "/angka/"})
        figures = self.client.get("/angka/").context["figures"]
        self.assertGreater(figures.totals.cases, 20)
        self.assertGreater(figures.totals.victims, 20)

    def test_the_public_page_shows_suppressed_and_plain_counts(self):
        body = self.client.get("/statistik/").content.decode()
        self.assertIn("&lt;5", body)
        by_month = self.client.get("/statistik/").context["by_month"]
        self.assertTrue(any(cell[0].isdigit() for cell in by_month.cells))

    def test_loading_twice_adds_nothing(self):
        counts = [m.objects.count() for m in (Report, Case, CaseService, Referral, CaseEvent)]
        demo_load()
        self.assertEqual(
            [m.objects.count() for m in (Report, Case, CaseService, Referral, CaseEvent)], counts
        )

    def test_dates_are_in_order_and_in_the_past(self):
        now = timezone.now()
        history = Case.objects.filter(number__startswith="DM-")
        self.assertEqual(history.count(), HISTORY_CASES)
        self.assertFalse(history.filter(reported_at__gt=F("opened_at")).exists())
        self.assertFalse(history.filter(closed_at__lt=F("opened_at")).exists())
        self.assertFalse(history.filter(closed_at__gt=now).exists())
        events = CaseEvent.objects.filter(case__in=history)
        self.assertFalse(events.filter(at__lt=F("case__opened_at")).exists())
        self.assertFalse(events.filter(at__gt=now).exists())
        self.assertTrue(history.filter(closed_at__isnull=False).exists())
        referrals = Referral.objects.filter(case__in=history)
        self.assertTrue(referrals.exists())
        self.assertFalse(referrals.filter(sent_at__lt=F("case__opened_at")).exists())
        self.assertFalse(referrals.filter(responded_at__lt=F("sent_at")).exists())
        self.assertFalse(referrals.filter(sent_at__gt=now).exists())
        services = CaseService.objects.filter(case__in=history)
        self.assertFalse(services.filter(started_on__gt=timezone.localdate()).exists())
        for case in history.filter(closed_at__isnull=False):
            last = case.events.order_by("-at").first()
            self.assertEqual((last.to_status, last.at), ("closed", case.closed_at))
