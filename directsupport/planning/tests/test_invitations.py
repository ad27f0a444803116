"""A person's place at a Planning Live event: who from their circle is invited and who agreed,
how far they have got, taking them off the event, and the printable easy-read invitations."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError

from directsupport.audit.models import Action, AuditEvent
from directsupport.people.models import DecidedBy
from directsupport.planning.events.services import record_invitations
from directsupport.planning.models import (
    EventInvitation,
    EventParticipant,
    Phase,
    PlanningEvent,
)
from directsupport.planning.tests.conftest import add_note
from directsupport.planning.tests.event_personas import (
    NOT_FOUND_FOR_EVENT,
    PLANNERS,
    found,
    place_url,
)
from tests.factories import CircleMemberFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dee_at_the_day(planning_day, everyone) -> EventParticipant:
    """Dee's place at Spring Planning Live, with her sister Ngozi invited."""
    return planning_day.participants.get()


def invited_names(participant: EventParticipant) -> set[str]:
    return set(participant.invitations.values_list("member__name", flat=True))


# --- A person's place at the event ----------------------------------------------------------


@pytest.mark.parametrize("name", PLANNERS)
def test_planners_see_the_invitations_form_with_dees_whole_circle(
    name, persona, client_for, dee_at_the_day, dee
):
    response = client_for(persona(name)).get(place_url(dee_at_the_day))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Dee at Spring Planning Live" in content
    form = found(r'<form method="post" novalidate class="invitations-form">.*?</form>', content)
    assert re.search(
        r'value="\d+"[^>]*checked[^>]*>\s*<label[^>]*>Ngozi Okafor \(my sister\)', form
    )
    assert "Chika Obi (my cousin)" in form
    assert "Bob Price (my neighbour)" in form
    assert "Dee agreed to invite these people" in form
    assert "A representative agreed (the person lacks capacity to decide this)" in form
    stepper = found(r'<ol class="phase-stepper".*?</ol>', content)
    assert "Pre-planning" in found(r'<li[^>]*aria-current="step".*?</li>', stepper)
    viewed = AuditEvent.objects.get(action=Action.VIEW, subject_type="planning.eventparticipant")
    assert viewed.person_id == dee.pk


def test_the_facilitator_sees_who_is_invited_without_a_form(client_for, worker, dee_at_the_day):
    response = client_for(worker).get(place_url(dee_at_the_day))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Ngozi Okafor (my sister)" in content
    assert "invitations-form" not in content
    assert "Move on to Discovery" not in content
    assert "Take Dee off" not in content


def test_the_facilitator_does_not_see_people_they_do_not_support(
    client_for, worker, planning_day, provider
):
    rafe = PersonFactory.create(organisation=provider)
    place = EventParticipant.objects.create(event=planning_day, person=rafe)

    assert client_for(worker).get(place_url(place)).status_code == 404


@pytest.mark.parametrize("name", NOT_FOUND_FOR_EVENT)
def test_everyone_else_gets_not_found_for_a_persons_place(
    name, persona, client_for, dee_at_the_day
):
    response = client_for(persona(name)).get(place_url(dee_at_the_day))

    assert response.status_code == 404
    assert b"Hollowfield Community Centre" not in response.content


def test_a_place_at_another_event_is_not_found_through_this_one(
    client_for, coordinator, dee_at_the_day, provider
):
    other = PlanningEvent.objects.create(
        organisation=provider,
        title="Other",
        date="2026-05-01",
        venue_name="Hall",
        venue_address="Road",
        venue_access="Step-free.",
    )

    response = client_for(coordinator).get(
        f"/planning/events/{other.pk}/people/{dee_at_the_day.pk}/"
    )

    assert response.status_code == 404


# --- Choosing who is invited ----------------------------------------------------------------


@pytest.mark.parametrize("name", PLANNERS)
def test_planners_record_who_dee_agreed_to_invite(
    name, persona, client_for, dee_at_the_day, dee, sister, cousin
):
    user = persona(name)
    client = client_for(user)

    response = client.post(
        place_url(dee_at_the_day),
        {"members": [sister.pk, cousin.pk], "agreed_by": DecidedBy.PERSON},
    )

    assert response.status_code == 302
    dee_at_the_day.refresh_from_db()
    assert invited_names(dee_at_the_day) == {"Ngozi Okafor", "Chika Obi"}
    assert dee_at_the_day.invitations_agreed_by == DecidedBy.PERSON
    assert dee_at_the_day.invitations_recorded_by == user
    audit = AuditEvent.objects.get(action=Action.UPDATE, subject_type="planning.eventparticipant")
    assert audit.person_id == dee.pk
    assert audit.changes["invited"] == {"from": "Ngozi Okafor", "to": "Chika Obi, Ngozi Okafor"}
    assert audit.changes["invitations_agreed_by"] == {"from": "", "to": "person"}
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert "Saved: 2 people from Dee's circle invited." in page
    assert "Dee agreed who is invited." in page


def test_a_representative_agreement_is_recorded_with_the_reason(
    client_for, coordinator, dee_at_the_day, neighbour
):
    response = client_for(coordinator).post(
        place_url(dee_at_the_day),
        {
            "members": [neighbour.pk],
            "agreed_by": DecidedBy.REPRESENTATIVE,
            "representative_name": "  Ada   Okafor ",
            "representative_reason": "Dee cannot weigh up who to invite at the moment.",
        },
    )

    assert response.status_code == 302
    dee_at_the_day.refresh_from_db()
    assert invited_names(dee_at_the_day) == {"Bob Price"}
    assert dee_at_the_day.invitations_representative == "Ada Okafor"
    assert dee_at_the_day.invitations_reason.startswith("Dee cannot weigh up")
    page = client_for(coordinator).get(place_url(dee_at_the_day)).content.decode()
    assert "A representative, Ada Okafor, agreed who is invited" in page


def test_invitations_without_agreement_are_refused_and_nothing_changes(
    client_for, coordinator, dee_at_the_day, cousin
):
    response = client_for(coordinator).post(place_url(dee_at_the_day), {"members": [cousin.pk]})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Say who agreed to invite these people." in content
    assert "Nothing has been changed." in content
    assert re.search(rf'value="{cousin.pk}"[^>]*checked', content)
    assert invited_names(dee_at_the_day) == {"Ngozi Okafor"}
    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()


@pytest.mark.parametrize(
    ("name", "reason", "message"),
    [
        ("Ada Okafor", "   ", "Enter why a representative agreed for Dee"),
        ("  ", "Dee cannot decide this now.", "Enter the name of the representative who agreed."),
    ],
)
def test_a_representative_needs_a_name_and_a_reason(
    client_for, coordinator, dee_at_the_day, cousin, name, reason, message
):
    response = client_for(coordinator).post(
        place_url(dee_at_the_day),
        {
            "members": [cousin.pk],
            "agreed_by": DecidedBy.REPRESENTATIVE,
            "representative_name": name,
            "representative_reason": reason,
        },
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    dee_at_the_day.refresh_from_db()
    assert invited_names(dee_at_the_day) == {"Ngozi Okafor"}
    assert dee_at_the_day.invitations_agreed_by == ""


def test_a_member_of_someone_elses_circle_is_refused(
    client_for, coordinator, dee_at_the_day, provider
):
    stranger = CircleMemberFactory.create(
        person=PersonFactory.create(organisation=provider), name="Not Dees Friend"
    )

    response = client_for(coordinator).post(
        place_url(dee_at_the_day),
        {"members": [stranger.pk], "agreed_by": DecidedBy.PERSON},
    )

    assert response.status_code == 200
    assert "Choose people from Dee&#x27;s circle" in response.content.decode()
    assert invited_names(dee_at_the_day) == {"Ngozi Okafor"}
    assert not EventInvitation.objects.filter(member=stranger).exists()


def test_inviting_nobody_with_agreement_clears_the_invitations(
    client_for, coordinator, dee_at_the_day
):
    response = client_for(coordinator).post(
        place_url(dee_at_the_day), {"agreed_by": DecidedBy.PERSON}
    )

    assert response.status_code == 302
    assert invited_names(dee_at_the_day) == set()


def test_the_facilitator_may_not_change_who_is_invited(client_for, worker, dee_at_the_day, cousin):
    response = client_for(worker).post(
        place_url(dee_at_the_day), {"members": [cousin.pk], "agreed_by": DecidedBy.PERSON}
    )

    assert response.status_code == 403
    assert invited_names(dee_at_the_day) == {"Ngozi Okafor"}


@pytest.mark.parametrize("name", NOT_FOUND_FOR_EVENT)
def test_everyone_else_gets_not_found_for_changing_who_is_invited(
    name, persona, client_for, dee_at_the_day, cousin
):
    response = client_for(persona(name)).post(
        place_url(dee_at_the_day), {"members": [cousin.pk], "agreed_by": DecidedBy.PERSON}
    )

    assert response.status_code == 404
    assert invited_names(dee_at_the_day) == {"Ngozi Okafor"}


# --- The person's own phase -----------------------------------------------------------------


@pytest.mark.parametrize("name", PLANNERS)
def test_planners_move_dee_on_one_phase(name, persona, client_for, dee_at_the_day, dee):
    client = client_for(persona(name))

    response = client.post(place_url(dee_at_the_day, "phase/"), {"phase": Phase.DISCOVERY})

    assert response.status_code == 302
    dee_at_the_day.refresh_from_db()
    assert dee_at_the_day.phase == Phase.DISCOVERY
    assert dee_at_the_day.event.phase == Phase.PRE_PLANNING
    audit = AuditEvent.objects.get(action=Action.UPDATE, subject_type="planning.eventparticipant")
    assert audit.person_id == dee.pk
    assert audit.changes == {"phase": {"from": "pre_planning", "to": "discovery"}}
    page = client.get(response["Location"]).content.decode()
    assert "Dee is now at Phase 2 of 5: Discovery." in page
    event_page = client.get(f"/planning/events/{dee_at_the_day.event_id}/").content.decode()
    assert "Phase 2 of 5: Discovery" in found(r"Dee Okafor</a></th>.*?</tr>", event_page)


def test_a_jump_for_dee_is_refused_with_a_message(client_for, coordinator, dee_at_the_day):
    response = client_for(coordinator).post(
        place_url(dee_at_the_day, "phase/"), {"phase": Phase.OUTCOMES}, follow=True
    )

    content = response.content.decode()
    assert "Dee is at Phase 1 of 5: Pre-planning and can only move one phase at a time" in content
    dee_at_the_day.refresh_from_db()
    assert dee_at_the_day.phase == Phase.PRE_PLANNING
    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()


def test_moving_dee_twice_to_the_same_phase_says_so(client_for, coordinator, dee_at_the_day):
    client = client_for(coordinator)
    client.post(place_url(dee_at_the_day, "phase/"), {"phase": Phase.DISCOVERY})

    response = client.post(
        place_url(dee_at_the_day, "phase/"), {"phase": Phase.DISCOVERY}, follow=True
    )

    assert "Dee is already at Phase 2 of 5: Discovery." in response.content.decode()


def test_the_facilitator_may_not_move_dee(client_for, worker, dee_at_the_day):
    response = client_for(worker).post(place_url(dee_at_the_day, "phase/"), {"phase": "discovery"})

    assert response.status_code == 403
    dee_at_the_day.refresh_from_db()
    assert dee_at_the_day.phase == Phase.PRE_PLANNING


@pytest.mark.parametrize("name", NOT_FOUND_FOR_EVENT)
def test_everyone_else_gets_not_found_for_moving_dee(name, persona, client_for, dee_at_the_day):
    response = client_for(persona(name)).post(
        place_url(dee_at_the_day, "phase/"), {"phase": "discovery"}
    )

    assert response.status_code == 404
    dee_at_the_day.refresh_from_db()
    assert dee_at_the_day.phase == Phase.PRE_PLANNING


# --- Taking someone off the event -----------------------------------------------------------


@pytest.mark.parametrize("name", PLANNERS)
def test_planners_take_someone_off_the_event(name, persona, client_for, dee_at_the_day, dee):
    response = client_for(persona(name)).post(place_url(dee_at_the_day, "remove/"))

    assert response.status_code == 302
    assert response["Location"] == f"/planning/events/{dee_at_the_day.event_id}/"
    assert not EventParticipant.objects.filter(pk=dee_at_the_day.pk).exists()
    assert not EventInvitation.objects.exists()
    audit = AuditEvent.objects.get(action=Action.DELETE)
    assert audit.person_id == dee.pk
    assert audit.changes["invited"] == {"from": "Ngozi Okafor", "to": None}


def test_someone_with_notes_at_the_event_cannot_be_taken_off(
    client_for, coordinator, dee_at_the_day, dee, planning_day
):
    add_note(dee, text="Swimming", event=planning_day)

    response = client_for(coordinator).post(place_url(dee_at_the_day, "remove/"), follow=True)

    content = response.content.decode()
    assert (
        "Dee Okafor cannot be taken off Spring Planning Live: 1 note was already captured for "
        "Dee at this event. Nothing was changed." in content
    )
    assert EventParticipant.objects.filter(pk=dee_at_the_day.pk).exists()
    assert not AuditEvent.objects.filter(action=Action.DELETE).exists()


def test_notes_from_another_time_do_not_stop_the_removal(
    client_for, coordinator, dee_at_the_day, dee
):
    add_note(dee, text="Said between events")

    response = client_for(coordinator).post(place_url(dee_at_the_day, "remove/"))

    assert response.status_code == 302
    assert not EventParticipant.objects.filter(pk=dee_at_the_day.pk).exists()


def test_removal_needs_a_post(client_for, coordinator, dee_at_the_day):
    response = client_for(coordinator).get(place_url(dee_at_the_day, "remove/"))

    assert response.status_code == 405
    assert EventParticipant.objects.filter(pk=dee_at_the_day.pk).exists()


def test_the_facilitator_may_not_take_anyone_off(client_for, worker, dee_at_the_day):
    response = client_for(worker).post(place_url(dee_at_the_day, "remove/"))

    assert response.status_code == 403
    assert EventParticipant.objects.filter(pk=dee_at_the_day.pk).exists()


@pytest.mark.parametrize("name", NOT_FOUND_FOR_EVENT)
def test_everyone_else_gets_not_found_for_taking_someone_off(
    name, persona, client_for, dee_at_the_day
):
    response = client_for(persona(name)).post(place_url(dee_at_the_day, "remove/"))

    assert response.status_code == 404
    assert EventParticipant.objects.filter(pk=dee_at_the_day.pk).exists()


# --- Easy-read invitations ------------------------------------------------------------------


@pytest.mark.parametrize("name", [*PLANNERS, "worker"])
def test_the_invitations_print_one_easy_read_page_per_member(
    name, persona, client_for, dee_at_the_day, dee, cousin
):
    EventInvitation.objects.create(participant=dee_at_the_day, member=cousin)

    response = client_for(persona(name)).get(place_url(dee_at_the_day, "invitations/"))

    assert response.status_code == 200
    content = response.content.decode()
    pages = re.findall(r'<article class="invitation easy-read".*?</article>', content, re.S)
    assert len(pages) == 2
    ngozi = pages[0]
    assert "For Ngozi Okafor" in ngozi
    assert "You are invited to Dee's Planning Live day" in ngozi
    assert "Saturday 14 March 2026" in ngozi
    assert "<strong>10am</strong>" in ngozi
    assert "<strong>3:30pm</strong>" in ngozi
    assert "Hollowfield Community Centre" in ngozi
    assert "Step-free entrance and accessible toilet." in ngozi
    assert "We will talk about what matters to Dee." in ngozi
    assert "Sam Patel and Priya Shah will help on the day." in ngozi
    assert "Any questions? Ask Priya Shah." in ngozi
    assert ngozi.count("<svg") == 7  # a picture beside each idea
    assert "For Chika Obi" in pages[1]
    viewed = AuditEvent.objects.get(action=Action.VIEW, subject_type="planning.eventparticipant")
    assert viewed.person_id == dee.pk


def test_the_invitations_print_on_a4_without_the_navigation(
    client_for, coordinator, dee_at_the_day
):
    css = Path(str(finders.find("css/site.css"))).read_text(encoding="utf-8")
    section = css[css.index("/* --- planning: events --- */") :]
    assert "size: A4" in section
    assert "page-break-after: always" in section
    print_css = Path(str(finders.find("css/print.css"))).read_text(encoding="utf-8")
    assert ".site-nav" in print_css
    content = client_for(coordinator).get(place_url(dee_at_the_day, "invitations/")).content
    assert b'class="invitations-intro"' in content
    assert b"style=" not in content
    assert b"<script>" not in content


def test_the_whole_event_prints_everyones_invitations(
    client_for, coordinator, dee_at_the_day, planning_day, provider, dee
):
    rafe = PersonFactory.create(organisation=provider, first_name="Rafe", last_name="Hill")
    rafes_place = EventParticipant.objects.create(event=planning_day, person=rafe)
    friend = CircleMemberFactory.create(person=rafe, name="Lou Friend")
    EventInvitation.objects.create(participant=rafes_place, member=friend)

    response = client_for(coordinator).get(f"/planning/events/{planning_day.pk}/invitations/")

    content = response.content.decode()
    assert content.count('<article class="invitation easy-read"') == 2
    assert "You are invited to Dee's Planning Live day" in content
    assert "You are invited to Rafe's Planning Live day" in content
    viewed = AuditEvent.objects.filter(action=Action.VIEW, subject_type="planning.eventparticipant")
    assert {row.person_id for row in viewed} == {dee.pk, rafe.pk}


def test_the_facilitator_prints_only_invitations_for_their_people(
    client_for, worker, dee_at_the_day, planning_day, provider
):
    rafe = PersonFactory.create(organisation=provider, first_name="Rafe", last_name="Hill")
    rafes_place = EventParticipant.objects.create(event=planning_day, person=rafe)
    EventInvitation.objects.create(
        participant=rafes_place, member=CircleMemberFactory.create(person=rafe)
    )

    content = client_for(worker).get(f"/planning/events/{planning_day.pk}/invitations/").content

    assert content.count(b'<article class="invitation easy-read"') == 1
    assert b"Rafe" not in content


def test_html_in_the_access_information_is_printed_as_text(
    client_for, coordinator, dee_at_the_day, planning_day
):
    planning_day.venue_access = "<img src=x onerror=alert(1)> Ramp at the side"
    planning_day.save()

    content = client_for(coordinator).get(place_url(dee_at_the_day, "invitations/")).content

    assert b"<img src=x" not in content
    assert b"&lt;img src=x onerror=alert(1)&gt; Ramp at the side" in content


@pytest.mark.parametrize("name", NOT_FOUND_FOR_EVENT)
def test_everyone_else_gets_not_found_for_the_invitations(
    name, persona, client_for, dee_at_the_day, planning_day
):
    client = client_for(persona(name))

    for url in (
        place_url(dee_at_the_day, "invitations/"),
        f"/planning/events/{planning_day.pk}/invitations/",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert b"Hollowfield Community Centre" not in response.content


# --- The service's own checks (whatever a form lets through) --------------------------------


def test_the_service_refuses_a_member_of_someone_elses_circle(
    coordinator, dee_at_the_day, provider
):
    stranger = CircleMemberFactory.create(person=PersonFactory.create(organisation=provider))

    with pytest.raises(ValidationError):
        record_invitations(
            actor=coordinator,
            participant=dee_at_the_day,
            members=[stranger],
            agreed_by=DecidedBy.PERSON,
        )

    assert invited_names(dee_at_the_day) == {"Ngozi Okafor"}


@pytest.mark.parametrize(
    ("agreed_by", "name", "reason"),
    [("", "", ""), ("someone", "", ""), (DecidedBy.REPRESENTATIVE, "Ada Okafor", " ")],
)
def test_the_service_refuses_invitations_without_a_proper_agreement(
    coordinator, dee_at_the_day, cousin, agreed_by, name, reason
):
    with pytest.raises(ValidationError):
        record_invitations(
            actor=coordinator,
            participant=dee_at_the_day,
            members=[cousin],
            agreed_by=agreed_by,
            representative_name=name,
            representative_reason=reason,
        )

    assert invited_names(dee_at_the_day) == {"Ngozi Okafor"}
    assert not AuditEvent.objects.exists()
