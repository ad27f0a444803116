"""The person's Individual Service Fund, for subject access and retention."""

from directsupport.lib.person_records import RecordKind, excuse, register

from .models import (
    Agreement,
    AgreementReview,
    BankingPot,
    BlockContract,
    ContractSplit,
    CoveredPerson,
    Fund,
    LedgerEntry,
    LedgerTransaction,
    SplitLine,
    Statement,
    SupportSession,
)

FINANCIAL = RecordKind.FINANCIAL


def register_person_records() -> None:
    register(Fund, person_lookup="person", kind=FINANCIAL, label="Their Individual Service Fund")
    register(Agreement, person_lookup="fund__person", kind=FINANCIAL, label="ISF agreements")
    register(AgreementReview, person_lookup="fund__person", kind=FINANCIAL, label="ISF reviews")
    register(SupportSession, person_lookup="fund__person", kind=FINANCIAL, label="Hours of support")
    register(BankingPot, person_lookup="fund__person", kind=FINANCIAL, label="Money put aside")
    # The idempotency key only stops a double posting; it says nothing about the person.
    register(
        LedgerTransaction,
        person_lookup="fund__person",
        kind=FINANCIAL,
        label="Money in and out",
        exclude=("idempotency_key",),
    )
    register(LedgerEntry, person_lookup="fund__person", kind=FINANCIAL, label="Ledger entries")
    register(Statement, person_lookup="fund__person", kind=FINANCIAL, label="Statements")
    register(
        CoveredPerson,
        person_lookup="person",
        kind=FINANCIAL,
        label="Block contracts that covered them",
    )
    register(
        SplitLine, person_lookup="person", kind=FINANCIAL, label="Their share of a block contract"
    )
    excuse(
        BlockContract,
        reason="The council's contract with the provider for many people; that it covered "
        "the person is in 'Block contracts that covered them'.",
    )
    excuse(
        ContractSplit,
        reason="How a block contract was shared out across everyone it covered; the person's "
        "own share is in 'Their share of a block contract'.",
    )
