"""The demo's three Planning Live days, and the words of its Plan Books.

Event dates are counted back from the day the demo is seeded (always a Saturday), so the days
are always in the past and the actions that follow them are partly done, partly coming up.
"""

from __future__ import annotations

from dataclasses import dataclass

from .planning_interest_tools import ActionSpec, OutcomeSpec


@dataclass(frozen=True)
class EventSpec:
    days_ago: int
    venue_name: str
    venue_address: str
    venue_access: str
    facilitators: tuple[str, ...]  # staff emails
    recorder: str
    created_by: str


EVENTS: tuple[EventSpec, ...] = (
    EventSpec(
        days_ago=412,
        venue_name="St Ansell's Church Hall",
        venue_address="Abbey Close, St Ansell's, London HF7 2QT",
        venue_access=(
            "Step-free entrance from Abbey Close through the side gate (the front steps have a "
            "handrail too). Accessible toilet, and a Changing Places toilet with a hoist and "
            "changing bench, beside the main hall. Hearing loop in the main hall. The vestry is "
            "kept as a quiet room with soft lighting and beanbags. Two blue-badge bays in the "
            "car park; free parking on Bell Street on Saturdays. Buses 141 and W7 stop outside "
            "on St Ansell's Road; St Ansell's station (step-free) is 6 minutes' walk on level "
            "pavements. Lunch is halal and vegetarian; tell us about any other diet."
        ),
        facilitators=(
            "marcus.johnson@willowbrook.example",
            "aoife.byrne@willowbrook.example",
            "jess.morgan@willowbrook.example",
        ),
        recorder="lena.kowalska@willowbrook.example",
        created_by="marcus.johnson@willowbrook.example",
    ),
    EventSpec(
        days_ago=257,
        venue_name="Albion Arts Centre, Studio 2",
        venue_address="48 Albion Road, Hollowfield Central, London HF1 4DS",
        venue_access=(
            "Level entrance with automatic doors on Albion Road. Lift to the first floor, where "
            "Studio 2 is. Accessible toilets on both floors. Hearing loop and a captioning screen "
            "in Studio 2; a BSL interpreter is booked for the whole day. Quiet room: the Green "
            "Room next door, with dimmed lights. No car park: four blue-badge bays on Chapel "
            "Row. Hollowfield Central station (step-free) is 4 minutes' walk; buses 73, 141 and "
            "341 stop on Market Street."
        ),
        facilitators=(
            "priya.shah@willowbrook.example",
            "chidi.eze@willowbrook.example",
            "ola.bankole@willowbrook.example",
        ),
        recorder="esther.owusu@willowbrook.example",
        created_by="priya.shah@willowbrook.example",
    ),
    EventSpec(
        days_ago=54,
        venue_name="Brookwick Community Hall",
        venue_address="Mill Lane, Brookwick, London HF6 3LW",
        venue_access=(
            "Step-free entrance by the ramp on Mill Lane; everything is on the ground floor. "
            "Accessible toilet and a Changing Places toilet. Portable hearing loop at the "
            "welcome desk. The small meeting room at the back is the quiet room. Car park with "
            "six blue-badge bays. Bus 236 stops outside; Brookwick Overground is 8 minutes' walk, "
            "step-free. Bengali, Portuguese and Tigrinya interpreters are booked for the morning."
        ),
        facilitators=(
            "priya.shah@willowbrook.example",
            "aoife.byrne@willowbrook.example",
            "sam.patel@willowbrook.example",
        ),
        recorder="ben.fletcher@willowbrook.example",
        created_by="aoife.byrne@willowbrook.example",
    ),
)

# People in "Planning" who went to the spring day; the rest of them went to the latest one.
SPRING_PLANNERS = frozenset({"Adaeze", "Tomasz", "Margaret", "Anjali", "Ayşe", "Fatima", "Tariq"})
# Planning people at the latest day whose Plan Book is shared, or still a draft, not agreed.
LATEST_SHARED = frozenset({"Kieran", "Vincent", "Jamal", "Chloe", "Zainab"})
LATEST_DRAFT = frozenset({"Kayleigh", "Elijah", "Emily", "Joseph", "Connor"})

# Invitations and Plan Books agreed for someone who cannot decide (Mental Capacity Act 2005).
INVITATIONS_REASON = (
    "{name} was shown a photo of each person in {his} circle on two visits, but could not show "
    "a choice about who to invite. {rep}, who knows {him} well, chose with {his} coordinator, "
    "in {his} best interests (Mental Capacity Act 2005), inviting the people {he} is happiest "
    "with."
)
AGREEMENT_REASON = (
    "{name} went through the easy-read Plan Book with {rep} and {his} coordinator on two "
    "visits, with {his} objects and photos, and was happy with each part. {He} could not "
    "understand or weigh up what agreeing to a plan means (Mental Capacity Act 2005, section "
    "3), so {rep} agreed it in {his} best interests."
)

# The introduction, in the person's voice, by how they communicate.
INTRODUCTION_WORDS = (
    "This is my Plan Book. It is about me: what I love, what is important to me and what I "
    "want to do next. I made it with {invited} at {event}. Please read it before you support "
    "me, and ask me if anything has changed."
)
INTRODUCTION_SIGNS = (
    "This is my Plan Book. It is about me. I made it with {invited} at {event}. Please read "
    "it with me. Use pictures and signs, and give me time."
)
INTRODUCTION_NO_WORDS = (
    "This Plan Book is about {name}. {name} does not use words, so it was made with the "
    "people who know {him} best: {invited}, at {event}. {name} showed us what {he} likes "
    "with {his} objects, photos and big smiles. We checked each part with {him} in the way "
    "that works best for {him}."
)
INTRODUCTION_KIND = {
    "short_makaton": INTRODUCTION_SIGNS,
    "pictures_pecs": INTRODUCTION_SIGNS,
    "ipad_aac": INTRODUCTION_SIGNS,
    "nonverbal_objects": INTRODUCTION_NO_WORDS,
}


@dataclass(frozen=True)
class GeneralOutcome:
    outcome: OutcomeSpec
    # The general "future" note it grows from (its template text): only people who said it
    # get it. Empty: it grows from the person's matching support tool, for anyone who has one.
    note_text: str


GENERAL_OUTCOMES: tuple[GeneralOutcome, ...] = (
    GeneralOutcome(
        OutcomeSpec(
            "I have a paid job for a few hours a week",
            (
                ActionSpec("Meet the employment adviser at Riverside Days", "keyworker", 1),
                ActionSpec("Make my CV with pictures of what I can do", "me", 2),
                ActionSpec("Apply for two jobs", "me", 4),
            ),
        ),
        "I want a paid job.",
    ),
    GeneralOutcome(
        OutcomeSpec(
            "I go on holiday with my friends",
            (
                ActionSpec("Ask my friends where they would like to go", "me", 1),
                ActionSpec("Look at accessible holidays and the cost", "coordinator", 3),
            ),
        ),
        "I want to go on holiday with my friends, not just with staff.",
    ),
    GeneralOutcome(
        OutcomeSpec(
            "I choose the people who support me, and meet them before they start",
            (
                ActionSpec("Write my own advert for a support worker", "me", 1),
                ActionSpec("Sit on the interview panel", "me", 3),
            ),
        ),
        "",
    ),
)

RECORDING_PEOPLE = ("Adaeze", "Shanice", "Grace", "Tariq", "Kieran", "Ravi")
