"""The audit log's hash chain (audit/chain.py): sealing, and the check naming exactly the row
changed, deleted or slipped in behind the application's back, or the seal broken.

Run on PostgreSQL too:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chain .venv/bin/pytest \
        directsupport/audit/tests/test_chain.py
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction
from django.db.transaction import TransactionManagementError

from directsupport.audit import chain
from directsupport.audit.chain_check import (
    CHANGED,
    INSERTED,
    MISSING,
    SEAL_BROKEN,
    ChainReport,
    verify_chain,
)
from directsupport.audit.maintenance import audit_maintenance
from directsupport.audit.models import Action, AuditEvent, DestroyedRecord, RecordSeal

pytestmark = pytest.mark.django_db
GRACE = dt.timedelta(minutes=15)


def audit() -> chain.Chain:
    return chain.registered_chains(["audit"])[0]


def add_events(count: int, **fields: object) -> list[AuditEvent]:
    return [
        AuditEvent.objects.create(
            action=Action.VIEW, summary=f"Looked at plan {n}", person_id=7, **fields
        )
        for n in range(count)
    ]


def seal(**options: object) -> int:
    return chain.seal_chain(audit(), **options)  # type: ignore[arg-type]


def check() -> ChainReport:
    return verify_chain(audit())


def near(spans: list[list[object]], row_id: int) -> list[list[object]]:
    """The spans around ``row_id`` (on PostgreSQL ids do not restart at 1 for each test, so
    the first seal also has a gap below the test's first row)."""
    return [span for span in spans if int(span[1]) >= row_id - 1]  # type: ignore[call-overload]


def test_sealing_covers_new_rows_and_only_new_rows():
    add_events(3, changes={"plan": {"from": "old", "to": "new"}, "ä": 1})
    assert seal() == 3
    report = check()
    assert (report.rows_checked, report.seals_checked, report.unsealed) == (3, 1, 0)
    assert report.mismatch is None

    add_events(2)
    assert check().unsealed == 2
    assert seal() == 2
    assert seal() == 0, "nothing new, no new seal"
    report = check()
    assert (report.rows_checked, report.seals_checked, report.unsealed) == (5, 2, 0)


def test_each_seal_follows_the_one_before():
    add_events(5)
    seal(batch_size=2)
    seals = list(RecordSeal.objects.filter(chain="audit").order_by("sequence"))
    assert [(s.first_id, s.last_id, s.row_count) for s in seals] == [
        (1, seals[0].last_id, 2),  # a chain covers every id from 1
        (seals[0].last_id + 1, seals[1].last_id, 2),
        (seals[1].last_id + 1, seals[2].last_id, 1),
    ]
    assert seals[0].previous_digest == chain.GENESIS_DIGEST
    assert [s.previous_digest for s in seals[1:]] == [s.digest for s in seals[:-1]]
    assert check().head_digest == seals[-1].digest


def test_a_changed_row_is_named_exactly():
    events = add_events(5)
    seal(batch_size=2)
    target = events[2]
    with audit_maintenance():
        AuditEvent.objects.filter(pk=target.pk).update(summary="Looked at nothing")

    report = check()
    assert report.mismatch is not None
    assert (report.mismatch.what, report.mismatch.row_id) == (CHANGED, target.pk)
    with pytest.raises(CommandError, match=f"audit: row {target.pk} was changed"):
        call_command("verify_records", chain=["audit"])


def test_a_changed_json_value_or_time_is_caught_too():
    first, second = add_events(2, changes={"amount": {"from": 1, "to": 2}})
    seal()
    with audit_maintenance():
        AuditEvent.objects.filter(pk=first.pk).update(changes={"amount": {"from": 1, "to": 3}})
    assert check().mismatch.row_id == first.pk  # type: ignore[union-attr]
    with audit_maintenance():
        AuditEvent.objects.filter(pk=first.pk).update(changes={"amount": {"to": 2, "from": 1}})
        AuditEvent.objects.filter(pk=second.pk).update(at=second.at + dt.timedelta(microseconds=1))
    # Key order in JSON does not matter; one microsecond does.
    assert check().mismatch.row_id == second.pk  # type: ignore[union-attr]


def test_a_deleted_row_is_reported_missing():
    events = add_events(4)
    seal()
    with audit_maintenance():
        AuditEvent.objects.filter(pk=events[1].pk).delete()
    report = check()
    assert (report.mismatch.what, report.mismatch.row_id) == (MISSING, events[1].pk)  # type: ignore[union-attr]


def test_a_row_destroyed_with_forget_rows_keeps_the_chain_whole():
    events = add_events(4)
    seal()
    doomed = [events[1].pk, events[2].pk]
    with transaction.atomic(), audit_maintenance():
        hashes = chain.forget_rows(AuditEvent, doomed)
        AuditEvent.objects.filter(pk__in=doomed).delete()
    assert len(hashes) == 2 and all(len(h) == 64 for h in hashes)
    assert not DestroyedRecord.objects.filter(row_hash__in=["", None]).exists()
    report = check()
    assert report.mismatch is None
    assert (report.rows_checked, report.destroyed) == (4, 2)


def test_a_row_destroyed_before_it_was_sealed_is_sealed_by_its_recorded_hash():
    events = add_events(3)
    with transaction.atomic(), audit_maintenance():
        chain.forget_rows(AuditEvent, [events[1].pk])
        AuditEvent.objects.filter(pk=events[1].pk).delete()
    assert seal() == 3
    report = check()
    assert report.mismatch is None and report.destroyed == 1


def test_forgetting_a_changed_row_does_not_hide_the_change():
    events = add_events(2)
    seal()
    with transaction.atomic(), audit_maintenance():
        AuditEvent.objects.filter(pk=events[0].pk).update(summary="Covered up")
        chain.forget_rows(AuditEvent, [events[0].pk])
        AuditEvent.objects.filter(pk=events[0].pk).delete()
    report = check()
    assert (report.mismatch.what, report.mismatch.row_id) == (CHANGED, events[0].pk)  # type: ignore[union-attr]


def test_forget_rows_needs_the_deleting_transaction_and_real_rows(monkeypatch):
    (event,) = add_events(1)
    with monkeypatch.context() as outside:
        # As in autocommit: every test here runs inside pytest-django's own transaction.
        outside.setattr(connections["default"], "in_atomic_block", False)
        with pytest.raises(TransactionManagementError):
            chain.forget_rows(AuditEvent, [event.pk])
    with pytest.raises(ValueError, match="No audit rows with ids"), transaction.atomic():
        chain.forget_rows(AuditEvent, [event.pk + 1000])
    assert not DestroyedRecord.objects.exists()


def test_a_changed_seal_is_reported_broken():
    add_events(5)
    seal(batch_size=2)
    with audit_maintenance():
        RecordSeal.objects.filter(chain="audit", sequence=2).update(row_count=1)
    report = check()
    assert (report.mismatch.what, report.mismatch.seal) == (SEAL_BROKEN, 2)  # type: ignore[union-attr]
    with pytest.raises(CommandError, match="audit: seal 2 is broken"):
        call_command("verify_records", chain=["audit"])


def test_a_removed_seal_is_reported_broken():
    add_events(5)
    seal(batch_size=2)
    with audit_maintenance():
        RecordSeal.objects.filter(chain="audit", sequence=2).delete()
    report = check()
    assert report.mismatch.what == SEAL_BROKEN  # type: ignore[union-attr]
    assert "jumps from seal 1 to seal 3" in str(report.mismatch)


def test_a_row_and_its_seal_rewritten_together_break_the_next_link():
    events = add_events(4)
    seal(batch_size=2)
    with audit_maintenance():
        AuditEvent.objects.filter(pk=events[0].pk).update(summary="Rewritten")
        stored = RecordSeal.objects.get(chain="audit", sequence=1)
        fresh = AuditEvent.objects.filter(pk__lte=events[1].pk).order_by("pk")
        stored.row_hashes = b"".join(
            chain.row_hash(row) for row in fresh.values_list(*audit().fields)
        )
        stored.digest = chain.digest_of(stored)
        stored.save()
    report = check()
    assert (report.mismatch.what, report.mismatch.seal) == (SEAL_BROKEN, 2)  # type: ignore[union-attr]
    assert "does not follow seal 1" in str(report.mismatch)


def test_a_column_added_later_leaves_older_seals_verifiable(monkeypatch):
    """Seals name the columns they cover: rows sealed before a column existed are checked on
    the columns their seal lists (and destroyed by them), newer rows on all of them."""
    everything = audit().fields
    with monkeypatch.context() as before_the_column:
        before_the_column.setattr(
            chain.Chain, "fields", property(lambda self: [f for f in everything if f != "path"])
        )
        old = add_events(2)
        seal()
    new = add_events(1)
    seal()
    assert [s.fields for s in RecordSeal.objects.order_by("sequence")] == [
        [f for f in everything if f != "path"],
        everything,
    ]
    with transaction.atomic(), audit_maintenance():
        chain.forget_rows(AuditEvent, [old[0].pk])
        AuditEvent.objects.filter(pk=old[0].pk).delete()
    assert check().mismatch is None
    with audit_maintenance():
        AuditEvent.objects.filter(pk=new[0].pk).update(path="/elsewhere/")
    assert check().mismatch.row_id == new[0].pk  # type: ignore[union-attr]


def test_seals_and_destruction_records_are_append_only():
    add_events(1)
    seal()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        RecordSeal.objects.update(row_count=0)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        RecordSeal.objects.all().delete()
    DestroyedRecord.objects.create(chain="audit", row_id=99, row_hash="0" * 64)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        DestroyedRecord.objects.all().delete()


# --- Late commits: ids handed out before commit (PostgreSQL) ------------------------------------


def _leave_gap() -> tuple[int, int]:
    """Rows with ids n, n+2 (n+1 missing, as when its transaction has not committed yet)."""
    (before,) = add_events(1)
    after = AuditEvent.objects.create(pk=before.pk + 2, action=Action.VIEW, summary="After")
    return before.pk + 1, after.pk


def test_a_row_committed_late_into_a_gap_is_sealed_when_it_arrives():
    now = dt.datetime(2026, 12, 6, 21, 0, tzinfo=dt.UTC)
    gap, _ = _leave_gap()
    assert seal(now=now, grace=GRACE) == 2
    assert near(RecordSeal.objects.get(sequence=1).open_gaps, gap) == [[gap, gap, now.isoformat()]]
    assert check().mismatch is None

    assert check().open_gap_ids >= 1
    late = AuditEvent.objects.create(pk=gap, action=Action.VIEW, summary="Committed late")
    assert check().unsealed == 1, "waiting in its gap, not yet sealed"
    assert seal(now=now + dt.timedelta(minutes=1), grace=GRACE) == 1
    second = RecordSeal.objects.get(sequence=2)
    assert (second.late_ids, near(second.open_gaps, gap)) == ([late.pk], [])
    report = check()
    assert (report.mismatch, report.rows_checked, report.unsealed) == (None, 3, 0)


def test_a_row_appearing_in_a_gap_after_the_grace_period_is_reported():
    now = dt.datetime(2026, 12, 6, 21, 0, tzinfo=dt.UTC)
    gap, last = _leave_gap()
    seal(now=now, grace=GRACE)
    # An explicit id: on PostgreSQL the sequence would hand out the gap's id next.
    AuditEvent.objects.create(pk=last + 1, action=Action.VIEW, summary="Next")
    seal(now=now + GRACE, grace=GRACE)
    assert near(RecordSeal.objects.get(sequence=2).closed_gaps, gap) == [[gap, gap]]
    assert check().mismatch is None

    AuditEvent.objects.create(pk=gap, action=Action.VIEW, summary="Slipped in")
    report = check()
    assert (report.mismatch.what, report.mismatch.row_id) == (INSERTED, gap)  # type: ignore[union-attr]
    assert seal(now=now + 2 * GRACE, grace=GRACE) == 0, "a closed gap is never sealed later"


def test_on_sqlite_a_missing_id_is_closed_at_once():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL waits out the grace period (tests above)")
    gap, _ = _leave_gap()
    seal()
    only = RecordSeal.objects.get()
    assert (near(only.gaps, gap), near(only.closed_gaps, gap)) == ([[gap, gap]], [[gap, gap]])
    assert only.open_gaps == []
    AuditEvent.objects.create(pk=gap, action=Action.VIEW, summary="Slipped in")
    assert check().mismatch.row_id == gap  # type: ignore[union-attr]


# --- The command and the task ------------------------------------------------------------------


def test_verify_records_reports_counts_and_unknown_chains(capsys):
    add_events(3)
    call_command("seal_records", chain=["audit"])
    add_events(1)
    call_command("verify_records", chain=["audit"])
    out = capsys.readouterr().out
    assert "audit: 3 rows in 1 seals checked (0 destroyed under retention), 1 not yet sealed" in out
    assert "All sealed records match their seals." in out
    with pytest.raises(CommandError, match="No chain called nonsense"):
        call_command("verify_records", chain=["nonsense"])


def test_every_chain_is_checked_by_default(capsys):
    call_command("verify_records")
    out = capsys.readouterr().out
    for name in ("audit", "ledger", "ledger-transactions", "destructions"):
        assert f"{name}: 0 rows in 0 seals checked" in out


def test_a_new_row_schedules_sealing_once_per_interval(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        add_events(1)
    # The immediate task backend (tests) seals as soon as the row's transaction commits ...
    assert len(callbacks) == 1 and check().unsealed == 0
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        add_events(2)
    # ... and the next rows within the interval wait for the next run (a worker runs it later).
    assert len(callbacks) == 2 and check().unsealed == 2
    assert chain.request_sealing() is False


def test_a_page_views_audit_row_costs_no_extra_query_between_runs(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    chain.request_sealing()  # this interval's run is already scheduled
    with django_capture_on_commit_callbacks(execute=True), django_assert_num_queries(1):
        add_events(1)  # the INSERT, nothing else


@pytest.mark.django_db(transaction=True)
def test_a_row_changed_in_the_sqlite_file_directly_is_named():
    if connection.vendor != "sqlite":
        pytest.skip("the PostgreSQL version edits as the owner in audit maintenance (above)")
    events = add_events(3)
    seal()
    # Someone with the database file: the trigger's function is the application's, so they
    # define their own that always says "maintenance", and rewrite a row.
    raw = sqlite3.connect(connection.settings_dict["NAME"])
    raw.create_function("dys_audit_maintenance", 0, lambda: 1)
    raw.execute("UPDATE audit_auditevent SET summary = 'Never looked' WHERE id = ?", [events[1].pk])
    raw.commit()
    raw.close()
    with pytest.raises(CommandError, match=f"audit: row {events[1].pk} was changed"):
        call_command("verify_records", chain=["audit"])


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_lower_id_committed_after_a_higher_one_is_sealed_late():
    """The classic trap, for real: a transaction takes id n, another takes n+1 and commits, the
    sealer runs, then the first commits. Its row must be sealed late, not reported or lost."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer at a time commit: ids commit in order")
    import psycopg

    settings = connection.settings_dict
    slow = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        host=settings["HOST"],
        port=settings["PORT"] or None,
    )
    try:
        with slow.cursor() as cursor:  # psycopg opens a transaction and keeps it open
            cursor.execute(
                "INSERT INTO audit_auditevent (at, actor_label, actor_role, subject_type,"
                " subject_id, action, summary, changes, path) VALUES (now(), '', '', '', '',"
                " 'view', 'Slow transaction', '{}', '') RETURNING id"
            )
            (slow_id,) = cursor.fetchone()  # type: ignore[misc]
        (quick,) = add_events(1)
        assert quick.pk > slow_id
        seal()
        report = check()
        assert report.mismatch is None and report.unsealed == 0
        slow.commit()
    finally:
        slow.close()

    assert check().unsealed == 1, "the slow row waits in its open gap"
    assert seal() == 1
    report = check()
    assert (report.mismatch, report.unsealed) == (None, 0)
    assert RecordSeal.objects.get(chain="audit", sequence=2).late_ids == [slow_id]
