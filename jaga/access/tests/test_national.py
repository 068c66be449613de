"""The ministry's national analyst (issue 17): the aggregated figures of the whole country,
and nothing else; a national membership of any other role grants nothing; a province
analyst stays in their province."""

from django.core.exceptions import ValidationError

from jaga.access.paths import NATIONAL_CODE
from jaga.access.policy import RULES, holds, identifying_roles, scope_roots, visible
from jaga.access.roles import Role
from jaga.areas.models import Area
from jaga.areas.services import areas_import_reference
from jaga.cases.models import Case
from jaga.figures.tests import data
from jaga.people.models import Membership, Person
from jaga.people.services import membership_validate
from jaga.reports.models import Report
from jaga.testing import JagaTestCase, make_national_analyst, make_person


class NationalAnalystTests(JagaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        areas_import_reference(prefix="63.71")  # Banjarmasin, another province
        cls.national_area = Area.objects.get(code=NATIONAL_CODE)
        cls.national = make_national_analyst()

    def test_sees_the_figures_of_every_province_from_the_national_area(self):
        self.assertEqual(scope_roots(self.national, "figures.view"), [NATIONAL_CODE])
        seen = visible(self.national, "figures.view", Area.objects.all())
        self.assertEqual(seen.count(), Area.objects.count())

    def test_holds_the_figures_and_nothing_that_names_a_person_or_a_case(self):
        report = data.report(self.rt1, data.at(2024, 1, 10))
        data.case(self, "KS-N-0001", self.rt1, data.at(2024, 1, 10), report=report)
        self.assertTrue(visible(self.admin, "cases.view", Case.objects.all()).exists())
        held = {name for name, rule in RULES.items() if rule.grants and holds(self.national, name)}
        self.assertEqual(held, {"figures.view"})
        self.assertNotIn(Role.NATIONAL_ANALYST, identifying_roles())
        for rule, model in (("cases.view", Case), ("reports.triage", Report)):
            self.assertFalse(visible(self.national, rule, model.objects.all()).exists(), rule)
        self.assertFalse(visible(self.national, "people.view", Person.objects.all()).exists())

    def test_a_province_analyst_stays_in_their_province(self):
        self.analyst.memberships.update(area=self.city.parent)
        analyst = Person.objects.get(pk=self.analyst.pk)
        self.assertEqual(scope_roots(analyst, "figures.view"), ["64"])
        seen = visible(analyst, "figures.view", Area.objects.all())
        self.assertFalse(seen.filter(code__in=[NATIONAL_CODE, "63", "63.71"]).exists())

    def test_a_national_membership_of_another_role_grants_nothing(self):
        # Made past the anchor check (which refuses it), as a wrong row in the database.
        for role in (Role.ANALYST, Role.CITY_ADMIN, Role.KELURAHAN_OFFICER):
            person = make_person(f"wrong_{role}", role, area=self.national_area)
            for rule in ("figures.view", "cases.view", "areas.view"):
                with self.subTest(role=role, rule=rule):
                    self.assertEqual(scope_roots(person, rule), [])
                    self.assertFalse(visible(person, rule, Area.objects.all()).exists())
                    self.assertFalse(visible(person, rule, Case.objects.all()).exists())

    def test_the_national_role_is_anchored_at_the_national_area_only(self):
        membership_validate(role=Role.NATIONAL_ANALYST, organisation=None, area=self.national_area)
        for role, area in (
            (Role.NATIONAL_ANALYST, self.city),
            (Role.NATIONAL_ANALYST, self.city.parent),
            (Role.ANALYST, self.national_area),
        ):
            with self.subTest(role=role, area=area), self.assertRaises(ValidationError):
                membership_validate(role=role, organisation=None, area=area)
        self.assertEqual(Membership.objects.filter(area=self.national_area).count(), 1)

    def test_the_national_analyst_signs_in(self):
        response = self.client.post(
            "/masuk/", {"username": "national", "password": "kata-sandi-uji-123"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get("/angka/").status_code, 200)
