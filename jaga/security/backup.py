"""Backups of a whole instance: the database and the uploaded files in one encrypted archive.

``backup_create`` works while the application serves: SQLite is copied with SQLite's online
backup API (a consistent snapshot of the live file), PostgreSQL with ``pg_dump``, which reads
everything in one repeatable-read transaction. The snapshot is written to a private temporary
folder beside the archive, packed with the files under ``MEDIA_ROOT`` into a tar stream and
encrypted in 1 MiB chunks (``jaga.core.sealed``) under ``BACKUP_KEY``.

``backup_restore`` loads such an archive into an *empty* instance only (see
``instance_problems``) and refuses anything else.
"""

import hashlib
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import BinaryIO, cast

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, connections
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.audit.models import AuditEvent
from jaga.core.sealed import DecryptingReader, EncryptingWriter, archive_key
from jaga.people.models import Person
from jaga.security.services import audit_checkpoint_publish

FORMAT = 1
SUFFIX = ".jagabak"
MANIFEST = "manifest.json"


class RestoreRefused(Exception):
    """The archive cannot be restored here; the message says why, in the user's language."""


@dataclass(frozen=True)
class Snapshot:
    path: Path
    engine: str


def _engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else connection.vendor


def _pg_args(settings_dict: dict) -> tuple[list[str], dict]:
    args = ["--dbname", settings_dict["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [flag, str(settings_dict[key])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args, env


def _snapshot(folder: Path) -> Snapshot:
    engine = _engine()
    if engine == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        with copy:
            connection.connection.backup(copy)
        copy.close()
    elif engine == "postgresql":
        target = folder / "database.pgdump"
        args, env = _pg_args(connection.settings_dict)
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file"]
        subprocess.run([*command, str(target), *args], env=env, check=True)  # noqa: S603
    else:
        raise RuntimeError(f"backups do not support the {engine} database")
    return Snapshot(target, engine)


def key_fingerprints() -> dict:
    """Short hashes naming the field keys, so a restore can tell it has the right ones without
    the keys ever entering the archive."""

    def mark(key: str) -> str:
        return hashlib.sha256(f"jaga-key-fingerprint:{key}".encode()).hexdigest()[:16]

    return {
        "field_keys": [mark(k) for k in settings.FIELD_ENCRYPTION_KEYS],
        "index_key": mark(settings.FIELD_INDEX_KEY),
    }


def _manifest(snapshot: Snapshot) -> bytes:
    data = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": snapshot.engine,
        "database": f"database/{snapshot.path.name}",
        **key_fingerprints(),
    }
    return json.dumps(data, indent=2).encode()


def _private_file(path: Path):
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


def backup_create(*, output_dir: Path) -> Path:
    """Write ``jaga-backup-<UTC time>.jagabak`` into ``output_dir`` (mode 0600) and return its
    path. The file appears under its final name only when complete. A signed audit checkpoint
    is written (and sent to the DPO) first, so every backup carries one of its own head."""
    audit_checkpoint_publish()
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    final = output_dir / f"jaga-backup-{stamp}{SUFFIX}"
    for n in range(2, 100):
        if not final.exists():
            break
        final = output_dir / f"jaga-backup-{stamp}-{n}{SUFFIX}"
    partial = final.with_name(final.name + ".part")
    key = archive_key(settings.BACKUP_KEY)
    with tempfile.TemporaryDirectory(prefix=".jaga-backup-", dir=output_dir) as work:
        snapshot = _snapshot(Path(work))
        manifest = _manifest(snapshot)
        with (
            _private_file(partial) as raw,
            EncryptingWriter(raw, key) as sealed,
            tarfile.open(fileobj=sealed, mode="w|") as tar,
        ):
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(manifest), int(timezone.now().timestamp())
            tar.addfile(info, BytesIO(manifest))
            tar.add(snapshot.path, arcname=f"database/{snapshot.path.name}")
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                tar.add(media, arcname="media")
    os.replace(partial, final)
    return final


def table_counts() -> dict[str, int]:
    """Rows in every table of the database (for checks and the round-trip test)."""
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608
            counts[name] = cursor.fetchone()[0]
    return counts


def _activity_models() -> list:
    return [Person, AuditEvent, Session]


def instance_problems() -> list[str]:
    """Why this instance is not empty, or [] when it is.

    Empty means nothing has happened on it yet: no account, no audit event (every write of
    user data is audited in its own transaction), no session, and no file under
    ``MEDIA_ROOT``. Reference data that ``migrate`` or ``jaga import-areas`` wrote (content
    types, codes, areas) may be there: the restore replaces the whole database with the
    archive's, so nothing but that reference data is overwritten. A freshly migrated
    instance is empty."""
    problems = [
        _("%(what)s: %(count)s baris") % {"what": model._meta.verbose_name_plural, "count": n}
        for model in _activity_models()
        if (n := model.objects.count())
    ]
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir() and any(p.is_file() for p in media.rglob("*")):
        problems.append(_("folder berkas unggahan %(path)s tidak kosong") % {"path": media})
    return problems


def _check_manifest(manifest: dict) -> None:
    if manifest.get("format") != FORMAT:
        raise RestoreRefused(_("Format arsip cadangan ini tidak dikenal."))
    if manifest.get("engine") != _engine():
        raise RestoreRefused(
            _("Arsip ini dari basis data %(theirs)s; instance ini memakai %(ours)s.")
            % {"theirs": manifest.get("engine"), "ours": _engine()}
        )
    ours = key_fingerprints()
    same_index = manifest.get("index_key") == ours["index_key"]
    if not same_index or not set(manifest.get("field_keys", [])) <= set(ours["field_keys"]):
        raise RestoreRefused(
            _(
                "Kunci enkripsi data (JAGA_FIELD_KEYS, JAGA_INDEX_KEY) instance ini berbeda "
                "dari saat cadangan dibuat. Pasang kunci yang sama, lalu ulangi."
            )
        )


def _load_sqlite(path: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(path)
    source.backup(connection.connection)
    source.close()


def _load_postgresql(path: Path) -> None:
    args, env = _pg_args(connection.settings_dict)
    connections.close_all()
    command = [
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
    ]
    subprocess.run([*command, *args, str(path)], env=env, check=True)  # noqa: S603


def backup_restore(*, archive: Path) -> dict:
    """Load ``archive`` into this instance, which must be empty (``instance_problems``);
    raises ``RestoreRefused`` otherwise, before anything is changed. Returns the manifest.
    The database is replaced in one step; uploaded files go back under ``MEDIA_ROOT``."""
    problems = instance_problems()
    if problems:
        raise RestoreRefused(
            _("Instance ini tidak kosong, pemulihan dibatalkan agar tidak ada data tertimpa: ")
            + "; ".join(problems[:5])
        )
    key = archive_key(settings.BACKUP_KEY)
    media = Path(settings.MEDIA_ROOT)
    manifest: dict = {}
    with (
        open(archive, "rb") as raw,
        tempfile.TemporaryDirectory(prefix=".jaga-restore-") as work,
        # A stream ("r|") only ever reads, which is all the decrypting reader offers.
        tarfile.open(fileobj=cast(BinaryIO, DecryptingReader(raw, key)), mode="r|") as tar,
    ):
        for member in tar:
            if member.name == MANIFEST:
                handle = tar.extractfile(member)
                if handle is None:  # a link or a folder by the manifest's name
                    raise RestoreRefused(_("Arsip cadangan ini tidak lengkap."))
                manifest = json.load(handle)
                _check_manifest(manifest)
            elif not manifest:
                raise RestoreRefused(_("Arsip cadangan ini tidak lengkap."))
            elif member.name == manifest["database"]:
                tar.extract(member, work, filter="data")
            elif member.name.startswith("media/"):
                member.name = member.name.removeprefix("media/")
                tar.extract(member, media, filter="data")
        if not manifest:
            raise RestoreRefused(_("Arsip cadangan ini tidak lengkap."))
        database = Path(work) / manifest["database"]
        (_load_sqlite if manifest["engine"] == "sqlite" else _load_postgresql)(database)
    return manifest
