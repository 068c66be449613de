"""Faults. (a) The database connection dies in the middle of a case transition, served by
the production server (gunicorn) on PostgreSQL: the person gets the Indonesian error page and
nothing of the transition is saved. (b) A worker killed mid-delivery loses no notification:
proved by jaga/notifications/tests/test_delivery.py (see docs/proofs.md)."""

import threading
import time

import psycopg
import pytest
import requests
from django.db import connection
from django.test import TransactionTestCase

from jaga.cases.models import Case, CaseEvent, EventKind
from jaga.cases.tests.helpers import open_case
from jaga.reports.models import Report
from jaga.testing import PASSWORD, JagaTestCase
from tests.proofs.helpers import requires_postgresql
from tests.proofs.server import (
    csrf_from,
    one_time_codes,
    production_password,
    sign_in,
    start_gunicorn,
    stop,
)

ERROR_PAGE = ("Terjadi kesalahan", "tidak ada data yang tersimpan setengah jalan")
BLOCKED_WRITER = """
    SELECT a.pid FROM pg_stat_activity a
    WHERE a.datname = current_database() AND a.wait_event_type = 'Lock' AND a.pid <> %s
"""
HAS_WRITTEN_CASE = """
    SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
    WHERE l.pid = %s AND c.relname = 'cases_case' AND l.mode = 'RowExclusiveLock'
"""


def database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def raw_connection():
    s = connection.settings_dict
    return psycopg.connect(
        host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, user=s["USER"], dbname=s["NAME"]
    )


@pytest.mark.slow
@requires_postgresql
class DatabaseDiesMidRequestTests(TransactionTestCase):
    serialized_rollback = True

    def setUp(self):
        JagaTestCase.setUpTestData.__func__(type(self))
        self.case = open_case(self)
        self.server, self.base = start_gunicorn(database_url())
        self.addCleanup(stop, self.server)
        self.browser = requests.Session()
        self.addCleanup(self.browser.close)
        production_password(self.manager, PASSWORD)
        (code,) = one_time_codes(self.manager)
        sign_in(self.browser, "manager", PASSWORD, code, base=self.base)

    def post_transition(self, outcome, token):
        data = {
            "csrfmiddlewaretoken": token,
            "to_status": "verified",
            "version": self.case.version,
            "note": "",
        }
        url = f"{self.base}/kasus/{self.case.pk}/status/"
        outcome["response"] = self.browser.post(url, data=data, timeout=60)

    def kill_the_writer_once_it_has_written(self, locker) -> bool:
        """Wait (at most 20 s) for the request to block on the audit chain's head, which it
        reaches after updating the case; then end its connection as a crash would."""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            pids = [r[0] for r in locker.execute(BLOCKED_WRITER, [locker.info.backend_pid])]
            for pid in pids:
                if locker.execute(HAS_WRITTEN_CASE, [pid]).fetchone():
                    locker.execute("SELECT pg_terminate_backend(%s)", [pid])
                    return True
            time.sleep(0.1)
        return False

    def test_connection_killed_mid_transition_gives_error_page_and_saves_nothing(self):
        before = Case.objects.get(pk=self.case.pk)
        report_status = Report.objects.get(pk=self.case.report_id).status
        outcome = {}
        # The page is read (and that read audited) before the audit chain is held.
        token = csrf_from(self.browser.get(f"{self.base}/kasus/{self.case.pk}/").text)
        with raw_connection() as locker:
            locker.execute("SELECT 1 FROM audit_audithead FOR UPDATE")  # hold the chain head
            writer = threading.Thread(target=self.post_transition, args=(outcome, token))
            writer.start()
            killed = self.kill_the_writer_once_it_has_written(locker)
            locker.rollback()
        writer.join(timeout=60)
        self.assertTrue(killed, "the request never reached the audit write")
        response = outcome["response"]
        self.assertEqual(response.status_code, 500)
        for words in ERROR_PAGE:
            self.assertIn(words, response.text)
        after = Case.objects.get(pk=self.case.pk)
        self.assertEqual((after.status, after.version), (before.status, before.version))
        self.assertFalse(CaseEvent.objects.filter(case=after, kind=EventKind.STATUS).exists())
        self.assertEqual(Report.objects.get(pk=self.case.report_id).status, report_status)
        # The server recovers: the same change, sent again, goes through once.
        self.post_transition(outcome, token)
        self.assertEqual(outcome["response"].status_code, 200)
        self.assertEqual(Case.objects.get(pk=self.case.pk).status, "verified")
