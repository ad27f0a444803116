"""Who may see and change commissioning records. The only place these decisions are made;
person-level checks start from ``people.access``.

- **Requests for quote, offers, choices, pools, optimiser runs:** market shapers and managers of
  the provider write; its coordinators and finance read. A supplier sees only the requests sent
  to it (never drafts), only its own offers in each thread, and never another supplier's offer
  or anything about a person beyond what the request shows (a first name or an alias, unless
  the person agreed to more). A request withdrawn after it was sent stays readable to the
  suppliers it was sent to, marked withdrawn, and refuses offers.
- **Contracts:** provider staff of the four roles above read; market shapers and managers
  write. The supplier reads its own contracts and accepts them in its portal. The person (and
  circle members the person lets see) read the contracts they are a party to, in easy read,
  and the person agrees to them. Commissioners read the contracts of people their council
  funds (no private plan details are on a contract).
- **The person's own requests and offers:** the person and circle members who may see them read
  the requests for their needs and every figure of the offers, in easy read.
- Experts by experience and support workers see none of this (404).

Everything here answers 404 (NoAccess) for no access and 403 (ReadOnly) for read-only; the
denial is audited by the middleware that turns those into responses.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import Role
from directsupport.lib.denials import NoAccess
from directsupport.lib.denials import one_for_user as _one
from directsupport.people.access import get_person_for_user, people_visible_to
from directsupport.people.models import Person

from .models import (
    Contract,
    ContractParty,
    ContractStatus,
    FairCostModel,
    OptimiserRun,
    Pool,
    PoolMember,
    QuoteRequest,
    ReferencePrice,
    RequestNeed,
    RequestStatus,
    RequestSupplier,
)

COMMISSIONING_WRITERS = frozenset({Role.MARKET_SHAPER, Role.MANAGER})
COMMISSIONING_READERS = COMMISSIONING_WRITERS | {Role.COORDINATOR, Role.FINANCE}
PERSON_SIDE = frozenset({Role.PERSON, Role.CIRCLE})


def _role_name(user: User) -> str:
    return user.get_role_display().lower()


def can_commission(user: User) -> bool:
    """Sending requests, countering offers, drawing up contracts, forming pools, running the
    optimiser: market shapers and managers."""
    return user.is_active and user.role in COMMISSIONING_WRITERS


def can_read_commissioning(user: User) -> bool:
    return user.is_active and user.role in COMMISSIONING_READERS


def check_may_commission(user: User, *, what: str = "commissioning") -> None:
    if not can_commission(user):
        raise NoAccess(
            subject_type="commissioning",
            subject_id="new",
            reason=f"No {what} for a {_role_name(user)}",
        )


def check_may_read_commissioning(user: User, *, what: str = "commissioning") -> None:
    if not can_read_commissioning(user):
        raise NoAccess(
            subject_type="commissioning",
            subject_id="list",
            reason=f"No {what} for a {_role_name(user)}",
        )


def _visible_people_ids(user: User) -> QuerySet:
    return people_visible_to(user).values("pk")


# --- Requests for quote --------------------------------------------------------------------


def requests_visible_to(user: User) -> QuerySet[QuoteRequest]:
    requests = QuoteRequest.objects.select_related("term", "district", "pool")
    if not user.is_active:
        return requests.none()
    if user.role in COMMISSIONING_READERS:
        return requests.filter(organisation_id=user.organisation_id)
    if user.role == Role.SUPPLIER:
        sent_to_me = RequestSupplier.objects.filter(
            request=OuterRef("pk"), supplier__organisation_id=user.organisation_id
        )
        return requests.filter(Exists(sent_to_me), sent_at__isnull=False)
    if user.role in PERSON_SIDE:
        mine = RequestNeed.objects.filter(
            request=OuterRef("pk"), need__person__in=_visible_people_ids(user)
        )
        return requests.filter(Exists(mine)).exclude(status=RequestStatus.DRAFT)
    return requests.none()


def get_request_for_user(user: User, pk: int, *, write: bool = False) -> QuoteRequest:
    """The request if the user may see it (404 otherwise); with ``write``, only the provider's
    market shapers and managers (403)."""
    return _one(
        requests_visible_to(user),
        pk,
        user=user,
        subject_type="commissioning.quoterequest",
        what="this request for quote",
        write=write,
        may_change=lambda request: (
            can_commission(user) and request.organisation_id == user.organisation_id
        ),
        tried="change a request for quote",
    )


def may_make_offer(user: User, request: QuoteRequest) -> bool:
    """A supplier the request was sent to, while it is open (sent, not withdrawn or chosen)."""
    return (
        user.is_active
        and user.role == Role.SUPPLIER
        and request.status == RequestStatus.SENT
        and request.invited.filter(supplier__organisation_id=user.organisation_id).exists()
    )


def offers_visible_to(user: User, request: QuoteRequest) -> QuerySet:
    """The offers of a request this user may read: a supplier only its own thread; the
    provider's staff and the person's side every offer. Call after get_request_for_user."""
    offers = request.offers.select_related("supplier", "supplier__organisation", "made_by")
    if user.role == Role.SUPPLIER:
        return offers.filter(supplier__organisation_id=user.organisation_id)
    return offers


# --- Contracts -----------------------------------------------------------------------------


def contracts_visible_to(user: User) -> QuerySet[Contract]:
    contracts = Contract.objects.select_related("supplier", "supplier__organisation", "term")
    if not user.is_active:
        return contracts.none()
    if user.role in COMMISSIONING_READERS:
        return contracts.filter(organisation_id=user.organisation_id)
    if user.role == Role.SUPPLIER:
        return contracts.filter(supplier__organisation_id=user.organisation_id)
    if user.role in PERSON_SIDE or user.role == Role.COMMISSIONER:
        party = ContractParty.objects.filter(
            contract=OuterRef("pk"), person__in=_visible_people_ids(user)
        )
        visible = contracts.filter(Exists(party))
        if user.role == Role.COMMISSIONER:
            return visible.exclude(status=ContractStatus.DRAFT)
        return visible
    return contracts.none()


def get_contract_for_user(user: User, pk: int, *, write: bool = False) -> Contract:
    return _one(
        contracts_visible_to(user),
        pk,
        user=user,
        subject_type="commissioning.contract",
        what="this contract",
        write=write,
        may_change=lambda contract: (
            can_commission(user) and contract.organisation_id == user.organisation_id
        ),
        tried="change a contract",
    )


def may_accept_for_supplier(user: User, contract: Contract) -> bool:
    return (
        user.is_active
        and user.role == Role.SUPPLIER
        and contract.supplier.organisation_id == user.organisation_id
    )


def party_for_person_user(user: User, contract: Contract) -> ContractParty | None:
    """The party the signed-in person is, if they are one (people agree for themselves; staff
    record a representative's agreement through the staff pages)."""
    if user.role != Role.PERSON:
        return None
    return contract.parties.filter(person__user=user).first()


# --- Pools ---------------------------------------------------------------------------------


def pools_visible_to(user: User) -> QuerySet[Pool]:
    pools = Pool.objects.select_related("term", "district")
    if not user.is_active:
        return pools.none()
    if user.role in COMMISSIONING_READERS:
        return pools.filter(organisation_id=user.organisation_id)
    if user.role in PERSON_SIDE or user.role == Role.COMMISSIONER:
        member = PoolMember.objects.filter(
            pool=OuterRef("pk"), person__in=_visible_people_ids(user)
        )
        return pools.filter(Exists(member))
    return pools.none()


def get_pool_for_user(user: User, pk: int, *, write: bool = False) -> Pool:
    return _one(
        pools_visible_to(user),
        pk,
        user=user,
        subject_type="commissioning.pool",
        what="this pool",
        write=write,
        may_change=lambda pool: (
            can_commission(user) and pool.organisation_id == user.organisation_id
        ),
        tried="change a pool",
    )


# --- Optimiser runs ------------------------------------------------------------------------


def runs_visible_to(user: User) -> QuerySet[OptimiserRun]:
    if not can_read_commissioning(user):
        return OptimiserRun.objects.none()
    return OptimiserRun.objects.filter(organisation_id=user.organisation_id)


def get_run_for_user(user: User, pk: int, *, write: bool = False) -> OptimiserRun:
    return _one(
        runs_visible_to(user),
        pk,
        user=user,
        subject_type="commissioning.optimiserrun",
        what="this optimiser run",
        write=write,
        may_change=lambda run: can_commission(user),
        tried="decide an optimiser proposal",
    )


# --- Fair cost -----------------------------------------------------------------------------


def fair_cost_providers_for(user: User) -> QuerySet[Organisation]:
    """The providers whose fair-cost build-ups and reference prices this user may read: their
    own for its commissioning readers; for a commissioner, every provider whose people the
    council funds (an open book is meant to be read by the buyer)."""
    if not user.is_active:
        return Organisation.objects.none()
    if user.role in COMMISSIONING_READERS:
        return Organisation.objects.filter(pk=user.organisation_id)
    if user.role == Role.COMMISSIONER:
        return Organisation.objects.filter(
            people__funding_council_id=user.organisation_id
        ).distinct()
    return Organisation.objects.none()


def check_may_read_fair_cost(user: User) -> None:
    if not (can_read_commissioning(user) or (user.is_active and user.role == Role.COMMISSIONER)):
        raise NoAccess(
            subject_type="commissioning.faircostmodel",
            subject_id="list",
            reason=f"No fair cost for a {_role_name(user)}",
        )


def get_fair_cost_for_user(user: User, pk: int, *, write: bool = False) -> FairCostModel:
    """A fair-cost build-up the user may read (404 otherwise); with ``write`` only the
    provider's market shapers and managers change it (403)."""
    return _one(
        FairCostModel.objects.filter(organisation__in=fair_cost_providers_for(user)),
        pk,
        user=user,
        subject_type="commissioning.faircostmodel",
        what="this fair-cost build-up",
        write=write,
        may_change=lambda model: (
            can_commission(user) and model.organisation_id == user.organisation_id
        ),
        tried="change a fair-cost build-up",
    )


def get_reference_price_for_user(user: User, pk: int, *, write: bool = False) -> ReferencePrice:
    return _one(
        ReferencePrice.objects.filter(organisation__in=fair_cost_providers_for(user)),
        pk,
        user=user,
        subject_type="commissioning.referenceprice",
        what="this reference price",
        write=write,
        may_change=lambda price: (
            can_commission(user) and price.organisation_id == user.organisation_id
        ),
        tried="change a reference price",
    )


# --- One person's commissioning (the "My contracts" tab) ------------------------------------

PERSON_OVERVIEW_READERS = COMMISSIONING_READERS | PERSON_SIDE | {Role.COMMISSIONER}


def can_see_person_commissioning(user: User) -> bool:
    """For the person page's tab: the roles that may read a person's requests, contracts and
    pools (of a person they can see at all, people.access)."""
    return user.is_active and user.role in PERSON_OVERVIEW_READERS


def get_person_for_commissioning(user: User, pk: int) -> Person:
    """The person whose requests, contracts and pools are asked for: their provider's
    commissioning staff, the person and circle members they let see, and the commissioners of
    the council that funds them; 404 for anyone else (support workers, experts, suppliers).
    What shows on the page is still filtered by requests_/contracts_/pools_visible_to."""
    person = get_person_for_user(user, pk)
    if not can_see_person_commissioning(user):
        raise NoAccess(
            subject_type="commissioning.person",
            subject_id=pk,
            person_id=pk,
            reason=f"No access to a person's contracts for a {_role_name(user)}",
        )
    return person
