"""Builds the demo: Willowbrook Support, Hollowfield council, suppliers, staff and 55 people.

People, their circles, consent, key dates and support teams are added through the people
services (``people.services``, ``people.circle_services``), as staff would add them, so the demo
keeps the product's checks and audit trail; only the days are set back afterwards, since the
story has them added months ago and the product only ever writes "now".

Repeatable: every person's details come from a random generator seeded with their name, so a
second run finds the same people (by name and date of birth) and adds nothing. Demo users'
two-factor devices and backup codes are restored on every run so the printed codes work.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import Role
from directsupport.accounts.two_factor import (
    confirm_app_device,
    has_app,
    issue_backup_codes,
    pending_app_device,
)
from directsupport.people.circle_services import ConsentChoice, add_circle_member, record_consent
from directsupport.people.models import (
    Area,
    CircleMember,
    ConsentDecision,
    DecidedBy,
    KeyDate,
    Person,
    Stage,
    SupportAssignment,
)
from directsupport.people.services import (
    EDITABLE_FIELDS,
    add_key_date,
    assign_support_worker,
    create_person,
)

from . import organisations_data as orgs
from .circle_data import REPRESENTED, SIGNED_IN_MEMBERS, MemberSpec, build_circle
from .credentials import DEMO_PASSWORD, demo_backup_codes, demo_totp_key
from .people_data import PEOPLE, PersonSpec, communication_for
from .seed_commissioning import CommissioningCounts, seed_commissioning
from .seed_coproduction import seed_coproduction
from .seed_council_sharing import CouncilSharingCounts, seed_council_sharing
from .seed_funds import FundsCounts, seed_funds
from .seed_market import MarketCounts, seed_market
from .seed_planning import PlanningCounts, seed_planning
from .seed_subject_access import SubjectAccessCounts, seed_subject_access
from .seed_week import WeekCounts, seed_week

SEED = "willowbrook-2026"
# Ages in people_data are counted on this day, so birthdays never depend on when we seed.
AGE_COUNTED_ON = dt.date(2026, 1, 1)
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass
class SeedResult:
    skipped: bool = False
    people_created: int = 0
    people_existing: int = 0
    users_created: int = 0
    circle_members: int = 0
    decisions: int = 0
    key_dates: int = 0
    assignments: int = 0
    two_factor_users: int = 0
    users_by_role: Counter[str] = field(default_factory=Counter)
    planning: PlanningCounts = field(default_factory=PlanningCounts)
    week: WeekCounts = field(default_factory=WeekCounts)
    funds: FundsCounts = field(default_factory=FundsCounts)
    market: MarketCounts = field(default_factory=MarketCounts)
    commissioning: CommissioningCounts = field(default_factory=CommissioningCounts)
    council_sharing: CouncilSharingCounts = field(default_factory=CouncilSharingCounts)
    subject_access: SubjectAccessCounts = field(default_factory=SubjectAccessCounts)
    coproduction: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        if self.skipped:
            return [
                "People already exist, so no demo data was added (--if-empty).",
                f"Two-factor codes restored for {self.two_factor_users} demo users.",
            ]
        roles = ", ".join(f"{count} {role}" for role, count in sorted(self.users_by_role.items()))
        return [
            f"{orgs.PROVIDER}: {self.people_created} people added, "
            f"{self.people_existing} already there.",
            f"Added {self.circle_members} circle members, {self.decisions} consent decisions, "
            f"{self.key_dates} key dates and {self.assignments} support worker assignments.",
            f"Users added: {self.users_created}. Demo users by role: {roles}.",
            f"Two-factor codes restored for {self.two_factor_users} demo users.",
            *self.planning.lines(),
            *self.week.lines(),
            *self.funds.lines(),
            *self.market.lines(),
            *self.commissioning.lines(),
            *self.council_sharing.lines(),
            *self.coproduction,
            *self.subject_access.lines(),
        ]


def demo_emails() -> list[str]:
    """Every demo sign-in, staff first, in the order demo_logins prints them."""
    emails = [staff.email for staff in orgs.STAFF]
    emails += [spec.login_email for spec in PEOPLE if spec.login_email]
    emails += [m[6] for members in SIGNED_IN_MEMBERS.values() for m in members]
    return emails


@transaction.atomic
def restore_two_factor(users: list[User]) -> int:
    """A confirmed authenticator and the fixed backup codes for every demo user who needs them.

    Also clears django-otp's failure throttling, so a newcomer who mistyped is never stuck.
    """
    restored = 0
    for user in users:
        if not user.needs_two_factor:
            continue
        if not has_app(user):
            # Set up as a person would (two_factor: a pending device, then confirmed), except the
            # secret: the product makes a random one, the demo a known one so demo_totp works.
            device = pending_app_device(user)
            device.key = demo_totp_key(user.email)
            device.save(update_fields=["key"])
            confirm_app_device(device)
        issue_backup_codes(user, demo_backup_codes(user.email))
        for model in (TOTPDevice, StaticDevice):
            model.objects.filter(user=user).update(
                throttling_failure_count=0, throttling_failure_timestamp=None
            )
        restored += 1
    return restored


@transaction.atomic
def seed_demo(*, if_empty: bool = False) -> SeedResult:
    result = SeedResult()
    if if_empty and Person.objects.exists():
        result.skipped = True
        existing = list(User.objects.filter(email__in=demo_emails()))
        result.two_factor_users = restore_two_factor(existing)
        return result

    organisations = _ensure_organisations()
    provider = organisations[orgs.PROVIDER]
    areas = _ensure_areas(provider)
    users = _ensure_users(organisations, result)
    result.two_factor_users = restore_two_factor(list(users.values()))
    _ensure_people(provider, organisations[orgs.COUNCIL], areas, users, result)
    # Perfect Weeks use the people's circles (family time with a named member). Before Planning
    # Live: each Plan Book version is compiled with the week in it, and in the story every week
    # was made on the person's Planning Live day, weeks before their first version.
    result.week = seed_week(provider=provider, users=users)
    # After the people: Planning Live needs them and their circles (skipped if already there).
    result.planning = seed_planning(provider=provider, users=users)
    # ISFs split from the block contract need everyone's priced Perfect Week.
    result.funds = seed_funds(provider=provider, users=users)
    # The market after the money: needs are set against what each ISF leaves for support.
    result.market = seed_market(provider=provider, users=users)
    # Requests, offers, contracts and pools for the needs and choices the market recorded.
    result.commissioning = seed_commissioning(provider=provider, users=users)
    # What people agreed to share with the council, once their Plan Books are published.
    result.council_sharing = seed_council_sharing()
    # The co-production history reads every part above (decisions, reviews, money, contracts).
    result.coproduction = seed_coproduction(provider=provider, users=users)
    # Last: a copy of everything held about Dee includes all of the above.
    result.subject_access = seed_subject_access(provider=provider, users=users)
    result.users_by_role = Counter(user.get_role_display() for user in users.values())
    return result


def _ensure_organisations() -> dict[str, Organisation]:
    found: dict[str, Organisation] = {}
    for spec in orgs.ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            name=spec.name, defaults={"kind": spec.kind}
        )
        found[spec.name] = organisation
    return found


def _ensure_areas(provider: Organisation) -> dict[str, Area]:
    # Areas are added only in the back office (people/admin.py's AreaAdmin), with no service
    # to call: the demo writes its seven neighbourhoods directly.
    existing = {area.name: area for area in Area.objects.filter(organisation=provider)}
    missing = [
        Area(organisation=provider, name=spec.name)
        for spec in orgs.AREAS
        if spec.name not in existing
    ]
    for area in Area.objects.bulk_create(missing):
        existing[area.name] = area
    return existing


def _ensure_users(organisations: dict[str, Organisation], result: SeedResult) -> dict[str, User]:
    wanted: list[tuple[str, str, str, Organisation]] = [
        (s.email, s.full_name, s.role, organisations[s.organisation]) for s in orgs.STAFF
    ]
    provider = organisations[orgs.PROVIDER]
    wanted += [
        (p.login_email, f"{p.called} {p.last_name}", Role.PERSON, provider)
        for p in PEOPLE
        if p.login_email
    ]
    wanted += [
        (m[6], m[0], Role.CIRCLE, provider)
        for members in SIGNED_IN_MEMBERS.values()
        for m in members
    ]
    users = {user.email: user for user in User.objects.filter(email__in=[w[0] for w in wanted])}
    password_hash = ""
    for email, full_name, role, organisation in wanted:
        if email in users:
            continue
        # The product only invites (accounts.services.invite_user: an email with a link to set
        # a password); demo users need the published password, so they are written here,
        # checked as the invitation and the password validators would check them.
        password_hash = password_hash or make_password(DEMO_PASSWORD)
        user = User(
            email=email,
            full_name=full_name,
            role=role,
            organisation=organisation,
            is_staff=role == Role.MANAGER,
            password=password_hash,
        )
        user.full_clean(exclude=["password"])
        validate_password(DEMO_PASSWORD, user)
        user.save()
        users[email] = user
        result.users_created += 1
    return users


def _ensure_people(
    provider: Organisation,
    council: Organisation,
    areas: dict[str, Area],
    users: dict[str, User],
    result: SeedResult,
) -> None:
    existing = set(
        Person.objects.filter(organisation=provider).values_list(
            "first_name", "last_name", "date_of_birth"
        )
    )
    coordinators = {
        area: users[staff.email]
        for staff in orgs.STAFF
        if staff.role == Role.COORDINATOR
        for area in staff.areas
    }
    workers = [users[s.email] for s in orgs.STAFF if s.role == Role.SUPPORT_WORKER]
    today = timezone.localdate()
    now = timezone.now()

    plans: list[_PersonPlan] = []
    for spec in PEOPLE:
        rng = random.Random(f"{SEED}:{spec.first_name}:{spec.last_name}")  # noqa: S311
        born = _birthday(rng, spec)
        if (spec.first_name, spec.last_name, born) in existing:
            result.people_existing += 1
            continue
        plans.append(
            _plan_person(
                rng,
                spec,
                born=born,
                provider=provider,
                council=council,
                area=areas[spec.area],
                coordinator=coordinators[spec.area],
                workers=workers,
                users=users,
                today=today,
                now=now,
            )
        )
    if not plans:
        return

    for plan in plans:
        _add_person(plan, result)
    result.people_created = len(plans)


@dataclass
class _PersonPlan:
    """Everything the story says about one person, planned before anything is written."""

    person: Person
    coordinator: User
    workers: list[User]
    members: list[tuple[CircleMember, MemberSpec]]
    decisions: list[tuple[ConsentDecision, CircleMember]]
    key_dates: list[KeyDate]


def _add_person(plan: _PersonPlan, result: SeedResult) -> None:
    """Add one person, their circle, consent, key dates and support team through the people
    services, as their coordinator would, so the demo keeps the product's checks and audit rows.

    The services write "now"; the story has people added months ago. The product has no way to
    write a past day, so the days are set afterwards (created_at, assigned_at, recorded_at), and
    only those: nothing else is written around a service.
    """
    planned = plan.person
    coordinator = plan.coordinator
    person = create_person(
        actor=coordinator,
        organisation=planned.organisation,
        details={name: getattr(planned, name) for name in EDITABLE_FIELDS},
    )
    Person.objects.filter(pk=person.pk).update(
        created_at=planned.created_at, updated_at=planned.updated_at
    )
    members: dict[int, CircleMember] = {}
    for planned_member, _ in plan.members:
        member = add_circle_member(
            actor=coordinator,
            person=person,
            name=planned_member.name,
            relationship=planned_member.relationship,
            sector=planned_member.sector,
            closeness=planned_member.closeness,
            phone=planned_member.phone,
            email=planned_member.email,
            address=planned_member.address,
            login=planned_member.user,
        )
        members[id(planned_member)] = member
    CircleMember.objects.filter(person=person).update(created_at=planned.created_at)
    for decision, planned_member in plan.decisions:
        _record_decision(person, members[id(planned_member)], planned_member, decision)
    for key_date in plan.key_dates:
        add_key_date(
            actor=coordinator,
            person=person,
            label=key_date.label,
            date=key_date.date,
            every_year=key_date.every_year,
        )
    for worker in plan.workers:
        assign_support_worker(actor=coordinator, person=person, worker=worker)
    SupportAssignment.objects.filter(person=person).update(assigned_at=planned.created_at)
    result.circle_members += len(plan.members)
    result.decisions += len(plan.decisions)
    result.key_dates += len(plan.key_dates)
    result.assignments += len(plan.workers)


def _record_decision(
    person: Person, member: CircleMember, planned: CircleMember, decision: ConsentDecision
) -> None:
    """What the person (or their representative) decided about one member, on its own day."""
    choice = ConsentChoice(may_see=planned.may_see, may_contribute=planned.may_contribute)
    if (member.may_see, member.may_contribute) == (choice.may_see, choice.may_contribute):
        # A "no" on the record: the person was asked and said no. The product records a
        # decision only when it changes what a member may do (record_consent skips the rest),
        # so it has no way to write this one; the story keeps it, as it was decided.
        decision.attach_to(member)
        decision.full_clean()
        decision.save()
        return
    recorded = record_consent(
        actor=decision.recorded_by,
        person=person,
        choices={member.pk: choice},
        decided_by=decision.decided_by,
        representative_name=decision.representative_name,
        representative_reason=decision.representative_reason,
    )
    ConsentDecision.objects.filter(pk__in=[made.pk for made in recorded]).update(
        recorded_at=decision.recorded_at
    )


def _birthday(rng: random.Random, spec: PersonSpec) -> dt.date:
    """A date of birth giving the spec's age on AGE_COUNTED_ON."""
    return dt.date(AGE_COUNTED_ON.year - 1 - spec.age, 1, 2) + dt.timedelta(
        days=rng.randint(0, 364)
    )


def _plan_person(
    rng: random.Random,
    spec: PersonSpec,
    *,
    born: dt.date,
    provider: Organisation,
    council: Organisation,
    area: Area,
    coordinator: User,
    workers: list[User],
    users: dict[str, User],
    today: dt.date,
    now: dt.datetime,
) -> _PersonPlan:
    line_1, line_2, postcode = _address(rng, spec)
    communication = communication_for(spec)
    created_at = now - dt.timedelta(days=rng.randint(60, 700), minutes=rng.randint(0, 600))
    person = Person(
        organisation=provider,
        user=users.get(spec.login_email) if spec.login_email else None,
        first_name=spec.first_name,
        last_name=spec.last_name,
        preferred_name=spec.preferred_name,
        date_of_birth=born,
        address_line_1=line_1,
        address_line_2=line_2,
        town="London",
        postcode=postcode,
        area=area,
        funding_council=council,
        coordinator=coordinator,
        stage=spec.stage,
        communicates_by=communication.communicates_by,
        communicate_with_me=communication.communicate_with_me,
        communication_support=communication.communication_support,
        preferred_format=spec.preferred_format,
        created_at=created_at,
        updated_at=created_at + dt.timedelta(days=rng.randint(0, 50)),
    )
    assigned = _pick_workers(rng, spec, workers)
    keyworker = assigned[0]
    member_specs = build_circle(
        rng,
        spec,
        keyworker=(keyworker.full_name, keyworker.email),
        home_address=f"{line_1}, {line_2}, London {postcode}",
    )
    members = [
        (
            CircleMember(
                name=m.name,
                relationship=m.relationship,
                sector=m.sector,
                closeness=m.closeness,
                phone=m.phone,
                email=m.email,
                address=m.address,
                user=users.get(m.login_email) if m.login_email else None,
                may_see=m.may_see,
                may_contribute=m.may_contribute,
                created_at=created_at,
            ),
            m,
        )
        for m in member_specs
    ]
    recorder = person.user or coordinator
    decisions = [
        (_decision(rng, spec, m, members=members, recorder=recorder, now=now), member)
        for member, m in members
        if m.may_see or m.recorded_no
    ]
    return _PersonPlan(
        person=person,
        coordinator=coordinator,
        workers=assigned,
        members=members,
        decisions=decisions,
        key_dates=_key_dates(rng, spec, born, member_specs, today=today),
    )


def _address(rng: random.Random, spec: PersonSpec) -> tuple[str, str, str]:
    area = next(a for a in orgs.AREAS if a.name == spec.area)
    street = rng.choice(area.streets)
    number = rng.randint(1, 160)
    postcode = (
        f"{area.postcode_district} {rng.randint(1, 9)}"
        f"{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}"
    )
    if spec.home == "flat":
        building = rng.choice(("Willow", "Kestrel", "Harbour", "Foxglove", "Rowan", "Beacon"))
        return f"Flat {rng.randint(1, 24)}, {building} House", f"{number} {street}", postcode
    if spec.home == "supported":
        return (
            f"Flat {rng.randint(1, 6)}, {street.split()[0]} Lodge",
            f"{number} {street}",
            postcode,
        )
    return f"{number} {street}", spec.area, postcode


def _pick_workers(rng: random.Random, spec: PersonSpec, workers: list[User]) -> list[User]:
    """1-3 support workers, mostly from the ones who work in the person's neighbourhood."""
    area_index = [a.name for a in orgs.AREAS].index(spec.area)
    local = [w for i, w in enumerate(workers) if area_index in (i % 7, (i + 3) % 7)]
    others = [w for w in workers if w not in local]
    rng.shuffle(local)
    rng.shuffle(others)
    how_many = rng.choices((1, 2, 3), weights=(35, 45, 20))[0]
    return (local + others)[:how_many]


def _decision(
    rng: random.Random,
    spec: PersonSpec,
    spec_member: MemberSpec,
    *,
    members: list[tuple[CircleMember, MemberSpec]],
    recorder: User,
    now: dt.datetime,
) -> ConsentDecision:
    decision = ConsentDecision(
        may_see=spec_member.may_see,
        may_contribute=spec_member.may_contribute,
        decided_by=DecidedBy.PERSON,
        recorded_by=recorder,
        recorded_at=now - dt.timedelta(days=rng.randint(3, 300), minutes=rng.randint(0, 600)),
    )
    if spec.first_name in REPRESENTED:
        relationship, reason = REPRESENTED[spec.first_name]
        representative = next(
            (m.name for _, m in members if m.relationship == relationship),
            next((m.name for _, m in members if m.sector == "family"), "Their advocate"),
        )
        decision.decided_by = DecidedBy.REPRESENTATIVE
        decision.representative_name = representative
        decision.representative_reason = reason
    return decision


def _key_dates(
    rng: random.Random,
    spec: PersonSpec,
    born: dt.date,
    members: list[MemberSpec],
    *,
    today: dt.date,
) -> list[KeyDate]:
    dates = [KeyDate(label="My birthday", date=born, every_year=True)]

    def relative_birthday(kind: str, label: str, older_by: tuple[int, int]) -> None:
        relative = next((m for m in members if m.kind == kind), None)
        if relative is None:
            return
        year = born.year - rng.randint(*older_by)
        day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        dates.append(
            KeyDate(label=label.format(name=relative.name.split()[0]), date=day, every_year=True)
        )

    relative_birthday("mum", "Mum's birthday", (20, 40))
    if rng.random() < 0.4:
        relative_birthday("dad", "Dad's birthday", (22, 45))
    if rng.random() < 0.5:
        relative_birthday("sister", "My sister {name}'s birthday", (-8, 8))
    if rng.random() < 0.3:
        relative_birthday("brother", "My brother {name}'s birthday", (-8, 8))
    if spec.home in ("flat", "supported"):
        moved = dt.date(rng.randint(max(born.year + 18, 2005), 2024), rng.randint(1, 12), 1)
        moved += dt.timedelta(days=rng.randint(0, 27))
        dates.append(KeyDate(label="The day I moved into my flat", date=moved, every_year=True))
    if spec.age > 50 and not any(m.kind == "mum" for m in members) and rng.random() < 0.5:
        remembered = dt.date(rng.randint(2010, 2024), rng.randint(1, 12), rng.randint(1, 28))
        dates.append(KeyDate(label="Remembering Mum", date=remembered, every_year=True))
    if spec.stage == Stage.ISF_LIVE:
        started = dt.date(rng.choice((2024, 2025)), rng.randint(1, 12), 1)
        dates.append(KeyDate(label="My ISF started", date=started, every_year=True))
    if spec.stage == Stage.PLANNING and rng.random() < 0.6:
        # Everyone has been to a Planning Live day; next comes the meeting about their Plan Book.
        meeting = today + dt.timedelta(days=rng.randint(7, 80))
        dates.append(KeyDate(label="Meeting about my Plan Book", date=meeting, every_year=False))
    if rng.random() < 0.15:
        trip = rng.choice(
            (
                "Holiday to Margate",
                "Caravan trip to Clacton",
                "Holiday in Cornwall",
                "Trip to see family",
            )
        )
        dates.append(
            KeyDate(
                label=trip,
                date=today + dt.timedelta(days=rng.randint(20, 200)),
                every_year=False,
            )
        )
    review = today + dt.timedelta(days=rng.randint(10, 340))
    dates.append(KeyDate(label="Annual review", date=review, every_year=False))
    return dates
