"""One directory entry as its pages show it: its services with their parts in words, which
prices are current or have ended, personal care offered without CQC registration, and the
checklist of what the entry still needs (on the supplier page and the supplier's home page).

Reading only: services.py changes entries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import dateformat

from directsupport.week.models import SupportRatio, Weekday

from ..models import CostOption, CostUnit, Schedule, Service, Supplier, WorkerGender
from .search import PERSONAL_CARE

UK_DATE = "j F Y"
INTERVALS = {2: "every other week", 3: "every third week", 4: "every fourth week"}


def _date(day: dt.date) -> str:
    return dateformat.format(day, UK_DATE)


def schedule_words(schedule: Schedule) -> str:
    """ "Mondays, 10:00 to 16:00, every other week from 6 April 2026, until 20 July 2026"."""
    ends = f"{schedule.closes_at:%H:%M}" + (" the next morning" if schedule.overnight else "")
    words = f"{Weekday(schedule.weekday).label}s, {schedule.opens_at:%H:%M} to {ends}"
    if schedule.interval_weeks > 1:
        words += f", {INTERVALS.get(schedule.interval_weeks, 'some weeks')}"
        if schedule.valid_from:
            words += f" from {_date(schedule.valid_from)}"
    elif schedule.valid_from:
        words += f", from {_date(schedule.valid_from)}"
    if schedule.valid_to:
        words += f", until {_date(schedule.valid_to)}"
    return words


def price_state(option: CostOption, today: dt.date) -> str:
    """'current', 'ended' or 'future'."""
    if option.valid_to is not None and option.valid_to < today:
        return "ended"
    if option.valid_from > today:
        return "future"
    return "current"


@dataclass
class PriceLine:
    option: CostOption
    state: str

    @property
    def is_free(self) -> bool:
        return self.option.unit == CostUnit.FREE

    @property
    def dates(self) -> str:
        option = self.option
        if self.state == "ended" and option.valid_to:
            return f"Ended {_date(option.valid_to)}"
        if self.state == "future":
            return f"From {_date(option.valid_from)}"
        if option.valid_to:
            return f"Until {_date(option.valid_to)}"
        return f"Since {_date(option.valid_from)}"


@dataclass
class ServiceView:
    service: Service
    schedules: list[tuple[Schedule, str]]
    prices: list[PriceLine]
    offers_personal_care: bool

    @property
    def has_current_price(self) -> bool:
        return any(line.state == "current" for line in self.prices)

    @property
    def ratio_words(self) -> list[str]:
        labels = dict(SupportRatio.choices)
        return [labels.get(ratio, ratio) for ratio in self.service.ratios]

    @property
    def works_somewhere(self) -> bool:
        return bool(self.service.travel_radius_km) or bool(self.service.areas.all())


def entry_services(supplier: Supplier, today: dt.date) -> list[ServiceView]:
    """Every service of the entry with its parts: five queries however many services."""
    services = supplier.services.prefetch_related(
        "terms", "areas__district", "schedules", "cost_options", "exceptions"
    ).order_by("name")
    views = []
    for service in services:
        service.supplier = supplier
        views.append(
            ServiceView(
                service=service,
                schedules=[(s, schedule_words(s)) for s in service.schedules.all()],
                prices=[
                    PriceLine(option, price_state(option, today))
                    for option in service.cost_options.all()
                ],
                offers_personal_care=any(
                    term.code == PERSONAL_CARE for term in service.terms.all()
                ),
            )
        )
    return views


def worker_words(supplier: Supplier) -> list[str]:
    labels = dict(WorkerGender.choices)
    return [labels.get(value, value) for value in supplier.worker_genders]


def needs_cqc_registration(supplier: Supplier, services: list[ServiceView]) -> list[Service]:
    """Services offering personal care, which is regulated, from a supplier with no CQC
    location ID: flagged wherever the entry is shown."""
    if supplier.cqc_location_id:
        return []
    return [view.service for view in services if view.offers_personal_care]


# --- The checklist ----------------------------------------------------------------------------


@dataclass
class ChecklistItem:
    label: str
    done: bool
    fix_url: str
    fix_words: str


@dataclass
class Checklist:
    items: list[ChecklistItem] = field(default_factory=list)

    @property
    def gaps(self) -> list[ChecklistItem]:
        return [item for item in self.items if not item.done]

    @property
    def complete(self) -> bool:
        return not self.gaps


def checklist(supplier: Supplier, services: list[ServiceView]) -> Checklist:
    """What a complete entry has, each with where to put it right."""
    edit = reverse("market:supplier_edit", args=[supplier.pk])
    items = [
        ChecklistItem(
            "A description of what you offer",
            bool(supplier.description.strip()),
            f"{edit}#id_description",
            "Add a description",
        ),
        ChecklistItem(
            "At least one service",
            bool(services),
            reverse("market:service_add", args=[supplier.pk]),
            "Add a service",
        ),
    ]
    for view in services:
        service = view.service
        args = [supplier.pk, service.pk]
        items += [
            ChecklistItem(
                f"When {service.name} runs",
                bool(view.schedules),
                reverse("market:schedule_add", args=args),
                f"Add a time {service.name} runs",
            ),
            ChecklistItem(
                f"Where {service.name} works (districts or how far workers travel)",
                view.works_somewhere,
                reverse("market:area_add", args=args),
                f"Add a district {service.name} covers",
            ),
            ChecklistItem(
                f"A current price for {service.name}",
                view.has_current_price,
                reverse("market:price_add", args=args),
                f"Add a price for {service.name}",
            ),
        ]
    unregistered = needs_cqc_registration(supplier, services)
    if unregistered or supplier.cqc_location_id:
        items.append(
            ChecklistItem(
                "CQC registration details (personal care is regulated)",
                not unregistered,
                f"{edit}#id_cqc_location_id",
                "Add the CQC location ID",
            )
        )
    items += [
        ChecklistItem(
            "What people can match on: languages, skills, interests, workers",
            bool(
                supplier.languages
                or supplier.skills
                or supplier.interests
                or supplier.worker_genders
            ),
            f"{edit}#id_languages",
            "Add languages, skills or interests",
        ),
        ChecklistItem(
            "Published, so other directories can list it",
            supplier.published,
            f"{edit}#id_published",
            "Publish the entry",
        ),
    ]
    return Checklist(items)
