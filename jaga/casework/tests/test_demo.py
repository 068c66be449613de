from jaga.access.roles import Role
from jaga.cases.models import Case, CaseStatus
from jaga.casework.demo import demo_casework
from jaga.casework.models import Approval, Assessment, Flag, ServicePlan, Transfer
from jaga.people.models import Organisation, OrganisationKind
from jaga.testing import JagaTestCase, make_person


class DemoTests(JagaTestCase):
    def test_cases_at_every_stage_consistent_and_idempotent(self):
        make_person("manajer.kasus", Role.CASE_MANAGER, organisation=self.uptd)
        make_person("kepala.uptd", Role.UPTD_HEAD, organisation=self.uptd)
        other = make_person("manajer.kasus2", Role.CASE_MANAGER, organisation=self.uptd)
        samarinda = Organisation.objects.create(
            name="UPTD PPA Kota Samarinda", kind=OrganisationKind.UPTD_PPA, area=self.other_city
        )
        make_person("kepala.uptd.smd", Role.UPTD_HEAD, organisation=samarinda)
        far = make_person("manajer.kasus.smd", Role.CASE_MANAGER, organisation=samarinda)
        demo_casework()
        counts = (Case.objects.count(), Assessment.objects.count(), Flag.objects.count())
        demo_casework()
        self.assertEqual(
            (Case.objects.count(), Assessment.objects.count(), Flag.objects.count()), counts
        )
        statuses = set(Case.objects.values_list("status", flat=True))
        self.assertLessEqual(
            {
                CaseStatus.VERIFIED,
                CaseStatus.ASSESSED,
                CaseStatus.IN_SERVICE,
                CaseStatus.REFERRED,
                CaseStatus.MONITORING,
                CaseStatus.CLOSED,
            },
            statuses,
        )
        self.assertEqual(
            set(Approval.objects.values_list("status", flat=True)),
            {"pending", "approved", "returned"},
        )
        self.assertEqual(
            set(Transfer.objects.values_list("status", flat=True)), {"accepted", "pending"}
        )
        self.assertTrue(Case.objects.filter(manager=other).exists())
        self.assertTrue(Case.objects.filter(manager=far).exists())  # moved to Samarinda
        self.assertEqual(
            set(Transfer.objects.filter(kind="city").values_list("status", flat=True)),
            {"accepted", "pending"},
        )
        for closed in Case.objects.filter(status=CaseStatus.CLOSED):
            for follow_up in closed.follow_ups.all():  # monitoring follows the moved closing
                self.assertGreater(follow_up.due_on, closed.closed_at.date())
                self.assertLess((follow_up.due_on - closed.closed_at.date()).days, 200)
        for plan in ServicePlan.objects.select_related("case"):
            self.assertGreaterEqual(plan.agreed_on, plan.case.opened_at.date())
        for case in Case.objects.exclude(status__in=[CaseStatus.VERIFIED, CaseStatus.REPORTED]):
            self.assertTrue(case.assessments.exists(), case.number)
        self.assertFalse(Case.objects.filter(is_demo=False).exists())
        self.assertFalse(Assessment.objects.filter(is_demo=False).exists())
        oldest = Case.objects.order_by("opened_at").first()
        self.assertGreater(
            (Case.objects.latest("opened_at").opened_at - oldest.opened_at).days, 200
        )
