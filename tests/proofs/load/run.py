"""`make load`: 200 simulated RT officers and 20 case managers (locust, headless) against the
production server (gunicorn, 4 workers) on PostgreSQL with 10,000 synthetic cases. Local only
(127.0.0.1), bounded in time (users arrive 4 a second: everyone signs in with the real Argon2
password check, then works); fails when any request failed and prints the p95.

    python -m tests.proofs.load.run [--seconds 75] [--database postgres://.../jaga_proofs_load]
"""

import argparse
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/jaga_proofs_load"
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
OUT = ROOT / "var" / "load"
BIN = Path(sys.executable).parent
RT_OFFICERS, MANAGERS = 200, 20
SIGN_IN = {"/masuk/", "/keamanan/dua-langkah/", "/api/akun/me", "/"}


def jaga(database: str, *args: str) -> None:
    env = {**os.environ, "JAGA_DATABASE_URL": database}
    subprocess.run([BIN / "jaga", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def ensure_database(database: str) -> None:
    import psycopg

    name = database.rsplit("/", 1)[1]
    with psycopg.connect(database.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')


def prepare(database: str) -> dict:
    """Schema, synthetic data (added up to 10,000 cases: a rerun adds nothing) and a one-time
    code for each case manager's second sign-in step."""
    ensure_database(database)
    jaga(database, "migrate", "--no-input", "-v0")
    jaga(database, "generate-synthetic", "--cases", "10000", "--quiet")
    os.environ["JAGA_DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaga.settings")
    import django

    django.setup()
    from axes.models import AccessAttempt

    from jaga.people.models import Person
    from tests.proofs.server import one_time_codes

    AccessAttempt.objects.all().delete()  # a previous interrupted run must not lock anyone out
    managers = Person.objects.filter(username__startswith="syn.manager.").order_by("username")
    return {m.username: one_time_codes(m)[0] for m in managers[:MANAGERS]}


def p95_and_failures(prefix: Path) -> tuple[dict, list[dict]]:
    with open(f"{prefix}_stats.csv") as handle:
        rows = list(csv.DictReader(handle))
    return rows[-1], rows[:-1]  # the last row is "Aggregated"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default=os.environ.get("JAGA_LOAD_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--seconds", type=int, default=120)
    args = parser.parse_args()
    codes = prepare(args.database)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "codes.json").write_text(json.dumps(codes))
    from tests.proofs.server import start_gunicorn, stop

    with open(OUT / "gunicorn.log", "w") as log:
        server, base = start_gunicorn(args.database, workers=4, threads=4, log=log)
        try:
            prefix = OUT / "locust"
            subprocess.run(  # noqa: S603
                [BIN / "locust", "-f", HERE / "locustfile.py", "--headless", "--host", base,
                 "-u", str(RT_OFFICERS + MANAGERS), "-r", "4", "-t", f"{args.seconds}s",
                 "--stop-timeout", "10", "--csv", prefix, "--only-summary"],
                cwd=ROOT, env={**os.environ, "JAGA_LOAD_CODES": str(OUT / "codes.json")},
                timeout=args.seconds + 120,
            )  # fmt: skip
        finally:
            stop(server)
    total, rows = p95_and_failures(prefix)
    print(f"\nrequests {total['Request Count']}, failures {total['Failure Count']}, "
          f"median {total['50%']} ms, p95 {total['95%']} ms, p99 {total['99%']} ms, "
          f"{float(total['Requests/s']):.1f} req/s")  # fmt: skip
    for row in rows:
        print(f"  {row['Type']:5} {row['Name']:32} n={row['Request Count']:>6} "
              f"fail={row['Failure Count']:>3} p95={row['95%']:>6} ms")  # fmt: skip
    work = [r for r in rows if r["Name"] not in SIGN_IN]
    print(f"p95 without the sign-in pages: {max(int(float(r['95%'])) for r in work)} ms (worst "
          "single request type)")  # fmt: skip
    return 1 if int(total["Failure Count"]) or not int(total["Request Count"]) else 0


if __name__ == "__main__":
    sys.exit(main())
