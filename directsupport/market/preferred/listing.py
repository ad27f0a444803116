"""The preferred list as people read it: each supplier on it, what it offers, where, since when,
with a picture, and the same in easy-read sentences."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import dateformat, timezone

from directsupport.week.display import KEYWORD_ICONS, KIND_ICONS
from directsupport.week.models import SupportKind

from ..models import (
    CriterionKind,
    PreferredApplication,
    PreferredCriterion,
    Service,
    ServiceStatus,
    Supplier,
    SupplierKind,
)
from .queries import approved_on_by_application

# A picture for a supplier whose services say nothing more specific.
SUPPLIER_KIND_ICONS = {
    SupplierKind.REGISTERED_PROVIDER: "building-office",
    SupplierKind.MICRO_ENTERPRISE: "home-modern",
    SupplierKind.PERSONAL_ASSISTANT: "user",
    SupplierKind.COMMUNITY_GROUP: "user-group",
    SupplierKind.FREE_ACTIVITY: "sparkles",
}


# A picture beside each criterion in easy read, by what it is about.
CRITERION_ICONS = {
    CriterionKind.QUALITY: "star",
    CriterionKind.PRICE: "currency-pound",
    CriterionKind.VALUES: "heart",
    CriterionKind.FLEXIBLE_CONTRACTS: "arrows-right-left",
    CriterionKind.REFERENCES: "chat-bubble-left-right",
    CriterionKind.OTHER: "check-badge",
}


@dataclass(frozen=True)
class EasyCriterion:
    words: str
    icon: str


def easy_criteria(criteria: Iterable[PreferredCriterion]) -> list[EasyCriterion]:
    """Each criterion in its easy-read words, with a picture for what it is about."""
    return [
        EasyCriterion(
            words=criterion.easy_read,
            icon=CRITERION_ICONS.get(CriterionKind(criterion.kind), "check-badge"),
        )
        for criterion in criteria
    ]


@dataclass(frozen=True)
class ListedSupplier:
    application: PreferredApplication
    supplier: Supplier
    offers: tuple[str, ...]
    where: tuple[str, ...]
    travels_km: int | None
    since: dt.date | None
    icon: str

    @property
    def sentences(self) -> list[str]:
        """Short sentences for the easy-read list, after the supplier's name."""
        said = []
        if self.offers:
            said.append(f"They help with: {', '.join(offer.lower() for offer in self.offers)}.")
        if self.where:
            said.append(f"They work in {_and_list(self.where)}.")
        if self.travels_km:
            said.append(f"They travel up to {self.travels_km} km to you.")
        if self.since:
            said.append(f"On the list since {dateformat.format(self.since, 'F Y')}.")
        return said


def _and_list(words: tuple[str, ...]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def icon_for_supplier(supplier: Supplier, services: list[Service]) -> str:
    """A heroicon from what the supplier offers: the kind of support of its first service's
    terms, then the words of the terms (as the Perfect Week picks its pictures), then the kind of
    supplier."""
    for service in services:
        for term in service.terms.all():
            if term.support_kind in KIND_ICONS:
                return KIND_ICONS[SupportKind(term.support_kind)]
            words = term.name.lower()
            for keywords, icon in KEYWORD_ICONS:
                if any(re.search(rf"\b{re.escape(word)}", words) for word in keywords):
                    return icon
    return SUPPLIER_KIND_ICONS.get(SupplierKind(supplier.kind), "building-storefront")


def listed_suppliers(approved: QuerySet[PreferredApplication]) -> list[ListedSupplier]:
    """Each approved application's supplier with what it offers and where, by supplier name."""
    services = Service.objects.filter(status=ServiceStatus.ACTIVE, published=True).prefetch_related(
        "terms", "areas__district"
    )
    applications = list(
        approved.select_related("supplier__organisation", "supplier__base_district")
        .prefetch_related(Prefetch("supplier__services", queryset=services))
        .order_by("supplier__organisation__name")
    )
    approved_steps = approved_on_by_application(a.pk for a in applications)
    rows = []
    for application in applications:
        supplier = application.supplier
        active = list(supplier.services.all())
        offers = tuple(
            dict.fromkeys(term.name for service in active for term in service.terms.all())
        )
        districts = tuple(
            dict.fromkeys(area.district.name for service in active for area in service.areas.all())
        )
        radii = [service.travel_radius_km for service in active if service.travel_radius_km]
        step = approved_steps.get(application.pk)
        rows.append(
            ListedSupplier(
                application=application,
                supplier=supplier,
                offers=offers,
                where=districts or (supplier.base_district.name,),
                travels_km=max(radii) if radii else None,
                since=timezone.localdate(step.at) if step else None,
                icon=icon_for_supplier(supplier, active),
            )
        )
    return rows
