"""Outcomes with actions: who may see and change them, where each came from, actions and their
dates, bad input, removing, marking done, and two people changing an outcome at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from directsupport.audit.models import Action, AuditEvent
from directsupport.planning.models import (
    NoteStatus,
    Outcome,
    OutcomeAction,
    Question,
    Speaker,
    ToolKind,
)
from directsupport.planning.outcomes.services import (
    ActionInput,
    OutcomeDetails,
    add_outcome,
)
from directsupport.planning.tests.conftest import (
    BOARD_READERS,
    EDITORS,
    NOT_FOUND_FOR_BOARD,
    add_note,
)
from tests.clock import on_day
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

TOOL_READERS = [*BOARD_READERS, "market_shaper"]
NOT_FOUND = [name for name in NOT_FOUND_FOR_BOARD if name != "market_shaper"]
READ_ONLY = [name for name in TOOL_READERS if name not in EDITORS]

TODAY = dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def _on_today():
    """Every test here runs on TODAY, whatever the real day."""
    with on_day(TODAY):
        yield


NEXT_MONTH = TODAY + dt.timedelta(days=30)
LAST_WEEK = TODAY - dt.timedelta(days=7)


def url(person: Any, tail: str = "") -> str:
    return f"/planning/people/{person.pk}/tools/outcomes/{tail}"


def outcome_form(
    *actions: dict[str, str], version: int | str = "", initial: int = 0, **fields: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": str(version),
        "text": "I want to swim in the sea at Brighton",
        "source_note": "",
        "source_tool": "",
        "source_text": "",
        "achieved_on": "",
        "actions-TOTAL_FORMS": str(len(actions) + 1),
        "actions-INITIAL_FORMS": str(initial),
    }
    data.update(fields)
    for index, action in enumerate(actions):
        data.update({f"actions-{index}-{key}": value for key, value in action.items()})
    return data


def step(what: str = "Find a swimming buddy", who: str = "Sam", by_when: Any = NEXT_MONTH):
    return {"what": what, "who": who, "by_when": str(by_when)}


@pytest.fixture
def sea_note(dee, sister):
    """A best guess from Dee's sister, about what Dee wants to do in the future."""
    return add_note(
        dee,
        text="Swim in the sea",
        question=Question.FUTURE,
        speaker=Speaker.CIRCLE,
        said_by="Ngozi Okafor",
        relationship="my sister",
    )


@pytest.fixture
def outcome(dee, coordinator, sea_note) -> Outcome:
    return add_outcome(
        actor=coordinator,
        person=dee,
        details=OutcomeDetails(text="I want to swim in the sea", source_note=sea_note),
        actions=[
            ActionInput(what="Find a swimming buddy", who="Sam", by_when=NEXT_MONTH),
            ActionInput(what="Buy a wetsuit", who="Ngozi", by_when=LAST_WEEK),
        ],
    )


# --- Who may see and change -----------------------------------------------------------------


@pytest.mark.parametrize("name", TOOL_READERS)
def test_readers_see_outcomes_and_where_they_came_from(name, persona, client_for, dee, outcome):
    response = client_for(persona(name)).get(url(dee))

    body = response.content.decode()
    assert response.status_code == 200
    assert "I want to swim in the sea" in body
    assert "What I want to do in the future — Ngozi Okafor (my sister): “Swim in the sea”" in body
    assert "Best guess, not yet checked with Dee" in body
    assert AuditEvent.objects.filter(action=Action.VIEW, person_id=dee.pk).exists()


@pytest.mark.parametrize("name", NOT_FOUND)
def test_others_get_not_found_for_outcomes(name, persona, client_for, dee, outcome):
    client = client_for(persona(name))
    action = outcome.actions.first()

    for tail in ("", "add/", f"{outcome.pk}/change/", f"{outcome.pk}/remove/"):
        response = client.get(url(dee, tail))
        assert response.status_code == 404, tail
        assert "Brighton" not in response.content.decode()
    for tail in ("add/", f"{outcome.pk}/change/", f"{outcome.pk}/remove/"):
        assert client.post(url(dee, tail), outcome_form(step())).status_code == 404, tail
    done = client.post(url(dee, f"{outcome.pk}/actions/{action.pk}/done/"))
    assert done.status_code == 404
    assert Outcome.objects.count() == 1
    assert not OutcomeAction.objects.filter(done_on__isnull=False).exists()


@pytest.mark.parametrize("name", READ_ONLY)
def test_read_only_readers_may_not_change_outcomes(name, persona, client_for, dee, outcome):
    client = client_for(persona(name))
    action = outcome.actions.first()

    body = client.get(url(dee)).content.decode()
    assert "Add an outcome" not in body
    assert "Mark done" not in body
    for tail in ("add/", f"{outcome.pk}/change/", f"{outcome.pk}/remove/"):
        assert client.get(url(dee, tail)).status_code == 403, tail
        assert client.post(url(dee, tail), outcome_form(step())).status_code == 403, tail
    assert client.post(url(dee, f"{outcome.pk}/actions/{action.pk}/done/")).status_code == 403
    assert Outcome.objects.get().text == "I want to swim in the sea"
    assert not OutcomeAction.objects.filter(done_on__isnull=False).exists()


def test_an_outcome_of_someone_else_is_not_found(client_for, coordinator, dee, outcome, provider):
    other = PersonFactory.create(organisation=provider)

    response = client_for(coordinator).get(
        f"/planning/people/{other.pk}/tools/outcomes/{outcome.pk}/change/"
    )

    assert response.status_code == 404


# --- Adding ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EDITORS)
def test_editors_add_an_outcome_from_an_aspiration(name, persona, client_for, dee, sea_note):
    user = persona(name)
    client = client_for(user)
    form = client.get(url(dee, "add/")).content.decode()
    assert "Best guess, not yet checked: Swim in the sea (Ngozi Okafor)" in form

    response = client.post(
        url(dee, "add/"),
        outcome_form(
            step(),
            step("Go to Brighton", "Dee and Ngozi", NEXT_MONTH + dt.timedelta(days=60)),
            source_note=str(sea_note.pk),
        ),
    )

    outcome = Outcome.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(dee) + f"#outcome-{outcome.pk}"
    assert outcome.source_note == sea_note
    assert outcome.source_text == "Swim in the sea"  # the words are kept too
    assert outcome.created_by == user
    assert [a.what for a in outcome.actions.all()] == ["Find a swimming buddy", "Go to Brighton"]
    event = AuditEvent.objects.get(action=Action.CREATE, subject_type="planning.outcome")
    assert event.changes["text"]["to"] == "I want to swim in the sea at Brighton"
    assert "Go to Brighton" in event.changes["actions"]["to"]


def test_an_outcome_may_come_from_a_tool(client_for, coordinator, dee):
    client_for(coordinator).post(
        url(dee, "add/"),
        outcome_form(source_tool=ToolKind.COMMUNITY_MAP, source_text="Where I could go: the lido"),
    )

    outcome = Outcome.objects.get()
    assert (outcome.source_tool, outcome.source_note) == ("community_map", None)
    body = client_for(coordinator).get(url(dee)).content.decode()
    assert "Community map: “Where I could go: the lido”" in body


def test_aspirations_come_first_and_notes_dee_said_were_wrong_are_left_out(
    client_for, coordinator, dee, sea_note
):
    add_note(
        dee,
        text="Her cooking",
        question=Question.ADMIRE,
        speaker=Speaker.CIRCLE,
        said_by="Ngozi Okafor",
        status=NoteStatus.OTHERS_VIEW,
    )
    add_note(
        dee,
        text="Skydiving",
        question=Question.FUTURE,
        speaker=Speaker.CIRCLE,
        said_by="Ngozi Okafor",
        status=NoteStatus.NOT_AGREED,
    )

    form = client_for(coordinator).get(url(dee, "add/")).content.decode()

    assert form.index("Swim in the sea") < form.index("Her cooking")
    assert '<optgroup label="What I want to do in the future">' in form
    assert "Skydiving" not in form


def test_a_note_from_someone_elses_board_is_refused(client_for, coordinator, dee, provider):
    other = PersonFactory.create(organisation=provider)
    their_note = add_note(other, text="Fly a plane", question=Question.FUTURE)

    response = client_for(coordinator).post(
        url(dee, "add/"), outcome_form(step(), source_note=str(their_note.pk))
    )

    body = response.content.decode()
    assert "Choose a note from Dee&#x27;s board." in body
    assert "Fly a plane" not in body
    assert "Find a swimming buddy" in body  # what was typed is kept
    assert not Outcome.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Say where this outcome came from"),
        (
            {"source_tool": "community_map", "source_note": "NOTE"},
            "Choose a note or a tool, not both.",
        ),
        ({"source_note": "NOTE", "source_text": "words"}, "leave the words from a tool empty"),
        ({"text": "   ", "source_note": "NOTE"}, "Write the outcome, in Dee&#x27;s words."),
        ({"text": "x" * 301, "source_note": "NOTE"}, "The outcome is 301 characters long"),
        ({"source_tool": "nonsense"}, "Select a valid choice."),
        ({"source_note": "NOTE", "achieved_on": str(NEXT_MONTH)}, "cannot be in the future"),
    ],
)
def test_bad_outcomes_get_a_clear_message(fields, message, client_for, coordinator, dee, sea_note):
    fields = {k: str(sea_note.pk) if v == "NOTE" else v for k, v in fields.items()}

    response = client_for(coordinator).post(url(dee, "add/"), outcome_form(step(), **fields))

    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "<title>Error: " in body
    assert 'value="Find a swimming buddy"' in body
    assert not Outcome.objects.exists()


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (
            {"what": "Ask the lido", "who": "", "by_when": str(NEXT_MONTH)},
            "Action 1: say who will do it.",
        ),
        ({"what": "", "who": "Sam", "by_when": ""}, "Action 1: say what will be done."),
        ({"what": "Ask", "who": "Sam", "by_when": ""}, "Action 1: say by when"),
        ({"what": "Ask", "who": "Sam", "by_when": "31/02/2026"}, "Action 1: enter a real date"),
        ({"what": "Ask", "who": "Sam", "by_when": str(LAST_WEEK)}, "has already gone by"),
        (
            {"what": "x" * 301, "who": "Sam", "by_when": str(NEXT_MONTH)},
            "Action 1: what will be done is 301",
        ),
    ],
)
def test_bad_actions_get_a_message_naming_the_action(
    action, message, client_for, coordinator, dee, sea_note
):
    response = client_for(coordinator).post(
        url(dee, "add/"), outcome_form(action, source_note=str(sea_note.pk))
    )

    body = response.content.decode()
    assert message in body
    assert "I want to swim in the sea at Brighton" in body
    assert not Outcome.objects.exists()


def test_a_past_date_is_fine_for_an_action_already_done(client_for, coordinator, dee, sea_note):
    done = {**step("Ring the lido", "Sam", LAST_WEEK), "done": "on"}

    client_for(coordinator).post(url(dee, "add/"), outcome_form(done, source_note=str(sea_note.pk)))

    action = OutcomeAction.objects.get()
    assert action.done_on == TODAY


def test_empty_actions_are_left_out(client_for, coordinator, dee, sea_note):
    client_for(coordinator).post(
        url(dee, "add/"),
        outcome_form({"what": " ", "who": "", "by_when": ""}, source_note=str(sea_note.pk)),
    )

    assert Outcome.objects.get().actions.count() == 0


def test_script_in_an_outcome_is_shown_as_text(client_for, coordinator, dee, sea_note):
    script = "<script>alert(1)</script>"
    client = client_for(coordinator)
    client.post(
        url(dee, "add/"),
        outcome_form(step(what=script), text=script, source_note=str(sea_note.pk)),
    )

    assert Outcome.objects.get().text == script
    body = client.get(url(dee)).content.decode()
    assert script not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


# --- The list -------------------------------------------------------------------------------


def test_overdue_actions_are_flagged_in_words(client_for, worker, dee, outcome):
    body = client_for(worker).get(url(dee)).content.decode()

    assert "Buy a wetsuit" in body
    assert body.count(">Overdue</span>") == 1
    assert f"{LAST_WEEK:%-d %B %Y}" in body


# --- Changing -------------------------------------------------------------------------------


def existing(outcome: Outcome, **changes: Any) -> dict[str, Any]:
    """The change form as it comes, with the outcome's actions, then ``changes``."""
    actions = [
        {"id": str(a.pk), "what": a.what, "who": a.who, "by_when": str(a.by_when)}
        for a in outcome.actions.order_by("by_when", "id")
    ]
    data = outcome_form(
        *actions,
        version=outcome.version,
        initial=len(actions),
        text=outcome.text,
        source_note=str(outcome.source_note_id),
    )
    data.update(changes)
    return data


def test_changing_an_outcome_keeps_an_overdue_action_and_audits(
    client_for, coordinator, dee, outcome
):
    response = client_for(coordinator).post(
        url(dee, f"{outcome.pk}/change/"), existing(outcome, text="I want to swim at Brighton")
    )

    assert response.status_code == 302
    outcome.refresh_from_db()
    assert (outcome.text, outcome.version) == ("I want to swim at Brighton", 2)
    assert outcome.actions.count() == 2  # the overdue one kept its date without complaint
    event = AuditEvent.objects.get(action=Action.UPDATE, subject_type="planning.outcome")
    assert event.changes == {
        "text": {"from": "I want to swim in the sea", "to": "I want to swim at Brighton"}
    }


def test_an_action_may_be_removed_and_one_added(client_for, coordinator, dee, outcome):
    data = existing(outcome)
    data["actions-0-remove"] = "on"  # the overdue wetsuit (earliest first)
    data.update({f"actions-2-{k}": v for k, v in step("Book the train", "Dee").items()})
    data["actions-TOTAL_FORMS"] = "3"

    client_for(coordinator).post(url(dee, f"{outcome.pk}/change/"), data)

    assert sorted(outcome.actions.values_list("what", flat=True)) == [
        "Book the train",
        "Find a swimming buddy",
    ]


def test_a_stale_change_gets_a_conflict_page_and_overwrites_nothing(
    client_for, coordinator, manager, dee, outcome
):
    stale = existing(outcome, text="I want to swim in the sea at Brighton")
    # Meanwhile Priya marks the buddy action done: the outcome moves on a version.
    buddy = outcome.actions.get(what="Find a swimming buddy")
    client_for(coordinator).post(url(dee, f"{outcome.pk}/actions/{buddy.pk}/done/"))

    response = client_for(manager).post(url(dee, f"{outcome.pk}/change/"), stale)

    body = response.content.decode()
    assert response.status_code == 409
    assert "Your changes have not been saved yet." in body
    assert "I want to swim in the sea at Brighton" in body  # yours
    assert "Find a swimming buddy (Sam, by" in body
    assert ": done" in body  # the saved version has it done
    assert 'name="version" value="2"' in body
    outcome.refresh_from_db()
    assert (outcome.text, outcome.version) == ("I want to swim in the sea", 2)
    assert OutcomeAction.objects.get(pk=buddy.pk).done_on == TODAY


# --- Removing and marking done --------------------------------------------------------------


def test_removing_an_outcome_asks_first_then_removes_it_and_audits(
    client_for, coordinator, dee, outcome
):
    client = client_for(coordinator)
    page = client.get(url(dee, f"{outcome.pk}/remove/")).content.decode()
    assert "Its 2 actions will be removed too." in page

    response = client.post(url(dee, f"{outcome.pk}/remove/"))

    assert response.status_code == 302
    assert not Outcome.objects.exists()
    assert not OutcomeAction.objects.exists()
    event = AuditEvent.objects.get(action=Action.DELETE, subject_type="planning.outcome")
    assert event.changes["text"] == {"from": "I want to swim in the sea", "to": None}
    assert "Buy a wetsuit" in event.changes["actions"]["from"]


def test_marking_an_action_done(client_for, coordinator, dee, outcome):
    action = outcome.actions.get(what="Buy a wetsuit")

    response = client_for(coordinator).post(url(dee, f"{outcome.pk}/actions/{action.pk}/done/"))

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.done_on == TODAY
    assert Outcome.objects.get().version == 2
    event = AuditEvent.objects.get(action=Action.UPDATE, subject_type="planning.outcomeaction")
    assert event.changes == {"done_on": {"from": None, "to": TODAY.isoformat()}}
    body = client_for(coordinator).get(url(dee)).content.decode()
    assert ">Overdue</span>" not in body


def test_marking_done_is_post_only_and_for_this_outcomes_actions(
    client_for, coordinator, dee, outcome, sea_note
):
    other = add_outcome(
        actor=coordinator,
        person=dee,
        details=OutcomeDetails(text="Another", source_note=sea_note),
        actions=[ActionInput(what="Elsewhere", who="Sam", by_when=NEXT_MONTH)],
    )
    elsewhere = other.actions.get()
    client = client_for(coordinator)

    assert client.get(url(dee, f"{outcome.pk}/actions/{elsewhere.pk}/done/")).status_code == 405
    assert client.post(url(dee, f"{outcome.pk}/actions/{elsewhere.pk}/done/")).status_code == 404
    assert OutcomeAction.objects.get(pk=elsewhere.pk).done_on is None
