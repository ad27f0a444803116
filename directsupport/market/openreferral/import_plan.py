"""What importing a feed would do, as plain records: one per organisation, service, taxonomy
term and venue, each matched to the directory's own or new, and the plan of the whole file.
``plan.Planner`` and ``plan_parts.PartsPlanner`` fill them in; ``services`` writes them. Kept
apart so the planners and the writer share them without importing one another.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from directsupport.accounts.models import Organisation
from directsupport.market.models import (
    CostOption,
    Location,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Supplier,
    TaxonomyTerm,
)

from .feed import Path
from .validation import Problem


@dataclass
class TermPlan:
    term: TaxonomyTerm
    is_new: bool
    parent_id: uuid.UUID | None = None


@dataclass
class SupplierPlan:
    path: Path
    supplier: Supplier
    organisation: Organisation
    is_new: bool
    matched_by_name: bool = False
    before: dict[str, Any] = field(default_factory=dict)


@dataclass
class LocationPlan:
    location: Location
    owner: SupplierPlan
    is_new: bool


@dataclass
class ServicePlan:
    path: Path
    service: Service
    owner: SupplierPlan
    is_new: bool
    before: dict[str, Any] = field(default_factory=dict)
    terms: list[TermPlan] | None = None
    schedules: list[Schedule] | None = None
    areas: list[ServiceArea] | None = None
    cost_options: list[CostOption] | None = None
    links: list[tuple[ServiceAtLocation, LocationPlan]] | None = None


@dataclass
class ImportPlan:
    suppliers: list[SupplierPlan]
    services: list[ServicePlan]
    terms: list[TermPlan]
    locations: list[LocationPlan]
    problems: list[Problem]
    left_out: Counter[str]
