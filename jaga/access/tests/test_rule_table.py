"""Every rule against every role (issue 12): the published table (docs/rules.md) is the policy
as registered, and a person of each role holds exactly the rules that table grants them."""

from pathlib import Path

from django.conf import settings

from jaga.access.policy import RULES, holds
from jaga.access.roles import Role
from jaga.access.table import rule_table
from jaga.testing import JagaTestCase, make_national_analyst, make_person

PERSONA_OF_ROLE = {
    Role.CITY_ADMIN: "admin",
    Role.UPTD_HEAD: "head",
    Role.CASE_MANAGER: "manager",
    Role.KELURAHAN_OFFICER: "kel_officer",
    Role.RT_OFFICER: "rt_officer",
    Role.ACTIVIST: "activist",
    Role.PARTNER_OFFICER: "partner",
    Role.TASKFORCE_MEMBER: "taskforce",
    Role.ANALYST: "analyst",
    Role.KLA_VERIFIER: "verifier",
    Role.NATIONAL_ANALYST: "national",
}


class RuleTableTests(JagaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.kec_officer = make_person(
            "kec_officer", Role.KECAMATAN_OFFICER, area=cls.manggar.parent
        )
        cls.verifier = make_person("verifier", Role.KLA_VERIFIER, area=cls.city)
        cls.national = make_national_analyst()

    def person_of(self, role):
        return getattr(self, PERSONA_OF_ROLE.get(role, "kec_officer"))

    def test_the_published_table_is_the_registered_policy(self):
        published = (Path(settings.BASE_DIR) / "docs" / "rules.md").read_text()
        self.assertEqual(published, rule_table(), "run `jaga rule-table` and commit docs/rules.md")

    def test_each_role_holds_exactly_what_the_table_grants(self):
        self.assertEqual(set(PERSONA_OF_ROLE) | {Role.KECAMATAN_OFFICER}, set(Role))
        for name, rule in sorted(RULES.items()):
            for role in Role:
                expected = rule.public or rule.signed_in or role in rule.grants
                with self.subTest(rule=name, role=role):
                    self.assertEqual(holds(self.person_of(role), name), expected)
            with self.subTest(rule=name, role="none"):
                self.assertEqual(holds(self.nobody, name), rule.public or rule.signed_in)
