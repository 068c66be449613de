"""Indonesian mobile numbers: people type them as 0812…, 62812… or +62 812-…"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MOBILE = re.compile(r"^\+628\d{7,11}$")


def normalise_phone(raw: str) -> str:
    """The number as +628…, or ValidationError with a message a volunteer understands."""
    digits = re.sub(r"[\s\-().]", "", raw or "")
    if digits.startswith("0"):
        digits = "+62" + digits[1:]
    elif digits.startswith("62"):
        digits = "+" + digits
    if not MOBILE.match(digits):
        raise ValidationError(
            _("Nomor HP tidak sah. Tulis seperti 081234567890 (10–13 angka, diawali 08)."),
            code="phone",
        )
    return digits


def looks_like_phone(value: str) -> bool:
    return bool(re.fullmatch(r"[+\d][\d\s\-().]{6,}", value or ""))
