"""The demo's Planning Live: three past days with all 55 people, their boards, tools, outcomes,
graphic recordings and Plan Books.

Everything is planned first, person by person, with real dates (a seeded random generator per
person keeps it the same on every run). Then rows are written in two steps so each Plan Book
version is a real ``compile_plan_book`` snapshot: first what was true when version 1 was
compiled (for people whose Plan Book has moved on since), then everything after. Runs only
when the provider has no Planning Live events yet, so seeding again adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.people.models import CircleMember, ConsentDecision, DecidedBy, Person
from directsupport.planbook.book.compile import compile_plan_book
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion
from directsupport.planning.events.services import (
    add_participants,
    create_event,
    move_event_phase,
    move_participant_phase,
    record_invitations,
)
from directsupport.planning.models import (
    EventInvitation,
    EventParticipant,
    NoteStatus,
    Phase,
    PlanningEvent,
)

from .people_data import PEOPLE, PersonSpec
from .planning_book_data import EVENTS, INVITATIONS_REASON, RECORDING_PEOPLE
from .seed_planning_books import BookKind, assign_days, plan_book, version_row
from .seed_planning_context import PersonCtx, invited_members, moment, person_words
from .seed_planning_notes import plan_notes
from .seed_planning_outcomes import plan_outcomes
from .seed_planning_recordings import add_recording
from .seed_planning_tools import ALL_TOOLS, DRAFT_TOOLS, EARLY_TOOLS, plan_tools
from .seed_planning_writer import Writer

SEASONS = {12: "Winter", 1: "Winter", 2: "Winter", 3: "Spring", 4: "Spring", 5: "Spring"}
SEASONS.update({6: "Summer", 7: "Summer", 8: "Summer"})
SEASONS.update({9: "Autumn", 10: "Autumn", 11: "Autumn"})


@dataclass
class PlanningCounts:
    skipped: bool = False
    events: int = 0
    people: int = 0
    invitations: int = 0
    notes: Counter[str] = field(default_factory=Counter)
    recordings: int = 0
    tools: int = 0
    tool_versions: int = 0
    outcomes: int = 0
    actions: int = 0
    versions: int = 0
    books: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        if self.skipped:
            return ["Planning Live: the demo events are already there, so nothing was added."]
        notes = sum(self.notes.values())
        books = self.books
        return [
            f"Planning Live: {self.events} events, {self.people} people, {self.invitations} "
            f"circle members invited, {notes:,} notes "
            f"({self.notes[NoteStatus.BEST_GUESS]} best guesses to check, "
            f"{self.notes[NoteStatus.CONFIRMED]} confirmed, "
            f"{self.notes[NoteStatus.NOT_AGREED]} not agreed), "
            f"{self.recordings} graphic recordings.",
            f"Tools: {self.tools} tools ({self.tool_versions} versions), {self.outcomes} "
            f"outcomes with {self.actions} actions.",
            f"Plan Books: {sum(books.values())} ({self.versions} versions): "
            f"{books[BookKind.PUBLISHED]} published, "
            f"{books[BookKind.MOVED_ON_DRAFT] + books[BookKind.MOVED_ON_SHARED]} published with "
            f"version 2 under way ({books[BookKind.MOVED_ON_SHARED]} shared), "
            f"{books[BookKind.AGREED]} agreed, {books[BookKind.SHARED]} shared, "
            f"{books[BookKind.DRAFT]} drafts.",
        ]


def seed_planning(*, provider: Organisation, users: dict[str, User]) -> PlanningCounts:
    """Add the demo's Planning Live, unless the provider already has events."""
    if PlanningEvent.objects.filter(organisation=provider).exists():
        return PlanningCounts(skipped=True)
    today = timezone.localdate()
    people = _demo_people(provider)
    if not people:
        return PlanningCounts()
    counts = PlanningCounts()
    events = _create_events(provider, users, today)
    contexts = _plan_everyone(people, events, users, today)
    counts.events = len(events)
    counts.people = len(contexts)
    counts.invitations = _add_participants(contexts)

    writer = Writer(contexts, today=today)
    writer.write_until_first_versions()
    for ctx in contexts:
        if ctx.spec.first_name in RECORDING_PEOPLE:
            add_recording(ctx)
    versions = [
        version_row(ctx, ctx.book.versions[0], _snapshot(ctx, ctx.book.versions[0].compiled_at))
        for ctx in contexts
        if ctx.book.cut is not None
    ]
    # Versions are written as compiled snapshots of a past moment (compile_plan_book); the
    # Plan Book's services compile "now", and versions cannot be changed once written.
    PlanBookVersion.objects.bulk_create(versions)
    writer.write_until_latest_versions()
    latest = [
        version_row(ctx, ctx.book.versions[-1], _snapshot(ctx, ctx.book.last_compiled))
        for ctx in contexts
    ]
    PlanBookVersion.objects.bulk_create(latest)
    writer.write_since()

    counts.recordings = sum(1 for ctx in contexts if ctx.spec.first_name in RECORDING_PEOPLE)
    counts.notes = writer.note_statuses()
    counts.tools, counts.tool_versions = writer.tool_counts()
    counts.outcomes, counts.actions = writer.outcome_counts()
    counts.versions = len(versions) + len(latest)
    counts.books = Counter(ctx.book_kind for ctx in contexts)
    return counts


def _snapshot(ctx: PersonCtx, compiled_at: dt.datetime) -> dict[str, object]:
    content = compile_plan_book(ctx.person)
    content["compiled_at"] = compiled_at.astimezone(dt.UTC).isoformat()
    return content


def _demo_people(provider: Organisation) -> list[tuple[PersonSpec, Person, User]]:
    """The 55 demo people still on the provider's books, each with their coordinator."""
    found = {
        (person.first_name, person.last_name): person
        for person in Person.objects.filter(organisation=provider).select_related(
            "coordinator", "user"
        )
    }
    people = []
    for spec in PEOPLE:
        person = found.get((spec.first_name, spec.last_name))
        if person is not None and person.coordinator is not None:
            people.append((spec, person, person.coordinator))
    return people


def _create_events(
    provider: Organisation, users: dict[str, User], today: dt.date
) -> list[PlanningEvent]:
    """The three days, planned and moved through their phases through the events services, then
    dated back to when the story has them planned and moved (the services write "now")."""
    rng = random.Random("planning-live-events")  # noqa: S311 (demo data, not security)
    events = []
    for number, spec in enumerate(EVENTS):
        day = today - dt.timedelta(days=spec.days_ago)
        day -= dt.timedelta(days=(day.weekday() - 5) % 7)  # the Saturday before
        latest = number == len(EVENTS) - 1
        creator = users[spec.created_by]
        phase_changed_at = moment(day + dt.timedelta(days=14 if latest else 63), rng)
        created_at = moment(day - dt.timedelta(days=rng.randint(60, 75)), rng)
        event = create_event(
            actor=creator,
            organisation=provider,
            details={
                "title": f"Planning Live: {SEASONS[day.month]} {day.year}",
                "date": day,
                "starts_at": dt.time(10, 0),
                "ends_at": dt.time(15, 30),
                "venue_name": spec.venue_name,
                "venue_address": spec.venue_address,
                "venue_access": spec.venue_access,
                "recorder": users[spec.recorder],
            },
            facilitators=[users[email] for email in spec.facilitators],
        )
        for phase in _phases_to(Phase.OUTCOMES if latest else Phase.SUPPORTS):
            event = move_event_phase(actor=creator, event=event, phase=phase)
        PlanningEvent.objects.filter(pk=event.pk).update(
            created_at=created_at, phase_changed_at=phase_changed_at
        )
        event.created_at, event.phase_changed_at = created_at, phase_changed_at
        events.append(event)
    return events


def _phases_to(last: str) -> list[str]:
    """The phases after pre-planning up to ``last``: the services move one phase at a time."""
    phases = [str(phase) for phase in Phase]
    return phases[1 : phases.index(last) + 1]


def _plan_everyone(
    people: list[tuple[PersonSpec, Person, User]],
    events: list[PlanningEvent],
    users: dict[str, User],
    today: dt.date,
) -> list[PersonCtx]:
    days = assign_days()
    circles: dict[int, list[CircleMember]] = {}
    for member in CircleMember.objects.filter(person__in=[p for _, p, _ in people]).select_related(
        "user"
    ):
        circles.setdefault(member.person_id, []).append(member)
    representatives = dict(
        ConsentDecision.objects.filter(
            person__in=[p for _, p, _ in people], decided_by=DecidedBy.REPRESENTATIVE
        ).values_list("person_id", "representative_name")
    )
    staff_by_email = {user.email: user for user in users.values()}
    staff_on_day: dict[int, list[User]] = {
        event.pk: [
            *User.objects.filter(facilitated_events=event).order_by("email"),
            *([event.recorder] if event.recorder else []),
        ]
        for event in events
    }
    contexts = []
    for spec, person, coordinator in people:
        rng = random.Random(f"planning:{spec.first_name}:{spec.last_name}")  # noqa: S311
        event_number, kind = days[(spec.first_name, spec.last_name)]
        event = events[event_number]
        members = sorted(circles.get(person.pk, []), key=lambda m: (m.closeness, m.name))
        keyworker = next((m for m in members if m.relationship == "my keyworker"), None)
        representative_name = representatives.get(person.pk, "")
        ctx = PersonCtx(
            spec=spec,
            person=person,
            members=members,
            coordinator=coordinator,
            keyworker=keyworker,
            keyworker_user=staff_by_email.get(keyworker.email) if keyworker else None,
            rng=rng,
            event=event,
            event_number=event_number,
            staff_on_day=staff_on_day[event.pk],
            invited=invited_members(members, keyworker),
            representative=next((m for m in members if m.name == representative_name), None),
            representative_name=representative_name,
            book=plan_book(
                kind,
                event_day=event.date,
                latest=event_number == len(EVENTS) - 1,
                rng=rng,
                today=today,
                star=spec.first_name == "Adaeze",
            ),
            book_kind=kind,
        )
        ctx.words = person_words(spec, members, keyworker, rng)
        ctx.tool_kinds = _tool_kinds(spec, kind)
        plan_notes(ctx)
        plan_tools(ctx)
        plan_outcomes(ctx, today=today)
        contexts.append(ctx)
    return contexts


def _tool_kinds(spec: PersonSpec, kind: str) -> list[str]:
    """Everyone has all eight tools, except people just starting out or still drafting."""
    if spec.stage == "getting_started":
        return [str(kind) for kind in EARLY_TOOLS]
    if kind == BookKind.DRAFT:
        return [str(kind) for kind in DRAFT_TOOLS]
    return list(ALL_TOOLS)


def _add_participants(contexts: list[PersonCtx]) -> int:
    """Each person at their day, with the circle members they (or their representative)
    agreed to invite, and how far they have got: through the events services, as their
    coordinator records it, then dated back to the story's days (the services write "now")."""
    for ctx in contexts:
        rng = ctx.rng
        day = ctx.event_day
        recorded_at = moment(day - dt.timedelta(days=rng.randint(14, 28)), rng)
        phase = _participant_phase(ctx)
        phase_changed_at = (
            moment(day + dt.timedelta(days=rng.randint(3, 20)), rng)
            if ctx.event_number == len(EVENTS) - 1
            else moment(day + dt.timedelta(days=rng.randint(40, 70)), rng)
        )
        added_at = recorded_at - dt.timedelta(days=rng.randint(7, 21))
        (participant,) = add_participants(
            actor=ctx.coordinator, event=ctx.event, people=[ctx.person]
        )
        for step in _phases_to(phase):
            participant = move_participant_phase(
                actor=ctx.coordinator, participant=participant, phase=step
            )
        record_invitations(
            actor=ctx.coordinator,
            participant=participant,
            members=ctx.invited,
            agreed_by=DecidedBy.REPRESENTATIVE if ctx.representative_name else DecidedBy.PERSON,
            representative_name=ctx.representative_name,
            representative_reason=INVITATIONS_REASON.format_map(
                {**ctx.words, "rep": ctx.representative_name}
            )
            if ctx.representative_name
            else "",
        )
        EventParticipant.objects.filter(pk=participant.pk).update(
            phase_changed_at=phase_changed_at,
            invitations_recorded_at=recorded_at,
            added_at=added_at,
        )
        EventInvitation.objects.filter(participant=participant).update(invited_at=recorded_at)
    return sum(len(ctx.invited) for ctx in contexts)


def _participant_phase(ctx: PersonCtx) -> str:
    """At the latest day people are at different phases; everyone else has finished."""
    if ctx.event_number != len(EVENTS) - 1:
        return Phase.SUPPORTS
    status = ctx.book.versions[-1].status
    if status == PlanBookStatus.DRAFT:
        return Phase.POSITIVE_CHANGE
    if status == PlanBookStatus.SHARED:
        return Phase.OUTCOMES
    return Phase.SUPPORTS if ctx.rng.random() < 0.5 else Phase.OUTCOMES
