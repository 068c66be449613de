"""Checks on what people type and upload, shared by every app. Each raises a
``ValidationError`` with a precise Indonesian message; ``Problems`` collects them per field so
a form shows every problem at once and nothing is saved."""

import datetime
import re
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ADULT_AGE = 18
# A tag-like "<b>", "</p>", "<!--" or "<script": text with HTML is refused, not cleaned,
# so what is stored is exactly what the person typed ("3 < 5" stays allowed).
HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
NIK = re.compile(r"\d{16}")


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


def check_upload(upload: IO[bytes], *, size: int) -> str:
    """An image or PDF of at most 10 MB, judged by its content (not its name); returns the
    content type to serve it with."""
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Berkas terlalu besar (%(size).1f MB); batasnya 10 MB.") % {"size": size / 1048576}
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return "application/pdf"
    try:
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        kind = None
    finally:
        upload.seek(0)
    types = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
    if kind not in types:
        raise ValidationError(
            _("Jenis berkas tidak diterima: unggah foto (JPEG, PNG, WebP, GIF) atau PDF.")
        )
    return types[kind]


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
