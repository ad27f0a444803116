"""Where each demo person's Plan Book has got to, and its versions' words and dates.

The mix across the 55: about twenty published a first version and have a second in draft or
shared; about fifteen are published; about ten are agreed and waiting to be published (two by
a representative); a few are shared and a few still drafts. People at the latest day are the
ones still agreeing theirs.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable

from django.db.models import TextChoices

from directsupport.people.models import Stage
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion, SignedBy
from directsupport.planning.models import NoteStatus
from directsupport.planning.tools.specs import spec_for

from .people_data import PEOPLE, PersonSpec
from .planning_book_data import (
    AGREEMENT_REASON,
    INTRODUCTION_KIND,
    INTRODUCTION_NO_WORDS,
    INTRODUCTION_WORDS,
    LATEST_DRAFT,
    LATEST_SHARED,
    SPRING_PLANNERS,
)
from .seed_planning_context import BookPlan, PersonCtx, VersionPlan, introduce, moment


class BookKind(TextChoices):
    MOVED_ON_DRAFT = "v2_draft", "Version 1 published, version 2 a draft"
    MOVED_ON_SHARED = "v2_shared", "Version 1 published, version 2 shared"
    PUBLISHED = "published", "Published"
    AGREED = "agreed", "Agreed, waiting to be published"
    SHARED = "shared", "Shared with the circle"
    DRAFT = "draft", "Draft"


def assign_days() -> dict[tuple[str, str], tuple[int, str]]:
    """Which day (0 oldest .. 2 latest) each demo person went to, and where their Plan Book is.

    Those furthest along went first; people still planning or getting started went last.
    """
    by_stage: dict[str, list[PersonSpec]] = {stage: [] for stage in Stage.values}
    for spec in PEOPLE:
        by_stage[spec.stage].append(spec)
    shaping = by_stage[Stage.MARKET_SHAPING]
    planning = by_stage[Stage.PLANNING]
    moved_on = 0

    def next_moved_on() -> str:
        nonlocal moved_on
        moved_on += 1
        return BookKind.MOVED_ON_SHARED if moved_on % 2 == 0 else BookKind.MOVED_ON_DRAFT

    days: dict[tuple[str, str], tuple[int, str]] = {}
    for index, spec in enumerate(by_stage[Stage.ISF_LIVE] + shaping[:10]):
        days[_key(spec)] = (0, BookKind.PUBLISHED if index % 3 == 2 else next_moved_on())
    for index, spec in enumerate(shaping[10:]):
        days[_key(spec)] = (1, BookKind.PUBLISHED if index % 3 == 0 else next_moved_on())
    for spec in planning:
        if spec.first_name == "Adaeze":
            days[_key(spec)] = (1, BookKind.MOVED_ON_SHARED)
        elif spec.first_name in SPRING_PLANNERS:
            kind = BookKind.AGREED if spec.first_name == "Fatima" else BookKind.PUBLISHED
            days[_key(spec)] = (1, kind)
    for spec in planning + by_stage[Stage.GETTING_STARTED]:
        if _key(spec) in days:
            continue
        if spec.first_name in LATEST_SHARED:
            days[_key(spec)] = (2, BookKind.SHARED)
        elif spec.first_name in LATEST_DRAFT:
            days[_key(spec)] = (2, BookKind.DRAFT)
        else:
            days[_key(spec)] = (2, BookKind.AGREED)
    return days


def _key(spec: PersonSpec) -> tuple[str, str]:
    return (spec.first_name, spec.last_name)


def plan_book(
    kind: str, *, event_day: dt.date, latest: bool, rng: random.Random, today: dt.date, star: bool
) -> BookPlan:
    """The versions' dates: compiled some weeks after the day, shared, agreed, published."""
    first_after = rng.randint(18, 24) if latest else rng.randint(35, 56)
    compiled = moment(event_day + dt.timedelta(days=first_after), rng)
    shared = compiled + dt.timedelta(days=rng.randint(2, 5) if latest else rng.randint(3, 8))
    signed = shared + dt.timedelta(days=rng.randint(3, 7) if latest else rng.randint(4, 10))
    published = signed + dt.timedelta(days=rng.randint(2, 7))
    first = VersionPlan(1, PlanBookStatus.DRAFT, compiled)
    if kind != BookKind.DRAFT:
        first.status, first.shared_at = PlanBookStatus.SHARED, shared
    if kind not in (BookKind.DRAFT, BookKind.SHARED):
        first.status, first.signed_at = PlanBookStatus.AGREED, signed
    if kind not in (BookKind.DRAFT, BookKind.SHARED, BookKind.AGREED):
        first.status, first.published_at = PlanBookStatus.PUBLISHED, published
    versions = [first]
    if kind in (BookKind.MOVED_ON_DRAFT, BookKind.MOVED_ON_SHARED):
        days_ago = 9 if star else rng.randint(12, 60)
        second = VersionPlan(
            2, PlanBookStatus.DRAFT, moment(today - dt.timedelta(days=days_ago), rng)
        )
        if kind == BookKind.MOVED_ON_SHARED:
            second.status = PlanBookStatus.SHARED
            second.shared_at = second.compiled_at + dt.timedelta(
                days=3 if star else rng.randint(2, 6)
            )
        versions.append(second)
    if star:
        open_guesses = 2
    elif kind in (BookKind.SHARED, BookKind.DRAFT):
        open_guesses = rng.randint(2, 6)
    elif kind == BookKind.MOVED_ON_DRAFT and rng.random() < 0.6:
        open_guesses = rng.randint(2, 4)
    else:
        open_guesses = 0
    return BookPlan(versions=versions, open_guesses=open_guesses)


def version_row(ctx: PersonCtx, plan: VersionPlan, content: dict[str, object]) -> PlanBookVersion:
    """The PlanBookVersion for ``plan``, with who did what and when, and ``content`` as compiled."""
    coordinator = ctx.coordinator
    row = PlanBookVersion(
        person=ctx.person,
        number=plan.number,
        status=plan.status,
        introduction=introduction(ctx),
        changes_summary=changes_summary(ctx) if plan.number > 1 else "",
        content=content,
        compiled_at=plan.compiled_at,
        created_by=coordinator,
        created_at=plan.compiled_at - dt.timedelta(minutes=ctx.rng.randint(5, 90)),
        shared_by=coordinator if plan.shared_at else None,
        shared_at=plan.shared_at,
        published_by=coordinator if plan.published_at else None,
        published_at=plan.published_at,
    )
    if plan.signed_at:
        row.signed_at = plan.signed_at
        if ctx.representative_name:
            row.signed_by = SignedBy.REPRESENTATIVE
            row.signed_by_user = coordinator
            row.representative_name = ctx.representative_name
            row.representative_reason = AGREEMENT_REASON.format_map(
                {**ctx.words, "rep": ctx.representative_name}
            )
        else:
            row.signed_by = SignedBy.PERSON
            row.signed_by_user = ctx.person.user or coordinator
    return row


def introduction(ctx: PersonCtx) -> str:
    template = INTRODUCTION_KIND.get(ctx.spec.communication_key, INTRODUCTION_WORDS)
    about_them = template is INTRODUCTION_NO_WORDS
    invited = introduce(ctx.invited, his=ctx.words["his"] if about_them else "")
    return template.format_map({**ctx.words, "invited": invited, "event": ctx.event.title})


def changes_summary(ctx: PersonCtx) -> str:
    """What changed since version 1, in the person's words, from what really changed."""
    cut = ctx.book.cut
    if cut is None:
        return ""
    parts = []
    new_notes = sum(1 for plan in ctx.notes if plan.note.created_at > cut)
    if new_notes:
        parts.append(f"{new_notes} new {'note' if new_notes == 1 else 'notes'} on my board")
    checked = [plan for plan in ctx.notes if plan.checked_at and plan.checked_at > cut]
    if checked:
        wrong = sum(1 for plan in checked if plan.final_status == NoteStatus.NOT_AGREED)
        guesses = "best guess" if len(checked) == 1 else "best guesses"
        said = f"{len(checked)} {guesses} checked with me"
        parts.append(said + (f" ({wrong} I said was wrong, so it is left out)" if wrong else ""))
    changed = [t for t in ctx.tools if t.revisions[0][1] <= cut < t.revisions[-1][1]]
    added = [t for t in ctx.tools if t.revisions[0][1] > cut]
    if changed:
        parts.append("updated my " + _and(f"“{spec_for(t.kind).title}”" for t in changed))
    if added:
        parts.append("added my " + _and(f"“{spec_for(t.kind).title}”" for t in added))
    new_outcomes = [f"“{o.outcome.text}”" for o in ctx.outcomes if o.outcome.created_at > cut]
    if new_outcomes:
        parts.append(
            ("new outcomes: " if len(new_outcomes) > 1 else "a new outcome: ") + _and(new_outcomes)
        )
    compiled_on = ctx.book.last_compiled.date()
    done = sum(
        1
        for plan in ctx.outcomes
        for action in plan.actions
        if action.done_on and cut.date() < action.done_on <= compiled_on
    )
    if done:
        parts.append(f"{done} {'step' if done == 1 else 'steps'} towards my outcomes done")
    return "Since version 1: " + "; ".join(parts) + "."


def _and(items: Iterable[str]) -> str:
    words = list(items)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
