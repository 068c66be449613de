"""Case management in a real browser at 360 px (headless Chromium, as the case flow's own
browser test): a case manager records an assessment with high risk and a safety plan and a
plan with two goals and asks for approvals; the head approves one and returns the other;
a reassignment moves the case to another manager, whose Tugas saya shows it and whose
predecessor no longer sees the identity; after closure the 1-month follow-up is due, then
overdue. Skipped, saying so, where no Chromium is installed."""

import datetime

import pytest
from django.utils import timezone

from jaga.cases.models import Case
from jaga.cases.tests import test_browser as case_flow
from jaga.cases.tests.helpers import open_case
from jaga.casework.models import Approval, FollowUp
from jaga.reports.tests.helpers import NAME


@pytest.mark.browser
class CaseworkBrowserTest(case_flow.CaseFlowBrowserTest):
    # The helpers (sign-in, fill, click) are the case flow's; its own walk is not repeated.
    test_report_to_closed_case = None  # type: ignore[assignment]

    def setUp(self):
        super().setUp()
        self.driver.set_window_size(360, 740)

    def set_date(self, name, day):
        field = self.find(f'[name="{name}"]')
        self.driver.execute_script("arguments[0].value = arguments[1]", field, day.isoformat())

    def text(self, css="main"):
        return self.find(css).text

    def test_assessment_plan_approvals_reassignment_follow_up(self):
        case = open_case(self)
        soon = timezone.localdate() + datetime.timedelta(days=14)

        # 1. The case manager records an assessment: high risk, with a safety plan.
        self.as_(self.manager)
        self.open(f"/kasus/{case.pk}/")
        self.click("#assessment-link")
        self.fill(
            {
                "need_safety": "Terduga pelaku serumah.",
                "risk_reasons": "Ancaman berulang.",
                "wishes": "Ingin tinggal dengan nenek.",
            },
            clicks=['input[name="risk_level"][value="high"]'],
        )
        self.submit("#assessment-form")
        self.assertIn("memerlukan rencana keselamatan", self.text())  # no safety plan yet
        self.fill(
            {
                "safety_contacts": "Nenek, Seksi PPA RT 001, SAPA 129.",
                "safety_places": "Rumah nenek.",
            }
        )
        self.submit("#assessment-form")
        self.assertIn("Rencana keselamatan", self.text())

        # 2. A plan with two goals.
        self.open(f"/kasus/{case.pk}/rencana/")
        self.fill(
            {"goal0_text": "Korban aman.", "goal1_text": "Korban kembali bersekolah."},
            selects={"goal0_responsible": str(self.manager.pk)},
            clicks=['input[name="agreed_with"][value="guardian"]'],
        )
        self.fill({}, selects={"goal1_responsible": str(self.manager.pk)})
        self.set_date("agreed_on", timezone.localdate())
        for name in ("review_on", "goal0_target_on", "goal0_review_on"):
            self.set_date(name, soon)
        self.set_date("goal1_target_on", soon)
        self.set_date("goal1_review_on", soon - datetime.timedelta(days=30))  # before today
        self.submit("#plan-form")
        self.assertIn("tidak boleh sebelum hari ini", self.text())
        self.set_date("goal1_review_on", soon)
        self.submit("#plan-form")
        self.assertIn("Korban kembali bersekolah.", self.text("main"))

        # 3. Approval of the plan and of the closure is asked.
        self.open(f"/kasus/{case.pk}/persetujuan-kepala/")
        self.fill({}, selects={"subject": "plan"})
        self.submit("#approval-form")
        self.fill({"note": "Layanan selesai, korban aman."}, selects={"subject": "closure"})
        self.submit("#approval-form")
        self.assertEqual(Approval.objects.filter(status="pending").count(), 2)

        # 4. The head approves the plan and returns the closure.
        self.as_(self.head)
        self.open("/persetujuan/")
        plan, closure = Approval.objects.order_by("pk")
        self.click(f'a[href="/persetujuan/{plan.pk}/"]')
        self.fill({}, clicks=['input[name="approve"][value="1"]'])
        self.submit("#decision-form")
        self.click(f'a[href="/persetujuan/{closure.pk}/"]')
        self.fill({"comment": "Pantau sebulan lagi."}, clicks=['input[name="approve"][value="0"]'])
        self.submit("#decision-form")
        self.assertEqual(
            dict(Approval.objects.values_list("subject", "status")),
            {"plan": "approved", "closure": "returned"},
        )

        # 5. The head reassigns the case to another manager.
        self.open(f"/kasus/{case.pk}/")
        self.click("#transfers-link")
        self.fill(
            {"reason": "Beban kerja dibagi ulang."}, selects={"to_manager": str(self.manager2.pk)}
        )
        self.submit("#transfer-form")
        self.assertIn("Manager2", self.text("#current-manager"))

        # 6. The new manager's Tugas saya shows it; the predecessor no longer sees the identity.
        self.as_(self.manager2)
        self.open("/tugas/")
        self.assertIn(case.number, self.text("#tasks"))
        self.open(f"/kasus/{case.pk}/")
        self.assertIn(NAME, self.text("#people"))
        self.as_(self.manager)
        self.open(f"/kasus/{case.pk}/")
        self.assertNotIn(NAME, self.driver.page_source)
        self.find("#deidentified")

        # 7. The new manager asks again, the head approves, the case closes.
        self.as_(self.manager2)
        self.open(f"/kasus/{case.pk}/persetujuan-kepala/")
        self.fill({"note": "Sudah dipantau, aman."}, selects={"subject": "closure"})
        self.submit("#approval-form")
        self.as_(self.head)
        self.open(f"/persetujuan/{Approval.objects.get(status='pending').pk}/")
        self.fill({}, clicks=['input[name="approve"][value="1"]'])
        self.submit("#decision-form")
        self.as_(self.manager2)
        self.open(f"/kasus/{case.pk}/terminasi/")
        self.fill(
            {"note": "Tujuan tercapai."},
            selects={
                "reason": "goals_met",
                "outcome": "safe",
                "feels_safe": "yes",
                "help_helped": "yes",
            },
            clicks=['input[name="view_consent"]'],
        )
        self.submit("#closure-form")
        self.assertEqual(Case.objects.get(pk=case.pk).status, "closed")

        # 8. The 1-month follow-up is in Tugas saya, due; once its day has passed, overdue.
        first = FollowUp.objects.get(months_after_closure=1)
        self.open("/tugas/")
        row = self.find('#tasks li[data-kind="follow_up"]').text
        self.assertIn("Pemantauan 1 bulan", row)
        self.assertNotIn("terlambat", row)
        FollowUp.objects.filter(pk=first.pk).update(
            due_on=timezone.localdate() - datetime.timedelta(days=1)
        )
        self.open("/tugas/")
        self.assertIn("terlambat", self.find('#tasks li[data-kind="follow_up"]').text)
