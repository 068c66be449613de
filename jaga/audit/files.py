"""Serving a stored file that belongs to a protected record."""

from typing import Any

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest, HttpResponse

from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record


def audited_file_response(
    *,
    request: HttpRequest,
    target: Any,
    field: str,
    file: FieldFile,
    content_type: str,
    filename: str,
) -> FileResponse:
    """The file, after a DOWNLOAD audit event on ``target``. The caller has already fetched
    ``target`` through the access policy; the name sent never holds the uploader's file name
    (it may identify someone)."""
    audit_record(
        actor=request.user,
        action=AuditAction.DOWNLOAD,
        target=target,
        fields=[field],
        request=request,
    )
    response = FileResponse(file.open("rb"), content_type=content_type)
    # Always a download, never shown inline: a file opened in the browser runs in Jaga's
    # origin (an SVG's or a PDF's script), and a phone's viewer app keeps no copy in history.
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def audited_export(
    *,
    request: HttpRequest,
    target: Any,
    fields: list[str],
    reason: str,
    content: bytes,
    content_type: str,
    filename: str,
) -> HttpResponse:
    """Figures of ``target`` (an area, fetched through the policy) sent as a download, after
    an EXPORT audit event naming what was exported (``fields``) and in which form (``reason``)."""
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        target=target,
        fields=fields,
        reason=reason,
        request=request,
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
