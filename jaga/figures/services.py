"""Writes of the figures app: the SIMFONI-PPA export's life (requested, built by a task,
downloaded once, deleted) and the audit of every figure export."""

from __future__ import annotations

import datetime as dt
import io
import secrets
from contextlib import AbstractContextManager, closing, nullcontext
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from msoffcrypto.format.ooxml import OOXMLFile

from jaga.access.policy import holds
from jaga.audit.models import AuditAction, AuditEvent
from jaga.audit.services import audit_record, audit_subjects_of
from jaga.core.periods import Period
from jaga.core.replica import reads_from_replica
from jaga.core.sealed import (
    DecryptingReader,
    EncryptingWriter,
    archive_key,
    create_private,
    new_stream_key,
)

# tasks imports this module back (the build it runs): both take the other as a module.
from jaga.figures import simfoni, tasks
from jaga.figures.models import ExportFormat, ExportState, SimfoniExport
from jaga.figures.selectors import FigureFilter

EXPORT_LIFETIME = dt.timedelta(hours=24)
EXPORT_FOLDER = "simfoni"  # under MEDIA_ROOT, outside the web root
PASSWORD_LENGTH = (8, 128)  # an XLSX file password the recipient types
IDENTITY_SUBJECT = "cases.caseperson"  # the victims whose identity an export holds


def export_audit(
    *, by: Any, target: Any, what: str, period: Period, request: HttpRequest | None
) -> None:
    """Record one export of figures (no values, only what and for when)."""
    audit_record(
        actor=by,
        action=AuditAction.EXPORT,
        target=target,
        fields=[what],
        reason=f"{what} {period.start:%Y-%m}..{period.last:%Y-%m}",
        request=request,
    )


@transaction.atomic
def simfoni_export_request(
    *,
    by: Any,
    area_code: str,
    period: Period,
    file_format: str,
    with_identity: bool,
    request: HttpRequest | None = None,
) -> SimfoniExport:
    """Ask for an export: recorded, audited, and built by a task once committed. Identity
    columns need the identity rule; the caller has checked the area through the policy."""
    if file_format not in ExportFormat.values:
        raise ValidationError(_("Pilih format XLSX atau CSV."))
    if with_identity and not holds(by, "figures.export_simfoni_identity"):
        raise PermissionDenied
    export = SimfoniExport.objects.create(
        requested_by=by,
        area_code=area_code,
        period_start=period.start,
        period_end=period.end,
        format=file_format,
        with_identity=with_identity,
        expires_at=timezone.now() + EXPORT_LIFETIME,
    )
    fields = ["simfoni", *(simfoni.IDENTITY_COLUMNS if with_identity else ())]
    audit_record(
        actor=by,
        action=AuditAction.EXPORT,
        target=export,
        fields=fields,
        reason=f"SIMFONI-PPA {period.start:%Y-%m}..{period.last:%Y-%m} {file_format}",
        request=request,
    )
    transaction.on_commit(lambda: tasks.build_simfoni_export.enqueue(export.pk))
    return export


class _Counted:
    """Passes rows through, counting those with something missing."""

    def __init__(self, rows):
        self.rows, self.incomplete = rows, 0

    def __iter__(self):
        missing_at = None
        for row in self.rows:
            if missing_at is None:
                missing_at = row.index(simfoni.MISSING)
            elif row[missing_at]:
                self.incomplete += 1
            yield row


def _path(export: SimfoniExport) -> Path:
    return Path(settings.MEDIA_ROOT) / export.file_path


def simfoni_export_build(*, export_id: int) -> SimfoniExport:
    """Write the file (rows streamed, rights of the requester as they are now), encrypted as
    it is written under a key of its own (kept encrypted in the record), in a file only this
    system user can read (0600, in a 0700 folder): a copy of MEDIA_ROOT shows no identity.
    Not one transaction: the file is written outside the database, the record updated at the
    end."""
    export = SimfoniExport.objects.select_related("requested_by").get(pk=export_id)
    if export.state != ExportState.PENDING:
        return export
    folder = Path(settings.MEDIA_ROOT) / EXPORT_FOLDER
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    export.file_path = f"{EXPORT_FOLDER}/{secrets.token_hex(16)}.{export.format}.sealed"
    export.file_key = new_stream_key()
    figure_filter = FigureFilter(export.area_code, Period(export.period_start, export.period_end))
    identified: list[int] = []
    rows = _Counted(
        simfoni.export_rows(export.requested_by, figure_filter, export.with_identity, identified)
    )
    write = simfoni.write_xlsx if export.format == ExportFormat.XLSX else simfoni.write_csv
    # Counts may come from the replica; rows with identities are read where a right just
    # withdrawn is already gone, the primary.
    reads: AbstractContextManager[None] = (
        nullcontext() if export.with_identity else reads_from_replica()
    )
    try:
        key = archive_key(export.file_key)
        with (
            create_private(_path(export)) as raw,
            EncryptingWriter(raw, key) as sealed,
            reads,
        ):
            export.rows = write(iter(rows), sealed)
    except Exception:
        _path(export).unlink(missing_ok=True)
        export.state = ExportState.FAILED
        export.save(update_fields=["state", "file_path"])
        raise
    export.incomplete_rows = rows.incomplete
    export.state = ExportState.READY
    with transaction.atomic():
        export.save(update_fields=["state", "file_path", "file_key", "rows", "incomplete_rows"])
        if identified:
            _audit_identities(export, identified)
    return export


def _audit_identities(export: SimfoniExport, identified: list[int]) -> None:
    """The file holds these victims' identities: an export event naming them (ids only), so
    that a breach notice for any of them finds this file."""
    audit_record(
        actor=export.requested_by,
        action=AuditAction.EXPORT,
        target=export,
        fields=list(simfoni.IDENTITY_COLUMNS),
        reason=f"SIMFONI-PPA #{export.pk}: {len(identified)} identitas dalam berkas",
        subjects=[(IDENTITY_SUBJECT, pk) for pk in identified],
    )


def _identities_event(export: SimfoniExport) -> AuditEvent | None:
    """The event that named the people in the export's file (see ``_audit_identities``)."""
    events = AuditEvent.objects.filter(
        object_type=export._meta.label_lower, object_id=str(export.pk), action=AuditAction.EXPORT
    )
    return events.filter(subjects__isnull=False).order_by("seq").first()


@transaction.atomic
def simfoni_export_take(
    *, export: SimfoniExport, by: Any, password: str = "", request: HttpRequest | None = None
) -> Path:
    """Hand the file over once: the record is locked, marked downloaded and audited; the
    caller opens the returned path and deletes it (``export_file_open``). A second try, an
    expired or unfinished export is refused."""
    export = SimfoniExport.objects.select_for_update().get(pk=export.pk)
    if export.state != ExportState.READY or export.expires_at <= timezone.now():
        raise PermissionDenied
    if password and export.format != ExportFormat.XLSX:
        raise ValidationError(_("Kata sandi hanya dapat dipasang pada berkas XLSX."))
    if password and not PASSWORD_LENGTH[0] <= len(password) <= PASSWORD_LENGTH[1]:
        raise ValidationError(
            _("Kata sandi berkas %(low)s sampai %(high)s karakter, atau kosongkan.")
            % {"low": PASSWORD_LENGTH[0], "high": PASSWORD_LENGTH[1]}
        )
    export.state = ExportState.DOWNLOADED
    export.downloaded_at = timezone.now()
    export.save(update_fields=["state", "downloaded_at"])
    identities = audit_subjects_of(_identities_event(export)) if export.with_identity else []
    audit_record(
        actor=by,
        action=AuditAction.DOWNLOAD,
        target=export,
        fields=["simfoni", *(simfoni.IDENTITY_COLUMNS if identities else ())],
        request=request,
        subjects=identities,
    )
    return _path(export)


def export_file_open(
    export: SimfoniExport, path: Path, *, password: str = ""
) -> DecryptingReader | io.BytesIO:
    """Open the sealed file and remove its name at once: the open handle streams it,
    decrypted, and nothing stays on disk after the response. With a ``password`` (XLSX only)
    the workbook is handed over encrypted with it (ECMA-376 agile encryption, which Excel and
    LibreOffice open after asking for the password), built in memory."""
    handle = DecryptingReader(path.open("rb"), archive_key(export.file_key))
    path.unlink(missing_ok=True)
    if not password or export.format != ExportFormat.XLSX:
        return handle
    with closing(handle):
        plain = io.BytesIO(handle.read())
    locked = io.BytesIO()
    OOXMLFile(plain).encrypt(password, locked)
    locked.seek(0)
    return locked


def simfoni_exports_expire(now: dt.datetime | None = None) -> int:
    """Delete the files of exports not downloaded in time (run daily). Returns how many."""
    now = now or timezone.now()
    expired = SimfoniExport.objects.filter(
        state__in=[ExportState.READY, ExportState.PENDING], expires_at__lte=now
    )
    count = 0
    for export in expired.iterator():
        if export.file_path:
            _path(export).unlink(missing_ok=True)
        count += 1
    expired.update(state=ExportState.EXPIRED)
    return count
