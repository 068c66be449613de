"""Encrypted streams (backup archives, export files holding identities): AES-256-GCM over
fixed-size chunks, so a file of any size is written and read without holding it in memory.

Layout: ``MAGIC`` and an 8-byte random nonce prefix, then frames of (4-byte length, 1-byte
last-flag, ciphertext). Each chunk's nonce is the prefix and its index; the index and the flag
are authenticated too, so reordered, dropped or truncated chunks are detected.
"""

import base64
import os
import struct
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"JAGABAK1"
CHUNK = 1024 * 1024
_FRAME = struct.Struct(">IB")


class ArchiveError(Exception):
    """The archive is damaged, truncated or encrypted with another key."""


def new_stream_key() -> str:
    """A fresh random key in the form ``archive_key`` reads (a per-file key)."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def archive_key(value: str) -> bytes:
    """The 32-byte key from its configured form (urlsafe base64, like a Fernet key)."""
    key = base64.urlsafe_b64decode(value.encode())
    if len(key) != 32:
        raise ValueError("JAGA_BACKUP_KEY must be 32 bytes in urlsafe base64")
    return key


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">I", index)


def _aad(index: int, last: bool) -> bytes:
    return MAGIC + struct.pack(">QB", index, last)


class EncryptingWriter:
    """A write-only file object that encrypts what is written to ``raw``."""

    def __init__(self, raw: BinaryIO, key: bytes):
        self.raw, self.cipher = raw, AESGCM(key)
        self.prefix = os.urandom(8)
        self.index, self.buffer = 0, bytearray()
        raw.write(MAGIC + self.prefix)

    def write(self, data) -> int:
        self.buffer += data
        while len(self.buffer) > CHUNK:
            self._emit(bytes(self.buffer[:CHUNK]), last=False)
            del self.buffer[:CHUNK]
        return len(data)

    def _emit(self, chunk: bytes, last: bool) -> None:
        sealed = self.cipher.encrypt(_nonce(self.prefix, self.index), chunk, _aad(self.index, last))
        self.raw.write(_FRAME.pack(len(sealed), last) + sealed)
        self.index += 1

    def flush(self) -> None:
        """Chunks are written whole; nothing to push before ``close`` (zipfile calls it)."""

    def close(self) -> None:
        """Write the final chunk (it may be empty); without it a reader sees a truncation."""
        self._emit(bytes(self.buffer), last=True)
        self.buffer.clear()

    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        if kind is None:
            self.close()


class DecryptingReader:
    """A read-only file object over an archive written by ``EncryptingWriter``."""

    def __init__(self, raw: BinaryIO, key: bytes):
        self.raw, self.cipher = raw, AESGCM(key)
        head = raw.read(len(MAGIC) + 8)
        if head[: len(MAGIC)] != MAGIC:
            raise ArchiveError("not a Jaga backup archive")
        self.prefix = head[len(MAGIC) :]
        self.index, self.buffer, self.done = 0, bytearray(), False

    def _next_chunk(self) -> None:
        frame = self.raw.read(_FRAME.size)
        if len(frame) < _FRAME.size:
            raise ArchiveError("the archive is truncated")
        size, last = _FRAME.unpack(frame)
        sealed = self.raw.read(size)
        try:
            chunk = self.cipher.decrypt(
                _nonce(self.prefix, self.index), sealed, _aad(self.index, bool(last))
            )
        except InvalidTag:
            raise ArchiveError("wrong key, or the archive is damaged") from None
        self.index += 1
        self.buffer += chunk
        self.done = bool(last)

    def read(self, size: int = -1) -> bytes:
        while not self.done and (size < 0 or len(self.buffer) < size):
            self._next_chunk()
        size = len(self.buffer) if size < 0 else min(size, len(self.buffer))
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data

    def close(self) -> None:
        self.raw.close()


def create_private(path) -> BinaryIO:
    """A new file open for writing that only this system user may read (0600 from the
    first byte: never a moment readable by others, whatever the umask)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return os.fdopen(fd, "wb")
