"""Each role against each foundation rule, on records inside and outside the person's area.
Whatever a row does not list is asserted denied."""

from jaga.access.policy import can, can_each, holds, visible
from jaga.areas.models import Area
from jaga.people.models import Organisation, Person
from jaga.testing import JagaTestCase

PERSONAS = [
    "admin",
    "head",
    "manager",
    "manager2",
    "kel_officer",
    "rt_officer",
    "rt_other",
    "activist",
    "partner",
    "analyst",
    "taskforce",
    "outsider",
    "nobody",
]

# rule -> persona -> targets (fixture attribute names) the persona may act on.
AREA_TARGETS = ["manggar", "rt1", "prapatan", "other_city"]
PERSON_TARGETS = ["rt_officer", "rt_other", "outsider"]
ORG_TARGETS = ["puskesmas", "police", "other_dp3akb"]
BALIKPAPAN_AREAS = ["manggar", "rt1", "prapatan"]

EXPECTED = {
    "areas.view": {
        "admin": BALIKPAPAN_AREAS,
        "head": BALIKPAPAN_AREAS,
        "manager": BALIKPAPAN_AREAS,
        "manager2": BALIKPAPAN_AREAS,
        "kel_officer": ["manggar", "rt1"],
        "analyst": BALIKPAPAN_AREAS + ["other_city"],  # a province-wide scope: same province
        "taskforce": BALIKPAPAN_AREAS,
        "outsider": ["other_city"],
    },
    "areas.manage": {"admin": BALIKPAPAN_AREAS, "outsider": ["other_city"]},
    "people.view": {
        "admin": ["rt_officer", "rt_other"],
        "head": [],
        "kel_officer": ["rt_officer"],
        "outsider": ["outsider"],
    },
    "people.manage": {"admin": ["rt_officer", "rt_other"], "outsider": ["outsider"]},
    "organisations.view": {
        "admin": ["puskesmas", "police"],
        "head": ["puskesmas", "police"],
        "manager": ["puskesmas", "police"],
        "manager2": ["puskesmas", "police"],
        "kel_officer": ["puskesmas"],
        "taskforce": ["puskesmas", "police"],
        "outsider": ["other_dp3akb"],
    },
    "organisations.manage": {"admin": ["puskesmas", "police"], "outsider": ["other_dp3akb"]},
}
TARGETS = {
    "areas.view": AREA_TARGETS,
    "areas.manage": AREA_TARGETS,
    "people.view": PERSON_TARGETS,
    "people.manage": PERSON_TARGETS,
    "organisations.view": ORG_TARGETS,
    "organisations.manage": ORG_TARGETS,
}


class RoleRuleTableTests(JagaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # The analyst's scope is the province in this table: Samarinda is then in scope too.
        cls.analyst.memberships.update(area=cls.city.parent)

    def target(self, name):
        if name == "other_city":
            return Area.objects.filter(code__startswith="64.72.", kind="kelurahan").first()
        return getattr(self, name)

    def test_each_role_against_each_rule(self):
        for rule, targets in TARGETS.items():
            for persona in PERSONAS:
                person = Person.objects.get(username=persona)
                allowed = EXPECTED[rule].get(persona)
                with self.subTest(rule=rule, persona=persona):
                    self.assertEqual(holds(person, rule), allowed is not None)
                    for name in targets:
                        expected = name in (allowed or [])
                        self.assertEqual(can(person, rule, self.target(name)), expected, name)

    def test_several_rules_in_one_query_answer_as_each_alone(self):
        for persona in PERSONAS:
            person = Person.objects.get(username=persona)
            for rules, targets in (
                (["areas.view", "areas.manage"], AREA_TARGETS),
                (["organisations.view", "organisations.manage"], ORG_TARGETS),
            ):
                for name in targets:
                    target = self.target(name)
                    with self.subTest(persona=persona, target=name):
                        expected = {rule: can(person, rule, target) for rule in rules}
                        held = any(holds(person, rule) for rule in rules)
                        with self.assert_query_count(1 if held else 0):
                            self.assertEqual(can_each(person, rules, target), expected)

    def test_lists_are_cut_by_the_same_rule(self):
        names = set(
            visible(self.kel_officer, "organisations.view", Organisation.objects.all()).values_list(
                "name", flat=True
            )
        )
        self.assertEqual(names, {"FP2ATBM Manggar", "Puskesmas Manggar"})
        self.assertFalse(visible(self.nobody, "areas.view", Area.objects.all()).exists())

    def test_unknown_rule_is_an_error_not_a_grant(self):
        with self.assertRaises(LookupError):
            can(self.admin, "no.such.rule")

    def test_ended_membership_grants_nothing(self):
        from django.utils import timezone

        self.admin.memberships.update(ended_at=timezone.now())
        admin = Person.objects.get(pk=self.admin.pk)
        self.assertFalse(holds(admin, "people.manage"))

    def test_inactive_account_holds_nothing(self):
        self.admin.is_active = False
        self.assertFalse(holds(self.admin, "home.view"))
