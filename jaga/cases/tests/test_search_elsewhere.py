"""A search by identity outside one's own cases says only "a case exists — ask its manager",
and leaves an audit event on that case (issue 19, item 10)."""

import json

from jaga.audit.models import AuditAction, AuditEvent
from jaga.cases.selectors import case_list, case_search_elsewhere
from jaga.cases.tests.helpers import open_case
from jaga.reports.tests.helpers import NIK
from jaga.testing import JagaTestCase


class SearchElsewhereTests(JagaTestCase):
    def setUp(self):
        super().setUp()
        self.case = open_case(self)  # managed by ``manager``; ``manager2`` is off the team

    def searched(self, kind):
        events = AuditEvent.objects.filter(object_id=str(self.case.pk), action=AuditAction.READ)
        return [e for e in events.select_related("actor") if kind in e.fields]

    def test_off_team_manager_learns_only_that_a_case_exists(self):
        self.login(self.manager2)
        for query, kind in ((NIK, "search.nik"), ("Rahmawati", "search.name")):
            response = self.client.get("/kasus/", {"q": query})
            page = response.content.decode()
            self.assertNotIn(self.case.number, page)
            self.assertNotIn(str(self.case.rt.parent), page.split('id="elsewhere"')[1][:600])
            self.assertIn('id="elsewhere"', page)
            self.assertIn(str(self.manager), page)
            self.assertEqual([e.actor for e in self.searched(kind)], [self.manager2])
        api = self.client.get("/api/kasus/", {"q": NIK}).json()
        self.assertEqual(api, [])
        self.assertNotIn(self.case.number, json.dumps(api))
        self.assertEqual(len(self.searched("search.nik")), 2)

    def test_the_case_team_still_finds_its_case(self):
        self.assertEqual(list(case_list(self.manager, query=NIK)), [self.case])
        self.assertEqual(case_search_elsewhere(self.manager, NIK), [])
        self.login(self.manager)
        self.assertContains(self.client.get("/kasus/", {"q": NIK}), self.case.number)

    def test_a_case_number_search_is_not_an_identity_search(self):
        self.login(self.manager2)
        response = self.client.get("/kasus/", {"q": self.case.number})
        self.assertContains(response, self.case.number)
        self.assertNotContains(response, 'id="elsewhere"')
