"""Reads of figures from a PostgreSQL streaming replica (JAGA_REPLICA_DATABASE_URL).

Only what runs inside ``reads_from_replica()`` reads from the replica, and only outside a
transaction on the primary: a service that reads a row and then updates it does so in a
transaction, so it never writes a change computed from the replica's older copy. Every write
goes to the primary. Without the setting there is no replica alias and nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

_reading = ContextVar("reads_from_replica", default=False)


@contextmanager
def reads_from_replica() -> Iterator[None]:
    """Send the reads of the block to the replica when one is configured."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def replica_configured() -> bool:
    return REPLICA in connections.settings


class ReplicaRouter:
    """Django's database router for the two aliases: ``replica`` holds the same rows as
    ``default`` a moment later, so relations between them are allowed and only the primary
    is migrated."""

    def db_for_read(self, model: type, **hints: Any) -> str:
        if (
            _reading.get()
            and replica_configured()
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS
