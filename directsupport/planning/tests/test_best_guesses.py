"""Best guesses: Guess, Ask, Write. Staff check a guess with the person and say how they asked;
the person answers on their own sign-in in easy read; the circle can only look."""

from __future__ import annotations

import re

import pytest

from directsupport.audit.models import Action, AuditEvent
from directsupport.planning.models import CaptureNote, NoteStatus, Question, Speaker
from directsupport.planning.tests.conftest import BOARD_READERS, NOT_FOUND_FOR_BOARD, add_note
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

CHECKERS = ["coordinator", "manager", "worker"]
CIRCLE = ["sister_user", "cousin_user"]


def guesses_url(person) -> str:
    return f"/planning/people/{person.pk}/planning-live/best-guesses/"


def check_url(person, note) -> str:
    return f"/planning/people/{person.pk}/planning-live/notes/{note.pk}/check/"


@pytest.fixture
def guess(dee, sister, planning_day) -> CaptureNote:
    return add_note(
        dee,
        text="you like swimming",
        question=Question.IMPORTANT,
        speaker=Speaker.CIRCLE,
        said_by="Ngozi Okafor",
        relationship="my sister",
        event=planning_day,
    )


def asked(**overrides: str) -> dict[str, str]:
    data = {"answer": "yes", "how": "I showed Dee a photo of the pool; Dee smiled and said yes"}
    data.update(overrides)
    return data


# --- Looking at the list ----------------------------------------------------------------------


@pytest.mark.parametrize("name", BOARD_READERS)
def test_people_close_to_dee_see_the_guesses_still_to_check(name, persona, client_for, dee, guess):
    add_note(dee, text="I like the market")

    response = client_for(persona(name)).get(guesses_url(dee))

    assert response.status_code == 200
    content = response.content.decode()
    assert "you like swimming" in content
    assert "I like the market" not in content
    viewed = AuditEvent.objects.get(action=Action.VIEW, actor=persona(name))
    assert (viewed.person_id, viewed.summary) == (dee.pk, "Best guesses to check")


@pytest.mark.parametrize("name", NOT_FOUND_FOR_BOARD)
def test_everyone_else_gets_not_found_for_the_guesses(name, persona, client_for, dee, guess):
    response = client_for(persona(name)).get(guesses_url(dee))

    assert response.status_code == 404
    assert b"swimming" not in response.content
    assert AuditEvent.objects.filter(action=Action.DENIED, actor=persona(name)).exists()


def test_dee_gets_an_easy_read_page_with_big_yes_and_no_buttons(
    client_for, person_user, dee, guess
):
    content = client_for(person_user).get(guesses_url(dee)).content.decode()

    assert '<body class="easy-read"' in content
    assert "Ngozi thinks:" in content
    assert "you like swimming" in content
    assert "Is this right?" in content
    yes = re.search(r'<button[^>]*value="yes"[^>]*>(.*?)</button>', content, re.S)
    no = re.search(r'<button[^>]*value="no"[^>]*>(.*?)</button>', content, re.S)
    assert yes is not None and "Yes, that's right" in yes.group(1) and "<svg" in yes.group(1)
    assert no is not None and "No, that's not right" in no.group(1)
    assert "How did you ask" not in content


@pytest.mark.parametrize("name", CHECKERS)
def test_staff_get_a_form_asking_how_they_asked_dee(name, persona, client_for, dee, guess):
    content = client_for(persona(name)).get(guesses_url(dee)).content.decode()

    assert "How did you ask Dee?" in content
    assert "Yes, Dee says that&#x27;s right" in content
    assert '<body class="easy-read"' not in content


@pytest.mark.parametrize("name", CIRCLE)
def test_the_circle_sees_the_guesses_without_a_way_to_answer(name, persona, client_for, dee, guess):
    content = client_for(persona(name)).get(guesses_url(dee)).content.decode()

    assert "you like swimming" in content
    assert "note_check" not in content and "/check/" not in content
    assert "Only Dee, or staff who ask Dee, can say whether a guess is right." in content


# --- Staff write down the answer --------------------------------------------------------------


@pytest.mark.parametrize("name", CHECKERS)
def test_staff_write_down_that_dee_confirmed_a_guess(name, persona, client_for, dee, guess):
    response = client_for(persona(name)).post(check_url(dee, guess), asked())

    assert response.status_code == 302
    assert response["Location"] == guesses_url(dee)
    guess.refresh_from_db()
    assert guess.status == NoteStatus.CONFIRMED
    assert guess.checked_by == persona(name)
    assert guess.checked_at is not None
    assert guess.checked_how == "I showed Dee a photo of the pool; Dee smiled and said yes"
    changed = AuditEvent.objects.get(action=Action.UPDATE)
    assert changed.person_id == dee.pk
    assert changed.changes["status"] == {"from": "best_guess", "to": "confirmed"}


def test_a_guess_dee_says_is_wrong_shows_so_on_the_board(client_for, coordinator, dee, guess):
    client = client_for(coordinator)

    client.post(check_url(dee, guess), asked(answer="no", how="Asked with picture cards"))

    guess.refresh_from_db()
    assert guess.status == NoteStatus.NOT_AGREED
    board = client.get(f"/planning/people/{dee.pk}/planning-live/").content.decode()
    assert "<s>you like swimming</s>" in board
    assert "Dee said this is not right" in board


def test_dee_can_change_her_mind_either_way(client_for, coordinator, dee, guess):
    client = client_for(coordinator)

    client.post(check_url(dee, guess), asked())
    client.post(check_url(dee, guess), asked(answer="no", how="Dee said she has gone off it"))
    guess.refresh_from_db()
    assert guess.status == NoteStatus.NOT_AGREED
    client.post(check_url(dee, guess), asked(answer="yes", how="Dee asked to go again"))
    guess.refresh_from_db()
    assert guess.status == NoteStatus.CONFIRMED

    changes = [
        event.changes["status"]
        for event in AuditEvent.objects.filter(action=Action.UPDATE).order_by("id")
    ]
    assert changes == [
        {"from": "best_guess", "to": "confirmed"},
        {"from": "confirmed", "to": "not_agreed"},
        {"from": "not_agreed", "to": "confirmed"},
    ]


def test_a_checked_guess_offers_staff_the_other_answer(client_for, coordinator, dee, guess):
    client = client_for(coordinator)
    client.post(check_url(dee, guess), asked())

    content = client.get(guesses_url(dee)).content.decode()

    assert "Already checked" in content
    assert (
        "by Priya Shah. How: I showed Dee a photo of the pool; Dee smiled and said yes" in content
    )
    assert '<input type="hidden" name="answer" value="no">' in content
    assert "Change to: Dee says this is not right" in content


def test_the_same_answer_twice_changes_nothing(client_for, coordinator, dee, guess):
    client = client_for(coordinator)
    client.post(check_url(dee, guess), asked())

    response = client.post(check_url(dee, guess), asked(how="Asked again"), follow=True)

    assert "That answer was already written down. Nothing has changed." in (
        response.content.decode()
    )
    guess.refresh_from_db()
    assert guess.checked_how == "I showed Dee a photo of the pool; Dee smiled and said yes"
    assert AuditEvent.objects.filter(action=Action.UPDATE).count() == 1


def test_deess_own_words_are_not_a_guess_to_check(client_for, coordinator, dee):
    own = add_note(dee, text="I like the market")

    response = client_for(coordinator).post(check_url(dee, own), asked(), follow=True)

    assert "This note is not a best guess, so there is nothing to check with Dee." in (
        response.content.decode()
    )
    own.refresh_from_db()
    assert own.status == NoteStatus.OWN_WORDS
    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()


# --- Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["", "   "])
def test_staff_must_say_how_they_asked(how, client_for, coordinator, dee, guess):
    response = client_for(coordinator).post(check_url(dee, guess), asked(how=how))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Best guesses" in content
    assert "Write how you asked Dee." in content
    assert f'href="#note-{guess.pk}-how"' in content
    guess.refresh_from_db()
    assert guess.status == NoteStatus.BEST_GUESS


def test_how_they_asked_is_kept_short_and_nothing_typed_is_lost(
    client_for, coordinator, dee, guess
):
    how = "I asked Dee " + "very carefully " * 15

    response = client_for(coordinator).post(check_url(dee, guess), asked(how=how))

    content = response.content.decode()
    length = len(how.strip())
    assert f"Keep this short: 200 characters at most (this one has {length})" in content
    assert how.strip() in content
    assert re.search(rf'value="yes"[^>]*id="note-{guess.pk}-answer_0"[^>]*checked', content)
    guess.refresh_from_db()
    assert guess.status == NoteStatus.BEST_GUESS


@pytest.mark.parametrize("answer", ["", "maybe"])
def test_an_answer_must_be_chosen(answer, client_for, coordinator, dee, guess):
    response = client_for(coordinator).post(check_url(dee, guess), asked(answer=answer))

    assert "Choose what Dee said: is the guess right or not?" in response.content.decode()
    guess.refresh_from_db()
    assert guess.status == NoteStatus.BEST_GUESS


def test_script_in_how_they_asked_is_shown_as_text(client_for, coordinator, dee, guess):
    client = client_for(coordinator)
    client.post(check_url(dee, guess), asked(how="<script>alert(1)</script>"))

    content = client.get(guesses_url(dee)).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert" not in content


# --- Dee answers herself ----------------------------------------------------------------------


def test_dee_answers_yes_herself(client_for, person_user, dee, guess):
    response = client_for(person_user).post(check_url(dee, guess), {"answer": "yes"}, follow=True)

    assert "Thank you. Your answer is written down." in response.content.decode()
    guess.refresh_from_db()
    assert guess.status == NoteStatus.CONFIRMED
    assert guess.checked_by == person_user
    assert guess.checked_how == "Dee answered on their own sign-in"
    assert AuditEvent.objects.get(action=Action.UPDATE).actor == person_user


def test_dee_changes_her_mind_in_easy_read(client_for, person_user, dee, guess):
    client = client_for(person_user)
    client.post(check_url(dee, guess), {"answer": "no"})

    content = client.get(guesses_url(dee)).content.decode()
    assert "You said: no, that's not right." in content
    assert "I changed my mind: it's right" in content

    client.post(check_url(dee, guess), {"answer": "yes"})
    guess.refresh_from_db()
    assert guess.status == NoteStatus.CONFIRMED


# --- Who may not answer -----------------------------------------------------------------------


@pytest.mark.parametrize("name", CIRCLE)
def test_the_circle_may_not_answer_for_dee(name, persona, client_for, dee, guess):
    response = client_for(persona(name)).post(check_url(dee, guess), asked())

    assert response.status_code == 403
    guess.refresh_from_db()
    assert guess.status == NoteStatus.BEST_GUESS
    denied = AuditEvent.objects.get(action=Action.DENIED, actor=persona(name))
    assert (denied.person_id, denied.subject_id) == (dee.pk, str(guess.pk))


@pytest.mark.parametrize("name", NOT_FOUND_FOR_BOARD)
def test_people_who_may_not_see_dee_cannot_answer(name, persona, client_for, dee, guess):
    response = client_for(persona(name)).post(check_url(dee, guess), asked())

    assert response.status_code == 404
    guess.refresh_from_db()
    assert guess.status == NoteStatus.BEST_GUESS


def test_a_note_about_someone_else_is_not_found(client_for, coordinator, provider, dee, guess):
    other = PersonFactory.create(organisation=provider)

    response = client_for(coordinator).post(check_url(other, guess), asked())

    assert response.status_code == 404
    guess.refresh_from_db()
    assert guess.status == NoteStatus.BEST_GUESS


def test_checking_is_by_post_only(client_for, coordinator, dee, guess):
    assert client_for(coordinator).get(check_url(dee, guess)).status_code == 405
