"""Changing the supplier directory: entries, their services and each service's schedules, areas,
prices and closure days, and the directory's terms and districts.

Every function is atomic, validates with full_clean() before writing and appends an audit row
with what changed. An entry is one document: each change to it (its services and their parts
included) moves ``Supplier.version`` on, and the two edits that start from a form (the entry's
details and a service's) save only while the entry is still at the version the form started
from, so two people's edits never silently overwrite each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, ProtectedError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import OrganisationKind
from directsupport.audit.models import Action
from directsupport.audit.services import delete_and_record, model_changes, record_change
from directsupport.lib import conflicts
from directsupport.lib.money import format_pence

from ..models import (
    CostOption,
    PostcodeDistrict,
    Schedule,
    ScheduleException,
    Service,
    ServiceArea,
    Supplier,
    TaxonomyTerm,
)

SUPPLIER_FIELDS = (
    "kind",
    "description",
    "email",
    "phone",
    "website",
    "base_district",
    "cqc_location_id",
    "cqc_rating",
    "cqc_inspected_on",
    "accreditations",
    "languages",
    "skills",
    "interests",
    "worker_genders",
    "published",
)
SERVICE_FIELDS = (
    "name",
    "description",
    "status",
    "travel_radius_km",
    "ratios",
    "capacity_people",
    "minimum_age",
    "maximum_age",
    "published",
)
SCHEDULE_FIELDS = (
    "weekday",
    "opens_at",
    "closes_at",
    "overnight",
    "interval_weeks",
    "valid_from",
    "valid_to",
    "closed_on_bank_holidays",
    "notes",
)


class EditConflict(conflicts.EditConflict[Supplier]):
    """Someone else changed the entry after this user started editing it."""


def _check_fields(given: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(given) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable through this service: {', '.join(sorted(unknown))}")


def _reloaded(supplier: Supplier) -> Supplier:
    return Supplier.objects.select_related("organisation", "base_district").get(pk=supplier.pk)


def _entry_changed(supplier: Supplier, *, actor: User, expected_version: int | None = None) -> None:
    """Moves the entry's version on, if it is still at ``expected_version`` when one is given
    (EditConflict otherwise, changing nothing). The conditional UPDATE also holds the row until
    the transaction ends, so two saves can never both win, on SQLite and PostgreSQL alike."""
    rows = Supplier.objects.filter(pk=supplier.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    now = timezone.now()
    if rows.update(version=F("version") + 1, updated_at=now, updated_by=actor) != 1:
        raise EditConflict(saved=_reloaded(supplier))
    supplier.version = Supplier.objects.values_list("version", flat=True).get(pk=supplier.pk)
    supplier.updated_at = now
    supplier.updated_by = actor


def _audit(
    request: HttpRequest | None,
    *,
    actor: User,
    action: str,
    subject: Any,
    summary: str,
    changes: dict[str, Any] | None = None,
) -> None:
    """Directory rows name a supplier, never a person supported: no person_id."""
    record_change(
        request, actor=actor, action=action, subject=subject, summary=summary, changes=changes
    )


def _show(value: Any) -> Any:
    if isinstance(value, PostcodeDistrict):
        return value.code
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def _snapshot(instance: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: _show(getattr(instance, name)) for name in fields}


# --- Entries -------------------------------------------------------------------------------------


def _organisation_for(name: str) -> Organisation:
    """The supplier organisation called ``name``: an existing one that has no entry yet (the
    one the ledger and the supplier's own users already belong to), or a new one. Never a
    second organisation of the same name."""
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing is None:
        organisation = Organisation(name=name, kind=OrganisationKind.SUPPLIER)
        organisation.full_clean()
        organisation.save()
        return organisation
    if existing.kind != OrganisationKind.SUPPLIER:
        raise ValidationError(
            {
                "name": f"{existing.name} is the name of a {existing.get_kind_display().lower()} "
                "on Direct Your Support, not a supplier: use the supplier's own name"
            }
        )
    if Supplier.objects.filter(organisation=existing).exists():
        raise ValidationError({"name": f"{existing.name} already has a directory entry"})
    return existing


@transaction.atomic
def create_supplier(
    *,
    actor: User,
    directory_owner: Organisation,
    name: str,
    details: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> Supplier:
    """Adds a supplier to ``directory_owner``'s directory, joining the supplier organisation of
    that name if there is one without an entry, or creating it."""
    _check_fields(details, SUPPLIER_FIELDS)
    organisation = _organisation_for(name)
    now = timezone.now()
    supplier = Supplier(
        organisation=organisation,
        directory_owner=directory_owner,
        created_at=now,
        updated_at=now,
        updated_by=actor,
        **details,
    )
    supplier.full_clean()
    supplier.save()
    _audit(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=supplier,
        summary=f"Added {organisation.name} to the supplier directory",
        changes={"name": {"from": None, "to": organisation.name}}
        | model_changes({}, _snapshot(supplier, SUPPLIER_FIELDS)),
    )
    return supplier


@transaction.atomic
def update_supplier(
    *,
    actor: User,
    supplier: Supplier,
    expected_version: int,
    name: str,
    changes: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> Supplier:
    """Saves changes made to version ``expected_version`` of the entry; EditConflict, changing
    nothing, when someone has saved it since."""
    _check_fields(changes, SUPPLIER_FIELDS)
    current = _reloaded(supplier)
    conflicts.check_version(current, expected_version, EditConflict)
    before = {"name": current.name, **_snapshot(current, SUPPLIER_FIELDS)}
    organisation = current.organisation
    if name != organisation.name:
        if Organisation.objects.filter(name__iexact=name).exclude(pk=organisation.pk).exists():
            raise ValidationError(
                {"name": f"There is already an organisation called {name}: choose another name"}
            )
        organisation.name = name
        organisation.full_clean()
    for field, value in changes.items():
        setattr(current, field, value)
    current.full_clean(exclude=["version", "updated_at", "updated_by"])
    _entry_changed(current, actor=actor, expected_version=expected_version)
    organisation.save(update_fields=["name"])
    current.save(update_fields=[*changes])
    _audit(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=current,
        summary=f"Changed the directory entry of {current.name}",
        changes=model_changes(before, {"name": name, **_snapshot(current, SUPPLIER_FIELDS)}),
    )
    return current


# --- Services ------------------------------------------------------------------------------------


def _split_service_details(details: Mapping[str, Any]) -> tuple[dict[str, Any], list[Any]]:
    fields = {name: value for name, value in details.items() if name != "terms"}
    _check_fields(fields, SERVICE_FIELDS)
    return fields, list(details.get("terms", []))


def _service_snapshot(service: Service) -> dict[str, Any]:
    return {
        **_snapshot(service, SERVICE_FIELDS),
        "terms": sorted(term.name for term in service.terms.all()),
    }


@transaction.atomic
def create_service(
    *,
    actor: User,
    supplier: Supplier,
    details: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> Service:
    fields, terms = _split_service_details(details)
    service = Service(supplier=supplier, **fields)
    service.full_clean()
    _entry_changed(supplier, actor=actor)
    service.save()
    service.terms.set(terms)
    _audit(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=service,
        summary=f"Added the service {service.name} to {supplier.name}",
        changes=model_changes({}, _service_snapshot(service)),
    )
    return service


@transaction.atomic
def update_service(
    *,
    actor: User,
    service: Service,
    expected_version: int,
    details: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> Service:
    """Saves changes to a service made from version ``expected_version`` of its supplier's
    entry; EditConflict, changing nothing, when the entry has changed since."""
    fields, terms = _split_service_details(details)
    current = Service.objects.get(pk=service.pk)
    before = _service_snapshot(current)
    for field, value in fields.items():
        setattr(current, field, value)
    current.updated_at = timezone.now()
    current.full_clean()
    _entry_changed(service.supplier, actor=actor, expected_version=expected_version)
    current.save()
    current.terms.set(terms)
    current.supplier = service.supplier
    _audit(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=current,
        summary=f"Changed the service {current.name} of {service.supplier.name}",
        changes=model_changes(before, _service_snapshot(current)),
    )
    return current


@transaction.atomic
def remove_service(*, actor: User, service: Service, request: HttpRequest | None = None) -> None:
    """Removes a service with its schedules, areas, prices and closure days. A service someone
    has chosen stays (their choice must keep saying what they chose): mark it inactive."""
    supplier = service.supplier
    before = _service_snapshot(service)
    _entry_changed(supplier, actor=actor)
    try:
        with transaction.atomic():
            delete_and_record(
                request,
                actor=actor,
                instance=service,
                person_id=None,
                summary=f"Removed the service {service.name} from {supplier.name}",
                before=before,
            )
    except ProtectedError as error:
        raise ValidationError(
            f"People have chosen {service.name}, so it stays in the directory: change its "
            "status to Inactive or Defunct instead"
        ) from error


# --- A service's schedules, areas, prices and closure days -------------------------------------


def _part_added(
    request: HttpRequest | None, *, actor: User, part: Any, service: Service, what: str
) -> None:
    _audit(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=part,
        summary=f"Added {what} to {service.name} ({service.supplier.name})",
    )


def _part_removed(
    request: HttpRequest | None,
    *,
    actor: User,
    part: Any,
    service: Service,
    what: str,
    before: dict[str, Any],
) -> None:
    _entry_changed(service.supplier, actor=actor)
    delete_and_record(
        request,
        actor=actor,
        instance=part,
        person_id=None,
        summary=f"Removed {what} from {service.name} ({service.supplier.name})",
        before=before,
    )


@transaction.atomic
def add_schedule(
    *,
    actor: User,
    service: Service,
    details: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> Schedule:
    _check_fields(details, SCHEDULE_FIELDS)
    schedule = Schedule(service=service, **details)
    schedule.full_clean()
    _entry_changed(service.supplier, actor=actor)
    schedule.save()
    _part_added(request, actor=actor, part=schedule, service=service, what="a time it runs")
    return schedule


@transaction.atomic
def remove_schedule(*, actor: User, schedule: Schedule, request: HttpRequest | None = None) -> None:
    _part_removed(
        request,
        actor=actor,
        part=schedule,
        service=schedule.service,
        what="a time it runs",
        before=_snapshot(schedule, SCHEDULE_FIELDS),
    )


@transaction.atomic
def add_area(
    *,
    actor: User,
    service: Service,
    district: PostcodeDistrict,
    request: HttpRequest | None = None,
) -> ServiceArea:
    area = ServiceArea(service=service, district=district)
    area.full_clean()
    _entry_changed(service.supplier, actor=actor)
    area.save()
    _part_added(request, actor=actor, part=area, service=service, what=f"area {district.code}")
    return area


@transaction.atomic
def remove_area(*, actor: User, area: ServiceArea, request: HttpRequest | None = None) -> None:
    _part_removed(
        request,
        actor=actor,
        part=area,
        service=area.service,
        what=f"area {area.district.code}",
        before={"district": area.district.code},
    )


@transaction.atomic
def add_cost_option(
    *,
    actor: User,
    service: Service,
    unit: str,
    amount_pence: int,
    description: str,
    valid_from: dt.date,
    valid_to: dt.date | None,
    request: HttpRequest | None = None,
) -> CostOption:
    """A new price. One that has already ended is refused: the directory lists what things
    cost now and later, and a past price added now would only mislead."""
    if valid_to is not None and valid_to < timezone.localdate():
        raise ValidationError({"valid_to": "This price has already ended"})
    option = CostOption(
        service=service,
        unit=unit,
        amount_pence=amount_pence,
        description=description,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    option.full_clean()
    _entry_changed(service.supplier, actor=actor)
    option.save()
    _part_added(
        request,
        actor=actor,
        part=option,
        service=service,
        what=f"a price of {format_pence(amount_pence)} {option.get_unit_display()}",
    )
    return option


@transaction.atomic
def remove_cost_option(
    *, actor: User, option: CostOption, request: HttpRequest | None = None
) -> None:
    _part_removed(
        request,
        actor=actor,
        part=option,
        service=option.service,
        what=f"the price {format_pence(option.amount_pence)} {option.get_unit_display()}",
        before=_snapshot(option, ("unit", "amount_pence", "description", "valid_from", "valid_to")),
    )


@transaction.atomic
def add_closure(
    *,
    actor: User,
    service: Service,
    on: dt.date,
    reason: str,
    request: HttpRequest | None = None,
) -> ScheduleException:
    closure = ScheduleException(service=service, on=on, reason=reason)
    closure.full_clean()
    _entry_changed(service.supplier, actor=actor)
    closure.save()
    _part_added(request, actor=actor, part=closure, service=service, what=f"a closure day ({on})")
    return closure


@transaction.atomic
def remove_closure(
    *, actor: User, closure: ScheduleException, request: HttpRequest | None = None
) -> None:
    _part_removed(
        request,
        actor=actor,
        part=closure,
        service=closure.service,
        what=f"the closure day {closure.on}",
        before={"on": closure.on.isoformat(), "reason": closure.reason},
    )


# --- Terms and districts -------------------------------------------------------------------------


def _unused_code(name: str) -> str:
    base = slugify(name)[:50] or "term"
    code, number = base, 2
    while TaxonomyTerm.objects.filter(code=code).exists():
        code, number = f"{base}-{number}", number + 1
    return code


@transaction.atomic
def add_term(
    *,
    actor: User,
    name: str,
    description: str,
    parent: TaxonomyTerm,
    request: HttpRequest | None = None,
) -> TaxonomyTerm:
    term = TaxonomyTerm(code=_unused_code(name), name=name, description=description, parent=parent)
    term.full_clean()
    term.save()
    _audit(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=term,
        summary=f"Added the term {name} under {parent.name}",
    )
    return term


@transaction.atomic
def rename_term(
    *,
    actor: User,
    term: TaxonomyTerm,
    name: str,
    description: str,
    request: HttpRequest | None = None,
) -> TaxonomyTerm:
    """A new name and description; the code (what imports and the API use) stays."""
    before = {"name": term.name, "description": term.description}
    term.name, term.description = name, description
    term.full_clean()
    term.save(update_fields=["name", "description"])
    _audit(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=term,
        summary=f"Renamed the term {before['name']} to {name}",
        changes=model_changes(before, {"name": name, "description": description}),
    )
    return term


@transaction.atomic
def add_district(
    *,
    actor: User,
    code: str,
    name: str,
    easting_m: int,
    northing_m: int,
    request: HttpRequest | None = None,
) -> PostcodeDistrict:
    district = PostcodeDistrict(code=code, name=name, easting_m=easting_m, northing_m=northing_m)
    district.full_clean()
    district.save()
    _audit(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=district,
        summary=f"Added the postcode district {code} ({name})",
        changes=model_changes(
            {}, {"code": code, "name": name, "easting_m": easting_m, "northing_m": northing_m}
        ),
    )
    return district
