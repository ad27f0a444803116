"""The panel's services: every refusal, the pay arithmetic, the claim's transitions, papers
checked by their content, and decisions taken at a meeting going into the decision log."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from directsupport.audit.models import Action, AuditEvent
from directsupport.coproduction.models import (
    AttendanceStatus,
    ClaimStatus,
    MeetingPaper,
    MeetingStatus,
    Panel,
    ParticipantRole,
    Source,
    TimeClaim,
    Topic,
)
from directsupport.coproduction.panel import papers
from directsupport.coproduction.panel.services import (
    Conflict,
    add_member,
    amount_for,
    approve_claim,
    cancel_meeting,
    change_meeting,
    change_member,
    change_panel_settings,
    claim_time,
    mark_claim_paid,
    record_attendance,
    record_meeting_decision,
    record_paper_read,
    refuse_claim,
    reopen_claim,
    set_up_panel,
    upload_paper,
)

from .panel_fixtures import (
    TINY_PDF,
    amir,
    coming_meeting,
    held_meeting,
    jo,
    on_today,
    other_expert,
    panel,
    paper,
    pat,
    picture_bytes,
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


def messages_of(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(error.value.messages)


# --- Settings and members -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"hourly_rate_pence": -100}, "The hourly rate cannot be negative"),
        ({"hourly_rate_pence": 0}, "must be more than £0.00"),
        ({"weekly_limit_pence": -1}, "The weekly benefits limit cannot be negative"),
        ({"warn_at_percent": 0}, "from 1 to 100"),
        ({"warn_at_percent": 101}, "from 1 to 100"),
    ],
)
def test_settings_refuse_negative_or_impossible_numbers(panel, coordinator, fields, words):
    with pytest.raises(ValidationError) as refused:
        change_panel_settings(actor=coordinator, panel=panel, fields=fields, expected_version=1)
    assert words in messages_of(refused)
    panel.refresh_from_db()
    assert (panel.hourly_rate_pence, panel.version) == (2000, 1)


def test_a_stale_settings_save_is_a_conflict_and_changes_nothing(panel, coordinator, manager):
    change_panel_settings(
        actor=manager, panel=panel, fields={"hourly_rate_pence": 2200}, expected_version=1
    )
    with pytest.raises(Conflict) as conflict:
        change_panel_settings(
            actor=coordinator, panel=panel, fields={"hourly_rate_pence": 1800}, expected_version=1
        )
    saved = conflict.value.saved
    assert isinstance(saved, Panel)
    assert saved.hourly_rate_pence == 2200
    panel.refresh_from_db()
    assert (panel.hourly_rate_pence, panel.version) == (2200, 2)


def test_a_provider_has_one_panel(panel, coordinator, provider):
    with pytest.raises(ValidationError, match="already has a co-production panel"):
        set_up_panel(actor=coordinator, organisation=provider, fields={"name": "Second"})


def test_a_member_signs_in_only_as_an_expert_of_the_provider_and_only_once(
    panel, coordinator, jo, expert, worker, outsider
):
    for user in (worker, outsider):
        with pytest.raises(ValidationError, match="Only an expert by experience"):
            add_member(
                actor=coordinator,
                panel=panel,
                name="X",
                joined_on=dt.date(2026, 1, 1),
                user=user,
            )
    with pytest.raises(ValidationError, match="already a member"):
        add_member(
            actor=coordinator, panel=panel, name="Jo", joined_on=dt.date(2026, 1, 1), user=expert
        )


def test_a_members_negative_rate_is_refused(panel, coordinator):
    with pytest.raises(ValidationError, match="The hourly rate cannot be negative"):
        add_member(
            actor=coordinator,
            panel=panel,
            name="Sam",
            joined_on=dt.date(2026, 1, 1),
            hourly_rate_pence=-2000,
        )


# --- Time claims ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("meeting_minutes", "Time at the meeting cannot be negative"),
        ("preparation_minutes", "Preparation time cannot be negative"),
        ("travel_minutes", "Travel time cannot be negative"),
    ],
)
def test_negative_time_is_refused(jo, expert, field, words):
    minutes: dict[str, int] = {"meeting_minutes": 120, field: -30}
    with pytest.raises(ValidationError) as refused:
        claim_time(
            actor=expert,
            member=jo,
            worked_on=dt.date(2026, 12, 1),
            what="Panel work",
            meeting_minutes=minutes["meeting_minutes"],
            preparation_minutes=minutes.get("preparation_minutes", 0),
            travel_minutes=minutes.get("travel_minutes", 0),
        )
    assert words in messages_of(refused)
    assert field in refused.value.message_dict
    assert not TimeClaim.objects.exists()


def test_no_time_at_all_is_refused(jo, expert):
    with pytest.raises(ValidationError, match="Enter some time to claim"):
        claim_time(actor=expert, member=jo, worked_on=dt.date(2026, 12, 1), what="Nothing")


def test_time_not_yet_given_or_outside_membership_is_refused(jo, expert, coordinator):
    with pytest.raises(ValidationError, match="once it has been given"):
        claim_time(
            actor=expert, member=jo, worked_on=dt.date(2026, 12, 10), what="X", travel_minutes=5
        )
    with pytest.raises(ValidationError, match="had not joined"):
        claim_time(
            actor=expert, member=jo, worked_on=dt.date(2025, 6, 1), what="X", travel_minutes=5
        )


def test_a_claim_for_a_meeting_needs_an_invitation(jo, expert, private_meeting, held_meeting):
    with pytest.raises(ValidationError, match="was not invited"):
        claim_time(
            actor=expert,
            member=jo,
            worked_on=dt.date(2026, 12, 1),
            what="X",
            meeting_minutes=60,
            meeting=private_meeting,
        )


@pytest.mark.parametrize(
    ("minutes", "rate", "pence"),
    [
        (60, 2000, 2000),
        (90, 2000, 3000),
        (1, 2000, 33),  # 33.33p
        (1, 2010, 34),  # 33.5p: half a penny rounds up
        (1, 2070, 35),  # 34.5p
        (7, 1999, 233),  # 233.22p
    ],
)
def test_the_amount_is_minutes_at_the_rate_half_a_penny_up(minutes, rate, pence):
    assert amount_for(minutes=minutes, rate_pence=rate) == pence


def test_a_claim_uses_the_members_own_rate_or_else_the_panels_and_keeps_it(
    jo, pat, expert, coordinator, panel
):
    pat_claim = claim_time(
        actor=coordinator,
        member=pat,
        worked_on=dt.date(2026, 12, 1),
        what="Reading",
        preparation_minutes=45,
    ).claim
    change_member(actor=coordinator, member=jo, fields={"hourly_rate_pence": 2500})
    jo.refresh_from_db()
    made = claim_time(
        actor=expert,
        member=jo,
        worked_on=dt.date(2026, 12, 1),
        what="Meeting and travel",
        meeting_minutes=120,
        travel_minutes=30,
    )
    assert (pat_claim.rate_pence, pat_claim.amount_pence) == (2000, 1500)
    assert (made.claim.rate_pence, made.claim.amount_pence) == (2500, 6250)

    change_panel_settings(
        actor=coordinator, panel=panel, fields={"hourly_rate_pence": 3000}, expected_version=1
    )
    pat_claim.refresh_from_db()
    assert pat_claim.amount_pence == 1500  # made at the old rate, kept at it
    assert AuditEvent.objects.filter(
        action=Action.CREATE, subject_type="coproduction.timeclaim", actor=expert
    ).exists()


def test_a_claim_near_the_limit_is_made_and_comes_back_with_the_warning(jo, expert):
    claim_time(
        actor=expert, member=jo, worked_on=dt.date(2026, 12, 7), what="A", meeting_minutes=360
    )
    made = claim_time(
        actor=expert, member=jo, worked_on=dt.date(2026, 12, 8), what="B", meeting_minutes=180
    )
    assert made.claim.pk is not None
    assert made.week.warns
    assert "£180.00 of your £195.00 limit" in made.week.message()


def _claim(member, actor):
    return claim_time(
        actor=actor, member=member, worked_on=dt.date(2026, 12, 1), what="X", meeting_minutes=60
    ).claim


def test_a_claim_is_approved_then_paid(jo, expert, finance):
    claim = approve_claim(actor=finance, claim=_claim(jo, expert))
    assert claim.status == ClaimStatus.APPROVED
    claim = mark_claim_paid(actor=finance, claim=claim)
    assert (claim.status, claim.decided_by) == (ClaimStatus.PAID, finance)
    for move in (approve_claim, reopen_claim, mark_claim_paid):
        with pytest.raises(ValidationError, match="This claim is paid"):
            move(actor=finance, claim=claim)


def test_refusing_needs_a_reason_the_member_reads(jo, expert, finance):
    claim = _claim(jo, expert)
    with pytest.raises(ValidationError, match="Say why"):
        refuse_claim(actor=finance, claim=claim, reason="  ")
    claim = refuse_claim(actor=finance, claim=claim, reason="This was claimed twice.")
    assert (claim.status, claim.note) == (ClaimStatus.REFUSED, "This was claimed twice.")
    claim = reopen_claim(actor=finance, claim=claim)
    assert (claim.status, claim.note) == (ClaimStatus.CLAIMED, "")


def test_an_unapproved_claim_cannot_be_paid(jo, expert, finance):
    with pytest.raises(ValidationError, match="cannot be paid now"):
        mark_claim_paid(actor=finance, claim=_claim(jo, expert))


# --- Meetings -------------------------------------------------------------------------------


def test_a_meeting_must_end_after_it_starts(coming_meeting, coordinator):
    with pytest.raises(ValidationError, match="end after it starts"):
        change_meeting(
            actor=coordinator,
            meeting=coming_meeting,
            fields={"ends_at": coming_meeting.starts_at},
            expected_version=1,
        )


def test_a_stale_meeting_save_is_a_conflict(coming_meeting, coordinator, manager):
    change_meeting(
        actor=manager, meeting=coming_meeting, fields={"place": "Room 3"}, expected_version=1
    )
    with pytest.raises(Conflict):
        change_meeting(
            actor=coordinator, meeting=coming_meeting, fields={"place": "Hall"}, expected_version=1
        )
    coming_meeting.refresh_from_db()
    assert coming_meeting.place == "Room 3"


def test_a_meeting_not_yet_started_cannot_be_held_and_a_cancelled_one_takes_nothing(
    coming_meeting, coordinator, jo
):
    with pytest.raises(ValidationError, match="has not started yet"):
        record_attendance(actor=coordinator, meeting=coming_meeting, statuses={}, held=True)
    cancel_meeting(actor=coordinator, meeting=coming_meeting)
    coming_meeting.refresh_from_db()
    assert coming_meeting.status == MeetingStatus.CANCELLED
    with pytest.raises(ValidationError, match="cancelled"):
        upload_paper(
            actor=coordinator,
            meeting=coming_meeting,
            upload=upload(TINY_PDF, "a.pdf"),
            size=len(TINY_PDF),
            title="A",
            easy_read=True,
        )


def test_attendance_only_for_members_invited(private_meeting, coordinator, jo):
    with pytest.raises(ValidationError, match="Only members invited"):
        record_attendance(
            actor=coordinator,
            meeting=private_meeting,
            statuses={jo.pk: AttendanceStatus.ATTENDED},
        )


def test_a_decision_at_a_held_meeting_names_the_members_who_came_and_the_staff(
    held_meeting, coordinator, jo, pat
):
    decision = record_meeting_decision(
        actor=coordinator,
        meeting=held_meeting,
        title="Good support means the same worker each week",
        reasons="Members said changing workers is the hardest part.",
        person_words="I want to know who is coming.",
    )
    assert decision.topic == Topic.SERVICE_MODEL
    assert decision.person is None
    assert decision.meeting == held_meeting
    assert decision.source == Source.PANEL_MEETING
    assert decision.decided_on == dt.date(2026, 11, 25)
    roles = {(p.name, p.role) for p in decision.participants.all()}
    assert roles == {
        ("Jo Whitfield", ParticipantRole.EXPERT),
        ("Pat Green", ParticipantRole.EXPERT),
        ("Priya Shah", ParticipantRole.STAFF),
    }


def test_no_decision_before_the_meeting_is_held(coming_meeting, coordinator):
    with pytest.raises(ValidationError, match="once it has been held"):
        record_meeting_decision(actor=coordinator, meeting=coming_meeting, title="X", reasons="Y")


# --- Papers ---------------------------------------------------------------------------------


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        (_docx(), "agenda.docx", "saved as a PDF"),
        (b"<html><script>alert(1)</script></html>", "agenda.pdf", "This file is not one of those"),
        (b"GIF89a" + b"\x00" * 40, "picture.png", "This file is not one of those"),
        (b"%PDF-1.4\nnothing else", "cut.pdf", "may be damaged"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 30, "broken.png", "may be damaged"),
        (
            b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n%%EOF",
            "script.pdf",
            "contains a script",
        ),
        (b"", "empty.pdf", "empty"),
    ],
)
def test_a_paper_is_checked_by_its_content(
    coming_meeting, coordinator, private_storage, content, name, words
):
    with pytest.raises(ValidationError) as refused:
        upload_paper(
            actor=coordinator,
            meeting=coming_meeting,
            upload=upload(content, name),
            size=len(content),
            title="Agenda",
            easy_read=True,
        )
    assert words.lower() in messages_of(refused).lower()
    assert "file" in refused.value.message_dict
    assert not MeetingPaper.objects.exists()
    folder = private_storage / papers.PAPER_FOLDER
    assert not folder.exists() or not list(folder.iterdir())


def test_a_paper_too_large_is_refused_before_reading_it_all(coming_meeting, coordinator):
    big = TINY_PDF + b"0" * papers.MAX_PAPER_BYTES
    with pytest.raises(ValidationError, match="smaller than 10 MB"):
        upload_paper(
            actor=coordinator,
            meeting=coming_meeting,
            upload=upload(big, "big.pdf"),
            size=None,
            title="Big",
            easy_read=False,
        )


def test_a_paper_is_stored_privately_under_a_random_name(paper, private_storage, coordinator):
    assert paper.stored_name.startswith("panel-papers/")
    assert "reviews" not in paper.stored_name
    assert (private_storage / paper.stored_name).read_bytes() == TINY_PDF
    assert (paper.content_type, paper.size_bytes) == ("application/pdf", len(TINY_PDF))
    event = AuditEvent.objects.get(subject_type="coproduction.meetingpaper")
    assert paper.stored_name not in str(event.changes)


def test_a_picture_is_kept_as_a_clean_copy(coming_meeting, coordinator, private_storage):
    paper = upload_paper(
        actor=coordinator,
        meeting=coming_meeting,
        upload=upload(picture_bytes("JPEG"), "photo.jpeg"),
        size=None,
        title="Pictures of the room",
        easy_read=True,
    )
    assert paper.stored_name.endswith(".jpg")
    assert paper.content_type == "image/jpeg"


def test_opening_a_paper_is_noted_once(paper, jo):
    first = record_paper_read(member=jo, paper=paper)
    again = record_paper_read(member=jo, paper=paper)
    assert first.pk == again.pk
