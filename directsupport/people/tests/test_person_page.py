"""A person's page (About): who may see it, what it shows, the shared layout, constant queries."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directsupport.audit.models import Action, AuditEvent
from directsupport.people.models import KeyDate, PreferredFormat
from directsupport.people.tests.conftest import NO_ACCESS, READ_ONLY, READERS
from tests.factories import CircleMemberFactory, PersonFactory, SupportAssignmentFactory

pytestmark = pytest.mark.django_db


def part_of(content: str, pattern: str) -> str:
    match = re.search(pattern, content, re.S)
    assert match is not None, f"{pattern} not on the page"
    return match.group(0)


def page_of(dee) -> str:
    return f"/people/{dee.pk}/"


@pytest.mark.parametrize("name", READERS)
def test_people_who_may_see_dee_get_her_page(name, persona, client_for, dee):
    response = client_for(persona(name)).get(page_of(dee))

    assert response.status_code == 200
    assert b"<h1>Dee Okafor</h1>" in response.content


@pytest.mark.parametrize("name", NO_ACCESS)
def test_everyone_else_gets_not_found(name, persona, client_for, dee):
    response = client_for(persona(name)).get(page_of(dee))

    assert response.status_code == 404
    assert b"Okafor" not in response.content


def test_a_person_sees_only_their_own_page(client_for, person_user, dee, provider):
    someone_else = PersonFactory.create(organisation=provider)

    assert client_for(person_user).get(page_of(dee)).status_code == 200
    assert client_for(person_user).get(page_of(someone_else)).status_code == 404


def test_a_page_that_does_not_exist_is_not_found(client_for, coordinator, dee):
    assert client_for(coordinator).get("/people/987654/").status_code == 404


def test_looking_writes_an_audit_row(client_for, coordinator, dee):
    client_for(coordinator).get(page_of(dee))

    event = AuditEvent.objects.get(action=Action.VIEW, person_id=dee.pk)
    assert event.actor == coordinator
    assert event.actor_role == "coordinator"
    assert event.subject_type == "people.person"
    assert event.path == page_of(dee)


def test_a_refused_look_writes_a_denied_audit_row(client_for, outsider, dee):
    client_for(outsider).get(page_of(dee))

    event = AuditEvent.objects.get(action=Action.DENIED)
    assert event.actor == outsider
    assert event.person_id == dee.pk
    assert event.organisation == outsider.organisation
    assert not AuditEvent.objects.filter(action=Action.VIEW).exists()


# --- What the page shows ----------------------------------------------------------------------


def test_about_shows_the_record(client_for, coordinator, dee):
    dee.date_of_birth = dt.date(1990, 5, 17)
    dee.address_line_1 = "4 Elm Road"
    dee.postcode = "HF1 2AB"
    dee.save()
    today = timezone.localdate()
    age = today.year - 1990 - ((today.month, today.day) < (5, 17))

    content = client_for(coordinator).get(page_of(dee)).content.decode()

    assert "Adaeze Okafor" in content
    assert f"17 May 1990 (age {age})" in content
    assert "4 Elm Road" in content
    assert "HF1 2AB" in content
    assert "Northfield" in content
    assert "Hollowfield Council" in content
    assert "Priya Shah" in content
    assert "Getting started" in content


def test_communication_needs_are_shown_in_their_own_box(client_for, worker, dee):
    content = client_for(worker).get(page_of(dee)).content.decode()
    box = part_of(content, r'<section class="communication-needs".*?</section>')

    assert "How I communicate" in box
    assert "Short spoken sentences and some Makaton signs." in box
    assert "How to communicate with me" in box
    assert "One question at a time; give me time to answer." in box
    assert "Support I need" in box
    assert "How I like my information" in box
    assert "Easy read" in box


def test_initials_stand_in_for_a_missing_photo(client_for, coordinator, dee):
    content = client_for(coordinator).get(page_of(dee)).content.decode()

    assert re.search(r'person-photo--placeholder" aria-hidden="true">DO<', content)
    assert "/photo/" not in content


def test_key_dates_show_when_they_next_come_round(client_for, coordinator, dee):
    today = timezone.localdate()
    in_twelve_days = today + dt.timedelta(days=12)
    KeyDate.objects.create(
        person=dee, label="Birthday", date=in_twelve_days.replace(year=1990), every_year=True
    )
    KeyDate.objects.create(person=dee, label="Moved in", date=today, every_year=True)
    KeyDate.objects.create(
        person=dee, label="Old review", date=today - dt.timedelta(days=3), every_year=False
    )

    content = client_for(coordinator).get(page_of(dee)).content.decode()

    assert "in 12 days" in content
    assert f"{in_twelve_days:%-d %B %Y}" in content
    assert "<strong>today</strong>" in content
    assert "Gone by" in content
    # Soonest first, dates gone by last.
    assert content.index("Moved in") < content.index("Birthday") < content.index("Old review")


def test_support_team_is_listed(client_for, finance, dee, other_worker):
    content = client_for(finance).get(page_of(dee)).content.decode()
    team = content[content.index('id="support-team"') :]

    assert "Sam Patel" in team
    assert "Ola Adeyemi" not in team


@pytest.mark.parametrize("name", ["coordinator", "manager"])
def test_editors_see_change_links(name, persona, client_for, dee):
    content = client_for(persona(name)).get(page_of(dee)).content.decode()

    assert f'href="/people/{dee.pk}/change/"' in content
    assert f'href="/people/{dee.pk}/key-dates/add/"' in content
    assert f'href="/people/{dee.pk}/support-team/"' in content


@pytest.mark.parametrize("name", READ_ONLY)
def test_read_only_viewers_see_no_change_links(name, persona, client_for, dee):
    content = client_for(persona(name)).get(page_of(dee)).content.decode()

    assert "/change/" not in content
    assert "/key-dates/add/" not in content
    assert "/support-team/" not in content


# --- The circle section -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "sees_circle", "sees_contacts"),
    [
        ("coordinator", True, True),
        ("manager", True, True),
        ("worker", True, True),
        ("person_user", True, True),
        ("sister_user", True, False),
        ("commissioner", False, False),
        ("finance", False, False),
        ("market_shaper", False, False),
    ],
)
def test_circle_section_only_for_those_who_may_see_the_circle(
    name, sees_circle, sees_contacts, persona, client_for, dee, everyone
):
    response = client_for(persona(name)).get(page_of(dee))

    assert response.context["show_circle"] is sees_circle
    assert ('id="circle"' in response.content.decode()) is sees_circle
    if sees_circle:
        members = response.context["circle_members"]
        assert {member.name for member in members} == {"Ngozi Okafor", "Bob Price"}
        assert response.context["can_see_contacts"] is sees_contacts
    else:
        assert "circle_members" not in response.context
        assert b"Bob Price" not in response.content


# --- The shared layout ------------------------------------------------------------------------


def test_sub_navigation_links_the_pages_about_the_person(client_for, coordinator, dee):
    content = client_for(coordinator).get(page_of(dee)).content.decode()
    nav = part_of(content, r'<nav class="sub-nav".*?</nav>')

    assert f'<a href="/people/{dee.pk}/" aria-current="page">About</a>' in nav
    assert f'href="/people/{dee.pk}/easy-read/"' in nav
    assert f'href="/people/{dee.pk}/who-looked/"' in nav


def test_sub_navigation_hides_pages_the_viewer_may_not_open(client_for, commissioner, dee):
    content = client_for(commissioner).get(page_of(dee)).content.decode()
    nav = part_of(content, r'<nav class="sub-nav".*?</nav>')

    assert "who-looked" not in nav
    assert "Circle of support" not in nav


def test_large_print_for_the_person_themself(client_for, person_user, sister_user, dee, sister):
    dee.preferred_format = PreferredFormat.LARGE_PRINT
    dee.save()

    own = client_for(person_user).get(page_of(dee)).content.decode()
    sisters = client_for(sister_user).get(page_of(dee)).content.decode()

    assert '<body class="format-large_print"' in own
    assert "format-large_print" not in sisters


def test_no_large_print_when_the_person_chose_another_format(client_for, person_user, dee):
    content = client_for(person_user).get(page_of(dee)).content.decode()

    assert "format-large_print" not in content


# --- Speed ------------------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["coordinator", "sister_user", "commissioner"])
def test_queries_do_not_grow_with_circle_key_dates_or_team(
    name, persona, client_for, dee, everyone, provider
):
    client = client_for(persona(name))
    client.get(page_of(dee))  # the first request of a session does one-off work
    few = _queries(client, page_of(dee))

    for n in range(15):
        CircleMemberFactory.create(person=dee, name=f"Friend {n}", may_see=n % 2 == 0)
        KeyDate.objects.create(person=dee, label=f"Date {n}", date=dt.date(2000, 1, n + 1))
        SupportAssignmentFactory.create(person=dee, worker__organisation=provider)
    many = _queries(client, page_of(dee))

    assert few == many
    assert many <= 12
