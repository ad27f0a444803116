"""The ledger is sealed into hash chains (audit/chain.py) like the audit log: an entry or a
transaction changed or removed behind the application's back is named by verify_records."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from directsupport.audit.chain import forget_rows, registered_chains, seal_all
from directsupport.audit.chain_check import CHANGED, MISSING, verify_chain
from directsupport.audit.maintenance import audit_maintenance
from directsupport.funds.models import LedgerEntry, LedgerTransaction

pytestmark = pytest.mark.django_db


@pytest.fixture
def sealed_ledger(dee_fund, allocate) -> list[LedgerEntry]:
    allocate(dee_fund, 260_000)
    allocate(dee_fund, 260_000)
    seal_all(names=["ledger", "ledger-transactions"])
    return list(LedgerEntry.objects.order_by("pk"))


def test_the_ledgers_entries_and_transactions_are_sealed(sealed_ledger):
    entries, transactions = registered_chains(["ledger", "ledger-transactions"])
    assert verify_chain(entries).rows_checked == len(sealed_ledger) == 4
    assert verify_chain(transactions).rows_checked == 2
    call_command("verify_records", chain=["ledger", "ledger-transactions"])


def test_an_entry_changed_as_the_owner_is_named(sealed_ledger):
    target = sealed_ledger[1]
    with audit_maintenance():  # as the tables' owner could
        LedgerEntry.objects.filter(pk=target.pk).update(amount_pence=target.amount_pence - 100)
    report = verify_chain(registered_chains(["ledger"])[0])
    assert (report.mismatch.what, report.mismatch.row_id) == (CHANGED, target.pk)  # type: ignore[union-attr]
    with pytest.raises(CommandError, match=f"ledger: row {target.pk} was changed"):
        call_command("verify_records", chain=["ledger"])


def test_a_changed_payee_is_named(sealed_ledger):
    posted = LedgerTransaction.objects.order_by("pk").first()
    assert posted is not None
    with audit_maintenance():
        LedgerTransaction.objects.filter(pk=posted.pk).update(counterparty="Someone else")
    with pytest.raises(CommandError, match=f"ledger-transactions: row {posted.pk} was changed"):
        call_command("verify_records")


def test_a_removed_entry_is_named_unless_destroyed_under_retention(sealed_ledger):
    kept_apart, removed = sealed_ledger[2], sealed_ledger[0]
    entries = registered_chains(["ledger"])[0]
    with transaction.atomic(), audit_maintenance():
        forget_rows(LedgerEntry, [kept_apart.pk])
        LedgerEntry.objects.filter(pk=kept_apart.pk).delete()
    report = verify_chain(entries)
    assert (report.mismatch, report.destroyed, report.rows_checked) == (None, 1, 4)

    with audit_maintenance():
        LedgerEntry.objects.filter(pk=removed.pk).delete()
    report = verify_chain(entries)
    assert (report.mismatch.what, report.mismatch.row_id) == (MISSING, removed.pk)  # type: ignore[union-attr]
