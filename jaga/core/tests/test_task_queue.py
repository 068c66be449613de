"""Tasks on RQ (JAGA_TASK_BACKEND=rq): an enqueued task lands in Redis and an RQ worker runs
it. Needs the Redis of the machine (127.0.0.1:6379); its database 14 only, emptied around
each test; skipped with the reason when no Redis answers."""

import os
import subprocess
import sys

import pytest
import redis
from django.test import SimpleTestCase, override_settings
from django_tasks import TaskResultStatus, task, task_backends

TEST_REDIS_URL = os.environ.get("JAGA_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}


@task()
def add(a: int, b: int) -> int:
    return a + b


def _redis() -> redis.Redis:
    client = redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {TEST_REDIS_URL}: the RQ backend is not tested")
    return client


@override_settings(TASKS=RQ_TASKS, RQ_QUEUES={"default": {"URL": TEST_REDIS_URL}})
class RQBackendTests(SimpleTestCase):
    def setUp(self):
        self.redis = _redis()
        self.redis.flushdb()
        self.addCleanup(self.redis.flushdb)

    def test_an_enqueued_task_waits_in_redis_until_a_worker_runs_it(self):
        import django_rq
        from django_tasks_rq.backend import Job
        from rq import SimpleWorker

        result = add.enqueue(2, 3)
        self.assertEqual(type(task_backends["default"]).__name__, "RQBackend")
        self.assertEqual(django_rq.get_queue("default").count, 1)
        self.assertEqual(result.status, TaskResultStatus.READY)

        worker = django_rq.get_worker("default", job_class=Job, worker_class=SimpleWorker)
        self.assertTrue(worker.work(burst=True))

        result.refresh()
        self.assertEqual(result.status, TaskResultStatus.SUCCESSFUL)
        self.assertEqual(result.return_value, 5)
        self.assertEqual(django_rq.get_queue("default").count, 0)


class TaskBackendSettingTests(SimpleTestCase):
    def _backend(self, **env) -> str:
        code = (
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.TASKS['default']['BACKEND'], 'django_rq' in settings.INSTALLED_APPS)"
        )
        environ = {k: v for k, v in os.environ.items() if k != "JAGA_TASK_BACKEND"}
        environ.update(DJANGO_SETTINGS_MODULE="jaga.settings", **env)
        done = subprocess.run(
            [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    def test_the_database_queue_is_the_default(self):
        self.assertEqual(self._backend(), "django_tasks_db.DatabaseBackend False")

    def test_rq_is_a_short_name_that_adds_django_rq(self):
        self.assertEqual(self._backend(JAGA_TASK_BACKEND="rq"), "django_tasks_rq.RQBackend True")
