"""What the demo's commissioning story says: Willowbrook's fair cost of an hour of support, the
Homecare Association's reference prices, the requests for quote Tom Reilly (the market shaper)
sent and the offers the four suppliers with demo sign-ins made, the contracts that came of
them, and the swimming three people will buy together.

Every figure is believable for a London borough in 2025/26:

- care worker pay at the London Living Wage, £13.85 an hour;
- employer National Insurance 15% above the £5,000 a year threshold: for a worker on about 30
  hours a week (£21,600 a year) that is 11.53% of pay;
- pension 3% (auto-enrolment, employer's part), holiday pay 12.07% (5.6 weeks);
- 8 minutes of paid travel and 95p of mileage for each hour of support;
- training and supervision 4%, management and overheads 30%, surplus 3%.

That comes to £29.00 an hour, below the Homecare Association's minimum price for homecare
(£32.14 in England, £38.32 in Outer London, 2025/26), which includes costs community support
does not have (a registered manager, CQC fees, 15-minute visits).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import funds_data as fd

FAIR_COST = {
    "name": "Support in the community: London Living Wage",
    "pay_pence_per_hour": 1385,
    "employer_ni_bp": 1153,
    "pension_bp": 300,
    "holiday_bp": 1207,
    "travel_minutes_per_hour": 8,
    "travel_pence_per_hour": 95,
    "training_bp": 400,
    "overheads_bp": 3000,
    "surplus_bp": 300,
    # Flagged (never refused): more than 15% below or 25% above the fair rate.
    "flag_below_bp": 1500,
    "flag_above_bp": 2500,
}
FAIR_RATE_PENCE = 2900  # what the build-up above comes to (checked by the demo's tests)

HOMECARE_SOURCE = "Homecare Association, Minimum Price for Homecare 2025-26 (published March 2025)"
REFERENCE_PRICES = (
    {
        "name": "Minimum price for homecare",
        "region": "England",
        "pence_per_hour": 3214,
        "applies_from": dt.date(2025, 4, 1),
        "applies_to": None,
        "source": HOMECARE_SOURCE,
    },
    {
        "name": "Minimum price for homecare",
        "region": "Outer London",
        "pence_per_hour": 3832,
        "applies_from": dt.date(2025, 4, 1),
        "applies_to": None,
        "source": HOMECARE_SOURCE,
    },
)

RIVERSIDE = fd.RIVERSIDE.name
ACTIVE = fd.ACTIVE.name
PA_AGENCY = fd.PA_AGENCY.name
MARCIA = fd.MARCIA.name

CANCELLATION = (
    "Cancel at least 48 hours before a session and nothing is paid. Later than that, the "
    "session is paid in full unless the person was ill."
)
CHANGES = (
    "Changes are agreed in writing by the person (or who decides for them), Willowbrook and "
    "the supplier, with 2 weeks' notice unless everyone agrees sooner."
)
TRAVEL = "Travel to and from the person is included in the rate."


@dataclass(frozen=True)
class Step:
    """One offer in a thread: the supplier's (``buyer=False``) or Tom's counter-offer."""

    supplier: str
    pence_per_hour: int
    message: str
    buyer: bool = False
    withdrawn: bool = False


@dataclass(frozen=True)
class RequestStory:
    """A request for quote for one person's need, and what became of it.

    ``need_words``: the need's "what" starts with these; empty for the first need the person
    chose ``chosen_supplier`` for in the market demo. ``outcome``: what a need from an outcome
    (no day or hours yet) is asked for, and how many minutes a week.
    """

    person: str
    suppliers: tuple[str, ...]
    steps: tuple[Step, ...] = ()
    need_words: str = ""
    chosen_supplier: str = ""
    minutes_a_week: int = 0
    details: str = ""
    send: bool = True
    withdrawn_reason: str = ""
    choose: str = ""  # the supplier whose offer the person chose
    weights: tuple[int, int, int] = (40, 40, 20)
    reason: str = ""
    contract: bool = False
    notice_reason: str = ""


STORIES: tuple[RequestStory, ...] = (
    # Dee's music group: the negotiation thread, with a counter-offer and a revised offer.
    RequestStory(
        person="Adaeze",
        chosen_supplier=RIVERSIDE,
        suppliers=(RIVERSIDE, MARCIA),
        details="Dee likes to be met at the door and to sit near the drums.",
        steps=(
            Step(
                RIVERSIDE,
                3450,
                "We can support Dee at the Wednesday music group with a worker she knows.",
            ),
            Step(
                MARCIA,
                2200,
                "I can take Dee to the music group and stay with her. I play the guitar.",
            ),
            Step(
                RIVERSIDE,
                3100,
                "Willowbrook's fair rate for this support is £29.00 an hour. Dee's budget has "
                "room for £31.00. Could you meet that?",
                buyer=True,
            ),
            Step(
                RIVERSIDE,
                3250,
                "We can come down to £32.50 if the booking is for the whole year: the worker "
                "also sets up the room.",
            ),
        ),
        choose=RIVERSIDE,
        weights=(30, 50, 20),
        reason="My friends are at the music group and the staff there know me.",
        contract=True,
    ),
    RequestStory(
        person="Tomasz",
        chosen_supplier=PA_AGENCY,
        suppliers=(PA_AGENCY,),
        steps=(Step(PA_AGENCY, 3180, "Agnieszka can keep coming in the mornings."),),
        choose=PA_AGENCY,
        reason="Agnieszka speaks Polish to me in the morning. It is calm and she does not rush.",
        contract=True,
    ),
    RequestStory(
        person="Bridget",
        chosen_supplier=MARCIA,
        suppliers=(MARCIA,),
        steps=(Step(MARCIA, 2150, "Happy to carry on with Bridget, same times as now."),),
        choose=MARCIA,
        reason="Marcia knows all the old songs and she never rushes me.",
        contract=True,
    ),
    RequestStory(
        person="Olumide",
        chosen_supplier=ACTIVE,
        suppliers=(ACTIVE,),
        steps=(Step(ACTIVE, 2900, "A coach who signs, as now."),),
        choose=ACTIVE,
        reason="The coaches at Active learned signs for me. Boxing is the best.",
        contract=True,
        notice_reason=(
            "Olumide is moving to the boxing club's own inclusive sessions in the new year, "
            "with his friends."
        ),
    ),
    # Sent, an offer far above the fair range waiting, the other supplier not answered yet.
    RequestStory(
        person="Siobhan",
        need_words="I play the drums in a band",
        minutes_a_week=120,
        suppliers=(PA_AGENCY, MARCIA),
        details="Siobhan would like someone who enjoys music and can read things out to her.",
        steps=(
            Step(
                PA_AGENCY,
                3890,
                "Evening and weekend work is at our enhanced rate.",
            ),
        ),
    ),
    # Sent, waiting for offers: one came and was withdrawn.
    RequestStory(
        person="Kwabena",
        need_words="I play the drums in a band",
        minutes_a_week=120,
        suppliers=(RIVERSIDE, MARCIA),
        steps=(
            Step(
                RIVERSIDE,
                3300,
                "We could bring Kwabena to our Saturday band.",
                withdrawn=True,
            ),
        ),
    ),
    # A draft, not sent yet.
    RequestStory(
        person="Lucy",
        need_words="I show my pictures in an exhibition",
        minutes_a_week=180,
        suppliers=(RIVERSIDE,),
        send=False,
        details="Lucy paints landscapes and would like help to frame and hang them.",
    ),
    # Sent, then withdrawn.
    RequestStory(
        person="George",
        need_words="I play in a proper team with a kit",
        minutes_a_week=90,
        suppliers=(ACTIVE,),
        withdrawn_reason=(
            "George joined Kingsmere Rovers' inclusive team himself: his dad takes him."
        ),
    ),
)

# --- Buying together: practice for the sea at Southend --------------------------------------------

SOUTHEND_WORDS = "I swim in the sea at Southend"
# Three people who want to swim in the sea next summer practise together on Monday mornings,
# one coach for the three of them in the quiet session at the leisure centre.
SWIMMERS = ("Tariq", "Sophie", "Vincent")
SWIM_REFINED = {
    "what": "Swimming practice for the sea at Southend, with a coach, sharing with friends",
    "weekday": 0,
    "starts_at": dt.time(10),
    "ends_at": dt.time(11),
    "place": "Hollowfield Leisure Centre pool, HF1",
    "ratio": "shared",
    "shared_by": 3,
}
SWIM_SUPPLIERS = (ACTIVE,)
SWIM_OFFER = Step(ACTIVE, 3100, "One coach in the water with the three of them, every Monday.")
SWIM_REASON = (
    "They all smiled in the water together at the taster session, and Dean already knows Tariq."
)
SWIM_ANSWERS = {
    "Tariq": "Tariq laughed and splashed with the others at the taster session.",
    "Sophie": "Sophie was calm in the water with the others and stayed the whole hour.",
    "Vincent": "Yes. I want to swim with my friends. It costs less too.",
}
ABSENCE = (
    "If someone is away, the session goes ahead for the others and everyone pays their usual "
    "share. If two are away, the session is cancelled with 48 hours' notice and nobody pays."
)
LEAVING = (
    "Anyone may leave with 4 weeks' notice. The others' shares are worked out again, equally, "
    "from the day after they leave; nobody pays more than swimming alone unless they agree."
)

# --- A pool the system proposed, waiting for answers: a worker for the Friday Club -------------

# Dee and two friends from the Friday Club disco would rather buy one worker between them than
# each have Willowbrook's: the system proposes the three of them. Anjali said yes; Dee and
# Jasvinder have not answered yet (Dee's question waits on her easy-read page).
DISCO_WORDS = "Friday Club disco with my friends"
DISCO_FRIENDS = ("Adaeze", "Anjali", "Jasvinder")
DISCO_ANSWERS = {"Anjali": "Yes. Then we can stay till the end together."}
