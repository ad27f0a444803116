"""The person-centred tools: who may read and change them, the pages, the form built from each
tool's spec, what bad input gets, and two people changing a tool at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.audit.models import Action, AuditEvent
from directsupport.people.models import Person
from directsupport.planning.models import (
    Outcome,
    OutcomeAction,
    ToolKind,
    ToolRevision,
    ToolSection,
)
from directsupport.planning.tests.conftest import BOARD_READERS, EDITORS, NOT_FOUND_FOR_BOARD
from directsupport.planning.tools.services import ToolConflict, save_tool
from directsupport.planning.tools.specs import MAX_ITEMS

pytestmark = pytest.mark.django_db

TOOL_READERS = [*BOARD_READERS, "market_shaper"]
NOT_FOUND = [name for name in NOT_FOUND_FOR_BOARD if name != "market_shaper"]
READ_ONLY = [name for name in TOOL_READERS if name not in EDITORS]


def url(person: Any, tail: str = "") -> str:
    return f"/planning/people/{person.pk}/tools/{tail}"


def profile_form(version: int | str = 0, **parts: str) -> dict[str, str]:
    data = {"version": str(version), "appreciate": "", "important": "", "support": ""}
    data.update(parts)
    return data


def chart_form(kind_rows: list[dict[str, str]], *, version: int = 0, initial: int = 0) -> dict:
    """The POST of a chart (a table tool): each row's cells, then an empty row."""
    data = {
        "version": str(version),
        "rows-TOTAL_FORMS": str(len(kind_rows) + 1),
        "rows-INITIAL_FORMS": str(initial),
    }
    for index, row in enumerate(kind_rows):
        data.update({f"rows-{index}-{key}": value for key, value in row.items()})
    return data


def save(person: Person, user: User, kind: str, content: dict, version: int = 0) -> ToolSection:
    return save_tool(
        actor=user, person=person, kind=kind, content=content, expected_version=version
    )


# --- Who may see and change ---------------------------------------------------------------


@pytest.mark.parametrize("name", TOOL_READERS)
def test_tool_readers_see_the_tools(name, persona, client_for, dee, coordinator):
    save(dee, coordinator, ToolKind.ONE_PAGE_PROFILE, {"important": ["My cat Biscuit"]})
    client = client_for(persona(name))

    overview = client.get(url(dee))
    tool = client.get(url(dee, "one_page_profile/"))
    history = client.get(url(dee, "one_page_profile/history/"))

    assert overview.status_code == 200
    assert "One-page profile" in overview.content.decode()
    assert tool.status_code == 200
    assert "My cat Biscuit" in tool.content.decode()
    assert history.status_code == 200
    assert AuditEvent.objects.filter(action=Action.VIEW, person_id=dee.pk).count() == 3


@pytest.mark.parametrize("name", NOT_FOUND)
def test_others_get_not_found_for_the_tools(name, persona, client_for, dee, coordinator):
    save(dee, coordinator, ToolKind.ONE_PAGE_PROFILE, {"important": ["My cat Biscuit"]})
    client = client_for(persona(name))

    for tail in ("", "one_page_profile/", "one_page_profile/history/", "one_page_profile/change/"):
        response = client.get(url(dee, tail))
        assert response.status_code == 404, tail
        assert "Biscuit" not in response.content.decode()
    response = client.post(url(dee, "one_page_profile/change/"), profile_form(1, important="x"))
    assert response.status_code == 404
    assert ToolSection.objects.get().content["important"] == ["My cat Biscuit"]
    assert AuditEvent.objects.filter(action=Action.DENIED).count() == 5


@pytest.mark.parametrize("name", READ_ONLY)
def test_read_only_readers_may_not_change_a_tool(name, persona, client_for, dee):
    client = client_for(persona(name))

    assert client.get(url(dee, "one_page_profile/change/")).status_code == 403
    response = client.post(url(dee, "one_page_profile/change/"), profile_form(important="x"))

    assert response.status_code == 403
    assert not ToolSection.objects.exists()
    assert AuditEvent.objects.filter(action=Action.DENIED).count() == 2


@pytest.mark.parametrize("name", READ_ONLY)
def test_read_only_readers_are_not_offered_a_change_link(name, persona, client_for, dee):
    body = client_for(persona(name)).get(url(dee, "one_page_profile/")).content.decode()

    assert "/change/" not in body


@pytest.mark.parametrize("name", EDITORS)
def test_editors_may_start_a_tool(name, persona, client_for, dee):
    user = persona(name)
    client = client_for(user)
    assert client.get(url(dee, "one_page_profile/change/")).status_code == 200

    response = client.post(
        url(dee, "one_page_profile/change/"),
        profile_form(appreciate="Her laugh\nShe remembers birthdays", important="Swimming"),
    )

    assert response.status_code == 302
    assert response["Location"] == url(dee, "one_page_profile/")
    section = ToolSection.objects.get(person=dee, kind=ToolKind.ONE_PAGE_PROFILE)
    assert section.version == 1
    assert section.updated_by == user
    assert section.content == {
        "appreciate": ["Her laugh", "She remembers birthdays"],
        "important": ["Swimming"],
        "support": [],
    }
    revision = ToolRevision.objects.get(section=section)
    assert (revision.version, revision.content, revision.saved_by) == (1, section.content, user)
    event = AuditEvent.objects.get(action=Action.CREATE, subject_type="planning.toolsection")
    assert event.person_id == dee.pk
    assert event.changes["important"] == {"from": [], "to": ["Swimming"]}
    assert "support" not in event.changes


def test_changing_a_tool_makes_a_new_version_and_audits_old_and_new(client_for, coordinator, dee):
    save(dee, coordinator, ToolKind.ONE_PAGE_PROFILE, {"important": ["Swimming"]})

    response = client_for(coordinator).post(
        url(dee, "one_page_profile/change/"), profile_form(1, important="Swimming\nMy cat")
    )

    assert response.status_code == 302
    section = ToolSection.objects.get()
    assert section.version == 2
    assert list(section.revisions.values_list("version", flat=True)) == [2, 1]
    event = AuditEvent.objects.get(action=Action.UPDATE, subject_type="planning.toolsection")
    assert event.changes == {"important": {"from": ["Swimming"], "to": ["Swimming", "My cat"]}}


def test_saving_without_changes_makes_no_new_version(client_for, coordinator, dee):
    save(dee, coordinator, ToolKind.ONE_PAGE_PROFILE, {"important": ["Swimming"]})

    response = client_for(coordinator).post(
        url(dee, "one_page_profile/change/"), profile_form(1, important="  Swimming  "), follow=True
    )

    assert "Nothing had changed" in response.content.decode()
    assert ToolSection.objects.get().version == 1
    assert ToolRevision.objects.count() == 1
    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()


def test_an_unknown_tool_is_not_found(client_for, coordinator, dee):
    client = client_for(coordinator)

    for tail in ("nonsense/", "nonsense/change/", "nonsense/history/"):
        assert client.get(url(dee, tail)).status_code == 404
    assert client.post(url(dee, "nonsense/change/"), {"version": "0"}).status_code == 404
    assert not ToolSection.objects.exists()


# --- The pages ------------------------------------------------------------------------------


def test_the_overview_lists_every_tool_in_order_with_its_status(client_for, coordinator, dee):
    section = save(dee, coordinator, ToolKind.GOOD_DAY_BAD_DAY, {"good": ["Lie-in"]})
    for version in (1, 2):
        section = save(
            dee, coordinator, ToolKind.GOOD_DAY_BAD_DAY, {"good": ["x"] * version}, version
        )
    changed = timezone.make_aware(dt.datetime(2026, 3, 2, 10, 30))
    ToolSection.objects.filter(pk=section.pk).update(updated_at=changed)

    body = client_for(coordinator).get(url(dee)).content.decode()

    titles = [
        "One-page profile",
        "Important to me and important for me",
        "Good day and bad day",
        "What is working and not working",
        "Communication chart",
        "Decision-making agreement",
        "Community map",
        "Matching support",
    ]
    positions = [body.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "Version 3, changed 2 March 2026 by Priya Shah" in body
    assert body.count("Not started") == 7
    assert "No outcomes written down yet." in body


def test_the_overview_takes_the_same_queries_however_much_is_written(
    client_for, coordinator, dee, django_assert_max_num_queries, django_assert_num_queries
):
    client = client_for(coordinator)
    client.get(url(dee))
    with django_assert_max_num_queries(30) as few:
        client.get(url(dee))
    for kind in ToolKind:
        save(dee, coordinator, kind, {})
    save(dee, coordinator, ToolKind.ONE_PAGE_PROFILE, {"important": ["A", "B"]}, 1)
    save(dee, coordinator, ToolKind.COMMUNITY_MAP, {"member": ["Choir"]}, 1)
    for number in range(5):
        outcome = Outcome.objects.create(person=dee, text=f"Outcome {number}")
        OutcomeAction.objects.create(
            outcome=outcome, what="Ask", who="Sam", by_when=dt.date(2026, 1, 1)
        )

    with django_assert_num_queries(len(few.captured_queries)):
        body = client.get(url(dee)).content.decode()
    assert "5 outcomes" in body
    assert "5 overdue" in body
    assert "Not started" not in body


def test_a_tool_not_started_says_so(client_for, worker, dee):
    body = client_for(worker).get(url(dee, "community_map/")).content.decode()

    assert "Nobody has written this tool yet." in body
    assert "Not started" in body


def test_list_parts_show_as_lists_under_headings(client_for, coordinator, dee):
    save(
        dee,
        coordinator,
        ToolKind.GOOD_DAY_BAD_DAY,
        {"good": ["Wake up slowly", "Swim"], "more_good": ["Time to get ready"]},
    )

    body = client_for(coordinator).get(url(dee, "good_day_bad_day/")).content.decode()

    assert "A good day, from waking up to going to bed</h3>" in body
    assert '<ol class="tool-part__items">\n    <li>Wake up slowly</li><li>Swim</li>' in body
    assert "<li>Time to get ready</li>" in body
    assert "Nothing written here yet." in body  # the bad day


def test_working_and_not_working_says_in_words_whether_views_agree(client_for, coordinator, dee):
    rows = [
        {"topic": "Day centre", "person": "not_working", "family": "working", "staff": "working"},
        {"topic": "Swimming", "person": "working", "family": "working", "staff": "working"},
        {"topic": "Bus to town", "person": "working", "family": "", "staff": ""},
    ]
    save(dee, coordinator, ToolKind.WORKING_NOT_WORKING, {"rows": rows})

    body = client_for(coordinator).get(url(dee, "working_not_working/")).content.decode()

    assert '<th scope="col">Do we agree?</th>' in body
    assert '<th scope="row">Day centre</th>' in body
    assert "Views differ" in body
    assert "Everyone agrees: working" in body
    assert "Everyone asked so far agrees: working" in body
    assert "Not asked" in body


def test_the_decision_review_date_is_in_uk_form(client_for, coordinator, dee):
    row = {
        "decision": "Where I live",
        "involved": "Show me places",
        "final_say": "Me",
        "review_on": "2026-09-14",
    }
    save(dee, coordinator, ToolKind.DECISION_MAKING, {"rows": [row]})

    body = client_for(coordinator).get(url(dee, "decision_making/")).content.decode()

    assert "14 September 2026" in body
    assert "2026-09-14" not in body


# --- The form and bad input -------------------------------------------------------------------


def test_blank_lines_are_dropped_and_lines_trimmed(client_for, coordinator, dee):
    client_for(coordinator).post(
        url(dee, "one_page_profile/change/"),
        profile_form(important="\n  Swimming  \n\n   \n\tMy cat\r\n", support="   \n  "),
    )

    content = ToolSection.objects.get().content
    assert content["important"] == ["Swimming", "My cat"]
    assert content["support"] == []


def test_an_entirely_empty_tool_may_be_saved(client_for, coordinator, dee):
    response = client_for(coordinator).post(url(dee, "one_page_profile/change/"), profile_form())

    assert response.status_code == 302
    assert ToolSection.objects.get().content == {"appreciate": [], "important": [], "support": []}


def test_an_over_long_line_is_named_and_nothing_typed_is_lost(client_for, coordinator, dee):
    long_line = "Going " + "swimming " * 40
    response = client_for(coordinator).post(
        url(dee, "one_page_profile/change/"),
        profile_form(important=f"My cat\n{long_line}", support="Give me time"),
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in body
    assert "Line 2 of “What is important to me” (“Going swimming swimming" in body
    assert "keep each line to 300 characters or fewer" in body
    assert body.count("Line 2 of “What is important to me”") == 2  # summary and field
    assert 'href="#id_important"' in body
    assert "My cat" in body
    assert "Give me time" in body
    assert not ToolSection.objects.exists()


def test_too_many_lines_are_refused(client_for, coordinator, dee):
    lines = "\n".join(f"Thing {n}" for n in range(MAX_ITEMS + 1))

    response = client_for(coordinator).post(
        url(dee, "one_page_profile/change/"), profile_form(important=lines)
    )

    assert "has 41 lines: keep it to 40 or fewer" in response.content.decode()
    assert not ToolSection.objects.exists()


def test_over_long_text_is_refused(client_for, coordinator, dee):
    response = client_for(coordinator).post(
        url(dee, "important_to_for/change/"),
        {"version": "0", "to": "", "for": "", "balance": "x" * 2001},
    )

    assert "is 2001 characters long: keep it to 2000 characters or fewer" in (
        response.content.decode()
    )
    assert not ToolSection.objects.exists()


def test_script_is_kept_as_text_and_shown_escaped(client_for, coordinator, dee):
    script = '<script>alert("x")</script>'
    client = client_for(coordinator)
    client.post(url(dee, "one_page_profile/change/"), profile_form(important=script))

    assert ToolSection.objects.get().content["important"] == [script]
    for tail in ("one_page_profile/", "one_page_profile/change/", "one_page_profile/history/"):
        body = client.get(url(dee, tail)).content.decode()
        assert script not in body, tail
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body, tail


def test_a_chart_saves_filled_rows_and_drops_empty_ones(client_for, coordinator, dee):
    response = client_for(coordinator).post(
        url(dee, "working_not_working/change/"),
        chart_form(
            [
                {"topic": " Day centre ", "person": "not_working", "family": "working"},
                {"topic": "", "person": "", "family": "", "staff": ""},
                {"topic": "Swimming", "person": "working"},
            ]
        ),
    )

    assert response.status_code == 302
    assert ToolSection.objects.get().content == {
        "rows": [
            {"topic": "Day centre", "person": "not_working", "family": "working", "staff": ""},
            {"topic": "Swimming", "person": "working", "family": "", "staff": ""},
        ]
    }


def test_the_chart_form_offers_saved_rows_and_empty_ones(client_for, coordinator, dee):
    save(
        dee,
        coordinator,
        ToolKind.DECISION_MAKING,
        {
            "rows": [
                {
                    "decision": "Money",
                    "involved": "Easy read",
                    "final_say": "Me",
                    "review_on": "2026-05-01",
                }
            ]
        },
    )

    body = client_for(coordinator).get(url(dee, "decision_making/change/")).content.decode()

    assert 'value="Money"' in body
    assert 'type="date" name="rows-0-review_on" value="2026-05-01"' in body
    assert 'name="rows-TOTAL_FORMS" value="4"' in body
    assert "Remove this row" in body
    assert "Row 4 (new)" in body
    assert 'name="rows-1-remove"' not in body  # new rows have nothing to remove


def test_a_row_missing_a_required_column_is_explained_on_that_row(client_for, coordinator, dee):
    response = client_for(coordinator).post(
        url(dee, "decision_making/change/"),
        chart_form(
            [
                {"decision": "Money", "involved": "Easy read", "final_say": "Me"},
                {"decision": "Where I live", "involved": "", "final_say": "Me and Mum"},
            ]
        ),
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Row 2: fill in “How I must be involved”, or empty the whole row." in body
    assert 'href="#id_rows-1-involved"' in body
    assert 'value="Where I live"' in body
    assert 'value="Me and Mum"' in body
    assert 'value="Money"' in body
    assert not ToolSection.objects.exists()


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"review_on": "31/02/2026"}, "Row 1: enter a real date for “Review by”"),
        ({"decision": "x" * 301}, "Row 1: “Important decision in my life” is 301 characters"),
    ],
)
def test_bad_cells_get_a_message_naming_the_row(cells, message, client_for, coordinator, dee):
    row = {"decision": "Money", "involved": "Easy read", "final_say": "Me", **cells}

    response = client_for(coordinator).post(url(dee, "decision_making/change/"), chart_form([row]))

    assert message in response.content.decode()
    assert not ToolSection.objects.exists()


def test_a_bad_choice_is_refused(client_for, coordinator, dee):
    response = client_for(coordinator).post(
        url(dee, "working_not_working/change/"),
        chart_form([{"topic": "Day centre", "person": "maybe"}]),
    )

    assert "Row 1: choose “The person” from the list." in response.content.decode()
    assert not ToolSection.objects.exists()


def test_dates_may_be_typed_the_uk_way(client_for, coordinator, dee):
    row = {"decision": "Money", "involved": "Easy read", "final_say": "Me", "review_on": "1/5/2026"}

    client_for(coordinator).post(url(dee, "decision_making/change/"), chart_form([row]))

    assert ToolSection.objects.get().content["rows"][0]["review_on"] == "2026-05-01"


def test_a_row_may_be_removed_even_with_a_mistake_in_it(client_for, coordinator, dee):
    rows = [
        {"support": "Cooking", "skills": "Patience"},
        {"support": "Swimming", "skills": "Lifeguard"},
    ]
    save(dee, coordinator, ToolKind.MATCHING_SUPPORT, {"rows": rows})

    response = client_for(coordinator).post(
        url(dee, "matching_support/change/"),
        chart_form(
            [
                {"support": "Cooking", "skills": "Patience"},
                {"support": "Swimming", "skills": "", "remove": "on"},
            ],
            version=1,
            initial=2,
        ),
    )

    assert response.status_code == 302
    assert ToolSection.objects.get().content["rows"] == [
        {"support": "Cooking", "skills": "Patience", "personality": "", "interests": ""}
    ]


def test_too_many_rows_are_refused(client_for, coordinator, dee):
    rows = [{"support": f"Support {n}", "skills": "Kindness"} for n in range(MAX_ITEMS + 1)]

    response = client_for(coordinator).post(url(dee, "matching_support/change/"), chart_form(rows))

    assert "Keep the chart to 40 rows or fewer." in response.content.decode()
    assert not ToolSection.objects.exists()


def test_a_tampered_version_is_refused_without_losing_anything(client_for, coordinator, dee):
    response = client_for(coordinator).post(
        url(dee, "one_page_profile/change/"), profile_form(important="Swimming", version="abc")
    )

    body = response.content.decode()
    assert "This page was out of date." in body
    assert "Swimming" in body
    assert not ToolSection.objects.exists()


# --- Two people at once -----------------------------------------------------------------------


def test_a_stale_save_gets_a_conflict_page_and_overwrites_nothing(
    client_for, coordinator, manager, dee
):
    save(dee, coordinator, ToolKind.ONE_PAGE_PROFILE, {"important": ["Swimming"]})
    # Helen opens the form at version 1; Priya saves version 2 meanwhile.
    save(dee, coordinator, ToolKind.ONE_PAGE_PROFILE, {"important": ["Swimming", "Cats"]}, 1)

    response = client_for(manager).post(
        url(dee, "one_page_profile/change/"),
        profile_form(1, important="Swimming\nDancing", support="Patience"),
    )

    body = response.content.decode()
    assert response.status_code == 409
    assert "Your changes have not been saved yet." in body
    assert "Version 2, changed" in body
    assert "<li>Dancing</li>" in body  # yours
    assert "<li>Cats</li>" in body  # saved
    assert "How best to support me" in body  # differs: yours has it, saved does not
    assert 'name="version" value="2"' in body
    assert "Swimming\nDancing</textarea>" in body
    section = ToolSection.objects.get()
    assert (section.version, section.content["important"]) == (2, ["Swimming", "Cats"])
    assert ToolRevision.objects.count() == 2

    again = client_for(manager).post(
        url(dee, "one_page_profile/change/"),
        profile_form(2, important="Swimming\nDancing", support="Patience"),
    )
    assert again.status_code == 302
    assert ToolSection.objects.get().version == 3


def test_starting_a_tool_someone_else_just_started_is_a_conflict(client_for, coordinator, dee):
    save(dee, coordinator, ToolKind.ONE_PAGE_PROFILE, {"important": ["Swimming"]})

    response = client_for(coordinator).post(
        url(dee, "one_page_profile/change/"), profile_form(0, important="Cats")
    )

    assert response.status_code == 409
    assert ToolSection.objects.get().content["important"] == ["Swimming"]


def test_the_service_only_saves_on_the_version_it_started_from(coordinator, dee):
    save(dee, coordinator, ToolKind.COMMUNITY_MAP, {"member": ["Library"]})
    save(dee, coordinator, ToolKind.COMMUNITY_MAP, {"member": ["Library", "Choir"]}, 1)

    with pytest.raises(ToolConflict) as conflict:
        save(dee, coordinator, ToolKind.COMMUNITY_MAP, {"member": []}, 1)

    assert conflict.value.saved.version == 2
    assert ToolSection.objects.get().content["member"] == ["Library", "Choir"]
    assert ToolRevision.objects.count() == 2


def test_the_service_refuses_content_that_is_not_the_tools_shape(coordinator, dee):
    bad_contents: list[dict[str, Any]] = [
        {"nonsense": []},
        {"member": "not a list"},
        {"member": ["   "]},
        {"member": ["x" * 301]},
    ]
    for content in bad_contents:
        with pytest.raises(ValidationError):
            save(dee, coordinator, ToolKind.COMMUNITY_MAP, content)
    with pytest.raises(ValidationError):
        save(dee, coordinator, ToolKind.DECISION_MAKING, {"rows": [{"decision": "Money"}]})
    assert not ToolSection.objects.exists()
