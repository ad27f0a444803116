"""Walks the whole URL configuration so that no page can forget its access check.

- Only the pages listed in PUBLIC may be reached without signing in.
- Only the pages in ANY_SIGNED_IN may be used by anyone signed in (they are about the user's own
  account). Every other page must answer 404 (or 403) to signed-in outsiders — a coordinator and a
  manager at another provider, a supplier and a commissioner from another council — when asked
  about our person, our circle, our users, with GET and with POST. Nothing may be stored.

A new URL with a keyword argument not in KWARG_OBJECTS fails here until someone says which
object it takes: that is the moment to think about who may see it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from directsupport.accounts.roles import Role
from directsupport.audit.models import AuditEvent
from directsupport.funds import ledger
from directsupport.funds.models import (
    Agreement,
    AgreementStatus,
    BankingPot,
    BlockContract,
    ContractSplit,
    CoveredPerson,
    Fund,
    Kind,
    LedgerEntry,
    LedgerTransaction,
    SplitLine,
    Statement,
    SupportSession,
    TimesheetImport,
)
from directsupport.market.models import (
    ApplicationStatus,
    ApplicationStep,
    CostOption,
    CriterionAssessment,
    PreferredApplication,
    PreferredCriterion,
    Schedule,
    ScheduleException,
    Service,
    ServiceArea,
    Supplier,
    SupplierChoice,
    SupportNeed,
)
from directsupport.market.tests.factories import (
    CostOptionFactory,
    PostcodeDistrictFactory,
    ScheduleFactory,
    ServiceFactory,
    SupplierFactory,
    standard_term,
)
from directsupport.people.models import CircleMember, KeyDate, Person
from directsupport.planning.compile import compile_plan_book
from directsupport.planning.models import (
    CaptureNote,
    EventParticipant,
    GraphicRecording,
    Outcome,
    OutcomeAction,
    PlanBookBatch,
    PlanBookVersion,
    PlanningEvent,
    ToolKind,
)
from directsupport.week.models import CalendarFeed, RateCard, Week, WeekEntry
from tests.factories import UserFactory

PUBLIC = {
    "healthz",
    # A calendar app cannot sign in: the feed is reached by its secret token alone (its own
    # tests cover unknown and revoked tokens).
    "week:calendar_feed",
    "accounts:login",
    "accounts:logout",
    "accounts:forgotten_password",
    "team:set_password",
    # The Open Referral UK API: public open data, only what suppliers published
    # (market.access.published_services; market/tests/test_openreferral_api.py).
    "openreferral:root",
    "openreferral:openapi",
    "openreferral:services",
    "openreferral:service",
    "openreferral:service_at_locations",
    "openreferral:service_at_location",
    "openreferral:taxonomies",
    "openreferral:taxonomy",
    "openreferral:taxonomy_terms",
    "openreferral:taxonomy_term",
}
ANY_SIGNED_IN = {
    "home",
    "accounts:account",
    "accounts:two_factor",
    "accounts:two_factor_setup",
    "accounts:choose_two_factor",
    "accounts:backup_codes",
    "accounts:change_password",
    "accounts:keep_alive",
}
# Words that appear in our objects and must never reach an outsider's page.
OUR_SECRETS = ["Okafor", "Adaeze", "07700 900123", "priya@willowbrook.example", "Northfield"]
# Reference data every provider's directory shares, as Open Referral UK's are (kinds of support
# and activity, postcode districts): another provider's market shaper or manager keeps them too.
SHARED_REFERENCE = {
    "market:terms",
    "market:term_add",
    "market:term_rename",
    "market:districts",
    "market:district_add",
}
SHARED_REFERENCE_KEEPERS = {Role.MARKET_SHAPER, Role.MANAGER}
SKIPPED_NAMESPACES = {"back_office"}  # the admin has its own test (managers with two-factor only)


@dataclass(frozen=True)
class Route:
    name: str
    callback: Any
    kwargs: tuple[str, ...]


def _walk(patterns: list[Any], namespace: str = "", prefix: str = "") -> Iterator[Route]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            child = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, child, route)
        elif isinstance(entry, URLPattern) and entry.name:
            kwargs = tuple(re.findall(r"<(?:\w+:)?(\w+)>", route))
            yield Route(f"{namespace}{entry.name}", entry.callback, kwargs)


ROUTES = sorted(
    {r.name: r for r in _walk(get_resolver().url_patterns)}.values(), key=lambda r: r.name
)


def test_only_listed_pages_are_public():
    public = {r.name for r in ROUTES if not getattr(r.callback, "login_required", True)}
    assert public == PUBLIC, (
        "A page became public (or stopped being public): update PUBLIC knowingly"
    )


def _url(route: Route, objects: dict[str, Any]) -> str:
    unknown = [n for n in route.kwargs if n not in objects]
    assert not unknown, f"{route.name}: add {unknown} to the objects in this test"
    return reverse(route.name, kwargs={n: objects[n] for n in route.kwargs})


def _planning_objects(dee, coordinator) -> dict[str, Any]:
    """Dee's Planning Live day and what came of it: one of everything a planning URL names."""
    event = PlanningEvent.objects.create(
        organisation=dee.organisation,
        title="Spring Planning Live",
        date="2026-03-14",
        venue_name="Hollowfield Community Centre",
        venue_address="12 Mill Lane",
        venue_access="Step-free",
    )
    participant = EventParticipant.objects.create(event=event, person=dee)
    note = CaptureNote.objects.create(
        person=dee,
        event=event,
        question="future",
        text="Swim in the sea",
        speaker="person",
        said_by="Dee Okafor",
        status="own_words",
    )
    recording = GraphicRecording.objects.create(
        person=dee, event=event, image="photos/none.png", description="Dee's day in drawings"
    )
    outcome = Outcome.objects.create(person=dee, text="Swim in the sea", source_note=note)
    action = OutcomeAction.objects.create(
        outcome=outcome, what="Find a swimming club", who="Dee", by_when="2026-06-01"
    )
    version = PlanBookVersion.objects.create(
        person=dee, number=1, content=compile_plan_book(dee), created_by=coordinator
    )
    batch = PlanBookBatch.objects.create(event=event, requested_by=coordinator)
    return {
        "event_pk": event.pk,
        "participant_pk": participant.pk,
        "note_pk": note.pk,
        "recording_pk": recording.pk,
        "kind": ToolKind.ONE_PAGE_PROFILE.value,
        "outcome_pk": outcome.pk,
        "action_pk": action.pk,
        "number": version.number,
        "batch_pk": batch.pk,
    }


def _week_objects(dee, coordinator) -> dict[str, Any]:
    """Dee's Perfect Week with one entry, her calendar link and her provider's rate card."""
    week = Week.objects.create(person=dee, kind="perfect")
    entry = WeekEntry.objects.create(
        week=week,
        weekday=1,
        starts_at="10:00",
        ends_at="12:00",
        what="Swimming at Hollowfield Leisure Centre",
        company="paid",
        support_ratio="one_to_one",
        support_kind="community_access",
    )
    feed = CalendarFeed.objects.create(person=dee, owner=dee.user)
    card = RateCard.objects.create(
        organisation=dee.organisation, effective_from="2026-04-01", sleep_in_pence=9500
    )
    return {"week_kind": "perfect", "entry_pk": entry.pk, "feed_pk": feed.pk, "card_pk": card.pk}


def _funds_objects(dee, finance) -> dict[str, Any]:
    """Dee's ISF: the block contract and split it came from, an agreement in force, a posting,
    a banking pot, and a supplier's timesheet."""
    contract = BlockContract.objects.create(
        provider=dee.organisation,
        council=dee.funding_council,
        reference="HOL-LD-017",
        title="Community support for adults with learning disabilities",
        annual_value_pence=3_120_000,
        starts_on="2026-04-01",
        ends_on="2027-03-31",
    )
    CoveredPerson.objects.create(contract=contract, person=dee, assessed_weekly_minutes=1200)
    split = ContractSplit.objects.create(contract=contract, method="entered", total_pence=3_120_000)
    line = SplitLine.objects.create(split=split, person=dee, basis=3_120_000, share_pence=3_120_000)
    fund = Fund.objects.create(
        person=dee,
        provider=dee.organisation,
        council=dee.funding_council,
        reference="ISF-0001",
        split_line=line,
    )
    agreement = Agreement.objects.create(
        fund=fund,
        version=1,
        status=AgreementStatus.APPROVED,
        annual_budget_pence=3_120_000,
        starts_on="2026-04-01",
        ends_on="2027-03-31",
        first_review_on="2026-05-20",
    )
    posted = ledger.post(
        fund=fund,
        kind=Kind.ALLOCATION,
        lines=ledger.allocation_lines(260_000),
        effective_on=dt.date(2026, 4, 1),
        description="April allocation",
        idempotency_key="walk-allocation",
        actor=finance,
    )
    pot = BankingPot.objects.create(fund=fund, purpose="Holiday in Margate")
    timesheet = TimesheetImport.objects.create(
        provider=dee.organisation,
        supplier_name="Hollowfield PA Agency",
        file_name="october.csv",
        sha256="0" * 64,
        sessions_count=0,
        total_minutes=0,
        total_pence=0,
    )
    return {
        "contract_pk": contract.pk,
        "split_pk": split.pk,
        "version": agreement.version,
        "txn_pk": posted.transaction.pk,
        "pot_pk": pot.pk,
        "timesheet_pk": timesheet.pk,
        "month": "2026-04",
        "council_pk": dee.funding_council_id,
    }


def _preferred_objects(dee, coordinator) -> dict[str, Any]:
    """A criterion of Dee's provider and an application to its preferred list, being assessed,
    from a supplier in its directory (not the supplier persona's: theirs must stay unseen)."""
    criterion = PreferredCriterion.objects.create(
        provider=dee.organisation,
        kind="quality",
        title="Good quality support",
        description="People supported say the support is good.",
        easy_read="They give good support.",
        agreed_on="2026-03-14",
        agreed_with="The co-production panel",
    )
    application = PreferredApplication.objects.create(
        provider=dee.organisation,
        supplier=SupplierFactory.create(directory_owner=dee.organisation),
        status=ApplicationStatus.ASSESSING,
        statement="We know Northfield well.",
        created_by=coordinator,
    )
    ApplicationStep.objects.create(
        application=application, from_status="", to_status=application.status, by=coordinator
    )
    return {"criterion_pk": criterion.pk, "application_pk": application.pk}


def _directory_objects(dee) -> dict[str, Any]:
    """A supplier in Dee's provider's directory (not the supplier persona's own: theirs must
    stay unseen too) with a service and one of each of its parts, and a kind of support."""
    supplier = SupplierFactory.create(
        organisation__name="Northfield Community Swimmers", directory_owner=dee.organisation
    )
    service = ServiceFactory.create(supplier=supplier, name="Northfield swimming")
    area = ServiceArea.objects.create(
        service=service, district=PostcodeDistrictFactory.create(code="HF2")
    )
    closure = ScheduleException.objects.create(
        service=service, on="2026-12-24", reason="Christmas Eve"
    )
    return {
        "supplier_pk": supplier.pk,
        "service_pk": service.pk,
        "schedule_pk": ScheduleFactory.create(service=service).pk,
        "area_pk": area.pk,
        "cost_pk": CostOptionFactory.create(service=service).pk,
        "closure_pk": closure.pk,
        "term_pk": standard_term("swimming").pk,
    }


def _needs_objects(dee) -> dict[str, Any]:
    """One of Dee's needs (how it is arranged, refined, matched)."""
    need = SupportNeed.objects.create(
        person=dee, source="added", what="Swimming lessons", term=standard_term("swimming")
    )
    return {"need_pk": need.pk}


@pytest.fixture
def our_objects(dee, sister, coordinator, finance) -> dict[str, Any]:
    key_date = KeyDate.objects.create(person=dee, label="Birthday", date="1990-05-04")
    token_user = coordinator
    return {
        **_planning_objects(dee, coordinator),
        **_week_objects(dee, coordinator),
        **_funds_objects(dee, finance),
        **_directory_objects(dee),
        **_preferred_objects(dee, coordinator),
        **_needs_objects(dee),
        "pk": dee.pk,
        "person_pk": dee.pk,
        "member_pk": sister.pk,
        "key_date_pk": key_date.pk,
        "user_pk": token_user.pk,
        "worker_pk": token_user.pk,
        "assignment_pk": dee.assignments.get().pk,
    }


def _team_objects(objects: dict[str, Any], coordinator) -> dict[str, Any]:
    return {**objects, "pk": coordinator.pk}


def _stored_counts() -> dict[str, int]:
    stored = (
        Person,
        CircleMember,
        KeyDate,
        PlanningEvent,
        EventParticipant,
        CaptureNote,
        GraphicRecording,
        Outcome,
        OutcomeAction,
        PlanBookVersion,
        PlanBookBatch,
        Week,
        WeekEntry,
        CalendarFeed,
        RateCard,
        BlockContract,
        CoveredPerson,
        ContractSplit,
        SplitLine,
        Fund,
        Agreement,
        LedgerTransaction,
        LedgerEntry,
        SupportSession,
        TimesheetImport,
        BankingPot,
        Statement,
        Supplier,
        Service,
        ServiceArea,
        Schedule,
        CostOption,
        ScheduleException,
        PreferredCriterion,
        PreferredApplication,
        ApplicationStep,
        CriterionAssessment,
        SupportNeed,
        SupplierChoice,
    )
    return {model.__name__: model.objects.count() for model in stored}


@pytest.fixture
def outsiders(other_provider, supplier, other_commissioner, outsider):
    other_manager = UserFactory.create(
        organisation=other_provider, role=Role.MANAGER, email="boss@othercare.example"
    )
    return [outsider, other_manager, supplier, other_commissioner]


def test_every_private_page_sends_the_signed_out_to_sign_in(client, our_objects, coordinator):
    for route in ROUTES:
        if route.name in PUBLIC:
            continue
        objects = (
            _team_objects(our_objects, coordinator)
            if route.name.startswith("team:")
            else our_objects
        )
        url = _url(route, objects)
        response = client.get(url)
        assert response.status_code == 302, route.name
        assert response["Location"].startswith(reverse("accounts:login")), route.name


def test_outsiders_get_not_found_for_everything_of_ours(
    client_for, our_objects, outsiders, coordinator
):
    counts_before = _stored_counts()
    checked = 0
    for user in outsiders:
        client = client_for(user)
        for route in ROUTES:
            if route.name in PUBLIC or route.name in ANY_SIGNED_IN:
                continue
            if route.name in SHARED_REFERENCE and user.role in SHARED_REFERENCE_KEEPERS:
                continue
            objects = (
                _team_objects(our_objects, coordinator)
                if route.name.startswith("team:")
                else our_objects
            )
            url = _url(route, objects)
            for method in ("get", "post"):
                response = getattr(client, method)(url, {"name": "Intruder", "label": "x"})
                who = f"{route.name} {method.upper()} as {user.role} at {user.organisation}"
                if response.status_code == 200:
                    # Lists scoped to the user's own organisation answer, but show nothing of ours.
                    content = (
                        b"".join(response.streaming_content)
                        if response.streaming
                        else response.content
                    )
                    body = content.decode()
                    leaked = [word for word in OUR_SECRETS if word in body]
                    assert not leaked, f"{who}: shows {leaked}"
                else:
                    assert response.status_code in {404, 403, 405}, f"{who}: {response.status_code}"
                checked += 1
    assert checked > 0
    assert _stored_counts() == counts_before
    assert AuditEvent.objects.filter(action="denied").exists()
