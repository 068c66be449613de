"""Documents the task force attaches to progress and closing evidence: PDF only (letters,
reports, photos gathered into one file), judged by content, at most 10 MB."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def check_document(upload: UploadedFile, *, field: str) -> None:
    """Refuse anything but a PDF of at most 10 MB (by its first bytes, not its name)."""
    if (upload.size or 0) > MAX_DOCUMENT_BYTES:
        raise ValidationError({field: _("Dokumen terlalu besar; batasnya 10 MB.")})
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError({field: _("Unggah dokumen PDF.")})
