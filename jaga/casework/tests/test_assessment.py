from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from jaga.audit.models import AuditAction, AuditEvent
from jaga.cases.models import Case, CaseStatus
from jaga.cases.services import case_transition
from jaga.cases.tests.helpers import join, open_case
from jaga.casework.models import Assessment
from jaga.casework.services.assessment import assessment_record
from jaga.casework.tests.helpers import HIGH_RISK, assess, fresh
from jaga.notifications.models import Notification
from jaga.testing import JagaTestCase, count_queries


def move(case, by, to, note="catatan"):
    case = fresh(case)
    return case_transition(case=case, by=by, to_status=to, version=case.version, note=note)


class AssessmentServiceTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self, is_urgent=False)

    def refused(self, **overrides) -> dict:
        with self.assertRaises(ValidationError) as caught:
            assess(self, self.case, **overrides)
        self.assertFalse(Assessment.objects.exists())
        self.assertEqual(fresh(self.case).version, 1)  # nothing saved, not even the version
        return caught.exception.message_dict

    def test_high_risk_needs_a_safety_plan(self):
        errors = self.refused(safety_contacts="", safety_places=" ")
        self.assertIn("rencana keselamatan", errors["safety_contacts"][0])
        self.assertIn("rencana keselamatan", errors["safety_places"][0])
        low = assess(self, self.case, risk_level="low", safety_contacts="", safety_places="")
        self.assertFalse(low.has_safety_plan)

    def test_every_problem_at_once(self):
        errors = self.refused(
            needs={"safety": "<b>tebal</b>", "astrologi": "bintang"},
            risk_level="sangat",
            risk_reasons="",
            wishes="",
        )
        self.assertIn("astrologi", errors["needs"][0])
        self.assertIn("tag HTML", errors["need_safety"][0])
        self.assertIn("tingkat risiko", errors["risk_level"][0])
        self.assertIn("alasan", errors["risk_reasons"][0])
        self.assertIn("keinginan korban", errors["wishes"][0])

    def test_stale_form_is_refused(self):
        move(self.case, self.manager2, "verified")
        with self.assertRaises(ValidationError) as caught:
            assessment_record(case=self.case, by=self.manager, version=1, **HIGH_RISK)
        self.assertIn("Muat ulang", caught.exception.messages[0])
        self.assertFalse(Assessment.objects.exists())

    def test_recorded_encrypted_on_the_timeline_and_audited(self):
        assessment = assess(self, self.case)
        self.assertEqual(assessment.need_domains, ["safety", "health"])
        self.assertEqual(fresh(self.case).version, 2)
        self.assertEqual(self.case.events.last().kind, "assessment")
        event = AuditEvent.objects.filter(action=AuditAction.CREATE).order_by("seq").last()
        self.assertIn("wishes", event.fields)
        self.assertNotIn("nenek", str(event.fields).lower())
        with connection.cursor() as cursor:
            cursor.execute("SELECT wishes FROM casework_assessment WHERE id = %s", [assessment.pk])
            self.assertNotIn("nenek", cursor.fetchone()[0])

    def test_immediate_danger_makes_the_case_urgent_and_tells_the_head(self):
        self.assertFalse(self.case.is_urgent)
        assess(self, self.case, risk_level="danger")
        self.assertTrue(fresh(self.case).is_urgent)
        told = Notification.objects.get(kind="casework.danger")
        self.assertEqual(told.recipient, self.head)
        self.assertTrue(told.urgency == "urgent")
        # A later, lower assessment does not quietly drop the urgency.
        assess(self, self.case, risk_level="low")
        self.assertTrue(fresh(self.case).is_urgent)

    def test_closed_case_is_refused(self):
        Case.objects.filter(pk=self.case.pk).update(status=CaseStatus.CLOSED)
        with self.assertRaises(ValidationError) as caught:
            assess(self, self.case)
        self.assertIn("sudah ditutup", caught.exception.messages[0])


class AssessedNeedsAnAssessmentTests(JagaTestCase):
    def test_assessed_only_after_an_assessment(self):
        case = open_case(self)
        move(case, self.manager, "verified")
        with self.assertRaises(ValidationError) as caught:
            move(case, self.manager, "assessed")
        self.assertIn("setelah asesmen dicatat", caught.exception.message_dict["to_status"][0])
        self.assertEqual(fresh(case).status, CaseStatus.VERIFIED)
        assess(self, case)
        self.assertEqual(move(case, self.manager, "assessed").status, CaseStatus.ASSESSED)

    def test_the_status_form_shows_the_message(self):
        case = open_case(self)
        move(case, self.manager, "verified")
        self.login(self.manager)
        response = self.client.post(
            reverse("cases:transition", args=[case.pk]), {"to_status": "assessed", "version": 2}
        )
        self.assertContains(response, "setelah asesmen dicatat", status_code=400)


class AssessmentPageTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self)
        self.url = reverse("casework:assessment", args=[self.case.pk])
        join(self.case, self.activist)

    def post(self, **overrides):
        data = {**HIGH_RISK, **overrides}
        needs = data.pop("needs")
        data.update({f"need_{d}": t for d, t in needs.items()})
        data.setdefault("version", fresh(self.case).version)
        return self.client.post(self.url, data)

    def test_manager_records_and_reads_it(self):
        self.login(self.manager)
        self.assertContains(self.client.get(self.url), "Belum ada asesmen")
        self.assertRedirects(self.post(), self.url)
        page = self.client.get(self.url)
        self.assertContains(page, "Ingin tinggal bersama nenek")
        self.assertContains(page, "Rencana keselamatan")
        self.assertContains(page, "Luka memar")
        reads = AuditEvent.objects.filter(action=AuditAction.READ, actor=self.manager)
        read = reads.order_by("seq").last()
        self.assertIn("assessments.wishes", read.fields)
        detail = self.client.get(reverse("cases:detail", args=[self.case.pk]))
        self.assertContains(detail, 'id="risk-level"')
        self.assertContains(detail, self.url)

    def test_bad_input_shows_messages_and_saves_nothing(self):
        self.login(self.manager)
        response = self.post(safety_contacts="", wishes="")
        self.assertContains(response, "memerlukan rencana keselamatan", status_code=400)
        self.assertContains(response, "keinginan korban sendiri", status_code=400)
        self.assertFalse(Assessment.objects.exists())
        stale = self.post(version=99)
        self.assertContains(stale, "Muat ulang", status_code=400)

    def test_who_may_see_and_record(self):
        self.login(self.activist)  # on the team: reads, does not record
        self.assertEqual(self.client.get(self.url).status_code, 200)
        self.assertNotContains(self.client.get(self.url), 'id="assessment-form"')
        self.assertEqual(self.post().status_code, 403)
        for outsider in (self.manager2, self.head):  # not on the team: no such page
            self.login(outsider)
            self.assertEqual(self.client.get(self.url).status_code, 404)
        for no_rule in (self.admin, self.rt_officer, self.analyst, self.kel_officer, self.nobody):
            self.login(no_rule)
            self.assertEqual(self.client.get(self.url).status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get(self.url).status_code, 302)
        self.assertFalse(Assessment.objects.exists())

    def test_outside_the_team_the_case_page_has_no_panel(self):
        assess(self, self.case)
        self.login(self.manager2)
        detail = self.client.get(reverse("cases:detail", args=[self.case.pk]))
        self.assertNotContains(detail, 'id="casework-panel"')

    def test_query_count_does_not_grow_with_assessments(self):
        self.login(self.manager)
        assess(self, self.case)
        few = count_queries(self.client, self.url)
        for level in ("low", "medium", "danger", "high"):
            assess(self, self.case, risk_level=level)
        self.assertEqual(count_queries(self.client, self.url), few)
