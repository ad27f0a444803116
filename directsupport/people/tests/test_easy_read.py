"""The person's page in easy read: short sentences, a picture beside each idea, read aloud."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from directsupport.audit.models import Action, AuditEvent
from directsupport.people.models import Closeness, KeyDate, PreferredFormat, Sector
from tests.factories import CircleMemberFactory, PersonFactory

pytestmark = pytest.mark.django_db


def found(pattern: str, text: str, flags: int = 0) -> str:
    match = re.search(pattern, text, flags)
    assert match is not None, f"{pattern!r} not found"
    return match.group(0)


READERS = [
    "coordinator",
    "manager",
    "worker",
    "sister_user",
    "person_user",
    "commissioner",
    "finance",
    "market_shaper",
]
NO_ACCESS = [
    "other_worker",
    "neighbour_user",
    "other_commissioner",
    "supplier",
    "outsider",
    "expert",
]


@pytest.fixture
def circle(dee, sister, neighbour):
    return [sister, neighbour]


def url(person) -> str:
    return f"/people/{person.pk}/easy-read/"


@pytest.mark.parametrize("name", READERS)
def test_everyone_who_may_see_dee_gets_her_easy_read_page(name, request, client_for, dee, circle):
    response = client_for(request.getfixturevalue(name)).get(url(dee))

    assert response.status_code == 200
    assert "My name is Dee." in response.content.decode()


@pytest.mark.parametrize("name", NO_ACCESS)
def test_everyone_else_gets_not_found(name, request, client_for, dee, circle):
    response = client_for(request.getfixturevalue(name)).get(url(dee))

    assert response.status_code == 404
    assert b"My name is" not in response.content


def test_looking_is_audited(client_for, worker, dee):
    client_for(worker).get(url(dee))

    event = AuditEvent.objects.get(action=Action.VIEW, actor=worker)
    assert (event.person_id, event.summary) == (dee.pk, "Easy-read page")


def test_short_sentences_each_with_a_picture_in_large_type(client_for, person_user, dee, circle):
    KeyDate.objects.create(person=dee, label="My birthday", date=dt.date(1990, 5, 3))

    content = client_for(person_user).get(url(dee)).content.decode()

    assert re.search(r'<body class="easy-read"', content)
    for sentence in (
        "My name is Dee.",
        "My full name is Adaeze Okafor.",
        "I live in Northfield.",
        "How I talk",
        "Short spoken sentences and some Makaton signs.",
        "How to talk with me",
        "One question at a time; give me time to answer.",
        "I like my information in easy read.",
        "My circle: the people who help me",
        "Dates that matter to me",
        "<strong>My birthday</strong>: 3 May",
    ):
        assert sentence in content, sentence
    items = re.findall(r'<div class="easy-read-item">\s*<svg[^>]*>', content)
    assert len(items) >= 8
    assert all('aria-hidden="true"' in svg for svg in items)


def test_the_read_aloud_button_reads_the_page_content(client_for, person_user, dee):
    content = client_for(person_user).get(url(dee)).content.decode()

    button = found(r"<button[^>]*data-read-aloud[^>]*>", content)
    assert 'type="button"' in button
    assert 'data-read-aloud="easy-read-content"' in button
    assert "hidden" in button
    assert 'aria-pressed="false"' in button
    assert 'id="easy-read-content"' in content


def test_the_circle_is_listed_closest_first(client_for, person_user, dee, circle):
    CircleMemberFactory.create(
        person=dee, name="Aaron Further", relationship="my cousin", closeness=Closeness.FURTHER
    )
    CircleMemberFactory.create(
        person=dee,
        name="Zed Close",
        relationship="my keyworker",
        sector=Sector.PAID,
        closeness=Closeness.CLOSE,
    )

    content = client_for(person_user).get(url(dee)).content.decode()

    circle_part = content.split("My circle: the people who help me")[1].split("</ul>")[0]
    names = re.findall(r"<strong>(.*?)</strong>: (.*?)</li>", circle_part)
    assert names == [
        ("Ngozi Okafor", "my sister"),
        ("Zed Close", "my keyworker"),
        ("Bob Price", "my neighbour"),
        ("Aaron Further", "my cousin"),
    ]


def test_links_to_who_can_see_and_who_looked_for_the_person(client_for, person_user, dee):
    content = client_for(person_user).get(url(dee)).content.decode()

    assert f'href="/people/{dee.pk}/who-can-see/">Who can see my information' in content
    assert f'href="/people/{dee.pk}/who-looked/">Who looked at my information' in content


def test_a_commissioner_sees_the_easy_read_page_without_the_circle(
    client_for, commissioner, dee, circle
):
    content = client_for(commissioner).get(url(dee)).content.decode()

    assert "My name is Dee." in content
    assert "Ngozi" not in content
    assert "My circle" not in content
    assert "Who can see my information" not in content
    assert "Who looked at my information" not in content


def test_a_worker_does_not_get_the_who_looked_link(client_for, worker, dee):
    content = client_for(worker).get(url(dee)).content.decode()

    assert "/who-looked/" not in content.split('id="easy-read-content"')[1]


def test_nothing_written_down_yet_is_said_plainly(client_for, coordinator, provider):
    person = PersonFactory.create(
        organisation=provider, first_name="Sam", last_name="Jones", town="", area=None
    )

    content = client_for(coordinator).get(url(person)).content.decode()

    assert "My name is Sam." in content
    assert "My full name" not in content
    assert "I live in" not in content
    assert "This is not written down yet." in content
    assert "There is nobody in my circle yet." in content
    assert "No dates are written down yet." in content


@pytest.mark.parametrize(
    ("chosen", "sentence"),
    [
        (PreferredFormat.READ_ALOUD, "I like my information read aloud to me."),
        (PreferredFormat.LARGE_PRINT, "I like my information in large print."),
        (PreferredFormat.STANDARD, "I like my information in standard print."),
    ],
)
def test_the_chosen_format_is_said_in_words(chosen, sentence, client_for, coordinator, dee):
    dee.preferred_format = chosen
    dee.save()

    assert sentence in client_for(coordinator).get(url(dee)).content.decode()


@pytest.mark.parametrize("chosen", [PreferredFormat.EASY_READ, PreferredFormat.READ_ALOUD])
def test_a_person_who_chose_easy_read_or_read_aloud_lands_here(
    chosen, client_for, person_user, dee
):
    dee.preferred_format = chosen
    dee.save()

    response = client_for(person_user).get("/")

    assert response.status_code == 302
    assert response["Location"] == url(dee)
