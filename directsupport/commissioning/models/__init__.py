"""Commissioning: requests for quote, offers and counter-offers, the fair-cost calculator,
contracts, joint procurement pools and the borough-wide optimiser. Split by concept; everything
is importable from ``directsupport.commissioning.models``."""

from .contracts import (
    CONTRACT_TRANSITIONS,
    Contract,
    ContractParty,
    ContractReminder,
    ContractStatus,
    ShareChange,
    SplitRule,
)
from .fair_cost import FairCostModel, ReferencePrice
from .optimiser import OptimiserRun, Proposal, ProposalKind, ProposalStatus, RunStatus
from .pools import POOL_TRANSITIONS, MemberStatus, Pool, PoolMember, PoolStatus
from .requests import (
    REQUEST_TRANSITIONS,
    NameShown,
    Offer,
    OfferChoice,
    OfferSide,
    OfferStatus,
    QuoteRequest,
    RequestNeed,
    RequestStatus,
    RequestSupplier,
)

__all__ = [
    "CONTRACT_TRANSITIONS",
    "POOL_TRANSITIONS",
    "REQUEST_TRANSITIONS",
    "Contract",
    "ContractParty",
    "ContractReminder",
    "ContractStatus",
    "FairCostModel",
    "MemberStatus",
    "NameShown",
    "Offer",
    "OfferChoice",
    "OfferSide",
    "OfferStatus",
    "OptimiserRun",
    "Pool",
    "PoolMember",
    "PoolStatus",
    "Proposal",
    "ProposalKind",
    "ProposalStatus",
    "QuoteRequest",
    "ReferencePrice",
    "RequestNeed",
    "RequestStatus",
    "RequestSupplier",
    "RunStatus",
    "ShareChange",
    "SplitRule",
]
