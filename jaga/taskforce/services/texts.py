"""Typed text as the task force's services keep it: plain text (no HTML, as everywhere in
Jaga), titles on one line."""

from django.core.exceptions import ValidationError

from jaga.core.checks import check_plain_text


def plain(value: str, field: str) -> str:
    """``value`` stripped; HTML refused with the message on ``field``."""
    try:
        return check_plain_text(value)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


def one_line(value: str, field: str = "title") -> str:
    """Plain text with its runs of white space (new lines too) made one space."""
    return " ".join(plain(value, field).split())
