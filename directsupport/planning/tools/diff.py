"""What changed in a person-centred tool between two versions of its content. Pure: no database.

``diff_content(spec, old, new)`` gives one ``PartChange`` per part that changed, in the spec's
order. Its ``added`` and ``removed`` hold what the part holds (strings for list and text parts,
row dicts for table parts); ``changed`` holds a ``TextChange`` (text parts) or ``RowChange``s
(table rows that stayed but had some cells changed). The tool history page and the Plan Book
version diff both read it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from .specs import Column, ListPart, Part, TablePart, TextPart, ToolSpec

# How alike two rows must read to count as "the same row, changed" rather than one row removed
# and another added (difflib's ratio: 1.0 is identical).
ROW_LIKENESS = 0.6

Row = dict[str, str]


@dataclass(frozen=True)
class TextChange:
    before: str
    after: str


@dataclass(frozen=True)
class CellChange:
    column: Column
    before: str
    after: str


@dataclass(frozen=True)
class RowChange:
    before: Row
    after: Row
    cells: tuple[CellChange, ...]


@dataclass(frozen=True)
class PartChange:
    part: Part
    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()
    changed: tuple[Any, ...] = ()
    # Same items as before, in a different order (list parts only, where order can matter:
    # a good day runs from waking up to going to bed).
    reordered: bool = False

    @property
    def key(self) -> str:
        return self.part.key

    @property
    def label(self) -> str:
        return self.part.label


def diff_content(
    spec: ToolSpec, old_content: dict[str, Any] | None, new_content: dict[str, Any] | None
) -> list[PartChange]:
    """The parts of ``spec`` that differ between the two contents (missing parts read as
    empty, so the first version diffs against ``None``)."""
    old_content = old_content or {}
    new_content = new_content or {}
    changes = []
    for part in spec.parts:
        change = diff_part(part, old_content.get(part.key), new_content.get(part.key))
        if change is not None:
            changes.append(change)
    return changes


def diff_part(part: Part, old: Any, new: Any) -> PartChange | None:
    """What changed in one part, or None when nothing did."""
    if isinstance(part, TextPart):
        return _diff_text(part, old or "", new or "")
    if isinstance(part, ListPart):
        return _diff_list(part, list(old or []), list(new or []))
    return _diff_table(part, list(old or []), list(new or []))


def _diff_text(part: TextPart, old: str, new: str) -> PartChange | None:
    if old == new:
        return None
    if not old:
        return PartChange(part, added=(new,))
    if not new:
        return PartChange(part, removed=(old,))
    return PartChange(part, changed=(TextChange(old, new),))


def _diff_list(part: ListPart, old: list[str], new: list[str]) -> PartChange | None:
    if old == new:
        return None
    added = [new[i] for i in _unmatched_indexes(new, old)]
    removed = [old[i] for i in _unmatched_indexes(old, new)]
    reordered = not added and not removed
    return PartChange(part, added=tuple(added), removed=tuple(removed), reordered=reordered)


def _row_key(row: Row) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((key, str(value)) for key, value in row.items() if value))


def _row_words(part: TablePart, row: Row) -> str:
    """The words typed in a row, for likeness: not choices or dates, which many rows share."""
    return " | ".join(
        str(row.get(column.key, ""))
        for column in part.columns
        if not column.choices and not column.is_date
    )


def _cell_changes(part: TablePart, before: Row, after: Row) -> tuple[CellChange, ...]:
    return tuple(
        CellChange(column, str(before.get(column.key, "")), str(after.get(column.key, "")))
        for column in part.columns
        if str(before.get(column.key, "")) != str(after.get(column.key, ""))
    )


def _diff_table(part: TablePart, old: list[Row], new: list[Row]) -> PartChange | None:
    # Rows the same in both (whatever their order) are not changes.
    old_keys = [_row_key(row) for row in old]
    new_keys = [_row_key(row) for row in new]
    unmatched_old = [old[i] for i in _unmatched_indexes(old_keys, new_keys)]
    unmatched_new = [new[i] for i in _unmatched_indexes(new_keys, old_keys)]
    if not unmatched_old and not unmatched_new:
        return None

    # Then a row whose first column (what the row is about) is unchanged, or which reads much
    # like a removed one, is that row changed.
    first = part.columns[0].key
    pairs: list[tuple[Row, Row]] = []
    for row in list(unmatched_new):
        match = next((o for o in unmatched_old if o.get(first) == row.get(first)), None)
        if match is not None:
            pairs.append((match, row))
            unmatched_old.remove(match)
            unmatched_new.remove(row)
    for row in list(unmatched_new):
        scored = [
            (SequenceMatcher(None, _row_words(part, o), _row_words(part, row)).ratio(), index)
            for index, o in enumerate(unmatched_old)
        ]
        if scored:
            likeness, index = max(scored)
            if likeness >= ROW_LIKENESS:
                pairs.append((unmatched_old.pop(index), row))
                unmatched_new.remove(row)

    changed = tuple(
        RowChange(before, after, _cell_changes(part, before, after)) for before, after in pairs
    )
    return PartChange(
        part, added=tuple(unmatched_new), removed=tuple(unmatched_old), changed=changed
    )


def _unmatched_indexes(keys: list[Any], others: list[Any]) -> list[int]:
    """Where the items of ``keys`` are that ``others`` has no (further) copy of, in order:
    a multiset difference, so a line said twice and then once counts one removed."""
    left = Counter(others)
    unmatched = []
    for index, key in enumerate(keys):
        if left[key] > 0:
            left[key] -= 1
        else:
            unmatched.append(index)
    return unmatched
