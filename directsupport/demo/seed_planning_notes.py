"""The notes on each demo person's quick-capture board: said on their day, or added since.

Who speaks: the person (in their own words, or for someone who does not use words, what they
showed us) and the circle members they invited. A note said for the person about their own mind
is a best guess (``status_for``); most were checked with them afterwards, a few they said were
wrong, and some people still have guesses waiting to be checked.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from directsupport.accounts.models import User
from directsupport.people.models import CircleMember, Stage
from directsupport.planning.models import CaptureNote, NoteStatus, Question, Speaker
from directsupport.planning.models.capture import status_for

from .planning_interest_notes import INTEREST_LINES
from .planning_notes_data import (
    CHECKED_HOW,
    CHECKED_HOW_DEFAULT,
    COMMON_LINES,
    NOT_AGREED_HOW,
    NoteLine,
)
from .seed_planning_context import (
    LONDON,
    NotePlan,
    PersonCtx,
    between,
    first_name,
    voices_for,
)

# How often a question is asked on the day, relative to the others.
_QUESTION_WEIGHTS: dict[str, int] = {
    Question.ADMIRE: 5,
    Question.IMPORTANT: 5,
    Question.PLACES: 3,
    Question.TICK: 3,
    Question.GIFTS: 3,
    Question.RESOURCES: 2,
    Question.FUTURE: 4,
}
_AT_LEAST: dict[str, int] = {Question.ADMIRE: 2, Question.IMPORTANT: 2, Question.FUTURE: 2}
_LATER_QUESTIONS = (Question.IMPORTANT, Question.PLACES, Question.TICK, Question.FUTURE)
# How often the person answers in their own words, by how they communicate.
_OWN_SHARE = {
    "nonverbal_objects": 0.25,
    "short_makaton": 0.35,
    "pictures_pecs": 0.35,
    "ipad_aac": 0.4,
}
_OWN_SHARE_DEFAULT = 0.5
_GENERIC_VOICES = frozenset({"any", "fam", "friends", "pro"})
# The day's notes run from the morning session to mid-afternoon.
_DAY_STARTS = dt.time(10, 15)
_DAY_MINUTES = 270


def plan_notes(ctx: PersonCtx) -> None:
    """Fill ``ctx.notes``: the day's notes, notes added since, and what happened to guesses."""
    rng = ctx.rng
    sections = _sections(ctx)
    lines = [line for line in (*COMMON_LINES, *INTEREST_LINES) if line.section in sections]
    used: set[str] = set()

    day_count = 27 if ctx.spec.first_name == "Adaeze" else _day_count(ctx)
    questions = _spread(rng, day_count)
    start = dt.datetime.combine(ctx.event_day, _DAY_STARTS, tzinfo=LONDON)
    step = _DAY_MINUTES / len(questions)
    for index, question in enumerate(questions):
        said_at = start + dt.timedelta(minutes=index * step + rng.randint(0, 5))
        plan = _one_note(ctx, lines, used, question, said_at, at_event=True)
        if plan:
            ctx.notes.append(plan)

    cut = ctx.book.cut
    if cut is not None:
        later_count = 5 if ctx.spec.first_name == "Adaeze" else rng.randint(3, 6)
        end = ctx.book.last_compiled - dt.timedelta(days=4)
        for index in range(later_count):
            said_at = between(rng, cut + dt.timedelta(days=20), end)
            # Guesses waiting to be checked come from these later notes, so there must be some.
            others_only = index < ctx.book.open_guesses
            for question in rng.sample(_LATER_QUESTIONS, len(_LATER_QUESTIONS)):
                plan = _one_note(
                    ctx, lines, used, question, said_at, at_event=False, others_only=others_only
                )
                if plan:
                    ctx.notes.append(plan)
                    break
    ctx.notes.sort(key=lambda plan: plan.note.created_at)
    _check_guesses(ctx)


def _sections(ctx: PersonCtx) -> set[str]:
    spec = ctx.spec
    sections = {
        "general",
        "voices",
        *spec.interests,
        f"home:{spec.home}",
        f"comm:{spec.communication_key}",
    }
    if spec.faith:
        sections.add(f"faith:{spec.faith}")
    if spec.age < 30:
        sections.add("age:young")
    if spec.age >= 60:
        sections.add("age:older")
    if ctx.words["mum_name"]:
        sections.add("family:mum")
    if ctx.words["sibling"]:
        sections.add("family:sibling")
    return sections


def _day_count(ctx: PersonCtx) -> int:
    if ctx.spec.stage == Stage.GETTING_STARTED:
        return ctx.rng.randint(15, 18)
    if ctx.event_number == 2:
        return ctx.rng.randint(18, 26)
    return ctx.rng.randint(20, 29)


def _spread(rng: random.Random, count: int) -> list[str]:
    """``count`` questions, every one asked at least once, in the order of the day."""
    order: list[str] = [question.value for question in Question]
    questions = [question for question in order for _ in range(_AT_LEAST.get(question, 1))]
    weights = [_QUESTION_WEIGHTS[question] for question in order]
    questions += rng.choices(order, weights=weights, k=max(0, count - len(questions)))
    return sorted(questions, key=order.index)


def _one_note(
    ctx: PersonCtx,
    lines: list[NoteLine],
    used: set[str],
    question: str,
    said_at: dt.datetime,
    *,
    at_event: bool,
    others_only: bool = False,
) -> NotePlan | None:
    """One note for ``question``: a speaker, and a line they could have said not used yet."""
    rng = ctx.rng
    own_voice = "show" if ctx.spec.communication_key == "nonverbal_objects" else "me"
    own_share = _OWN_SHARE.get(ctx.spec.communication_key, _OWN_SHARE_DEFAULT)
    speak_own = not others_only and question != Question.ADMIRE and rng.random() < own_share
    # Everyone invited gets a say: whoever has said least so far speaks first.
    said = Counter(plan.note.speaker_member_id for plan in ctx.notes)
    circle = sorted(ctx.invited, key=lambda member: said[member.pk] + rng.random() * 1.5)
    speakers: list[CircleMember | None] = [None, *circle] if speak_own else list(circle)
    if not others_only and not speak_own:
        speakers.append(None)
    for speaker in speakers:
        voices = frozenset({own_voice}) if speaker is None else voices_for(speaker)
        candidates = [
            line
            for line in lines
            if line.question == question and line.voice in voices and line.text not in used
        ]
        if not candidates:
            continue
        line = rng.choices(candidates, weights=[_weight(line) for line in candidates])[0]
        used.add(line.text)
        return _make(ctx, line, speaker, said_at, at_event=at_event)
    return None


def _weight(line: NoteLine) -> int:
    """Lines about the person's own interests and life, and lines only someone in that
    relationship would say ("my mum"), are likelier than ones that could be about anyone."""
    if line.section == "general":
        weight = 1
    elif ":" in line.section or line.section == "voices":
        weight = 2
    else:
        weight = 4
    return weight * (1 if line.voice in _GENERIC_VOICES | {"me", "show"} else 2)


def _make(
    ctx: PersonCtx,
    line: NoteLine,
    speaker: CircleMember | None,
    said_at: dt.datetime,
    *,
    at_event: bool,
) -> NotePlan:
    rng = ctx.rng
    text = ctx.fill(line.text)
    kind = Speaker.PERSON if speaker is None else Speaker.CIRCLE
    if speaker is None and ctx.spec.communication_key == "second_language" and rng.random() < 0.3:
        translator = ctx.closest_family()
        if translator is not None:
            text += f" (said in {ctx.spec.language}; {first_name(translator.name)} translated)"
    elif speaker is None and ctx.spec.communication_key == "ipad_aac" and rng.random() < 0.3:
        text += " (said on my iPad)"
    note = CaptureNote(
        person=ctx.person,
        event=ctx.event if at_event else None,
        question=line.question,
        text=text,
        speaker=kind,
        speaker_member=speaker,
        said_by=ctx.person.display_name if speaker is None else speaker.name,
        relationship="" if speaker is None else speaker.relationship,
        status=status_for(speaker=kind, question=line.question),
        created_at=said_at,
    )
    return NotePlan(
        note=note,
        section=line.section,
        template=line.text,
        written_by=_writer(ctx, speaker, at_event=at_event),
    )


def _writer(ctx: PersonCtx, speaker: CircleMember | None, *, at_event: bool) -> User:
    """Who typed it: a facilitator on the day; since then the speaker if they sign in, or the
    coordinator who wrote down what they were told."""
    if at_event:
        return ctx.rng.choice(ctx.staff_on_day)
    if speaker is not None and speaker.user is not None:
        return speaker.user
    if speaker is None and ctx.person.user is not None:
        return ctx.person.user
    return ctx.coordinator


def _check_guesses(ctx: PersonCtx) -> None:
    """Decide which guesses were checked with the person, when, by whom and how it went."""
    rng = ctx.rng
    cut = ctx.book.cut
    guesses = [plan for plan in ctx.notes if plan.note.status == NoteStatus.BEST_GUESS]
    later = [plan for plan in guesses if plan.note.event is None]
    pool = later if cut is not None and later else guesses
    still_open = rng.sample(pool, min(ctx.book.open_guesses, len(pool)))
    to_check = [plan for plan in guesses if plan not in still_open]
    wrong = rng.sample(to_check, 1) if to_check and rng.random() < 0.4 else []
    # Someone whose Plan Book moved on had a guess or two in version 1, checked since.
    checked_late = rng.sample(to_check, min(len(to_check), rng.randint(1, 2))) if cut else []
    how_confirmed = CHECKED_HOW.get(ctx.spec.communication_key, CHECKED_HOW_DEFAULT)
    for plan in to_check:
        said_at = plan.note.created_at
        if cut is not None and said_at <= cut and plan not in checked_late:
            deadline = cut
        else:
            deadline = ctx.book.last_compiled
        plan.checked_at = between(
            rng, said_at + dt.timedelta(days=2), deadline - dt.timedelta(days=1)
        )
        plan.checked_by = rng.choice(ctx.checkers)
        if plan in wrong:
            plan.final_status = NoteStatus.NOT_AGREED
            plan.checked_how = ctx.fill(rng.choice(NOT_AGREED_HOW))
        else:
            plan.final_status = NoteStatus.CONFIRMED
            plan.checked_how = ctx.fill(rng.choice(how_confirmed))
