"""What changed between two Plan Book versions, section by section, in plain words. Pure.

Reads only the two snapshots (see compile.py for their shape) and the introductions, so it
works the same for any two versions, published or not. Each change says what kind it is in a
word ("Added", "Taken out", "Changed", "Moved around"), never by colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from directsupport.lib.money import format_pence
from directsupport.planning.models import NoteStatus, ToolKind
from directsupport.planning.tools.diff import diff_content
from directsupport.planning.tools.display import change_in_words, uk_date
from directsupport.planning.tools.specs import SPECS_BY_KIND

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
REORDERED = "reordered"
KIND_WORDS = {
    ADDED: "Added",
    REMOVED: "Taken out",
    CHANGED: "Changed",
    REORDERED: "Moved around",
}
COMMUNICATION_LABELS = (
    ("communicates_by", "How I communicate"),
    ("communicate_with_me", "How to communicate with me"),
    ("communication_support", "Support I need"),
    ("preferred_format", "How I like my information"),
)
CLOSENESS_WORDS = {1: "closest to me", 2: "close", 3: "know well", 4: "further out"}
SECTOR_WORDS = {
    "family": "family",
    "friends": "friends and unpaid support",
    "paid": "paid supporters",
    "community": "school, work, day services and community",
}

Snapshot = Mapping[str, Any]


@dataclass(frozen=True)
class Change:
    kind: str
    text: str
    # Where in the section: a question, or a part of a tool ("A good day").
    where: str = ""

    @property
    def word(self) -> str:
        return KIND_WORDS[self.kind]


@dataclass(frozen=True)
class SectionChanges:
    key: str
    title: str
    changes: tuple[Change, ...]


def compare_plan_books(
    *,
    old: Snapshot,
    new: Snapshot,
    old_introduction: str,
    new_introduction: str,
    include_circle: bool,
) -> list[SectionChanges]:
    """Every section of the Plan Book in order, each with what changed (possibly nothing).

    ``include_circle`` is False for readers who may not see the circle: then its changes are
    left out altogether, not just hidden.
    """
    called = str(new.get("person", {}).get("called") or old.get("person", {}).get("called", ""))
    sections = [
        SectionChanges(
            "about", "About this Plan Book", _text_change(old_introduction, new_introduction)
        ),
        SectionChanges(
            "communication",
            "How to communicate with me",
            _communication(old.get("communication", {}), new.get("communication", {})),
        ),
    ]
    if include_circle:
        sections.append(
            SectionChanges(
                "circle",
                "My relationship circle",
                _circle(old.get("circle", []), new.get("circle", [])),
            )
        )
    sections.append(
        SectionChanges(
            "said",
            "What people said at Planning Live",
            _notes(old.get("notes", []), new.get("notes", []), called),
        )
    )
    old_tools = {tool["kind"]: tool for tool in old.get("tools", [])}
    new_tools = {tool["kind"]: tool for tool in new.get("tools", [])}
    for kind in ToolKind:
        if kind in old_tools or kind in new_tools:
            sections.append(
                SectionChanges(
                    f"tool-{kind.value}",
                    kind.label,
                    _tool(kind.value, old_tools.get(kind), new_tools.get(kind)),
                )
            )
    sections.append(
        SectionChanges(
            "outcomes",
            "Outcomes and actions",
            _outcomes(old.get("outcomes", []), new.get("outcomes", [])),
        )
    )
    if old.get("recordings") or new.get("recordings"):
        sections.append(
            SectionChanges(
                "recordings",
                "Graphic recordings",
                _recordings(old.get("recordings", []), new.get("recordings", [])),
            )
        )
    if old.get("week") or new.get("week"):
        sections.append(
            SectionChanges(
                "week",
                "My Perfect Week and spending plan",
                _week(old.get("week") or {}, new.get("week") or {}),
            )
        )
    return sections


def _text_change(old: str, new: str, where: str = "") -> tuple[Change, ...]:
    if old == new:
        return ()
    if not old:
        return (Change(ADDED, new, where),)
    if not new:
        return (Change(REMOVED, old, where),)
    return (Change(CHANGED, f"Was “{old}”; now “{new}”", where),)


def _communication(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[Change, ...]:
    changes: list[Change] = []
    for key, label in COMMUNICATION_LABELS:
        changes.extend(_text_change(str(old.get(key) or ""), str(new.get(key) or ""), label))
    return tuple(changes)


def _keyed(items: Iterable[Mapping[str, Any]], key: str) -> dict[Any, Mapping[str, Any]]:
    return {item[key]: item for item in items}


def _circle(
    old: Iterable[Mapping[str, Any]], new: Iterable[Mapping[str, Any]]
) -> tuple[Change, ...]:
    before, after = _keyed(old, "name"), _keyed(new, "name")
    changes = [
        Change(ADDED, f"{name} ({member['relationship']})")
        for name, member in after.items()
        if name not in before
    ]
    changes += [
        Change(REMOVED, f"{name} ({member['relationship']})")
        for name, member in before.items()
        if name not in after
    ]
    for name, member in after.items():
        was = before.get(name)
        if was is None:
            continue
        moved = []
        if was["relationship"] != member["relationship"]:
            moved.append(f"now “{member['relationship']}” (was “{was['relationship']}”)")
        if was["sector"] != member["sector"]:
            moved.append(
                f"now in {SECTOR_WORDS.get(member['sector'], member['sector'])} "
                f"(was {SECTOR_WORDS.get(was['sector'], was['sector'])})"
            )
        if was["closeness"] != member["closeness"]:
            moved.append(
                f"now {CLOSENESS_WORDS.get(member['closeness'], member['closeness'])} "
                f"(was {CLOSENESS_WORDS.get(was['closeness'], was['closeness'])})"
            )
        if moved:
            changes.append(Change(CHANGED, f"{name}: {'; '.join(moved)}"))
    return tuple(changes)


def _said(note: Mapping[str, Any]) -> str:
    who = note["said_by"]
    if note.get("relationship"):
        who = f"{who} ({note['relationship']})"
    return f"“{note['text']}” — {who}"


def _notes(
    old: Iterable[Mapping[str, Any]], new: Iterable[Mapping[str, Any]], called: str
) -> tuple[Change, ...]:
    old_by_question = {question["question"]: question for question in old}
    changes: list[Change] = []
    for question in new:
        where = question["label"]
        before = _keyed(old_by_question.pop(question["question"], {}).get("items", []), "id")
        after = _keyed(question["items"], "id")
        for note_id, note in after.items():
            was = before.get(note_id)
            if was is None:
                changes.append(Change(ADDED, _said(note), where))
                continue
            if was["text"] != note["text"]:
                changes.append(Change(CHANGED, f"Was “{was['text']}”; now {_said(note)}", where))
            elif was["status"] != note["status"] and note["status"] == NoteStatus.CONFIRMED:
                changes.append(
                    Change(CHANGED, f"{_said(note)}: checked with {called}, who said yes", where)
                )
        changes += [
            Change(REMOVED, _said(note), where)
            for note_id, note in before.items()
            if note_id not in after
        ]
    # A question the newer version no longer asks: everything under it was taken out.
    for question in old_by_question.values():
        changes += [Change(REMOVED, _said(note), question["label"]) for note in question["items"]]
    return tuple(changes)


def _tool(
    kind: str, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None
) -> tuple[Change, ...]:
    title = ToolKind(kind).label
    if old is None:
        return (Change(ADDED, f"{title}: new in this version"),)
    if new is None:
        return (Change(REMOVED, f"{title}: not in this version"),)
    spec = SPECS_BY_KIND.get(kind)
    if spec is None:
        return ()
    changes: list[Change] = []
    for part_change in diff_content(spec, old.get("content"), new.get("content")):
        words = change_in_words(part_change)
        changes += [Change(ADDED, line, words.label) for line in words.added]
        changes += [Change(REMOVED, line, words.label) for line in words.removed]
        changes += [Change(CHANGED, line, words.label) for line in words.changed]
        if words.reordered:
            changes.append(Change(REORDERED, "The same things, in a new order", words.label))
    return tuple(changes)


def _action_words(action: Mapping[str, Any]) -> str:
    return f"{action['what']} ({action['who']}, by {uk_date(action['by_when'])})"


def _outcomes(
    old: Iterable[Mapping[str, Any]], new: Iterable[Mapping[str, Any]]
) -> tuple[Change, ...]:
    before, after = _keyed(old, "text"), _keyed(new, "text")
    changes = [Change(ADDED, text) for text in after if text not in before]
    changes += [Change(REMOVED, text) for text in before if text not in after]
    for text, outcome in after.items():
        was = before.get(text)
        if was is None:
            continue
        if outcome.get("achieved_on") != was.get("achieved_on"):
            if outcome.get("achieved_on"):
                words = f"Achieved on {uk_date(outcome['achieved_on'])}"
            else:
                words = "No longer marked as achieved"
            changes.append(Change(CHANGED, words, text))
        old_actions = {(a["what"], a["who"]): a for a in was.get("actions", [])}
        new_actions = {(a["what"], a["who"]): a for a in outcome.get("actions", [])}
        for key, action in new_actions.items():
            previous = old_actions.get(key)
            if previous is None:
                changes.append(Change(ADDED, f"Action: {_action_words(action)}", text))
                continue
            if previous["by_when"] != action["by_when"]:
                changes.append(
                    Change(
                        CHANGED,
                        f"Action: {action['what']}: now by {uk_date(action['by_when'])} "
                        f"(was {uk_date(previous['by_when'])})",
                        text,
                    )
                )
            if action.get("done_on") and not previous.get("done_on"):
                changes.append(
                    Change(
                        CHANGED,
                        f"Action: {action['what']}: done on {uk_date(action['done_on'])}",
                        text,
                    )
                )
        changes += [
            Change(REMOVED, f"Action: {_action_words(action)}", text)
            for key, action in old_actions.items()
            if key not in new_actions
        ]
    return tuple(changes)


def _recording_words(recording: Mapping[str, Any]) -> str:
    where = f" ({recording['event']})" if recording.get("event") else ""
    return f"A graphic recording{where}: {recording['description']}"


def _recordings(
    old: Iterable[Mapping[str, Any]], new: Iterable[Mapping[str, Any]]
) -> tuple[Change, ...]:
    before, after = _keyed(old, "id"), _keyed(new, "id")
    changes = [Change(ADDED, _recording_words(r)) for key, r in after.items() if key not in before]
    changes += [
        Change(REMOVED, _recording_words(r)) for key, r in before.items() if key not in after
    ]
    return tuple(changes)


def _entry_words(entry: Mapping[str, Any]) -> str:
    place = f", at {entry['place']}" if entry.get("place") else ""
    # How it repeats (with its first date) counts, so moving "every other Thursday" on a week
    # shows as a change; every week goes without saying.
    repeats = entry.get("repeats") or "Every week"
    how_often = "" if repeats == "Every week" else f", {repeats[:1].lower()}{repeats[1:]}"
    return (
        f"{entry['day_name']} {entry['when']}: {entry['what']}{place}{how_often} "
        f"({entry['support']})"
    )


def _week(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[Change, ...]:
    """Perfect Week entries added, taken out or changed (by entry), and the weekly cost."""
    before, after = _keyed(old.get("entries", []), "id"), _keyed(new.get("entries", []), "id")
    changes = [Change(ADDED, _entry_words(e)) for key, e in after.items() if key not in before]
    changes += [Change(REMOVED, _entry_words(e)) for key, e in before.items() if key not in after]
    for key, entry in after.items():
        was = before.get(key)
        if was is not None and _entry_words(was) != _entry_words(entry):
            changes.append(
                Change(CHANGED, f"Was “{_entry_words(was)}”; now “{_entry_words(entry)}”")
            )
    old_price, new_price = old.get("price") or {}, new.get("price") or {}
    if old_price.get("weekly_pence") != new_price.get("weekly_pence"):
        changes.append(
            Change(
                CHANGED,
                f"Was {_weekly_cost(old_price)}; now {_weekly_cost(new_price)}",
                "Cost a week",
            )
        )
    return tuple(changes)


def _weekly_cost(price: Mapping[str, Any]) -> str:
    if not price:
        return "not priced"
    return format_pence(int(price["weekly_pence"]))
