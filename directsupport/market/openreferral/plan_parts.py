"""Planning the parts of each service in a feed (kinds of support, weekly times, areas,
prices, venues), and the checks every part of the plan shares; ``plan.Planner`` builds on it.
What it plans is written in the records of ``import_plan``.
Each list the file gives replaces the service's own; rows with the same id are updated in
place, so they keep their place in the database."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.text import slugify

from directsupport.market.models import (
    CostOption,
    Location,
    PostcodeDistrict,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)

from . import mapping
from .feed import Path
from .import_plan import LocationPlan, ServicePlan, SupplierPlan, TermPlan
from .validation import Problem, json_path

IMPORTED_VOCABULARY = "imported"
Part = TypeVar("Part", Schedule, ServiceArea, CostOption, ServiceAtLocation)


class PartsPlanner:
    """What the plan of a whole file shares: its problems and what it leaves out, the
    districts, terms and venues met so far, and the parts' new ids."""

    def __init__(self, *, today: dt.date) -> None:
        self.today = today
        self.problems: list[Problem] = []
        self.left_out: Counter[str] = Counter()
        self.districts = {d.code: d for d in PostcodeDistrict.objects.all()}
        self.terms: dict[uuid.UUID, TermPlan | None] = {}
        self.new_terms: dict[str, TermPlan] = {}
        self.codes = set(TaxonomyTerm.objects.values_list("code", flat=True))
        self.locations: dict[uuid.UUID, LocationPlan | None] = {}
        self.child_paths: dict[type[models.Model], dict[uuid.UUID, Path]] = {}

    def problem(self, path: Path, key: str | None, message: str) -> None:
        self.problems.append(Problem(json_path((*path, key) if key else path), message))

    def check(
        self,
        instance: models.Model,
        path: Path,
        *,
        exclude: list[str],
        keys: dict[str, str] | None = None,
    ) -> None:
        """The model's own field checks (lengths, blanks, limits, choices), as problems at the
        file's paths (``keys`` maps a field to the file's name for it).

        Not its constraints: Django checks each with a query per row (half the time of a
        1,000-service file), and mapping.py already makes what they require (an overnight
        flag for a closing time before the opening, a price's end after its start, nothing
        to pay when free; one row per district or venue). The database still enforces them;
        a row that broke one would refuse the whole file."""
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                key = None if name == NON_FIELD_ERRORS else (keys or {}).get(name, name)
                for message in messages:
                    self.problem(path, key, message)

    def remember_part(self, instance: models.Model, path: Path) -> None:
        """A new part's id, checked against every other service's parts at the end."""
        self.child_paths.setdefault(type(instance), {})[instance.uuid] = path  # type: ignore[attr-defined]

    # --- A service's parts ------------------------------------------------------------------

    def plan_parts(self, plan: ServicePlan, data: dict[str, Any]) -> None:
        service = plan.service
        if "attributes" in data:
            plan.terms = self._terms(plan, data["attributes"])
        if "schedules" in data:
            plan.schedules = self._schedules(plan, data["schedules"])
        if "service_areas" in data:
            plan.areas = self._areas(plan, data["service_areas"])
        if "cost_options" in data:
            plan.cost_options = []
            own = self._own(service, CostOption)
            for index, item in enumerate(data["cost_options"]):
                path = (*plan.path, "cost_options", index)
                fields = self._mapped(mapping.cost_option_fields, path, item, today=self.today)
                if fields is not None:
                    option = self._part(own, CostOption, fields, path)
                    plan.cost_options.append(option)
        if "service_at_locations" in data:
            plan.links = self._links(plan, data["service_at_locations"])

    def _mapped(self, function: Any, path: Path, *args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except mapping.LeftOut as left_out:
            self.left_out[left_out.reason] += 1
        except mapping.Refused as refused:
            self.problem(path, refused.key, refused.message)
        return None

    def _own(self, service: Service, model: type[Part]) -> dict[uuid.UUID, Part]:
        if service.pk is None:
            return {}
        return {part.uuid: part for part in model._default_manager.filter(service=service)}

    def _part(
        self, own: dict[uuid.UUID, Part], model: type[Part], fields: dict[str, Any], path: Path
    ) -> Part:
        part = own.get(fields["uuid"]) or model(uuid=fields["uuid"])
        for name, value in fields.items():
            setattr(part, name, value)
        if part.pk is None:
            self.remember_part(part, path)
        self.check(part, path, exclude=["service"])
        return part

    def _schedules(self, plan: ServicePlan, items: list[dict[str, Any]]) -> list[Schedule]:
        own = self._own(plan.service, Schedule)
        schedules = []
        for index, item in enumerate(items):
            path = (*plan.path, "schedules", index)
            for fields in self._mapped(mapping.schedule_days, path, item) or []:
                schedules.append(self._part(own, Schedule, fields, path))
        return schedules

    def _areas(self, plan: ServicePlan, items: list[dict[str, Any]]) -> list[ServiceArea]:
        own = self._own(plan.service, ServiceArea)
        plan.service.travel_radius_km = None
        areas: dict[str, ServiceArea] = {}
        for index, item in enumerate(items):
            path = (*plan.path, "service_areas", index)
            reading = self._mapped(mapping.area_reading, path, item)
            if reading is None:
                continue
            if reading.radius_km is not None:
                plan.service.travel_radius_km = reading.radius_km
                continue
            district = self.districts.get(reading.district_code)
            if district is None:
                self.left_out["service areas in districts the directory does not know yet"] += 1
            elif district.code not in areas:
                fields = {"uuid": uuid.UUID(item["id"]), "district": district}
                areas[district.code] = self._part(own, ServiceArea, fields, path)
        return list(areas.values())

    def _links(
        self, plan: ServicePlan, items: list[dict[str, Any]]
    ) -> list[tuple[ServiceAtLocation, LocationPlan]]:
        own = self._own(plan.service, ServiceAtLocation)
        links: dict[uuid.UUID, tuple[ServiceAtLocation, LocationPlan]] = {}
        for index, item in enumerate(items):
            path = (*plan.path, "service_at_locations", index)
            location = item.get("location")
            if not isinstance(location, dict):
                self.left_out["service-at-locations that do not give their location"] += 1
                continue
            venue = self._location((*path, "location"), location, plan.owner)
            if venue is None or venue.location.uuid in links:
                continue
            link = own.get(uuid.UUID(item["id"])) or ServiceAtLocation(uuid=uuid.UUID(item["id"]))
            if link.pk is None:
                self.remember_part(link, path)
            links[venue.location.uuid] = (link, venue)
        return list(links.values())

    def _location(
        self, path: Path, data: dict[str, Any], owner: SupplierPlan
    ) -> LocationPlan | None:
        hsds_id = uuid.UUID(data["id"])
        if hsds_id in self.locations:
            venue = self.locations[hsds_id]
            if venue is not None and venue.owner is not owner:
                self.problem(path, "id", "this location is another organisation's in this file")
                return None
            return venue
        self.locations[hsds_id] = None
        address = self._mapped(mapping.location_address, path, data)
        if address is None:
            return None
        district = self.districts.get(address.pop("district_code"))
        if district is None:
            self.left_out["locations in districts the directory does not know yet"] += 1
            return None
        existing = Location.objects.filter(uuid=hsds_id).first()
        if existing is not None and (owner.is_new or existing.supplier_id != owner.supplier.pk):
            self.problem(path, "id", "this location belongs to another supplier here")
            return None
        location = existing or Location(uuid=hsds_id)
        location.name = mapping.text(data.get("name")) or address["address_1"]
        location.district = district
        location.accessibility = mapping.accessibility_words(data)
        for name, value in address.items():
            setattr(location, name, value)
        self.check(
            location,
            path,
            exclude=["supplier"],
            keys={"address_1": "addresses", "city": "addresses", "postcode": "addresses"},
        )
        self.locations[hsds_id] = venue = LocationPlan(location, owner, is_new=existing is None)
        return venue

    def _terms(self, plan: ServicePlan, attributes: list[dict[str, Any]]) -> list[TermPlan]:
        terms: dict[uuid.UUID, TermPlan] = {}
        for index, attribute in enumerate(attributes):
            term = self._term((*plan.path, "attributes", index), attribute)
            if term is not None:
                terms[term.term.uuid] = term
        return list(terms.values())

    def _term(self, path: Path, attribute: dict[str, Any]) -> TermPlan | None:
        nested = attribute.get("taxonomy_term")
        nested = nested if isinstance(nested, dict) else None
        raw_id = attribute.get("taxonomy_term_id") or (nested or {}).get("id")
        if not raw_id:
            self.left_out["attributes without a taxonomy term"] += 1
            return None
        hsds_id = uuid.UUID(raw_id)
        if hsds_id in self.terms:
            return self.terms[hsds_id]
        existing = TaxonomyTerm.objects.filter(uuid=hsds_id).first()
        if existing is None and nested is not None:
            existing = self._matching_term(nested)
        if existing is not None:
            self.terms[hsds_id] = plan = TermPlan(existing, is_new=False)
            return plan
        if nested is None:
            self.problem(path, "taxonomy_term_id", "no such taxonomy term in the file or here")
            return None
        self.terms[hsds_id] = plan = self._new_term((*path, "taxonomy_term"), hsds_id, nested)
        return plan

    def _matching_term(self, nested: dict[str, Any]) -> TaxonomyTerm | None:
        name = mapping.text(nested.get("name"))
        code = slugify(mapping.text(nested.get("term")) or name)[:60]
        by_code = TaxonomyTerm.objects.filter(code=code).first() if code else None
        return by_code or TaxonomyTerm.objects.filter(name__iexact=name).order_by("pk").first()

    def _new_term(self, path: Path, hsds_id: uuid.UUID, nested: dict[str, Any]) -> TermPlan:
        name = mapping.text(nested.get("name"))
        if name.casefold() in self.new_terms:  # the same new term under two ids
            return self.new_terms[name.casefold()]
        base = slugify(mapping.text(nested.get("term")) or name)[:50] or "term"
        code, number = base, 1
        while code in self.codes:
            number += 1
            code = f"{base}-{number}"
        self.codes.add(code)
        vocabulary = mapping.text(nested.get("taxonomy"))[:60] or IMPORTED_VOCABULARY
        term = TaxonomyTerm(
            uuid=hsds_id,
            code=code,
            name=name,
            description=mapping.text(nested.get("description")),
            vocabulary=vocabulary,
        )
        self.check(term, path, exclude=["parent"], keys={"code": "term"})
        parent = nested.get("parent_id")
        plan = TermPlan(term, is_new=True, parent_id=uuid.UUID(parent) if parent else None)
        self.new_terms[name.casefold()] = plan
        return plan
