"""Documents people attach as evidence (PDF, XLSX, DOCX, PNG, JPEG): their type judged by
content, and their text, so a check can look for what must not be in it before anything is
stored. PDF through pypdf, XLSX through openpyxl, DOCX through its XML parts with the
standard library (python-docx is not a dependency: a DOCX is zipped XML). Office files are
zip archives: refused with macros or when they would unpack to far more than an evidence
file ever holds (a zip bomb)."""

import html
import io
import re
import zipfile
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from jaga.core.checks import check_pdf, check_upload_size, image_type

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
IMAGES = ("image/png", "image/jpeg")
EXTENSIONS = {PDF: "pdf", XLSX: "xlsx", DOCX: "docx", "image/png": "png", "image/jpeg": "jpg"}
# The part that makes a zip an XLSX or a DOCX.
OFFICE_MAIN = {"xl/workbook.xml": XLSX, "word/document.xml": DOCX}
UNPACKED_MAX = 60 * 1024 * 1024
# Where a DOCX keeps text: the body, headers, footers, notes and comments.
DOCX_TEXT = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml")
DOCX_RUN = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")


def _refuse_type() -> ValidationError:
    return ValidationError(_("Jenis berkas tidak diterima: unggah PDF, XLSX, DOCX, PNG atau JPEG."))


def _unreadable() -> ValidationError:
    return ValidationError(_("Berkas rusak atau tidak dapat dibaca."))


def _office_type(archive: zipfile.ZipFile) -> str:
    names = set(archive.namelist())
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(
            _("Berkas berisi makro. Simpan ulang sebagai XLSX atau DOCX biasa lalu unggah lagi.")
        )
    if sum(info.file_size for info in archive.infolist()) > UNPACKED_MAX:
        raise ValidationError(_("Isi berkas terlalu besar setelah dibuka."))
    found = [kind for part, kind in OFFICE_MAIN.items() if part in names]
    if len(found) != 1:
        raise _refuse_type()
    return found[0]


def check_document(upload: IO[bytes], *, size: int) -> str:
    """A PDF (no scripts, no password), XLSX, DOCX, PNG or JPEG of at most 10 MB, judged by
    its content, not its name; returns its content type."""
    check_upload_size(size)
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        check_pdf(upload)
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                return _office_type(archive)
        except (zipfile.BadZipFile, OSError):
            raise _unreadable() from None
        finally:
            upload.seek(0)
    kind = image_type(upload)
    if kind not in IMAGES:
        raise _refuse_type()
    return kind


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _xlsx_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        lines = []
        for sheet in book.worksheets:
            lines.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                lines.append("\n".join(str(value) for value in row if value is not None))
        return "\n".join(lines)
    finally:
        book.close()


def _docx_text(data: bytes) -> str:
    """Paragraph by paragraph: Word splits a word over several runs, so a paragraph's runs
    are joined without a space and paragraphs with a line break. The runs' text is taken
    with a pattern, not an XML parser: nothing in the file (a DTD, an entity) is expanded."""
    paragraphs = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not DOCX_TEXT.fullmatch(name):
                continue
            xml = archive.read(name).decode("utf-8", "replace")
            for paragraph in xml.split("</w:p>"):
                paragraphs.append(html.unescape("".join(DOCX_RUN.findall(paragraph))))
    return "\n".join(paragraphs)


READERS = {PDF: _pdf_text, XLSX: _xlsx_text, DOCX: _docx_text}


def document_text(upload: IO[bytes], content_type: str) -> str:
    """The text of a document ``check_document`` accepted; an image has none Jaga can read."""
    reader = READERS.get(content_type)
    if reader is None:
        return ""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        return reader(data)
    except (
        PdfReadError,
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        TypeError,
        OSError,
    ):
        raise _unreadable() from None
