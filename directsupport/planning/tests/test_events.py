"""Planning Live events: the list, planning and changing an event, its page with the phases and
the people taking part, and moving it through the phases."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directsupport.accounts.roles import Role
from directsupport.audit.models import Action, AuditEvent
from directsupport.planning.events.services import create_event
from directsupport.planning.models import (
    EventInvitation,
    EventParticipant,
    NoteStatus,
    Phase,
    PlanningEvent,
    Speaker,
)
from directsupport.planning.tests.conftest import add_note
from directsupport.planning.tests.event_personas import (
    NOT_FOUND_FOR_EVENT,
    NOT_FOUND_FOR_EVENTS,
    PLANNERS,
    event_url,
    found,
)
from tests.factories import CircleMemberFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def new_event(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Autumn Planning Live",
        "date": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "starts_at": "10:00",
        "ends_at": "15:30",
        "venue_name": "Northfield Library",
        "venue_address": "1 High Road\nLondon N17 9AA",
        "venue_access": "Step-free entrance. Hearing loop in the main room.",
        "facilitators": [],
        "recorder": "",
    }
    data.update(overrides)
    return data


def edit_data(event: PlanningEvent, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": event.title,
        "date": event.date.isoformat(),
        "starts_at": event.starts_at.strftime("%H:%M")
        if isinstance(event.starts_at, dt.time)
        else event.starts_at,
        "ends_at": event.ends_at.strftime("%H:%M")
        if isinstance(event.ends_at, dt.time)
        else event.ends_at,
        "venue_name": event.venue_name,
        "venue_address": event.venue_address,
        "venue_access": event.venue_access,
        "facilitators": [user.pk for user in event.facilitators.all()],
        "recorder": event.recorder_id or "",
        "version": event.version,
    }
    data.update(overrides)
    return data


# --- The list -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PLANNERS)
def test_planners_see_every_event_and_the_button_to_plan_one(
    name, persona, client_for, planning_day, provider
):
    PlanningEvent.objects.create(
        organisation=provider,
        title="Winter Planning Live",
        date=timezone.localdate() + dt.timedelta(days=10),
        venue_name="Hollowfield Hall",
        venue_address="2 Mill Lane",
        venue_access="Step-free.",
    )

    response = client_for(persona(name)).get("/planning/events/")

    assert response.status_code == 200
    content = response.content.decode()
    coming = found(r"<h2>Coming up</h2>.*?</table>", content)
    assert "Winter Planning Live" in coming
    past = found(r"<h2>Past events</h2>.*?</table>", content)
    row = found(r"Spring Planning Live</a></th>.*?</tr>", past)
    assert "14 March 2026" in row
    assert "Hollowfield Community Centre" in row
    assert "Phase 1 of 5: Pre-planning" in row
    assert "<td>1</td>" in row
    assert "Plan a Planning Live event" in content


def test_a_support_worker_sees_only_the_events_they_facilitate_or_record(
    client_for, worker, other_worker, planning_day, provider
):
    recorded = PlanningEvent.objects.create(
        organisation=provider,
        title="Summer Planning Live",
        date=dt.date(2026, 6, 20),
        venue_name="Hall",
        venue_address="Road",
        venue_access="Step-free.",
        recorder=other_worker,
    )

    mine = client_for(worker).get("/planning/events/").content.decode()
    theirs = client_for(other_worker).get("/planning/events/").content.decode()

    assert "Spring Planning Live" in mine
    assert recorded.title not in mine
    assert "Plan a Planning Live event" not in mine
    assert recorded.title in theirs
    assert "Spring Planning Live" not in theirs


@pytest.mark.parametrize("name", NOT_FOUND_FOR_EVENTS)
def test_everyone_else_gets_not_found_for_the_events_list(name, persona, client_for, planning_day):
    response = client_for(persona(name)).get("/planning/events/")

    assert response.status_code == 404
    assert b"Spring Planning Live" not in response.content


def test_another_providers_coordinator_sees_none_of_our_events(client_for, outsider, planning_day):
    response = client_for(outsider).get("/planning/events/")

    assert response.status_code == 200
    assert b"Spring Planning Live" not in response.content


# --- Planning an event ----------------------------------------------------------------------


@pytest.mark.parametrize("name", PLANNERS)
def test_planners_plan_an_event_with_its_team(name, persona, client_for, worker, coordinator):
    user = persona(name)
    data = new_event(facilitators=[worker.pk], recorder=coordinator.pk)

    response = client_for(user).post("/planning/events/new/", data)

    event = PlanningEvent.objects.get(title="Autumn Planning Live")
    assert response.status_code == 302
    assert response["Location"] == event_url(event)
    assert event.organisation == user.organisation
    assert list(event.facilitators.all()) == [worker]
    assert event.recorder == coordinator
    assert event.venue_address == "1 High Road, London N17 9AA"
    assert event.phase == Phase.PRE_PLANNING
    assert event.created_by == user
    audit = AuditEvent.objects.get(action=Action.CREATE, subject_type="planning.planningevent")
    assert audit.actor == user
    assert audit.changes["title"] == {"from": None, "to": "Autumn Planning Live"}
    assert audit.changes["facilitators"] == {"from": None, "to": "Sam Patel"}


def test_the_team_is_chosen_from_active_staff_who_work_with_people(
    client_for, coordinator, worker, manager, finance, provider
):
    UserFactory.create(
        organisation=provider, role=Role.SUPPORT_WORKER, full_name="Left Already", is_active=False
    )

    content = client_for(coordinator).get("/planning/events/new/").content.decode()

    team = found(
        r"<legend class=\"form-section__legend\">Who runs the day.*?</fieldset>\s*</div>", content
    )
    assert "Sam Patel (support worker)" in team
    assert "Priya Shah (coordinator)" in team
    assert "Helen Carter (manager)" in team
    assert "Grace Lee" not in team
    assert "Left Already" not in team


def test_a_facilitator_from_outside_the_team_is_refused(client_for, coordinator, finance):
    response = client_for(coordinator).post(
        "/planning/events/new/", new_event(facilitators=[finance.pk])
    )

    assert response.status_code == 200
    assert "Choose facilitators from the list of staff." in response.content.decode()
    assert not PlanningEvent.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ends_at": "09:30"}, "The event must end after it starts (10am)."),
        ({"ends_at": "10:00"}, "The event must end after it starts (10am)."),
        ({"title": "   "}, "Enter a name for the event"),
        ({"venue_access": " \n "}, "Enter the access information for the venue"),
        ({"venue_name": ""}, "Enter where the event is"),
        ({"date": "31/02/2027"}, "Enter a real date"),
        ({"date": "2099-03-14"}, "Check the year"),
        ({"starts_at": "ten"}, "Enter the time the event starts as hours and minutes"),
        ({"title": "x" * 151}, "at most 150 characters"),
        ({"venue_access": "x" * 2001}, "2000 characters or fewer"),
    ],
)
def test_bad_event_details_are_refused_clearly_and_kept(client_for, coordinator, change, message):
    data = new_event(**change)

    response = client_for(coordinator).post("/planning/events/new/", data)

    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert message in content
    assert "Northfield Library" in content or change.get("venue_name") == ""
    assert not PlanningEvent.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.CREATE).exists()


def test_html_in_the_event_details_is_shown_as_text(client_for, coordinator):
    client_for(coordinator).post(
        "/planning/events/new/", new_event(title="<script>alert(1)</script> Day")
    )
    event = PlanningEvent.objects.get()

    content = client_for(coordinator).get(event_url(event)).content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Day" in content


@pytest.mark.parametrize("name", ["worker", "other_worker"])
def test_support_workers_may_not_plan_events(name, persona, client_for):
    client = client_for(persona(name))

    assert client.get("/planning/events/new/").status_code == 403
    assert client.post("/planning/events/new/", new_event()).status_code == 403
    assert not PlanningEvent.objects.exists()


@pytest.mark.parametrize("name", NOT_FOUND_FOR_EVENTS)
def test_everyone_else_is_refused_planning_an_event(name, persona, client_for):
    response = client_for(persona(name)).post("/planning/events/new/", new_event())

    assert response.status_code == 404
    assert not PlanningEvent.objects.exists()


# --- Changing an event ----------------------------------------------------------------------


@pytest.mark.parametrize("name", PLANNERS)
def test_planners_change_an_event(name, persona, client_for, planning_day, manager):
    data = edit_data(planning_day, venue_name="Mill Lane Hall", facilitators=[manager.pk])

    response = client_for(persona(name)).post(event_url(planning_day, "change/"), data)

    assert response.status_code == 302
    planning_day.refresh_from_db()
    assert planning_day.venue_name == "Mill Lane Hall"
    assert planning_day.version == 2
    assert list(planning_day.facilitators.all()) == [manager]
    audit = AuditEvent.objects.get(action=Action.UPDATE, subject_type="planning.planningevent")
    assert audit.changes == {
        "venue_name": {"from": "Hollowfield Community Centre", "to": "Mill Lane Hall"},
        "facilitators": {"from": "Sam Patel", "to": "Helen Carter"},
    }


def test_the_change_page_starts_from_what_is_saved(client_for, coordinator, planning_day):
    content = client_for(coordinator).get(event_url(planning_day, "change/")).content.decode()

    assert 'value="Spring Planning Live"' in content
    assert 'value="2026-03-14"' in content
    assert 'value="10:00"' in content
    assert f'name="version" value="{planning_day.version}"' in content


def test_a_stale_change_gets_the_conflict_page_and_loses_nothing(
    client_for, coordinator, manager, planning_day
):
    stale = edit_data(planning_day, title="Spring Planning Live (moved)", venue_name="Town Hall")
    client_for(manager).post(
        event_url(planning_day, "change/"), edit_data(planning_day, venue_name="Library")
    )

    response = client_for(coordinator).post(event_url(planning_day, "change/"), stale)

    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone else changed this event" in content
    differences = found(r"<table class=\"conflict-table\">.*?</table>", content)
    assert "Town Hall" in differences
    assert "Library" in differences
    assert 'value="Spring Planning Live (moved)"' in content
    assert 'name="version" value="2"' in content
    planning_day.refresh_from_db()
    assert planning_day.venue_name == "Library"
    assert planning_day.title == "Spring Planning Live"


def test_the_facilitator_may_not_change_the_event(client_for, worker, planning_day):
    client = client_for(worker)

    assert client.get(event_url(planning_day, "change/")).status_code == 403
    response = client.post(
        event_url(planning_day, "change/"), edit_data(planning_day, title="Mine now")
    )
    assert response.status_code == 403
    planning_day.refresh_from_db()
    assert planning_day.title == "Spring Planning Live"


@pytest.mark.parametrize("name", NOT_FOUND_FOR_EVENT)
def test_everyone_else_gets_not_found_for_changing_the_event(
    name, persona, client_for, planning_day
):
    response = client_for(persona(name)).post(
        event_url(planning_day, "change/"), edit_data(planning_day, title="Mine now")
    )

    assert response.status_code == 404
    planning_day.refresh_from_db()
    assert planning_day.title == "Spring Planning Live"


# --- The event page -------------------------------------------------------------------------


@pytest.mark.parametrize("name", PLANNERS)
def test_the_event_page_shows_the_day_the_phases_and_the_people(
    name, persona, client_for, planning_day, dee
):
    add_note(dee, text="Swimming on Saturdays", event=planning_day)
    add_note(dee, text="Loves music", speaker=Speaker.CIRCLE, event=planning_day)
    add_note(dee, text="Said at another time", speaker=Speaker.CIRCLE)

    response = client_for(persona(name)).get(event_url(planning_day))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Saturday 14 March 2026" in content
    assert "10am to 3:30pm" in content
    assert "Quiet room upstairs (lift)." in content
    assert "Sam Patel" in content
    stepper = found(r'<ol class="phase-stepper".*?</ol>', content)
    assert stepper.index("Pre-planning") < stepper.index("Discovery")
    assert stepper.index("Outcomes and actions") < stepper.index("Supports and spending plan")
    current = found(r'<li[^>]*aria-current="step".*?</li>', stepper)
    assert "Pre-planning" in current
    assert "Now" in current
    assert "Move on to Discovery" in content
    row = found(r"Dee Okafor</a></th>.*?</tr>", content)
    assert "Phase 1 of 5: Pre-planning" in row
    cells = re.findall(r"<td>(.*?)</td>", row, re.S)
    assert cells[1] == "2"  # notes at this event
    assert "1 to check" in cells[2]
    assert cells[3] == "1"  # Ngozi is invited
    assert f'href="/planning/people/{dee.pk}/planning-live/"' in row
    audit = AuditEvent.objects.get(action=Action.VIEW, subject_type="planning.planningevent")
    assert audit.subject_id == str(planning_day.pk)


def test_the_facilitator_sees_the_event_read_only_with_only_their_people(
    client_for, worker, planning_day, provider
):
    someone_else = PersonFactory.create(organisation=provider, first_name="Rafe", last_name="Hill")
    EventParticipant.objects.create(event=planning_day, person=someone_else)

    response = client_for(worker).get(event_url(planning_day))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Dee Okafor" in content
    assert "Rafe Hill" not in content
    assert "2 people are taking part. You see the 1 you support." in content
    assert "Move on to Discovery" not in content
    assert "Add people" not in content
    assert "Change the event details" not in content


@pytest.mark.parametrize("name", NOT_FOUND_FOR_EVENT)
def test_everyone_else_gets_not_found_for_the_event_page(name, persona, client_for, planning_day):
    response = client_for(persona(name)).get(event_url(planning_day))

    assert response.status_code == 404
    assert b"Spring Planning Live" not in response.content
    assert AuditEvent.objects.filter(action=Action.DENIED).exists()


def _add_people(event: PlanningEvent, count: int) -> None:
    for number in range(count):
        person = PersonFactory.create(organisation=event.organisation)
        participant = EventParticipant.objects.create(event=event, person=person)
        member = CircleMemberFactory.create(person=person)
        EventInvitation.objects.create(participant=participant, member=member)
        add_note(person, text=f"Note {number}", event=event)
        add_note(person, text=f"Guess {number}", speaker=Speaker.CIRCLE, event=event)


def test_the_event_page_queries_do_not_grow_with_the_people_taking_part(
    client_for, coordinator, planning_day
):
    client = client_for(coordinator)
    _add_people(planning_day, 1)  # with Dee: 2 people
    client.get(event_url(planning_day))
    with CaptureQueriesContext(connection) as two:
        assert client.get(event_url(planning_day)).status_code == 200
    _add_people(planning_day, 8)  # 10 people

    with CaptureQueriesContext(connection) as ten:
        response = client.get(event_url(planning_day))

    assert response.content.decode().count("1 to check") == 9
    assert len(ten.captured_queries) == len(two.captured_queries)


# --- Moving the event through the phases ----------------------------------------------------


@pytest.mark.parametrize("name", PLANNERS)
def test_planners_move_the_event_on_and_back_one_phase(name, persona, client_for, planning_day):
    user = persona(name)
    client = client_for(user)

    response = client.post(event_url(planning_day, "phase/"), {"phase": Phase.DISCOVERY})

    assert response.status_code == 302
    planning_day.refresh_from_db()
    assert planning_day.phase == Phase.DISCOVERY
    assert planning_day.phase_changed_by == user
    page = client.get(response["Location"]).content.decode()
    assert "Spring Planning Live is now at Phase 2 of 5: Discovery." in page
    assert "Go back to Pre-planning" in page

    client.post(event_url(planning_day, "phase/"), {"phase": Phase.PRE_PLANNING})
    planning_day.refresh_from_db()
    assert planning_day.phase == Phase.PRE_PLANNING
    moves = AuditEvent.objects.filter(
        action=Action.UPDATE, subject_type="planning.planningevent"
    ).order_by("id")
    assert [row.changes["phase"]["to"] for row in moves] == ["discovery", "pre_planning"]


@pytest.mark.parametrize("wanted", [Phase.OUTCOMES, Phase.PRE_PLANNING, "finished", ""])
def test_an_illegal_phase_move_is_refused_with_a_message(
    client_for, coordinator, planning_day, wanted
):
    client = client_for(coordinator)

    response = client.post(event_url(planning_day, "phase/"), {"phase": wanted}, follow=True)

    content = response.content.decode()
    assert "Nothing was changed." in content
    planning_day.refresh_from_db()
    assert planning_day.phase == Phase.PRE_PLANNING
    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()


def test_a_jump_says_where_the_event_can_go(client_for, coordinator, planning_day):
    response = client_for(coordinator).post(
        event_url(planning_day, "phase/"), {"phase": Phase.SUPPORTS}, follow=True
    )

    assert (
        "Spring Planning Live is at Phase 1 of 5: Pre-planning and can only move one phase at a "
        "time: move on to discovery." in response.content.decode()
    )


def test_the_facilitator_may_not_move_the_event(client_for, worker, planning_day):
    response = client_for(worker).post(event_url(planning_day, "phase/"), {"phase": "discovery"})

    assert response.status_code == 403
    planning_day.refresh_from_db()
    assert planning_day.phase == Phase.PRE_PLANNING


@pytest.mark.parametrize("name", NOT_FOUND_FOR_EVENT)
def test_everyone_else_gets_not_found_for_moving_the_event(name, persona, client_for, planning_day):
    response = client_for(persona(name)).post(
        event_url(planning_day, "phase/"), {"phase": "discovery"}
    )

    assert response.status_code == 404
    planning_day.refresh_from_db()
    assert planning_day.phase == Phase.PRE_PLANNING


def test_best_guesses_already_checked_are_not_counted(client_for, coordinator, planning_day, dee):
    add_note(
        dee,
        text="Likes the park",
        speaker=Speaker.CIRCLE,
        event=planning_day,
        status=NoteStatus.CONFIRMED,
    )

    content = client_for(coordinator).get(event_url(planning_day)).content.decode()

    row = found(r"Dee Okafor</a></th>.*?</tr>", content)
    assert "to check" not in row


def test_a_facilitator_who_supports_nobody_there_is_told_so(client_for, other_worker, planning_day):
    planning_day.facilitators.add(other_worker)

    content = client_for(other_worker).get(event_url(planning_day)).content.decode()

    assert "1 person is taking part. None of them is someone you support." in content
    assert "Dee Okafor" not in content
    assert "Nobody is taking part yet" not in content


def test_the_service_keeps_the_team_within_the_organisation(coordinator, provider, outsider):
    details = {
        "title": "Day",
        "date": dt.date(2026, 12, 1),
        "starts_at": dt.time(10),
        "ends_at": dt.time(15),
        "venue_name": "Hall",
        "venue_address": "Road",
        "venue_access": "Step-free.",
        "recorder": outsider,
    }

    with pytest.raises(ValidationError):
        create_event(actor=coordinator, organisation=provider, details=details, facilitators=[])

    assert not PlanningEvent.objects.exists()
