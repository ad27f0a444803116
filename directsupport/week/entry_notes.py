"""Notes a later app adds to entries of a person's Perfect Week ("Contracted: Splash Swim CIC,
£31.50 an hour"), without the week app importing it: the later app registers a function from
its AppConfig.ready, and the week page asks every registered function for its notes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from directsupport.people.models import Person

from .models import WeekEntry

# (person, entries) -> {entry id: notes}; one or two queries for all the entries at once.
EntryNotes = Callable[[Person, Sequence[WeekEntry]], Mapping[int, Sequence[str]]]

_registered: list[EntryNotes] = []


def register_entry_notes(notes: EntryNotes) -> EntryNotes:
    if notes not in _registered:
        _registered.append(notes)
    return notes


def entry_notes(person: Person, entries: Sequence[WeekEntry]) -> dict[int, tuple[str, ...]]:
    """Every registered note for each entry, in the order the functions were registered."""
    found: dict[int, list[str]] = {}
    if not entries:
        return {}
    for notes in _registered:
        for entry_id, lines in notes(person, entries).items():
            found.setdefault(entry_id, []).extend(lines)
    return {entry_id: tuple(lines) for entry_id, lines in found.items()}
