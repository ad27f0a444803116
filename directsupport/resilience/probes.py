"""Try, as the current connection, every way of changing an append-only table, and say which the
database refused. Used by `manage.py database_roles --verify` (against the real deployment, as
the application's own login) and by the tests. Everything runs inside a transaction that is
always rolled back, so even an attempt that wrongly succeeds leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import DatabaseError, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from psycopg import sql

from .roles import append_only_tables

MAINTENANCE_ON = "SET LOCAL directsupport.audit_maintenance = 'on'"
# A refusal counts only for the right reason: no privilege or not the owner (42501), or an
# append-only trigger raising (P0001). Any other error (a typo, a missing column) proves nothing.
REFUSALS = frozenset({"42501", "P0001"})


@dataclass(frozen=True)
class Probe:
    table: str
    attempt: str
    refused: bool
    answer: str


def _attempts(connection: BaseDatabaseWrapper, table: str) -> list[tuple[str, list[str]]]:
    """(what is tried, the statements) for one table, including dropping each of its triggers."""
    name = sql.Identifier(table)

    def text(statement: sql.Composable) -> str:
        return statement.as_string(connection.connection)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
            [text(name)],
        )
        triggers = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
            "AND NOT attisdropped ORDER BY attnum LIMIT 1",
            [text(name)],
        )
        column = sql.Identifier(cursor.fetchone()[0])
    update = text(sql.SQL("UPDATE {} SET {} = {}").format(name, column, column))
    delete = text(sql.SQL("DELETE FROM {}").format(name))
    attempts = [
        ("UPDATE", [update]),
        ("DELETE", [delete]),
        ("TRUNCATE", [text(sql.SQL("TRUNCATE {}").format(name))]),
        ("UPDATE with the maintenance setting on", [MAINTENANCE_ON, update]),
        ("DELETE with the maintenance setting on", [MAINTENANCE_ON, delete]),
        ("triggers off for the session", ["SET LOCAL session_replication_role = replica", delete]),
        (
            "ALTER TABLE … DISABLE TRIGGER",
            [text(sql.SQL("ALTER TABLE {} DISABLE TRIGGER ALL").format(name))],
        ),
    ]
    attempts.extend(
        (
            f"DROP TRIGGER {trigger}",
            [text(sql.SQL("DROP TRIGGER {} ON {}").format(sql.Identifier(trigger), name))],
        )
        for trigger in triggers
    )
    return attempts


def probe_append_only_tables(using: str = "default") -> list[Probe]:
    """Every attempt against every append-only table; ``refused`` is False for any that worked."""
    connection = connections[using]
    probes: list[Probe] = []
    with transaction.atomic(using=using):
        # Against a live database: never queue behind the product's own transactions. (The
        # application role is refused before any lock is taken; only a login that owns the
        # tables would wait, and it fails the check anyway.)
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '5s'")
        for table in append_only_tables(connection):
            for attempt, statements in _attempts(connection, table):
                try:
                    with transaction.atomic(using=using), connection.cursor() as cursor:
                        for statement in statements:
                            cursor.execute(statement)
                except DatabaseError as error:
                    answer = str(error).splitlines()[0]
                    refusal = getattr(error.__cause__, "sqlstate", None) in REFUSALS
                    probes.append(Probe(table, attempt, refused=refusal, answer=answer))
                else:
                    probes.append(Probe(table, attempt, refused=False, answer="it worked"))
        transaction.set_rollback(True, using=using)
    return probes
