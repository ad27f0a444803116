"""A fingerprint of every table in the database, taken in one query, so the access walk can say
"no row in any table changed" after each request rather than counting a few models' rows.

Each table's rows are read in primary-key order with every column, joined into one text per
table and hashed here. The text is kept too, so a failure can say which rows changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

from django.db import connection

# Tables that change on every request, or are written by design on a refusal; each with why.
# Everything else (people, plans, money, users, devices, permissions...) must stay byte-for-byte
# the same after an outsider's request.
EXCLUDED_TABLES: dict[str, str] = {
    "audit_auditevent": "the audit log: each refusal writes a 'denied' row by design (append-only)",
    "audit_recordseal": "the seals of the audit and ledger hash chains: the sealing task adds "
    "them after audited requests (append-only; verify_records checks them)",
    "django_admin_log": "the admin's own append-only log of changes made through the back office",
    "django_session": "the signed-in session is saved on each request (idle timeout, messages)",
    "axes_accessattempt": "sign-in lockout bookkeeping (django-axes), not product data",
    "axes_accessattemptexpiration": "sign-in lockout bookkeeping (django-axes), not product data",
    "axes_accessfailurelog": "sign-in lockout bookkeeping (django-axes), not product data",
    "axes_accesslog": "django-axes' log of sign-ins and sign-outs (append-only)",
    "django_tasks_database_dbtaskresult": "the background task queue: its results are bookkeeping",
    "django_migrations": "migration history, not data a request could change",
    "sqlite_sequence": "SQLite's own counters behind AUTOINCREMENT",
    "sqlite_stat1": "SQLite's query-planner statistics",
}


@dataclass(frozen=True)
class TableRows:
    """One table's rows as text (one line per row, in primary-key order) and its checksum."""

    text: str

    @cached_property
    def checksum(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()

    def lines(self) -> list[str]:
        return self.text.split("\n") if self.text else []


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _table_columns() -> dict[str, tuple[list[str], list[str]]]:
    """Each checked table's columns and its ordering columns (the primary key, or every
    column for a table without one), read from the database itself so that a table added by a
    colleague's migration is checked without anyone listing it."""
    tables: dict[str, tuple[list[str], list[str]]] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in EXCLUDED_TABLES:
                continue
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            primary_key = connection.introspection.get_primary_key_columns(cursor, table)
            tables[table] = (columns, primary_key or columns)
    return tables


def _one_table_sql(table: str, columns: list[str], order: list[str]) -> str:
    """SQL giving one row: the table's name and all its rows as one text, in key order.

    Table and column names come from the database's own catalogue, never from input.
    """
    order_by = ", ".join(_quote(c) for c in order)
    if connection.vendor == "postgresql":
        # A row cast to text holds every column, in the table's own column order.
        rows = f"string_agg(t::text, E'\\n' ORDER BY {order_by})"
        return f"SELECT '{table}', coalesce({rows}, '') FROM {_quote(table)} AS t"  # noqa: S608
    # SQLite: quote() writes each value unambiguously (NULL, 'text', X'blob', numbers); the
    # aggregate reads the inner query's rows in its key order.
    row = " || ',' || ".join(f"quote({_quote(c)})" for c in columns)
    ordered = f"SELECT {row} AS r FROM {_quote(table)} ORDER BY {order_by}"  # noqa: S608
    return f"SELECT '{table}', coalesce(group_concat(r, char(10)), '') FROM ({ordered})"  # noqa: S608


class TableFingerprints:
    """Reads every table's rows in one query; built once per test (the tables don't change)."""

    def __init__(self) -> None:
        tables = _table_columns()
        self._columns = tables
        self.tables = list(tables)
        self._sql = "\nUNION ALL\n".join(
            _one_table_sql(table, columns, order) for table, (columns, order) in tables.items()
        )

    def take(self) -> dict[str, TableRows]:
        with connection.cursor() as cursor:
            cursor.execute(self._sql)
            return {name: TableRows(text) for name, text in cursor.fetchall()}

    def writes(self) -> dict[str, int] | None:
        """PostgreSQL only (None elsewhere): how many rows this transaction has inserted,
        updated or deleted in each table so far. Every write bumps these counters, even one
        later rolled back to a savepoint, so two readings that agree for a table prove no
        request in between wrote to it."""
        if connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
            )
            return dict(cursor.fetchall())

    def take_after(
        self, baseline: dict[str, TableRows], writes_before: dict[str, int] | None
    ) -> dict[str, TableRows]:
        """The fingerprint after a request that started from ``baseline``. On PostgreSQL only
        the tables the request wrote to are read again (reading all 150 after each of the walk's
        thousands of requests was most of its time); elsewhere every table is."""
        writes_after = self.writes()
        if writes_before is None or writes_after is None:
            return self.take()
        written = [
            table
            for table in self.tables
            if writes_after.get(table, 0) != writes_before.get(table, 0)
        ]
        if not written:
            return dict(baseline)
        sql = "\nUNION ALL\n".join(_one_table_sql(t, *self._columns[t]) for t in written)
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return {**baseline, **{name: TableRows(text) for name, text in cursor.fetchall()}}


def changed_tables(before: dict[str, TableRows], after: dict[str, TableRows]) -> list[str]:
    return sorted(name for name in before if before[name].checksum != after[name].checksum)


def describe_changes(
    before: dict[str, TableRows], after: dict[str, TableRows], *, limit: int = 3
) -> list[str]:
    """Plain lines saying which rows appeared or disappeared (a changed row shows as both)."""
    lines = []
    for name in changed_tables(before, after):
        old, new = set(before[name].lines()), set(after[name].lines())
        gone = sorted(old - new)[:limit]
        came = sorted(new - old)[:limit]
        lines.append(
            f"{name}: checksum {before[name].checksum[:12]} -> {after[name].checksum[:12]}"
        )
        lines += [f"    - {row[:160]}" for row in gone]
        lines += [f"    + {row[:160]}" for row in came]
    return lines
