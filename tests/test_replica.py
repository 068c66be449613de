"""Figures read from the replica (JAGA_REPLICA_DATABASE_URL), everything else from the
primary. The test's replica is a second connection to the test database (TEST MIRROR), so the
queries of each alias can be told apart while both hold the same rows."""

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import SimpleTestCase
from django.test.utils import CaptureQueriesContext

from jaga.audit.models import AuditAction, AuditEvent
from jaga.core.replica import REPLICA, ReplicaRouter, reads_from_replica
from jaga.figures.tests import data
from jaga.people.models import Person
from jaga.testing import JagaTestCase, RestoredTransactionTestCase

URL = "/angka/?wilayah=64.71&dari=2024-01&sampai=2024-03"
WRITES = ("INSERT", "UPDATE", "DELETE")


def _add_replica() -> None:
    settings = connections[DEFAULT_DB_ALIAS].settings_dict
    connections.settings[REPLICA] = {**settings, "TEST": {**settings["TEST"], "MIRROR": "default"}}


def _drop_replica() -> None:
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


class ReplicaRoutingTests(RestoredTransactionTestCase):
    databases = {DEFAULT_DB_ALIAS, REPLICA}

    @classmethod
    def setUpClass(cls):
        _add_replica()
        cls.addClassCleanup(_drop_replica)
        super().setUpClass()

    def setUp(self):
        JagaTestCase.setUpTestData.__func__(type(self))  # type: ignore[attr-defined]
        data.build(type(self))

    def _get(self, url: str):
        with (
            CaptureQueriesContext(connections[REPLICA]) as replica,
            CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary,
        ):
            response = self.client.get(url)
        return response, [q["sql"] for q in replica], [q["sql"] for q in primary]

    def test_the_dashboard_reads_its_figures_from_the_replica(self):
        self.client.force_login(Person.objects.get(username="admin"))
        response, replica, primary = self._get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["figures"].totals.cases, 4)
        self.assertGreater(len(replica), 20)
        self.assertTrue(any("cases_case" in sql for sql in replica))
        self.assertFalse([sql for sql in replica if sql.lstrip().upper().startswith(WRITES)])
        # The person, the session and the access policy: from the primary.
        self.assertTrue(any("people_person" in sql for sql in primary))
        # Every figure, the cards of case management and children's voice included.
        figure_tables = ("figures_", "cases_", "casework_", "voice_", "reports_")
        self.assertFalse([sql for sql in primary if any(t in sql for t in figure_tables)])

    def test_an_export_reads_from_the_replica_and_audits_on_the_primary(self):
        self.client.force_login(Person.objects.get(username="taskforce"))
        response, replica, primary = self._get(
            "/angka/ekspor/bentuk.csv?wilayah=64.71&dari=2024-01&sampai=2024-03"
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(any("cases_case" in sql for sql in replica))
        self.assertFalse([sql for sql in replica if sql.lstrip().upper().startswith(WRITES)])
        self.assertTrue(any(sql.startswith("INSERT") and "audit_" in sql for sql in primary))
        self.assertTrue(AuditEvent.objects.filter(action=AuditAction.EXPORT).exists())

    def test_a_transaction_on_the_primary_reads_from_the_primary(self):
        router = ReplicaRouter()
        with reads_from_replica():
            self.assertEqual(router.db_for_read(Person), REPLICA)
            with transaction.atomic():
                # A read that a write will follow must not see the replica's older copy.
                self.assertEqual(router.db_for_read(Person), DEFAULT_DB_ALIAS)
            self.assertEqual(router.db_for_write(Person), DEFAULT_DB_ALIAS)
        self.assertEqual(router.db_for_read(Person), DEFAULT_DB_ALIAS)


class WithoutReplicaTests(SimpleTestCase):
    def test_nothing_goes_to_a_replica_that_is_not_configured(self):
        self.assertNotIn(REPLICA, connections.settings)
        with reads_from_replica():
            self.assertEqual(ReplicaRouter().db_for_read(Person), DEFAULT_DB_ALIAS)
