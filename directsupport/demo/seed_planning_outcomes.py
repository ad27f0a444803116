"""Each demo person's outcomes: what they want to achieve, where it came from, and the steps.

An outcome grows from something the person (or their circle) said under "What I want to do in
the future", or from one of their tools. Its actions are dated from when it was agreed, so
some are done, some are coming up and a few are overdue.
"""

from __future__ import annotations

import datetime as dt

from directsupport.planning.models import NoteStatus, Outcome, OutcomeAction, Question, ToolKind

from .planning_book_data import GENERAL_OUTCOMES
from .planning_interest_tools import InterestTools, OutcomeSpec
from .seed_planning_context import (
    ActionPlan,
    NotePlan,
    OutcomePlan,
    PersonCtx,
    between,
)
from .seed_planning_tools import INTEREST_TOOLS


def plan_outcomes(ctx: PersonCtx, *, today: dt.date) -> None:
    """Fill ``ctx.outcomes``: 2 to 5 outcomes, each with 1 to 3 actions."""
    rng = ctx.rng
    if ctx.spec.stage == "getting_started":
        count = 2
    elif ctx.event_number == 2:
        count = rng.randint(2, 3)
    else:
        count = rng.randint(3, 5)
    chosen = _candidates(ctx)[:count]
    cut = ctx.book.cut
    late = set(rng.sample(range(len(chosen)), rng.randint(1, 2))) if cut is not None else set()
    used_notes: set[int] = set()
    for position, (spec, interest, nth) in enumerate(chosen):
        if position in late and cut is not None:
            created = between(
                rng, cut + dt.timedelta(days=20), ctx.book.last_compiled - dt.timedelta(days=2)
            )
        else:
            start = dt.datetime.combine(ctx.event_day, dt.time(17), tzinfo=dt.UTC) + dt.timedelta(
                days=12
            )
            created = between(rng, start, (cut or ctx.book.last_compiled) - dt.timedelta(days=1))
        said = _general_note(ctx, spec)
        if said is not None and said.note.created_at >= created - dt.timedelta(days=1):
            # Agreed after the person said it, even when that was after the day.
            created = between(
                rng,
                said.note.created_at + dt.timedelta(days=2),
                ctx.book.last_compiled - dt.timedelta(days=2),
            )
        source = _source_note(ctx, spec, interest, created, used_notes)
        outcome = Outcome(
            person=ctx.person,
            text=ctx.fill(spec.text),
            source_note=source.note if source else None,
            position=position,
            created_by=ctx.coordinator,
            created_at=created,
            updated_at=created,
        )
        if source is None:
            outcome.source_tool, outcome.source_text = _source_tool(ctx, interest, nth)
        actions = _actions(ctx, spec, interest, created.date(), today=today)
        done = [plan.done_on for plan in actions]
        achieved = None
        if all(done) and rng.random() < 0.5:
            achieved = max(day for day in done if day) + dt.timedelta(days=rng.randint(1, 10))
            achieved = achieved if achieved < today else None
        ctx.outcomes.append(
            OutcomePlan(outcome=outcome, source=source, actions=actions, achieved_on=achieved)
        )


def _candidates(ctx: PersonCtx) -> list[tuple[OutcomeSpec, InterestTools | None, int]]:
    """Outcomes that fit the person, the likeliest first (with which of its interest's
    outcomes each one is)."""
    interests = [INTEREST_TOOLS[interest] for interest in ctx.spec.interests]
    firsts = [(tools.outcomes[0], tools, 0) for tools in interests]
    seconds = [(tools.outcomes[1], tools, 1) for tools in interests if len(tools.outcomes) > 1]
    said = {
        plan.template
        for plan in ctx.notes
        if plan.note.question == Question.FUTURE and plan.final_status != NoteStatus.NOT_AGREED
    }
    general: list[tuple[OutcomeSpec, InterestTools | None, int]] = [
        (item.outcome, None, 0)
        for item in GENERAL_OUTCOMES
        if item.note_text and item.note_text in said
    ]
    if ToolKind.MATCHING_SUPPORT in ctx.tool_kinds:
        matching = [(item.outcome, None, 0) for item in GENERAL_OUTCOMES if not item.note_text]
    else:
        matching = []
    return [*firsts, *general, *seconds, *matching]


def _general_note(ctx: PersonCtx, spec: OutcomeSpec) -> NotePlan | None:
    """The note a general outcome ("a paid job") grows from, if it is one of those."""
    wanted = {
        item.note_text for item in GENERAL_OUTCOMES if item.outcome is spec and item.note_text
    }
    return next((plan for plan in ctx.notes if plan.template in wanted), None)


def _source_note(
    ctx: PersonCtx,
    spec: OutcomeSpec,
    interest: InterestTools | None,
    created: dt.datetime,
    used: set[int],
) -> NotePlan | None:
    """The future note the outcome grew from: said before it was agreed, and not put right."""
    wanted = {
        item.note_text for item in GENERAL_OUTCOMES if item.outcome is spec and item.note_text
    }
    sections = {name for name, tools in INTEREST_TOOLS.items() if tools is interest}
    for plan in ctx.notes:
        note = plan.note
        if (
            note.question == Question.FUTURE
            and note.created_at < created
            and plan.final_status != NoteStatus.NOT_AGREED
            and id(plan) not in used
            and (plan.section in sections or plan.template in wanted)
        ):
            used.add(id(plan))
            return plan
    return None


def _source_tool(ctx: PersonCtx, interest: InterestTools | None, nth: int) -> tuple[str, str]:
    """Where an outcome came from when nobody said it on the day: the tool and its words, as
    the tool first said them.

    An interest's first outcome is a new place on the community map; its second grows from
    what is important to the person; the others from the support they want.
    """
    first = {plan.kind: plan.revisions[0][0] for plan in ctx.tools}
    if interest is None and ToolKind.MATCHING_SUPPORT in first:
        rows = first[ToolKind.MATCHING_SUPPORT]["rows"]
        everyday = [row for row in rows if row["support"].startswith("Everyday")]
        return ToolKind.MATCHING_SUPPORT, (everyday or rows)[0]["support"]
    if interest is None:
        return ToolKind.ONE_PAGE_PROFILE, first[ToolKind.ONE_PAGE_PROFILE]["important"][0]
    if nth == 0 and interest.new in first.get(ToolKind.COMMUNITY_MAP, {}).get("new", []):
        return ToolKind.COMMUNITY_MAP, interest.new
    important = ctx.fill(interest.important[0])
    for kind, key in ((ToolKind.IMPORTANT_TO_FOR, "to"), (ToolKind.ONE_PAGE_PROFILE, "important")):
        if important in first.get(kind, {}).get(key, []):
            return kind, important
    return ToolKind.ONE_PAGE_PROFILE, first[ToolKind.ONE_PAGE_PROFILE]["important"][0]


def _actions(
    ctx: PersonCtx,
    spec: OutcomeSpec,
    interest: InterestTools | None,
    agreed_on: dt.date,
    *,
    today: dt.date,
) -> list[ActionPlan]:
    rng = ctx.rng
    plans = []
    for action in spec.actions:
        by_when = agreed_on + dt.timedelta(days=action.months * 30 + rng.randint(-3, 10))
        done_on = None
        # Nearly every step due a while ago has been done; a few recent ones are overdue.
        overdue_days = (today - by_when).days
        if overdue_days > 2 and rng.random() < (0.95 if overdue_days > 45 else 0.7):
            done_on = max(
                agreed_on + dt.timedelta(days=1), by_when - dt.timedelta(days=rng.randint(0, 14))
            )
        plans.append(
            ActionPlan(
                action=OutcomeAction(
                    what=ctx.fill(action.what),
                    who=_who(ctx, action.who, interest),
                    by_when=by_when,
                ),
                done_on=done_on,
            )
        )
    return plans


def _who(ctx: PersonCtx, key: str, interest: InterestTools | None) -> str:
    keyworker = ctx.keyworker.name if ctx.keyworker else ctx.coordinator.full_name
    if key == "me":
        return ctx.spec.called
    if key == "keyworker":
        return keyworker
    if key == "coordinator":
        return ctx.coordinator.full_name
    if key == "family":
        family = ctx.closest_family()
        return family.name if family else keyworker
    if key == "contact" and interest is not None:
        contact = next(
            (m for m in ctx.members if interest.contact in m.relationship.lower()),
            None,
        )
        return contact.name if contact else interest.fallback
    return keyworker
