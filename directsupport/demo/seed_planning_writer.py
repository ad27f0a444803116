"""Writes the planned notes, tools and outcomes to the database as they stood at a moment.

Called three times: as things stood when each person's first Plan Book version was compiled,
then when their latest version was compiled, then as they are today. Each call adds what had
happened by then (notes said, tools saved, outcomes agreed) and brings up to date what had
changed (guesses checked, tools saved again, steps done), in a few bulk queries for everyone.

Not yet through the board, tools and outcomes services (issue 14 leaves it for a later step):
each Plan Book version is compiled between these writes from what stood at a past moment, and
that replay is tied to the Plan Book seeding, which is moving with the Plan Book into its own
app. A note's status comes from the board's rule (``status_for``), not worked out here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

from directsupport.accounts.models import User
from directsupport.planning.models import (
    CaptureNote,
    Outcome,
    OutcomeAction,
    ToolRevision,
    ToolSection,
)
from directsupport.planning.models.capture import status_for

from .seed_planning_context import LONDON, NotePlan, PersonCtx


class Writer:
    def __init__(self, contexts: list[PersonCtx], *, today: dt.date) -> None:
        self.contexts = contexts
        self.today = today
        self._notes_written: set[int] = set()
        self._sections: dict[tuple[int, str], ToolSection] = {}
        self._revisions_written: dict[tuple[int, str], int] = {}
        self._outcomes_written: set[int] = set()

    def write_until_first_versions(self) -> None:
        self._advance(lambda ctx: ctx.book.versions[0].compiled_at)

    def write_until_latest_versions(self) -> None:
        self._advance(lambda ctx: ctx.book.last_compiled)

    def write_since(self) -> None:
        self._advance(lambda ctx: None)

    def _advance(self, as_of_for: Callable[[PersonCtx], dt.datetime | None]) -> None:
        batch = _Batch()
        for ctx in self.contexts:
            as_of = as_of_for(ctx)
            self._notes(ctx, as_of, batch)
            self._tools(ctx, as_of, batch)
            self._outcomes(ctx, as_of, batch)
        batch.save()

    def _notes(self, ctx: PersonCtx, as_of: dt.datetime | None, batch: _Batch) -> None:
        for plan in ctx.notes:
            note = plan.note
            if as_of is not None and note.created_at > as_of:
                continue
            state = _note_state(plan, as_of)
            before = (note.status, note.checked_by, note.checked_at, note.checked_how)
            note.status, note.checked_by, note.checked_at, note.checked_how = state
            if id(plan) not in self._notes_written:
                self._notes_written.add(id(plan))
                batch.notes.append(note)
            elif state != before:
                batch.changed_notes.append(note)

    def _tools(self, ctx: PersonCtx, as_of: dt.datetime | None, batch: _Batch) -> None:
        for plan in ctx.tools:
            saved = [rev for rev in plan.revisions if as_of is None or rev[1] <= as_of]
            if not saved:
                continue
            key = (ctx.person.pk, plan.kind)
            content, saved_at, saved_by = saved[-1]
            section = self._sections.get(key)
            if section is None:
                section = ToolSection(person=ctx.person, kind=plan.kind)
                self._sections[key] = section
                batch.sections.append(section)
            elif section.version != len(saved):
                batch.changed_sections.append(section)
            section.content, section.version = content, len(saved)
            section.updated_by, section.updated_at = saved_by, saved_at
            written = self._revisions_written.get(key, 0)
            for number, (revision, at, by) in enumerate(saved[written:], start=written + 1):
                batch.revisions.append(
                    ToolRevision(
                        section=section, version=number, content=revision, saved_by=by, saved_at=at
                    )
                )
            self._revisions_written[key] = len(saved)

    def _outcomes(self, ctx: PersonCtx, as_of: dt.datetime | None, batch: _Batch) -> None:
        on = as_of.astimezone(LONDON).date() if as_of is not None else self.today
        for plan in ctx.outcomes:
            outcome = plan.outcome
            if as_of is not None and outcome.created_at > as_of:
                continue
            achieved = plan.achieved_on if plan.achieved_on and plan.achieved_on <= on else None
            new = id(plan) not in self._outcomes_written
            if new:
                self._outcomes_written.add(id(plan))
                batch.outcomes.append(outcome)
            elif achieved != outcome.achieved_on:
                batch.changed_outcomes.append(outcome)
            if achieved and achieved != outcome.achieved_on:
                outcome.updated_at = dt.datetime.combine(achieved, dt.time(12), tzinfo=LONDON)
            outcome.achieved_on = achieved
            for step in plan.actions:
                action = step.action
                done = step.done_on if step.done_on and step.done_on <= on else None
                if new:
                    action.outcome = outcome
                    batch.actions.append(action)
                elif done != action.done_on:
                    batch.changed_actions.append(action)
                action.done_on = done

    def note_statuses(self) -> Counter[str]:
        return Counter(plan.note.status for ctx in self.contexts for plan in ctx.notes)

    def tool_counts(self) -> tuple[int, int]:
        return len(self._sections), sum(self._revisions_written.values())

    def outcome_counts(self) -> tuple[int, int]:
        outcomes = [plan for ctx in self.contexts for plan in ctx.outcomes]
        return len(outcomes), sum(len(plan.actions) for plan in outcomes)


def _note_state(
    plan: NotePlan, as_of: dt.datetime | None
) -> tuple[str, User | None, dt.datetime | None, str]:
    """The note's status (and who checked it, when and how) as it stood at ``as_of``."""
    checked = plan.checked_at is not None and (as_of is None or plan.checked_at <= as_of)
    if plan.final_status and checked:
        return plan.final_status, plan.checked_by, plan.checked_at, plan.checked_how
    note = plan.note
    return status_for(speaker=note.speaker, question=note.question), None, None, ""


class _Batch:
    """New and changed rows for one step, saved together (parents before children)."""

    def __init__(self) -> None:
        self.notes: list[CaptureNote] = []
        self.changed_notes: list[CaptureNote] = []
        self.sections: list[ToolSection] = []
        self.changed_sections: list[ToolSection] = []
        self.revisions: list[ToolRevision] = []
        self.outcomes: list[Outcome] = []
        self.changed_outcomes: list[Outcome] = []
        self.actions: list[OutcomeAction] = []
        self.changed_actions: list[OutcomeAction] = []

    def save(self) -> None:
        CaptureNote.objects.bulk_create(self.notes)
        CaptureNote.objects.bulk_update(
            self.changed_notes, ["status", "checked_by", "checked_at", "checked_how"]
        )
        ToolSection.objects.bulk_create(self.sections)
        ToolSection.objects.bulk_update(
            self.changed_sections, ["content", "version", "updated_by", "updated_at"]
        )
        ToolRevision.objects.bulk_create(self.revisions)
        Outcome.objects.bulk_create(self.outcomes)
        Outcome.objects.bulk_update(self.changed_outcomes, ["achieved_on", "updated_at"])
        OutcomeAction.objects.bulk_create(self.actions)
        OutcomeAction.objects.bulk_update(self.changed_actions, ["done_on"])
