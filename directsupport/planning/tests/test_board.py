"""The quick-capture board: the seven questions, attributed notes, best-guess tags, adding notes."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directsupport.audit.models import Action, AuditEvent
from directsupport.planning.models import (
    CaptureNote,
    EventParticipant,
    NoteStatus,
    PlanningEvent,
    Question,
    Speaker,
)
from directsupport.planning.tests.conftest import BOARD_READERS, NOT_FOUND_FOR_BOARD, add_note
from tests.factories import CircleMemberFactory, PersonFactory

pytestmark = pytest.mark.django_db

CONTRIBUTORS = ["coordinator", "manager", "worker", "person_user", "sister_user"]


def board_url(person) -> str:
    return f"/planning/people/{person.pk}/planning-live/"


def add_url(person) -> str:
    return f"/planning/people/{person.pk}/planning-live/notes/add/"


def card(content: str, question: str) -> str:
    """The HTML of one question's card on the board."""
    match = re.search(rf'<section[^>]*id="question-{question}".*?</section>', content, re.S)
    assert match is not None, f"no card for {question}"
    return match.group(0)


def note_data(**overrides: str) -> dict[str, str]:
    data = {"question": Question.IMPORTANT, "text": "Dee loves swimming on Saturdays"}
    data.update(overrides)
    return data


# --- Who may look -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", BOARD_READERS)
def test_people_close_to_dee_see_her_board_with_the_seven_questions(
    name, persona, client_for, dee, planning_day
):
    add_note(dee, text="Dee likes the café at the park", event=planning_day)

    response = client_for(persona(name)).get(board_url(dee))

    assert response.status_code == 200
    content = response.content.decode()
    for question in Question:
        assert html.escape(question.label) in content
    assert "Dee likes the café at the park" in content
    viewed = AuditEvent.objects.get(action=Action.VIEW, actor=persona(name))
    assert viewed.person_id == dee.pk
    assert viewed.summary == "Planning Live board"


@pytest.mark.parametrize("name", NOT_FOUND_FOR_BOARD)
def test_everyone_else_gets_not_found_for_the_board(name, persona, client_for, dee):
    add_note(dee, text="Dee likes the café at the park")

    response = client_for(persona(name)).get(board_url(dee))

    assert response.status_code == 404
    assert b"the park" not in response.content
    denied = AuditEvent.objects.get(action=Action.DENIED, actor=persona(name))
    assert denied.person_id == dee.pk


# --- What the board shows ---------------------------------------------------------------------


def test_each_note_says_who_said_it_their_relationship_and_the_event(
    client_for, coordinator, dee, sister, planning_day
):
    add_note(
        dee,
        text="Dee lights up at music",
        question=Question.TICK,
        speaker=Speaker.CIRCLE,
        said_by="Ngozi Okafor",
        relationship="my sister",
        event=planning_day,
    )

    content = client_for(coordinator).get(board_url(dee)).content.decode()

    tick = card(content, Question.TICK)
    assert "Dee lights up at music" in tick
    assert "Ngozi Okafor, my sister — Spring Planning Live" in tick


def test_a_best_guess_is_tagged_in_words_and_with_an_icon_not_by_colour_alone(
    client_for, coordinator, dee
):
    add_note(dee, text="Likes swimming", speaker=Speaker.CIRCLE, said_by="Ngozi Okafor")

    content = client_for(coordinator).get(board_url(dee)).content.decode()

    tag = re.search(r'<p class="tag tag--warn tag--status">(.*?)</p>', content, re.S)
    assert tag is not None
    assert "Best guess — not yet checked with Dee" in tag.group(1)
    assert "<svg" in tag.group(1)
    assert "1 best guess" in content


def test_confirmed_and_not_agreed_guesses_say_so_and_a_wrong_one_is_struck_and_explained(
    client_for, coordinator, dee
):
    add_note(dee, text="Likes swimming", speaker=Speaker.CIRCLE, status=NoteStatus.CONFIRMED)
    add_note(dee, text="Likes football", speaker=Speaker.CIRCLE, status=NoteStatus.NOT_AGREED)

    content = client_for(coordinator).get(board_url(dee)).content.decode()

    assert "Confirmed by Dee" in content
    assert "<s>Likes football</s>" in content
    assert "Dee said this is not right" in content
    assert "it will not go in the Plan Book" in content
    assert "Best guess — not yet checked" not in content


def test_dee_reads_about_herself_as_you(client_for, person_user, dee):
    add_note(dee, text="Likes swimming", speaker=Speaker.CIRCLE, said_by="Ngozi Okafor")
    add_note(dee, text="Likes buses", speaker=Speaker.CIRCLE, status=NoteStatus.NOT_AGREED)
    add_note(dee, text="I like the market")

    content = client_for(person_user).get(board_url(dee)).content.decode()

    assert "Best guess — not yet checked with you" in content
    assert "You said this is not right" in content
    assert "In your own words" in content


def test_the_board_can_show_one_event_only(client_for, coordinator, provider, dee, planning_day):
    autumn = PlanningEvent.objects.create(
        organisation=provider,
        title="Autumn Planning Live",
        date=dt.date(2025, 10, 4),
        venue_name="Library",
        venue_address="1 High Street",
        venue_access="Step-free",
    )
    EventParticipant.objects.create(event=autumn, person=dee)
    add_note(dee, text="Said in spring", event=planning_day)
    add_note(dee, text="Said in autumn", event=autumn)

    content = client_for(coordinator).get(f"{board_url(dee)}?event={autumn.pk}").content.decode()

    assert "Said in autumn" in content
    assert "Said in spring" not in content
    assert "Showing notes from Autumn Planning Live" in content


def test_the_board_has_no_inline_script_or_style(client_for, coordinator, dee, planning_day):
    content = client_for(coordinator).get(board_url(dee)).content.decode()

    assert not re.search(r"<script(?![^>]*\bsrc=)", content)
    assert "style=" not in content


def test_the_board_queries_stay_the_same_however_many_notes(
    client_for, coordinator, dee, sister, planning_day
):
    client = client_for(coordinator)
    client.get(board_url(dee))  # the first request also loads the session and two-factor device

    def queries_with(count: int) -> int:
        CaptureNote.objects.all().delete()
        for index in range(count):
            add_note(
                dee,
                text=f"Note {index}",
                question=list(Question)[index % 7],
                speaker=Speaker.CIRCLE,
                said_by="Ngozi Okafor",
                event=planning_day,
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(board_url(dee)).status_code == 200
        return len(queries)

    assert queries_with(3) == queries_with(30)


# --- The add form -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", CONTRIBUTORS)
def test_people_who_may_contribute_get_an_add_form_on_every_card(
    name, persona, client_for, dee, planning_day
):
    content = client_for(persona(name)).get(board_url(dee)).content.decode()

    for question in Question:
        assert 'name="text"' in card(content, question)
    assert content.count('<input type="hidden" name="question"') == 7


def test_a_cousin_who_may_only_see_gets_no_add_form(client_for, cousin_user, dee, cousin):
    content = client_for(cousin_user).get(board_url(dee)).content.decode()

    assert 'name="text"' not in content


def test_staff_choose_who_said_it_with_the_invited_circle_first(
    client_for, coordinator, dee, sister, cousin, planning_day
):
    content = client_for(coordinator).get(board_url(dee)).content.decode()

    speaker = card(content, Question.IMPORTANT)
    invited = speaker.index('<optgroup label="Invited to Spring Planning Live">')
    assert (
        invited
        < speaker.index("Ngozi Okafor, my sister")
        < speaker.index("Others in Dee&#x27;s circle")
        < speaker.index("Chika Obi, my cousin")
    )
    assert "Dee Okafor, in their own words" in speaker
    assert "Someone else (write their name below)" in speaker


def test_the_event_defaults_to_the_latest_one_not_in_the_future(
    client_for, coordinator, provider, dee, planning_day
):
    future = PlanningEvent.objects.create(
        organisation=provider,
        title="Next year's Planning Live",
        date=dt.date.today() + dt.timedelta(days=30),
        venue_name="Library",
        venue_address="1 High Street",
        venue_access="Step-free",
    )
    EventParticipant.objects.create(event=future, person=dee)

    content = client_for(coordinator).get(board_url(dee)).content.decode()

    assert f'<option value="{planning_day.pk}" selected>Spring Planning Live, 14 March 2026' in (
        content
    )
    assert "Next year&#x27;s Planning Live" not in content


def test_a_circle_member_adds_as_themselves(client_for, sister_user, dee, sister):
    content = client_for(sister_user).get(board_url(dee)).content.decode()

    assert "You are adding this as Ngozi Okafor, my sister." in content
    assert 'name="speaker"' not in content


# --- Adding notes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "speaker", "said_by", "status"),
    [
        ("person_user", Speaker.PERSON, "Dee Okafor", NoteStatus.OWN_WORDS),
        ("sister_user", Speaker.CIRCLE, "Ngozi Okafor", NoteStatus.BEST_GUESS),
        ("coordinator", Speaker.PERSON, "Dee Okafor", NoteStatus.OWN_WORDS),
        ("manager", Speaker.PERSON, "Dee Okafor", NoteStatus.OWN_WORDS),
        ("worker", Speaker.PERSON, "Dee Okafor", NoteStatus.OWN_WORDS),
    ],
)
def test_contributors_add_a_note_and_go_back_to_its_question(
    name, speaker, said_by, status, persona, client_for, dee, planning_day
):
    response = client_for(persona(name)).post(
        add_url(dee), note_data(speaker="person", event=str(planning_day.pk))
    )

    assert response.status_code == 302
    assert response["Location"] == f"{board_url(dee)}#question-important"
    note = CaptureNote.objects.get()
    assert (note.text, note.speaker, note.said_by, note.status) == (
        "Dee loves swimming on Saturdays",
        speaker,
        said_by,
        status,
    )
    assert note.event == planning_day
    assert note.written_by == persona(name)
    created = AuditEvent.objects.get(action=Action.CREATE)
    assert created.person_id == dee.pk
    assert created.subject_type == "planning.capturenote"
    assert created.changes["text"] == {"from": None, "to": "Dee loves swimming on Saturdays"}
    assert created.changes["status"]["to"] == status


def test_staff_writing_what_a_circle_member_said_make_a_best_guess(
    client_for, worker, dee, sister, planning_day
):
    client_for(worker).post(add_url(dee), note_data(speaker=f"member-{sister.pk}"))

    note = CaptureNote.objects.get()
    assert (note.speaker, note.speaker_member, note.said_by, note.relationship) == (
        Speaker.CIRCLE,
        sister,
        "Ngozi Okafor",
        "my sister",
    )
    assert note.status == NoteStatus.BEST_GUESS


def test_what_others_admire_about_dee_is_not_a_guess(client_for, sister_user, dee, sister):
    client_for(sister_user).post(add_url(dee), note_data(question=Question.ADMIRE))

    assert CaptureNote.objects.get().status == NoteStatus.OTHERS_VIEW


def test_staff_can_write_down_their_own_words(client_for, worker, dee):
    client_for(worker).post(add_url(dee), note_data(speaker="me"))

    note = CaptureNote.objects.get()
    assert (note.speaker, note.said_by, note.relationship) == (
        Speaker.OTHER,
        "Sam Patel",
        "support worker",
    )


def test_someone_else_needs_a_name_and_a_relationship(client_for, coordinator, dee):
    client = client_for(coordinator)

    response = client.post(add_url(dee), note_data(speaker="other", name=" ", relationship=""))

    content = response.content.decode()
    assert "Write the name of who said it." in content
    assert "Write who they are to Dee, for example &#x27;facilitator&#x27;." in content
    assert not CaptureNote.objects.exists()

    client.post(
        add_url(dee),
        note_data(speaker="other", name="  Femi   Ade ", relationship="facilitator"),
    )
    note = CaptureNote.objects.get()
    assert (note.said_by, note.relationship, note.status) == (
        "Femi Ade",
        "facilitator",
        NoteStatus.BEST_GUESS,
    )


def test_site_js_gets_just_the_new_note(client_for, sister_user, dee, sister, planning_day):
    response = client_for(sister_user).post(
        add_url(dee),
        note_data(event=str(planning_day.pk)),
        headers={"X-Board-Fragment": "note"},
    )

    assert response.status_code == 201
    content = response.content.decode()
    assert content.strip().startswith('<li class="board-note board-note--best_guess"')
    assert "Ngozi Okafor, my sister — Spring Planning Live" in content
    assert "Best guess — not yet checked with Dee" in content
    assert CaptureNote.objects.count() == 1


def test_adding_is_by_post_only(client_for, coordinator, dee):
    response = client_for(coordinator).get(add_url(dee))

    assert response.status_code == 405


# --- Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\r\n\t  \r\n"])
def test_an_empty_note_is_refused(text, client_for, coordinator, dee):
    response = client_for(coordinator).post(add_url(dee), note_data(text=text, speaker="person"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Planning Live board" in content
    assert "Write the note before adding it" in content
    assert 'href="#important-text"' in content
    assert not CaptureNote.objects.exists()


def test_a_note_over_500_characters_is_refused_and_kept_in_its_card(client_for, coordinator, dee):
    long_text = "Dee enjoys " + "swimming " * 60

    response = client_for(coordinator).post(
        add_url(dee), note_data(text=long_text, speaker="person", question=Question.PLACES)
    )

    content = response.content.decode()
    length = len(long_text.strip())
    assert f"Keep notes short: 500 characters at most (this one has {length})" in content
    places = card(content, Question.PLACES)
    assert long_text.strip() in places
    assert long_text.strip() not in card(content, Question.IMPORTANT)
    assert 'value="person" selected' in places
    assert not CaptureNote.objects.exists()


def test_exactly_500_characters_is_fine(client_for, coordinator, dee):
    client_for(coordinator).post(add_url(dee), note_data(text="a" * 500, speaker="person"))

    assert len(CaptureNote.objects.get().text) == 500


def test_script_in_a_note_is_stored_as_typed_and_shown_as_text(
    client_for, sister_user, dee, sister
):
    client = client_for(sister_user)
    client.post(add_url(dee), note_data(text="<script>alert(1)</script>"))

    assert CaptureNote.objects.get().text == "<script>alert(1)</script>"
    content = client.get(board_url(dee)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert" not in content


def test_staff_must_say_who_said_it(client_for, coordinator, dee):
    response = client_for(coordinator).post(add_url(dee), note_data())

    assert "Choose who said it." in response.content.decode()
    assert not CaptureNote.objects.exists()


def test_a_member_of_someone_elses_circle_cannot_be_named(client_for, coordinator, dee, provider):
    stranger = CircleMemberFactory.create(person=PersonFactory.create(organisation=provider))

    response = client_for(coordinator).post(
        add_url(dee), note_data(speaker=f"member-{stranger.pk}")
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not CaptureNote.objects.exists()


def test_an_event_dee_was_not_at_is_refused(client_for, coordinator, provider, dee):
    elsewhere = PlanningEvent.objects.create(
        organisation=provider,
        title="Someone else's day",
        date=dt.date(2026, 1, 10),
        venue_name="Library",
        venue_address="1 High Street",
        venue_access="Step-free",
    )

    response = client_for(coordinator).post(
        add_url(dee), note_data(speaker="person", event=str(elsewhere.pk))
    )

    assert "Choose one of the Planning Live days in the list." in response.content.decode()
    assert not CaptureNote.objects.exists()


def test_an_unknown_question_is_refused(client_for, coordinator, dee):
    response = client_for(coordinator).post(add_url(dee), note_data(question="secrets"))

    assert response.status_code == 400
    assert not CaptureNote.objects.exists()


def test_a_cousin_who_may_not_contribute_is_refused_and_it_is_audited(
    client_for, cousin_user, dee, cousin
):
    response = client_for(cousin_user).post(add_url(dee), note_data())

    assert response.status_code == 403
    assert not CaptureNote.objects.exists()
    denied = AuditEvent.objects.get(action=Action.DENIED, actor=cousin_user)
    assert denied.person_id == dee.pk
    assert denied.subject_type == "planning.capturenote"


@pytest.mark.parametrize("name", NOT_FOUND_FOR_BOARD)
def test_people_who_may_not_see_dee_cannot_add_notes(name, persona, client_for, dee):
    response = client_for(persona(name)).post(add_url(dee), note_data(speaker="person"))

    assert response.status_code == 404
    assert not CaptureNote.objects.exists()
    assert AuditEvent.objects.filter(action=Action.DENIED, actor=persona(name)).exists()
