"""Fills a database with many people for benchmarks (`bench/generate_scale.py`).

Not the demo: the names and details are random and plain, the point is volume. Rows are made
in batches with bulk_create: people, then their circles, consent decisions, key dates, support
worker assignments, a few audit rows and a priced Perfect Week each (with the provider's rate
card), so pages are measured against a realistic mix.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from bench.accounts import BENCH_PASSWORD, BENCH_ROLES, bench_backup_codes, bench_email
from bench.scale_week import add_scale_rate_card, perfect_week, scale_week_entries
from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import OrganisationKind, Role
from directsupport.accounts.two_factor import APP_DEVICE_NAME, issue_backup_codes
from directsupport.audit.models import Action, AuditEvent
from directsupport.demo.names import HERITAGES, NAME_POOLS, anyone
from directsupport.demo.people_data import COMMUNICATION
from directsupport.people.models import (
    Area,
    CircleMember,
    Closeness,
    ConsentDecision,
    DecidedBy,
    KeyDate,
    Person,
    PreferredFormat,
    Sector,
    Stage,
    SupportAssignment,
)
from directsupport.week.models import Week, WeekEntry

SCALE_PROVIDER = "Scale Test Support"
SCALE_COUNCIL = "Scale Test Council"
SCALE_SUPPLIER = "Scale Test Supplier"
PEOPLE_PER_COORDINATOR = 100
PEOPLE_PER_WORKER = 20
AUDIT_ROWS_PER_PERSON = 3

_AREA_PARTS = (
    ("North", "South", "East", "West", "Upper", "Lower"),
    ("Hollowfield", "Ashby", "Brookwick", "Kingsmere"),
)
_STAGES = (Stage.GETTING_STARTED, Stage.PLANNING, Stage.MARKET_SHAPING, Stage.ISF_LIVE)
_STAGE_WEIGHTS = (10, 35, 35, 20)
_FORMATS = tuple(PreferredFormat)
_FORMAT_WEIGHTS = (45, 25, 15, 15)
_RELATIONSHIPS: dict[str, tuple[str, ...]] = {
    Sector.FAMILY: ("my mum", "my dad", "my sister", "my brother", "my aunt", "my cousin"),
    Sector.FRIENDS: ("my best friend", "my neighbour", "my friend from church", "my housemate"),
    Sector.PAID: ("my keyworker", "my speech and language therapist", "my GP", "my nurse"),
    Sector.COMMUNITY: ("my football coach", "day centre staff", "my employer", "my advocate"),
}
_SECTORS = tuple(_RELATIONSHIPS)
_SECTOR_WEIGHTS = (35, 20, 25, 20)
_LANGUAGES = ("Polish", "Bengali", "Somali", "Turkish", "Portuguese", "Tigrinya")


class ScaleError(Exception):
    pass


@dataclass
class ScaleResult:
    people: int = 0
    circle_members: int = 0
    decisions: int = 0
    key_dates: int = 0
    assignments: int = 0
    audit_events: int = 0
    users: int = 0
    weeks: int = 0
    week_entries: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"Made {self.people:,} people, {self.circle_members:,} circle members, "
            f"{self.decisions:,} consent decisions, {self.key_dates:,} key dates, "
            f"{self.assignments:,} assignments, {self.audit_events:,} audit rows, "
            f"{self.weeks:,} Perfect Weeks ({self.week_entries:,} entries) and "
            f"{self.users:,} users in {self.seconds:.1f} s."
        )


def generate_scale(
    *,
    people: int,
    circle: int = 8,
    seed: int = 2026,
    batch_size: int = 2000,
    progress: Callable[[str], None] | None = None,
) -> ScaleResult:
    started = time.perf_counter()
    rng = random.Random(seed)
    result = ScaleResult()
    with transaction.atomic():
        provider, council, supplier = _organisations()
        if Person.objects.filter(organisation=provider).exists():
            raise ScaleError(
                f"{SCALE_PROVIDER} already has people. Use a fresh database (bench/run.py "
                "makes one)."
            )
        areas = Area.objects.bulk_create(
            [
                Area(organisation=provider, name=f"{a} {b}")
                for a in _AREA_PARTS[0]
                for b in _AREA_PARTS[1]
            ]
        )
        password = make_password(BENCH_PASSWORD)
        coordinators = _staff(
            rng, provider, Role.COORDINATOR, people // PEOPLE_PER_COORDINATOR, password
        )
        workers = _staff(rng, provider, Role.SUPPORT_WORKER, people // PEOPLE_PER_WORKER, password)
        bench_users = _bench_users(provider, council, supplier, password)
        result.users = len(coordinators) + len(workers) + len(bench_users)
        # The bench coordinator has their own caseload; the bench worker some assigned people.
        coordinators.append(bench_users["coordinator"])
        workers.append(bench_users["support_worker"])
        add_scale_rate_card(provider, bench_users.get("manager"))

    for start in range(0, people, batch_size):
        with transaction.atomic():
            _batch(
                rng,
                min(batch_size, people - start),
                circle=circle,
                provider=provider,
                council=council,
                areas=areas,
                coordinators=coordinators,
                workers=workers,
                result=result,
            )
        if progress:
            progress(f"  {result.people:,} of {people:,} people")

    _link_bench_person_and_circle(bench_users)
    refresh_planner_statistics()
    result.seconds = time.perf_counter() - started
    return result


def refresh_planner_statistics() -> None:
    """After a bulk load, let the database re-learn its tables (SQLite has no autovacuum to do
    it), or it may pick a poor index for the people list at 10,000 people."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _organisations() -> tuple[Organisation, Organisation, Organisation]:
    provider, _ = Organisation.objects.get_or_create(
        name=SCALE_PROVIDER, defaults={"kind": OrganisationKind.PROVIDER}
    )
    council, _ = Organisation.objects.get_or_create(
        name=SCALE_COUNCIL, defaults={"kind": OrganisationKind.COMMISSIONER}
    )
    supplier, _ = Organisation.objects.get_or_create(
        name=SCALE_SUPPLIER, defaults={"kind": OrganisationKind.SUPPLIER}
    )
    return provider, council, supplier


def _staff(
    rng: random.Random, provider: Organisation, role: str, count: int, password: str
) -> list[User]:
    prefix = "coordinator" if role == Role.COORDINATOR else "worker"
    return User.objects.bulk_create(
        [
            User(
                email=f"{prefix}{n:05d}@scale.example",
                full_name=anyone(rng),
                organisation=provider,
                role=role,
                password=password,
            )
            for n in range(max(2, count))
        ]
    )


def _bench_users(
    provider: Organisation, council: Organisation, supplier: Organisation, password: str
) -> dict[str, User]:
    organisation_for = {"commissioner": council, "supplier": supplier}
    users = {
        role: User.objects.create(
            email=bench_email(role),
            full_name=f"Bench {role.replace('_', ' ').title()}",
            organisation=organisation_for.get(role, provider),
            role=role,
            is_staff=role == Role.MANAGER,
            password=password,
        )
        for role in BENCH_ROLES
    }
    for user in users.values():
        if user.needs_two_factor:
            TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)
            issue_backup_codes(user, bench_backup_codes())
    return users


def _batch(
    rng: random.Random,
    count: int,
    *,
    circle: int,
    provider: Organisation,
    council: Organisation,
    areas: list[Area],
    coordinators: list[User],
    workers: list[User],
    result: ScaleResult,
) -> None:
    now = timezone.now()
    today = timezone.localdate()
    batch = Person.objects.bulk_create(
        [_person(rng, provider, council, areas, coordinators, now, today) for _ in range(count)]
    )
    members: list[CircleMember] = []
    key_dates: list[KeyDate] = []
    assignments: list[SupportAssignment] = []
    audit: list[AuditEvent] = []
    for person in batch:
        size = rng.randint(max(1, circle - 3), circle + 3)
        members += [_member(rng, person, now) for _ in range(size)]
        born = person.date_of_birth or today
        key_dates.append(KeyDate(person=person, label="My birthday", date=born))
        key_dates.append(
            KeyDate(
                person=person,
                label="Annual review",
                date=today + dt.timedelta(days=rng.randint(1, 365)),
                every_year=False,
            )
        )
        if rng.random() < 0.5:
            moved = dt.date(rng.randint(2005, 2024), rng.randint(1, 12), rng.randint(1, 28))
            key_dates.append(KeyDate(person=person, label="Moved into my flat", date=moved))
        for worker in rng.sample(workers, rng.randint(1, 3)):
            assignments.append(SupportAssignment(person=person, worker=worker, assigned_at=now))
        for _ in range(AUDIT_ROWS_PER_PERSON):
            actor = person.coordinator if rng.random() < 0.5 else None
            actor = actor or rng.choice(workers)
            audit.append(
                AuditEvent(
                    at=now - dt.timedelta(minutes=rng.randint(1, 500_000)),
                    actor=actor,
                    actor_label=actor.email,
                    actor_role=actor.role,
                    organisation_id=actor.organisation_id,
                    person_id=person.pk,
                    subject_type="people.person",
                    subject_id=str(person.pk),
                    action=Action.VIEW,
                    summary="Person page",
                    ip_address="10.0.0.1",
                    path=f"/people/{person.pk}/",
                )
            )
    CircleMember.objects.bulk_create(members)
    _weeks(rng, batch, members, result)
    decisions = [
        ConsentDecision(
            member=member,
            person=member.person,
            member_name=member.name,
            may_see=member.may_see,
            may_contribute=member.may_contribute,
            decided_by=DecidedBy.PERSON,
            recorded_by=coordinators[0],
            recorded_at=now,
        )
        for member in members
        if member.may_see
    ]
    ConsentDecision.objects.bulk_create(decisions)
    KeyDate.objects.bulk_create(key_dates)
    SupportAssignment.objects.bulk_create(assignments, ignore_conflicts=True)
    AuditEvent.objects.bulk_create(audit)
    result.people += len(batch)
    result.circle_members += len(members)
    result.decisions += len(decisions)
    result.key_dates += len(key_dates)
    result.assignments += len(assignments)
    result.audit_events += len(audit)


def _weeks(
    rng: random.Random, batch: list[Person], members: list[CircleMember], result: ScaleResult
) -> None:
    """A Perfect Week for everyone in the batch; family visits with one of their family."""
    family: dict[int, list[int]] = {person.pk: [] for person in batch}
    for member in members:
        if member.sector == Sector.FAMILY:
            family[member.person_id].append(member.pk)
    weeks = Week.objects.bulk_create([perfect_week(person.pk) for person in batch])
    entries = [
        entry for week in weeks for entry in scale_week_entries(rng, family[week.person_id], week)
    ]
    WeekEntry.objects.bulk_create(entries)
    result.weeks += len(weeks)
    result.week_entries += len(entries)


def _person(
    rng: random.Random,
    provider: Organisation,
    council: Organisation,
    areas: list[Area],
    coordinators: list[User],
    now: dt.datetime,
    today: dt.date,
) -> Person:
    heritage = rng.choice(HERITAGES)
    pool = NAME_POOLS[heritage]
    names = pool.women if rng.random() < 0.5 else pool.men
    profile_key = rng.choice(tuple(COMMUNICATION))
    profile = COMMUNICATION[profile_key]
    language = rng.choice(_LANGUAGES)
    area = rng.choice(areas)
    return Person(
        organisation=provider,
        first_name=rng.choice(names),
        preferred_name=rng.choice(names) if rng.random() < 0.15 else "",
        last_name=rng.choice(pool.family_names),
        date_of_birth=today - dt.timedelta(days=rng.randint(19 * 365 + 5, 78 * 365)),
        address_line_1=f"{rng.randint(1, 200)} {area.name.split()[1]} Road",
        postcode=f"HF{rng.randint(1, 9)} {rng.randint(1, 9)}AB",
        area=area,
        funding_council=council,
        coordinator=rng.choice(coordinators),
        stage=rng.choices(_STAGES, weights=_STAGE_WEIGHTS)[0],
        communicates_by=profile.communicates_by.format(language=language),
        communicate_with_me=profile.communicate_with_me.format(language=language),
        communication_support=profile.communication_support.format(language=language),
        preferred_format=rng.choices(_FORMATS, weights=_FORMAT_WEIGHTS)[0],
        created_at=now,
        updated_at=now,
    )


def _member(rng: random.Random, person: Person, now: dt.datetime) -> CircleMember:
    sector = rng.choices(_SECTORS, weights=_SECTOR_WEIGHTS)[0]
    may_see = rng.random() < 0.35
    return CircleMember(
        person=person,
        name=anyone(rng),
        relationship=rng.choice(_RELATIONSHIPS[sector]),
        sector=sector,
        closeness=rng.choice(Closeness.values),
        phone=f"07700 900{rng.randint(0, 999):03d}" if rng.random() < 0.5 else "",
        may_see=may_see,
        may_contribute=may_see and rng.random() < 0.5,
        created_at=now,
    )


def _link_bench_person_and_circle(bench_users: dict[str, User]) -> None:
    """The bench person is the first person; the bench circle user may see them."""
    person = Person.objects.filter(organisation__name=SCALE_PROVIDER).order_by("pk").first()
    if person is None:
        return
    person.user = bench_users["person"]
    person.save(update_fields=["user"])
    member = CircleMember.objects.filter(person=person).order_by("pk").first()
    if member is not None:
        member.user = bench_users["circle"]
        member.may_see = True
        member.save(update_fields=["user", "may_see"])
        ConsentDecision.objects.create(
            member=member,
            person=person,
            member_name=member.name,
            may_see=True,
            may_contribute=member.may_contribute,
            decided_by=DecidedBy.PERSON,
            recorded_by=bench_users["person"],
        )
