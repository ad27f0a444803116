"""'Who looked at my information': the person and the staff responsible for them see the audit
rows about the person, in plain words, refused attempts included. Everyone else gets a 404."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directsupport.audit.models import Action, AuditEvent
from directsupport.audit.services import record_event
from directsupport.people.tests.conftest import READERS

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
ALLOWED = ["person_user", "coordinator", "manager"]


def url(person) -> str:
    return f"/people/{person.pk}/who-looked/"


def looked(actor, person, at: dt.datetime, summary: str = "Person page") -> AuditEvent:
    """An audit row at a chosen time (rows cannot be changed afterwards, even in tests)."""
    return AuditEvent.objects.create(
        at=at,
        actor=actor,
        actor_label=actor.email,
        actor_role=actor.role,
        organisation_id=actor.organisation_id,
        person_id=person.pk,
        subject_type="people.person",
        subject_id=str(person.pk),
        action=Action.VIEW,
        summary=summary,
    )


def sentences(response) -> list[str]:
    return [entry["sentence"] for entry in response.context["entries"]]


@pytest.mark.parametrize("name", ALLOWED)
def test_the_person_and_their_coordinators_and_managers_may_see_it(name, persona, client_for, dee):
    response = client_for(persona(name)).get(url(dee))

    assert response.status_code == 200


@pytest.mark.parametrize("name", [n for n in READERS if n not in ALLOWED])
def test_others_who_may_see_dee_may_not_see_who_looked(name, persona, client_for, dee):
    response = client_for(persona(name)).get(url(dee))

    assert response.status_code == 404
    event = AuditEvent.objects.get(action=Action.DENIED)
    assert event.person_id == dee.pk
    assert event.subject_type == "audit.auditevent"


@pytest.mark.parametrize(
    "name", ["other_worker", "neighbour_user", "other_commissioner", "supplier", "outsider"]
)
def test_everyone_else_gets_not_found(name, persona, client_for, dee):
    assert client_for(persona(name)).get(url(dee)).status_code == 404


def test_a_person_sees_only_their_own(client_for, person_user, dee, provider):
    from tests.factories import PersonFactory

    other = PersonFactory.create(organisation=provider)

    assert client_for(person_user).get(url(other)).status_code == 404


def test_looks_are_told_in_plain_words(client_for, person_user, coordinator, dee):
    looked(coordinator, dee, dt.datetime(2026, 3, 3, 14, 5, tzinfo=LONDON))

    response = client_for(person_user).get(url(dee))

    assert sentences(response) == [
        "Priya Shah (coordinator) looked at your page on 3 March 2026 at 14:05"
    ]
    assert "Priya Shah (coordinator) looked at your page on 3 March 2026 at 14:05" in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    ("summary", "words"),
    [
        ("Plan Book versions", "your Plan Book versions"),
        ("Person-centred tools", "your person-centred tools"),
        ("My Perfect Week page", "your Perfect Week page"),
        ("", "your information"),
    ],
)
def test_every_page_is_named_as_the_log_names_it(
    summary, words, client_for, person_user, coordinator, dee
):
    looked(coordinator, dee, dt.datetime(2026, 3, 3, 14, 5, tzinfo=LONDON), summary=summary)

    response = client_for(person_user).get(url(dee))

    assert sentences(response) == [
        f"Priya Shah (coordinator) looked at {words} on 3 March 2026 at 14:05"
    ]


def test_times_are_shown_in_london_time(client_for, person_user, coordinator, dee):
    looked(coordinator, dee, dt.datetime(2026, 7, 1, 8, 30, tzinfo=dt.UTC))  # summer time

    response = client_for(person_user).get(url(dee))

    assert sentences(response)[0].endswith("on 1 July 2026 at 09:30")


def test_refused_attempts_are_shown_without_naming_the_person_refused(
    client_for, person_user, outsider, dee
):
    client_for(outsider).get(f"/people/{dee.pk}/")

    response = client_for(person_user).get(url(dee))

    [sentence] = sentences(response)
    assert sentence.startswith("Someone from Other Care Ltd was refused access on ")
    assert "Vic Stone" not in response.content.decode()
    assert response.context["entries"][0]["refused"] is True


def test_staff_see_the_persons_name_instead_of_your(client_for, coordinator, worker, dee):
    client_for(worker).get(f"/people/{dee.pk}/")

    response = client_for(coordinator).get(url(dee))

    assert sentences(response)[0].startswith("Sam Patel (support worker) looked at Dee's page on")
    assert "Who looked at Dee's information" in response.content.decode()


def test_the_viewers_own_looks_say_you(client_for, person_user, dee):
    client = client_for(person_user)
    client.get(f"/people/{dee.pk}/")

    response = client.get(url(dee))

    assert sentences(response)[0].startswith("You looked at your page on")


def test_commissioners_are_shown_with_their_council(client_for, coordinator, commissioner, dee):
    client_for(commissioner).get(f"/people/{dee.pk}/")

    response = client_for(coordinator).get(url(dee))

    assert sentences(response)[0].startswith(
        "Martin Hughes (commissioner at Hollowfield Council) looked at Dee's page"
    )


def test_changes_are_shown_too(client_for, coordinator, manager, dee):
    client_for(coordinator).post(
        f"/people/{dee.pk}/key-dates/add/", {"label": "Birthday", "date": "1990-05-17"}
    )

    response = client_for(manager).get(url(dee))

    assert sentences(response)[0].startswith(
        "Priya Shah (coordinator) added the key date Birthday on "
    )


def test_only_rows_about_this_person_are_shown(client_for, coordinator, dee, provider):
    from tests.factories import PersonFactory

    other = PersonFactory.create(organisation=provider, first_name="Zed")
    client_for(coordinator).get(f"/people/{other.pk}/")

    response = client_for(coordinator).get(url(dee))

    assert sentences(response) == []
    assert "Nobody has looked yet." in response.content.decode()


def test_looking_at_this_page_is_audited_too(client_for, person_user, dee):
    client = client_for(person_user)
    client.get(url(dee))

    event = AuditEvent.objects.get(action=Action.VIEW)
    assert event.summary == "Who looked at my information"
    assert (
        client.get(url(dee))
        .context["entries"][0]["sentence"]
        .startswith("You looked at your “who looked” page")
    )


def test_newest_first_in_pages_of_25(client_for, coordinator, dee):
    for minute in range(30):
        looked(coordinator, dee, dt.datetime(2025, 1, 1, 10, minute, tzinfo=LONDON), "Photo")

    first = client_for(coordinator).get(url(dee))
    second = client_for(coordinator).get(url(dee), {"page": 2})

    assert len(sentences(first)) == 25
    assert sentences(first)[0].endswith("at 10:29")
    assert len(sentences(second)) == 6  # the first visit was written down too, at the top
    assert sentences(second)[-1].endswith("at 10:00")
    assert re.search(rb'href="\?page=2" rel="next"', first.content)


def test_queries_do_not_grow_with_the_number_of_rows(
    client_for, coordinator, worker, commissioner, dee
):
    client = client_for(coordinator)
    client.get(url(dee))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(url(dee))
        return len(queries)

    few = count()
    for actor in (worker, commissioner) * 10:
        record_event(actor=actor, action=Action.VIEW, person_id=dee.pk, summary="Person page")
    many = count()

    assert few == many
