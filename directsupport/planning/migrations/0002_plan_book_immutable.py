"""Database triggers that keep published Plan Book versions as they were published.

The services already refuse to change a published version; these make the database refuse too,
so no code path (a bulk update, a shell, a future bug) can rewrite what a person agreed. Rows
that are not yet published change freely, including the move to published itself.

Like the audit log's guard (audit/migrations/0002), a connection in audit maintenance
(directsupport/audit/maintenance.py) is let through: that switch exists for test-database
flushes and retention, which must be able to empty these rows too.
"""

from typing import Any

from django.db import migrations

MESSAGE = "published Plan Book versions cannot change"

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER plan_book_published_no_update BEFORE UPDATE ON planning_planbookversion
    WHEN OLD.status = 'published' AND NOT dys_audit_maintenance()
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
    f"""
    CREATE TRIGGER plan_book_published_no_delete BEFORE DELETE ON planning_planbookversion
    WHEN OLD.status = 'published' AND NOT dys_audit_maintenance()
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS plan_book_published_no_update;",
    "DROP TRIGGER IF EXISTS plan_book_published_no_delete;",
]

POSTGRES_FORWARD = [
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
    """
    CREATE TRIGGER plan_book_published_no_change BEFORE UPDATE OR DELETE
    ON planning_planbookversion
    FOR EACH ROW EXECUTE FUNCTION plan_book_published_is_final();
    """,
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS plan_book_published_no_change ON planning_planbookversion;",
    "DROP FUNCTION IF EXISTS plan_book_published_is_final();",
]


def _run(schema_editor: Any, statements: list[str]) -> None:
    for statement in statements:
        schema_editor.execute(statement)


def forward(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(vendor)
    if statements is None:
        raise RuntimeError(f"No published Plan Book trigger written for {vendor}.")
    _run(schema_editor, statements)


def backward(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    _run(schema_editor, {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}[vendor])


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0001_initial"),
        # The maintenance switch the triggers consult is the audit log's.
        ("audit", "0002_append_only_triggers"),
    ]
    operations = [migrations.RunPython(forward, backward)]
