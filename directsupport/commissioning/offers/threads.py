"""The negotiation threads of a request as pages show them: one dated thread per supplier,
each offer with its weekly cost and, beside it, whether it is far from the fair range."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from django.db.models import QuerySet

from directsupport.accounts.models import Organisation
from directsupport.market.models import Supplier

from ..fair_cost.calculator import fair_model_for, fair_range, flag_for
from ..models import FairCostModel, Offer, OfferSide, OfferStatus, QuoteRequest


@dataclass
class OfferRow:
    offer: Offer
    flag: str | None
    flag_reason: str

    @property
    def from_buyer(self) -> bool:
        return self.offer.side == OfferSide.BUYER


@dataclass
class Thread:
    supplier: Supplier
    rows: list[OfferRow] = field(default_factory=list)

    @property
    def open_offer(self) -> Offer | None:
        """The one open offer or counter-offer of the thread, if any (each new one supersedes
        the open one before it)."""
        for row in reversed(self.rows):
            if row.offer.status == OfferStatus.OPEN:
                return row.offer
        return None

    @property
    def open_supplier_offer(self) -> Offer | None:
        offer = self.open_offer
        return offer if offer is not None and offer.side == OfferSide.SUPPLIER else None

    @property
    def open_counter_offer(self) -> Offer | None:
        offer = self.open_offer
        return offer if offer is not None and offer.side == OfferSide.BUYER else None


@dataclass
class FairFigures:
    model: FairCostModel | None
    low: int | None = None
    high: int | None = None


def fair_figures(rfq: QuoteRequest) -> FairFigures:
    model = fair_model_for(cast(Organisation, rfq.organisation), rfq.term)
    if model is None:
        return FairFigures(model=None)
    low, high = fair_range(model)
    return FairFigures(model=model, low=low, high=high)


def threads_for(
    rfq: QuoteRequest, offers: QuerySet[Offer], *, suppliers: list[Supplier], fair: FairFigures
) -> list[Thread]:
    """One thread per supplier in ``suppliers`` (those asked, as this user may see them), with
    the ``offers`` this user may read, oldest first."""
    threads = {supplier.pk: Thread(supplier=supplier) for supplier in suppliers}
    for offer in offers.order_by("made_at", "id"):
        thread = threads.get(offer.supplier_id)
        if thread is None:
            continue
        flag, reason = (
            flag_for(offer.pence_per_hour, fair.model) if fair.model is not None else (None, "")
        )
        thread.rows.append(OfferRow(offer=offer, flag=flag, flag_reason=reason))
    return list(threads.values())
