"""Individual Service Funds: contracts and splits, funds and agreements, the ledger, hours and
statements. Split by concept; everything is importable from ``directsupport.funds.models``."""

from .agreements import (
    AGREEMENT_TRANSITIONS,
    OPEN_STATUSES,
    WEEKS_IN_YEAR,
    AgreedBy,
    Agreement,
    AgreementReview,
    AgreementStatus,
    FeeKind,
    Fund,
)
from .contracts import (
    REMAINDER_RULE,
    SPLIT_TRANSITIONS,
    BlockContract,
    ContractSplit,
    CoveredPerson,
    SplitLine,
    SplitMethod,
    SplitStatus,
)
from .hours import BankingPot, SessionSource, SupportSession, TimesheetImport
from .ledger import (
    MEMO_ACCOUNTS,
    MONEY_ACCOUNTS,
    SPENDING_ACCOUNTS,
    Account,
    Kind,
    LedgerEntry,
    LedgerTransaction,
)
from .statements import Statement

__all__ = [
    "AGREEMENT_TRANSITIONS",
    "MEMO_ACCOUNTS",
    "MONEY_ACCOUNTS",
    "OPEN_STATUSES",
    "REMAINDER_RULE",
    "SPENDING_ACCOUNTS",
    "SPLIT_TRANSITIONS",
    "WEEKS_IN_YEAR",
    "Account",
    "AgreedBy",
    "Agreement",
    "AgreementReview",
    "AgreementStatus",
    "BankingPot",
    "BlockContract",
    "ContractSplit",
    "CoveredPerson",
    "FeeKind",
    "Fund",
    "Kind",
    "LedgerEntry",
    "LedgerTransaction",
    "SessionSource",
    "SplitLine",
    "SplitMethod",
    "SplitStatus",
    "Statement",
    "SupportSession",
    "TimesheetImport",
]
