"""What the demo's Individual Service Funds are made of: the block contract from Hollowfield, who
went live when, the other suppliers, and each person's story in money (saving up, buying a
tablet, a hospital stay).

Dates are counted back from today (in weeks, or months from the first of the current month), so
the demo always looks current. People are named by their first name in ``people_data``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from directsupport.week.models import SupportKind as K

# --- The block contract -------------------------------------------------------------------------

CONTRACT_REFERENCE = "HOL-ASC-LD-01"
CONTRACT_TITLE = "Community support for adults with learning disabilities"
# Perfect Weeks cost about £1.72 million a year at today's rates; the council adds about 7.5% so
# the 8% management fee and the unexpected are covered without cutting anyone's support.
CONTRACT_VALUE_PENCE = 185_000_000
# Assessed hours follow the Perfect Week's paid hours, varied a little (minutes, in half hours).
ASSESSED_VARIATION = (-30, 0, 0, 0, 30, 60)

RETURN_NOTE = (
    "The co-production panel asked that shares follow the cost of each person's Perfect Week, "
    "not assessed hours alone: hours do not show nights, sleep-ins or support shared with "
    "housemates. Please split it again by Perfect Week cost."
)
APPROVE_NOTE = (
    "Approved. Shares follow each person's Perfect Week, as the co-production panel asked. "
    "Each person's agreement comes to us once they have agreed it."
)

# --- Who is live, and since when -----------------------------------------------------------------

# Live from the first of last month: their first reviews fall due about now.
LIVE_LAST_MONTH = ("Hamza", "Lucy", "Kwabena", "Ibrahim", "Jasvinder", "Precious")
# The people just starting ("started" stage in people_data) are not live yet.
DRAFT_WAITING = ("Emily", "Chloe", "Zainab")
AGREED_WAITING = ("Joseph", "Connor")
CHANGES_ASKED = "Jamal"
CHANGES_COMMENT = (
    "No, I want changes. I want to save up for the basketball camp in the summer holidays, and "
    "4 weeks is not enough. Can I save more, for longer?"
)
CHANGES_TERMS = {"bank_max_weeks": 8, "bank_hold_weeks": 26}
CHANGES_SUMMARY = (
    "Jamal asked to save up for the summer basketball camp: up to 8 weeks' budget may now be "
    "banked, for up to 26 weeks."
)
# A fixed monthly fee instead of 8% (the largest funds: the fee is capped).
FIXED_FEES_PENCE = {"Sophie": 115_000, "Vincent": 57_500}
# Everyone else in the first group had their first review; this one's is overdue.
REVIEW_NOT_HELD = "Natalia"

# Shanice's second version: more money after her first review, for a college course.
RAISED = "Shanice"
RAISE_PENCE = 180_000
RAISE_SUMMARY = (
    "At her first review Shanice asked to do the Level 1 Food Preparation course at Hollowfield "
    "College from September. The budget goes up by £1,800.00 a year for the course fees and "
    "her travel; everything else stays the same."
)
RAISE_REVIEW = (
    "First review of version 2. Shanice loves the catering course and has made friends there. "
    "She pays the course fees from her ISF and gets the bus on her own now. Nothing to change."
)

REVIEW_SUMMARIES = (
    "{name} is happy with the support and likes choosing which worker comes to which session. "
    "We agreed to keep the Perfect Week as it is and look again at the annual review.",
    "{name} said the new times work much better than the old day-centre timetable. The circle "
    "asked for a clearer monthly statement, so we went through the easy-read one together.",
    "Going well. {name} wants to try one new activity before Christmas; the coordinator will "
    "look at what is on near home. No change to the budget.",
    "{name} and their family are pleased that the same two workers come each week. We checked "
    "the banking rule together and agreed nothing needs to change.",
    "{name} has settled into the new routine. A few sessions were missed in the first weeks "
    "while rotas changed; that is sorted now. Keep the agreement as it is.",
    "{name} told us the best bit is deciding how the money is spent. We agreed to keep an eye "
    "on the hours delivered and talk again at the annual review.",
)
OVERDUE_REVIEW_NOTE = ""  # the review not held: nothing recorded

# --- Other suppliers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Supplier:
    name: str  # as the demo organisation is named
    pence_per_hour: int  # per worker; shared sessions split it between the people sharing
    workers: tuple[str, ...]


RIVERSIDE = Supplier("Riverside Days CIC", 3200, ("Kwame Asante", "Sally Kim", "Ade Bello"))
ACTIVE = Supplier("Hollowfield Active", 2900, ("Dean Foster", "Priya Lal"))
PA_AGENCY = Supplier(
    "Hollowfield PA Agency", 2950, ("Agnieszka Nowicka", "Tunde Bakare", "Grace Mbeki")
)
MARCIA = Supplier("Marcia Goodwin, Personal Assistant", 2300, ("Marcia Goodwin",))

# Entries at these places are run by the supplier, for everyone who goes.
SUPPLIER_BY_PLACE = (("Riverside Days", RIVERSIDE),)
# Sport with Hollowfield Active's coaches, for these people.
ACTIVE_WORDS = ("Swimming", "Football training", "Walking football", "Boxing", "Basketball")
ACTIVE_PEOPLE = ("Hamza", "Ravi", "Amara", "Tariq", "Olumide", "Daniel", "Callum", "Abdirahman")
# Personal assistants from the agency for personal care; their last month comes as a timesheet.
PA_PEOPLE = {"Tomasz": K.PERSONAL_CARE, "Margaret": K.PERSONAL_CARE, "Kieran": K.DOMESTIC}
TIMESHEET_PEOPLE = ("Tomasz", "Margaret", "Kieran")
# Marcia is a self-employed PA some people chose for going out.
MARCIA_PEOPLE = ("Bridget", "Siobhan")

# --- Stories in the sessions ----------------------------------------------------------------------

# Delivered share of planned sessions, per person: from 90% to 97%.
DROP_RATE_RANGE = (0.03, 0.10)
# The first two weeks of an ISF, while rotas settle, more sessions are missed.
SETTLING_IN = dt.timedelta(weeks=2)
SETTLING_IN_EXTRA_DROP = 0.12
# Now and then a session ends early.
SHORT_SESSION_CHANCE = 0.03

OVERSPEND = "Desmond"  # extra support after a hospital stay: the one forecast overspend
HOSPITAL_NOTE = (
    "Extra lunchtime visit after Des came home from hospital (reablement), agreed with his "
    "coordinator"
)
HOSPITAL_EXTRA = ("13:00", 60, K.PERSONAL_CARE)  # every day, from the week he came home

# Last month, far below plan.
AWAY_LAST_MONTH = {
    "Yohannes": (3, 24),  # visiting his grandmother in Asmara: days of last month away
    "Olumide": (9, 24),  # chickenpox
}
# Away over the summer, and the money not needed returned to the council.
RETURNED = "Mei Lin"
RETURNED_AWAY_WEEKS = (15, 10)  # from 15 weeks ago to 10 weeks ago
RETURNED_PENCE = 100_000
RETURNED_WEEKS_AGO = 9
RETURNED_WHY = (
    "Support not needed while Mei Lin stayed with her sister in Hong Kong for five weeks: "
    "returned to the council, as agreed with her commissioner"
)

# --- Hand postings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HandSpec:
    first_name: str
    choice: str  # a key of funds.ledger.services.HAND_POSTINGS
    weeks_ago: int
    amount_pence: int
    description: str
    counterparty: str


HAND_POSTINGS: tuple[HandSpec, ...] = (
    HandSpec(
        "Natalia",
        "supplier_payment",
        10,
        12_000,
        "Autumn watercolour course, 10 Thursday mornings",
        "Albion Arts Centre",
    ),
    HandSpec(
        "Ayşe",
        "supplier_payment",
        13,
        9_600,
        "Pottery course, autumn term",
        "Albion Arts Centre",
    ),
    HandSpec(
        "Ayşe",
        "refund_support",
        9,
        9_600,
        "Refund: the autumn pottery course was cancelled (too few people signed up)",
        "Albion Arts Centre",
    ),
    HandSpec(
        "Amara",
        "purchase",
        11,
        34_900,
        "iPad for Amara's communication app (her old one stopped charging)",
        "Currys, Hollowfield Broadway",
    ),
    HandSpec(
        "Sophie",
        "purchase",
        11,
        245_000,
        "Side-by-side tandem, adapted for Sophie, for rides with her worker at Lee Valley",
        "Pedal Power Adapted Cycles",
    ),
    HandSpec(
        "Shanice",
        "supplier_payment",
        11,
        29_500,
        "Level 1 Food Preparation course fees, autumn and spring terms",
        "Hollowfield College",
    ),
)

# Monthly gym memberships, paid on the 3rd.
GYM_PEOPLE = ("Callum", "Kieran", "Harjit")
GYM_PENCE = 2_750
GYM_SUPPLIER = "Hollowfield Active"
# One of them was paid twice by mistake and put right: (person, months after their start).
DUPLICATED = ("Callum", 3)

# --- Banking -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PotSpec:
    """Saving for something. ``hours_weeks_ago``: weeks in which the person chose to skip a
    session and bank its hours; ``money``: (weeks ago, pence) banked as money."""

    first_name: str
    purpose: str
    target_pence: int
    hours_weeks_ago: tuple[int, ...] = ()
    money: tuple[tuple[int, int], ...] = ()
    # (weeks ago, pence, paid to, what for): paid out of the pot; pay_to "" brings it back.
    uses: tuple[tuple[int, int, str, str], ...] = ()


POTS: tuple[PotSpec, ...] = (
    # Banked more than 12 weeks ago and still held: the banked-too-long alert.
    PotSpec(
        "Anthony",
        "A week in Margate with my cousin Gina",
        65_000,
        hours_weeks_ago=(17, 15, 5),
    ),
    PotSpec(
        "Leon",
        "Notting Hill Carnival next August",
        30_000,
        money=((10, 5_000), (8, 5_000), (6, 5_000), (4, 5_000), (2, 5_000)),
    ),
    PotSpec(
        "Kayleigh",
        "A concert at Wembley Arena with my sister",
        22_000,
        hours_weeks_ago=(17, 15, 13, 11),
        uses=(
            (9, 19_000, "Wembley Arena box office", "Two tickets and the train to Wembley"),
            (8, 0, "", "Left over after the concert: back to spend"),
        ),
    ),
    PotSpec("Marek", "A new bike", 40_000, hours_weeks_ago=(9, 7, 5, 3)),
    PotSpec(
        "Grace",
        "Christmas with my family in Manchester",
        25_000,
        hours_weeks_ago=(9, 6, 3),
    ),
    PotSpec(
        "Sophie",
        "A sensory weekend at Center Parcs with two workers",
        180_000,
        money=((8, 40_000), (5, 40_000), (2, 40_000)),
    ),
    PotSpec("Ruth", "A shed and tools for my allotment", 30_000, hours_weeks_ago=(8, 4)),
    PotSpec("Daniel", "A BSL-interpreted show in the West End", 15_000, hours_weeks_ago=(6, 2)),
)


# Why each person who cannot agree their money agreement themselves has it agreed for them
# (Mental Capacity Act 2005): about the money, not about who may see their information.
AGREEMENT_REPRESENTATION: dict[str, str] = {
    "Ravi": (
        "Ravi's coordinator went through the agreement with him over two visits, with pictures "
        "of money and of his week. Ravi could not weigh up what a budget, a fee or banking "
        "money means, so his mum agreed it in his best interests."
    ),
    "Tariq": (
        "Tariq could not hold on to what the agreement says long enough to decide, even in easy "
        "read and with time. His brother Bilal, his Court of Protection deputy, agreed it."
    ),
    "Sophie": (
        "Sophie does not use words and could not show a choice about the agreement. Her "
        "independent advocate agreed it in her best interests with the people who know her best."
    ),
    "Connor": (
        "Connor is 19 and is learning what money is for. He could not yet understand what the "
        "agreement means, so his mum agreed it in his best interests; we will ask Connor again "
        "at his first review."
    ),
}
