from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jaga.cases.tests.helpers import open_case
from jaga.casework.models import FollowUp, MonitoringPlan
from jaga.casework.services.followups import add_months, case_close, monitoring_plan_set
from jaga.casework.tests.helpers import ask, decide, fresh
from jaga.testing import JagaTestCase


class MonitoringPlanTests(JagaTestCase):
    def close(self, case):
        decide(self, ask(self, case, "closure"))
        case = fresh(case)
        return case_close(
            case=case,
            by=self.manager,
            version=case.version,
            reason="goals_met",
            outcome="safe",
            note="Korban aman.",
            view_consent=False,
        )

    def test_the_city_sets_the_months_for_cases_closed_from_then_on(self):
        before = open_case(self)
        self.close(before)
        monitoring_plan_set(months="12, 2 ,2", by=self.admin)
        self.assertEqual(MonitoringPlan.current(), (2, 12))
        after = open_case(self, victim_name="Dewi Anggraini", victim_nik="6471010101900002")
        self.close(after)
        closed_on = timezone.localtime(fresh(after).closed_at).date()
        self.assertEqual(
            list(FollowUp.objects.filter(case=after).values_list("months_after_closure", "due_on")),
            [(2, add_months(closed_on, 2)), (12, add_months(closed_on, 12))],
        )
        kept = FollowUp.objects.filter(case=before).values_list("months_after_closure", flat=True)
        self.assertEqual(sorted(kept), [1, 3, 6])

    def test_bad_months(self):
        for text, message in {
            "": "dipisah koma",
            "satu, tiga": "dipisah koma",
            "0, 3": "antara bulan 1 dan 24",
            "1, 30": "antara bulan 1 dan 24",
            "1,2,3,4,5,6,7": "Paling banyak 6",
        }.items():
            with self.subTest(text=text), self.assertRaises(ValidationError) as caught:
                monitoring_plan_set(months=text, by=self.admin)
            self.assertIn(message, " ".join(caught.exception.messages))
        self.assertFalse(MonitoringPlan.objects.exists())

    def test_the_settings_page(self):
        url = reverse("casework:monitoring_plan")
        self.login(self.admin)
        page = self.client.get(reverse("casework:requirements"))
        self.assertContains(page, 'value="1, 3, 6"')
        self.client.post(url, {"months": "1, 6"})
        self.assertContains(self.client.get(reverse("casework:requirements")), 'value="1, 6"')
        refused = self.client.post(url, {"months": "x"}, follow=True)
        self.assertContains(refused, "dipisah koma")
        self.assertEqual(MonitoringPlan.current(), (1, 6))
        self.login(self.manager)
        self.assertEqual(self.client.post(url, {"months": "2"}).status_code, 403)
