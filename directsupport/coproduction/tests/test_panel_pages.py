"""The panel's pages in use: planning a meeting, adding papers (refused by content, nothing typed
lost), the paper served only through its view, claiming time with the benefits warning shown
first, staff deciding, the expert's home page, and words shown as text."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from directsupport.coproduction.models import (
    ClaimStatus,
    Decision,
    MeetingPaper,
    PanelMeeting,
    PaperRead,
    TimeClaim,
)
from directsupport.coproduction.panel.services import claim_time, plan_meeting

from .panel_fixtures import (
    TINY_PDF,
    amir,
    at,
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
    upload,
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

SCRIPT = "<script>alert('x')</script>"


def text(response) -> str:
    return response.content.decode()


def meeting_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "version": "",
        "title": "The easy-read statement",
        "date": "2026-12-21",
        "starts": "10:30",
        "ends": "12:30",
        "place": "Willowbrook office",
        "item_1_title": "What the statement says",
        "item_1_purpose": "discussion",
        "item_1_minutes": "40",
    }
    data.update(overrides)
    return data


# --- Meetings -------------------------------------------------------------------------------


def test_a_coordinator_plans_a_meeting_with_its_agenda_and_invitations(
    client_for, coordinator, jo, pat
):
    response = client_for(coordinator).post(
        "/coproduction/panel/meetings/new/", meeting_data(invite=[str(jo.pk)])
    )
    meeting = PanelMeeting.objects.get(title="The easy-read statement")
    assert response.status_code == 302
    assert response["Location"] == f"/coproduction/panel/meetings/{meeting.pk}/"
    assert [item.title for item in meeting.agenda.all()] == ["What the statement says"]
    assert list(meeting.attendance.values_list("member__name", flat=True)) == ["Jo Whitfield"]


def test_a_meeting_ending_before_it_starts_keeps_what_was_typed(client_for, coordinator, jo):
    response = client_for(coordinator).post(
        "/coproduction/panel/meetings/new/", meeting_data(ends="09:00", place=SCRIPT)
    )
    page = text(response)
    assert response.status_code == 200
    assert "The meeting must end after it starts." in page
    assert 'value="What the statement says"' in page
    assert "&lt;script&gt;" in page and SCRIPT not in page
    assert not PanelMeeting.objects.exists()


def test_script_in_a_meeting_is_shown_as_text(client_for, coordinator, expert, jo, panel):
    client_for(coordinator).post(
        "/coproduction/panel/meetings/new/",
        meeting_data(title=SCRIPT, invite=[str(jo.pk)]),
    )
    meeting = PanelMeeting.objects.get()
    for user in (coordinator, expert):
        page = text(client_for(user).get(f"/coproduction/panel/meetings/{meeting.pk}/"))
        assert SCRIPT not in page
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_a_meeting_is_cancelled_from_its_edit_page(client_for, coordinator, coming_meeting):
    client_for(coordinator).post(
        f"/coproduction/panel/meetings/{coming_meeting.pk}/edit/", {"action": "cancel"}
    )
    coming_meeting.refresh_from_db()
    assert coming_meeting.status == "cancelled"


def test_a_stale_meeting_edit_shows_the_conflict_and_keeps_the_typing(
    client_for, coordinator, manager, coming_meeting
):
    client_for(manager).post(
        f"/coproduction/panel/meetings/{coming_meeting.pk}/edit/",
        meeting_data(version="1", title="How reviews run", place="Room 3", date="2026-12-15"),
    )
    response = client_for(coordinator).post(
        f"/coproduction/panel/meetings/{coming_meeting.pk}/edit/",
        meeting_data(version="1", title="My new title", date="2026-12-15"),
    )
    page = text(response)
    assert response.status_code == 409
    assert "Someone else changed this meeting" in page
    assert 'value="My new title"' in page
    coming_meeting.refresh_from_db()
    assert coming_meeting.place == "Room 3"


def test_attendance_and_notes_mark_a_meeting_held(client_for, coordinator, jo, pat, panel):
    meeting = plan_meeting(
        actor=coordinator,
        panel=panel,
        title="Fair-cost calculator",
        starts_at=at(dt.date(2026, 12, 2), 10),
        ends_at=at(dt.date(2026, 12, 2), 12),
        place="Office",
        invite=[jo, pat],
    )
    response = client_for(coordinator).post(
        f"/coproduction/panel/meetings/{meeting.pk}/attendance/",
        {
            f"member_{jo.pk}": "attended",
            f"member_{pat.pk}": "apologies",
            "notes": "Members liked seeing the costs laid out.",
            "held": "on",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "held"
    assert dict(meeting.attendance.values_list("member__name", "status")) == {
        "Jo Whitfield": "attended",
        "Pat Green": "apologies",
    }


def test_a_decision_is_recorded_from_a_held_meeting(client_for, coordinator, held_meeting):
    response = client_for(coordinator).post(
        f"/coproduction/panel/meetings/{held_meeting.pk}/decisions/new/",
        {"title": "Same worker each week", "reasons": "It matters most.", "level": ""},
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.meeting == held_meeting
    page = text(client_for(coordinator).get(f"/coproduction/panel/meetings/{held_meeting.pk}/"))
    assert "Same worker each week" in page
    assert "Jo Whitfield (expert by experience)" in page


def test_a_decision_before_anyone_came_is_refused_with_the_typing_kept(
    client_for, coordinator, coming_meeting
):
    response = client_for(coordinator).post(
        f"/coproduction/panel/meetings/{coming_meeting.pk}/decisions/new/",
        {"title": "Too early", "reasons": "Because", "level": ""},
    )
    assert response.status_code == 200
    assert "once it has been held" in text(response)
    assert 'value="Too early"' in text(response)
    assert not Decision.objects.exists()


# --- Papers ---------------------------------------------------------------------------------


def test_a_paper_of_the_wrong_kind_is_refused_and_the_title_kept(
    client_for, coordinator, coming_meeting
):
    response = client_for(coordinator).post(
        f"/coproduction/panel/meetings/{coming_meeting.pk}/papers/new/",
        {
            "title": "Agenda in Word",
            "easy_read": "on",
            "agenda_item": "",
            "file": upload(b"PK\x03\x04 a word document", "agenda.docx"),
        },
    )
    page = text(response)
    assert response.status_code == 200
    assert "A paper must be a PDF, or a PNG or JPEG picture." in page
    assert 'value="Agenda in Word"' in page
    assert not MeetingPaper.objects.exists()


def test_a_good_paper_is_added_and_listed_easy_read_first(
    client_for, coordinator, coming_meeting, paper
):
    client_for(coordinator).post(
        f"/coproduction/panel/meetings/{coming_meeting.pk}/papers/new/",
        {"title": "Full report", "agenda_item": "", "file": upload(TINY_PDF, "report.pdf")},
    )
    page = text(client_for(coordinator).get(f"/coproduction/panel/meetings/{coming_meeting.pk}/"))
    assert page.index("How reviews run (easy read)") < page.index("Full report")
    assert paper.stored_name not in page


def test_the_paper_is_served_only_through_its_view_and_noted_as_read(
    client_for, expert, coordinator, jo, paper, coming_meeting
):
    url = f"/coproduction/panel/meetings/{coming_meeting.pk}/papers/{paper.pk}/"
    staff = client_for(coordinator).get(url)
    assert not PaperRead.objects.exists()  # staff opening it is not a member reading it
    response = client_for(expert).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == TINY_PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert staff.status_code == 200
    assert PaperRead.objects.filter(member=jo, paper=paper).exists()
    # The file has no address of its own.
    assert client_for(expert).get(f"/{paper.stored_name}").status_code == 404
    assert client_for(expert).get(f"/media/{paper.stored_name}").status_code == 404


def test_a_paper_of_another_meeting_is_not_found_through_this_one(
    client_for, expert, paper, held_meeting
):
    url = f"/coproduction/panel/meetings/{held_meeting.pk}/papers/{paper.pk}/"
    assert client_for(expert).get(url).status_code == 404


# --- Claims ---------------------------------------------------------------------------------


def claim_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "meeting": "",
        "worked_on": "2026-12-08",
        "what": "Reading the papers",
        "meeting_minutes": "",
        "preparation_minutes": "1:30",
        "travel_minutes": "0.5",
    }
    data.update(overrides)
    return data


def test_an_expert_claims_in_hours_and_minutes_or_decimal_hours(client_for, expert, jo):
    response = client_for(expert).post("/coproduction/panel/claims/new/", claim_data())
    assert response.status_code == 302
    claim = TimeClaim.objects.get()
    assert (claim.preparation_minutes, claim.travel_minutes, claim.amount_pence) == (90, 30, 4000)
    assert claim.claimed_by == expert


@pytest.mark.parametrize(
    ("field", "typed", "words"),
    [
        ("preparation_minutes", "-1", "Preparation time cannot be negative"),
        ("travel_minutes", "\N{MINUS SIGN}0:30", "Travel time cannot be negative"),
        ("meeting_minutes", "two hours", "Enter time at the meeting in hours"),
    ],
)
def test_bad_time_is_refused_with_everything_typed_kept(
    client_for, expert, jo, field, typed, words
):
    response = client_for(expert).post(
        "/coproduction/panel/claims/new/", claim_data(**{field: typed})
    )
    page = text(response)
    assert response.status_code == 200
    assert words in page
    assert f'value="{typed}"' in page
    assert 'value="Reading the papers"' in page
    assert not TimeClaim.objects.exists()


def test_no_time_at_all_is_refused(client_for, expert, jo):
    response = client_for(expert).post(
        "/coproduction/panel/claims/new/",
        claim_data(preparation_minutes="0", travel_minutes=""),
    )
    assert "Enter some time to claim" in text(response)
    assert not TimeClaim.objects.exists()


def test_a_negative_rate_is_refused_on_the_settings_page(client_for, coordinator, panel):
    response = client_for(coordinator).post(
        "/coproduction/panel/settings/",
        {
            "version": "1",
            "name": "Panel",
            "hourly_rate_pence": "-20.00",
            "weekly_limit_pence": "195.00",
            "warn_at_percent": "80",
        },
    )
    page = text(response)
    assert "The hourly rate cannot be negative" in page
    assert 'value="-20.00"' in page
    panel.refresh_from_db()
    assert panel.hourly_rate_pence == 2000


def test_the_warning_is_shown_before_the_claim_and_it_is_their_choice(client_for, expert, jo):
    claim_time(
        actor=expert, member=jo, worked_on=dt.date(2026, 12, 7), what="A", meeting_minutes=360
    )
    client = client_for(expert)
    first = client.post(
        "/coproduction/panel/claims/new/",
        claim_data(preparation_minutes="2:36", travel_minutes=""),
    )
    page = text(first)
    assert first.status_code == 200
    assert "This claim takes your week to £172.00 of your £195.00 limit." in page
    assert "It is your choice" in page
    assert "Yes, send the claim" in page
    assert TimeClaim.objects.count() == 1

    confirmed = re.search(r'name="confirmed" value="([^"]*)"', page)
    assert confirmed and confirmed.group(1) == "True"
    second = client.post(
        "/coproduction/panel/claims/new/",
        claim_data(preparation_minutes="2:36", travel_minutes="", confirmed="True"),
        follow=True,
    )
    assert TimeClaim.objects.count() == 2
    assert "£172.00 of your £195.00 limit" in text(second)


def test_staff_record_a_claim_for_a_member_without_a_sign_in(client_for, coordinator, pat):
    response = client_for(coordinator).post(
        f"/coproduction/panel/members/{pat.pk}/claims/new/", claim_data()
    )
    assert response.status_code == 302
    claim = TimeClaim.objects.get()
    assert (claim.member, claim.claimed_by) == (pat, coordinator)


def test_finance_sees_the_warning_and_decides(client_for, finance, expert, jo):
    claim_time(
        actor=expert, member=jo, worked_on=dt.date(2026, 12, 7), what="A", meeting_minutes=540
    )
    claim = claim_time(
        actor=expert, member=jo, worked_on=dt.date(2026, 12, 8), what="B", meeting_minutes=90
    ).claim
    url = f"/coproduction/panel/claims/{claim.pk}/decide/"
    page = text(client_for(finance).get(url))
    assert "This claim would take Jo Whitfield&#x27;s week to £210.00" in page
    assert "can still be approved and paid" in page

    refused = client_for(finance).post(url, {"decision": "refuse", "reason": ""})
    assert "Say why the claim is refused" in text(refused)
    client_for(finance).post(url, {"decision": "approve"})
    client_for(finance).post(url, {"decision": "paid"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID


def test_claims_are_filtered_by_state(client_for, finance, expert, jo):
    made = claim_time(
        actor=expert, member=jo, worked_on=dt.date(2026, 12, 1), what="First", meeting_minutes=60
    )
    claim_time(
        actor=expert, member=jo, worked_on=dt.date(2026, 12, 2), what="Second", meeting_minutes=60
    )
    client_for(finance).post(
        f"/coproduction/panel/claims/{made.claim.pk}/decide/", {"decision": "approve"}
    )
    page = text(client_for(finance).get("/coproduction/panel/claims/?status=approved"))
    assert "First" in page and "Second" not in page


# --- The expert's home ----------------------------------------------------------------------


def test_the_experts_home_shows_meetings_papers_and_time_to_claim(
    client_for, expert, jo, held_meeting, coming_meeting, paper
):
    page = text(client_for(expert).get("/"))
    assert "How reviews run" in page
    assert "Tuesday 15 December" in page
    assert "Hollowfield Community Centre, room 2" in page
    assert "What to bring" in page
    assert "Papers to read" in page and "How reviews run (easy read)" in page
    assert "You came to <strong>What good support means for the rate card</strong>" in page
    assert f"?meeting={held_meeting.pk}" in page
    assert "Your benefits limit is £195.00 a week." in page

    client_for(expert).get(f"/coproduction/panel/meetings/{coming_meeting.pk}/papers/{paper.pk}/")
    claim_time(
        actor=expert,
        member=jo,
        worked_on=dt.date(2026, 11, 25),
        what="Meeting",
        meeting_minutes=120,
        meeting=held_meeting,
    )
    page = text(client_for(expert).get("/"))
    assert "You have opened all the papers" in page
    assert "You have claimed for every meeting you came to." in page
    assert "£40.00" in page


def test_an_expert_not_on_the_panel_is_told_so_at_home(client_for, other_expert, panel):
    page = text(client_for(other_expert).get("/"))
    assert "You are not a member of a co-production panel yet." in page
