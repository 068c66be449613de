"""Checks on what people type and upload, shared by every app. Each raises a
``ValidationError`` with a precise Indonesian message; ``Problems`` collects them per field so
a form shows every problem at once and nothing is saved."""

import datetime
import io
import re
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ADULT_AGE = 18
# A tag-like "<b>", "</p>", "<!--" or "<script": text with HTML is refused, not cleaned,
# so what is stored is exactly what the person typed ("3 < 5" stays allowed).
HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
NIK = re.compile(r"\d{16}")
# What lets a PDF run code or carry other files when opened: scripts, launch actions,
# embedded files and rich media, interactive XFA forms. Searched as dictionary keys and action
# types through every object, and as raw bytes for what the parser may not reach.
PDF_ACTIVE = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/Launch",
        "/EmbeddedFiles",
        "/EmbeddedFile",
        "/EF",
        "/RichMedia",
        "/XFA",
    }
)
PDF_ACTIVE_BYTES = (b"/JavaScript", b"/EmbeddedFile", b"/Launch", b"/RichMedia")
IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP", "image/gif": "GIF"}


def check_plain_text(value: str) -> str:
    """The text without surrounding spaces; refuses HTML tags."""
    if HTML_TAG.search(value or ""):
        raise ValidationError(
            _(
                "Teks tidak boleh berisi tag HTML (tanda < dan > yang mengapit kata). "
                "Tulis teks biasa."
            )
        )
    return (value or "").strip()


def check_nik(value: str) -> str:
    """A NIK is exactly 16 digits; spaces and dots people type between groups are dropped."""
    digits = re.sub(r"[\s.]", "", value or "")
    if digits and not NIK.fullmatch(digits):
        raise ValidationError(
            _("NIK harus tepat 16 digit angka (yang diisi: %(count)s karakter).")
            % {"count": len(digits)}
        )
    return digits


def today() -> datetime.date:
    return timezone.localdate()


def check_birth_date(value: datetime.date | None) -> None:
    if value and value > today():
        raise ValidationError(_("Tanggal lahir tidak boleh di masa depan."))


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def check_child_age(*, victim_kind: str, age: int | None) -> None:
    """An "anak" is under 18 (UU 35/2014); an older victim is recorded as a woman."""
    if victim_kind == "child" and age is not None and age >= ADULT_AGE:
        raise ValidationError(
            _(
                "Korban berumur %(age)s tahun bukan anak (anak berumur di bawah 18 tahun). "
                "Pilih “perempuan dewasa” atau periksa umur/tanggal lahir."
            )
            % {"age": age}
        )


def check_incident_date(value: datetime.date | None, reported_on: datetime.date) -> None:
    if value and value > reported_on:
        raise ValidationError(
            _("Tanggal kejadian (%(incident)s) tidak boleh setelah tanggal laporan (%(report)s).")
            % {"incident": value.strftime("%d-%m-%Y"), "report": reported_on.strftime("%d-%m-%Y")}
        )


def check_upload_size(size: int) -> None:
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Berkas terlalu besar (%(size).1f MB); batasnya 10 MB.") % {"size": size / 1048576}
        )


def image_type(upload: IO[bytes]) -> str | None:
    """The content type of an image Jaga keeps (JPEG, PNG, WebP, GIF) judged by its pixels'
    format, or None for anything else."""
    try:
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        kind = None
    finally:
        upload.seek(0)
    return {format_: type_ for type_, format_ in IMAGE_FORMATS.items()}.get(kind or "")


def check_upload(upload: IO[bytes], *, size: int) -> str:
    """An image or PDF of at most 10 MB, judged by its content (not its name); returns the
    content type to serve it with."""
    check_upload_size(size)
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        check_pdf(upload)
        return "application/pdf"
    kind = image_type(upload)
    if kind is None:
        raise ValidationError(
            _("Jenis berkas tidak diterima: unggah foto (JPEG, PNG, WebP, GIF) atau PDF.")
        )
    return kind


def _pdf_active_parts(reader: PdfReader) -> set[str]:
    """The active parts (``PDF_ACTIVE``) found anywhere in the PDF's object graph."""
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack: list = [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            found |= PDF_ACTIVE & set(obj.keys())
            if obj.get("/S") in PDF_ACTIVE or obj.get("/Type") in PDF_ACTIVE:
                found.add(str(obj.get("/S") or obj.get("/Type")))
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return found


def check_pdf(upload: IO[bytes]) -> None:
    """Refuses a PDF that carries JavaScript, a launch action or embedded files, one with a
    password, and one that cannot be read: a case file's attachment is only ever a document."""
    data = upload.read()
    upload.seek(0)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(_("PDF berkata sandi tidak diterima. Unggah tanpa kata sandi."))
        active = _pdf_active_parts(reader)
    except (PdfReadError, ValueError, KeyError, TypeError, RecursionError):
        raise ValidationError(_("Berkas PDF rusak atau tidak dapat dibaca.")) from None
    if active or any(marker in data for marker in PDF_ACTIVE_BYTES):
        raise ValidationError(
            _(
                "PDF ini berisi skrip (JavaScript), tindakan otomatis atau berkas tersemat. "
                "Simpan ulang sebagai PDF biasa (mis. Cetak ke PDF) lalu unggah lagi."
            )
        )


def scrubbed_upload(upload: IO[bytes], content_type: str, name: str) -> ContentFile:
    """What is stored of a checked upload: an image re-encoded from its pixels only (turned
    upright first), so no EXIF — GPS position, camera, time — or other metadata survives; a
    PDF (already checked by ``check_pdf``) as it came."""
    upload.seek(0)
    if content_type not in IMAGE_FORMATS:
        return ContentFile(upload.read(), name=name)
    with Image.open(upload) as image:
        upright = ImageOps.exif_transpose(image)
        if IMAGE_FORMATS[content_type] == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        out = io.BytesIO()
        upright.save(out, format=IMAGE_FORMATS[content_type], **_save_options(content_type))
    return ContentFile(out.getvalue(), name=name)


def _save_options(content_type: str) -> dict:
    return {"quality": 90} if content_type in ("image/jpeg", "image/webp") else {}


class Problems:
    """Collects field problems so a form shows them all at once; ``raise_any`` raises them
    together before anything is saved."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def check(self, field: str, check: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return check(*args, **kwargs)
        except ValidationError as error:
            self.errors.setdefault(field, []).extend(error.messages)
            return None

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def raise_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def age_checked(
    problems: Problems,
    *,
    kind: str,
    age: int | None,
    birth_date: datetime.date | None,
    age_field: str = "victim_age",
    birth_date_field: str = "victim_birth_date",
) -> int | None:
    """The victim's age, from the birth date when known, checked against their kind; problems
    are put on the form's own field names."""
    problems.check(birth_date_field, check_birth_date, birth_date)
    if birth_date and birth_date <= today():
        derived = age_on(birth_date, today())
        if age is not None and age != derived:
            problems.add(
                age_field,
                _("Umur (%(age)s) tidak sesuai dengan tanggal lahir (%(derived)s tahun).")
                % {"age": age, "derived": derived},
            )
        age = derived
    if age is not None and age > 120:
        problems.add(age_field, _("Umur tidak masuk akal."))
    problems.check(age_field, check_child_age, victim_kind=kind, age=age)
    return age
