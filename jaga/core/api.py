"""The API's error shape, shared by every app's router: ``{"detail": "…", "fields": {…}}``,
a sentence in the active language and, for input that does not fit the schema, the message of
each field."""

from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError
from pydantic import Field, JsonValue


class ErrorOut(Schema):
    detail: str
    fields: dict[str, list[str]] = {}


# A free text the service requires: it strips spaces and refuses an empty one, so the schema
# asks for something besides spaces.
RequiredText = Annotated[str, Field(min_length=1, pattern=r"\S")]

# The same said only in the schema (``Field(json_schema_extra=…)``), for a service whose own
# message is the page's and should reach the API client too, not pydantic's plainer one.
REQUIRED_TEXT: dict[str, JsonValue] = {"minLength": 1, "pattern": r"\S"}

# What any operation may answer instead of its result; documented on every one of them.
ERROR_CODES = (400, 401, 403, 404, 409, 422, 429)


def problems(error: ValidationError) -> HttpError:
    """A service's problems as a 422 whose message names each field."""
    if hasattr(error, "error_dict"):
        text = "; ".join(f"{field}: {' '.join(m)}" for field, m in error.message_dict.items())
    else:
        text = " ".join(error.messages)
    # A stale save is a conflict: the client should reload, not fix its input.
    return HttpError(409 if getattr(error, "code", None) == "stale" else 422, text)


def _schema_message(error: dict) -> str:
    """Pydantic's kinds of error, said in Indonesian; its own (English) text never shows."""
    kind, context = error.get("type", ""), error.get("ctx") or {}
    if kind == "missing":
        return _("Wajib diisi.")
    if kind in {"string_too_short", "too_short"}:
        return _("Terlalu pendek (paling sedikit %(n)s).") % {"n": context.get("min_length", 1)}
    if kind in {"string_too_long", "too_long"}:
        return _("Terlalu panjang (paling banyak %(n)s).") % {"n": context.get("max_length")}
    if kind in {"greater_than_equal", "greater_than"}:
        return _("Terlalu kecil (paling sedikit %(n)s).") % {
            "n": context.get("ge", context.get("gt"))
        }
    if kind in {"less_than_equal", "less_than"}:
        return _("Terlalu besar (paling banyak %(n)s).") % {
            "n": context.get("le", context.get("lt"))
        }
    if kind in {"enum", "literal_error"}:
        return _("Pilihan tidak dikenal.")
    if kind.startswith(("date", "datetime")):
        return _("Tanggal tidak sah (format TTTT-BB-HH).")
    if kind.startswith(("int", "float", "decimal")):
        return _("Harus berupa angka.")
    if kind == "json_invalid":
        return _("Isi permintaan bukan JSON yang sah.")
    return _("Nilai tidak sah.")


def schema_problems(errors: list[dict]) -> dict:
    """The body of a 422 for input that does not fit an operation's schema."""
    fields: dict[str, list[str]] = {}
    for error in errors:
        where = [str(p) for p in error.get("loc", ()) if p not in {"body", "query", "path"}]
        name = ".".join(where[1:] if len(where) > 1 else where) or "body"
        fields.setdefault(name, []).append(_schema_message(error))
    text = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in fields.items())
    return {
        "detail": _("Data yang dikirim tidak sesuai: %(problems)s") % {"problems": text},
        "fields": fields,
    }
