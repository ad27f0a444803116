"""The application's own PostgreSQL role cannot change or remove an audit row or a ledger entry
by any route (plain SQL, TRUNCATE, the maintenance setting, disabling or dropping a trigger),
yet can add them and do the product's ordinary work.

Inside the test database a role is created (rolled back with the test), given the grants exactly
as `manage.py database_roles` gives them, and the test switches to it with SET ROLE.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from directsupport.audit.maintenance import MaintenanceNeedsTheOwner, audit_maintenance
from directsupport.audit.models import Action, AuditEvent
from directsupport.audit.services import record_event
from directsupport.funds.ledger import posting
from directsupport.funds.ledger.balances import fund_balances
from directsupport.funds.models import Fund, Kind, LedgerEntry, LedgerTransaction
from directsupport.planbook.models import PlanBookVersion
from directsupport.resilience.checks import check_application_login
from directsupport.resilience.login_guard import _refusal
from directsupport.resilience.probes import probe_append_only_tables
from directsupport.resilience.roles import (
    APPEND_ONLY_PRIVILEGES,
    ORDINARY_PRIVILEGES,
    RolesProblem,
    append_only_tables,
    apply_grants,
    privilege_problems,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Database roles exist on PostgreSQL only; SQLite keeps its triggers "
        "(audit/tests/test_append_only.py, funds/tests/test_ledger_guarantees.py).",
    ),
]

START = dt.date(2026, 4, 1)


def _scalar(query: str) -> object:
    with connection.cursor() as cursor:
        cursor.execute(query)
        return cursor.fetchone()[0]


def _privileges(role: str, table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE',"
            "'REFERENCES','TRIGGER']) AS p WHERE has_table_privilege(%s, %s, p)",
            [role, table],
        )
        return {row[0] for row in cursor.fetchall()}


@pytest.fixture
def owner_role() -> str:
    """The test database's tables belong to the login that created it."""
    return str(_scalar("SELECT current_user"))


@pytest.fixture
def app_role(owner_role) -> str:
    """An application role, created inside the test's transaction (so it vanishes with it)."""
    name = f"dys_test_app_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{name}" NOLOGIN NOSUPERUSER')
    apply_grants(connection, owner_role=owner_role, app_role=name)
    return name


@contextmanager
def signed_in_as(role: str) -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{role}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


@pytest.fixture
def dee_fund(dee, provider, council) -> Fund:
    return Fund.objects.create(person=dee, provider=provider, council=council, reference="ISF-1")


def _allocate(fund: Fund, actor, pence: int, key: str) -> posting.Posted:
    return posting.post(
        fund=fund,
        kind=Kind.ALLOCATION,
        lines=posting.allocation_lines(pence),
        effective_on=START,
        description="Monthly allocation",
        counterparty=fund.council.name,
        idempotency_key=key,
        actor=actor,
    )


def refused(statement: str, match: str) -> None:
    with (
        pytest.raises(DatabaseError, match=match),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)


def test_a_fresh_migrate_and_grant_leaves_every_append_only_table_select_and_insert_only(
    app_role,
):
    tables = append_only_tables(connection)
    for model in (AuditEvent, LedgerTransaction, LedgerEntry):
        assert model._meta.db_table in tables
    for table in tables:
        assert _privileges(app_role, table) == set(APPEND_ONLY_PRIVILEGES), table
    assert _privileges(app_role, Fund._meta.db_table) == set(ORDINARY_PRIVILEGES)
    assert _privileges(app_role, "django_migrations") == {"SELECT"}
    assert privilege_problems(connection, app_role=app_role) == []


def test_the_application_role_cannot_change_or_remove_an_audit_row_or_a_ledger_entry(
    app_role, dee_fund, finance
):
    posted = _allocate(dee_fund, finance, 10_000, "roles-1").transaction
    entry = LedgerEntry.objects.filter(transaction=posted).first()
    event = AuditEvent.objects.filter(subject_id=str(posted.pk)).get()
    assert entry is not None
    amount, summary = entry.amount_pence, event.summary
    with signed_in_as(app_role):
        for table, pk in (("audit_auditevent", event.pk), ("funds_ledgerentry", entry.pk)):
            update = f"UPDATE {table} SET id = id WHERE id = {pk}"  # noqa: S608 - fixed names
            delete = f"DELETE FROM {table} WHERE id = {pk}"  # noqa: S608 - fixed names
            refused(update, "permission denied")
            refused(delete, "permission denied")
            refused(f"TRUNCATE {table} CASCADE", "permission denied")
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL directsupport.audit_maintenance = 'on'")
                refused(update, "permission denied")
                refused(delete, "permission denied")
            refused(f"ALTER TABLE {table} DISABLE TRIGGER ALL", "must be owner")
            refused("SET session_replication_role = replica", "permission denied")
        refused("DROP TRIGGER audit_event_no_change ON audit_auditevent", "must be owner")
        refused("DROP TRIGGER funds_ledgerentry_append_only ON funds_ledgerentry", "must be owner")
        with pytest.raises(DatabaseError), transaction.atomic():
            LedgerEntry.objects.filter(pk=entry.pk).update(amount_pence=1)
        with pytest.raises(MaintenanceNeedsTheOwner), audit_maintenance():
            pass
        # Every route on every append-only table, the check `database_roles --verify` makes.
        probes = probe_append_only_tables()
    assert probes
    assert [probe for probe in probes if not probe.refused] == []
    assert {probe.table for probe in probes} >= {"audit_auditevent", "funds_ledgerentry"}
    assert LedgerEntry.objects.get(pk=entry.pk).amount_pence == amount
    assert AuditEvent.objects.get(pk=event.pk).summary == summary
    assert fund_balances(dee_fund.pk).available_pence == 10_000


def test_the_application_role_adds_audit_rows_posts_to_the_ledger_and_does_ordinary_work(
    app_role, dee_fund, finance, dee
):
    with signed_in_as(app_role):
        assert _scalar("SELECT current_user") == app_role
        record_event(actor=finance, action=Action.VIEW, person_id=dee.pk, summary="Looked")
        _allocate(dee_fund, finance, 25_000, "roles-2")
        dee.preferred_name = "Dee D"
        dee.save(update_fields=["preferred_name"])
        balances = fund_balances(dee_fund.pk)
    assert balances.available_pence == 25_000
    assert AuditEvent.objects.filter(summary="Looked").exists()


def test_the_maintenance_setting_lets_only_the_owner_past_a_published_plan_book(
    app_role, dee, coordinator, owner_role
):
    version = PlanBookVersion.objects.create(
        person=dee, number=1, status="published", content={}, created_by=coordinator
    )
    with signed_in_as(app_role), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL directsupport.audit_maintenance = 'on'")
        with pytest.raises(DatabaseError, match="published"), transaction.atomic():
            PlanBookVersion.objects.filter(pk=version.pk).update(introduction="Rewritten")
    with audit_maintenance():
        PlanBookVersion.objects.filter(pk=version.pk).update(introduction="By the owner")
    assert PlanBookVersion.objects.get(pk=version.pk).introduction == "By the owner"


def test_new_tables_are_covered_and_a_new_append_only_table_never_gains_update(
    app_role, owner_role
):
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE drill_notes (id bigint PRIMARY KEY, body text)")
        cursor.execute("CREATE TABLE drill_seals (id bigint PRIMARY KEY, digest text)")
        cursor.execute(
            "CREATE FUNCTION drill_seals_append_only() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'seals are append-only'; END; $$ LANGUAGE plpgsql"
        )
        cursor.execute(
            "CREATE TRIGGER drill_seals_no_change BEFORE UPDATE OR DELETE ON drill_seals "
            "FOR EACH ROW EXECUTE FUNCTION drill_seals_append_only()"
        )
    # Before the grants run again, default privileges give a new table SELECT and INSERT only.
    assert _privileges(app_role, "drill_notes") == {"SELECT", "INSERT"}
    assert _privileges(app_role, "drill_seals") == {"SELECT", "INSERT"}
    call_command("database_roles", app_role=app_role, owner_role=owner_role, database="default")
    assert _privileges(app_role, "drill_notes") == set(ORDINARY_PRIVILEGES)
    assert _privileges(app_role, "drill_seals") == {"SELECT", "INSERT"}
    assert "drill_seals" in append_only_tables(connection)


def test_the_roles_must_differ_and_the_application_role_must_exist(owner_role):
    with pytest.raises(RolesProblem, match="same role"):
        apply_grants(connection, owner_role=owner_role, app_role=owner_role)
    with pytest.raises(CommandError, match="no role"):
        call_command(
            "database_roles", app_role="no_such_role", owner_role=owner_role, database="default"
        )


def test_the_deploy_check_and_start_up_pass_the_application_role_and_stop_a_privileged_login(
    app_role,
):
    with signed_in_as(app_role):
        errors = [m for m in check_application_login(databases=["default"]) if m.is_serious()]
        refusal = _refusal(connection)
    assert errors == []
    assert refusal is None
    # The test database's own login created the tables (and in CI is a superuser).
    own = [m.id for m in check_application_login(databases=["default"]) if m.is_serious()]
    assert own and own[0] in {"resilience.E001", "resilience.E002"}
    if _scalar("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"):
        assert "superuser" in (_refusal(connection) or "")
