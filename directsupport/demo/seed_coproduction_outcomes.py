"""The demo's outcomes moving, and what was learned on the way: eighteen months of progress on the
outcomes planning's demo wrote, and a learning log kept by support workers and coordinators.

Most people's outcomes move along (not started → started → partly → achieved), each step with a
note of how we know, written by the person's support worker or coordinator. Outcomes planning
already marked achieved end "achieved" on that day; if planning's demo had fewer than about 25,
some whose actions are all done would be achieved here (today it has more, so none are). A few
step back for a while (a winter break, a club closing). Dee's outcomes all move. The learning
log holds about 80 entries: Dee's own, and a handful each for seventeen others, saying what
worked and what did not. Everything goes through the services.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.coproduction.models import LearningLogEntry, OutcomeProgress, Progress
from directsupport.coproduction.outcomes.services import (
    LearningDetails,
    add_entry,
    record_progress,
)
from directsupport.people.models import Person, SupportAssignment
from directsupport.planning.models import Outcome

ACHIEVED_IN_ALL = 25
LEARNING_PEOPLE = 17
OLDEST_DAYS = 540  # eighteen months


@dataclass(frozen=True)
class Topic:
    """Words for one kind of outcome: how we know at each step, and things tried along the way
    (activity, what worked, what did not). ``{name}`` is the person, ``{worker}`` their worker."""

    words: tuple[str, ...]
    started: tuple[str, ...]
    partly: tuple[str, ...]
    achieved: tuple[str, ...]
    tried: tuple[tuple[str, str, str], ...]


TOPICS: tuple[Topic, ...] = (
    Topic(
        words=("drum", "band", "concert", "sing", "choir", "music", "carol"),
        started=(
            "{name} went to the first session at the community hall with {worker} and stayed to "
            "the end.",
            "{name} listened to the group practise and asked the leader when to come back.",
        ),
        partly=(
            "{name} has been five weeks running now and played along for two songs; the leader "
            "told {worker} {name} keeps time well.",
            "{name} goes most weeks now; missed two when the bus changed, then went back.",
        ),
        achieved=(
            "{name} played with the group at the summer fair. Family and {worker} were there; "
            "{name} asked to do it again.",
            "{name} did it: on stage with the others, and talked about it all the way home.",
        ),
        tried=(
            (
                "Tried the Thursday practice instead of Tuesday",
                "Smaller group, and the leader had time to show {name} the rhythm.",
                "",
            ),
            (
                "Went to a loud rehearsal without ear defenders",
                "",
                "Too loud in the small room; {name} left after 20 minutes. Bring ear defenders.",
            ),
            (
                "Practised at home with a practice pad",
                "{name} practised 10 minutes a day when it was on the kitchen table, in sight.",
                "When it was put away {name} forgot about it.",
            ),
        ),
    ),
    Topic(
        words=("dance", "carnival", "stage"),
        started=(
            "{name} joined the taster class and tried every move; {worker} waited in the café.",
            "{name} watched the dance group from the side the first week, and joined in the "
            "second.",
        ),
        partly=(
            "{name} knows the first half of the routine and helped a new member learn it.",
            "{name} has been to eight classes; the teacher has put {name} in the front row.",
        ),
        achieved=(
            "{name} danced with the group at the carnival, in costume, the whole route. "
            "Photos in the Plan Book.",
            "{name} danced in the show in front of an audience of about 100. The teacher and "
            "{worker} saw it.",
        ),
        tried=(
            (
                "Tried the Saturday morning class",
                "Quieter than the evening one; {name} stayed the whole class.",
                "The bus there on Saturdays is every 40 minutes; we got there late once.",
            ),
            (
                "Wrote the routine as pictures",
                "{name} used the picture cards to practise at home and remembered the order.",
                "",
            ),
        ),
    ),
    Topic(
        words=("cook", "café", "meal", "kitchen"),
        started=(
            "{name} chose the recipe and wrote the shopping list with {worker}.",
            "{name} cooked pasta with {worker} beside, doing the chopping and the stirring.",
        ),
        partly=(
            "{name} now cooks tea two nights a week; {worker} only helps with the oven.",
            "{name} cooked for a friend on Sunday and did everything but the washing up.",
        ),
        achieved=(
            "{name} cooked a meal for three friends on their own. The friends told {worker} "
            "it was lovely.",
            "{name} started work in the café kitchen on Wednesday mornings.",
        ),
        tried=(
            (
                "Picture recipe cards",
                "{name} followed the cards step by step without asking.",
                "",
            ),
            (
                "Cooked when tired after the day centre",
                "",
                "Too tired at 5pm; it went better on days with nothing before.",
            ),
            (
                "Shopping at the big supermarket",
                "",
                "Too big and busy; the small shop on the corner worked better.",
            ),
        ),
    ),
    Topic(
        words=("bus", "train", "travel", "seaside"),
        started=(
            "{name} did the route to the leisure centre with {worker} and read out each stop.",
            "{name} bought the ticket at the station machine with {worker} beside.",
        ),
        partly=(
            "{name} did the bus route with {worker} two seats behind and got off at the right "
            "stop.",
            "{name} has a bus pass now and uses it twice a week with support.",
        ),
        achieved=(
            "{name} went to the leisure centre and back on the bus alone and rang {worker} "
            "from there.",
            "{name} went to the seaside on the train with friends; {worker} met them at the "
            "station at the end.",
        ),
        tried=(
            (
                "Practised the route at a quiet time",
                "At 10am the bus was half empty and {name} felt calm.",
                "At school time it was full and {name} wanted to get off early.",
            ),
            (
                "A photo card of the stops",
                "{name} ticked each stop on the card and knew when to ring the bell.",
                "",
            ),
        ),
    ),
    Topic(
        words=("animal", "cat", "farm", "dog"),
        started=(
            "{name} went to the city farm open day with {worker} and asked about volunteering.",
            "{name} and {worker} checked the tenancy: pets are allowed with the landlord's yes.",
        ),
        partly=(
            "{name} volunteers at the farm on Fridays, feeding the goats; the farm manager is "
            "pleased.",
            "{name} looked after a neighbour's cat for a week and kept a feeding chart.",
        ),
        achieved=(
            "{name} brought the cat home from the rescue centre. {worker} helped set up the "
            "feeding rota.",
            "{name} was offered paid hours at the farm. The manager told {worker} why.",
        ),
        tried=(
            (
                "Morning shift at the farm",
                "{name} loved feeding time and the routine.",
                "Mucking out in the rain: {name} wanted to go home. Waterproofs next time.",
            ),
        ),
    ),
    Topic(
        words=("picture", "art", "exhibition", "sell"),
        started=(
            "{name} chose ten pictures for the folder with {worker}.",
            "{name} went to the art group at the library and finished a painting.",
        ),
        partly=(
            "{name} has made cards from four pictures and sold some to family.",
            "The gallery said yes to {name}'s pictures in the spring show; framing next.",
        ),
        achieved=(
            "{name}'s pictures were in the exhibition; {name} talked to visitors about them.",
            "{name} sold cards at the Christmas market and counted the money with {worker}.",
        ),
        tried=(
            (
                "A stall at the craft market",
                "{name} liked talking to buyers.",
                "Standing for three hours was too long; take a chair and do half a day.",
            ),
        ),
    ),
    Topic(
        words=("allotment", "garden", "plant"),
        started=(
            "{name} planted the runner beans with {worker} and watered them every day that week.",
            "{name} visited the garden centre with {worker} to ask about work experience.",
        ),
        partly=(
            "{name} goes to the allotment twice a week; the beans are up.",
            "{name} did two weeks' work experience at the garden centre, watering and potting.",
        ),
        achieved=(
            "{name} won second prize at the allotment show for the beans.",
            "{name} has a few paid hours a week at the garden centre.",
        ),
        tried=(
            (
                "Gardening at the allotment with the group",
                "Working next to others: {name} chatted all morning.",
                "Too hot in the afternoon; mornings only in summer.",
            ),
        ),
    ),
    Topic(
        words=("library", "quiz", "volunteer"),
        started=(
            "{name} asked at the library about helping at Rhyme Time; {worker} went along.",
            "{name} went to the pub quiz with a friend and {worker}.",
        ),
        partly=(
            "{name} helps at Rhyme Time most weeks and hands out the song sheets.",
            "{name} goes to the quiz every other week; the team asked {name} to do the music "
            "round.",
        ),
        achieved=(
            "{name} is on the library's volunteer rota, on Tuesdays, with a badge.",
            "{name}'s quiz team came second; {name} answered four music questions.",
        ),
        tried=(
            (
                "The quiz at the Crown",
                "The music round: {name} knew every answer.",
                "It finished at 10.30; too late on a work night. Go on Fridays.",
            ),
        ),
    ),
    Topic(
        words=("job", "paid", "work"),
        started=(
            "{name} met the employment adviser with {worker} and said what kind of work "
            "{name} likes.",
        ),
        partly=(
            "{name} had a work trial for two mornings; the manager gave good feedback.",
            "{name} has an interview next week and practised the questions with {worker}.",
        ),
        achieved=("{name} started a paid job for six hours a week; the first payslip came in.",),
        tried=(
            (
                "Practised the interview with {worker}",
                "Writing the answers as pictures helped {name} remember them.",
                "",
            ),
            (
                "Travel to the work trial",
                "",
                "Two buses was too much at 8am; a later start worked.",
            ),
        ),
    ),
    Topic(
        words=("holiday", "concert", "show", "lion king", "game", "gaming"),
        started=(
            "{name} chose where to go and when, with friends and {worker}.",
            "{name} saved up for the tickets; the money is kept separately in the ISF notes.",
        ),
        partly=(
            "The tickets are booked; {name} has the date on the kitchen calendar.",
            "{name} has been to a smaller show first to see what it is like.",
        ),
        achieved=(
            "{name} went, with friends, and showed {worker} the photos the week after.",
            "{name} did it and says next time wants to go for two nights.",
        ),
        tried=(
            (
                "A practice trip to a smaller venue",
                "{name} knew what to expect: the queue, the noise, the seats.",
                "The crowd at the end; leave five minutes early next time.",
            ),
        ),
    ),
)

GENERAL = Topic(
    words=(),
    started=(
        "{name} and {worker} made the first plan for this and did the first step.",
        "{name} talked it through with {worker} and chose where to start.",
    ),
    partly=(
        "{name} has done it a few times now with less support each time.",
        "Halfway there: {name} does most of it; {worker} helps with the last part.",
    ),
    achieved=(
        "{name} did it, as {name} wanted. {worker} and family saw it.",
        "{name} has done this: we agreed it is achieved at the check-in.",
    ),
    tried=(
        (
            "Chose the support worker together",
            "{name} met two workers first and picked the one {name} liked.",
            "",
        ),
        (
            "A new worker came without warning",
            "",
            "{name} would not go out with someone new; send a photo of who is coming the day "
            "before.",
        ),
    ),
)

STEPPED_BACK = (
    "Stopped over the winter: the group did not meet in December and January.",
    "{name} stopped going for a while when the worker changed; back to the start.",
    "The club closed for repairs for two months; {name} has not been since.",
)

# Dee's own learning log: what Sam, Priya and Dee learned together.
DEE_LOG: tuple[tuple[int, str, str, str, str, str], ...] = (
    # (days ago, activity, who was there, worked, did not work, outcome words to link)
    (
        500,
        "Tried the evening swim at the lido",
        "Dee and Sam",
        "",
        "Very busy and loud at 6pm; Dee left after 15 minutes.",
        "",
    ),
    (
        486,
        "Tried the 10am swim at the lido",
        "Dee and Sam",
        "Quieter: Dee stayed the whole hour and asked to come back next week.",
        "",
        "",
    ),
    (
        440,
        "A new worker came for the first time",
        "Dee and a relief worker",
        "",
        "Dee did not know her and would not go out. Ngozi asked for a photo of who is coming "
        "the day before.",
        "",
    ),
    (
        420,
        "Sent Dee a photo of who is coming, the day before",
        "Dee, Sam and Priya",
        "Dee looked at the photo and was ready at the door.",
        "",
        "",
    ),
    (
        380,
        "First samba session at Brookwick Community Hall",
        "Dee, Sam and the band leader",
        "Dee played the shaker for the last two songs.",
        "The hall was cold and echoey; Dee covered her ears at the start.",
        "drum",
    ),
    (
        350,
        "Samba with ear defenders",
        "Dee and Sam",
        "With ear defenders Dee played all session and smiled at the leader.",
        "",
        "drum",
    ),
    (
        310,
        "Carnival dance taster",
        "Dee, Sam and Ngozi",
        "Dee copied every move; Ngozi filmed it for her.",
        "The changing room was crowded; next time change at home.",
        "dance",
    ),
    (
        265,
        "Music night at the Crown",
        "Dee and Sam",
        "Dee chose the night and ordered her own drink at the bar.",
        "",
        "",
    ),
    (
        230,
        "Went to church by bus with Sam two seats behind",
        "Dee and Sam",
        "Dee rang the bell at the right stop.",
        "",
        "",
    ),
    (
        190,
        "Dance practice with picture cards of the routine",
        "Dee and Sam",
        "Dee practised at home in the week and remembered the order.",
        "",
        "dance",
    ),
    (
        150,
        "Samba band on the Tuesday instead of Thursday",
        "Dee, Sam and the band",
        "",
        "Different people on Tuesdays; Dee did not know anyone and went quiet. Back to Thursdays.",
        "drum",
    ),
    (
        95,
        "Carnival rehearsal in costume",
        "Dee, Sam and the dance group",
        "Dee helped a new member with the first steps.",
        "",
        "dance",
    ),
    (
        60,
        "Reading the money letter together",
        "Dee and Priya",
        "Reading it line by line with the easy-read statement beside it.",
        "The letter on its own: too many numbers.",
        "",
    ),
    (
        24,
        "Friday Club with two friends",
        "Dee, Sam and her friends from church",
        "Going with friends: Dee stayed for the whole evening and danced.",
        "",
        "",
    ),
    (
        8,
        "Played with the samba band at the Christmas market",
        "Dee, Sam, Ngozi and the band",
        "Dee played the whole set; Ngozi and Sam watched from the front.",
        "Waiting an hour in the cold before the start was hard; arrive later next time.",
        "drum",
    ),
)


def _topic(text: str) -> Topic:
    lowered = text.lower()
    for topic in TOPICS:
        if any(word in lowered for word in topic.words):
            return topic
    return GENERAL


def _writers(provider: Organisation) -> dict[int, list[User]]:
    """Each person's support workers (who write most of it)."""
    writers: dict[int, list[User]] = {}
    for assignment in SupportAssignment.objects.filter(
        person__organisation=provider, worker__is_active=True
    ).select_related("worker"):
        writers.setdefault(assignment.person_id, []).append(assignment.worker)
    return writers


def _between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _path(final: str, *, step_back: bool) -> list[str]:
    order: list[str] = list(Progress.values)
    path = order[: order.index(final) + 1]
    if step_back and final in (Progress.PARTLY, Progress.STARTED) and len(path) >= 2:
        # A while back at the start, then on again.
        path = [*path[:-1], Progress.NOT_STARTED, *path[1:]]
    return path


def _days(rng: random.Random, start: dt.date, end: dt.date, count: int) -> list[dt.date]:
    """``count`` days from ``start`` to ``end``, in order, the last on ``end``."""
    if count == 1:
        return [end]
    days = sorted(_between(rng, start, end) for _ in range(count - 1))
    return [*days, end]


@dataclass
class _Tally:
    records: int = 0
    outcomes: int = 0
    people: set[int] | None = None
    achieved: int = 0
    dee_outcomes: int = 0


def _progress_for(
    outcome: Outcome,
    *,
    final: str,
    end: dt.date,
    writer: User,
    worker_name: str,
    rng: random.Random,
    today: dt.date,
) -> int:
    person = outcome.person
    created = timezone.localtime(outcome.created_at).date()
    topic = _topic(outcome.text)
    step_back = final != Progress.ACHIEVED and rng.random() < 0.12
    path = _path(final, step_back=step_back)
    if final != Progress.ACHIEVED and path[0] == Progress.NOT_STARTED and rng.random() < 0.6:
        path = path[1:] or path  # most start straight away
    start = min(created + dt.timedelta(days=7), end)
    days = _days(rng, start, end, len(path))
    seen_started = False
    for status, day in zip(path, days, strict=True):
        if status == Progress.NOT_STARTED:
            words = (
                rng.choice(STEPPED_BACK)
                if seen_started
                else "Agreed at the plan meeting; {name} wants to begin after the holidays."
            )
        else:
            seen_started = True
            words = rng.choice(getattr(topic, status))
        record_progress(
            outcome=outcome,
            status=status,
            evidence=words.format(name=person.called, worker=worker_name),
            recorded_on=min(day, today),
            actor=writer,
        )
    return len(path)


def _final(outcome: Outcome, *, rng: random.Random, extra_left: int, today: dt.date) -> str:
    if outcome.achieved_on is not None:
        return Progress.ACHIEVED
    actions = list(outcome.actions.all())
    done = sum(1 for action in actions if action.done_on)
    if actions and done == len(actions) and extra_left > 0:
        return Progress.ACHIEVED
    share = done / len(actions) if actions else 0
    roll = rng.random()
    if share >= 0.5:
        return Progress.PARTLY if roll < 0.75 else Progress.STARTED
    return Progress.STARTED if roll < 0.7 else Progress.NOT_STARTED


def _achieved_day(outcome: Outcome, rng: random.Random, today: dt.date) -> dt.date:
    if outcome.achieved_on is not None:
        return outcome.achieved_on
    done = [action.done_on for action in outcome.actions.all() if action.done_on]
    after = max(done, default=timezone.localtime(outcome.created_at).date())
    return min(today - dt.timedelta(days=1), after + dt.timedelta(days=rng.randint(3, 30)))


def _seed_progress(
    provider: Organisation, people: Sequence[Person], dee: Person | None, today: dt.date
) -> tuple[_Tally, dict[int, list[User]]]:
    rng = random.Random(1313)  # noqa: S311 - reproducible demo data, not secrets
    writers = _writers(provider)
    outcomes = (
        Outcome.objects.filter(person__in=people)
        .select_related("person", "person__coordinator")
        .prefetch_related("actions")
        .order_by("person_id", "position", "id")
    )
    tally = _Tally(people=set())
    already = sum(1 for outcome in outcomes if outcome.achieved_on)
    extra_left = max(0, ACHIEVED_IN_ALL - already)
    skipped = {person.pk for person in people if rng.random() < 0.15} - {getattr(dee, "pk", 0)}
    for outcome in outcomes:
        person = outcome.person
        if person.pk in skipped:
            continue
        workers = writers.get(person.pk) or []
        writer = rng.choice(workers) if workers and rng.random() < 0.7 else person.coordinator
        if writer is None:
            continue
        worker_name = (workers[0] if workers else writer).full_name.split()[0]
        final = _final(outcome, rng=rng, extra_left=extra_left, today=today)
        if person == dee and final == Progress.NOT_STARTED:
            final = Progress.STARTED  # Dee's outcomes are all moving
        if final == Progress.ACHIEVED:
            if outcome.achieved_on is None:
                extra_left -= 1
            end = _achieved_day(outcome, rng, today)
        else:
            end = today - dt.timedelta(days=rng.randint(1, 40))
        created = timezone.localtime(outcome.created_at).date()
        if end < created:
            continue
        tally.records += _progress_for(
            outcome,
            final=final,
            end=end,
            writer=writer,
            worker_name=worker_name,
            rng=rng,
            today=today,
        )
        tally.outcomes += 1
        tally.people.add(person.pk)  # type: ignore[union-attr]
        if person == dee:
            tally.dee_outcomes += 1
    tally.achieved = Outcome.objects.filter(person__in=people, achieved_on__isnull=False).count()
    return tally, writers


def _seed_dee_log(dee: Person, writers: dict[int, list[User]], today: dt.date) -> int:
    outcomes = list(Outcome.objects.filter(person=dee))
    sam = next(iter(writers.get(dee.pk) or []), None) or dee.coordinator
    added = 0
    for days, activity, who, worked, did_not, link in DEE_LOG:
        linked = next((o for o in outcomes if link and link in o.text.lower()), None)
        day = today - dt.timedelta(days=days)
        if linked is not None and day < timezone.localtime(linked.created_at).date():
            linked = None
        writer = dee.coordinator if "Priya" in who and "Sam" not in who else sam
        if writer is None:
            continue
        add_entry(
            person=dee,
            details=LearningDetails(
                happened_on=day,
                activity=activity,
                who_was_there=who,
                what_worked=worked,
                what_did_not=did_not,
                outcome=linked,
            ),
            actor=writer,
        )
        added += 1
    return added


def _seed_others_log(
    people: Sequence[Person], writers: dict[int, list[User]], today: dt.date
) -> int:
    rng = random.Random(8080)  # noqa: S311 - reproducible demo data, not secrets
    with_outcomes = [
        person for person in people if writers.get(person.pk) and person.outcomes.exists()
    ]
    chosen = rng.sample(with_outcomes, min(LEARNING_PEOPLE, len(with_outcomes)))
    added = 0
    for person in chosen:
        outcomes = list(person.outcomes.all())
        worker = rng.choice(writers[person.pk])
        for _ in range(rng.randint(3, 6)):
            outcome = rng.choice(outcomes)
            topic = _topic(outcome.text)
            activity, worked, did_not = rng.choice((*topic.tried, *GENERAL.tried))
            created = timezone.localtime(outcome.created_at).date()
            start = max(created, today - dt.timedelta(days=OLDEST_DAYS))
            if start > today:
                continue
            writer = worker if rng.random() < 0.8 else person.coordinator or worker
            name, first = person.called, worker.full_name.split()[0]
            add_entry(
                person=person,
                details=LearningDetails(
                    happened_on=_between(rng, start, today - dt.timedelta(days=1)),
                    activity=activity.format(name=name, worker=first),
                    who_was_there=f"{name} and {first}",
                    what_worked=worked.format(name=name, worker=first),
                    what_did_not=did_not.format(name=name, worker=first),
                    outcome=outcome if rng.random() < 0.8 else None,
                ),
                actor=writer,
            )
            added += 1
    return added


def seed_outcomes(*, provider: Organisation, users: dict[str, User]) -> list[str]:
    """Seed through the services; return the summary lines seed_demo prints."""
    if (
        OutcomeProgress.objects.filter(outcome__person__organisation=provider).exists()
        or LearningLogEntry.objects.filter(person__organisation=provider).exists()
    ):
        return ["Outcomes' progress and learning log: already there"]
    today = timezone.localdate()
    people = list(
        Person.objects.filter(organisation=provider, outcomes__isnull=False)
        .distinct()
        .select_related("coordinator")
        .order_by("pk")
    )
    dee_user = users.get("dee.okafor@example.org")
    dee = next((person for person in people if dee_user and person.user_id == dee_user.pk), None)
    tally, writers = _seed_progress(provider, people, dee, today)
    from_dee = _seed_dee_log(dee, writers, today) if dee is not None else 0
    others = _seed_others_log([p for p in people if p != dee], writers, today)
    return [
        f"Outcomes' progress: {tally.records} records for {tally.outcomes} outcomes of "
        f"{len(tally.people or ())} people over 18 months; {tally.achieved} outcomes achieved"
        f" ({tally.dee_outcomes} of Dee's moving)",
        f"Learning log: {from_dee + others} entries by support workers and coordinators "
        f"({from_dee} about Dee)",
    ]
