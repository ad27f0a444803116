"""Two organisations' worlds for the access walk, each with one of every object a URL can name.

Willowbrook Support (funded by Hollowfield Council) is the world under attack, built on the
named personas (Dee Okafor, her sister Ngozi, Priya, Helen...). Other Care Ltd (funded by
Eastmere Council) is built the same way from the factories, with its own staff, person, circle
member, supplier and commissioner: those are the outsiders who sign in and ask for
Willowbrook's objects by id. Building both the same way means an outsider's own pages have
data too, as they would in real use.

``World.ids`` maps each URL keyword (``person_pk``, ``event_pk``...) to the id of that world's
object, which is what the walk fills into every URL pattern.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import Role
from directsupport.commissioning.models import (
    Contract,
    ContractParty,
    ContractStatus,
    FairCostModel,
    MemberStatus,
    Offer,
    OfferChoice,
    OfferSide,
    OfferStatus,
    OptimiserRun,
    Pool,
    PoolMember,
    Proposal,
    ProposalKind,
    QuoteRequest,
    ReferencePrice,
    RequestNeed,
    RequestStatus,
    RequestSupplier,
    RunStatus,
    ShareChange,
)
from directsupport.coproduction.models import (
    Attendance,
    Decision,
    DecisionParticipant,
    Feedback,
    FeedbackFrom,
    Feeling,
    LearningLogEntry,
    Level,
    MeetingPaper,
    OutcomeProgress,
    Panel,
    PanelMeeting,
    PanelMember,
    ParticipantRole,
    Progress,
    Review,
    ReviewKind,
    TimeClaim,
    Topic,
)
from directsupport.funds.ledger import posting
from directsupport.funds.models import (
    Agreement,
    AgreementStatus,
    BankingPot,
    BlockContract,
    ContractSplit,
    CoveredPerson,
    Fund,
    Kind,
    SplitLine,
    TimesheetImport,
)
from directsupport.market.models import (
    ApplicationStatus,
    ApplicationStep,
    PreferredApplication,
    PreferredCriterion,
    ScheduleException,
    ServiceArea,
    Supplier,
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
from directsupport.planbook.book.compile import compile_plan_book
from directsupport.planbook.models import PlanBookBatch, PlanBookVersion
from directsupport.planning.models import (
    CaptureNote,
    EventParticipant,
    GraphicRecording,
    Outcome,
    OutcomeAction,
    PlanningEvent,
    ToolKind,
)
from directsupport.retention.models import ErasureRequest
from directsupport.subject_access.models import SubjectAccessRequest
from directsupport.week.models import CalendarFeed, RateCard, Week, WeekEntry
from tests.factories import (
    AreaFactory,
    CircleMemberFactory,
    OrganisationFactory,
    PersonFactory,
    SupportAssignmentFactory,
    UserFactory,
)

# The roles whose users sign in as outsiders. Every role of a provider, its council's
# commissioner and a supplier in its directory: each role reaches views by a different path in
# access.py, so each is a different way a check could be missing.
OUTSIDER_ROLES = (
    Role.MANAGER,
    Role.COORDINATOR,
    Role.FINANCE,
    Role.MARKET_SHAPER,
    Role.SUPPORT_WORKER,
    Role.EXPERT,
    Role.SUPPLIER,
    Role.COMMISSIONER,
    Role.PERSON,
    Role.CIRCLE,
)


@dataclass
class World:
    """One organisation's people, users by role and the ids its objects go by in URLs."""

    tag: str
    provider: Organisation
    council: Organisation
    person: Person
    circle_member: CircleMember
    users: dict[str, User]
    ids: dict[str, Any] = field(default_factory=dict)


def _person_world_ids(person: Person, member: CircleMember, user_pk: int) -> dict[str, Any]:
    key_date = KeyDate.objects.create(person=person, label="Birthday", date="1990-05-04")
    return {
        "pk": person.pk,
        "person_pk": person.pk,
        "member_pk": member.pk,
        "key_date_pk": key_date.pk,
        "user_pk": user_pk,
        "worker_pk": user_pk,
        "assignment_pk": person.assignments.get().pk,
    }


def _planning_ids(person: Person, coordinator: User, tag: str) -> dict[str, Any]:
    """A Planning Live day for the person and what came of it."""
    event = PlanningEvent.objects.create(
        organisation=person.organisation,
        title=f"{tag} Spring Planning Live",
        date="2026-03-14",
        venue_name=f"{tag} Community Centre",
        venue_address="12 Mill Lane",
        venue_access="Step-free",
    )
    participant = EventParticipant.objects.create(event=event, person=person)
    note = CaptureNote.objects.create(
        person=person,
        event=event,
        question="future",
        text="Swim in the sea",
        speaker="person",
        said_by=person.first_name,
        status="own_words",
    )
    recording = GraphicRecording.objects.create(
        person=person, event=event, image="photos/none.png", description="A day in drawings"
    )
    outcome = Outcome.objects.create(person=person, text="Swim in the sea", source_note=note)
    action = OutcomeAction.objects.create(
        outcome=outcome, what="Find a swimming club", who="Me", by_when="2026-06-01"
    )
    version = PlanBookVersion.objects.create(
        person=person, number=1, content=compile_plan_book(person), created_by=coordinator
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


def _week_ids(person: Person) -> dict[str, Any]:
    """The person's Perfect Week with one entry, their calendar link and the rate card."""
    week = Week.objects.create(person=person, kind="perfect")
    entry = WeekEntry.objects.create(
        week=week,
        weekday=1,
        starts_at="10:00",
        ends_at="12:00",
        what="Swimming at the leisure centre",
        company="paid",
        support_ratio="one_to_one",
        support_kind="community_access",
    )
    assert person.user is not None, "the person signs in, so their calendar link is theirs"
    feed = CalendarFeed.objects.create(person=person, owner=person.user)
    card = RateCard.objects.create(
        organisation=person.organisation, effective_from="2026-04-01", sleep_in_pence=9500
    )
    return {"week_kind": "perfect", "entry_pk": entry.pk, "feed_pk": feed.pk, "card_pk": card.pk}


def _funds_ids(person: Person, finance: User, tag: str) -> dict[str, Any]:
    """The person's ISF: the block contract and split it came from, an agreement in force, a
    posting, a banking pot, and a supplier's timesheet."""
    council = person.funding_council
    assert council is not None, "the person is funded by a council"
    contract = BlockContract.objects.create(
        provider=person.organisation,
        council=council,
        reference=f"{tag[:3].upper()}-LD-017",
        title="Community support for adults with learning disabilities",
        annual_value_pence=3_120_000,
        starts_on="2026-04-01",
        ends_on="2027-03-31",
    )
    CoveredPerson.objects.create(contract=contract, person=person, assessed_weekly_minutes=1200)
    split = ContractSplit.objects.create(contract=contract, method="entered", total_pence=3_120_000)
    line = SplitLine.objects.create(
        split=split, person=person, basis=3_120_000, share_pence=3_120_000
    )
    fund = Fund.objects.create(
        person=person,
        provider=person.organisation,
        council=council,
        reference=f"ISF-{tag[:3].upper()}-1",
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
    posted = posting.post(
        fund=fund,
        kind=Kind.ALLOCATION,
        lines=posting.allocation_lines(260_000),
        effective_on=dt.date(2026, 4, 1),
        description="April allocation",
        idempotency_key=f"walk-allocation-{tag}",
        actor=finance,
    )
    pot = BankingPot.objects.create(fund=fund, purpose="Holiday by the sea")
    timesheet = TimesheetImport.objects.create(
        provider=person.organisation,
        supplier_name=f"{tag} PA Agency",
        file_name="october.csv",
        sha256=tag.encode().hex().ljust(64, "0")[:64],
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
        "council_pk": person.funding_council_id,
    }


def _market_ids(person: Person, supplier: Supplier, coordinator: User, tag: str) -> dict[str, Any]:
    """The provider's directory entry for its supplier with a service and one of each of its
    parts; a preferred-list criterion and an application being assessed; one of the person's
    needs."""
    service = ServiceFactory.create(supplier=supplier, name=f"{tag} swimming")
    area = ServiceArea.objects.create(
        service=service, district=PostcodeDistrictFactory.create(code="HF2")
    )
    closure = ScheduleException.objects.create(
        service=service, on="2026-12-24", reason="Christmas Eve"
    )
    criterion = PreferredCriterion.objects.create(
        provider=person.organisation,
        kind="quality",
        title="Good quality support",
        description="People supported say the support is good.",
        easy_read="They give good support.",
        agreed_on="2026-03-14",
        agreed_with="The co-production panel",
    )
    application = PreferredApplication.objects.create(
        provider=person.organisation,
        supplier=supplier,
        status=ApplicationStatus.ASSESSING,
        statement=f"We know {tag} well.",
        created_by=coordinator,
    )
    ApplicationStep.objects.create(
        application=application, from_status="", to_status=application.status, by=coordinator
    )
    need = SupportNeed.objects.create(
        person=person, source="added", what="Swimming lessons", term=standard_term("swimming")
    )
    return {
        "supplier_pk": supplier.pk,
        "service_pk": service.pk,
        "schedule_pk": ScheduleFactory.create(service=service).pk,
        "area_pk": area.pk,
        "cost_pk": CostOptionFactory.create(service=service).pk,
        "closure_pk": closure.pk,
        "term_pk": standard_term("swimming").pk,
        "criterion_pk": criterion.pk,
        "application_pk": application.pk,
        "need_pk": need.pk,
    }


def _rights_ids(person: Person, coordinator: User) -> dict[str, Any]:
    """The person's own data rights: a subject access request and an erasure request."""
    access_request = SubjectAccessRequest.objects.create(
        person=person,
        received_on="2026-11-02",
        due_on="2026-12-02",
        requested_by="person",
        recorded_by=coordinator,
    )
    erasure = ErasureRequest.objects.create(
        organisation=person.organisation,
        person_id=person.pk,
        person_name=str(person),
        asked_by="Themselves",
        asked_on="2026-11-02",
        what="Everything about my old address",
        recorded_by=coordinator,
    )
    return {"request_pk": access_request.pk, "erasure_pk": erasure.pk}


def commissioning_objects(
    *, need: SupportNeed, supplier: Supplier, shaper: User, supplier_user: User, tag: str
) -> dict[str, Any]:
    """One of each commissioning object for the need's person, made directly with the models
    (no services, so the walk does not depend on how each concept's pages are built): a sent
    request for quote naming the person's need and asking the supplier, the supplier's offer and
    a counter-offer, the person's choice, an active contract with the person as its one party
    and its shares, a pool the person is in, an optimiser run with a proposal, and the
    provider's fair-cost build-up and reference price."""
    person, provider = need.person, need.person.organisation
    when = dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC)
    district = PostcodeDistrictFactory.create(code=f"{tag[:2].upper()}9")
    rfq = QuoteRequest.objects.create(
        organisation=provider,
        reference=f"RFQ-{tag[:3].upper()}-1",
        term=need.term,
        what="Supported swimming",
        weekday=1,
        starts_at=dt.time(18),
        ends_at=dt.time(20),
        minutes_a_week=120,
        starts_on=dt.date(2027, 1, 4),
        district=district,
        respond_by=dt.date(2026, 12, 14),
        status=RequestStatus.SENT,
        created_by=shaper,
        sent_by=shaper,
        sent_at=when,
    )
    RequestNeed.objects.create(request=rfq, need=need)
    RequestSupplier.objects.create(request=rfq, supplier=supplier)
    offer = Offer.objects.create(
        request=rfq,
        supplier=supplier,
        side=OfferSide.SUPPLIER,
        pence_per_hour=3_400,
        minutes_a_week=120,
        starts_on=dt.date(2027, 1, 4),
        status=OfferStatus.SUPERSEDED,
        made_by=supplier_user,
        made_at=when,
    )
    counter = Offer.objects.create(
        request=rfq,
        supplier=supplier,
        replies_to=offer,
        side=OfferSide.BUYER,
        pence_per_hour=3_200,
        minutes_a_week=120,
        starts_on=dt.date(2027, 1, 4),
        status=OfferStatus.OPEN,
        made_by=shaper,
        made_at=when + dt.timedelta(days=1),
    )
    choice = OfferChoice.objects.create(
        request=rfq,
        offer=counter,
        weight_quality=40,
        weight_fit=40,
        weight_price=20,
        reason="They know the pool and the staff there.",
        decided_by="person",
        recorded_by=shaper,
    )
    contract = Contract.objects.create(
        organisation=provider,
        reference=f"CON-{tag[:3].upper()}-1",
        supplier=supplier,
        request=rfq,
        offer=counter,
        term=need.term,
        service="Supported swimming on Tuesday evenings",
        minutes_a_week=120,
        pence_per_hour=3_200,
        starts_on=dt.date(2026, 11, 3),
        cancellation_rules="24 hours' notice, or the session is paid.",
        change_rules="Agreed in writing by the person and the supplier.",
        status=ContractStatus.ACTIVE,
        created_by=shaper,
    )
    party = ContractParty.objects.create(
        contract=contract,
        person=person,
        need=need,
        minutes_a_week=120,
        share_bp=10_000,
        joins_on=contract.starts_on,
        agreed_at=when,
        decided_by="person",
    )
    ShareChange.objects.create(
        contract=contract,
        effective_from=contract.starts_on,
        shares={str(person.pk): 10_000},
        reason="The contract starts",
        recorded_by=shaper,
    )
    pool = Pool.objects.create(
        organisation=provider,
        reference=f"POOL-{tag[:3].upper()}-1",
        title="Swimming together on Tuesdays",
        term=need.term,
        weekday=1,
        starts_at=dt.time(18),
        ends_at=dt.time(20),
        district=district,
        people_max=3,
        estimate_pence_per_hour=3_300,
    )
    member = PoolMember.objects.create(
        pool=pool,
        person=person,
        need=need,
        status=MemberStatus.AGREED,
        alone_pence_a_week=6_600,
        pooled_pence_a_week=2_400,
    )
    run = OptimiserRun.objects.create(
        organisation=provider, status=RunStatus.DONE, created_by=shaper, solver_status="optimal"
    )
    proposal = Proposal.objects.create(
        run=run, kind=ProposalKind.POOL, need_ids=[need.pk], pool=pool, pence_a_week=2_400
    )
    fair_cost = FairCostModel.objects.create(
        organisation=provider,
        name=f"{tag} homecare",
        pay_pence_per_hour=1_300,
        employer_ni_bp=800,
        pension_bp=300,
        holiday_bp=1_207,
        travel_minutes_per_hour=10,
        travel_pence_per_hour=150,
        training_bp=300,
        overheads_bp=2_500,
        surplus_bp=300,
    )
    price = ReferencePrice.objects.create(
        organisation=provider,
        name="Minimum price for homecare",
        region="England",
        pence_per_hour=3_214,
        applies_from=dt.date(2025, 4, 1),
    )
    return {
        "rfq": rfq,
        "offer": offer,
        "counter": counter,
        "choice": choice,
        "contract": contract,
        "party": party,
        "pool": pool,
        "member": member,
        "run": run,
        "proposal": proposal,
        "fair_cost": fair_cost,
        "price": price,
    }


def _commissioning_ids(
    need_pk: int, supplier: Supplier, users: dict[str, User], tag: str
) -> dict[str, Any]:
    made = commissioning_objects(
        need=SupportNeed.objects.get(pk=need_pk),
        supplier=supplier,
        shaper=users[Role.MARKET_SHAPER],
        supplier_user=users[Role.SUPPLIER],
        tag=tag,
    )
    return {
        "rfq_pk": made["rfq"].pk,
        "offer_pk": made["offer"].pk,
        "support_contract_pk": made["contract"].pk,
        "party_pk": made["party"].pk,
        "pool_pk": made["pool"].pk,
        "pool_member_pk": made["member"].pk,
        "run_pk": made["run"].pk,
        "proposal_pk": made["proposal"].pk,
        "fair_cost_pk": made["fair_cost"].pk,
        "reference_price_pk": made["price"].pk,
    }


def coproduction_objects(
    *, person: Person, coordinator: User, expert: User, outcome_pk: int, tag: str
) -> dict[str, Any]:
    """One of each co-production object, made directly with the models: a decision about the
    person, the provider's panel with the expert as a member, a meeting with a paper and the
    expert invited, a time claim, the person's feedback, a review, outcome progress and a
    learning log entry."""
    provider = person.organisation
    when = dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC)
    decision = Decision.objects.create(
        organisation=provider,
        person=person,
        topic=Topic.SUPPORT,
        title=f"{tag}: swimming on Tuesdays",
        reasons="It is what matters to me.",
        level=Level.CO_PRODUCTION,
        decided_on=dt.date(2026, 11, 2),
        recorded_by=coordinator,
    )
    DecisionParticipant.objects.create(
        decision=decision, user=person.user, name=str(person), role=ParticipantRole.PERSON
    )
    panel = Panel.objects.create(organisation=provider, name=f"{tag} panel")
    member = PanelMember.objects.create(
        panel=panel, user=expert, name=expert.full_name, joined_on=dt.date(2026, 1, 5)
    )
    meeting = PanelMeeting.objects.create(
        panel=panel,
        title=f"{tag} panel meeting",
        starts_at=when,
        ends_at=when + dt.timedelta(hours=2),
        place="Community Centre",
        created_by=coordinator,
    )
    Attendance.objects.create(meeting=meeting, member=member)
    paper = MeetingPaper.objects.create(
        meeting=meeting,
        title="Easy-read agenda",
        stored_name=f"coproduction/papers/{tag.lower()}-none.pdf",
        content_type="application/pdf",
        size_bytes=10,
        uploaded_by=coordinator,
    )
    claim = TimeClaim.objects.create(
        member=member,
        meeting=meeting,
        worked_on=dt.date(2026, 11, 2),
        what="Panel meeting",
        meeting_minutes=120,
        rate_pence=2_000,
        amount_pence=4_000,
        claimed_by=expert,
    )
    feedback = Feedback.objects.create(
        person=person,
        given_by=person.user,
        given_by_name=str(person),
        from_role=FeedbackFrom.PERSON,
        feeling=Feeling.HAPPY,
        words="I like my new swimming.",
    )
    review = Review.objects.create(
        person=person,
        kind=ReviewKind.FIRST,
        due_on=dt.date(2026, 12, 14),
        meets_at=when + dt.timedelta(days=30),
        place="Home",
        created_by=coordinator,
    )
    OutcomeProgress.objects.create(
        outcome_id=outcome_pk,
        status=Progress.STARTED,
        evidence="Went twice",
        recorded_on=dt.date(2026, 11, 2),
        recorded_by=coordinator,
    )
    entry = LearningLogEntry.objects.create(
        person=person,
        happened_on=dt.date(2026, 11, 2),
        activity="Swimming",
        who_was_there="Me and Sam",
        what_worked="Going early",
        recorded_by=coordinator,
    )
    return {
        "decision_pk": decision.pk,
        "panel_member_pk": member.pk,
        "meeting_pk": meeting.pk,
        "paper_pk": paper.pk,
        "claim_pk": claim.pk,
        "feedback_pk": feedback.pk,
        "review_pk": review.pk,
        "learning_pk": entry.pk,
    }


def furnish(world: World) -> World:
    """Give the world one of every object a URL names; fills ``world.ids``."""
    users, person, tag = world.users, world.person, world.tag
    supplier = SupplierFactory.create(
        organisation=users[Role.SUPPLIER].organisation, directory_owner=world.provider
    )
    world.ids = {
        **_person_world_ids(person, world.circle_member, users[Role.COORDINATOR].pk),
        **_planning_ids(person, users[Role.COORDINATOR], tag),
        **_week_ids(person),
        **_funds_ids(person, users[Role.FINANCE], tag),
        **_market_ids(person, supplier, users[Role.COORDINATOR], tag),
        **_rights_ids(person, users[Role.COORDINATOR]),
    }
    world.ids |= _commissioning_ids(world.ids["need_pk"], supplier, users, tag)
    world.ids |= coproduction_objects(
        person=person,
        coordinator=users[Role.COORDINATOR],
        expert=users[Role.EXPERT],
        outcome_pk=world.ids["outcome_pk"],
        tag=tag,
    )
    return world


def build_world_from_factories(
    provider: Organisation, council: Organisation, tag: str, users: dict[str, User]
) -> World:
    """A provider's whole cast made with the factories: one user of each outsider role (those
    given in ``users`` are kept), a person with their own sign-in, and a circle member."""
    email = tag.lower()
    staff_roles = (Role.MANAGER, Role.COORDINATOR, Role.FINANCE, Role.MARKET_SHAPER)
    for role in (*staff_roles, Role.SUPPORT_WORKER, Role.EXPERT, Role.PERSON, Role.CIRCLE):
        if role not in users:
            users[role] = UserFactory.create(
                organisation=provider, role=role, email=f"{role}@{email}.example"
            )
    if Role.COMMISSIONER not in users:
        users[Role.COMMISSIONER] = UserFactory.create(
            organisation=council, role=Role.COMMISSIONER, email=f"commissioner@{email}.example"
        )
    if Role.SUPPLIER not in users:
        supplier_org = OrganisationFactory.create(name=f"{tag} Swimmers CIC", kind="supplier")
        users[Role.SUPPLIER] = UserFactory.create(
            organisation=supplier_org, role=Role.SUPPLIER, email=f"supplier@{email}.example"
        )
    person = PersonFactory.create(
        organisation=provider,
        user=users[Role.PERSON],
        first_name=f"{tag}son",
        last_name=f"{tag}",
        funding_council=council,
        coordinator=users[Role.COORDINATOR],
        area=AreaFactory.create(organisation=provider, name=f"{tag} Vale"),
    )
    SupportAssignmentFactory.create(person=person, worker=users[Role.SUPPORT_WORKER])
    member = CircleMemberFactory.create(
        person=person, name=f"{tag} Friend", user=users[Role.CIRCLE], may_see=True
    )
    return World(tag, provider, council, person, member, users)
