"""The demo's organisations, neighbourhoods and staff accounts (all fictional).

Willowbrook Support is a charity in the London Borough of Hollowfield, which funds the people
it supports. Suppliers are the kinds of organisation people choose when they direct their own
support: a day-opportunities CIC, a personal-assistant agency, a sports charity and a
self-employed personal assistant.
"""

from __future__ import annotations

from dataclasses import dataclass

from directsupport.accounts.roles import OrganisationKind, Role

PROVIDER = "Willowbrook Support"
COUNCIL = "London Borough of Hollowfield"


@dataclass(frozen=True)
class OrganisationSpec:
    name: str
    kind: str
    what_they_do: str


ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    OrganisationSpec(
        PROVIDER,
        OrganisationKind.PROVIDER,
        "a charity supporting adults with learning disabilities",
    ),
    OrganisationSpec(COUNCIL, OrganisationKind.COMMISSIONER, "the council that funds support"),
    OrganisationSpec(
        "Riverside Days CIC",
        OrganisationKind.SUPPLIER,
        "a community interest company running day opportunities",
    ),
    OrganisationSpec(
        "Hollowfield PA Agency", OrganisationKind.SUPPLIER, "an agency of personal assistants"
    ),
    OrganisationSpec(
        "Hollowfield Active", OrganisationKind.SUPPLIER, "a sports and leisure charity"
    ),
    OrganisationSpec(
        "Marcia Goodwin, Personal Assistant",
        OrganisationKind.SUPPLIER,
        "a self-employed personal assistant",
    ),
)


@dataclass(frozen=True)
class Area:
    name: str
    postcode_district: str
    streets: tuple[str, ...]


AREAS: tuple[Area, ...] = (
    Area(
        "Hollowfield Central",
        "HF1",
        ("Market Street", "Chapel Row", "Station Approach", "Albion Road"),
    ),
    Area("Northfield", "HF2", ("Northfield Road", "Cedar Avenue", "Linden Close", "Poplar Way")),
    Area("Marsh Green", "HF3", ("Marsh Lane", "Reedbed Road", "Heron Court", "Kingfisher Walk")),
    Area("Ashby Vale", "HF4", ("Ashby Road", "Vale Gardens", "Orchard Rise", "Beech Grove")),
    Area("Kingsmere", "HF5", ("Kingsmere Parade", "Mere Road", "Regent Terrace", "Crown Street")),
    Area("Brookwick", "HF6", ("Brookwick High Street", "Mill Lane", "Wharf Road", "Tanner's Yard")),
    Area("St Ansell's", "HF7", ("St Ansell's Road", "Abbey Close", "Priory Walk", "Bell Street")),
)


@dataclass(frozen=True)
class StaffSpec:
    full_name: str
    email: str
    role: str
    organisation: str
    # Coordinators: the neighbourhoods whose people they coordinate.
    areas: tuple[str, ...] = ()


STAFF: tuple[StaffSpec, ...] = (
    StaffSpec("Helen Carter", "helen.carter@willowbrook.example", Role.MANAGER, PROVIDER),
    StaffSpec(
        "Priya Shah",
        "priya.shah@willowbrook.example",
        Role.COORDINATOR,
        PROVIDER,
        ("Northfield", "Ashby Vale"),
    ),
    StaffSpec(
        "Marcus Johnson",
        "marcus.johnson@willowbrook.example",
        Role.COORDINATOR,
        PROVIDER,
        ("Kingsmere", "St Ansell's"),
    ),
    StaffSpec(
        "Aoife Byrne",
        "aoife.byrne@willowbrook.example",
        Role.COORDINATOR,
        PROVIDER,
        ("Marsh Green", "Brookwick"),
    ),
    StaffSpec(
        "Chidi Eze",
        "chidi.eze@willowbrook.example",
        Role.COORDINATOR,
        PROVIDER,
        ("Hollowfield Central",),
    ),
    StaffSpec("Sam Patel", "sam.patel@willowbrook.example", Role.SUPPORT_WORKER, PROVIDER),
    StaffSpec("Ola Bankole", "ola.bankole@willowbrook.example", Role.SUPPORT_WORKER, PROVIDER),
    StaffSpec("Jess Morgan", "jess.morgan@willowbrook.example", Role.SUPPORT_WORKER, PROVIDER),
    StaffSpec(
        "Kemal Aydın",  # noqa: RUF001 (Turkish dotless i)
        "kemal.aydin@willowbrook.example",
        Role.SUPPORT_WORKER,
        PROVIDER,
    ),
    StaffSpec("Lena Kowalska", "lena.kowalska@willowbrook.example", Role.SUPPORT_WORKER, PROVIDER),
    StaffSpec(
        "Dwayne Richards", "dwayne.richards@willowbrook.example", Role.SUPPORT_WORKER, PROVIDER
    ),
    StaffSpec("Rukhsana Miah", "rukhsana.miah@willowbrook.example", Role.SUPPORT_WORKER, PROVIDER),
    StaffSpec("Ben Fletcher", "ben.fletcher@willowbrook.example", Role.SUPPORT_WORKER, PROVIDER),
    StaffSpec("Esther Owusu", "esther.owusu@willowbrook.example", Role.SUPPORT_WORKER, PROVIDER),
    StaffSpec("Luca Ferreira", "luca.ferreira@willowbrook.example", Role.SUPPORT_WORKER, PROVIDER),
    StaffSpec("Tom Reilly", "tom.reilly@willowbrook.example", Role.MARKET_SHAPER, PROVIDER),
    StaffSpec("Farah Siddiqui", "farah.siddiqui@willowbrook.example", Role.FINANCE, PROVIDER),
    StaffSpec("Martin Hughes", "martin.hughes@hollowfield.gov.example", Role.COMMISSIONER, COUNCIL),
    StaffSpec("Nadia Khan", "nadia.khan@hollowfield.gov.example", Role.COMMISSIONER, COUNCIL),
    StaffSpec("Kwame Asante", "kwame@riversidedays.example", Role.SUPPLIER, "Riverside Days CIC"),
    StaffSpec(
        "Joanna Lewandowska",
        "joanna@hollowfieldpa.example",
        Role.SUPPLIER,
        "Hollowfield PA Agency",
    ),
    StaffSpec("Dean Foster", "dean@hollowfieldactive.example", Role.SUPPLIER, "Hollowfield Active"),
    StaffSpec(
        "Marcia Goodwin",
        "marcia.goodwin.pa@example.com",
        Role.SUPPLIER,
        "Marcia Goodwin, Personal Assistant",
    ),
    StaffSpec("Jo Whitfield", "jo.whitfield@example.org", Role.EXPERT, PROVIDER),
    StaffSpec("Amir Haddad", "amir.haddad@example.org", Role.EXPERT, PROVIDER),
)
