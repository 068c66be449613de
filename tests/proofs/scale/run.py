"""`make scale-proof`: Jaga on "more than one machine", all on 127.0.0.1 — a PostgreSQL primary
and a streaming replica (throwaway clusters, cluster.py), Redis for tasks (RQ) and the cache,
two gunicorn app servers behind HAProxy, two RQ workers and two `jaga periodic` loops. The load
test's RT officers and case managers (tests/proofs/load, some reports urgent) work through the
balancer; halfway one app server and one worker are killed (SIGKILL, whole process tree).
Prints requests, errors, p95, urgent notifications delivered vs expected (lost, duplicates,
counted in a mailbox file every process appends to), periodic runs per minute and the
replica's lag. Bounded: locust -t, a drain of at most --drain seconds, everything stopped in
`finally`. Exits 1 when a notification was lost or delivered more than twice.

    python -m tests.proofs.scale.run [--seconds 120] [--cases 3000] [--drain 120]
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from tests.proofs.load.run import MANAGERS, RT_OFFICERS, p95_and_failures
from tests.proofs.scale.cluster import (
    PRIMARY_PORT,
    REPLICA_PORT,
    Clusters,
    kill_tree,
    start_haproxy,
)

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "var" / "scale"
WORK = Path("/tmp/jaga-scale-proof")
BIN = Path(sys.executable).parent
LOCUSTFILE = ROOT / "tests" / "proofs" / "load" / "locustfile.py"
REDIS = "redis://127.0.0.1:6379"
TASK_DB, CACHE_DB = 13, 12  # Redis databases of their own: nothing else's keys are touched
JOBS = ["escalate", "deliver-outbox", "expire-exports", "audit-checkpoint --if-due"]
PERIODIC_LOOP = (
    'while true; do "$0" periodic -v 0 "$@" || true; sleep $((60 - $(date +%s) % 60)); done'
)


def set_environment(clusters: Clusters) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    mailbox = OUT / "mailbox.jsonl"
    mailbox.unlink(missing_ok=True)
    os.environ.update(
        JAGA_DATABASE_URL=clusters.url(PRIMARY_PORT),
        JAGA_REPLICA_DATABASE_URL=clusters.url(REPLICA_PORT),
        JAGA_TASK_BACKEND="rq",
        JAGA_REDIS_URL=f"{REDIS}/{TASK_DB}",
        JAGA_CACHE_URL=f"{REDIS}/{CACHE_DB}",
        JAGA_EMAIL_BACKEND="tests.proofs.scale.mailbox.EmailBackend",
        JAGA_PROOF_MAILBOX=str(mailbox),
        JAGA_VAR_DIR=str(OUT / "var"),
        # A message a killed worker held mid-send is taken up again after this long.
        JAGA_NOTIFY_SENDING_TIMEOUT="30",
        JAGA_LOAD_URGENT_SHARE="0.2",
        PYTHONPATH=str(ROOT),
        DJANGO_SETTINGS_MODULE="jaga.settings",
    )


def jaga(*args: str) -> None:
    subprocess.run([BIN / "jaga", *args], cwd=ROOT, check=True)  # noqa: S603


def prepare(clusters: Clusters, cases: int) -> dict:
    """Primary, schema, synthetic data, then the replica from a base backup; the duty officers
    choose email; a one-time code for each case manager's second sign-in step."""
    clusters.start_primary()
    jaga("migrate", "--no-input", "-v0")
    jaga("generate-synthetic", "--cases", str(cases), "--quiet")
    import django
    import redis

    django.setup()
    from jaga.access.roles import Role
    from jaga.notifications.models import NotificationPreference
    from jaga.people.models import Membership, Person
    from tests.proofs.server import one_time_codes

    duty = Membership.objects.active().filter(role__in=[Role.CASE_MANAGER, Role.UPTD_HEAD])
    for person in Person.objects.filter(pk__in=duty.values("person_id")):
        if not person.email:
            person.email = f"{person.username}@proof.invalid"
            person.save(update_fields=["email"])
        NotificationPreference.objects.update_or_create(
            person=person, defaults={"channels": ["email"]}
        )
    managers = Person.objects.filter(username__startswith="syn.manager.").order_by("username")
    codes = {m.username: one_time_codes(m)[0] for m in managers[:MANAGERS]}
    from django.db import connections

    connections.close_all()  # the base backup waits for no open transaction, but be tidy
    clusters.start_replica()
    for db in (TASK_DB, CACHE_DB):
        redis.Redis.from_url(f"{REDIS}/{db}").flushdb()
    return codes


LAG_QUERY = "SELECT coalesce(max(extract(epoch FROM replay_lag)), 0) FROM pg_stat_replication"


class LagSampler(threading.Thread):
    """Every two seconds, the primary's view of how far the replica has replayed."""

    def __init__(self, primary_url: str):
        super().__init__(daemon=True)
        self.url, self.done = primary_url, threading.Event()
        self.samples: list[float] = []

    def run(self):
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as db:
            while not self.done.wait(2):
                row = db.execute(LAG_QUERY).fetchone()
                self.samples.append(float(row[0]))


def figures_catch_up(clusters: Clusters, limit: float = 30) -> float:
    """Seconds until the replica counts the reports the primary counts (the figures' lag)."""
    import psycopg

    query = "SELECT count(*), max(received_at) FROM reports_report"
    start = time.monotonic()
    with (
        psycopg.connect(clusters.url(PRIMARY_PORT)) as primary,
        psycopg.connect(clusters.url(REPLICA_PORT), autocommit=True) as replica,
    ):
        wanted = primary.execute(query).fetchone()
        while time.monotonic() - start < limit:
            if replica.execute(query).fetchone() == wanted:
                return time.monotonic() - start
            time.sleep(0.01)
    return float("inf")


def notifications(since) -> dict:
    """Urgent reports since ``since``: the (address, tracking code) pairs that should have been
    emailed (the duty officers responsible for each report's RT) against the mailbox."""
    from jaga.access.roles import Role
    from jaga.notifications.models import OutboxMessage, OutboxStatus
    from jaga.notifications.selectors import recipients_with_role
    from jaga.reports.models import Report

    expected = set()
    for report in Report.objects.filter(is_urgent=True, received_at__gte=since).select_related(
        "rt"
    ):
        for role in (Role.UPTD_HEAD, Role.CASE_MANAGER):
            for person in recipients_with_role(role, area_code=report.rt.code):
                expected.add((person.email, report.tracking_code))
    codes = {code for _, code in expected}
    delivered: Counter = Counter()
    mailbox = Path(os.environ["JAGA_PROOF_MAILBOX"])
    for line in mailbox.read_text().splitlines() if mailbox.exists() else []:
        mail = json.loads(line)
        found = [code for code in codes if code in mail["body"]]
        for address in mail["to"]:
            for code in found:
                delivered[(address, code)] += 1
    # Only the urgent reports' messages: escalations of the synthetic past also notify, and in
    # the recipients' quiet hours those wait for the morning by design.
    waiting = OutboxMessage.objects.filter(
        kind="report.urgent",
        status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING],
        created_at__gte=since,
    ).count()
    return {
        "urgent_reports": len(codes),
        "expected": len(expected),
        "delivered": len(expected & set(delivered)),
        "lost": len(expected - set(delivered)),
        "duplicates": sum(n - 1 for n in delivered.values() if n > 1),
        "most_copies": max(delivered.values(), default=0),
        "outbox_waiting": waiting,
    }


def periodic_runs(since) -> dict:
    from django.db.models import Count

    from jaga.core.models import PeriodicRun

    runs = PeriodicRun.objects.filter(minute__gte=since.replace(second=0, microsecond=0))
    per_minute = runs.values("job", "minute").annotate(n=Count("id"))
    return {
        "minutes": runs.values("minute").distinct().count(),
        "job_runs": runs.count(),
        "most_runs_of_a_job_in_a_minute": max((r["n"] for r in per_minute), default=0),
    }


def start(name: str, command: list, log_dir: Path) -> subprocess.Popen:
    log = open(log_dir / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603


def drain(since, seconds: int) -> dict:
    """Wait (bounded) until every expected notification arrived and nothing waits."""
    deadline = time.monotonic() + seconds
    while True:
        counts = notifications(since)
        if (not counts["lost"] and not counts["outbox_waiting"]) or time.monotonic() > deadline:
            return counts
        time.sleep(3)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--drain", type=int, default=120)
    args = parser.parse_args()
    clusters = Clusters(WORK)
    set_environment(clusters)
    processes: list[subprocess.Popen] = []
    try:
        codes = prepare(clusters, args.cases)
        (OUT / "codes.json").write_text(json.dumps(codes))
        report = run(clusters, args, processes)
        (OUT / "report.json").write_text(json.dumps(report, indent=2))
    finally:
        for process in processes:
            kill_tree(process.pid)
        clusters.stop()
    print(json.dumps(report, indent=2))
    notified = report["notifications"]
    return 1 if notified["lost"] or notified["most_copies"] > 2 else 0


def run(clusters: Clusters, args, processes: list) -> dict:
    from django.utils import timezone

    from tests.proofs.server import free_port, start_gunicorn

    logs = OUT / "logs"
    logs.mkdir(exist_ok=True)
    apps = []
    for i in (1, 2):
        log = open(logs / f"app{i}.log", "w")  # noqa: SIM115 - closed with the process
        server, base = start_gunicorn(clusters.url(PRIMARY_PORT), workers=2, threads=4, log=log)
        processes.append(server)
        apps.append((server, base.removeprefix("http://")))
    port = free_port()
    processes.append(start_haproxy(WORK, port, [address for _, address in apps]))
    rqworker = [BIN / "jaga", "rqworker", "--job-class", "django_tasks_rq.Job", "default"]
    workers = [start(f"worker{i}", rqworker, logs) for i in (1, 2)]
    loops = [
        start(f"periodic{i}", ["bash", "-c", PERIODIC_LOOP, BIN / "jaga", *JOBS], logs)
        for i in (1, 2)
    ]
    processes.extend(workers + loops)
    sampler = LagSampler(clusters.url(PRIMARY_PORT))
    sampler.start()
    since = timezone.now()
    prefix = OUT / "locust"
    locust = subprocess.Popen(  # noqa: S603
        [BIN / "locust", "-f", LOCUSTFILE, "--headless", "--host", f"http://127.0.0.1:{port}",
         "-u", str(RT_OFFICERS + MANAGERS), "-r", "4", "-t", f"{args.seconds}s",
         "--stop-timeout", "10", "--csv", prefix, "--only-summary"],
        cwd=ROOT, env={**os.environ, "JAGA_LOAD_CODES": str(OUT / "codes.json")},
        stdout=open(logs / "locust.log", "w"), stderr=subprocess.STDOUT,  # noqa: SIM115
    )  # fmt: skip
    processes.append(locust)
    time.sleep(args.seconds / 2)
    kill_tree(apps[0][0].pid)  # a machine gone: its gunicorn master and workers at once
    kill_tree(workers[0].pid)
    killed_at = time.monotonic()
    locust.wait(timeout=args.seconds + 120)
    catch_up = figures_catch_up(clusters)
    sampler.done.set()
    counts = drain(since, args.drain)
    total, rows = p95_and_failures(prefix)
    return {
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "median_ms": total["50%"],
        "p95_ms": total["95%"],
        "p99_ms": total["99%"],
        "requests_per_s": round(float(total["Requests/s"]), 1),
        "errors_by_request": {
            r["Name"]: int(r["Failure Count"]) for r in rows if int(r["Failure Count"])
        },
        "killed": "app server 1 and RQ worker 1, halfway",
        "drained_after_kill_s": round(time.monotonic() - killed_at, 1),
        "notifications": counts,
        "periodic": periodic_runs(since),
        "replica_lag_max_s": round(max(sampler.samples, default=0.0), 3),
        "figures_catch_up_after_load_s": round(catch_up, 3),
    }


if __name__ == "__main__":
    sys.exit(main())
