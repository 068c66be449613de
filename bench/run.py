"""`make bench` / `make bench-quick`: measure Jaga at several scales on SQLite and PostgreSQL.

Each (database, scale) runs in a fresh process (settings are read at start-up): the database
is migrated, topped up with synthetic data (`jaga generate-synthetic`: cases, and the audit
trail to 1M events for the breach-notice report), then measured by
`bench.measure`. Results go to bench/results/<date>-<db>.json and a table on stdout.
"""

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
POSTGRES = os.environ.get("JAGA_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
# PostgreSQL benchmark databases are named <prefix>_<scale>: checkouts sharing one server each
# set their own prefix, so that none tops up or drops another's (SQLite's are in var/).
PREFIX = os.environ.get("JAGA_BENCH_PREFIX", "jaga_bench")
FULL_SCALES = [10_000, 100_000, 1_000_000]
QUICK_SCALE = 1_000
# The breach-notice target is judged at 1M+ audit events: the trail is topped up to that many
# at every scale (the quick run keeps the two events per case, to stay about a minute).
AUDIT_EVENTS = 1_000_000
STALE = 3  # bench.keys: the database was written with other keys


def database_url(db: str, name: str) -> str:
    """Where the benchmark database of a scale (a case count, or "national") lives."""
    if db == "sqlite":
        return f"sqlite:///{ROOT / 'var' / f'bench-{name}.sqlite3'}"
    return f"{POSTGRES}/{PREFIX}_{name}"


def ensure_postgres_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(db: str, url: str) -> None:
    if db == "sqlite":
        Path(url.removeprefix("sqlite:///")).unlink()
        return
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def run(args: list[str], env: dict, allow: tuple[int, ...] = (0,)) -> str | None:
    completed = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True)
    if completed.returncode not in allow:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"failed: {' '.join(args)}")
    return completed.stdout if completed.returncode == 0 else None


def prepare_database(db: str, url: str, env: dict) -> None:
    """Migrated, and readable with this checkout's keys (else dropped and made again)."""
    if db == "postgres":
        ensure_postgres_database(url)
    python = sys.executable
    run([python, "-m", "jaga.cli", "migrate", "--no-input"], env)
    if run([python, "-m", "bench.keys"], env, allow=(0, STALE)) is None:
        print("the benchmark database was written with other keys: made again", flush=True)
        drop_database(db, url)
        prepare_database(db, url, env)


def bench_one(
    db: str, scale: int, quick: bool, audit_events: int, national: bool = False
) -> list[dict]:
    """One database at one scale: the city measurements, or with ``national`` the whole
    country's synthetic data (database ``<prefix>_national``) and its figure pages only."""
    url = database_url(db, "national" if national else str(scale))
    env = {
        **os.environ,
        "JAGA_DATABASE_URL": url,
        "JAGA_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "JAGA_TASK_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "DJANGO_SETTINGS_MODULE": "jaga.settings",
    }
    prepare_database(db, url, env)
    python = sys.executable
    run([python, "-m", "jaga.cli", "collectstatic", "--no-input"], env)
    generator = run(
        [
            python,
            "-m",
            "bench.peak",
            "--",
            python,
            "-m",
            "jaga.cli",
            "generate-synthetic",
            "--cases",
            str(scale),
            "--seed",
            "1",
            "--audit-events",
            str(audit_events),
            "--scale",
            "national" if national else "city",
            "--quiet",
        ],
        env,
    )
    flags = (["--quick"] if quick else []) + (["--national"] if national else [])
    measured = run([python, "-m", "bench.measure", "--scale", str(scale), *flags], env)
    rows = [json.loads(line) for line in measured.splitlines() if line.startswith("{")]
    rows.append(
        {
            "name": "generator_peak_rss_mb",
            "scale": scale,
            "value": json.loads(generator.splitlines()[-1])["peak_rss_mb"],
        }
    )
    for row in rows:
        row["db"] = db
    return rows


def previous_results(path: Path) -> tuple[Path, list[dict]] | None:
    """The newest results file of the same database and kind (quick or not) up to ``path``
    (read before ``path`` is written, so today's earlier run counts), with its rows."""
    kind = path.name[len("YYYY-MM-DD") :]
    earlier = sorted(
        p for p in RESULTS.glob("*.json") if p.name[len("YYYY-MM-DD") :] == kind and p <= path
    )
    if not earlier:
        return None
    return earlier[-1], json.loads(earlier[-1].read_text())["results"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smallest scale only, fewer runs")
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument("--scales", default="")
    parser.add_argument(
        "--audit-events",
        type=int,
        default=None,
        help=f"top the audit trail up to this many events (default {AUDIT_EVENTS:,}; "
        "0 with --quick)",
    )
    parser.add_argument(
        "--national",
        type=int,
        metavar="N",
        help="instead: N synthetic cases over the whole country, its figure pages only",
    )
    options = parser.parse_args()
    audit_events = options.audit_events
    if audit_events is None:
        # The breach report is no national page: the national run tops no trail up.
        audit_events = 0 if options.quick or options.national else AUDIT_EVENTS
    scales = [int(s) for s in options.scales.split(",") if s] or (
        [QUICK_SCALE] if options.quick else FULL_SCALES
    )
    if options.national:
        scales = [options.national]
    RESULTS.mkdir(parents=True, exist_ok=True)
    from bench.report import check_targets, print_table

    for db in options.db.split(","):
        rows = []
        for scale in scales:
            print(f"== {db}, {scale:,} cases", flush=True)
            rows += bench_one(db, scale, options.quick, audit_events, bool(options.national))
        suffix = ("-national" if options.national else "") + ("-quick" if options.quick else "")
        path = RESULTS / f"{dt.date.today():%Y-%m-%d}-{db}{suffix}.json"
        previous = previous_results(path)
        path.write_text(json.dumps({"db": db, "scales": scales, "results": rows}, indent=1))
        print_table(rows)
        if previous:
            print(f"previous: {previous[0].relative_to(ROOT)}")
        for line in check_targets(rows, previous[1] if previous else []):
            print(line)
        print(f"results: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
