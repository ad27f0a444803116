"""Least privilege on PostgreSQL: the owner role owns the tables, the application role uses them.

The application (web server, task workers) connects as a role that may read and write ordinary
tables but only SELECT and INSERT on the append-only ones (audit rows, the ledger, and any table
added later with an append-only trigger). It owns nothing, so it cannot alter, disable or drop a
trigger, and with no UPDATE, DELETE or TRUNCATE privilege on those tables the maintenance
setting (audit/maintenance.py) gives it nothing. Migrations and legitimate removal of
append-only rows (retention) run as the owner, through the "owner" database alias.

Which tables are append-only is read from the database itself (``append_only_tables``), never
from a list kept here, so a table whose migration adds an append-only trigger is covered the
next time the grants are applied (``manage.py database_roles``, which ``make migrate`` runs).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from psycopg import sql

# pg_trigger.tgtype bit for TRUNCATE (PostgreSQL's include/catalog/pg_trigger.h).
TRIGGER_TYPE_TRUNCATE = 32

# The database's own statement of which tables never lose or change a row: a table is
# append-only when one of its triggers refuses TRUNCATE (TRUNCATE skips row triggers, so a table
# guarded only against UPDATE and DELETE is not append-only), or when its trigger function is
# named for the rule, "…append_only…" (audit/migrations/0002, funds/migrations/0002).
APPEND_ONLY_TABLES_SQL = """
    SELECT DISTINCT c.relname
    FROM pg_trigger t
    JOIN pg_class c ON c.oid = t.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_proc p ON p.oid = t.tgfoid
    WHERE NOT t.tgisinternal
      AND n.nspname = current_schema()
      AND ((t.tgtype & %s) <> 0 OR p.proname LIKE %s)
    ORDER BY c.relname
"""

# Tables the application reads but must never write: the record of which migrations ran.
READ_ONLY_TABLES = frozenset({"django_migrations"})

APPEND_ONLY_PRIVILEGES = ("SELECT", "INSERT")
ORDINARY_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE")
READ_ONLY_PRIVILEGES = ("SELECT",)
# Every table privilege PostgreSQL has, to report any the application should not hold.
ALL_TABLE_PRIVILEGES = (
    "SELECT",
    "INSERT",
    "UPDATE",
    "DELETE",
    "TRUNCATE",
    "REFERENCES",
    "TRIGGER",
)


class RolesProblem(Exception):
    """The roles cannot be set up as asked; the message says why and what to do."""


def append_only_tables(connection: BaseDatabaseWrapper) -> list[str]:
    """The tables in the current schema that the database itself keeps append-only."""
    with connection.cursor() as cursor:
        cursor.execute(APPEND_ONLY_TABLES_SQL, [TRIGGER_TYPE_TRUNCATE, "%append_only%"])
        return [row[0] for row in cursor.fetchall()]


def expected_privileges(table: str, append_only: Iterable[str]) -> tuple[str, ...]:
    if table in READ_ONLY_TABLES:
        return READ_ONLY_PRIVILEGES
    if table in set(append_only):
        return APPEND_ONLY_PRIVILEGES
    return ORDINARY_PRIVILEGES


def _tables_and_owners(connection: BaseDatabaseWrapper, kinds: str) -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, pg_get_userbyid(c.relowner)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind = ANY(%s)
            ORDER BY c.relname
            """,
            [list(kinds)],
        )
        return [(name, owner) for name, owner in cursor.fetchall()]


def role_names(owner_alias: str) -> tuple[str, str]:
    """(owner role, application role) from the two connections' settings."""
    app_role = settings.DATABASES["default"].get("USER") or ""
    owner_role = settings.DATABASES[owner_alias].get("USER") or ""
    return owner_role, app_role


@dataclass
class GrantReport:
    owner_role: str
    app_role: str
    append_only: list[str] = field(default_factory=list)
    ordinary: list[str] = field(default_factory=list)
    sequences: int = 0


def apply_grants(connection: BaseDatabaseWrapper, *, owner_role: str, app_role: str) -> GrantReport:
    """(Re)apply the application role's privileges on every table and sequence. Idempotent.

    Runs as the owner (or a superuser). Each table's grants are revoked and given again, so a
    table that has become append-only since the last run loses UPDATE and DELETE. Default
    privileges give tables the owner creates later only SELECT and INSERT until this runs again
    (fail safe: a new append-only table is never briefly writable). One transaction, so a live
    application never sees a table between its REVOKE and its GRANT.
    """
    with transaction.atomic(using=connection.alias):
        return _apply_grants(connection, owner_role=owner_role, app_role=app_role)


def _apply_grants(
    connection: BaseDatabaseWrapper, *, owner_role: str, app_role: str
) -> GrantReport:
    if not owner_role or not app_role:
        raise RolesProblem("Both roles need a name: check DATABASE_URL and DATABASE_OWNER_URL.")
    if owner_role == app_role:
        raise RolesProblem(
            f"The application and the owner are the same role ({app_role}). Set DATABASE_URL "
            "to the application's role and DATABASE_OWNER_URL to the owner's."
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [app_role])
        row = cursor.fetchone()
    if row is None:
        raise RolesProblem(
            f"There is no role {app_role}. Create it first (README: PostgreSQL, two roles), or "
            "run manage.py database_roles --create-roles-as <a superuser's URL>."
        )
    if row[0]:
        raise RolesProblem(f"{app_role} is a superuser: no grant can limit it. Use another role.")

    tables = _tables_and_owners(connection, "rpvm")
    others = [f"{name} (owned by {owner})" for name, owner in tables if owner != owner_role]
    if others:
        raise RolesProblem(
            f"These tables are not owned by {owner_role}: {', '.join(others[:5])}. Hand them "
            "over with manage.py database_roles --create-roles-as <a superuser's URL>."
        )
    append_only = append_only_tables(connection)
    report = GrantReport(owner_role=owner_role, app_role=app_role, append_only=append_only)
    owner, app = sql.Identifier(owner_role), sql.Identifier(app_role)
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        schema = sql.Identifier(cursor.fetchone()[0])

        def execute(statement: sql.Composed) -> None:
            cursor.execute(statement.as_string(connection.connection))

        execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, app))
        for name, _ in tables:
            table = sql.Identifier(name)
            privileges = expected_privileges(name, append_only)
            execute(sql.SQL("REVOKE ALL ON TABLE {} FROM {}").format(table, app))
            execute(
                sql.SQL("GRANT {} ON TABLE {} TO {}").format(
                    sql.SQL(", ").join(sql.SQL(p) for p in privileges), table, app
                )
            )
            if privileges == ORDINARY_PRIVILEGES:
                report.ordinary.append(name)
        for name, _ in _tables_and_owners(connection, "S"):
            sequence = sql.Identifier(name)
            execute(sql.SQL("REVOKE ALL ON SEQUENCE {} FROM {}").format(sequence, app))
            execute(sql.SQL("GRANT USAGE, SELECT ON SEQUENCE {} TO {}").format(sequence, app))
            report.sequences += 1
        execute(
            sql.SQL(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} "
                "GRANT SELECT, INSERT ON TABLES TO {}"
            ).format(owner, schema, app)
        )
        execute(
            sql.SQL(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} "
                "GRANT USAGE, SELECT ON SEQUENCES TO {}"
            ).format(owner, schema, app)
        )
    return report


def privilege_problems(connection: BaseDatabaseWrapper, *, app_role: str) -> list[str]:
    """Every way the application role's privileges differ from the rule, in plain words."""
    append_only = append_only_tables(connection)
    problems: list[str] = []
    with connection.cursor() as cursor:
        for name, _owner in _tables_and_owners(connection, "rpvm"):
            expected = set(expected_privileges(name, append_only))
            cursor.execute(
                "SELECT p FROM unnest(%s::text[]) AS p WHERE has_table_privilege(%s, %s, p)",
                [list(ALL_TABLE_PRIVILEGES), app_role, _quoted(name)],
            )
            held = {row[0] for row in cursor.fetchall()}
            if extra := sorted(held - expected):
                problems.append(f"{app_role} may {'/'.join(extra)} on {name}")
            if missing := sorted(expected - held):
                problems.append(f"{app_role} lacks {'/'.join(missing)} on {name}")
    return problems


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class LoginFacts:
    role: str
    is_superuser: bool
    owned_tables: int


def login_facts(connection: BaseDatabaseWrapper) -> LoginFacts:
    """Whether this connection's login is a superuser, and how many tables it owns (directly or
    through a role it may become)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT current_user, r.rolsuper,
                   (SELECT count(*) FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
                      AND pg_has_role(current_user, c.relowner, 'MEMBER'))
            FROM pg_roles r WHERE r.rolname = current_user
            """
        )
        role, is_superuser, owned = cursor.fetchone()
    return LoginFacts(role=role, is_superuser=bool(is_superuser), owned_tables=int(owned))
