"""Who may see and change market-shaping information. The only place these decisions are made;
person-level checks start from ``people.access``.

- The supplier directory (suppliers, services, prices, quality): provider staff and
  commissioners read it; market shapers and managers of the provider that keeps it change any
  entry; a supplier's own users change their own entry only and see no other (404). The Open
  Referral UK API is public and shows only what suppliers chose to publish.
- The preferred supplier list: its criteria and decisions are kept by market shapers and
  managers; everyone of the provider (people supported, circles and experts by experience
  included) and its commissioners may read the list itself; applications and their assessments
  are for market shapers, managers, experts by experience (the co-production panel) and
  commissioners; a supplier sees and makes only its own applications (its results and reasons,
  not the evidence or the panel's view). The panel's view is recorded by an expert by
  experience of the provider, never by the staff who decide.
- A person's needs, how they want each commissioned and their choice of supplier: readable by
  whoever may see the person (people.access) except suppliers, experts by experience and
  commissioners (the needs come from the Plan Book and Perfect Week the council does not see);
  changed by coordinators, market shapers and managers of the person's provider, and by the
  person themselves for their own choices. Suppliers never see a person (the commissioning
  issue adds requests sent to them).
- The borough's market view (gaps and supply): market shapers, coordinators, managers and
  commissioners of the council that funds the people counted.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import PROVIDER_STAFF_ROLES, Role
from directsupport.funds.access import can_see_money
from directsupport.lib.denials import NoAccess, ReadOnly
from directsupport.lib.denials import one_for_user as _one_for_user
from directsupport.people.access import get_person_for_user
from directsupport.people.models import Person

from .models import (
    ApplicationStatus,
    PreferredApplication,
    PreferredCriterion,
    Service,
    Supplier,
    SupplierKind,
    SupportNeed,
)

Part = TypeVar("Part", bound=Model)

DIRECTORY_KEEPERS = frozenset({Role.MARKET_SHAPER, Role.MANAGER})
DIRECTORY_READERS = PROVIDER_STAFF_ROLES | {Role.COMMISSIONER}
PREFERRED_LIST_READERS = DIRECTORY_READERS | {Role.PERSON, Role.CIRCLE, Role.EXPERT}
APPLICATION_READERS = DIRECTORY_KEEPERS | {Role.EXPERT, Role.COMMISSIONER}
NEED_WRITERS = frozenset({Role.COORDINATOR, Role.MARKET_SHAPER, Role.MANAGER})
MARKET_VIEW_READERS = frozenset(
    {Role.MARKET_SHAPER, Role.COORDINATOR, Role.MANAGER, Role.COMMISSIONER}
)


def _role_name(user: User) -> str:
    return user.get_role_display().lower()


# --- The directory -------------------------------------------------------------------------


def suppliers_visible_to(user: User) -> QuerySet[Supplier]:
    """Every directory entry this user may see, as one query."""
    suppliers = Supplier.objects.select_related("organisation", "base_district")
    if not user.is_active:
        return suppliers.none()
    if user.role in PROVIDER_STAFF_ROLES:
        return suppliers.filter(directory_owner_id=user.organisation_id)
    if user.role == Role.COMMISSIONER:
        # The council sees the directories of the providers whose people it funds.
        return suppliers.filter(
            directory_owner__people__funding_council_id=user.organisation_id
        ).distinct()
    if user.role == Role.SUPPLIER:
        return suppliers.filter(organisation_id=user.organisation_id)
    return suppliers.none()


def can_see_directory(user: User) -> bool:
    return user.is_active and user.role in DIRECTORY_READERS


def can_keep_directory(user: User) -> bool:
    return user.is_active and user.role in DIRECTORY_KEEPERS


def can_change_supplier(user: User, supplier: Supplier) -> bool:
    if user.role in DIRECTORY_KEEPERS:
        return supplier.directory_owner_id == user.organisation_id
    return user.role == Role.SUPPLIER and supplier.organisation_id == user.organisation_id


def get_supplier_for_user(user: User, pk: int, *, write: bool = False) -> Supplier:
    """The directory entry if the user may see it; 404 otherwise, 403 if read-only."""
    return _one_for_user(
        suppliers_visible_to(user),
        pk,
        user=user,
        subject_type="market.supplier",
        what="this directory entry",
        write=write,
        may_change=lambda supplier: can_change_supplier(user, supplier),
        tried="change a directory entry",
    )


def get_own_supplier_for_user(user: User) -> Supplier:
    """A supplier user's own directory entry (404 if they have none, or are not a supplier)."""
    supplier = (
        Supplier.objects.select_related("organisation", "base_district")
        .filter(organisation_id=user.organisation_id)
        .first()
        if user.is_active and user.role == Role.SUPPLIER
        else None
    )
    if supplier is None:
        raise NoAccess(
            subject_type="market.supplier",
            subject_id="own",
            reason=f"No directory entry of their own for a {_role_name(user)}",
        )
    return supplier


def check_may_keep_directory(user: User) -> None:
    """Adding suppliers, terms and districts: market shapers and managers (others 404: the
    page to add does not exist for them)."""
    if not can_keep_directory(user):
        raise NoAccess(
            subject_type="market.supplier",
            subject_id="new",
            reason=f"No directory keeping for a {_role_name(user)}",
        )


def check_may_see_directory(user: User) -> None:
    """The directory list: provider staff and commissioners (404 for everyone else; a supplier
    sees its own entry only, through get_supplier_for_user)."""
    if not can_see_directory(user):
        raise NoAccess(
            subject_type="market.supplier",
            subject_id="list",
            reason=f"No supplier directory for a {_role_name(user)}",
        )


def get_service_for_user(
    user: User, supplier_pk: int, service_pk: int, *, write: bool = False
) -> Service:
    """A service of a directory entry the user may see (404 otherwise, as for the entry); with
    ``write``, only those who may change the entry (403)."""
    supplier = get_supplier_for_user(user, supplier_pk, write=write)
    service = supplier.services.filter(pk=service_pk).first()
    if service is None:
        raise NoAccess(
            subject_type="market.service",
            subject_id=service_pk,
            reason="Service not one of this directory entry's",
        )
    service.supplier = supplier
    return service


def get_service_part(parts: QuerySet[Part], pk: int) -> Part:
    """One of a service's schedules, areas, prices or closure days, from ``parts`` (a related
    manager's queryset of a service already fetched with get_service_for_user): 404 if it is
    not that service's."""
    part = parts.filter(pk=pk).first()
    if part is None:
        raise NoAccess(
            subject_type=parts.model._meta.label_lower,
            subject_id=pk,
            reason="Not a part of this service",
        )
    return part


# --- The preferred supplier list ------------------------------------------------------------


def can_see_preferred_list(user: User) -> bool:
    return user.is_active and user.role in PREFERRED_LIST_READERS


def applications_visible_to(user: User) -> QuerySet[PreferredApplication]:
    applications = PreferredApplication.objects.select_related("supplier__organisation", "provider")
    if not user.is_active:
        return applications.none()
    if user.role in DIRECTORY_KEEPERS or user.role == Role.EXPERT:
        return applications.filter(provider_id=user.organisation_id)
    if user.role == Role.COMMISSIONER:
        return applications.filter(
            provider__people__funding_council_id=user.organisation_id
        ).distinct()
    if user.role == Role.SUPPLIER:
        return applications.filter(supplier__organisation_id=user.organisation_id)
    return applications.none()


def can_decide_applications(user: User) -> bool:
    return user.is_active and user.role in DIRECTORY_KEEPERS


def _keeps_list_of(user: User, provider_id: int) -> bool:
    """Market shapers and managers keep their own provider's preferred list, no other."""
    return can_decide_applications(user) and provider_id == user.organisation_id


def get_application_for_user(user: User, pk: int, *, write: bool = False) -> PreferredApplication:
    """An application if the user may see it (404 otherwise); with ``write``, only market
    shapers and managers of the provider may assess and decide it (403)."""
    return _one_for_user(
        applications_visible_to(user),
        pk,
        user=user,
        subject_type="market.preferredapplication",
        what="this application",
        write=write,
        may_change=lambda application: _keeps_list_of(user, application.provider_id),
        tried="assess or decide an application",
    )


def check_may_see_preferred_list(user: User) -> None:
    """The list and its criteria: 404 for anyone who may not read any provider's list."""
    if not can_see_preferred_list(user):
        raise NoAccess(
            subject_type="market.preferredapplication",
            subject_id="list",
            reason=f"No preferred supplier list for a {_role_name(user)}",
        )


def preferred_providers_for(user: User) -> QuerySet[Organisation]:
    """The providers whose preferred list (and its criteria) this user may read: their own
    provider for its people, circles, experts and staff; for a commissioner, every provider
    whose people the council funds."""
    if not can_see_preferred_list(user):
        return Organisation.objects.none()
    if user.role == Role.COMMISSIONER:
        return Organisation.objects.filter(
            people__funding_council_id=user.organisation_id
        ).distinct()
    return Organisation.objects.filter(pk=user.organisation_id)


def preferred_list_visible_to(user: User) -> QuerySet[PreferredApplication]:
    """The approved applications (the list itself) of the providers this user may read. A
    suspended supplier is not on the list."""
    return PreferredApplication.objects.select_related("supplier__organisation", "provider").filter(
        status=ApplicationStatus.APPROVED,
        provider__in=preferred_providers_for(user),
    )


def criteria_visible_to(user: User) -> QuerySet[PreferredCriterion]:
    """The criteria of the providers whose list this user may read. A supplier reads the active
    criteria of the provider whose directory it is in (``criteria_for_applicant``) instead."""
    return PreferredCriterion.objects.select_related("provider").filter(
        provider__in=preferred_providers_for(user)
    )


def criteria_for_applicant(supplier: Supplier) -> QuerySet[PreferredCriterion]:
    """What a supplier applying is measured against: the active criteria of the provider whose
    directory (and so whose list) it is in. Only ever called with the supplier's own entry."""
    return PreferredCriterion.objects.filter(provider_id=supplier.directory_owner_id, active=True)


def check_may_keep_preferred_list(user: User) -> None:
    """Adding criteria and proposing suppliers: market shapers and managers (others 404: the
    page to add does not exist for them)."""
    if not can_decide_applications(user):
        raise NoAccess(
            subject_type="market.preferredcriterion",
            subject_id="new",
            reason=f"No preferred list keeping for a {_role_name(user)}",
        )


def get_criterion_for_user(user: User, pk: int, *, write: bool = False) -> PreferredCriterion:
    """A criterion if the user may read its provider's list (404 otherwise); changing it is for
    the provider's market shapers and managers (403)."""
    return _one_for_user(
        criteria_visible_to(user),
        pk,
        user=user,
        subject_type="market.preferredcriterion",
        what="this criterion",
        write=write,
        may_change=lambda criterion: _keeps_list_of(user, criterion.provider_id),
        tried="change a preferred list criterion",
    )


def can_see_applications(user: User) -> bool:
    return user.is_active and user.role in APPLICATION_READERS


def check_may_see_applications(user: User) -> None:
    """The list of applications is for market shapers, managers, experts by experience and
    commissioners (404 for everyone else; a supplier finds its own on its apply page)."""
    if not can_see_applications(user):
        raise NoAccess(
            subject_type="market.preferredapplication",
            subject_id="list",
            reason=f"No list of applications for a {_role_name(user)}",
        )


def can_see_assessment_detail(user: User) -> bool:
    """The evidence behind each assessment and the panel's view may quote referees and people
    supported, given in confidence: a supplier sees its results and the reasons for each step,
    not those."""
    return user.role != Role.SUPPLIER


def can_record_panel_view(user: User, application: PreferredApplication) -> bool:
    """The co-production panel's view is recorded by an expert by experience of the provider
    (a panel member), in the panel's own words, never by the staff who decide: it is the check
    on their decision, so the people deciding do not write it."""
    return (
        user.is_active
        and user.role == Role.EXPERT
        and application.provider_id == user.organisation_id
    )


def get_application_for_panel(user: User, pk: int) -> PreferredApplication:
    """An application whose panel view this user records: 404 if they may not see it, 403 if
    they may see it but are not a panel member of its provider."""
    application = get_application_for_user(user, pk)
    if not can_record_panel_view(user, application):
        raise ReadOnly(
            subject_type="market.preferredapplication",
            subject_id=pk,
            reason="Read-only access: tried to record the co-production panel's view",
        )
    return application


# --- A person's needs and choices ------------------------------------------------------------


# Commissioners see no one's needs: the needs are drawn from the person's Plan Book and
# Perfect Week, with who is with them and where, which the council never sees (planning.access,
# week.access). The council reads the plan summary instead, and the borough's market view counts
# needs without naming anyone.
NEED_NON_READERS = frozenset({Role.SUPPLIER, Role.EXPERT, Role.COMMISSIONER})


def can_see_needs(user: User) -> bool:
    """Roles that may see the needs of a person they can see at all (people.access)."""
    return user.is_active and user.role not in NEED_NON_READERS


def can_change_needs(user: User, person: Person) -> bool:
    return user.role in NEED_WRITERS and person.organisation_id == user.organisation_id


def can_choose_for_self(user: User, person: Person) -> bool:
    """The person records their own commissioning wishes and choice of supplier."""
    return user.role == Role.PERSON and person.user_id == user.pk


def get_person_for_needs(user: User, pk: int, *, write: bool = False) -> Person:
    """The person whose needs (and support page) are asked for: 404 for anyone who may not see
    them, 403 when changing needs is not theirs to do. ``write`` lets the person themselves
    through: their own choices are theirs to make."""
    person = get_person_for_user(user, pk)
    if not can_see_needs(user):
        raise NoAccess(
            subject_type="market.supportneed",
            subject_id=pk,
            person_id=pk,
            reason=f"No access to a person's needs for a {_role_name(user)}",
        )
    if write and not (can_change_needs(user, person) or can_choose_for_self(user, person)):
        raise ReadOnly(
            subject_type="market.supportneed",
            subject_id=pk,
            person_id=pk,
            reason="Read-only access: tried to change a person's needs",
        )
    return person


def get_need_for_user(
    user: User, person_pk: int, need_pk: int, *, write: bool = False
) -> SupportNeed:
    return _need_of(get_person_for_needs(user, person_pk, write=write), need_pk)


def _need_of(person: Person, need_pk: int) -> SupportNeed:
    need = (
        SupportNeed.objects.select_related("term", "district", "week_entry")
        .filter(person=person, pk=need_pk)
        .first()
    )
    if need is None:
        raise NoAccess(
            subject_type="market.supportneed",
            subject_id=need_pk,
            person_id=person.pk,
            reason="Need not one of this person's",
        )
    need.person = person
    return need


def get_person_for_shaping_needs(user: User, pk: int) -> Person:
    """Drawing, adding and refining a person's needs: the coordinators, market shapers and
    managers of their provider (404 for anyone who may not see the needs; 403 for those who
    only read them, the person included: they refine their needs with the coordinator, and say
    for themselves only how each is commissioned and who supplies it)."""
    person = get_person_for_needs(user, pk)
    if not can_change_needs(user, person):
        raise ReadOnly(
            subject_type="market.supportneed",
            subject_id=pk,
            person_id=pk,
            reason="Read-only access: tried to draw, add or refine a person's needs",
        )
    return person


def get_need_for_shaping(user: User, person_pk: int, need_pk: int) -> SupportNeed:
    """One of the person's needs, to refine (as ``get_person_for_shaping_needs``)."""
    return _need_of(get_person_for_shaping_needs(user, person_pk), need_pk)


def may_see_support_money(user: User) -> bool:
    """The budget, the management fee and what is left on the person's support page: for whoever
    may open the person's money (funds.access; the person was already checked by
    ``get_person_for_needs``), and for market shapers, whose job is finding support within what
    is left (the match page's price reasons say it anyway); they still never see the ledger.
    Everyone who may see the needs sees what the week costs, as on the Perfect Week's own page."""
    return can_see_money(user) or (user.is_active and user.role == Role.MARKET_SHAPER)


def can_see_market_view(user: User) -> bool:
    return user.is_active and user.role in MARKET_VIEW_READERS


def get_need_for_own_choice(user: User, person_pk: int, need_pk: int) -> SupportNeed:
    """A need whose supplier the person chooses for themselves on their easy-read page: the
    person only (404 for anyone who may not see the need; 403 for staff and circles, who record
    the person's choice on the standard page, saying who chose)."""
    need = get_need_for_user(user, person_pk, need_pk)
    if not can_choose_for_self(user, need.person):
        raise ReadOnly(
            subject_type="market.supportneed",
            subject_id=need_pk,
            person_id=person_pk,
            reason="Read-only access: only the person chooses on their own easy-read page",
        )
    return need


def check_may_see_market_view(user: User) -> None:
    """The borough's market view (gaps and supply) over ``people_visible_to(user)``: market
    shapers, coordinators and managers for their provider's people, commissioners for their
    council's; 404 for everyone else."""
    if not can_see_market_view(user):
        raise NoAccess(
            subject_type="market.supportneed",
            subject_id="market-view",
            reason=f"No market view for a {_role_name(user)}",
        )


def market_view_audience(user: User) -> str:
    """Who a market view is counted for, so one counted view can serve everyone who sees the
    same people: the staff of a provider (every reader there sees all its people) or the
    commissioners of a council (its funded people)."""
    kind = "council" if user.role == Role.COMMISSIONER else "provider"
    return f"{kind}-{user.organisation_id}"


def market_view_names_people(user: User) -> bool:
    """Whether the market view lists people by name (with links to their needs): provider
    staff do; commissioners see counts, never names."""
    return can_see_market_view(user) and user.role != Role.COMMISSIONER


# --- The public Open Referral UK API -------------------------------------------------------


def published_services() -> QuerySet[Service]:
    """Every service anyone may read in the public Open Referral UK API: the service and its
    supplier both published, and the supplier an organisation, not a self-employed personal
    assistant (one person: their name, email and hourly rate are not open data, whatever the
    published box says). The API shows suppliers, venues and prices only through these
    services, so this is the one check of what leaves; taxonomy terms are the provider's
    vocabulary and public."""
    return Service.objects.filter(published=True, supplier__published=True).exclude(
        supplier__kind=SupplierKind.PERSONAL_ASSISTANT
    )
