"""What one person's commissioning tab shows: their requests for quote, their contracts with
their share of the cost, and their pools with the cost in the pool against buying alone. Each
list is only what the viewer may see (commissioning/access.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from directsupport.accounts.models import User
from directsupport.people.models import Person

from ..access import (
    can_read_commissioning,
    contracts_visible_to,
    pools_visible_to,
    requests_visible_to,
)
from ..models import (
    Contract,
    ContractParty,
    ContractStatus,
    OfferStatus,
    Pool,
    PoolMember,
    QuoteRequest,
    RequestStatus,
)
from .links import link_to

WHOLE_BP = 10_000


def share_of(pence: int, share_bp: int) -> int:
    """A share (basis points) of an amount in pence, rounded half up to the penny."""
    return (pence * share_bp + WHOLE_BP // 2) // WHOLE_BP


@dataclass(frozen=True)
class RequestRow:
    request: QuoteRequest
    open_offers: int
    offers: int
    offers_url: str  # the offers in easy read, when that page exists
    detail_url: str

    @property
    def waiting_for_offers(self) -> bool:
        return self.request.status == RequestStatus.SENT and self.open_offers == 0


@dataclass(frozen=True)
class ContractRow:
    contract: Contract
    party: ContractParty
    share_pence_a_week: int
    detail_url: str
    easy_read_url: str

    @property
    def shared(self) -> bool:
        return self.party.share_bp < WHOLE_BP

    @property
    def live(self) -> bool:
        return self.contract.status in (ContractStatus.ACTIVE, ContractStatus.ENDING)


@dataclass(frozen=True)
class PoolRow:
    pool: Pool
    member: PoolMember
    members: int
    detail_url: str

    @property
    def saving_pence_a_week(self) -> int:
        return self.member.alone_pence_a_week - self.member.pooled_pence_a_week


def request_rows(user: User, person: Person) -> list[RequestRow]:
    staff = can_read_commissioning(user)
    requests = (
        requests_visible_to(user)
        .filter(needs__need__person=person)
        .distinct()
        .annotate(
            offer_count=Count("offers", distinct=True),
            open_offer_count=Count(
                "offers", filter=Q(offers__status=OfferStatus.OPEN), distinct=True
            ),
        )
        .order_by("-created_at", "-id")
    )
    return [
        RequestRow(
            request=request,
            open_offers=request.open_offer_count,
            offers=request.offer_count,
            offers_url=link_to("commissioning:offer_easy_read", rfq_pk=request.pk),
            # The request's own page is the staff's; the person reads the offers in easy read.
            detail_url=(
                link_to("commissioning:request_detail", rfq_pk=request.pk) if staff else ""
            ),
        )
        for request in requests
    ]


def contract_rows(user: User, person: Person) -> list[ContractRow]:
    parties = {
        party.contract_id: party
        for party in ContractParty.objects.filter(
            person=person, contract__in=contracts_visible_to(user)
        )
    }
    contracts = contracts_visible_to(user).filter(pk__in=parties).order_by("-starts_on", "-id")
    return [
        ContractRow(
            contract=contract,
            party=parties[contract.pk],
            share_pence_a_week=share_of(contract.pence_a_week, parties[contract.pk].share_bp),
            detail_url=link_to("commissioning:contract_detail", support_contract_pk=contract.pk),
            easy_read_url=link_to(
                "commissioning:contract_easy_read", support_contract_pk=contract.pk
            ),
        )
        for contract in contracts
    ]


def pool_rows(user: User, person: Person) -> list[PoolRow]:
    members = {
        member.pool_id: member
        for member in PoolMember.objects.filter(person=person, pool__in=pools_visible_to(user))
    }
    pools = (
        pools_visible_to(user)
        .filter(pk__in=members)
        .annotate(member_count=Count("members", distinct=True))
    )
    return [
        PoolRow(
            pool=pool,
            member=members[pool.pk],
            members=pool.member_count,
            detail_url=link_to("commissioning:pool_detail", pool_pk=pool.pk),
        )
        for pool in pools
    ]
