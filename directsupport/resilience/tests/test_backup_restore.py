"""The backup drill: `manage.py backup` then `manage.py restore --check` proves the copy, on the
database the tests run on (SQLite, or PostgreSQL when DATABASE_URL says so); a changed file or
a manifest that no longer matches the data fails the check; a real restore will not overwrite a
database that holds tables unless told to.

Transactional tests: the backup reads the database from outside the test's connection (sqlite3's
backup API, pg_dump), so the data must be committed.
"""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.db import connection

from directsupport.audit.maintenance import audit_maintenance
from directsupport.audit.models import AuditEvent
from directsupport.funds.ledger import posting
from directsupport.funds.ledger.balances import fund_balances
from directsupport.funds.models import Account, Fund, Kind, LedgerEntry
from directsupport.resilience import restores
from directsupport.resilience.backups import MANIFEST, POSTGRES_FILE, SQLITE_FILE, sha256_of

pytestmark = pytest.mark.django_db(transaction=True)

START = dt.date(2026, 4, 1)


@pytest.fixture
def funded(dee, provider, council, finance) -> Fund:
    """Dee's fund with money in it and a payment out: ledger entries, audit rows, balances."""
    fund = Fund.objects.create(person=dee, provider=provider, council=council, reference="ISF-9")
    for key, lines, kind in (
        ("drill-allocation", posting.allocation_lines(50_000), Kind.ALLOCATION),
        ("drill-spend", posting.spend_lines(Account.PURCHASES, 1_250), Kind.PURCHASE),
    ):
        posting.post(
            fund=fund,
            kind=kind,
            lines=lines,
            effective_on=START,
            description="Drill",
            counterparty=council.name,
            idempotency_key=key,
            actor=finance,
        )
    return fund


def _backup(tmp_path: Path) -> Path:
    directory = tmp_path / "backup"
    call_command("backup", to=directory, stdout=StringIO())
    return directory


def _check(directory: Path) -> str:
    output = StringIO()
    call_command("restore", directory, check=True, stdout=output)
    return output.getvalue()


def _database_file(directory: Path) -> Path:
    return directory / (SQLITE_FILE if connection.vendor == "sqlite" else POSTGRES_FILE)


def test_a_backup_restores_into_a_scratch_database_and_proves_itself(tmp_path, funded):
    directory = _backup(tmp_path)
    manifest = json.loads((directory / MANIFEST).read_text())
    data_file = _database_file(directory)

    assert manifest["vendor"] == connection.vendor
    assert manifest["files"][data_file.name]["sha256"] == sha256_of(data_file)
    assert manifest["row_counts"]["funds_ledgerentry"] == LedgerEntry.objects.count() > 0
    assert manifest["row_counts"]["audit_auditevent"] == AuditEvent.objects.count()
    assert "funds.0001_initial" in manifest["migrations"]
    balances = fund_balances(funded.pk)
    assert manifest["fund_balances"][str(funded.pk)]["available_pence"] == 50_000 - 1_250
    assert manifest["fund_balances"][str(funded.pk)]["spent_pence"] == balances.spent_pence

    report = _check(directory)
    assert "each matching its SHA-256" in report
    assert "every row count matches" in report
    assert "Balances: all 1 funds match" in report
    if "verify_records" in get_commands():
        assert "Hash chains: verified" in report
    else:
        assert "Hash chains: not available" in report
    # The drill left nothing behind and did not touch the backup.
    assert sha256_of(data_file) == manifest["files"][data_file.name]["sha256"]
    assert sorted(path.name for path in directory.iterdir()) == sorted([MANIFEST, data_file.name])


def test_a_changed_backup_file_fails_the_hash_check(tmp_path, funded):
    directory = _backup(tmp_path)
    data_file = _database_file(directory)
    content = bytearray(data_file.read_bytes())
    content[len(content) // 2] ^= 0xFF
    data_file.write_bytes(bytes(content))

    with pytest.raises(CommandError, match="does not match its SHA-256"):
        _check(directory)


def test_a_row_count_that_differs_from_the_manifest_fails_the_check(tmp_path, funded):
    directory = _backup(tmp_path)
    manifest_path = directory / MANIFEST
    manifest = json.loads(manifest_path.read_text())
    manifest["row_counts"]["funds_ledgerentry"] += 1
    manifest["fund_balances"][str(funded.pk)]["available_pence"] += 100
    manifest_path.write_text(json.dumps(manifest))

    with pytest.raises(CommandError) as failure:
        _check(directory)
    message = str(failure.value)
    entries = LedgerEntry.objects.count()
    assert f"funds_ledgerentry has {entries:,} rows, the backup had {entries + 1:,}" in message
    assert f"fund {funded.pk}'s balances" in message


def test_a_directory_without_a_manifest_is_not_a_backup(tmp_path, funded):
    directory = _backup(tmp_path)
    (directory / MANIFEST).unlink()
    with pytest.raises(CommandError, match="not a finished backup"):
        _check(directory)


def test_a_real_restore_will_not_overwrite_a_database_that_holds_tables(tmp_path, funded):
    directory = _backup(tmp_path)
    with pytest.raises(CommandError, match=r"already holds \d+ tables.*--force"):
        call_command("restore", directory, stdout=StringIO())
    assert Fund.objects.filter(pk=funded.pk).exists()


def test_a_backup_never_replaces_an_earlier_one(tmp_path, funded):
    directory = _backup(tmp_path)
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", to=directory, stdout=StringIO())


def test_a_sealed_row_changed_before_the_backup_fails_the_hash_chain_step(tmp_path, funded):
    """The manifest and the copy agree (the row was changed before the backup was made), so only
    the chain walk on the restored copy can notice: it must, and the drill must fail."""
    call_command("seal_records", stdout=StringIO())
    entry = LedgerEntry.objects.filter(fund=funded).order_by("pk").first()
    assert entry is not None
    with audit_maintenance():
        LedgerEntry.objects.filter(pk=entry.pk).update(effective_on=START + dt.timedelta(days=1))
    directory = _backup(tmp_path)

    with pytest.raises(CommandError, match="hash chains"):
        _check(directory)


def test_without_verify_records_the_chain_step_says_it_is_not_available(monkeypatch):
    monkeypatch.setattr(restores, "get_commands", dict)
    said: list[str] = []
    assert restores.verify_chains("default", said.append) == []
    assert said == ["Hash chains: not available (this version has no manage.py verify_records)."]
