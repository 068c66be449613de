"""Encryption at rest for identifying fields, and keyed hashes that let them be searched.

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``). Several
keys may be configured, newest first: the newest encrypts, every key decrypts, and
``jaga rotate-keys`` re-encrypts old rows. Search never decrypts: a keyed HMAC of the
normalised value (a "blind index") is stored beside it and compared instead.
"""

import hashlib
import hmac
import re
import unicodedata
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

PREFIX = "enc:"


@cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in settings.FIELD_ENCRYPTION_KEYS])


def reset_keys() -> None:
    """Forget the loaded keys (after the settings change, in tests and key rotation)."""
    _fernet.cache_clear()


def encrypt(value: str) -> str:
    return PREFIX + _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    if not token.startswith(PREFIX):
        raise ValueError("not an encrypted value")
    try:
        return _fernet().decrypt(token[len(PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise ValueError("no configured key decrypts this value") from error


def rotate(token: str) -> str:
    """The same value encrypted under the newest key."""
    return PREFIX + _fernet().rotate(token[len(PREFIX) :].encode()).decode()


def normalise(value: str) -> str:
    """Case, accents and spacing do not matter when looking a value up."""
    value = unicodedata.normalize("NFKD", value)
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    return " ".join(value.casefold().split())


def blind_index(value: str, purpose: str) -> str:
    """A keyed hash of the normalised value; ``purpose`` keeps indexes of different fields
    apart so equal values in two fields do not match."""
    message = f"{purpose}\x00{normalise(value)}".encode()
    return hmac.new(settings.FIELD_INDEX_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


WORD = re.compile(r"\w+")


def word_indexes(value: str, purpose: str) -> set[str]:
    """Blind indexes of each whole word, for searching names by any of their words."""
    return {blind_index(word, purpose) for word in WORD.findall(normalise(value))}


class EncryptedTextField(models.TextField):
    """A text field whose value is stored encrypted; empty stays empty (not secret)."""

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(value)


def encrypted_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
