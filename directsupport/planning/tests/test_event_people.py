"""Adding people to a Planning Live event: several at once, chosen from a searchable list of
the organisation's people not yet taking part."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError

from directsupport.audit.models import Action, AuditEvent
from directsupport.planning.events.services import add_participants
from directsupport.planning.tests.event_personas import NOT_FOUND_FOR_EVENT, PLANNERS, event_url
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


# --- Adding people --------------------------------------------------------------------------


@pytest.mark.parametrize("name", PLANNERS)
def test_planners_add_several_people_at_once(name, persona, client_for, planning_day, provider):
    rafe = PersonFactory.create(organisation=provider, first_name="Rafe", last_name="Hill")
    mo = PersonFactory.create(organisation=provider, first_name="Mo", last_name="Said")

    response = client_for(persona(name)).post(
        event_url(planning_day, "people/add/"), {"people": [rafe.pk, mo.pk], "add": "1"}
    )

    assert response.status_code == 302
    assert set(planning_day.participants.values_list("person__first_name", flat=True)) == {
        "Adaeze",
        "Rafe",
        "Mo",
    }
    added = AuditEvent.objects.filter(
        action=Action.CREATE, subject_type="planning.eventparticipant"
    )
    assert {row.person_id for row in added} == {rafe.pk, mo.pk}


def test_the_add_page_lists_only_our_people_not_yet_taking_part(
    client_for, coordinator, planning_day, provider, other_provider
):
    PersonFactory.create(organisation=provider, first_name="Rafe", last_name="Hill")
    PersonFactory.create(organisation=other_provider, first_name="Zed", last_name="Elsewhere")

    content = client_for(coordinator).get(event_url(planning_day, "people/add/")).content.decode()

    assert "Rafe Hill" in content
    assert "Dee Okafor" not in content
    # The whole name: three letters alone can turn up inside the page's random form tokens.
    assert "Zed Elsewhere" not in content


def test_searching_narrows_the_list_and_keeps_the_ticks(
    client_for, coordinator, planning_day, provider
):
    rafe = PersonFactory.create(organisation=provider, first_name="Rafe", last_name="Hill")
    PersonFactory.create(organisation=provider, first_name="Mo", last_name="Said")
    PersonFactory.create(organisation=provider, first_name="Molly", last_name="Jones")

    response = client_for(coordinator).post(
        event_url(planning_day, "people/add/"), {"people": [rafe.pk], "q": "mo", "search": "1"}
    )

    content = response.content.decode()
    assert "There is a problem" not in content
    assert re.search(rf'value="{rafe.pk}"[^>]*checked', content)
    assert "Mo Said" in content
    assert "Molly Jones" in content
    assert "Rafe Hill" in content
    assert planning_day.participants.count() == 1


def test_adding_nobody_is_refused_clearly(client_for, coordinator, planning_day, provider):
    PersonFactory.create(organisation=provider, first_name="Rafe", last_name="Hill")

    response = client_for(coordinator).post(event_url(planning_day, "people/add/"), {"add": "1"})

    assert response.status_code == 200
    assert "Choose at least one person to add to the event." in response.content.decode()
    assert planning_day.participants.count() == 1


@pytest.mark.parametrize("who", ["already_there", "other_provider", "garbled"])
def test_someone_who_cannot_be_added_is_refused_and_nobody_is_added(
    client_for, coordinator, planning_day, provider, other_provider, dee, who
):
    rafe = PersonFactory.create(organisation=provider, first_name="Rafe", last_name="Hill")
    stranger = PersonFactory.create(organisation=other_provider)
    bad = {"already_there": dee.pk, "other_provider": stranger.pk, "garbled": "x"}[who]

    response = client_for(coordinator).post(
        event_url(planning_day, "people/add/"), {"people": [rafe.pk, bad], "add": "1"}
    )

    assert response.status_code == 200
    assert "cannot be added" in response.content.decode()
    assert planning_day.participants.count() == 1


def test_the_facilitator_may_not_add_people(client_for, worker, planning_day, provider):
    rafe = PersonFactory.create(organisation=provider)
    client = client_for(worker)

    assert client.get(event_url(planning_day, "people/add/")).status_code == 403
    response = client.post(
        event_url(planning_day, "people/add/"), {"people": [rafe.pk], "add": "1"}
    )
    assert response.status_code == 403
    assert planning_day.participants.count() == 1


@pytest.mark.parametrize("name", NOT_FOUND_FOR_EVENT)
def test_everyone_else_gets_not_found_for_adding_people(
    name, persona, client_for, planning_day, provider
):
    rafe = PersonFactory.create(organisation=provider)

    response = client_for(persona(name)).post(
        event_url(planning_day, "people/add/"), {"people": [rafe.pk], "add": "1"}
    )

    assert response.status_code == 404
    assert planning_day.participants.count() == 1


def test_the_add_page_shows_at_most_a_hundred_people_and_says_how_to_find_the_rest(
    client_for, coordinator, planning_day, provider
):
    PersonFactory.create_batch(102, organisation=provider)

    content = client_for(coordinator).get(event_url(planning_day, "people/add/")).content.decode()

    assert content.count('name="people"') == 100
    assert "2 more people are not shown. Search by name to find them." in content


def test_the_service_adds_only_people_of_the_events_organisation(
    coordinator, planning_day, other_provider, provider
):
    ours = PersonFactory.create(organisation=provider)
    theirs = PersonFactory.create(organisation=other_provider)

    with pytest.raises(ValidationError):
        add_participants(actor=coordinator, event=planning_day, people=[ours, theirs])

    assert planning_day.participants.count() == 1
