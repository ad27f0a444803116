"""Who may open each panel page: allowed, read-only (403) and no access (404) for every role.

Managers and coordinators run the panel; finance and managers decide claims (a coordinator may
see claims but not decide them: 403); market shapers read the panel but not members' pay. An
expert by experience sees only meetings they are invited to and only their own claims. People
supported, their circles, support workers, commissioners and suppliers have no part in it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from directsupport.coproduction.panel.services import claim_time

from .panel_fixtures import (
    amir,
    coming_meeting,
    held_meeting,
    jo,
    on_today,
    other_expert,
    panel,
    paper,
    pat,
    private_meeting,
    private_storage,
)

__all__ = [
    "amir",
    "coming_meeting",
    "held_meeting",
    "jo",
    "on_today",
    "other_expert",
    "panel",
    "paper",
    "pat",
    "private_meeting",
    "private_storage",
]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today", "private_storage")]

RUNNERS = ["manager", "coordinator"]
STAFF_READERS = ["finance", "market_shaper"]
NOBODY = [
    "worker",
    "commissioner",
    "other_commissioner",
    "supplier",
    "person_user",
    "sister_user",
]
ALL = [*RUNNERS, *STAFF_READERS, "expert", "other_expert", *NOBODY, "outsider"]


@pytest.fixture
def world(panel, jo, pat, amir, held_meeting, coming_meeting, private_meeting, paper, expert):
    claim = claim_time(
        actor=expert,
        member=jo,
        worked_on=dt.date(2026, 11, 25),
        what="Rate card meeting",
        meeting_minutes=120,
        meeting=held_meeting,
    ).claim
    return {
        "panel_member_pk": pat.pk,
        "meeting_pk": coming_meeting.pk,
        "paper_pk": paper.pk,
        "claim_pk": claim.pk,
    }


def _expected(table: dict[str, list[str]], name: str) -> int:
    for status, names in table.items():
        if name in names:
            return int(status)
    return 404


RUN_ONLY = {"200": RUNNERS, "403": [*STAFF_READERS, "expert", "other_expert"]}
RUN_MEETING = {"200": RUNNERS, "403": [*STAFF_READERS, "expert"]}
MEMBER_WRITE = {"200": RUNNERS, "403": STAFF_READERS}
PAGES: list[tuple[str, dict[str, list[str]]]] = [
    ("/coproduction/panel/", {"200": [*RUNNERS, *STAFF_READERS, "expert", "other_expert"]}),
    ("/coproduction/panel/settings/", RUN_ONLY),
    ("/coproduction/panel/members/new/", RUN_ONLY),
    (
        "/coproduction/panel/members/{panel_member_pk}/",
        {"200": [*RUNNERS, *STAFF_READERS]},
    ),
    ("/coproduction/panel/members/{panel_member_pk}/edit/", MEMBER_WRITE),
    ("/coproduction/panel/members/{panel_member_pk}/claims/new/", MEMBER_WRITE),
    ("/coproduction/panel/meetings/new/", RUN_ONLY),
    (
        "/coproduction/panel/meetings/{meeting_pk}/",
        {"200": [*RUNNERS, *STAFF_READERS, "expert"]},
    ),
    ("/coproduction/panel/meetings/{meeting_pk}/edit/", RUN_MEETING),
    ("/coproduction/panel/meetings/{meeting_pk}/attendance/", RUN_MEETING),
    ("/coproduction/panel/meetings/{meeting_pk}/papers/new/", RUN_MEETING),
    ("/coproduction/panel/meetings/{meeting_pk}/decisions/new/", RUN_MEETING),
    (
        "/coproduction/panel/meetings/{meeting_pk}/papers/{paper_pk}/",
        {"200": [*RUNNERS, *STAFF_READERS, "expert"]},
    ),
    ("/coproduction/panel/claims/", {"200": [*RUNNERS, "finance", "expert", "other_expert"]}),
    ("/coproduction/panel/claims/new/", {"200": ["expert", "other_expert"]}),
    (
        "/coproduction/panel/claims/{claim_pk}/decide/",
        {"200": ["manager", "finance"], "403": ["coordinator", "expert"]},
    ),
]


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize(("url", "table"), PAGES, ids=[url for url, _ in PAGES])
def test_who_may_open_each_page(request, client_for, world, url, table, name):
    user = request.getfixturevalue(name)
    expected = _expected(table, name)
    if name == "outsider" and url in (
        "/coproduction/panel/",
        "/coproduction/panel/settings/",
        "/coproduction/panel/claims/",
    ):
        expected = 200  # their own provider's (empty) panel and claims, none of ours
    response = client_for(user).get(url.format(**world))
    assert response.status_code == expected, (name, url)
    if name == "outsider" and expected == 200:
        page = response.content.decode()
        assert "Willowbrook" not in page
        assert "Rate card meeting" not in page


def test_an_expert_sees_only_meetings_they_are_invited_to(
    client_for, world, expert, private_meeting, coming_meeting
):
    client = client_for(expert)
    home = client.get("/coproduction/panel/").content.decode()
    assert coming_meeting.title in home
    assert private_meeting.title not in home
    assert client.get(f"/coproduction/panel/meetings/{private_meeting.pk}/").status_code == 404


def test_an_expert_sees_only_their_own_claims(client_for, world, expert, pat, coordinator):
    claim_time(
        actor=coordinator,
        member=pat,
        worked_on=dt.date(2026, 11, 25),
        what="Pat's own time at the meeting",
        meeting_minutes=60,
    )
    page = client_for(expert).get("/coproduction/panel/claims/").content.decode()
    assert "Rate card meeting" in page
    assert "Pat&#x27;s own time" not in page
    staff_page = client_for(coordinator).get("/coproduction/panel/claims/").content.decode()
    assert "Pat&#x27;s own time" in staff_page


def test_a_coordinator_may_not_decide_a_claim_by_posting_either(client_for, world, coordinator):
    response = client_for(coordinator).post(
        f"/coproduction/panel/claims/{world['claim_pk']}/decide/", {"decision": "approve"}
    )
    assert response.status_code == 403


def test_an_expert_may_not_change_a_meeting_by_posting(client_for, world, expert):
    response = client_for(expert).post(
        f"/coproduction/panel/meetings/{world['meeting_pk']}/edit/", {"action": "cancel"}
    )
    assert response.status_code == 403
