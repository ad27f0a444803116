"""On PostgreSQL, audit maintenance lets a session through only if it may act as the table's owner.

The application role holds UPDATE on Plan Book versions (drafts change), so the published-version
guard (planning/migrations/0002) must not yield to a session that merely sets
``directsupport.audit_maintenance``: any role can set a custom setting. From here on the setting
counts only for the owner of the table (or a role that may become it, such as a superuser),
which is who runs retention and test-database flushes. The audit and ledger tables need no
change: the application role has no UPDATE, DELETE or TRUNCATE on them at all.
SQLite has no roles; its guard stays as it was.
"""

from typing import Any

from django.db import migrations

MESSAGE = "published Plan Book versions cannot change"

FORWARD = [
    """
    CREATE OR REPLACE FUNCTION dys_maintenance_allowed(table_oid oid) RETURNS boolean AS $$
        SELECT coalesce(current_setting('directsupport.audit_maintenance', true), 'off') = 'on'
           AND pg_has_role(
               current_user, (SELECT relowner FROM pg_class WHERE oid = table_oid), 'MEMBER'
           )
    $$ LANGUAGE sql STABLE;
    """,
    f"""
    CREATE OR REPLACE FUNCTION plan_book_published_is_final() RETURNS trigger AS $$
    BEGIN
        IF OLD.status = 'published' AND NOT dys_maintenance_allowed(TG_RELID) THEN
            RAISE EXCEPTION '{MESSAGE}';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
]

BACKWARD = [
    f"""
    CREATE OR REPLACE FUNCTION plan_book_published_is_final() RETURNS trigger AS $$
    BEGIN
        IF OLD.status = 'published'
           AND coalesce(current_setting('directsupport.audit_maintenance', true), 'off') <> 'on'
        THEN
            RAISE EXCEPTION '{MESSAGE}';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    "DROP FUNCTION IF EXISTS dys_maintenance_allowed(oid);",
]


def _run(statements: list[str]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only_triggers"),
        ("planning", "0002_plan_book_immutable"),
    ]
    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
