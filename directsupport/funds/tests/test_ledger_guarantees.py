"""What the ledger guarantees whatever happens: entries are never changed or removed (the
database refuses, on SQLite and PostgreSQL), money is whole pence, and any sequence of
allocations, spending, banking, refunds and corrections keeps every transaction balanced, the
entries summing to zero, the balances equal to those sums and never below the overdraft limit,
with a correction putting the balances back exactly."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError, Sum
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from directsupport.audit.maintenance import audit_maintenance
from directsupport.funds.ledger import posting
from directsupport.funds.ledger.balances import fund_balances
from directsupport.funds.models import (
    MONEY_ACCOUNTS,
    Account,
    Agreement,
    Fund,
    Kind,
    LedgerEntry,
    LedgerTransaction,
)

from .conftest import START, new_key


@pytest.fixture
def posted(dee_fund, allocate) -> LedgerTransaction:
    return allocate(dee_fund, 10_000).transaction


def refused_by_the_database(attempt) -> None:
    """Run ``attempt`` in a savepoint and check the database refuses it with the ledger's
    message."""
    with pytest.raises(DatabaseError, match="cannot be changed or deleted"), transaction.atomic():
        attempt()


# --- Append-only, enforced by the database ----------------------------------------------------


@pytest.mark.django_db
def test_orm_updates_are_refused(posted):
    refused_by_the_database(
        lambda: LedgerEntry.objects.filter(transaction=posted).update(amount_pence=1)
    )
    refused_by_the_database(
        lambda: LedgerTransaction.objects.filter(pk=posted.pk).update(description="Changed")
    )
    posted.description = "Changed"
    refused_by_the_database(posted.save)
    assert LedgerTransaction.objects.get(pk=posted.pk).description == "Monthly allocation"


@pytest.mark.django_db
def test_orm_deletes_are_refused(posted, dee_fund):
    refused_by_the_database(lambda: LedgerEntry.objects.filter(transaction=posted).delete())
    # Django itself refuses to delete a transaction that still has entries…
    with pytest.raises(ProtectedError):
        LedgerTransaction.objects.filter(pk=posted.pk).delete()
    # …and the database refuses one with none (made by hand, as a bug might).
    bare = LedgerTransaction.objects.create(
        fund=dee_fund,
        kind=Kind.ALLOCATION,
        effective_on=START,
        description="No entries",
        idempotency_key=new_key(),
        fingerprint="x",
    )
    refused_by_the_database(bare.delete)
    assert LedgerEntry.objects.filter(transaction=posted).count() == 2


@pytest.mark.django_db
def test_raw_sql_is_refused(posted):
    statements = [
        "UPDATE funds_ledgerentry SET amount_pence = amount_pence * 2",
        "DELETE FROM funds_ledgerentry",
        "UPDATE funds_ledgertransaction SET description = 'Changed'",
        "DELETE FROM funds_ledgertransaction",
    ]
    for statement in statements:

        def run(sql: str = statement) -> None:
            with connection.cursor() as cursor:
                cursor.execute(sql)

        refused_by_the_database(run)
    assert LedgerEntry.objects.aggregate(total=Sum("amount_pence"))["total"] == 0
    assert LedgerEntry.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_truncate_is_refused_on_postgresql(posted):
    """TRUNCATE skips row triggers, so PostgreSQL has a statement trigger for it (SQLite has no
    TRUNCATE: its DELETE without WHERE still fires the row triggers, tested above). The rows
    are committed first, as a real TRUNCATE would find them."""
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")

    def truncate() -> None:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE funds_ledgerentry, funds_ledgertransaction CASCADE")

    refused_by_the_database(truncate)
    assert LedgerEntry.objects.count() == 2


@pytest.mark.django_db
def test_only_audit_maintenance_lets_a_flush_through(posted):
    with audit_maintenance(), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM funds_ledgerentry")
            cursor.execute("DELETE FROM funds_ledgertransaction")
        assert not LedgerEntry.objects.exists()
        transaction.set_rollback(True)  # leave the test's data as it was
    assert LedgerEntry.objects.count() == 2
    # Maintenance was switched off again: the guard is back.
    refused_by_the_database(lambda: LedgerEntry.objects.all().delete())


# --- Whole pence only --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("amount", [10.5, 10.0, "1000", None])
def test_amounts_that_are_not_whole_pence_are_refused(amount, dee_fund, finance):
    with pytest.raises(posting.PostingRefused):
        posting.post(
            fund=dee_fund,
            kind=Kind.ALLOCATION,
            lines=[posting.Line(Account.AVAILABLE, amount), posting.Line(Account.COUNCIL, -10)],
            effective_on=START,
            description="Float money",
            idempotency_key=new_key(),
            actor=finance,
        )
    assert not LedgerEntry.objects.exists()


# --- Any sequence of postings keeps the books ---------------------------------------------------

OVERDRAFT = 5_000
amounts = st.integers(min_value=1, max_value=60_000)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("allocate"), amounts),
        st.tuples(st.just("spend"), amounts),
        st.tuples(st.just("spend_banked"), amounts),
        st.tuples(st.just("bank"), amounts),
        st.tuples(st.just("unbank"), amounts),
        st.tuples(st.just("refund"), amounts),
        st.tuples(st.just("return"), amounts),
        st.tuples(st.just("reverse"), st.integers(min_value=0, max_value=50)),
    ),
    min_size=1,
    max_size=14,
)

LINES = {
    "allocate": (Kind.ALLOCATION, posting.allocation_lines),
    "spend": (Kind.SUPPLIER_PAYMENT, lambda p: posting.spend_lines(Account.OTHER_SUPPLIERS, p)),
    "spend_banked": (
        Kind.PURCHASE,
        lambda p: posting.spend_lines(Account.PURCHASES, p, from_banked=True),
    ),
    "bank": (Kind.BANK, posting.bank_lines),
    "unbank": (Kind.UNBANK, posting.unbank_lines),
    "refund": (Kind.REFUND, lambda p: posting.refund_lines(Account.OTHER_SUPPLIERS, p)),
    "return": (Kind.RETURN_TO_COUNCIL, posting.return_to_council_lines),
}


def sums_by_account(fund: Fund) -> dict[str, int]:
    rows = LedgerEntry.objects.filter(fund=fund).values("account").annotate(t=Sum("amount_pence"))
    return {row["account"]: row["t"] for row in rows}


def check_the_books(fund: Fund) -> None:
    per_transaction: dict[int, int] = defaultdict(int)
    for txn_id, amount in LedgerEntry.objects.filter(fund=fund).values_list(
        "transaction_id", "amount_pence"
    ):
        assert isinstance(amount, int)
        per_transaction[txn_id] += amount
    assert all(total == 0 for total in per_transaction.values()), "a transaction is unbalanced"
    totals = sums_by_account(fund)
    assert sum(totals.values()) == 0
    balances = fund_balances(fund.pk)
    assert balances.available_pence == totals.get(Account.AVAILABLE, 0)
    assert balances.banked_pence == totals.get(Account.BANKED, 0)
    assert balances.received_pence == -totals.get(Account.COUNCIL, 0)
    assert balances.available_pence >= -OVERDRAFT
    assert balances.banked_pence >= 0


@pytest.mark.django_db
def test_any_sequence_of_postings_keeps_the_books(dee_fund, finance):
    Agreement.objects.filter(fund=dee_fund).update(overdraft_limit_pence=OVERDRAFT)

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        database=None,
    )
    @given(operations)
    def books_stay_true(steps: list[tuple[str, int]]) -> None:
        # Each example starts from an empty ledger: its postings are rolled back after it.
        with transaction.atomic():
            for action, value in steps:
                apply(dee_fund, finance, action, value)
                check_the_books(dee_fund)
            transaction.set_rollback(True)

    books_stay_true()


def apply(fund: Fund, actor: object, action: str, value: int) -> None:
    if action == "reverse":
        reversible = list(
            LedgerTransaction.objects.filter(fund=fund, reversed_by__isnull=True)
            .exclude(kind=Kind.REVERSAL)
            .order_by("id")
        )
        if not reversible:
            return
        original = reversible[value % len(reversible)]
        before = sums_by_account(fund)
        try:
            posting.reverse(
                original=original, reason="Mistake", idempotency_key=new_key(), actor=actor
            )
        except posting.WouldOverdraw:
            event("a correction refused: it would overdraw")
            assert sums_by_account(fund) == before
            return
        event("an entry corrected")
        after = sums_by_account(fund)
        for entry in original.entries.all():
            before[entry.account] = before.get(entry.account, 0) - entry.amount_pence
        assert {k: v for k, v in after.items() if v} == {k: v for k, v in before.items() if v}
        return
    kind, lines = LINES[action]
    before = sums_by_account(fund)
    try:
        with transaction.atomic():
            posting.post(
                fund=fund,
                kind=kind,
                lines=lines(value),
                effective_on=START + dt.timedelta(days=value % 28),
                description=action,
                idempotency_key=new_key(),
                actor=actor,
            )
    except posting.WouldOverdraw:
        event("a posting refused: it would overdraw")
        assert sums_by_account(fund) == before, "a refused posting changed nothing"
        money_after = {
            account: before.get(account, 0)
            + sum(line.amount_pence for line in lines(value) if line.account == account)
            for account in MONEY_ACCOUNTS
        }
        assert money_after[Account.AVAILABLE] < -OVERDRAFT or money_after[Account.BANKED] < 0, (
            "only a posting that would overdraw is refused"
        )
