"""The ledger: every movement of a fund's money as a balanced, append-only transaction.

Double entry: each transaction has two or more entries whose amounts add up to zero (a debit is
positive, a credit negative). The accounts are the fund's own: money comes in from the council
(``COUNCIL`` is credited, ``AVAILABLE`` debited), support is paid for out of ``AVAILABLE`` into
the spending accounts, money set aside for a purpose moves to ``BANKED``. Planned support is a
memo pair (``PLANNED`` and ``PLANNED_CONTRA``) that never touches the money.

Nothing is ever edited or deleted (the database refuses, migration 0002): a mistake is put
right by a reversing transaction. Balances are sums of entries, never stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Account(models.TextChoices):
    COUNCIL = "council", "Council funding"
    AVAILABLE = "available", "Money to spend"
    BANKED = "banked", "Money banked for later"
    PROVIDER_SUPPORT = "provider_support", "Support from the provider"
    OTHER_SUPPLIERS = "other_suppliers", "Support from other suppliers"
    MANAGEMENT_FEE = "management_fee", "Management fee"
    PURCHASES = "purchases", "Equipment and one-off purchases"
    PLANNED = "planned", "Support planned"
    PLANNED_CONTRA = "planned_contra", "Planned support (memo)"


# The person's money: what the fund holds. Below zero only with an approved overdraft.
MONEY_ACCOUNTS = frozenset({Account.AVAILABLE, Account.BANKED})
SPENDING_ACCOUNTS = frozenset(
    {
        Account.PROVIDER_SUPPORT,
        Account.OTHER_SUPPLIERS,
        Account.MANAGEMENT_FEE,
        Account.PURCHASES,
    }
)
MEMO_ACCOUNTS = frozenset({Account.PLANNED, Account.PLANNED_CONTRA})


class Kind(models.TextChoices):
    ALLOCATION = "allocation", "Money from the council"
    PLANNED_SUPPORT = "planned_support", "Support planned"
    DELIVERED_SUPPORT = "delivered_support", "Support delivered"
    SUPPLIER_PAYMENT = "supplier_payment", "Payment to another supplier"
    MANAGEMENT_FEE = "management_fee", "Management fee"
    PURCHASE = "purchase", "Equipment or one-off purchase"
    REFUND = "refund", "Refund"
    BANK = "bank", "Banked for later"
    UNBANK = "unbank", "Banked money brought back to spend"
    RETURN_TO_COUNCIL = "return_to_council", "Money returned to the council"
    REVERSAL = "reversal", "Correction (reverses an earlier entry)"


class LedgerTransaction(models.Model):
    fund = models.ForeignKey("funds.Fund", on_delete=models.PROTECT, related_name="transactions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    effective_on = models.DateField(help_text="The day the money belongs to (its statement).")
    posted_at = models.DateTimeField(default=timezone.now)
    description = models.CharField("What for", max_length=300)
    counterparty = models.CharField(
        "Paid to or received from", max_length=200, blank=True, help_text="Who the money went to."
    )
    minutes = models.PositiveIntegerField(
        null=True, blank=True, help_text="Hours behind the money (support, banked hours)."
    )
    pot = models.ForeignKey(
        "funds.BankingPot", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    idempotency_key = models.CharField(max_length=100, unique=True)
    fingerprint = models.CharField(
        max_length=64, help_text="A hash of what was posted: the same key must carry the same."
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["effective_on", "posted_at", "id"]
        indexes = [models.Index(fields=["fund", "effective_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"


class LedgerEntry(models.Model):
    transaction = models.ForeignKey(
        LedgerTransaction, on_delete=models.PROTECT, related_name="entries"
    )
    # Copied from the transaction so balances and statements are one indexed GROUP BY.
    fund = models.ForeignKey("funds.Fund", on_delete=models.PROTECT, related_name="+")
    effective_on = models.DateField()
    account = models.CharField(max_length=20, choices=Account.choices)
    amount_pence = models.BigIntegerField(help_text="Debit positive, credit negative.")

    class Meta:
        ordering = ["transaction_id", "id"]
        indexes = [models.Index(fields=["fund", "account", "effective_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(amount_pence=0), name="ledger_entry_not_zero"
            )
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.amount_pence:+d}p"
