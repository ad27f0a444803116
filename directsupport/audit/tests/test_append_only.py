"""Audit rows are append-only, enforced by the database itself (on SQLite and on PostgreSQL).

Run on PostgreSQL too:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/pytest \
        directsupport/audit/tests/test_append_only.py
Each refused statement runs in its own ``transaction.atomic()`` so that, on PostgreSQL, the
failed statement rolls back to a savepoint and the connection stays usable.
"""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from directsupport.audit.maintenance import audit_maintenance
from directsupport.audit.models import Action, AuditEvent


@pytest.fixture
def event(db) -> AuditEvent:
    return AuditEvent.objects.create(action=Action.VIEW, summary="Original", person_id=7)


def _unchanged(event: AuditEvent) -> None:
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.summary, stored.person_id) == ("Original", 7)


def test_adding_rows_is_allowed(db):
    AuditEvent.objects.create(action=Action.VIEW, summary="One")
    AuditEvent.objects.create(action=Action.VIEW, summary="Two")
    assert AuditEvent.objects.count() == 2


def test_saving_a_changed_row_is_refused(event):
    event.summary = "Rewritten"
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        event.save()
    _unchanged(event)


def test_queryset_update_is_refused(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(summary="Rewritten")
    _unchanged(event)


def test_deleting_a_row_is_refused(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        event.delete()
    _unchanged(event)


def test_queryset_delete_is_refused(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.all().delete()
    _unchanged(event)


def test_raw_sql_update_is_refused(event):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["Rewritten", event.pk]
        )
    _unchanged(event)


def test_raw_sql_delete_is_refused(event):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    _unchanged(event)


def test_truncate_is_refused_on_postgresql(event):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE; its DELETE trigger covers 'DELETE FROM' without WHERE")
    with connection.cursor() as cursor:
        # Run the deferred foreign-key checks of the INSERT now; PostgreSQL will not TRUNCATE a
        # table with pending trigger events, and we want to reach our own trigger.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("TRUNCATE audit_auditevent CASCADE")
    _unchanged(event)


def test_maintenance_switch_allows_changes_and_switches_off_again(event):
    with audit_maintenance():
        AuditEvent.objects.filter(pk=event.pk).update(summary="Retention job")
        assert AuditEvent.objects.get(pk=event.pk).summary == "Retention job"
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert not AuditEvent.objects.filter(pk=event.pk).exists()

    survivor = AuditEvent.objects.create(action=Action.VIEW, summary="Original", person_id=7)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=survivor.pk).delete()
    _unchanged(survivor)


def test_maintenance_switches_off_even_when_the_work_fails(event):
    with pytest.raises(RuntimeError), audit_maintenance():
        raise RuntimeError("the retention job broke")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(summary="Rewritten")
    _unchanged(event)
