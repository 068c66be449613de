"""Every forum rule against every persona, on the Manggar and Prapatan chapters (or their
kelurahan, for the aggregate rules). Whatever a row does not list is asserted denied."""

from jaga.access.policy import RULES, can
from jaga.forum.tests.base import ForumTestCase

PERSONAS = [
    "admin",
    "head",
    "manager",
    "manager2",
    "kel_officer",
    "rt_officer",
    "rt_other",
    "activist",
    "activist_other",
    "partner",
    "analyst",
    "taskforce",
    "outsider",
    "nobody",
]
BOTH = ["manggar", "prapatan"]
CHAPTER_RULES = {
    "forum.view": {
        "admin": BOTH,
        "kel_officer": ["manggar"],
        "activist": ["manggar"],
        "activist_other": ["prapatan"],
    },
    "forum.manage": {"admin": BOTH, "kel_officer": ["manggar"]},
    "forum.invite": {"admin": BOTH, "kel_officer": ["manggar"]},
    "forum.sessions": {
        "admin": BOTH,
        "kel_officer": ["manggar"],
        "activist": ["manggar"],
        "activist_other": ["prapatan"],
    },
    "forum.record": {"activist": ["manggar"], "activist_other": ["prapatan"]},
    "forum.report_confirm": {"activist": ["manggar"], "activist_other": ["prapatan"]},
}
AREA_RULES = {
    "forum.reach": {
        "admin": BOTH,
        "head": BOTH,
        "kel_officer": ["manggar"],
        "activist": ["manggar"],
        "activist_other": ["prapatan"],
        "taskforce": BOTH,
        "analyst": BOTH,
    },
    "forum.export": {"admin": BOTH, "kel_officer": ["manggar"], "analyst": BOTH},
}
# Rules on other targets, tested where their records are made (test_accompaniment.py).
ELSEWHERE = {"forum.accompany", "forum.accompaniments", "forum.transport"}


class ForumRuleTableTests(ForumTestCase):
    def test_every_forum_rule_is_in_a_table(self):
        forum_rules = {name for name in RULES if name.startswith("forum.")}
        self.assertEqual(forum_rules, set(CHAPTER_RULES) | set(AREA_RULES) | ELSEWHERE)

    def check(self, table: dict, targets: dict) -> None:
        for rule, allowed in table.items():
            for persona in PERSONAS:
                person = getattr(self, persona)
                for name, target in targets.items():
                    expected = name in allowed.get(persona, [])
                    self.assertEqual(
                        can(person, rule, target), expected, f"{rule} {persona} {name}"
                    )

    def test_chapter_rules(self):
        self.check(
            CHAPTER_RULES, {"manggar": self.manggar_chapter, "prapatan": self.prapatan_chapter}
        )

    def test_aggregate_rules(self):
        self.check(AREA_RULES, {"manggar": self.manggar, "prapatan": self.prapatan})
