"""What importing a read feed would change in the directory, worked out whole before anything is
written: each organisation, service, term and venue matched to the directory's own (by the
file's id, which is our UUID; an organisation also by name) or made new, every field checked as
the directory's models check it, every problem placed by JSON path.

Matching rules:

- An organisation is the supplier with its id, else the supplier organisation with its name.
  An entry in another provider's directory, or a name already used by a provider or a council,
  refuses the file.
- A service is the service with its id; it must belong to the same supplier.
- A taxonomy term is the term with its id, else ours with the same code or name; otherwise a new
  term in the file's vocabulary.
- Parts a file does not give (a page of services has no schedules) are kept as they are; parts
  it gives replace the service's own (schedules, areas, prices, venues, terms).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import models

from directsupport.accounts.models import Organisation
from directsupport.accounts.roles import OrganisationKind
from directsupport.market.models import PostcodeDistrict, Service, Supplier

from . import mapping
from .feed import Feed, FeedService, Path
from .import_plan import ImportPlan, ServicePlan, SupplierPlan
from .plan_parts import PartsPlanner

SUPPLIER_FIELDS = ("description", "email", "website", "cqc_location_id", "languages")
SERVICE_FIELDS = (
    "name",
    "description",
    "status",
    "minimum_age",
    "maximum_age",
    "travel_radius_km",
)


def snapshot(instance: models.Model, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in names}


class Planner(PartsPlanner):
    def __init__(
        self,
        *,
        directory_owner: Organisation,
        default_district: PostcodeDistrict | None,
        new_supplier_kind: str,
        today: dt.date,
    ) -> None:
        super().__init__(today=today)
        self.owner = directory_owner
        self.default_district = default_district
        self.new_supplier_kind = new_supplier_kind
        self.suppliers: dict[uuid.UUID, SupplierPlan | None] = {}
        self.names: dict[str, uuid.UUID] = {}
        self.services: list[ServicePlan] = []

    def plan(self, feed: Feed) -> ImportPlan:
        for path, data in feed.organizations:
            self.supplier_for(path, data)
        for item in feed.services:
            self.service(item)
        self.check_part_ids()
        self.place_new_suppliers()
        return ImportPlan(
            suppliers=[plan for plan in self.suppliers.values() if plan is not None],
            services=self.services,
            terms=[plan for plan in self.terms.values() if plan is not None],
            locations=[plan for plan in self.locations.values() if plan is not None],
            problems=self.problems,
            left_out=self.left_out,
        )

    # --- Organisations ----------------------------------------------------------------------

    def supplier_for(self, path: Path, data: dict[str, Any]) -> SupplierPlan | None:
        hsds_id = uuid.UUID(data["id"])
        if hsds_id in self.suppliers:
            return self.suppliers[hsds_id]
        self.suppliers[hsds_id] = plan = self._supplier(path, hsds_id, data)
        return plan

    def _supplier(
        self, path: Path, hsds_id: uuid.UUID, data: dict[str, Any]
    ) -> SupplierPlan | None:
        name = mapping.text(data.get("name"))
        existing = Supplier.objects.select_related("organisation").filter(uuid=hsds_id).first()
        organisation = None
        if existing is None:
            organisation = Organisation.objects.filter(name__iexact=name).first()
            if organisation is not None and organisation.kind != OrganisationKind.SUPPLIER:
                self.problem(
                    path,
                    "name",
                    f"“{organisation.name}” is already the name of a "
                    f"{organisation.get_kind_display().lower()} here, not a supplier",
                )
                return None
            if organisation is not None:
                existing = Supplier.objects.filter(organisation=organisation).first()
        if existing is not None and existing.directory_owner_id != self.owner.pk:
            self.problem(
                path, "id", f"“{name}” is in another provider's directory: import it there"
            )
            return None
        if existing is not None:
            organisation = existing.organisation
        folded = name.casefold()
        if self.names.setdefault(folded, hsds_id) != hsds_id:
            self.problem(path, "name", f"two organisations in the file are called “{name}”")
            return None
        if organisation is None:
            organisation = Organisation(name=name, kind=OrganisationKind.SUPPLIER)
        elif organisation.name != name:
            if Organisation.objects.filter(name__iexact=name).exclude(pk=organisation.pk).exists():
                self.problem(path, "name", f"another organisation is already called “{name}”")
                return None
            organisation.name = name
        supplier = existing or Supplier(
            uuid=hsds_id,
            directory_owner=self.owner,
            kind=self.new_supplier_kind,
            published=True,
        )
        plan = SupplierPlan(
            path,
            supplier,
            organisation,
            is_new=existing is None,
            matched_by_name=existing is not None and existing.uuid != hsds_id,
            before=snapshot(existing, SUPPLIER_FIELDS) if existing else {},
        )
        supplier.description = mapping.text(data.get("description"))
        for key in ("email", "website"):
            if key in data or existing is None:
                setattr(supplier, key, mapping.text(data.get(key)))
        self._identifiers(path, supplier, data.get("organization_identifiers") or [])
        self.check(organisation, path, exclude=["created_at"])
        self.check(
            supplier,
            path,
            exclude=["organisation", "directory_owner", "base_district", "updated_by"],
            keys={"cqc_location_id": "organization_identifiers"},
        )
        return plan

    def _identifiers(self, path: Path, supplier: Supplier, identifiers: list[Any]) -> None:
        for item in identifiers:
            kind = f"{item.get('identifier_scheme', '')} {item.get('identifier_type', '')}"
            if "cqc" in kind.casefold():
                supplier.cqc_location_id = mapping.text(item.get("identifier"))
            else:
                self.left_out["organisation identifiers other than a CQC location ID"] += 1

    def _owner_by_id(self, path: Path, organization_id: str) -> SupplierPlan | None:
        hsds_id = uuid.UUID(organization_id)
        if hsds_id in self.suppliers:
            return self.suppliers[hsds_id]
        existing = Supplier.objects.select_related("organisation").filter(
            uuid=hsds_id, directory_owner=self.owner
        )
        supplier = existing.first()
        if supplier is None:
            self.problem(
                path,
                "organization_id",
                f"no organisation {organization_id} in the file or in this directory",
            )
            return None
        plan = SupplierPlan(path, supplier, supplier.organisation, is_new=False)
        plan.before = snapshot(supplier, SUPPLIER_FIELDS)
        self.suppliers[hsds_id] = plan
        return plan

    # --- Services ---------------------------------------------------------------------------

    def service(self, item: FeedService) -> None:
        data, path = item.data, item.path
        owner = self._service_owner(item)
        if owner is None:
            return
        hsds_id = uuid.UUID(data["id"])
        existing = Service.objects.select_related("supplier__organisation").filter(uuid=hsds_id)
        service = existing.first()
        if service is not None:
            if service.supplier.directory_owner_id != self.owner.pk:
                self.problem(path, "id", "this service is in another provider's directory")
                return
            if owner.is_new or service.supplier_id != owner.supplier.pk:
                self.problem(
                    path,
                    "organization",
                    f"this service belongs to “{service.supplier.name}” here, "
                    f"not to “{owner.organisation.name}”",
                )
                return
        plan = ServicePlan(
            path,
            service or Service(uuid=hsds_id, published=True),
            owner,
            is_new=service is None,
            before=snapshot(service, SERVICE_FIELDS) if service else {},
        )
        self._service_fields(plan, data)
        self.plan_parts(plan, data)
        self.check(plan.service, path, exclude=["supplier"])
        self.services.append(plan)

    def _service_owner(self, item: FeedService) -> SupplierPlan | None:
        data, path = item.data, item.path
        nested = data.get("organization")
        if item.organization is not None:
            if isinstance(nested, dict) and nested.get("id") != item.organization.get("id"):
                self.problem(path, "organization", "is not the organisation it is listed under")
                return None
            return self.supplier_for(item.organization_path, item.organization)
        if isinstance(nested, dict):
            return self.supplier_for((*path, "organization"), nested)
        if isinstance(data.get("organization_id"), str):
            return self._owner_by_id(path, data["organization_id"])
        self.problem(path, None, "the service names no organisation (organization_id)")
        return None

    def _service_fields(self, plan: ServicePlan, data: dict[str, Any]) -> None:
        service = plan.service
        service.name = mapping.text(data.get("name"))
        service.status = data["status"]
        if "description" in data or plan.is_new:
            service.description = mapping.text(data.get("description"))
        for key in ("minimum_age", "maximum_age"):
            if key not in data and not plan.is_new:
                continue
            age = data.get(key)
            if age is not None and age != int(age):
                self.problem(plan.path, key, f"{age} is not a whole number of years")
                age = None
            setattr(service, key, int(age) if age is not None else None)
        if (
            service.minimum_age is not None
            and service.maximum_age is not None
            and service.maximum_age < service.minimum_age
        ):
            self.problem(plan.path, "maximum_age", "is lower than the minimum age")
        for key, words in (
            ("contacts", "contacts (the directory never publishes a person)"),
            ("funding", "funding sources"),
            ("url", "a service's own web address (the directory keeps its supplier's)"),
            ("email", "a service's own email address (the directory keeps its supplier's)"),
        ):
            if data.get(key):
                self.left_out[words] += len(data[key]) if isinstance(data[key], list) else 1
        for language in data.get("languages") or []:
            name = mapping.text(language.get("name"))
            if name and name not in plan.owner.supplier.languages:
                plan.owner.supplier.languages = [*plan.owner.supplier.languages, name]

    # --- Across the file --------------------------------------------------------------------

    def check_part_ids(self) -> None:
        for model, paths in self.child_paths.items():
            taken = model._default_manager.filter(uuid__in=list(paths)).values_list(
                "uuid", flat=True
            )
            for used in taken:
                self.problem(
                    paths[used],
                    "id",
                    f"this id is already used here for another {model._meta.verbose_name}",
                )

    def place_new_suppliers(self) -> None:
        """A new supplier is based where its first venue is, else in the district chosen for
        suppliers the file does not place."""
        for plan in self.suppliers.values():
            if plan is None or not plan.is_new:
                continue
            venue = next((p for p in self.locations.values() if p and p.owner is plan), None)
            district = venue.location.district if venue else self.default_district
            if district is None:
                self.problem(
                    plan.path,
                    None,
                    f"“{plan.organisation.name}” is new to the directory and the file gives no "
                    "venue with a UK postcode: choose a postcode district for suppliers the file "
                    "does not place",
                )
                continue
            plan.supplier.base_district = district
