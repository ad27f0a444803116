"""Database triggers that make hash-chain seals and destruction records append-only.

The same guard as audit rows (0002) and the ledger (funds 0002): UPDATE, DELETE (and TRUNCATE on
PostgreSQL) are refused unless the connection is in audit maintenance, which exists for
test-database flushes. A seal rewritten in place would let someone re-seal a changed row; a
destruction record removed would make a legitimately destroyed row look tampered with.
"""

from typing import Any

from django.db import migrations

MESSAGE = "seals and destruction records are append-only"
TABLES = ("audit_recordseal", "audit_destroyedrecord")

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
    CREATE OR REPLACE FUNCTION audit_seal_is_append_only() RETURNS trigger AS $$
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
        FOR EACH ROW EXECUTE FUNCTION audit_seal_is_append_only();
        """
        for table in TABLES
    ),
    *(
        f"""
        CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
        FOR EACH STATEMENT EXECUTE FUNCTION audit_seal_is_append_only();
        """
        for table in TABLES
    ),
]
POSTGRES_BACKWARD = [
    *(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};" for table in TABLES),
    *(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};" for table in TABLES),
    "DROP FUNCTION IF EXISTS audit_seal_is_append_only();",
]


def _run(schema_editor: Any, statements: list[str]) -> None:
    for statement in statements:
        schema_editor.execute(statement)


def forward(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(vendor)
    if statements is None:
        raise RuntimeError(f"No append-only seal trigger written for {vendor}.")
    _run(schema_editor, statements)


def backward(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    _run(schema_editor, {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}[vendor])


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_record_seals")]
    operations = [migrations.RunPython(forward, backward)]
