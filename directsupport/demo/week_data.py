"""What goes into the demo's Perfect Weeks: Willowbrook's rate cards and the building blocks of
a week (an interest's sessions, faith, work, college, day centre, care at home, nights).

Places come from the community maps the planning demo wrote (planning_*_tools, planning_tools_data),
so a person's week and their Plan Book talk about the same places. Every ``what`` says what
actually happens: the week editor refuses "morning routine", "activities" or "support" alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from directsupport.week.models import SupportKind as K
from directsupport.week.models import TimeBand as B

# --- Rate cards --------------------------------------------------------------------------------
# Pence per worker-hour on weekday days. The Homecare Association's minimum price for homecare in
# 2025/26 was £32.14 an hour (£38.32 in Outer London); Willowbrook pays the London Living Wage,
# so its personal care is at the Outer London figure.
DAY_PENCE_2026: dict[str, int] = {
    K.PERSONAL_CARE: 3832,
    K.COMMUNITY_ACCESS: 3450,
    K.TRAVEL: 3214,
    K.DOMESTIC: 3214,
    K.EMOTIONAL: 3600,
    K.WAKING_NIGHT: 3700,
}
NIGHT_PENCE_2026: dict[str, int] = {
    K.WAKING_NIGHT: 3850
}  # other kinds at night: personal care's waking rate
EVENING_UPLIFT = 1.10
WEEKEND_UPLIFT = 1.12
BANK_HOLIDAY_UPLIFT = 1.5
SLEEP_IN_PENCE_2026 = 10200
# The year before: about 4.5% lower all round, a smaller sleep-in rate.
PREVIOUS_DISCOUNT = 0.955
SLEEP_IN_PENCE_2025 = 9600

RATE_CARDS = (dt.date(2025, 4, 1), dt.date(2026, 4, 1))


def hourly_rates(effective_from: dt.date) -> dict[tuple[str, str], int]:
    """Every hourly rate on the card from ``effective_from``, keyed (support kind, band)."""
    factor = 1.0 if effective_from >= RATE_CARDS[1] else PREVIOUS_DISCOUNT
    rates: dict[tuple[str, str], int] = {}
    for kind, day in DAY_PENCE_2026.items():
        night = NIGHT_PENCE_2026.get(kind, 3950)
        for band, pence in (
            (B.DAY, day),
            (B.EVENING, day * EVENING_UPLIFT),
            (B.NIGHT, night),
            (B.WEEKEND, day * WEEKEND_UPLIFT),
            (B.BANK_HOLIDAY, day * BANK_HOLIDAY_UPLIFT),
        ):
            # Whole 2p steps, as rates are published.
            rates[(kind, band)] = round(pence * factor / 2) * 2
    return rates


def sleep_in_pence(effective_from: dt.date) -> int:
    return SLEEP_IN_PENCE_2026 if effective_from >= RATE_CARDS[1] else SLEEP_IN_PENCE_2025


# --- Building blocks of a week -----------------------------------------------------------------
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Act:
    """Something in a week. ``days`` are tried in order; the first free one is used.

    ``company``: "paid"; "own" (on my own once there: people who need more help have a worker
    with them for the journey, or all the way); "alone" (at home on my own, whoever I am); or
    "circle:<words>" for the circle member whose relationship contains the words (paid support
    instead if they have no such member, or need a worker with them).
    ``every``: "" weekly, "fortnight" every other week, "month" on the first of that weekday.
    ``ratio``: "1:1", "2:1" (for people who need two), or "1:N" shared.
    """

    what: str
    place: str
    days: tuple[int, ...]
    start: str
    end: str
    kind: str = K.COMMUNITY_ACCESS
    company: str = "paid"
    ratio: str = "1:1"
    fixed: bool = True
    every: str = ""
    notes: str = ""


_a = Act  # short, for the tables below


# One or two sessions per interest, at the places on the interest's community map.
INTEREST_ACTS: dict[str, tuple[Act, ...]] = {
    "music": (
        _a("Music group: drumming and singing", "Riverside Days", (WED, THU), "10:30", "13:00"),
        _a(
            "Samba band practice",
            "Brookwick Community Hall",
            (THU, TUE),
            "18:30",
            "20:30",
            every="fortnight",
        ),
    ),
    "dance": (
        _a("Dance for All class", "Albion Arts Centre", (TUE, WED), "18:00", "20:00"),
        _a(
            "Friday Club disco with my friends",
            "Brookwick Community Hall",
            (FRI,),
            "19:00",
            "21:30",
            ratio="1:3",
        ),
    ),
    "computer_games": (
        _a(
            "Gaming night", "Hollowfield Library", (THU,), "17:30", "20:00", company="circle:gaming"
        ),
        _a("Looking round the games shop", "Broadway centre", (SAT, WED), "13:30", "15:30"),
    ),
    "cooking": (
        _a("Cookery course", "Hollowfield College", (WED, TUE), "10:00", "13:00"),
        _a(
            "Cooking a big Sunday dinner for everyone",
            "My kitchen",
            (SUN,),
            "12:30",
            "15:00",
            kind=K.DOMESTIC,
        ),
    ),
    "bus_trips": (
        _a(
            "Saturday trips club outing on the bus",
            "The Saturday trips club",
            (SAT,),
            "10:00",
            "16:00",
            every="fortnight",
        ),
        _a(
            "Bus ride on the top deck to Rosie's Café", "Rosie's Café", (TUE, FRI), "13:30", "16:00"
        ),
    ),
    "animals": (
        _a(
            "Volunteering: feeding the goats and cleaning out the rabbits",
            "Hollowfield City Farm",
            (TUE, THU),
            "10:00",
            "14:00",
        ),
        _a(
            "Walking a neighbour's dog for the Cinnamon Trust",
            "Kingsmere Park",
            (SAT,),
            "10:00",
            "11:30",
        ),
    ),
    "art": (
        _a("Painting in the art group", "Riverside Days art studio", (MON, THU), "10:30", "13:30"),
        _a(
            "Open studio session",
            "Albion Arts Centre",
            (SAT, WED),
            "14:00",
            "16:30",
            every="fortnight",
        ),
    ),
    "gardening": (
        _a(
            "Digging and watering at the allotment",
            "Allotments on Reedbed Road",
            (WED, SAT),
            "10:00",
            "13:00",
            company="circle:allotment",
        ),
        _a(
            "Buying seeds and plants",
            "Garden centre on the A10",
            (FRI,),
            "14:00",
            "16:00",
            every="month",
        ),
    ),
    "library": (
        _a("Library reading group", "Hollowfield Library", (TUE,), "14:00", "15:30"),
        _a("Pub quiz with my team", "The Crown", (TUE,), "19:30", "21:30", company="circle:friend"),
    ),
    "church_choir": (
        _a("Choir practice", "My church", (THU,), "18:30", "20:30"),
        _a(
            "Gospel choir rehearsal",
            "Albion Arts Centre",
            (SAT,),
            "14:00",
            "16:00",
            every="fortnight",
        ),
    ),
    "drama": (
        _a("Inclusive theatre group rehearsal", "Albion Arts Centre", (MON, WED), "18:00", "20:30"),
    ),
    "cricket": (
        _a("Cricket match or nets", "Hollowfield Cricket Club", (SAT, SUN), "12:00", "17:30"),
    ),
    "fishing": (
        _a(
            "Fishing on the mere",
            "Kingsmere Park",
            (SAT, SUN),
            "07:30",
            "12:00",
            company="circle:fishing",
        ),
    ),
    "bowls": (
        _a(
            "Bowls and a cup of tea at the clubhouse",
            "Hollowfield Bowls Club",
            (WED, FRI),
            "13:30",
            "16:30",
            company="circle:bowls",
        ),
    ),
    "football": (
        _a("Football training", "Northfield Rec", (THU,), "18:00", "20:00"),
        _a("Walking football", "Hollowfield Leisure Centre", (SAT, MON), "10:00", "11:30"),
    ),
    "swimming": (
        _a(
            "Swimming in the quiet swim session",
            "Hollowfield Leisure Centre pool",
            (TUE, MON),
            "10:00",
            "12:00",
        ),
    ),
    "basketball": (
        _a("Basketball club training", "Kingsmere Youth Centre", (TUE, WED), "18:00", "20:00"),
    ),
    "cycling": (
        _a("Inclusive cycling group ride", "Lee Valley VeloPark", (SUN, SAT), "10:00", "13:00"),
    ),
    "boxing": (
        _a(
            "Boxing training: pads and skipping",
            "Northfield Boxing Club",
            (MON, WED),
            "18:00",
            "19:30",
        ),
    ),
}

FAITH_ACTS: dict[str, Act] = {
    "church": _a(
        "Sunday service and tea afterwards",
        "My church",
        (SUN,),
        "10:00",
        "12:30",
        company="circle:church",
    ),
    "mosque": _a(
        "Friday prayers (Jumu'ah)", "The mosque", (FRI,), "12:30", "14:00", company="circle:mosque"
    ),
    "gurdwara": _a(
        "Prayers and langar", "The gurdwara", (SUN,), "10:00", "13:00", company="circle:gurdwara"
    ),
    "temple": _a(
        "Puja and lunch at the temple",
        "The temple",
        (SAT,),
        "10:30",
        "13:00",
        company="circle:temple",
    ),
    "synagogue": _a(
        "Shabbat morning service",
        "My synagogue",
        (SAT,),
        "09:30",
        "12:30",
        company="circle:synagogue",
    ),
}

JOBS: dict[str, tuple[Act, ...]] = {
    "cafe": (
        _a(
            "Working at the café: serving and clearing tables",
            "Rosie's Café on Brookwick High Street",
            (MON, WED, FRI),
            "09:30",
            "14:00",
            company="own",
        ),
    ),
    "garden_centre": (
        _a(
            "Working at the garden centre: watering and stacking pots",
            "Garden centre on the A10",
            (TUE, THU),
            "09:30",
            "14:30",
            company="own",
        ),
    ),
    "supermarket": (
        _a(
            "My Saturday job: filling shelves",
            "Tesco on the high street",
            (SAT,),
            "08:00",
            "13:00",
            company="own",
        ),
    ),
}
JOB_COACHING = "Job coach at work with me"

COLLEGE = (
    _a(
        "Independent living course: money, travel and cooking",
        "Hollowfield College",
        (MON,),
        "09:30",
        "15:00",
        company="own",
        notes="Support to travel there and back; tutors in class.",
    ),
    _a(
        "English and maths at college",
        "Hollowfield College",
        (WED,),
        "10:00",
        "14:00",
        company="own",
    ),
)

DAY_CENTRE = (
    _a(
        "Day centre: sensory room, music and lunch with friends",
        "Riverside Days",
        (TUE, THU),
        "10:00",
        "15:30",
        ratio="1:3",
    ),
)
LUNCH_CLUB = _a(
    "Lunch club and bingo", "St Ansell's church hall", (WED, THU), "11:30", "14:30", ratio="1:3"
)

# Life at home, for people in their own flat or supported living.
FOOD_SHOP = _a(
    "Weekly food shop with my list",
    "Tesco on the high street",
    (MON, FRI),
    "15:30",
    "17:00",
    kind=K.DOMESTIC,
    fixed=False,
)
CLEANING = _a(
    "Cleaning the flat and doing my washing",
    "Home",
    (THU, TUE),
    "15:30",
    "17:00",
    kind=K.DOMESTIC,
    fixed=False,
)
SHARED_TEA = _a(
    "Cooking tea with my housemates",
    "Home",
    (MON, WED, FRI),
    "17:00",
    "18:30",
    kind=K.DOMESTIC,
    ratio="1:3",
    fixed=False,
)
COOK_TEA = _a(
    "Cooking my tea: I choose from my picture menu",
    "Home",
    (TUE, THU),
    "17:00",
    "18:30",
    kind=K.DOMESTIC,
    fixed=False,
)
MONEY = _a(
    "Paying bills and checking my bank card balance",
    "Home",
    (FRI, MON),
    "10:00",
    "11:00",
    kind=K.DOMESTIC,
    fixed=False,
)
BARBER = {
    "m": _a(
        "Haircut",
        "The barber's on Kingsmere Parade",
        (SAT,),
        "14:00",
        "15:00",
        every="month",
        fixed=False,
    ),
    "f": _a(
        "Getting my hair done",
        "The hairdresser's on Kingsmere Parade",
        (SAT,),
        "14:00",
        "15:30",
        every="month",
        fixed=False,
    ),
}
MARKET = _a(
    "Shopping at the Saturday market", "Market Street", (SAT,), "11:00", "12:30", fixed=False
)
TALKING_THINGS_THROUGH = _a(
    "Talking through my week with my worker, in a quiet room",
    "Home",
    (SUN, FRI),
    "17:00",
    "18:00",
    kind=K.EMOTIONAL,
)

# Personal care, by how much help a person needs.
MORNING_CARE = "Getting up: shower, dressing and breakfast"
MORNING_PROMPT = "Getting up: reminders to wash, dress and take my tablets"
EVENING_CARE = "Getting ready for bed: bath, teeth and tablets"
SLEEP_IN = "Sleep-in: a worker sleeps over in case I need help in the night"
WAKING_NIGHT = "Waking night: a worker stays awake to help me turn and keep me safe"

# Time with family, most often with the closest relative who is in the person's circle.
FAMILY_TIME = (
    ("mum", "Sunday dinner at Mum's", SUN, "13:00", "17:00", ""),
    ("dad", "Watching the match with Dad", SAT, "15:00", "18:00", "fortnight"),
    ("sister", "Tea and a catch-up with my sister", SUN, "15:00", "18:00", "fortnight"),
    ("brother", "Cinema with my brother", FRI, "18:30", "21:30", "month"),
    ("nan", "Visiting my nan", SUN, "14:00", "16:30", ""),
    ("niece", "Lunch with my niece and her children", SUN, "12:30", "15:30", "month"),
    ("aunt", "Visiting my aunt", SAT, "14:00", "17:00", "month"),
)
AT_HOME_FAMILY = (
    ("mum", "Helping Mum cook tea", WED, "17:00", "18:30", ""),
    ("sister", "Film night with my sister", FRI, "19:00", "21:30", ""),
    ("brother", "Playing FIFA with my brother", TUE, "19:00", "21:00", ""),
    ("dad", "Going to the barber's with Dad", SAT, "10:00", "11:30", "month"),
)
ON_MY_OWN = (
    _a(
        "Watching my soaps", "Home", (MON, TUE, WED), "19:30", "21:00", company="alone", fixed=False
    ),
    _a(
        "Listening to music in my room",
        "Home",
        (SUN, THU),
        "19:00",
        "21:00",
        company="alone",
        fixed=False,
    ),
    _a(
        "A lie-in and breakfast in my dressing gown",
        "Home",
        (SUN,),
        "08:00",
        "10:00",
        company="alone",
        fixed=False,
    ),
)
