"""Adding, changing and removing entries in a week: who may, every bad input, stale saves."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from directsupport.audit.models import Action, AuditEvent
from directsupport.planning.models import ToolKind, ToolSection
from directsupport.week.models import Week, WeekEntry, WeekKind

from .conftest import EDITORS, NOT_FOUND_FOR_WEEK, WEEK_READERS

READ_ONLY = [name for name in WEEK_READERS if name not in EDITORS]


def add_url(dee: Any, kind: str = "perfect") -> str:
    return reverse("week:entry_add", kwargs={"pk": dee.pk, "week_kind": kind})


def form_data(**changes: Any) -> dict[str, Any]:
    data = {
        "version": "1",
        "weekday": "1",
        "starts_at": "10:00",
        "ends_at": "12:00",
        "what": "Swimming",
        "place": "",
        "new_place": "Hollowfield Leisure Centre",
        "who": "paid",
        "support_ratio": "one_to_one",
        "support_kind": "community_access",
        "shared_by": "",
        "fixed": "fixed",
        "repeats": "weekly",
        "month_week": "",
        "custom_rule": "",
        "repeats_from": "",
        "notes": "",
    }
    data.update(changes)
    return data


def make_entry(week: Week, **fields: Any) -> WeekEntry:
    values: dict[str, Any] = {
        "weekday": 1,
        "starts_at": dt.time(10),
        "ends_at": dt.time(12),
        "what": "Swimming",
        "company": "paid",
        "support_ratio": "one_to_one",
        "support_kind": "community_access",
    }
    values.update(fields)
    return WeekEntry.objects.create(week=week, **values)


# --- Adding -----------------------------------------------------------------------------------


def test_a_coordinator_adds_an_entry(client_for, coordinator, dee, everyone):
    response = client_for(coordinator).post(add_url(dee), form_data(overnight=""))
    assert response.status_code == 302
    assert response["Location"] == reverse("week:perfect_week", kwargs={"pk": dee.pk})
    entry = WeekEntry.objects.get()
    assert (entry.week.kind, entry.what, entry.place) == (
        "perfect",
        "Swimming",
        "Hollowfield Leisure Centre",
    )
    assert (entry.support_ratio, entry.support_kind, entry.fixed) == (
        "one_to_one",
        "community_access",
        True,
    )
    assert entry.week.version == 2
    event = AuditEvent.objects.get(action=Action.CREATE, subject_type="week.weekentry")
    assert event.person_id == dee.pk and "Swimming" in event.summary


def test_an_entry_in_the_week_now(client_for, manager, dee, everyone):
    client_for(manager).post(add_url(dee, "current"), form_data())
    assert WeekEntry.objects.get().week.kind == WeekKind.CURRENT


@time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("Europe/London")))
def test_a_circle_member_every_other_saturday(client_for, coordinator, dee, sister):
    data = form_data(
        weekday="5",
        who=f"member-{sister.pk}",
        support_ratio="none",
        support_kind="",
        repeats="fortnightly",
        repeats_from="5/12/2026",
        fixed="flexible",
    )
    client_for(coordinator).post(add_url(dee), data)
    entry = WeekEntry.objects.get()
    assert entry.company == "circle" and entry.company_member == sister
    assert entry.recurrence == "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"
    assert entry.repeats_from == dt.date(2026, 12, 5)
    assert entry.fixed is False


def test_first_saturday_of_the_month(client_for, coordinator, dee, everyone):
    client_for(coordinator).post(
        add_url(dee), form_data(weekday="5", repeats="monthly", month_week="1")
    )
    assert WeekEntry.objects.get().recurrence == "FREQ=MONTHLY;BYDAY=1SA"


def test_an_overnight_sleep_in(client_for, coordinator, dee, everyone):
    data = form_data(
        what="Sleep-in at home",
        starts_at="22:00",
        ends_at="07:00",
        overnight="on",
        support_kind="sleep_in",
    )
    client_for(coordinator).post(add_url(dee), data)
    assert WeekEntry.objects.get().overnight is True


def test_places_come_from_the_community_map(client_for, coordinator, dee, everyone):
    ToolSection.objects.create(
        person=dee, kind=ToolKind.COMMUNITY_MAP, content={"member": ["Choir"], "new": ["The lido"]}
    )
    client = client_for(coordinator)
    body = client.get(add_url(dee)).content.decode()
    assert '<option value="Choir">Choir</option>' in body
    client.post(add_url(dee), form_data(place="The lido", new_place=""))
    assert WeekEntry.objects.get().place == "The lido"


@pytest.mark.parametrize("name", EDITORS)
def test_editors_see_the_add_form(client_for, persona, dee, name):
    response = client_for(persona(name)).get(add_url(dee))
    assert response.status_code == 200
    assert "What happens" in response.content.decode()


@pytest.mark.parametrize("name", READ_ONLY)
def test_readers_may_not_add(client_for, persona, dee, name):
    client = client_for(persona(name))
    assert client.get(add_url(dee)).status_code == 403
    assert client.post(add_url(dee), form_data()).status_code == 403
    assert not WeekEntry.objects.exists()


@pytest.mark.parametrize("name", NOT_FOUND_FOR_WEEK)
def test_others_are_not_told_the_page_exists(client_for, persona, dee, name):
    client = client_for(persona(name))
    assert client.get(add_url(dee)).status_code == 404
    assert client.post(add_url(dee), form_data()).status_code == 404
    assert not WeekEntry.objects.exists()


def test_an_unknown_kind_of_week_is_not_found(client_for, coordinator, dee, everyone):
    assert client_for(coordinator).get(add_url(dee, "ideal")).status_code == 404


# --- Bad input --------------------------------------------------------------------------------

VAGUE = "Say what actually happens: for example"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"what": "Morning routine"}, "what", VAGUE),
        ({"what": "activities"}, "what", VAGUE),
        ({"what": "Support and care"}, "what", VAGUE),
        ({"what": "my usual daily activities etc."}, "what", VAGUE),
        ({"what": "TBC"}, "what", VAGUE),
        ({"what": "   "}, "what", "Say what happens"),
        (
            {"ends_at": "09:00"},
            "ends_at",
            "The end must be after the start (tick &#x27;ends the next morning&#x27; for "
            "overnight)",
        ),
        ({"ends_at": "10:00"}, "ends_at", "The end must be after the start"),
        ({"starts_at": ""}, "starts_at", "Enter the time it starts, like 09:30"),
        ({"ends_at": ""}, "ends_at", "Enter the time it ends, like 17:45"),
        ({"starts_at": "25:00"}, "starts_at", "Enter a time from 00:00 to 23:59"),
        ({"starts_at": "9am-ish"}, "starts_at", "Enter a time from 00:00 to 23:59"),
        ({"ends_at": "24:00"}, "ends_at", "For midnight, enter 00:00 and tick"),
        ({"support_kind": ""}, "support_kind", "Choose the kind of support needed"),
        ({"support_ratio": "none"}, "support_kind", "Leave the kind of support as"),
        (
            {"support_ratio": "shared", "shared_by": ""},
            "shared_by",
            "Shared support needs at least 2 people sharing",
        ),
        (
            {"support_ratio": "shared", "shared_by": "1"},
            "shared_by",
            "Shared support needs at least 2 people sharing",
        ),
        ({"repeats": "custom", "custom_rule": "EVERY TUESDAY"}, "custom_rule", "could not be read"),
        ({"repeats": "custom", "custom_rule": "FREQ=HOURLY"}, "custom_rule", "could not be read"),
        (
            {"repeats": "custom", "custom_rule": "FREQ=WEEKLY;BYDAY=TU;UNTIL=20200101T000000"},
            "custom_rule",
            "never happens in the next year",
        ),
        (
            {"repeats": "custom", "custom_rule": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"},
            "custom_rule",
            "never happens in the next year",
        ),
        (
            {"repeats": "custom", "custom_rule": "FREQ=WEEKLY;BYDAY=WE"},
            "custom_rule",
            "falls on a Wednesday, but the entry is on Tuesday",
        ),
        ({"repeats": "custom", "custom_rule": ""}, "custom_rule", "Write the repeat rule"),
        ({"repeats": "monthly", "month_week": ""}, "month_week", "Choose which one in the month"),
    ],
)
def test_bad_input_is_refused_beside_the_field(
    client_for, coordinator, dee, everyone, changes, field, message
):
    data = form_data(
        what="Swimming at the lido", **{k: v for k, v in changes.items() if k != "what"}
    )
    if "what" in changes:
        data["what"] = changes["what"]
    response = client_for(coordinator).post(add_url(dee), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert f'id="id_{field}_error"' in body
    assert "Hollowfield Leisure Centre" in body  # what was typed is kept
    assert not WeekEntry.objects.exists()
    assert not Week.objects.exists()


def test_a_rule_that_never_happens(client_for, coordinator, dee, everyone):
    data = form_data(repeats="custom", custom_rule="FREQ=WEEKLY;BYDAY=TU;COUNT=0")
    body = client_for(coordinator).post(add_url(dee), data).content.decode()
    assert 'id="id_custom_rule_error"' in body
    assert not WeekEntry.objects.exists()


def test_two_to_one_with_one_named_supporter_is_impossible(client_for, coordinator, dee, sister):
    data = form_data(who=f"member-{sister.pk}", support_ratio="two_to_one")
    body = client_for(coordinator).post(add_url(dee), data).content.decode()
    assert "2:1 support needs two workers, but only Ngozi Okafor is with Dee" in body
    assert 'id="id_support_ratio_error"' in body
    assert not WeekEntry.objects.exists()


def test_overlapping_with_the_same_circle_member(
    client_for, coordinator, dee, sister, perfect_week
):
    make_entry(
        perfect_week,
        what="Lunch with Ngozi",
        company="circle",
        company_member=sister,
        support_ratio="none",
        support_kind="",
        starts_at=dt.time(11),
        ends_at=dt.time(13),
    )
    data = form_data(who=f"member-{sister.pk}", support_ratio="none", support_kind="")
    body = client_for(coordinator).post(add_url(dee), data).content.decode()
    assert "This overlaps with &#x27;Lunch with Ngozi&#x27; on Tuesday (11am to 1pm)" in body
    assert "(Ngozi Okafor)" in body
    assert WeekEntry.objects.count() == 1
    assert Week.objects.get().version == 1


def test_two_paid_one_to_one_sessions_at_once(client_for, coordinator, dee, everyone, perfect_week):
    make_entry(perfect_week, what="Shopping", starts_at=dt.time(11), ends_at=dt.time(12))
    body = client_for(coordinator).post(add_url(dee), form_data()).content.decode()
    assert "This overlaps with &#x27;Shopping&#x27;" in body
    assert WeekEntry.objects.count() == 1


def test_overnight_running_into_the_next_morning_overlaps(
    client_for, coordinator, dee, everyone, perfect_week
):
    make_entry(
        perfect_week,
        weekday=0,
        what="Waking night",
        starts_at=dt.time(22),
        ends_at=dt.time(8),
        overnight=True,
        support_kind="waking_night",
    )
    data = form_data(
        weekday="1",
        starts_at="07:00",
        ends_at="09:00",
        what="Shower and breakfast",
        support_kind="personal_care",
    )
    body = client_for(coordinator).post(add_url(dee), data).content.decode()
    assert "This overlaps with &#x27;Waking night&#x27; on Monday" in body


def test_touching_and_unpaid_entries_do_not_clash(
    client_for, coordinator, dee, everyone, perfect_week
):
    make_entry(perfect_week, what="Shopping", starts_at=dt.time(8), ends_at=dt.time(10))
    make_entry(
        perfect_week,
        what="Cafe",
        starts_at=dt.time(10),
        ends_at=dt.time(12),
        company="on_my_own",
        support_ratio="none",
        support_kind="",
    )
    response = client_for(coordinator).post(add_url(dee), form_data())
    assert response.status_code == 302
    assert WeekEntry.objects.count() == 3


# --- Changing ---------------------------------------------------------------------------------


def edit_url(dee: Any, entry: WeekEntry, kind: str = "perfect") -> str:
    return reverse(
        "week:entry_edit", kwargs={"pk": dee.pk, "week_kind": kind, "entry_pk": entry.pk}
    )


def test_the_change_form_shows_the_entry(client_for, coordinator, dee, everyone, perfect_week):
    entry = make_entry(
        perfect_week,
        recurrence="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        repeats_from=dt.date(2026, 12, 1),
        place="The lido",
    )
    body = client_for(coordinator).get(edit_url(dee, entry)).content.decode()
    assert 'value="Swimming"' in body
    assert 'value="The lido"' in body
    assert 'value="fortnightly" id="id_repeats_1" required checked' in body


def test_a_coordinator_changes_an_entry(client_for, coordinator, dee, everyone, perfect_week):
    entry = make_entry(perfect_week)
    response = client_for(coordinator).post(edit_url(dee, entry), form_data(what="Swimming lesson"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.what == "Swimming lesson"
    assert Week.objects.get().version == 2
    event = AuditEvent.objects.get(action=Action.UPDATE, subject_type="week.weekentry")
    assert event.person_id == dee.pk
    assert event.changes["what"] == {"from": "Swimming", "to": "Swimming lesson"}


def test_an_entry_does_not_clash_with_itself(client_for, coordinator, dee, everyone, perfect_week):
    entry = make_entry(perfect_week)
    response = client_for(coordinator).post(edit_url(dee, entry), form_data(ends_at="12:30"))
    assert response.status_code == 302


def test_a_stale_change_gets_the_conflict_page_and_loses_nothing(
    client_for, coordinator, manager, dee, everyone, perfect_week
):
    entry = make_entry(perfect_week)
    client_for(manager).post(edit_url(dee, entry), form_data(what="Swimming with Ola"))
    response = client_for(coordinator).post(
        edit_url(dee, entry), form_data(what="Swimming with Sam")
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else changed this week" in body
    assert "Swimming with Ola" in body  # what is saved
    assert 'value="Swimming with Sam"' in body  # what was typed, ready to save again
    assert 'name="version" value="2"' in body
    entry.refresh_from_db()
    assert entry.what == "Swimming with Ola"
    assert Week.objects.get().version == 2


def test_a_stale_add_gets_the_conflict_page(client_for, coordinator, dee, everyone, perfect_week):
    make_entry(perfect_week, what="Church", weekday=6)
    Week.objects.update(version=5)
    response = client_for(coordinator).post(
        add_url(dee), form_data(weekday="6", starts_at="13:00", ends_at="14:00")
    )
    assert response.status_code == 409
    assert "Church" in response.content.decode()
    assert WeekEntry.objects.count() == 1


def test_another_persons_entry_is_not_found(client_for, coordinator, dee, everyone, perfect_week):
    from tests.factories import PersonFactory

    other = PersonFactory.create(organisation=dee.organisation, coordinator=coordinator)
    entry = make_entry(Week.objects.create(person=other, kind="perfect"))
    assert client_for(coordinator).get(edit_url(dee, entry)).status_code == 404
    assert (
        client_for(coordinator).get(edit_url(dee, make_entry(perfect_week), "current")).status_code
        == 404
    )


@pytest.mark.parametrize("name", READ_ONLY)
def test_readers_may_not_change(client_for, persona, dee, perfect_week, name):
    entry = make_entry(perfect_week)
    assert (
        client_for(persona(name)).post(edit_url(dee, entry), form_data(what="Golf")).status_code
        == 403
    )
    entry.refresh_from_db()
    assert entry.what == "Swimming"


@pytest.mark.parametrize("name", NOT_FOUND_FOR_WEEK)
def test_others_may_not_change(client_for, persona, dee, perfect_week, name):
    entry = make_entry(perfect_week)
    assert client_for(persona(name)).get(edit_url(dee, entry)).status_code == 404


# --- Removing ---------------------------------------------------------------------------------


def remove_url(dee: Any, entry: WeekEntry) -> str:
    return reverse(
        "week:entry_remove", kwargs={"pk": dee.pk, "week_kind": "perfect", "entry_pk": entry.pk}
    )


def test_removing_asks_first_then_removes(client_for, coordinator, dee, everyone, perfect_week):
    entry = make_entry(perfect_week)
    client = client_for(coordinator)
    body = client.get(remove_url(dee, entry)).content.decode()
    assert "Remove 'Swimming' from My Perfect Week?" in body
    assert WeekEntry.objects.exists()
    response = client.post(remove_url(dee, entry), {"version": "1"})
    assert response.status_code == 302
    assert not WeekEntry.objects.exists()
    assert Week.objects.get().version == 2
    event = AuditEvent.objects.get(action=Action.DELETE, subject_type="week.weekentry")
    assert event.person_id == dee.pk


def test_a_stale_remove_removes_nothing(client_for, coordinator, dee, everyone, perfect_week):
    entry = make_entry(perfect_week)
    Week.objects.update(version=3)
    response = client_for(coordinator).post(remove_url(dee, entry), {"version": "1"})
    assert response.status_code == 409
    assert "Nothing has been removed yet" in response.content.decode()
    assert 'name="version" value="3"' in response.content.decode()
    assert WeekEntry.objects.exists()


@pytest.mark.parametrize("name", READ_ONLY)
def test_readers_may_not_remove(client_for, persona, dee, perfect_week, name):
    entry = make_entry(perfect_week)
    assert (
        client_for(persona(name)).post(remove_url(dee, entry), {"version": "1"}).status_code == 403
    )
    assert WeekEntry.objects.exists()


@pytest.mark.parametrize("name", NOT_FOUND_FOR_WEEK)
def test_others_may_not_remove(client_for, persona, dee, perfect_week, name):
    entry = make_entry(perfect_week)
    assert (
        client_for(persona(name)).post(remove_url(dee, entry), {"version": "1"}).status_code == 404
    )
    assert WeekEntry.objects.exists()
