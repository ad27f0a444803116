"""Commissioning's panels for the home page (templates/home.html loads them, so accounts never
imports commissioning):

- ``{% council_commissioning_home %}``: what waits for the council. ISF agreements waiting for
  the council's decision (funds' own programme figures, the same answer as its programme page),
  contracts to note for people the council funds, and pools its people are in.
- ``{% supplier_commissioning_home %}``: a supplier's requests for quote (open ones first, with
  their reply-by dates), its offers and the counter-offers waiting for it, and its contracts.
- ``{% market_shaper_commissioning_home %}``: the market shaper's (and manager's) work in
  counts with links: requests waiting for offers, offers to answer, contracts waiting to be
  agreed, pools proposed and the latest optimiser run.

Every list is what commissioning/access.py lets the user see, so nothing of another
organisation appears. Pages built by each concept are linked only once they exist
(overview/links.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.utils import timezone

from directsupport.accounts.roles import Role
from directsupport.funds.contracts.programme import IsfStatus, programme_figures

from ..access import (
    can_commission,
    contracts_visible_to,
    pools_visible_to,
    requests_visible_to,
    runs_visible_to,
)
from ..models import (
    ContractStatus,
    Offer,
    OfferSide,
    OfferStatus,
    PoolStatus,
    RequestStatus,
)
from ..overview.links import link_to

register = template.Library()

# Enough to act on at a glance; each list says how many there are in all.
SHOWN = 5
NOTED_CONTRACTS = (ContractStatus.AGREED, ContractStatus.ACTIVE, ContractStatus.ENDING)
LIVE_POOLS = (
    PoolStatus.PROPOSED,
    PoolStatus.AGREED,
    PoolStatus.OUT_TO_QUOTE,
    PoolStatus.CONTRACTED,
)


@dataclass(frozen=True)
class Item:
    """One line of a panel: what it is, where to act on it (empty while that page is being
    built), and a few words about its state."""

    text: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Listing:
    """A panel's list: the first few items and how many there are in all."""

    items: list[Item]
    count: int

    @property
    def more(self) -> int:
        return max(0, self.count - len(self.items))


def _user(context: template.Context) -> Any:
    return context["request"].user


def _contract_url(pk: int) -> str:
    return link_to("commissioning:contract_detail", support_contract_pk=pk)


def _portal_request_url(pk: int) -> str:
    return link_to("commissioning:request_portal_detail", rfq_pk=pk)


def _portal_offer_url(pk: int) -> str:
    return link_to("commissioning:offer_new_for_supplier", rfq_pk=pk)


def _portal_contract_url(pk: int) -> str:
    return link_to("commissioning:contract_portal_detail", support_contract_pk=pk)


def _pool_url(pk: int) -> str:
    return link_to("commissioning:pool_detail", pool_pk=pk)


def _listing(items: list[Item], count: int) -> Listing:
    return Listing(items=items[:SHOWN], count=count)


# --- The commissioner ----------------------------------------------------------------------


@register.inclusion_tag("commissioning/home/council_panel.html", takes_context=True)
def council_commissioning_home(context: template.Context) -> dict[str, Any]:
    user = _user(context)
    if not user.is_active or user.role != Role.COMMISSIONER:
        return {"show": False}
    figures = programme_figures(today=timezone.localdate(), council=user.organisation)
    waiting = [row for row in figures.people if row.status == IsfStatus.WAITING_FOR_COUNCIL]
    agreements = [
        Item(
            text=f"{row.name} ({row.fund_reference})",
            url=link_to("funds:agreement", pk=row.person_id),
        )
        for row in waiting[:SHOWN]
    ]
    contracts = contracts_visible_to(user).filter(status__in=NOTED_CONTRACTS)
    newest = contracts.order_by("-created_at", "-id")[:SHOWN]
    pools = pools_visible_to(user).filter(status__in=LIVE_POOLS).order_by("-created_at", "-id")
    return {
        "show": True,
        "agreements": _listing(agreements, len(waiting)),
        "programme_url": link_to("funds:programme"),
        "contracts_url": link_to("commissioning:contract_list"),
        "contracts": _listing(
            [
                Item(
                    text=f"{c.reference}: {c.service} with {c.supplier.name}",
                    url=_contract_url(c.pk),
                    note=c.get_status_display(),
                )
                for c in newest
            ],
            contracts.count(),
        ),
        "pools": _listing(
            [
                Item(
                    text=f"{p.reference}: {p.title}",
                    url=_pool_url(p.pk),
                    note=p.get_status_display(),
                )
                for p in pools[:SHOWN]
            ],
            pools.count(),
        ),
    }


# --- The supplier ----------------------------------------------------------------------------


@register.inclusion_tag("commissioning/home/supplier_panel.html", takes_context=True)
def supplier_commissioning_home(context: template.Context) -> dict[str, Any]:
    user = _user(context)
    if not user.is_active or user.role != Role.SUPPLIER:
        return {"show": False}
    today = timezone.localdate()
    requests = requests_visible_to(user).annotate(
        open_first=Case(
            When(status=RequestStatus.SENT, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    )
    open_requests = requests.filter(status=RequestStatus.SENT).count()
    request_items = [
        Item(
            text=f"{r.reference}: {r.what}",
            url=_portal_request_url(r.pk),
            note=(
                f"reply by {r.respond_by:%-d %B %Y}"
                + (" (the date has passed)" if r.respond_by < today else "")
                if r.status == RequestStatus.SENT
                else r.get_status_display().lower()
            ),
        )
        for r in requests.order_by("open_first", "respond_by", "-id")[:SHOWN]
    ]
    # Offers in the requests sent to this supplier, in its own threads only.
    mine = (
        Offer.objects.filter(
            supplier__organisation_id=user.organisation_id,
            status=OfferStatus.OPEN,
            request__in=requests_visible_to(user).filter(status=RequestStatus.SENT),
        )
        .select_related("request")
        .order_by("-made_at", "-id")
    )
    offers = [
        Item(
            text=f"{o.request.reference}: {o.request.what}",
            url=_portal_offer_url(o.request_id),
            note=(
                "a counter-offer for you to answer"
                if o.side == OfferSide.BUYER
                else "your offer, waiting for an answer"
            ),
        )
        for o in mine[:SHOWN]
    ]
    contracts = contracts_visible_to(user).exclude(status=ContractStatus.ENDED)
    to_accept = contracts.filter(
        supplier_accepted_at__isnull=True,
        status__in=(ContractStatus.DRAFT, ContractStatus.AGREED),
    )
    ordered = contracts.annotate(
        to_accept_first=Exists(to_accept.filter(pk=OuterRef("pk")))
    ).order_by("-to_accept_first", "-starts_on", "-id")
    return {
        "show": True,
        "requests": _listing(request_items, requests.count()),
        "open_requests": open_requests,
        "offers": _listing(offers, mine.count()),
        "contracts": _listing(
            [
                Item(
                    text=f"{c.reference}: {c.service}",
                    url=_portal_contract_url(c.pk),
                    note=(
                        "for you to accept"
                        if c.supplier_accepted_at is None
                        and c.status in (ContractStatus.DRAFT, ContractStatus.AGREED)
                        else c.get_status_display().lower()
                    ),
                )
                for c in ordered[:SHOWN]
            ],
            contracts.count(),
        ),
        "to_accept": to_accept.count(),
        "requests_url": link_to("commissioning:request_portal_list"),
        "contracts_url": link_to("commissioning:contract_portal_list"),
    }


# --- The market shaper and manager -----------------------------------------------------------


@dataclass(frozen=True)
class Count:
    label: str
    count: int
    url: str


@register.inclusion_tag("commissioning/home/market_shaper_panel.html", takes_context=True)
def market_shaper_commissioning_home(context: template.Context) -> dict[str, Any]:
    user = _user(context)
    if not can_commission(user):
        return {"show": False}
    requests = requests_visible_to(user)
    open_supplier_offer = Offer.objects.filter(
        request=OuterRef("pk"), side=OfferSide.SUPPLIER, status=OfferStatus.OPEN
    )
    sent = requests.filter(status=RequestStatus.SENT)
    awaiting_offers = sent.exclude(Exists(open_supplier_offer)).count()
    to_answer = Offer.objects.filter(
        request__in=sent, side=OfferSide.SUPPLIER, status=OfferStatus.OPEN
    ).count()
    contracts = contracts_visible_to(user)
    waiting_for_agreement = contracts.filter(status=ContractStatus.DRAFT).count()
    pools_proposed = pools_visible_to(user).filter(status=PoolStatus.PROPOSED).count()
    latest_run = runs_visible_to(user).order_by("-created_at", "-id").first()
    requests_url = link_to("commissioning:request_list")
    return {
        "show": True,
        "counts": [
            Count("Requests waiting for offers", awaiting_offers, requests_url),
            Count("Offers to answer", to_answer, requests_url),
            Count(
                "Contracts waiting to be agreed",
                waiting_for_agreement,
                link_to("commissioning:contract_list"),
            ),
            Count("Pools proposed", pools_proposed, link_to("commissioning:pool_list")),
        ],
        "latest_run": latest_run,
        "latest_run_url": (
            link_to("commissioning:run_detail", run_pk=latest_run.pk) if latest_run else ""
        ),
        "runs_url": link_to("commissioning:run_list"),
    }
