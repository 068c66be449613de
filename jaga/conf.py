"""Typed helpers that read Jaga's configuration from environment variables.

Secrets that are absent from the environment are generated once into ``var/`` with owner-only
permissions, so a fresh clone runs without set-up and no secret is ever committed.
"""

import base64
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by this system user only, and tighten it if an
    older version left it open; every file Jaga creates from now on is owner-only too (the
    process umask), so the SQLite database, its journal, uploads and exports are 0600."""
    os.umask(0o077)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    for sqlite in path.glob("*.sqlite3*"):
        sqlite.chmod(0o600)
    return path


def secret_from_env_or_file(name: str, path: Path, generate: Callable[[], str]) -> str:
    """The environment variable if set, else the file's content, created on first use."""
    if value := os.environ.get(name):
        return value
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(generate())
    return path.read_text().strip()


def new_secret_key() -> str:
    return secrets.token_urlsafe(50)


def new_fernet_key() -> str:
    return Fernet.generate_key().decode()


def new_signing_key() -> str:
    """An Ed25519 private key, as urlsafe base64 of its 32 raw bytes."""
    key = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return base64.urlsafe_b64encode(key).decode()
