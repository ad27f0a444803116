"""Every version of a tool is kept: the history page, and what changed between versions
(planning/tools/diff.py, which the Plan Book's version diff reuses) in words."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from directsupport.audit.models import Action, AuditEvent
from directsupport.planning.models import ToolKind, ToolRevision
from directsupport.planning.tests.conftest import BOARD_READERS, NOT_FOUND_FOR_BOARD
from directsupport.planning.tools.diff import RowChange, TextChange, diff_content
from directsupport.planning.tools.display import (
    change_in_words,
    perspective_agreement,
    section_status,
    uk_date,
)
from directsupport.planning.tools.services import save_tool
from directsupport.planning.tools.specs import spec_for

TOOL_READERS = [*BOARD_READERS, "market_shaper"]
NOT_FOUND = [name for name in NOT_FOUND_FOR_BOARD if name != "market_shaper"]

PROFILE = spec_for(ToolKind.ONE_PAGE_PROFILE)
BALANCE = spec_for(ToolKind.IMPORTANT_TO_FOR)
CHART = spec_for(ToolKind.WORKING_NOT_WORKING)
DECISIONS = spec_for(ToolKind.DECISION_MAKING)


def row(topic: str, person: str = "", family: str = "", staff: str = "") -> dict[str, str]:
    return {"topic": topic, "person": person, "family": family, "staff": staff}


# --- diff_content: lists --------------------------------------------------------------------


def test_the_same_content_has_no_changes():
    content = {"important": ["Swimming"], "appreciate": [], "support": []}

    assert diff_content(PROFILE, content, dict(content)) == []


def test_a_first_version_is_all_added():
    changes = diff_content(PROFILE, None, {"important": ["Swimming", "Cats"]})

    assert [(c.key, c.added, c.removed) for c in changes] == [
        ("important", ("Swimming", "Cats"), ())
    ]


def test_list_items_added_and_removed_are_found_whatever_their_order():
    changes = diff_content(
        PROFILE,
        {"important": ["Swimming", "Cats", "Church"]},
        {"important": ["Church", "Dancing", "Swimming"]},
    )

    (change,) = changes
    assert change.label == "What is important to me"
    assert change.added == ("Dancing",)
    assert change.removed == ("Cats",)
    assert not change.reordered


def test_the_same_items_in_a_new_order_are_reordered():
    (change,) = diff_content(PROFILE, {"support": ["A", "B"]}, {"support": ["B", "A"]})

    assert (change.added, change.removed, change.reordered) == ((), (), True)


def test_a_repeated_item_said_once_less_counts_as_one_removed():
    (change,) = diff_content(PROFILE, {"support": ["A", "A", "B"]}, {"support": ["A", "B"]})

    assert (change.added, change.removed) == ((), ("A",))


def test_missing_parts_read_as_empty():
    (change,) = diff_content(PROFILE, {"important": ["Swimming"]}, {})

    assert change.removed == ("Swimming",)


# --- diff_content: text ---------------------------------------------------------------------


def test_text_written_changed_and_cleared():
    (written,) = diff_content(BALANCE, {"balance": ""}, {"balance": "Swim with a buddy"})
    (changed,) = diff_content(BALANCE, {"balance": "Swim"}, {"balance": "Swim with a buddy"})
    (cleared,) = diff_content(BALANCE, {"balance": "Swim"}, {"balance": ""})

    assert written.added == ("Swim with a buddy",)
    assert changed.changed == (TextChange("Swim", "Swim with a buddy"),)
    assert cleared.removed == ("Swim",)


# --- diff_content: tables -------------------------------------------------------------------


def test_table_rows_added_removed_and_unchanged():
    (change,) = diff_content(
        CHART,
        {"rows": [row("Day centre", "working"), row("Bus", "working")]},
        {"rows": [row("Bus", "working"), row("Swimming", "working")]},
    )

    assert change.added == (row("Swimming", "working"),)
    assert change.removed == (row("Day centre", "working"),)
    assert change.changed == ()


def test_a_row_about_the_same_thing_with_new_views_is_changed():
    (change,) = diff_content(
        CHART,
        {"rows": [row("Day centre", "working", "working")]},
        {"rows": [row("Day centre", "not_working", "working", "working")]},
    )

    (changed,) = change.changed
    assert isinstance(changed, RowChange)
    assert [cell.column.key for cell in changed.cells] == ["person", "staff"]
    assert (change.added, change.removed) == ((), ())


def test_a_row_that_reads_much_the_same_is_changed_not_replaced():
    before = {"decision": "Where I live", "involved": "Show me places", "final_say": "Me"}
    after = {"decision": "Where I will live", "involved": "Show me places", "final_say": "Me"}

    (change,) = diff_content(DECISIONS, {"rows": [before]}, {"rows": [after]})

    assert len(change.changed) == 1
    assert (change.added, change.removed) == ((), ())


def test_a_wholly_different_row_is_removed_and_added():
    before = {"decision": "Money", "involved": "Easy read", "final_say": "Me"}
    after = {"decision": "Holidays", "involved": "Pictures of places", "final_say": "Mum"}

    (change,) = diff_content(DECISIONS, {"rows": [before]}, {"rows": [after]})

    assert (change.added, change.removed, change.changed) == ((after,), (before,), ())


def test_blank_cells_and_missing_cells_are_the_same():
    old = {"rows": [{"topic": "Bus", "person": "working"}]}
    new = {"rows": [row("Bus", "working")]}

    assert diff_content(CHART, old, new) == []


# --- In words -------------------------------------------------------------------------------


def test_changes_read_in_words_with_choice_labels_and_uk_dates():
    (chart,) = diff_content(
        CHART,
        {"rows": [row("Day centre", "working")]},
        {"rows": [row("Day centre", "not_working"), row("Swimming", "working")]},
    )
    (decisions,) = diff_content(
        DECISIONS,
        None,
        {
            "rows": [
                {"decision": "Money", "involved": "x", "final_say": "Me", "review_on": "2026-09-14"}
            ]
        },
    )

    chart_words = change_in_words(chart)
    assert chart_words.changed == ("Day centre: The person was “Working”, now “Not working”",)
    assert chart_words.added == ("About: Swimming; The person: Working",)
    assert "Review by: 14 September 2026" in change_in_words(decisions).added[0]


@pytest.mark.parametrize(
    ("views", "words", "differs"),
    [
        (("working", "working", "working"), "Everyone agrees: working", False),
        (("not_working", "not_working", "not_working"), "Everyone agrees: not working", False),
        (("working", "not_working", ""), "Views differ", True),
        (("working", "", ""), "Everyone asked so far agrees: working", False),
        (("", "", ""), "Nobody asked yet", False),
    ],
)
def test_perspectives_agree_or_differ_in_words(views, words, differs):
    agreement = perspective_agreement(row("Bus", *views))

    assert (agreement.words, agreement.differs) == (words, differs)


def test_dates_read_the_uk_way_and_odd_values_as_typed():
    assert uk_date("2026-03-02") == "2 March 2026"
    assert uk_date("soon") == "soon"


def test_a_tool_not_started_has_that_status():
    assert section_status(None) == "Not started"


# --- The history page -----------------------------------------------------------------------


def history_url(person: Any, kind: str = "one_page_profile") -> str:
    return f"/planning/people/{person.pk}/tools/{kind}/history/"


@pytest.fixture
def profile_history(dee, coordinator, manager):
    """Three versions: Priya starts it, Helen adds to it, Priya takes something out."""
    save_tool(
        actor=coordinator,
        person=dee,
        kind=ToolKind.ONE_PAGE_PROFILE,
        content={"important": ["Swimming", "Cats"]},
        expected_version=0,
    )
    save_tool(
        actor=manager,
        person=dee,
        kind=ToolKind.ONE_PAGE_PROFILE,
        content={"important": ["Swimming", "Cats", "Church"], "support": ["Give me time"]},
        expected_version=1,
    )
    save_tool(
        actor=coordinator,
        person=dee,
        kind=ToolKind.ONE_PAGE_PROFILE,
        content={"important": ["Swimming", "Church"], "support": ["Give me time"]},
        expected_version=2,
    )
    when = timezone.make_aware(dt.datetime(2026, 3, 2, 14, 5))
    ToolRevision.objects.filter(version=2).update(saved_at=when)


@pytest.mark.parametrize("name", TOOL_READERS)
def test_readers_see_every_version_newest_first(name, persona, client_for, dee, profile_history):
    response = client_for(persona(name)).get(history_url(dee))

    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("Version 3") < body.index("Version 2") < body.index("Version 1")
    assert "Saved on 2 March 2026 at 14:05 by Helen Carter" in body
    assert "<li><ins>Church</ins></li>" in body
    assert "<li><del>Cats</del></li>" in body
    assert "<li><ins>Give me time</ins></li>" in body


@pytest.mark.parametrize("name", NOT_FOUND)
def test_others_get_not_found_for_the_history(name, persona, client_for, dee, profile_history):
    response = client_for(persona(name)).get(history_url(dee))

    assert response.status_code == 404
    assert "Swimming" not in response.content.decode()


def test_the_history_of_a_tool_not_started_says_so(client_for, coordinator, dee):
    body = client_for(coordinator).get(history_url(dee, "community_map")).content.decode()

    assert "Nobody has written this tool yet, so there are no versions." in body


def test_the_history_is_audited_as_a_view(client_for, worker, dee, profile_history):
    client_for(worker).get(history_url(dee))

    event = AuditEvent.objects.get(action=Action.VIEW, actor=worker)
    assert event.summary == "One-page profile history"
    assert event.person_id == dee.pk
