"""Calendar links: who may make, see and stop them, and the feed behind them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from directsupport.audit.models import Action, AuditEvent
from directsupport.week.models import CalendarFeed

from .feed_support import SECRET_NOTE, fill_week

LINK_MAKERS = ["person_user", "sister_user", "cousin_user"]
LINK_MANAGERS = ["coordinator", "manager"]
NO_LINKS_PAGE = [
    "worker",
    "market_shaper",
    "finance",
    "other_worker",
    "neighbour_user",
    "commissioner",
    "other_commissioner",
    "supplier",
    "outsider",
    "expert",
]


def links_url(person) -> str:
    return reverse("week:calendar_links", args=[person.pk])


def revoke_url(feed: CalendarFeed) -> str:
    return reverse("week:calendar_link_revoke", args=[feed.person_id, feed.pk])


def feed_url(feed: CalendarFeed) -> str:
    return reverse("week:calendar_feed", args=[feed.token])


@pytest.fixture
def week_entries(perfect_week, sister):
    return fill_week(perfect_week, sister)


@pytest.fixture
def sisters_link(everyone, dee, sister_user) -> CalendarFeed:
    return CalendarFeed.objects.create(person=dee, owner=sister_user)


@pytest.mark.parametrize("name", LINK_MAKERS + LINK_MANAGERS)
def test_the_person_circle_who_may_see_and_editors_open_the_links_page(
    name, persona, client_for, dee
):
    response = client_for(persona(name)).get(links_url(dee))

    assert response.status_code == 200
    assert "Calendar links" in response.content.decode()
    assert AuditEvent.objects.filter(person_id=dee.pk, action=Action.VIEW).exists()


@pytest.mark.parametrize("name", NO_LINKS_PAGE)
def test_everyone_else_finds_no_links_page(name, persona, client_for, dee):
    response = client_for(persona(name)).get(links_url(dee))

    assert response.status_code == 404
    assert AuditEvent.objects.filter(action=Action.DENIED, person_id=dee.pk).exists()


@pytest.mark.parametrize("name", LINK_MAKERS)
def test_the_person_and_circle_who_may_see_make_their_own_link(name, persona, client_for, dee):
    user = persona(name)

    response = client_for(user).post(links_url(dee))

    assert response.status_code == 302
    feed = CalendarFeed.objects.get(person=dee)
    assert feed.owner == user
    assert feed.is_active
    audit = AuditEvent.objects.get(action=Action.CREATE, subject_type="week.calendarfeed")
    assert audit.person_id == dee.pk
    assert audit.actor == user
    page = client_for(user).get(links_url(dee)).content.decode()
    assert f"webcal://testserver/week/calendar/{feed.token}.ics" in page
    assert f"https://testserver/week/calendar/{feed.token}.ics" in page
    assert "iPhone" in page
    assert "Android" in page


@pytest.mark.parametrize("name", LINK_MANAGERS)
def test_staff_editors_cannot_make_a_link_for_themselves(name, persona, client_for, dee):
    client = client_for(persona(name))

    response = client.post(links_url(dee))

    assert response.status_code == 404
    assert not CalendarFeed.objects.exists()
    assert "Make a calendar link" not in client.get(links_url(dee)).content.decode()


def test_the_neighbour_who_may_not_see_cannot_make_a_link(
    everyone, client_for, neighbour_user, dee
):
    response = client_for(neighbour_user).post(links_url(dee))

    assert response.status_code == 404
    assert not CalendarFeed.objects.exists()


def test_only_the_owner_sees_a_links_address(
    sisters_link, client_for, person_user, coordinator, cousin_user, dee
):
    for user in (person_user, coordinator):
        page = client_for(user).get(links_url(dee)).content.decode()
        assert "Link made by Ngozi Okafor" in page
        assert sisters_link.token not in page
    cousin_page = client_for(cousin_user).get(links_url(dee)).content.decode()
    assert "Ngozi" not in cousin_page.split("Calendar links</h2>", 1)[1]


def test_the_feed_is_served_to_a_calendar_app_without_signing_in(sisters_link, week_entries, dee):
    response = Client().get(feed_url(sisters_link))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Dee's Perfect Week"
    assert {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")} == {
        entry.what for entry in week_entries
    }


def test_the_sisters_feed_never_shows_notes_costs_or_phone_numbers(
    sisters_link, week_entries, rate_card
):
    content = Client().get(feed_url(sisters_link)).content.decode()

    assert SECRET_NOTE.split(",")[0] not in content
    assert "07700" not in content
    assert "£" not in content
    for entry in week_entries:
        assert f"week-entry-{entry.pk}@directyoursupport" in content


def test_a_revoked_link_is_not_found(sisters_link, client_for, sister_user, dee):
    response = client_for(sister_user).post(revoke_url(sisters_link))

    assert response.status_code == 302
    sisters_link.refresh_from_db()
    assert not sisters_link.is_active
    assert AuditEvent.objects.filter(
        action=Action.UPDATE, person_id=dee.pk, subject_id=str(sisters_link.pk)
    ).exists()
    assert Client().get(feed_url(sisters_link)).status_code == 404


def test_a_link_whose_owner_may_no_longer_see_is_not_found(sisters_link, sister):
    sister.may_see = False
    sister.may_contribute = False
    sister.save()

    assert Client().get(feed_url(sisters_link)).status_code == 404
    assert CalendarFeed.objects.get(pk=sisters_link.pk).is_active  # Still there, just refused.


def test_a_link_made_for_the_neighbour_is_not_found(everyone, dee, neighbour_user):
    feed = CalendarFeed.objects.create(person=dee, owner=neighbour_user)

    assert Client().get(feed_url(feed)).status_code == 404


def test_an_unknown_link_is_not_found_and_the_token_stays_out_of_the_audit_log(everyone):
    response = Client().get(reverse("week:calendar_feed", args=["made-up-token"]))

    assert response.status_code == 404
    denied = AuditEvent.objects.get(action=Action.DENIED)
    assert "made-up-token" not in denied.path
    assert denied.subject_type == "week.calendarfeed"


def test_only_the_first_fetch_each_day_is_audited_without_the_token(sisters_link, sister_user):
    client = Client()
    for _ in range(3):
        assert client.get(feed_url(sisters_link)).status_code == 200

    views = AuditEvent.objects.filter(action=Action.VIEW, subject_type="week.calendarfeed")
    assert views.count() == 1
    assert views[0].actor == sister_user
    assert views[0].person_id == sisters_link.person_id
    assert sisters_link.token not in views[0].path


@pytest.mark.parametrize("name", ["sister_user", "person_user", "coordinator", "manager"])
def test_the_owner_the_person_and_editors_stop_a_link(name, persona, sisters_link, client_for):
    response = client_for(persona(name)).post(revoke_url(sisters_link))

    assert response.status_code == 302
    sisters_link.refresh_from_db()
    assert not sisters_link.is_active


@pytest.mark.parametrize("name", ["cousin_user", "worker", "finance", "neighbour_user", "outsider"])
def test_nobody_else_can_stop_a_link(name, persona, sisters_link, client_for):
    response = client_for(persona(name)).post(revoke_url(sisters_link))

    assert response.status_code == 404
    sisters_link.refresh_from_db()
    assert sisters_link.is_active
    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()


def test_stopping_a_stopped_link_changes_nothing(sisters_link, client_for, sister_user):
    client = client_for(sister_user)
    client.post(revoke_url(sisters_link))
    sisters_link.refresh_from_db()
    first = sisters_link.revoked_at

    client.post(revoke_url(sisters_link))

    sisters_link.refresh_from_db()
    assert sisters_link.revoked_at == first
    assert AuditEvent.objects.filter(action=Action.UPDATE).count() == 1


def test_revoking_is_post_only(sisters_link, client_for, sister_user):
    assert client_for(sister_user).get(revoke_url(sisters_link)).status_code == 405
    sisters_link.refresh_from_db()
    assert sisters_link.is_active
