"""The scale proof's machines on one host: a throwaway PostgreSQL primary and its streaming
replica (own clusters on their own ports, made with initdb and pg_basebackup; the system's
cluster is not touched), HAProxy in front of the app servers. Everything on 127.0.0.1."""

import contextlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

PG = Path("/usr/lib/postgresql/15/bin")
PRIMARY_PORT, REPLICA_PORT = 55432, 55433


def _as_postgres(*command: str | Path | int, **kwargs) -> None:
    """PostgreSQL refuses to run as root: as root, run its tools as the postgres user."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    kwargs.setdefault("check", True)
    subprocess.run([*prefix, *map(str, command)], **kwargs)  # noqa: S603


class Clusters:
    def __init__(self, work: Path):
        self.work = work
        self.primary, self.replica = work / "primary", work / "replica"

    def url(self, port: int, name: str = "jaga_scale_proof") -> str:
        return f"postgres://postgres@127.0.0.1:{port}/{name}"

    def start_primary(self) -> None:
        self.stop()
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.work, "postgres", "postgres")
        _as_postgres(PG / "initdb", "-D", self.primary, "-U", "postgres", "--auth=trust", "-E",
                     "UTF8", "--no-instructions", stdout=subprocess.DEVNULL)  # fmt: skip
        # initdb's pg_hba.conf with --auth=trust already lets 127.0.0.1 replicate.
        with open(self.primary / "postgresql.conf", "a") as conf:
            conf.write(
                f"port = {PRIMARY_PORT}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.work}'\nwal_level = replica\n"
                "max_wal_senders = 5\nhot_standby = on\nmax_connections = 200\n"
                # A throwaway cluster on a shared 2-core machine: no fsync wait on each commit.
                "fsync = off\nsynchronous_commit = off\n"
            )
        self._start(self.primary)
        _as_postgres(PG / "createdb", "-h", "127.0.0.1", "-p", PRIMARY_PORT, "-U", "postgres",
                     "jaga_scale_proof")  # fmt: skip

    def start_replica(self) -> None:
        """A base backup of the primary, started as a hot standby that streams from it."""
        _as_postgres(PG / "pg_basebackup", "-h", "127.0.0.1", "-p", PRIMARY_PORT,
                     "-U", "postgres", "-D", self.replica, "-R", "-X", "stream",
                     "-c", "fast")  # fmt: skip
        with open(self.replica / "postgresql.auto.conf", "a") as conf:
            conf.write(f"port = {REPLICA_PORT}\n")
        self._start(self.replica)

    def _start(self, data: Path) -> None:
        _as_postgres(PG / "pg_ctl", "-D", data, "-l", self.work / f"{data.name}.log", "-w",
                     "start", stdout=subprocess.DEVNULL)  # fmt: skip

    def stop(self) -> None:
        for data in (self.replica, self.primary):
            if (data / "postmaster.pid").exists():
                _as_postgres(PG / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop",
                             stdout=subprocess.DEVNULL, check=False)  # fmt: skip


HAPROXY_CONF = """global
    maxconn 4000
defaults
    mode http
    timeout connect 2s
    # A server busy with Argon2 sign-ins answers its health check late, not never: only a
    # dead one (refused connections, three checks in a row) is taken out.
    timeout check 10s
    timeout client 90s
    timeout server 90s
    timeout http-keep-alive 75s
    retries 3
    # Requests beyond a server's maxconn wait in HAProxy's queue, not in the server's socket
    # backlog: when a server dies only what it was working on is lost, the queue goes on.
    timeout queue 60s
    option redispatch
frontend jaga
    bind 127.0.0.1:{port}
    default_backend apps
backend apps
    balance roundrobin
    option httpchk GET /sehat/
    http-check expect status 200
{servers}
"""


def ensure_haproxy() -> str:
    found = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(found).exists():
        subprocess.run(["apt-get", "install", "-y", "-q", "haproxy"], check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
    return found


def start_haproxy(work: Path, port: int, backends: list[str]) -> subprocess.Popen:
    servers = "\n".join(
        f"    server app{i} {address} maxconn 16 check inter 1s fall 3 rise 2"
        for i, address in enumerate(backends, 1)
    )
    conf = work / "haproxy.cfg"
    conf.write_text(HAPROXY_CONF.format(port=port, servers=servers))
    process = subprocess.Popen([ensure_haproxy(), "-f", conf, "-db"],  # noqa: S603
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    time.sleep(1)
    return process


def process_tree(pid: int) -> list[int]:
    """The process and its descendants (from /proc), to kill a whole "machine" at once."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def kill_tree(pid: int) -> None:
    for member in process_tree(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(member, signal.SIGKILL)
