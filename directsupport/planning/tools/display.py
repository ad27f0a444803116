"""A tool's content in words for a page: choice labels instead of codes, UK dates, agreement.

Pure (no database). The tool page, the history page and the conflict page read these; the Plan
Book may too, so a tool reads the same wherever it is shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import dateformat, timezone

from ..models import ToolKind, ToolSection
from .diff import PartChange, RowChange, TextChange
from .specs import (
    PERSPECTIVE_VIEWS,
    Column,
    ListPart,
    Part,
    TablePart,
    TextPart,
    ToolSpec,
)

UK_DATE = "j F Y"
# List parts that run in order (a day from waking up to going to bed), shown numbered.
ORDERED_PARTS = frozenset({(ToolKind.GOOD_DAY_BAD_DAY, "good"), (ToolKind.GOOD_DAY_BAD_DAY, "bad")})
# The points of view on the "working / not working" chart, as the spec names its columns.
PERSPECTIVES = ("person", "family", "staff")


def uk_date(value: str) -> str:
    """An ISO date as '14 March 2026'; anything else as it was typed."""
    try:
        return dateformat.format(dt.date.fromisoformat(value), UK_DATE)
    except ValueError:
        return value


def cell_text(column: Column, value: Any) -> str:
    value = "" if value is None else str(value)
    if column.choices:
        return dict(column.choices).get(value, value)
    if column.is_date and value:
        return uk_date(value)
    return value


def section_status(section: ToolSection | None) -> str:
    """'Not started', or 'Version 3, changed 2 March 2026 by Priya Shah'."""
    if section is None:
        return "Not started"
    when = dateformat.format(timezone.localtime(section.updated_at), UK_DATE)
    who = f" by {section.updated_by.full_name}" if section.updated_by else ""
    return f"Version {section.version}, changed {when}{who}"


@dataclass(frozen=True)
class Agreement:
    """Whether the points of view on one row agree, in words (never colour alone)."""

    words: str
    differs: bool


def perspective_agreement(row: dict[str, Any]) -> Agreement:
    views = [row.get(key, "") for key in PERSPECTIVES]
    given = [view for view in views if view]
    labels = dict(PERSPECTIVE_VIEWS)
    if not given:
        return Agreement("Nobody asked yet", differs=False)
    if len(set(given)) > 1:
        return Agreement("Views differ", differs=True)
    view = labels.get(given[0], given[0]).lower()
    if len(given) == len(PERSPECTIVES):
        return Agreement(f"Everyone agrees: {view}", differs=False)
    return Agreement(f"Everyone asked so far agrees: {view}", differs=False)


@dataclass(frozen=True)
class DisplayRow:
    cells: tuple[str, ...]
    agreement: Agreement | None = None


@dataclass(frozen=True)
class DisplayPart:
    part: Part
    items: tuple[str, ...] = ()
    text: str = ""
    rows: tuple[DisplayRow, ...] = ()
    ordered: bool = False

    @property
    def is_list(self) -> bool:
        return isinstance(self.part, ListPart)

    @property
    def is_text(self) -> bool:
        return isinstance(self.part, TextPart)

    @property
    def is_table(self) -> bool:
        return isinstance(self.part, TablePart)

    @property
    def is_empty(self) -> bool:
        return not (self.items or self.text or self.rows)

    @property
    def row_lines(self) -> list[str]:
        """Each row as one line of words, where a table would not fit (side by side)."""
        columns = self.part.columns if isinstance(self.part, TablePart) else ()
        return [
            "; ".join(
                f"{column.label}: {cell}"
                for column, cell in zip(columns, row.cells, strict=True)
                if cell
            )
            for row in self.rows
        ]


def display_tool(spec: ToolSpec, content: dict[str, Any] | None) -> list[DisplayPart]:
    content = content or {}
    shows_agreement = spec.kind == ToolKind.WORKING_NOT_WORKING
    parts = []
    for part in spec.parts:
        value = content.get(part.key)
        if isinstance(part, TextPart):
            parts.append(DisplayPart(part, text=value or ""))
        elif isinstance(part, ListPart):
            ordered = (spec.kind, part.key) in ORDERED_PARTS
            parts.append(DisplayPart(part, items=tuple(value or ()), ordered=ordered))
        else:
            rows = tuple(
                DisplayRow(
                    cells=tuple(cell_text(column, row.get(column.key)) for column in part.columns),
                    agreement=perspective_agreement(row) if shows_agreement else None,
                )
                for row in value or ()
            )
            parts.append(DisplayPart(part, rows=rows))
    return parts


def row_in_words(part: TablePart, row: dict[str, Any]) -> str:
    """One table row as a line: 'About: Day centre; The person: Not working; …'."""
    return "; ".join(
        f"{column.label}: {cell_text(column, row.get(column.key))}"
        for column in part.columns
        if row.get(column.key)
    )


@dataclass(frozen=True)
class ChangeInWords:
    label: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]
    reordered: bool


def change_in_words(change: PartChange) -> ChangeInWords:
    """A part's change as lines of text for the history page and the conflict page."""
    part = change.part
    if isinstance(part, TablePart):
        added = tuple(row_in_words(part, row) for row in change.added)
        removed = tuple(row_in_words(part, row) for row in change.removed)
        changed = tuple(_row_change_in_words(part, row) for row in change.changed)
    else:
        added = tuple(change.added)
        removed = tuple(change.removed)
        changed = tuple(
            f"Was “{text.before}”; now “{text.after}”"
            for text in change.changed
            if isinstance(text, TextChange)
        )
    return ChangeInWords(part.label, added, removed, changed, change.reordered)


def _row_change_in_words(part: TablePart, change: RowChange) -> str:
    first = part.columns[0]
    about = cell_text(first, change.after.get(first.key)) or cell_text(
        first, change.before.get(first.key)
    )
    cells = "; ".join(
        f"{cell.column.label} was “{cell_text(cell.column, cell.before) or 'blank'}”, "
        f"now “{cell_text(cell.column, cell.after) or 'blank'}”"
        for cell in change.cells
    )
    return f"{about}: {cells}"
