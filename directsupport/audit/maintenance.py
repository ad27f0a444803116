"""The one way round the database's append-only guard on audit rows.

Triggers on both databases refuse UPDATE, DELETE (and TRUNCATE on PostgreSQL) of audit rows
unless the current connection has switched maintenance on. Nothing in the application does;
it exists for test-database flushes and, later, the retention job that removes rows past
their retention period. On SQLite the trigger calls a function registered on each connection
(a connection without it, such as the sqlite3 shell, is refused too); on PostgreSQL it reads a
session setting.

On PostgreSQL with two roles (README: PostgreSQL, two roles) the application's login may only read
and add audit rows and ledger entries, so maintenance must run on the owner's connection:
``audit_maintenance(using=maintenance_database())``. Asked for on a connection that may not act
as the tables' owner, it refuses at once with a message that says so, rather than letting the
work fail later on a permission error.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

PG_SETTING = "directsupport.audit_maintenance"
# The owner's connection (settings: DATABASE_OWNER_URL), when there is one.
OWNER_ALIAS = "owner"


class MaintenanceNeedsTheOwner(PermissionError):
    """Audit maintenance was asked for on a connection that does not own the audit tables."""


def maintenance_database() -> str:
    """The connection alias maintenance runs on: the owner's when configured, else default."""
    return OWNER_ALIAS if OWNER_ALIAS in settings.DATABASES else "default"


def _may_act_as_owner(connection: BaseDatabaseWrapper) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_has_role(current_user, relowner, 'MEMBER') FROM pg_class "
            "WHERE oid = to_regclass('audit_auditevent')"
        )
        row = cursor.fetchone()
    return row is None or bool(row[0])


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
        if not _may_act_as_owner(connection):
            raise MaintenanceNeedsTheOwner(
                f"Audit maintenance needs the tables' owner; the {using!r} connection signs in as "
                "the application. Use audit_maintenance(using=maintenance_database()) with "
                "DATABASE_OWNER_URL set."
            )
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
