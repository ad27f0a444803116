"""The feedback pages: who may see a person's feedback and who may give it, the easy-read form for
the person, their first-person page, the filter, and words shown as text."""

from __future__ import annotations

import re

import pytest

from directsupport.audit.models import Action, AuditEvent
from directsupport.coproduction.feedback.services import NOTHING_GIVEN, give_feedback
from directsupport.coproduction.models import Feedback, FeedbackAbout, FeedbackFrom, Feeling

from .feedback_fixtures import (
    everyone,
    on_today,
    persona,
    private_storage,
    published_book,
)

__all__ = ["everyone", "on_today", "persona", "private_storage", "published_book"]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today", "private_storage")]

READERS = [
    "manager",
    "coordinator",
    "worker",
    "finance",
    "market_shaper",
    "person_user",
    "sister_user",
    "cousin_user",
]
GIVERS = ["manager", "coordinator", "worker", "person_user", "sister_user"]
READ_ONLY = ["finance", "market_shaper", "cousin_user"]
NOT_FOUND = [
    "commissioner",
    "other_commissioner",
    "supplier",
    "expert",
    "outsider",
    "neighbour_user",
    "other_worker",
]


def list_url(person) -> str:
    return f"/coproduction/people/{person.pk}/feedback/"


def new_url(person) -> str:
    return f"/coproduction/people/{person.pk}/feedback/new/"


@pytest.fixture
def said_by_dee(dee, person_user) -> Feedback:
    return give_feedback(
        person=dee,
        given_by=person_user,
        feeling=Feeling.HAPPY,
        words="I like going to the lido with Sam. I don't like when they change who comes.",
        actor=person_user,
    )


# --- Who may see --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", READERS)
def test_the_person_her_circle_who_may_see_and_staff_see_her_feedback(
    name, persona, client_for, dee, said_by_dee
):
    response = client_for(persona(name)).get(list_url(dee))

    assert response.status_code == 200
    assert "I like going to the lido with Sam." in response.content.decode()
    assert AuditEvent.objects.filter(
        action=Action.VIEW, actor=persona(name), person_id=dee.pk
    ).exists()


@pytest.mark.parametrize("name", NOT_FOUND)
def test_everyone_else_gets_not_found(name, persona, client_for, dee, said_by_dee):
    client = client_for(persona(name))

    assert client.get(list_url(dee)).status_code == 404
    assert client.get(new_url(dee)).status_code == 404
    assert AuditEvent.objects.filter(action=Action.DENIED, actor=persona(name)).exists()


# --- Who may give -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", GIVERS)
def test_the_person_her_sister_and_staff_close_to_her_may_give_feedback(
    name, persona, client_for, dee
):
    client = client_for(persona(name))

    assert client.get(new_url(dee)).status_code == 200
    response = client.post(
        new_url(dee), {"feeling": "4", "words": "Going well.", "about": "general"}
    )

    assert response.status_code == 302
    assert response["Location"] == list_url(dee)
    feedback = Feedback.objects.get()
    assert feedback.given_by == persona(name)


@pytest.mark.parametrize("name", READ_ONLY)
def test_those_who_may_only_see_may_not_give_feedback(name, persona, client_for, dee):
    client = client_for(persona(name))

    assert client.get(new_url(dee)).status_code == 403
    response = client.post(new_url(dee), {"feeling": "4", "about": "general"})

    assert response.status_code == 403
    assert not Feedback.objects.exists()
    assert AuditEvent.objects.filter(action=Action.DENIED, actor=persona(name)).count() == 2


def test_the_give_link_shows_only_to_those_who_may_give(
    client_for, dee, sister, cousin, sister_user, cousin_user
):
    assert new_url(dee) in client_for(sister_user).get(list_url(dee)).content.decode()
    assert new_url(dee) not in client_for(cousin_user).get(list_url(dee)).content.decode()


# --- The form ---------------------------------------------------------------------------------


def test_dee_gets_the_easy_read_form_with_five_faces(client_for, dee, person_user):
    content = client_for(person_user).get(new_url(dee)).content.decode()

    assert "<h1>How are things going?</h1>" in content
    assert "Tell us in your own words" in content
    assert "Or record or add a voice note or a picture" in content
    assert "What is it about?" in content
    assert content.count('type="radio" name="feeling"') == 5
    for word in ("Really good", "Good", "OK", "Not so good", "Not good at all"):
        assert f"<span>{word}</span>" in content
    assert "coproduction/feelings/feeling-5.svg" in content
    assert 'accept="audio/*,image/*"' in content
    assert 'enctype="multipart/form-data"' in content
    assert "My money" in content


def test_her_sister_gets_the_same_form_in_standard_wording(client_for, dee, sister, sister_user):
    content = client_for(sister_user).get(new_url(dee)).content.decode()

    assert "<h1>Give feedback about Dee</h1>" in content
    assert "How are things going for Dee?" in content
    assert "Dee&#x27;s money" in content
    assert "up to 10 MB" in content


def test_nothing_given_is_a_clear_error_and_what_was_chosen_is_kept(client_for, dee, person_user):
    response = client_for(person_user).post(new_url(dee), {"words": "", "about": "money"})

    content = response.content.decode()
    assert response.status_code == 200
    assert NOTHING_GIVEN in content
    assert "<title>Error:" in content
    assert re.search(r'value="money"[^>]*checked', content)
    assert not Feedback.objects.exists()


def test_a_chosen_face_is_kept_when_something_else_is_wrong(client_for, dee, person_user):
    response = client_for(person_user).post(
        new_url(dee), {"feeling": "2", "words": "x" * 2001, "about": "general"}
    )

    content = response.content.decode()
    assert "2000 characters or fewer" in content
    assert 'value="2" id="id_feeling_3" checked' in content
    assert "x" * 2001 in content
    assert not Feedback.objects.exists()


# --- The feedback page ----------------------------------------------------------------------------


def test_dee_reads_what_she_said_in_the_first_person(
    client_for, dee, person_user, published_book, said_by_dee
):
    content = client_for(person_user).get(list_url(dee)).content.decode()

    assert "<h1>What I said</h1>" in content
    assert "I felt: Good" in content
    assert "I said this on 7 December 2026." in content
    assert "My Plan Book then: version 1." in content
    assert "Tell us how things are going" in content


def test_staff_read_who_gave_it_when_and_which_plan_book(
    client_for, dee, worker, sister, sister_user, published_book, said_by_dee
):
    give_feedback(
        person=dee,
        given_by=sister_user,
        words="She talks about swimming all the time.",
        about=FeedbackAbout.SUPPORT,
        actor=sister_user,
    )

    content = client_for(worker).get(list_url(dee)).content.decode()

    assert "<h1>How things are going for Dee</h1>" in content
    assert "Dee Okafor (the person), 7 December 2026." in content
    assert "Ngozi Okafor (family or friend), 7 December 2026." in content
    assert "How things are going: Good" in content
    assert "Plan Book version 1." in content
    # Newest first.
    assert content.index("She talks about swimming") < content.index("I like going to the lido")


def test_the_page_filters_by_who_gave_it(client_for, dee, coordinator, worker, said_by_dee):
    give_feedback(person=dee, given_by=worker, words="Settled at the lido.", actor=worker)

    content = (
        client_for(coordinator)
        .get(list_url(dee), {"given_by": FeedbackFrom.STAFF})
        .content.decode()
    )

    assert "Settled at the lido." in content
    assert "I like going to the lido with Sam." not in content


def test_script_in_words_is_shown_as_text(client_for, dee, person_user, coordinator):
    client_for(person_user).post(
        new_url(dee),
        {"words": '<script>alert("hi")</script><b>bold</b>', "about": "general"},
    )

    content = client_for(coordinator).get(list_url(dee)).content.decode()

    assert "<script>alert" not in content
    assert "<b>bold</b>" not in content
    assert "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in content


def test_dees_own_filter_speaks_to_her(client_for, dee, person_user, said_by_dee):
    content = client_for(person_user).get(list_url(dee), {"given_by": "person"}).content.decode()

    assert '<option value="person" selected>Me</option>' in content
    assert "My family and friends" in content
    assert "I like going to the lido with Sam." in content


def test_a_mistyped_feedback_id_is_not_a_refusal_against_the_person(dee, coordinator, client_for):
    """The coordinator may see Dee: feedback 999999 is a missing page, audited as such, not a
    refusal on Dee's "who looked at my information"."""
    from directsupport.audit.models import Action, AuditEvent

    url = f"/coproduction/people/{dee.pk}/feedback/999999/attachment/"
    assert client_for(coordinator).get(url).status_code == 404
    assert AuditEvent.objects.get(action=Action.DENIED).person_id is None
