"""Database triggers that make the ledger append-only.

The application has no way to change or remove a ledger transaction or entry (mistakes are put
right by a reversing transaction); these make the database refuse too, so no bulk update, shell
session or future bug can rewrite a person's money. Like the audit log's guard
(audit/migrations/0002), a connection in audit maintenance is let through: that switch exists
for test-database flushes and retention, which must be able to empty these tables.
"""

from typing import Any

from django.db import migrations

MESSAGE = "ledger entries cannot be changed or deleted; post a reversing entry instead"
TABLES = ("funds_ledgertransaction", "funds_ledgerentry")

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER {table}_no_{verb} BEFORE {verb.upper()} ON {table}
    WHEN NOT dys_audit_maintenance()
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """
    for table in TABLES
    for verb in ("update", "delete")
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {table}_no_{verb};"
    for table in TABLES
    for verb in ("update", "delete")
]

POSTGRES_FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION funds_ledger_is_append_only() RETURNS trigger AS $$
    BEGIN
        IF coalesce(current_setting('directsupport.audit_maintenance', true), 'off') <> 'on' THEN
            RAISE EXCEPTION '{MESSAGE}';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    *(
        f"""
        CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION funds_ledger_is_append_only();
        """
        for table in TABLES
    ),
    # TRUNCATE skips row triggers; refuse it too outside maintenance.
    *(
        f"""
        CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
        FOR EACH STATEMENT EXECUTE FUNCTION funds_ledger_is_append_only();
        """
        for table in TABLES
    ),
]
POSTGRES_BACKWARD = [
    *(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};" for table in TABLES),
    *(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};" for table in TABLES),
    "DROP FUNCTION IF EXISTS funds_ledger_is_append_only();",
]


def _run(schema_editor: Any, statements: list[str]) -> None:
    for statement in statements:
        schema_editor.execute(statement)


def forward(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(vendor)
    if statements is None:
        raise RuntimeError(f"No append-only ledger trigger written for {vendor}.")
    _run(schema_editor, statements)


def backward(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    _run(schema_editor, {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}[vendor])


class Migration(migrations.Migration):
    dependencies = [
        ("funds", "0001_initial"),
        ("audit", "0002_append_only_triggers"),
    ]
    operations = [migrations.RunPython(forward, backward)]
