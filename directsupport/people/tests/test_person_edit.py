"""Adding a person and changing their details: who may, what is checked, what is audited, and
two people editing at once (the second gets a conflict page, nothing is overwritten)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from directsupport.accounts.roles import Role
from directsupport.audit.models import Action, AuditEvent
from directsupport.people.models import Person, PreferredFormat, Stage
from directsupport.people.services import EditConflict, update_person
from directsupport.people.tests.conftest import EDITORS, NO_ACCESS, READ_ONLY
from tests.factories import AreaFactory, UserFactory

pytestmark = pytest.mark.django_db


def details(**overrides) -> dict:
    """A complete, valid form as a coordinator would fill it in."""
    data = {
        "first_name": "Jonathan",
        "last_name": "Mensah",
        "preferred_name": "Jon",
        "date_of_birth": "1988-03-27",
        "address_line_1": "12 Willow Court",
        "address_line_2": "",
        "town": "London",
        "postcode": "hf3 9zz",
        "area": "",
        "communicates_by": "Speaks in short sentences.",
        "communicate_with_me": "Give me time to answer.",
        "communication_support": "An advocate at meetings",
        "preferred_format": PreferredFormat.LARGE_PRINT,
        "funding_council": "",
        "coordinator": "",
        "stage": Stage.PLANNING,
        "user": "",
    }
    data.update(overrides)
    return data


def edit_form_of(person: Person, **overrides) -> dict:
    data = details(
        first_name=person.first_name,
        last_name=person.last_name,
        preferred_name=person.preferred_name,
        date_of_birth=person.date_of_birth.isoformat() if person.date_of_birth else "",
        address_line_1=person.address_line_1,
        town=person.town,
        postcode=person.postcode,
        area=person.area_id or "",
        communicates_by=person.communicates_by,
        communicate_with_me=person.communicate_with_me,
        communication_support=person.communication_support,
        preferred_format=person.preferred_format,
        funding_council=person.funding_council_id or "",
        coordinator=person.coordinator_id or "",
        stage=person.stage,
        user=person.user_id or "",
        version=person.version,
    )
    data.update(overrides)
    return data


# --- Adding -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EDITORS)
def test_editors_may_add_a_person(name, persona, client_for, provider, council, coordinator):
    area = AreaFactory.create(organisation=provider, name="Riverside")

    response = client_for(persona(name)).post(
        "/people/add/",
        details(area=area.pk, funding_council=council.pk, coordinator=coordinator.pk),
    )

    person = Person.objects.get(last_name="Mensah")
    assert response.status_code == 302
    assert response["Location"] == f"/people/{person.pk}/"
    assert person.organisation == provider
    assert person.display_name == "Jon Mensah"
    assert person.postcode == "HF3 9ZZ"
    assert person.area == area
    assert person.funding_council == council
    assert person.coordinator == coordinator
    assert person.preferred_format == PreferredFormat.LARGE_PRINT
    assert person.communication_support == "An advocate at meetings"
    assert person.version == 1


def test_adding_is_audited_with_the_new_values(client_for, coordinator, provider):
    client_for(coordinator).post("/people/add/", details())

    person = Person.objects.get(last_name="Mensah")
    event = AuditEvent.objects.get(action=Action.CREATE, person_id=person.pk)
    assert event.actor == coordinator
    assert event.changes["first_name"] == {"from": None, "to": "Jonathan"}
    assert event.changes["preferred_format"] == {"from": None, "to": "large_print"}
    assert "photo" not in event.changes


@pytest.mark.parametrize("name", [*READ_ONLY, "other_worker"])
def test_others_may_not_add_people(name, persona, client_for):
    client = client_for(persona(name))

    assert client.get("/people/add/").status_code == 403
    assert client.post("/people/add/", details()).status_code == 403
    assert not Person.objects.filter(last_name="Mensah").exists()
    assert AuditEvent.objects.filter(action=Action.DENIED).count() == 2


@pytest.mark.parametrize("name", ["supplier", "expert"])
def test_roles_that_see_no_people_are_not_told_there_is_an_add_page(name, persona, client_for):
    """404 like every other people page for them, not "you can look but not change"."""
    client = client_for(persona(name))

    assert client.get("/people/add/").status_code == 404
    assert client.post("/people/add/", details()).status_code == 404
    assert not Person.objects.filter(last_name="Mensah").exists()


def test_missing_names_are_explained_and_nothing_typed_is_lost(client_for, coordinator):
    response = client_for(coordinator).post(
        "/people/add/", details(first_name="", last_name="  ", preferred_name="Jon")
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("Enter their first name.") == 2  # in the summary and by the field
    assert "Enter their last name." in content
    assert "<title>Error: Add a person" in content
    assert 'value="Jon"' in content
    assert 'value="12 Willow Court"' in content
    assert "Speaks in short sentences." in content
    assert re.search(
        r'<input type="radio" name="preferred_format" value="large_print"[^>]*checked', content
    )
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date_of_birth", "2999-01-01", "The date of birth must be in the past."),
        ("date_of_birth", "31/02/1990", "Enter a real date of birth"),
        ("postcode", "not a postcode", "Enter a full UK postcode, like HF1 2AB."),
        ("stage", "nowhere", "Select a valid choice"),
    ],
)
def test_bad_details_get_a_clear_message(field, value, message, client_for, coordinator):
    response = client_for(coordinator).post("/people/add/", details(**{field: value}))

    assert message in response.content.decode()
    assert 'value="Jonathan"' in response.content.decode()
    assert not Person.objects.exists()


def test_dates_can_be_typed_the_uk_way(client_for, coordinator):
    client_for(coordinator).post("/people/add/", details(date_of_birth="27/3/1988"))

    assert Person.objects.get().date_of_birth == dt.date(1988, 3, 27)


def test_choices_come_only_from_the_users_organisation(
    client_for, coordinator, dee, other_provider, outsider
):
    their_area = AreaFactory.create(organisation=other_provider, name="Far Away")
    their_coordinator = outsider

    response = client_for(coordinator).post(
        "/people/add/", details(area=their_area.pk, coordinator=their_coordinator.pk)
    )

    content = response.content.decode()
    assert content.count("Select a valid choice") >= 2
    assert "Far Away" not in content
    assert "Vic Stone" not in content
    assert "Northfield" in content  # Willowbrook's own area is offered
    assert not Person.objects.filter(last_name="Mensah").exists()


def test_a_sign_in_already_linked_to_someone_is_not_offered(
    client_for, coordinator, dee, person_user, provider
):
    free = UserFactory.create(organisation=provider, role=Role.PERSON, full_name="Free Person")

    response = client_for(coordinator).get("/people/add/")

    offered = list(response.context["form"].fields["user"].queryset)
    assert offered == [free]
    assert "Free Person" in response.content.decode()


# --- Changing ---------------------------------------------------------------------------------


def edit_url(person: Person) -> str:
    return f"/people/{person.pk}/change/"


@pytest.mark.parametrize("name", EDITORS)
def test_editors_may_change_details(name, persona, client_for, dee):
    client = client_for(persona(name))
    form = client.get(edit_url(dee))
    assert form.status_code == 200
    assert f'name="version" value="{dee.version}"'.encode() in form.content

    response = client.post(edit_url(dee), edit_form_of(dee, communication_support="Makaton"))

    dee.refresh_from_db()
    assert response.status_code == 302
    assert dee.communication_support == "Makaton"
    assert dee.version == 2


@pytest.mark.parametrize("name", READ_ONLY)
def test_read_only_viewers_are_forbidden_to_change(name, persona, client_for, dee):
    client = client_for(persona(name))

    assert client.get(edit_url(dee)).status_code == 403
    assert client.post(edit_url(dee), edit_form_of(dee, last_name="Changed")).status_code == 403
    dee.refresh_from_db()
    assert dee.last_name == "Okafor"
    denied = AuditEvent.objects.filter(action=Action.DENIED, person_id=dee.pk)
    assert denied.count() == 2


@pytest.mark.parametrize("name", NO_ACCESS)
def test_everyone_else_gets_not_found_when_changing(name, persona, client_for, dee):
    client = client_for(persona(name))

    assert client.get(edit_url(dee)).status_code == 404
    assert client.post(edit_url(dee), edit_form_of(dee, last_name="Changed")).status_code == 404
    dee.refresh_from_db()
    assert dee.last_name == "Okafor"


def test_changing_is_audited_with_old_and_new_values(client_for, coordinator, dee, council):
    client_for(coordinator).post(
        edit_url(dee), edit_form_of(dee, preferred_name="Daisy", funding_council="")
    )

    event = AuditEvent.objects.get(action=Action.UPDATE, person_id=dee.pk)
    assert event.actor == coordinator
    assert event.changes == {
        "preferred_name": {"from": "Dee", "to": "Daisy"},
        "funding_council": {"from": "Hollowfield Council", "to": None},
    }


def test_a_mistake_keeps_what_was_typed_and_changes_nothing(client_for, coordinator, dee):
    response = client_for(coordinator).post(
        edit_url(dee),
        edit_form_of(dee, first_name="", communicates_by="Uses a picture board now."),
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Enter their first name." in content
    assert "Uses a picture board now." in content
    assert "<h1>Dee Okafor</h1>" in content  # the heading shows the saved record
    dee.refresh_from_db()
    assert dee.communicates_by == "Short spoken sentences and some Makaton signs."
    assert dee.version == 1


def test_a_missing_version_is_explained(client_for, coordinator, dee):
    data = edit_form_of(dee)
    del data["version"]

    response = client_for(coordinator).post(edit_url(dee), data)

    assert b"This page was out of date." in response.content


# --- Two people editing at once ---------------------------------------------------------------


def test_the_second_save_gets_a_conflict_and_overwrites_nothing(
    client_for, coordinator, manager, dee
):
    priya, helen = client_for(coordinator), client_for(manager)
    priya.get(edit_url(dee))
    helen.get(edit_url(dee))  # both start from version 1

    first = priya.post(edit_url(dee), edit_form_of(dee, communication_support="BSL interpreter"))
    second = helen.post(
        edit_url(dee),
        edit_form_of(dee, communication_support="Makaton signer", town="Hollowfield"),
    )

    assert first.status_code == 302
    assert second.status_code == 409
    dee.refresh_from_db()
    assert dee.communication_support == "BSL interpreter"  # the first change is kept
    assert dee.town == "London"  # nothing of the second was saved
    assert dee.version == 2
    assert AuditEvent.objects.filter(action=Action.UPDATE).count() == 1

    content = second.content.decode()
    assert "Someone else changed these details" in content
    assert "Your version" in content and "Saved version" in content
    assert "Makaton signer" in content and "BSL interpreter" in content
    assert "Hollowfield" in content
    # The typed values are kept in a form that now carries the saved version.
    assert 'name="version" value="2"' in content
    assert 'value="Makaton signer"' in content


def test_the_conflict_form_can_be_saved_again(client_for, coordinator, manager, dee):
    priya, helen = client_for(coordinator), client_for(manager)
    priya.post(edit_url(dee), edit_form_of(dee, communication_support="BSL interpreter"))
    helen.post(edit_url(dee), edit_form_of(dee, communication_support="Makaton signer"))

    again = helen.post(
        edit_url(dee), edit_form_of(dee, communication_support="Makaton signer", version=2)
    )

    assert again.status_code == 302
    dee.refresh_from_db()
    assert dee.communication_support == "Makaton signer"
    assert dee.version == 3


def test_conflict_rows_list_only_the_fields_that_differ(client_for, coordinator, manager, dee):
    client_for(coordinator).post(edit_url(dee), edit_form_of(dee, stage=Stage.ISF_LIVE))

    response = client_for(manager).post(edit_url(dee), edit_form_of(dee))

    rows = response.context["differences"]
    assert [(row.label, row.yours, row.saved) for row in rows] == [
        ("Stage", "Getting started", "Living with an ISF")
    ]


def test_the_service_refuses_a_stale_version(coordinator, dee):
    update_person(actor=coordinator, person=dee, expected_version=1, changes={"town": "Leeds"})

    with pytest.raises(EditConflict) as conflict:
        update_person(actor=coordinator, person=dee, expected_version=1, changes={"town": "York"})

    assert conflict.value.saved.town == "Leeds"
    assert conflict.value.saved.version == 2
    dee.refresh_from_db()
    assert dee.town == "Leeds"


def test_the_update_itself_checks_the_version(coordinator, dee, monkeypatch):
    """Even if someone saves between reading the record and writing it, the conditional UPDATE
    refuses: the row is no longer at the expected version."""
    from directsupport.people import services

    real_snapshot = services._snapshot
    calls: list[Person] = []

    def someone_saves_meanwhile(person):
        if not calls:
            Person.objects.filter(pk=dee.pk).update(town="Leeds", version=2)
        calls.append(person)
        return real_snapshot(person)

    monkeypatch.setattr(services, "_snapshot", someone_saves_meanwhile)

    with pytest.raises(EditConflict):
        update_person(actor=coordinator, person=dee, expected_version=1, changes={"town": "York"})

    # (The simulated save ran inside our transaction, so it was rolled back with it.)
    dee.refresh_from_db()
    assert dee.town != "York"
    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()
