"""The one way round the database's append-only guard on audit rows.

Triggers on both databases refuse UPDATE, DELETE (and TRUNCATE on PostgreSQL) of audit rows
unless the current connection has switched maintenance on. Nothing in the application does;
it exists for test-database flushes and, later, the retention job that removes rows past
their retention period. On SQLite the trigger calls a function registered on each connection
(a connection without it, such as the sqlite3 shell, is refused too); on PostgreSQL it reads a
session setting.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

PG_SETTING = "directsupport.audit_maintenance"


def register_sqlite_guard(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if connection.vendor != "sqlite":
        return

    def maintenance_on() -> int:
        return 1 if getattr(connection, "audit_maintenance", False) else 0

    connection.connection.create_function("dys_audit_maintenance", 0, maintenance_on)


@contextmanager
def audit_maintenance(using: str = "default") -> Iterator[None]:
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', false)", [PG_SETTING])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'off', false)", [PG_SETTING])
    else:
        connection.audit_maintenance = True  # type: ignore[attr-defined]
        try:
            yield
        finally:
            connection.audit_maintenance = False  # type: ignore[attr-defined]
