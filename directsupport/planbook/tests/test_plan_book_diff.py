"""What changed between two Plan Book snapshots, in words (planbook/compare/diff.py). Pure."""

from __future__ import annotations

import copy
from typing import Any

from directsupport.planbook.compare.diff import SectionChanges, compare_plan_books


def snapshot(**parts: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "schema": 1,
        "person": {"name": "Dee Okafor", "called": "Dee", "full_name": "Adaeze Okafor"},
        "communication": {"communicates_by": "Short sentences", "communicate_with_me": ""},
        "circle": [
            {
                "name": "Ngozi Okafor",
                "relationship": "my sister",
                "sector": "family",
                "closeness": 1,
            }
        ],
        "notes": [
            {
                "question": "important",
                "label": "What is important to me?",
                "items": [
                    {
                        "id": 1,
                        "text": "Swimming",
                        "said_by": "Dee Okafor",
                        "relationship": "",
                        "event": "Spring Planning Live",
                        "status": "own_words",
                    },
                    {
                        "id": 2,
                        "text": "Loves the seaside",
                        "said_by": "Ngozi Okafor",
                        "relationship": "my sister",
                        "event": "",
                        "status": "best_guess",
                    },
                ],
            }
        ],
        "tools": [
            {
                "kind": "one_page_profile",
                "title": "One-page profile",
                "version": 1,
                "content": {"appreciate": ["Her laugh"], "important": ["Swimming"], "support": []},
            },
            {
                "kind": "working_not_working",
                "title": "What is working and not working",
                "version": 1,
                "content": {
                    "rows": [
                        {
                            "topic": "Day centre",
                            "person": "not_working",
                            "family": "working",
                            "staff": "",
                        }
                    ]
                },
            },
        ],
        "outcomes": [
            {
                "text": "Swim in the sea",
                "source": "Dee said so",
                "achieved_on": None,
                "actions": [
                    {"what": "Find a buddy", "who": "Sam", "by_when": "2026-06-01", "done_on": None}
                ],
            }
        ],
        "recordings": [{"id": 7, "description": "A big blue sea", "event": "Spring"}],
        "events": [],
    }
    base.update(parts)
    return base


def compare(old: dict[str, Any], new: dict[str, Any], **kwargs: Any) -> dict[str, SectionChanges]:
    options = {"old_introduction": "", "new_introduction": "", "include_circle": True, **kwargs}
    return {section.key: section for section in compare_plan_books(old=old, new=new, **options)}


def lines(section: SectionChanges) -> list[str]:
    return [
        f"{change.word}: {change.where + ': ' if change.where else ''}{change.text}"
        for change in section.changes
    ]


def test_identical_versions_have_no_changes_in_any_section():
    old = snapshot()

    sections = compare(old, copy.deepcopy(old))

    assert all(not section.changes for section in sections.values())
    assert list(sections) == [
        "about",
        "communication",
        "circle",
        "said",
        "tool-one_page_profile",
        "tool-working_not_working",
        "outcomes",
        "recordings",
    ]


def test_the_introduction_change_reads_as_was_and_now():
    sections = compare(
        snapshot(), snapshot(), old_introduction="Made in March", new_introduction="Made in May"
    )

    assert lines(sections["about"]) == ["Changed: Was “Made in March”; now “Made in May”"]


def test_notes_added_taken_out_and_checked_with_the_person():
    old = snapshot()
    new = snapshot()
    items = new["notes"][0]["items"]
    items[1]["status"] = "confirmed"
    del items[0]
    items.append(
        {
            "id": 3,
            "text": "Dancing",
            "said_by": "Sam Patel",
            "relationship": "my support worker",
            "event": "",
            "status": "best_guess",
        }
    )

    said = lines(compare(old, new)["said"])

    assert said == [
        "Changed: What is important to me?: “Loves the seaside” — Ngozi Okafor (my sister): "
        "checked with Dee, who said yes",
        "Added: What is important to me?: “Dancing” — Sam Patel (my support worker)",
        "Taken out: What is important to me?: “Swimming” — Dee Okafor",
    ]


def test_tool_list_items_and_table_rows_in_words():
    old = snapshot()
    new = snapshot()
    new["tools"][0]["content"]["important"] = ["Swimming", "Dancing"]
    new["tools"][1]["content"]["rows"][0]["staff"] = "not_working"
    new["tools"][1]["content"]["rows"].append(
        {"topic": "Transport", "person": "working", "family": "", "staff": ""}
    )

    sections = compare(old, new)

    assert lines(sections["tool-one_page_profile"]) == ["Added: What is important to me: Dancing"]
    working = lines(sections["tool-working_not_working"])
    assert any(line.startswith("Added: ") and "Transport" in line for line in working)
    assert any(
        line.startswith("Changed: ") and "Day centre" in line and "Not working" in line
        for line in working
    )


def test_a_tool_new_in_this_version_is_added_whole():
    old = snapshot()
    old["tools"] = old["tools"][:1]

    sections = compare(old, snapshot())

    assert lines(sections["tool-working_not_working"]) == [
        "Added: What is working and not working: new in this version"
    ]


def test_outcomes_and_actions():
    old = snapshot()
    new = snapshot()
    new["outcomes"][0]["achieved_on"] = "2026-07-04"
    new["outcomes"][0]["actions"][0]["by_when"] = "2026-05-01"
    new["outcomes"].append(
        {"text": "Join a choir", "source": "", "achieved_on": None, "actions": []}
    )

    outcomes = lines(compare(old, new)["outcomes"])

    assert outcomes == [
        "Added: Join a choir",
        "Changed: Swim in the sea: Achieved on 4 July 2026",
        "Changed: Swim in the sea: Action: Find a buddy: now by 1 May 2026 (was 1 June 2026)",
    ]


def test_circle_changes_say_who_moved_and_where():
    old = snapshot()
    new = snapshot()
    new["circle"][0]["closeness"] = 2
    new["circle"].append(
        {"name": "Bob Price", "relationship": "my neighbour", "sector": "community", "closeness": 3}
    )

    circle = lines(compare(old, new)["circle"])

    assert circle == [
        "Added: Bob Price (my neighbour)",
        "Changed: Ngozi Okafor: now close (was closest to me)",
    ]


def test_the_circle_is_left_out_for_readers_who_may_not_see_it():
    new = snapshot()
    new["circle"] = []

    sections = compare(snapshot(), new, include_circle=False)

    assert "circle" not in sections
    assert not any(
        c.text == "Ngozi Okafor (my sister)" for s in sections.values() for c in s.changes
    )


def test_recordings_and_communication():
    new = snapshot()
    new["recordings"] = []
    new["communication"]["communicate_with_me"] = "One question at a time"

    sections = compare(snapshot(), new)

    assert lines(sections["recordings"]) == [
        "Taken out: A graphic recording (Spring): A big blue sea"
    ]
    assert lines(sections["communication"]) == [
        "Added: How to communicate with me: One question at a time"
    ]
