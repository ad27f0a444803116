"""Refused requests are audited, but one user cannot grow the log without bound (issue 11,
point 6): repeats within a minute are folded into counts (audit/denial_limit.py)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.denial_limit import DISTINCT_KINDS_PER_MINUTE, OTHER_PAGES_REASON
from directsupport.audit.models import Action, AuditEvent
from tests.factories import UserFactory

LONDON = ZoneInfo("Europe/London")
# 14:03:05 in London on a Monday in spring: the whole burst falls within the minute 14:03.
BURST_STARTS = dt.datetime(2026, 3, 2, 14, 3, 5, tzinfo=LONDON)


@pytest.fixture
def other_manager(other_provider) -> User:
    return UserFactory.create(
        organisation=other_provider, role=Role.MANAGER, email="rita@othercare.example"
    )


def _denials(user: User) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(actor=user, action=Action.DENIED).order_by("id"))


def test_one_refusal_writes_one_plain_row(client_for, outsider, dee):
    assert client_for(outsider).get(f"/people/{dee.pk}/").status_code == 404
    (row,) = _denials(outsider)
    assert row.person_id == dee.pk
    assert row.changes == {}


def test_500_identical_refusals_in_a_minute_write_a_few_rows_with_the_count(
    client_for, outsider, other_manager, dee
):
    client = client_for(outsider)
    url = f"/people/{dee.pk}/"
    with time_machine.travel(BURST_STARTS, tick=False) as clock:
        for _ in range(500):
            assert client.get(url).status_code == 404
        # The first refusal, then one row each at 10 and 100 "so far".
        rows = _denials(outsider)
        assert [row.changes.get("times") for row in rows] == [None, 10, 100]
        assert all(row.changes.get("so_far") for row in rows[1:])
        # The minute is over: the user's next request, whatever it is, writes the total.
        clock.shift(dt.timedelta(seconds=60))
        assert client.get("/").status_code == 200
        client.get("/")
    rows = _denials(outsider)
    assert len(rows) == 4
    total = rows[-1]
    assert total.changes["times"] == 500
    assert not total.changes["so_far"]
    assert total.person_id == dee.pk
    assert total.subject_type == "people.person"
    assert total.path == url  # the refused page, not the page that closed the minute
    # The manager of the user's organisation sees the count in the audit log.
    page = client_for(other_manager).get(reverse("audit:log")).content.decode()
    assert "500 times in the minute from 14:03 on 2 March 2026" in page
    assert "100 times so far in the minute from 14:03" in page


def test_the_same_refusal_in_a_new_minute_starts_again(client_for, outsider, dee):
    client = client_for(outsider)
    with time_machine.travel(BURST_STARTS, tick=False) as clock:
        for _ in range(3):
            client.get(f"/people/{dee.pk}/")
        clock.shift(dt.timedelta(minutes=1))
        client.get(f"/people/{dee.pk}/")
    rows = _denials(outsider)
    # First of minute one, its total (3), first of minute two.
    assert [row.changes.get("times") for row in rows] == [None, 3, None]


def test_walking_through_ids_is_bounded_too(client_for, outsider, dee):
    client = client_for(outsider)
    tried = 100
    with time_machine.travel(BURST_STARTS, tick=False) as clock:
        for n in range(tried):
            assert client.get(f"/people/{dee.pk + 1000 + n}/").status_code == 404
        clock.shift(dt.timedelta(minutes=1))
        client.get("/")
    rows = _denials(outsider)
    distinct = [row for row in rows if row.summary != OTHER_PAGES_REASON]
    others = [row for row in rows if row.summary == OTHER_PAGES_REASON]
    assert len(distinct) == DISTINCT_KINDS_PER_MINUTE
    # The rest: its first row, "10 so far", and the total once the minute is over.
    assert [row.changes.get("times") for row in others] == [None, 10, tried - len(distinct)]
    assert len(rows) < 30


def test_different_pages_about_the_same_person_are_separate_rows(client_for, outsider, dee):
    client = client_for(outsider)
    with time_machine.travel(BURST_STARTS, tick=False):
        client.get(f"/people/{dee.pk}/")
        client.get(f"/people/{dee.pk}/change/")
        client.post(f"/people/{dee.pk}/change/", {})
    assert len(_denials(outsider)) == 3


def test_users_are_counted_separately(client_for, outsider, other_provider, dee):
    someone_else = UserFactory.create(
        organisation=other_provider, role=Role.COORDINATOR, email="jo@othercare.example"
    )
    with time_machine.travel(BURST_STARTS, tick=False):
        client_for(outsider).get(f"/people/{dee.pk}/")
        client_for(someone_else).get(f"/people/{dee.pk}/")
    assert len(_denials(outsider)) == 1
    assert len(_denials(someone_else)) == 1
