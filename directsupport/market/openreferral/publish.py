"""The directory as Open Referral UK documents: services (one-to-one fields for lists, fully
nested for one), service-at-locations, taxonomies and taxonomy terms.

Only public facts are written: the supplier's name, description, published email and website,
CQC location ID; each service's kinds, areas, weekly times, prices and venues. Never a person
(HSDS ``contacts`` stay empty), never who changed an entry, never the preferred list, never
capacity or anything about the people supported. Which services are published at all is
``market.access.published_services``.

Things without a UUID of their own (a taxonomy, a location's address, a term's link to a
service, a travel radius) get a UUID derived from what they belong to, so they keep the same id
from one request to the next. Prices are integer pence in the directory; the profile's
``amount`` is a number of pounds, which a float holds exactly to the penny at these sizes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from directsupport.market.models import (
    CostOption,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    Supplier,
    TaxonomyTerm,
)

HSDS_VERSION = "3.0"
PROFILE_URL = "https://github.com/openreferral/uk-profile"
# The namespace of the UUIDs derived here: fixed for ever, or published ids would change.
ID_NAMESPACE = uuid.UUID("6f1d3c52-6a0e-4b7c-9d3a-2f5b8e4c1a90")
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
OUR_VOCABULARY_NAME = "Direct Your Support: kinds of support and activity"
OUR_VOCABULARY_DESCRIPTION = (
    "The provider's vocabulary of paid support (one term for each kind of support in a "
    "person's Perfect Week) and of activities."
)
IMPORTED_VOCABULARY_DESCRIPTION = "Terms that came with an imported Open Referral UK feed."

Document = dict[str, Any]


def derived_id(*parts: object) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, ":".join(str(part) for part in parts)))


def taxonomy_id(vocabulary: str) -> str:
    return derived_id("taxonomy", vocabulary)


def _present(document: Document) -> Document:
    """Leaves out optional fields with nothing in them: the schemas want a string, not null."""
    return {key: value for key, value in document.items() if value not in (None, "", [])}


def _moment(value: dt.datetime) -> str:
    """RFC 3339 in UTC with milliseconds, as the profile asks of ``last_modified``."""
    return value.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _time(value: dt.time) -> str:
    return value.strftime("%H:%M:%S")


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


# --- Taxonomies -----------------------------------------------------------------------------


def taxonomy_document(vocabulary: str, terms: list[TaxonomyTerm] | None = None) -> Document:
    """A vocabulary of terms; with ``terms``, its terms too (the full form)."""
    ours = vocabulary == TaxonomyTerm.VOCABULARY
    document: Document = {
        "id": taxonomy_id(vocabulary),
        "name": OUR_VOCABULARY_NAME if ours else vocabulary,
        "description": OUR_VOCABULARY_DESCRIPTION if ours else IMPORTED_VOCABULARY_DESCRIPTION,
    }
    if terms is not None:
        document["taxonomy_terms"] = [term_document(term) for term in terms]
    return document


def term_document(term: TaxonomyTerm) -> Document:
    """A term; its parent must be loaded with it (select_related("parent"))."""
    return _present(
        {
            "id": str(term.uuid),
            "name": term.name,
            "description": term.description,
            "parent_id": str(term.parent.uuid) if term.parent_id and term.parent else None,
            "taxonomy": term.vocabulary,
            "taxonomy_id": taxonomy_id(term.vocabulary),
            "term": term.code,
        }
    ) | {"description": term.description}


# --- Organisations --------------------------------------------------------------------------


def organization_document(supplier: Supplier, *, full: bool = False) -> Document:
    document = _present(
        {
            "id": str(supplier.uuid),
            "name": supplier.organisation.name,
            "description": supplier.description,
            "email": supplier.email,
            "website": supplier.website,
        }
    ) | {"description": supplier.description}
    if full and supplier.cqc_location_id:
        document["organization_identifiers"] = [
            {
                "id": derived_id(supplier.uuid, "cqc"),
                "organization_id": str(supplier.uuid),
                "identifier_scheme": "GB-CQC",
                "identifier_type": "CQC location ID",
                "identifier": supplier.cqc_location_id,
            }
        ]
    return document


# --- Services -------------------------------------------------------------------------------


def service_brief(service: Service) -> Document:
    """The one-to-one fields of a service and its organisation (``/services`` lists): needs
    ``supplier__organisation`` loaded."""
    supplier = service.supplier
    return _present(
        {
            "id": str(service.uuid),
            "organization_id": str(supplier.uuid),
            "name": service.name,
            "description": service.description,
            "status": service.status,
            "accreditations": supplier.accreditations,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "last_modified": _moment(max(service.updated_at, supplier.updated_at)),
            "organization": organization_document(supplier),
        }
    )


def service_full(service: Service, *, with_locations: bool = True) -> Document:
    """The fully nested service; see ``market.access.published_services`` for what to load."""
    document = service_brief(service)
    document["organization"] = organization_document(service.supplier, full=True)
    service_id = str(service.uuid)
    document["schedules"] = [schedule_document(s, service_id) for s in service.schedules.all()]
    document["service_areas"] = _service_areas(service)
    if with_locations:
        document["service_at_locations"] = [
            _present(
                {
                    "id": str(link.uuid),
                    "service_id": service_id,
                    "location_id": str(link.location.uuid),
                    "location": location_document(link.location, full=True),
                }
            )
            for link in service.at_locations.all()
        ]
    document["languages"] = [
        {"id": derived_id(service.uuid, "language", name), "service_id": service_id, "name": name}
        for name in service.supplier.languages
    ]
    document["cost_options"] = [
        cost_option_document(option, service_id) for option in service.cost_options.all()
    ]
    document["attributes"] = [
        {
            "id": derived_id(service.uuid, "attribute", term.uuid),
            "link_id": service_id,
            "link_entity": "service",
            "taxonomy_term_id": str(term.uuid),
            "taxonomy_term": term_document(term),
        }
        for term in service.terms.all()
    ]
    return document


def schedule_document(schedule: Schedule, service_id: str) -> Document:
    return _present(
        {
            "id": str(schedule.uuid),
            "service_id": service_id,
            "freq": "WEEKLY",
            "interval": schedule.interval_weeks,
            "byday": WEEKDAY_CODES[schedule.weekday],
            "dtstart": _date(schedule.valid_from),
            "valid_from": _date(schedule.valid_from),
            "valid_to": _date(schedule.valid_to),
            "opens_at": _time(schedule.opens_at),
            "closes_at": _time(schedule.closes_at),
            "description": schedule_words(schedule),
            "notes": schedule.notes,
        }
    )


def schedule_words(schedule: Schedule) -> str:
    """``Mondays, 22:00 to 07:00 the next morning, every 2 weeks; not on bank holidays``."""
    words = (
        f"{WEEKDAY_NAMES[schedule.weekday]}s, "
        f"{schedule.opens_at:%H:%M} to {schedule.closes_at:%H:%M}"
    )
    if schedule.overnight:
        words += " the next morning"
    if schedule.interval_weeks > 1:
        words += f", every {schedule.interval_weeks} weeks"
    if schedule.closed_on_bank_holidays:
        words += "; not on bank holidays"
    return words


def _service_areas(service: Service) -> list[Document]:
    service_id = str(service.uuid)
    areas = [
        {
            "id": str(area.uuid),
            "service_id": service_id,
            "name": area.district.code,
            "service_area": f"{area.district.code} ({area.district.name})",
        }
        for area in service.areas.all()
    ]
    if service.travel_radius_km:
        base = service.supplier.base_district
        areas.append(
            {
                "id": derived_id(service.uuid, "travel-radius"),
                "service_id": service_id,
                "name": f"Within {service.travel_radius_km} km of {base.code}",
                "service_area": (
                    f"Workers travel up to {service.travel_radius_km} km from "
                    f"{base.code} ({base.name})"
                ),
            }
        )
    return areas


def cost_option_document(option: CostOption, service_id: str) -> Document:
    pounds = f"£{option.amount_pence // 100:,}.{option.amount_pence % 100:02d}"
    unit = option.get_unit_display()
    return _present(
        {
            "id": str(option.uuid),
            "service_id": service_id,
            "valid_from": _date(option.valid_from),
            "valid_to": _date(option.valid_to),
            "option": option.description or unit.capitalize(),
            "amount": option.amount_pence / 100,
            "amount_description": "Free" if option.unit == "free" else f"{pounds} {unit}",
        }
    )


# --- Locations ------------------------------------------------------------------------------


def location_document(location: Location, *, full: bool = False) -> Document:
    document: Document = {
        "id": str(location.uuid),
        "location_type": "physical",
        "name": location.name,
    }
    if full:
        location_id = str(location.uuid)
        document["addresses"] = [
            {
                "id": derived_id(location.uuid, "address"),
                "location_id": location_id,
                "address_1": location.address_1,
                "city": location.city,
                # The profile asks for a state or province; an English address has none.
                "state_province": "",
                "postal_code": location.postcode,
                "country": "GB",
                "address_type": "physical",
            }
        ]
        if location.accessibility:
            document["accessibility"] = [
                {
                    "id": derived_id(location.uuid, "accessibility"),
                    "location_id": location_id,
                    "description": location.accessibility,
                }
            ]
    return document


def service_at_location_document(link: ServiceAtLocation, *, full: bool = False) -> Document:
    service = link.service
    return {
        "id": str(link.uuid),
        "service_id": str(service.uuid),
        "location_id": str(link.location.uuid),
        "location": location_document(link.location, full=full),
        "service": service_full(service, with_locations=False) if full else service_brief(service),
    }


# --- The API's own description --------------------------------------------------------------


def api_information(openapi_url: str) -> Document:
    return {"version": HSDS_VERSION, "profile": PROFILE_URL, "openapi_url": openapi_url}
