"""Writes the planned notes, tools and outcomes to the database as they stood at a moment.

Called three times: as things stood when each person's first Plan Book version was compiled,
then when their latest version was compiled, then as they are today. Each call adds what had
happened by then (notes said, tools saved, outcomes agreed) and brings up to date what had
changed (guesses checked, tools saved again, steps done, outcomes achieved).

Everything goes through the planning app's own services, as the people in the story would
have done it: notes through the board's ``add_note`` (which gives a note its status by the
board's rule) and ``record_guess_answer``, tools through ``save_tool`` (which numbers the
versions and keeps each as a revision), outcomes through ``add_outcome``, ``mark_achieved``
and ``mark_action_done``. So every step is checked and audited. The services write "now", so
each row's dates are then set back to the story's moments, before the next Plan Book version
is compiled from what stood then.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

from directsupport.planning.board.services import add_note, record_guess_answer
from directsupport.planning.models import (
    CaptureNote,
    NoteStatus,
    Outcome,
    OutcomeAction,
    ToolRevision,
    ToolSection,
)
from directsupport.planning.outcomes.services import (
    ActionInput,
    OutcomeDetails,
    add_outcome,
    mark_achieved,
    mark_action_done,
)
from directsupport.planning.tools.services import save_tool

from .seed_planning_context import LONDON, NotePlan, OutcomePlan, PersonCtx, ToolPlan


class Writer:
    def __init__(self, contexts: list[PersonCtx], *, today: dt.date) -> None:
        self.contexts = contexts
        self.today = today
        # What has been written so far, by the plan it came from.
        self._notes: dict[int, CaptureNote] = {}
        self._sections: dict[int, ToolSection] = {}
        self._outcomes: dict[int, tuple[Outcome, list[OutcomeAction]]] = {}

    def write_until_first_versions(self) -> None:
        self._advance(lambda ctx: ctx.book.versions[0].compiled_at)

    def write_until_latest_versions(self) -> None:
        self._advance(lambda ctx: ctx.book.last_compiled)

    def write_since(self) -> None:
        self._advance(lambda ctx: None)

    def _advance(self, as_of_for: Callable[[PersonCtx], dt.datetime | None]) -> None:
        for ctx in self.contexts:
            as_of = as_of_for(ctx)
            for note in ctx.notes:
                self._note(ctx, note, as_of)
            for tool in ctx.tools:
                self._tool(ctx, tool, as_of)
            on = as_of.astimezone(LONDON).date() if as_of is not None else self.today
            for outcome in ctx.outcomes:
                self._outcome(ctx, outcome, as_of, on)

    def _note(self, ctx: PersonCtx, plan: NotePlan, as_of: dt.datetime | None) -> None:
        said = plan.note
        if as_of is not None and said.created_at > as_of:
            return
        note = self._notes.get(id(plan))
        if note is None:
            note = add_note(
                actor=plan.written_by,
                person=ctx.person,
                question=said.question,
                text=said.text,
                speaker=said.speaker,
                speaker_member=said.speaker_member,
                said_by=said.said_by,
                relationship=said.relationship,
                event=said.event,
            )
            CaptureNote.objects.filter(pk=note.pk).update(created_at=said.created_at)
            note.created_at = said.created_at
            self._notes[id(plan)] = note
        checker, checked_at = plan.checked_by, plan.checked_at
        if not plan.final_status or checker is None or checked_at is None:
            return
        if (as_of is not None and checked_at > as_of) or note.status == plan.final_status:
            return
        note = record_guess_answer(
            actor=checker,
            note=note,
            agreed=plan.final_status == NoteStatus.CONFIRMED,
            how=plan.checked_how,
        )
        CaptureNote.objects.filter(pk=note.pk).update(checked_at=checked_at)
        note.checked_at = checked_at
        self._notes[id(plan)] = note

    def _tool(self, ctx: PersonCtx, plan: ToolPlan, as_of: dt.datetime | None) -> None:
        saved = [rev for rev in plan.revisions if as_of is None or rev[1] <= as_of]
        # The tools service numbers the saves, so the section's version is how many are written.
        before = self._sections.get(id(plan))
        for content, saved_at, saved_by in saved[before.version if before is not None else 0 :]:
            section = save_tool(
                actor=saved_by,
                person=ctx.person,
                kind=plan.kind,
                content=content,
                expected_version=before.version if before is not None else 0,
            )
            ToolSection.objects.filter(pk=section.pk).update(updated_at=saved_at)
            ToolRevision.objects.filter(section=section, version=section.version).update(
                saved_at=saved_at
            )
            section.updated_at = saved_at
            self._sections[id(plan)] = before = section

    def _outcome(
        self, ctx: PersonCtx, plan: OutcomePlan, as_of: dt.datetime | None, on: dt.date
    ) -> None:
        agreed = plan.outcome
        if as_of is not None and agreed.created_at > as_of:
            return
        achieved = plan.achieved_on if plan.achieved_on and plan.achieved_on <= on else None
        done = [bool(step.done_on and step.done_on <= on) for step in plan.actions]
        written = self._outcomes.get(id(plan))
        if written is None:
            outcome, actions = self._add_outcome(ctx, plan, achieved, done)
            self._outcomes[id(plan)] = outcome, actions
        else:
            outcome, actions = written
            newly_done = [a for a, d in zip(actions, done, strict=True) if d and not a.done_on]
            if achieved == outcome.achieved_on and not newly_done:
                return
            if achieved != outcome.achieved_on:
                mark_achieved(actor=ctx.coordinator, outcome=outcome, on=achieved)
            for action in newly_done:
                mark_action_done(actor=ctx.coordinator, action=action)
        for step, action in zip(plan.actions, actions, strict=True):
            if action.done_on is not None and action.done_on != step.done_on:
                OutcomeAction.objects.filter(pk=action.pk).update(done_on=step.done_on)
                action.done_on = step.done_on
        # Last changed when it was achieved (a step done does not count), else when agreed.
        updated_at = (
            dt.datetime.combine(achieved, dt.time(12), tzinfo=LONDON)
            if achieved
            else agreed.created_at
        )
        Outcome.objects.filter(pk=outcome.pk).update(
            created_at=agreed.created_at, updated_at=updated_at
        )
        outcome.created_at, outcome.updated_at = agreed.created_at, updated_at

    def _add_outcome(
        self, ctx: PersonCtx, plan: OutcomePlan, achieved: dt.date | None, done: list[bool]
    ) -> tuple[Outcome, list[OutcomeAction]]:
        agreed = plan.outcome
        outcome = add_outcome(
            actor=ctx.coordinator,
            person=ctx.person,
            details=OutcomeDetails(
                text=agreed.text,
                source_note=self._notes[id(plan.source)] if plan.source else None,
                source_tool=agreed.source_tool,
                source_text=agreed.source_text,
                achieved_on=achieved,
            ),
            actions=[
                ActionInput(
                    what=step.action.what,
                    who=step.action.who,
                    by_when=step.action.by_when,
                    done=is_done,
                )
                for step, is_done in zip(plan.actions, done, strict=True)
            ],
        )
        if outcome.position != agreed.position:
            # Written directly: the service adds an outcome at the end of the person's list, and
            # in the story one agreed later sits among those agreed before it.
            Outcome.objects.filter(pk=outcome.pk).update(position=agreed.position)
            outcome.position = agreed.position
        return outcome, list(outcome.actions.order_by("id"))

    def note_statuses(self) -> Counter[str]:
        return Counter(note.status for note in self._notes.values())

    def tool_counts(self) -> tuple[int, int]:
        return len(self._sections), sum(section.version for section in self._sections.values())

    def outcome_counts(self) -> tuple[int, int]:
        outcomes = [plan for ctx in self.contexts for plan in ctx.outcomes]
        return len(outcomes), sum(len(plan.actions) for plan in outcomes)
