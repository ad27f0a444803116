"""The circle of support page, and adding, changing and removing people in the circle."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directsupport.accounts.roles import Role
from directsupport.audit.models import Action, AuditEvent
from directsupport.people.models import CircleMember, Closeness, Sector
from directsupport.people.tests.personas_by_access import NO_CIRCLE_ACCESS
from tests.factories import CircleMemberFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def found(pattern: str, text: str, flags: int = 0) -> str:
    match = re.search(pattern, text, flags)
    assert match is not None, f"{pattern!r} not found"
    return match.group(0)


# Who may look at Dee's circle, who may change it, and who gets "not found".
CIRCLE_READERS = ["coordinator", "manager", "worker", "sister_user", "person_user"]
CIRCLE_EDITORS = ["coordinator", "manager"]
CIRCLE_READ_ONLY = ["worker", "sister_user", "person_user"]


def circle_url(person) -> str:
    return f"/people/{person.pk}/circle/"


def add_url(person) -> str:
    return f"/people/{person.pk}/circle/add/"


def edit_url(person, member) -> str:
    return f"/people/{person.pk}/circle/{member.pk}/change/"


def remove_url(person, member) -> str:
    return f"/people/{person.pk}/circle/{member.pk}/remove/"


def new_member(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Marcus Lee",
        "relationship": "my friend from football",
        "sector": Sector.FRIENDS,
        "closeness": str(Closeness.CLOSE),
        "phone": "07700 900456",
        "email": "marcus@example.org",
        "address": "",
        "login_email": "",
    }
    data.update(overrides)
    return data


# --- Looking at the circle --------------------------------------------------------------------


@pytest.mark.parametrize("name", CIRCLE_READERS)
def test_people_close_to_dee_see_her_circle(name, request, client_for, dee, circle):
    response = client_for(request.getfixturevalue(name)).get(circle_url(dee))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Ngozi Okafor" in content
    assert 'role="img"' in content


@pytest.mark.parametrize("name", NO_CIRCLE_ACCESS)
def test_everyone_else_gets_not_found_for_the_circle(name, request, client_for, dee, circle):
    response = client_for(request.getfixturevalue(name)).get(circle_url(dee))

    assert response.status_code == 404
    assert b"Ngozi" not in response.content


def test_a_refused_look_at_the_circle_is_audited(client_for, commissioner, dee, circle):
    client_for(commissioner).get(circle_url(dee))

    denied = AuditEvent.objects.get(action=Action.DENIED, actor=commissioner)
    assert denied.person_id == dee.pk
    assert denied.subject_type == "people.circle"


def test_looking_at_the_circle_is_audited(client_for, worker, dee, circle):
    client_for(worker).get(circle_url(dee))

    event = AuditEvent.objects.get(action=Action.VIEW, actor=worker)
    assert event.person_id == dee.pk
    assert event.summary == "Circle of support"


def test_the_circle_shows_the_picture_its_words_and_what_each_member_may_do(
    client_for, coordinator, dee, circle
):
    content = client_for(coordinator).get(circle_url(dee)).content.decode()

    svg = found(r"<svg class=\"circle-diagram\".*?</svg>", content, re.S)
    assert f'aria-labelledby="circle-{dee.pk}-title circle-{dee.pk}-desc"' in svg
    assert f'<title id="circle-{dee.pk}-title">' in svg
    assert f'<desc id="circle-{dee.pk}-desc">' in svg
    assert ">Ngozi Okafor<" in svg
    words = found(r'<div class="circle-words">.*?</div>\s*</section>\s*</div>', content, re.S)
    assert "Ngozi Okafor, my sister" in words
    assert "Bob Price, my neighbour" in words
    table = found(r"<table class=\"circle-members\">.*?</table>", content, re.S)
    ngozi = found(r"Ngozi Okafor</th>.*?</tr>", table, re.S)
    assert "May see my information" in ngozi
    assert "May add to my plans" in ngozi
    bob = found(r"Bob Price</th>.*?</tr>", table, re.S)
    assert "Cannot see my information" in bob


def test_the_circle_pages_use_no_inline_styles(client_for, coordinator, dee, circle):
    for url in (circle_url(dee), add_url(dee), f"/people/{dee.pk}/who-can-see/"):
        content = client_for(coordinator).get(url).content.decode()
        assert " style=" not in content, url
        assert "<script>" not in content, url


def test_staff_and_the_person_see_contact_details(
    client_for, coordinator, person_user, dee, circle
):
    for user in (coordinator, person_user):
        content = client_for(user).get(circle_url(dee)).content.decode()
        assert "07700 900123" in content


def test_a_sister_sees_the_circle_but_not_other_peoples_contact_details(
    client_for, sister_user, dee, circle
):
    CircleMemberFactory.create(
        person=dee, name="Grace Okafor", phone="07700 900999", email="grace@example.org"
    )

    content = client_for(sister_user).get(circle_url(dee)).content.decode()

    assert "Grace Okafor" in content
    assert "07700 900999" not in content
    assert "grace@example.org" not in content
    assert "07700 900123" not in content
    assert "Add someone to the circle" not in content


def test_only_editors_are_offered_changes(client_for, coordinator, worker, dee, circle):
    assert b"Add someone to the circle" in client_for(coordinator).get(circle_url(dee)).content
    worker_page = client_for(worker).get(circle_url(dee)).content.decode()
    assert "Add someone to the circle" not in worker_page
    assert "/remove/" not in worker_page


def test_an_empty_circle_says_so(client_for, coordinator, dee):
    content = client_for(coordinator).get(circle_url(dee)).content.decode()

    assert "Nobody has been added to Dee's circle of support yet." in content


def test_html_in_a_members_name_is_shown_as_text(client_for, coordinator, person_user, dee):
    CircleMemberFactory.create(
        person=dee,
        name='<script>alert("x")</script>',
        relationship="<b>bold</b>",
        may_see=True,
    )

    for user, url in (
        (coordinator, circle_url(dee)),
        (coordinator, f"/people/{dee.pk}/who-can-see/"),
        (person_user, f"/people/{dee.pk}/who-can-see/"),
        (coordinator, f"/people/{dee.pk}/easy-read/"),
    ):
        content = client_for(user).get(url).content.decode()
        assert "<script>alert" not in content, url
        assert "&lt;script&gt;" in content, url
        assert "<b>bold</b>" not in content, url


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_circle_page_makes_the_same_queries_for_3_or_25_members(
    client_for, coordinator, provider
):
    small = PersonFactory.create(organisation=provider)
    large = PersonFactory.create(organisation=provider)
    sectors = Sector.values
    for index in range(3):
        CircleMemberFactory.create(person=small, sector=sectors[index % 4], may_see=True)
    for index in range(25):
        CircleMemberFactory.create(
            person=large,
            sector=sectors[index % 4],
            closeness=index % 4 + 1,
            user=UserFactory.create(organisation=provider, role=Role.CIRCLE),
            may_see=True,
        )
    client = client_for(coordinator)
    client.get(circle_url(small))  # warm the session

    assert count_queries(client, circle_url(small)) == count_queries(client, circle_url(large))
    assert count_queries(client, circle_url(large)) <= 12


# --- Adding someone -------------------------------------------------------------------------


@pytest.mark.parametrize("name", CIRCLE_EDITORS)
def test_editors_add_someone_to_the_circle(name, request, client_for, dee, circle):
    user = request.getfixturevalue(name)

    response = client_for(user).post(add_url(dee), new_member())

    assert response.status_code == 302
    assert response["Location"] == circle_url(dee)
    marcus = CircleMember.objects.get(person=dee, name="Marcus Lee")
    assert marcus.sector == Sector.FRIENDS
    assert marcus.closeness == Closeness.CLOSE
    assert marcus.phone == "07700 900456"


def test_adding_someone_never_lets_them_see_anything(
    client_for, coordinator, provider, dee, circle
):
    login = UserFactory.create(organisation=provider, role=Role.CIRCLE, email="marcus@example.org")

    client_for(coordinator).post(add_url(dee), new_member(login_email="Marcus@Example.org"))

    marcus = CircleMember.objects.get(person=dee, name="Marcus Lee")
    assert marcus.user == login
    assert (marcus.may_see, marcus.may_contribute) == (False, False)
    assert client_for(login).get(f"/people/{dee.pk}/").status_code == 404


def test_adding_someone_is_audited_with_the_new_values(client_for, coordinator, dee, circle):
    client_for(coordinator).post(add_url(dee), new_member())

    event = AuditEvent.objects.get(action=Action.CREATE, subject_type="people.circlemember")
    assert event.actor == coordinator
    assert event.person_id == dee.pk
    assert event.changes["name"] == {"from": None, "to": "Marcus Lee"}
    assert event.changes["sector"] == {"from": None, "to": "friends"}


def test_the_add_form_asks_with_plain_radios(client_for, coordinator, dee):
    content = client_for(coordinator).get(add_url(dee)).content.decode()

    assert "Which part of the circle are they in?" in content
    assert content.count('type="radio" name="sector"') == 4
    assert "Closest to me (the middle ring)" in content
    assert content.count('type="radio" name="closeness"') == 4
    assert "Adding someone does not let them see Dee's information" in content


@pytest.mark.parametrize("name", CIRCLE_READ_ONLY)
def test_people_who_may_only_look_cannot_add(name, request, client_for, dee, circle):
    client = client_for(request.getfixturevalue(name))

    assert client.get(add_url(dee)).status_code == 403
    assert client.post(add_url(dee), new_member()).status_code == 403
    assert not CircleMember.objects.filter(name="Marcus Lee").exists()


@pytest.mark.parametrize("name", ["other_worker", "neighbour_user", "commissioner", "outsider"])
def test_people_without_access_get_not_found_when_adding(name, request, client_for, dee, circle):
    response = client_for(request.getfixturevalue(name)).post(add_url(dee), new_member())

    assert response.status_code == 404
    assert not CircleMember.objects.filter(name="Marcus Lee").exists()


def test_missing_answers_get_clear_messages_and_keep_what_was_typed(
    client_for, coordinator, dee, circle
):
    response = client_for(coordinator).post(
        add_url(dee), new_member(name="  ", sector="", closeness="")
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error: " in content
    assert "Enter their name." in content
    assert "Choose which part of the circle they are in." in content
    assert "Choose how close they are to Dee." in content
    assert 'value="my friend from football"' in content
    assert 'value="07700 900456"' in content
    # The error summary links to the first radio button, which exists on the page.
    assert 'href="#id_sector_0"' in content
    assert 'id="id_sector_0"' in content
    assert CircleMember.objects.filter(person=dee).count() == 2


def test_an_unknown_sign_in_is_refused_clearly(client_for, coordinator, dee, circle):
    response = client_for(coordinator).post(
        add_url(dee), new_member(login_email="nobody@example.org")
    )

    assert response.status_code == 200
    assert "There is no circle member sign-in with the email address nobody@example.org" in (
        response.content.decode()
    )
    assert not CircleMember.objects.filter(name="Marcus Lee").exists()


def test_a_staff_sign_in_or_another_organisations_cannot_be_linked(
    client_for, coordinator, worker, other_provider, dee, circle
):
    elsewhere = UserFactory.create(
        organisation=other_provider, role=Role.CIRCLE, email="far@example.org"
    )
    for email in (worker.email, elsewhere.email):
        response = client_for(coordinator).post(add_url(dee), new_member(login_email=email))
        assert b"There is no circle member sign-in" in response.content
    assert not CircleMember.objects.filter(name="Marcus Lee").exists()


def test_a_sign_in_already_in_the_circle_cannot_be_linked_twice(
    client_for, coordinator, sister_user, dee, circle
):
    response = client_for(coordinator).post(add_url(dee), new_member(login_email=sister_user.email))

    assert "already linked to Ngozi Okafor" in response.content.decode()
    assert not CircleMember.objects.filter(name="Marcus Lee").exists()


# --- Changing someone -----------------------------------------------------------------------


def test_editors_change_a_member_and_the_change_is_audited(
    client_for, coordinator, dee, sister, neighbour
):
    response = client_for(coordinator).post(
        edit_url(dee, neighbour),
        new_member(
            name="Bob Price",
            relationship="my neighbour and friend",
            sector=Sector.FRIENDS,
            closeness="2",
            login_email="bob@example.org",
        ),
    )

    assert response.status_code == 302
    neighbour.refresh_from_db()
    assert neighbour.relationship == "my neighbour and friend"
    assert neighbour.sector == Sector.FRIENDS
    assert neighbour.may_see is False  # what Dee decided stays as it was
    event = AuditEvent.objects.get(action=Action.UPDATE, subject_type="people.circlemember")
    assert event.changes["sector"] == {"from": "community", "to": "friends"}
    assert event.changes["closeness"] == {"from": 3, "to": 2}
    assert "name" not in event.changes


def test_the_change_form_starts_with_the_members_details(client_for, coordinator, dee, sister):
    content = client_for(coordinator).get(edit_url(dee, sister)).content.decode()

    assert 'value="Ngozi Okafor"' in content
    assert 'value="07700 900123"' in content
    assert 'value="ngozi@example.org"' in content
    assert re.search(r'value="family"[^>]*checked', content)


@pytest.mark.parametrize("name", CIRCLE_READ_ONLY)
def test_people_who_may_only_look_cannot_change_a_member(name, request, client_for, dee, sister):
    client = client_for(request.getfixturevalue(name))

    assert client.get(edit_url(dee, sister)).status_code == 403
    response = client.post(edit_url(dee, sister), new_member(name="Changed"))
    assert response.status_code == 403
    sister.refresh_from_db()
    assert sister.name == "Ngozi Okafor"


def test_a_member_of_someone_elses_circle_is_not_found_through_dees_address(
    client_for, coordinator, provider, dee, sister
):
    other = PersonFactory.create(organisation=provider)
    stranger = CircleMemberFactory.create(person=other, name="Stranger Danger")
    client = client_for(coordinator)

    assert client.get(edit_url(dee, stranger)).status_code == 404
    assert client.post(edit_url(dee, stranger), new_member()).status_code == 404
    assert client.post(remove_url(dee, stranger)).status_code == 404
    stranger.refresh_from_db()
    assert stranger.name == "Stranger Danger"


@pytest.mark.parametrize("name", ["commissioner", "supplier", "outsider", "other_worker"])
def test_guessing_a_circle_members_address_is_not_found(name, request, client_for, dee, sister):
    client = client_for(request.getfixturevalue(name))

    assert client.get(edit_url(dee, sister)).status_code == 404
    assert client.get(remove_url(dee, sister)).status_code == 404


# --- Removing someone -----------------------------------------------------------------------


def test_removing_asks_first_then_removes_and_audits(client_for, coordinator, dee, sister):
    client = client_for(coordinator)

    confirm = client.get(remove_url(dee, sister))
    assert confirm.status_code == 200
    assert "Remove Ngozi Okafor from Dee's circle?" in confirm.content.decode()
    assert CircleMember.objects.filter(pk=sister.pk).exists()

    response = client.post(remove_url(dee, sister))

    assert response.status_code == 302
    assert not CircleMember.objects.filter(pk=sister.pk).exists()
    event = AuditEvent.objects.get(action=Action.DELETE, subject_type="people.circlemember")
    assert event.changes["name"] == {"from": "Ngozi Okafor", "to": None}
    assert event.changes["may_see"] == {"from": True, "to": None}


def test_someone_removed_from_the_circle_can_no_longer_see_dee(
    client_for, coordinator, sister_user, dee, sister
):
    assert client_for(sister_user).get(f"/people/{dee.pk}/").status_code == 200

    client_for(coordinator).post(remove_url(dee, sister))

    assert client_for(sister_user).get(f"/people/{dee.pk}/").status_code == 404


@pytest.mark.parametrize("name", CIRCLE_READ_ONLY)
def test_people_who_may_only_look_cannot_remove(name, request, client_for, dee, sister):
    client = client_for(request.getfixturevalue(name))

    assert client.get(remove_url(dee, sister)).status_code == 403
    assert client.post(remove_url(dee, sister)).status_code == 403
    assert CircleMember.objects.filter(pk=sister.pk).exists()


# --- On the About page ----------------------------------------------------------------------


def test_the_about_page_shows_the_circle_picture_and_words(client_for, coordinator, dee, circle):
    content = client_for(coordinator).get(f"/people/{dee.pk}/").content.decode()

    assert '<svg class="circle-diagram"' in content
    assert "Ngozi Okafor, my sister" in content
    assert f'href="/people/{dee.pk}/circle/"' in content


def test_keeping_the_same_sign_in_keeps_what_the_person_decided(
    client_for, coordinator, dee, sister
):
    client_for(coordinator).post(
        edit_url(dee, sister),
        new_member(
            name="Ngozi Okafor",
            relationship="my big sister",
            sector=Sector.FAMILY,
            closeness="1",
            login_email="ngozi@example.org",
        ),
    )
    sister.refresh_from_db()
    assert sister.relationship == "my big sister"
    assert sister.may_see and sister.may_contribute


def test_swapping_a_members_sign_in_for_someone_elses_resets_their_access(
    client_for, coordinator, dee, sister, provider
):
    UserFactory.create(organisation=provider, role=Role.CIRCLE, email="someone.else@example.org")
    client_for(coordinator).post(
        edit_url(dee, sister),
        new_member(
            name="Ngozi Okafor",
            relationship="my sister",
            sector=Sector.FAMILY,
            closeness="1",
            login_email="someone.else@example.org",
        ),
    )
    sister.refresh_from_db()
    assert sister.user.email == "someone.else@example.org"
    assert not sister.may_see and not sister.may_contribute
    event = AuditEvent.objects.get(action=Action.UPDATE, subject_type="people.circlemember")
    assert event.changes["may_see"] == {"from": True, "to": False}
