"""`jaga periodic` runs each once-a-minute job on one machine only: the callers of a minute
race to insert the job's row and only the winner runs it (jaga.core.periodic)."""

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.utils import timezone

from jaga.core.management.commands import periodic
from jaga.core.models import PeriodicRun
from jaga.testing import RestoredTransactionTestCase
from tests.proofs.helpers import requires_postgresql

JOBS = ["escalate", "deliver-outbox", "audit-checkpoint --if-due"]
JOB_NAMES = ["escalate", "deliver_outbox", "audit_checkpoint"]
CALLERS = 4


@contextmanager
def _recording(ran: list[str], at: dt.datetime) -> Iterator[None]:
    """The jobs are recorded in ``ran`` instead of run; the minute is ``at``."""
    with (
        mock.patch.object(
            periodic, "call_command", side_effect=lambda job, *a, **k: ran.append(job)
        ),
        mock.patch.object(periodic, "this_minute", return_value=at),
    ):
        yield


def _run_periodic(ran: list[str], at: dt.datetime) -> None:
    with _recording(ran, at):
        call_command("periodic", *JOBS)


class PeriodicTests(TestCase):
    def test_each_job_runs_once_a_minute_however_often_it_is_called(self):
        minute = timezone.now().replace(second=0, microsecond=0)
        ran: list[str] = []
        _run_periodic(ran, minute)
        _run_periodic(ran, minute)
        self.assertEqual(ran, JOB_NAMES)
        _run_periodic(ran, minute + dt.timedelta(minutes=1))
        self.assertEqual(ran, JOB_NAMES * 2)

    def test_a_failing_job_does_not_stop_the_others(self):
        ran: list[str] = []

        def run(job, *args, **kwargs):
            if job == JOB_NAMES[0]:
                raise RuntimeError("down")
            ran.append(job)

        with mock.patch.object(periodic, "call_command", side_effect=run):
            call_command("periodic", *JOBS)
        self.assertEqual(ran, JOB_NAMES[1:])

    def test_runs_older_than_a_day_are_forgotten(self):
        now = timezone.now().replace(second=0, microsecond=0)
        PeriodicRun.objects.create(job="escalate", minute=now - dt.timedelta(days=2))
        _run_periodic([], now)
        self.assertFalse(PeriodicRun.objects.filter(minute__lt=now - dt.timedelta(days=1)))


@requires_postgresql
class ConcurrentCallersTests(RestoredTransactionTestCase):
    def test_machines_calling_at_the_same_moment_run_each_job_once(self):
        minute = timezone.now().replace(second=0, microsecond=0)
        ran: list[str] = []
        start = threading.Barrier(CALLERS)

        def caller():
            try:
                start.wait()
                call_command("periodic", *JOBS)
            finally:
                connection.close()

        threads = [threading.Thread(target=caller) for _ in range(CALLERS)]
        with _recording(ran, minute):  # patched once: the threads share it
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        self.assertEqual(sorted(ran), sorted(JOB_NAMES))
        self.assertEqual(PeriodicRun.objects.filter(minute=minute).count(), len(JOB_NAMES))
