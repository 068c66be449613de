"""Who sees what, persona by persona: every task-force rule against its records, allowed and
denied; task-force members never reach a case file."""

import datetime

from django.urls import reverse
from django.utils import timezone

from jaga.access.policy import can
from jaga.taskforce.models import Minutes, Taskforce
from jaga.taskforce.services.meetings import Mark, attendance_record
from jaga.taskforce.services.minutes import minutes_save
from jaga.taskforce.tests.helpers import TaskforceTestCase

PERSONAS = [
    "admin",
    "secretary",
    "chair",
    "education",
    "health",
    "taskforce",
    "head",
    "manager",
    "kel_officer",
    "rt_officer",
    "activist",
    "partner",
    "analyst",
    "outsider",
    "nobody",
]
MEMBERS = ["admin", "secretary", "chair", "education", "health", "taskforce"]

# rule -> target -> personas allowed (everyone else is denied).
EXPECTED = {
    "taskforce.view": {"taskforce": MEMBERS, "meeting": MEMBERS, "action": MEMBERS},
    "taskforce.manage": {
        "taskforce": ["admin", "secretary", "chair"],
        "meeting": ["admin", "secretary", "chair"],
    },
    # Education attended, health did not.
    "taskforce.minutes_draft": {"minutes": ["admin", "secretary", "chair", "education"]},
    # The action item is Dinas Pendidikan's.
    "taskforce.action_update": {"action": ["admin", "secretary", "chair", "education"]},
}


class PolicyTableTests(TaskforceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        start = timezone.now() - datetime.timedelta(hours=3)
        test = cls("run")
        cls.held = test.meeting(start)
        cls.item = test.action(cls.held, timezone.localdate() + datetime.timedelta(days=30))
        attendance_record(
            meeting=cls.held,
            marks=[Mark(cls.education_org.pk, "present"), Mark(cls.health_org.pk, "absent")],
            by=cls.secretary,
        )
        cls.minutes = minutes_save(meeting=cls.held, text="Draf", by=cls.secretary)

    def target(self, name):
        return {
            "taskforce": Taskforce.objects.get(pk=self.tf.pk),
            "meeting": self.held,
            "action": self.item,
            "minutes": Minutes.objects.get(pk=self.minutes.pk),
        }[name]

    def test_every_rule_persona_and_target(self):
        for rule, targets in EXPECTED.items():
            for target_name, allowed in targets.items():
                target = self.target(target_name)
                for persona in PERSONAS:
                    person = getattr(self, persona)
                    with self.subTest(rule=rule, target=target_name, persona=persona):
                        self.assertEqual(can(person, rule, target), persona in allowed)

    def test_figures_rule(self):
        allowed = {"admin", "secretary", "chair", "education", "health", "taskforce", "analyst"}
        for persona in PERSONAS:
            with self.subTest(persona=persona):
                self.assertEqual(
                    can(getattr(self, persona), "taskforce.figures", self.target("taskforce")),
                    persona in allowed,
                )

    def test_pages_allowed_and_denied(self):
        meeting_url = reverse("taskforce:meeting", args=[self.held.pk])
        attendance_url = reverse("taskforce:attendance", args=[self.held.pk])
        progress_url = reverse("taskforce:action_progress", args=[self.item.pk])
        cases = [
            (meeting_url, "education", 200),
            (meeting_url, "taskforce", 200),
            (meeting_url, "manager", 403),
            (meeting_url, "outsider", 404),  # another city's administrator
            (attendance_url, "secretary", 200),
            (attendance_url, "education", 404),  # holds the role, not on this meeting
            (attendance_url, "partner", 403),
            (progress_url, "education", 200),
            (progress_url, "health", 404),
            (progress_url, "analyst", 403),
        ]
        for url, persona, status in cases:
            with self.subTest(url=url, persona=persona):
                self.login(getattr(self, persona))
                self.assertEqual(self.client.get(url).status_code, status)

    def test_draft_minutes_only_for_attendees(self):
        url = reverse("taskforce:meeting", args=[self.held.pk])
        self.login(self.education)
        self.assertContains(self.client.get(url), 'id="minutes-text"')
        self.login(self.health)
        self.assertNotContains(self.client.get(url), 'id="minutes-text"')

    def test_task_force_members_never_see_case_files(self):
        for persona in ["taskforce", "secretary", "education"]:
            self.login(getattr(self, persona))
            for url in ["/kasus/", "/laporan/antrean/", "/rujukan/"]:
                with self.subTest(persona=persona, url=url):
                    self.assertEqual(self.client.get(url).status_code, 403)

    def test_public_sees_nothing(self):
        self.client.logout()
        for url in [reverse("taskforce:home"), reverse("taskforce:calendar")]:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertIn("/masuk/", response["Location"])


class CrumbTests(TaskforceTestCase):
    def test_the_figures_page_links_home_only_for_who_may_open_it(self):
        home = reverse("taskforce:home")
        for person, linked in ((self.taskforce, True), (self.analyst, False)):
            self.login(person)
            page = self.client.get(reverse("taskforce:figures"))
            with self.subTest(person=person.username):
                self.assertEqual(page.status_code, 200)
                self.assertEqual(f'href="{home}"' in page.content.decode(), linked)
