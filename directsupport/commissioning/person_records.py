"""The person's requests for quote, the offers made for them, their choices, pools and contracts,
for subject access and retention (the registry is lib/person_records.py).

A contract, and the parties and share changes that go with it, is a financial record: kept by
financial years like the ISF agreements and ledger it feeds (funds/person_records.py). How their
support was asked for, offered and chosen, and their place in a pool, are care records, like their
needs and their choices of supplier (market/person_records.py). The pool itself is the group's,
as a block contract is the council's: the person's place in it is their pool membership.
"""

from directsupport.lib.person_records import RecordKind, excuse, register

from .models import (
    Contract,
    ContractParty,
    Offer,
    OfferChoice,
    Pool,
    PoolMember,
    Proposal,
    QuoteRequest,
    RequestNeed,
    ShareChange,
)

CARE = RecordKind.CARE
FINANCIAL = RecordKind.FINANCIAL
# From a request to the person: the request's needs, each one of the person's needs.
REQUEST_PERSON = "needs__need__person"


def register_person_records() -> None:
    # How their support was asked for, offered and chosen.
    register(
        RequestNeed,
        person_lookup="need__person",
        kind=CARE,
        label="Their needs in requests for quote",
    )
    register(
        QuoteRequest,
        person_lookup=REQUEST_PERSON,
        kind=CARE,
        label="Requests for quote for their support",
    )
    register(
        Offer,
        person_lookup=f"request__{REQUEST_PERSON}",
        kind=CARE,
        label="Offers and counter-offers for their support",
    )
    register(
        OfferChoice,
        person_lookup=f"request__{REQUEST_PERSON}",
        kind=CARE,
        label="Their choices among the offers",
    )
    # A proposal names needs by id; a pool's proposal may name other people's, so the ids are
    # left out and the proposal is reached through the offer it suggests for the person.
    register(
        Proposal,
        person_lookup=f"offer__request__{REQUEST_PERSON}",
        kind=CARE,
        label="Suggestions of the borough-wide optimiser for their support",
        exclude=("need_ids",),
    )
    register(
        PoolMember,
        person_lookup="person",
        kind=CARE,
        label="Their place in groups buying support together",
    )
    excuse(
        Pool,
        reason="A group of people buying support together; each person's place in it, with "
        "their answer and their cost, is in 'Their place in groups buying support together'.",
    )
    # Contracts: financial records.
    register(
        Contract,
        person_lookup="parties__person",
        kind=FINANCIAL,
        label="Contracts for their support",
    )
    register(
        ContractParty,
        person_lookup="person",
        kind=FINANCIAL,
        label="Their part in contracts, with their share of the cost",
    )
    # The shares column names every member of a pool with their share: other people's data.
    # The person's own share is on their part in the contract.
    register(
        ShareChange,
        person_lookup="contract__parties__person",
        kind=FINANCIAL,
        label="Changes to how a contract's cost is shared",
        exclude=("shares",),
    )
