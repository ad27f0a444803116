"""How each demo person wants their needs commissioned, the suppliers some of them chose (with
their reasons, in their words), and the evening swims that show the borough's gap.

Needs are drawn from each person's Perfect Week and outcomes by the needs package; this module
only says what people answered. The answers follow what the ledger already pays (funds_data:
people at Riverside Days, Hollowfield Active's coaches, the PA agency, Marcia Goodwin), so the
directory, the needs and the money tell one story. Otherwise, in order:

- a few people pay for everything themselves with a direct payment, or employ their own PA
  for going out;
- sleep-ins shared with a housemate are commissioned jointly, with the housemate;
- the lunch club and the library reading group are free community options (volunteers help);
- what an outcome asks for is bought from another supplier, except clubs and learning, which
  are free in Hollowfield;
- everything else is delivered by Willowbrook, from the ISF.

People just starting have not yet been asked about their outcomes' needs, so those stay open.
"""

from __future__ import annotations

from dataclasses import dataclass

from directsupport.market.models import Commissioning
from directsupport.week.models import SupportKind

from . import funds_data as fd

# --- How people want their needs commissioned ----------------------------------------------------

# Everything with a direct payment: they manage the money and the workers themselves.
DIRECT_PAYMENT_PEOPLE = ("Marek", "Callum")
# Going out with a PA they employ themselves.
OWN_PA_PEOPLE = ("Hannah", "George")
FREE_COMMUNITY_WORDS = ("Lunch club and bingo", "Library reading group")
# An outcome's kind (taxonomy term code) that Hollowfield offers free.
FREE_OUTCOME_TERMS = frozenset({"social-clubs", "learning", "gardening"})


def commissioning_for(
    first_name: str, *, what: str, place: str, kind: str, shared_by: int | None, from_week: bool
) -> str:
    """How this person wants this need commissioned (market Commissioning value)."""
    if from_week and ledger_supplier(first_name, what=what, place=place, kind=kind):
        return Commissioning.OTHER_SUPPLIER
    if first_name in DIRECT_PAYMENT_PEOPLE:
        return Commissioning.DIRECT_PAYMENT
    if first_name in OWN_PA_PEOPLE and kind == SupportKind.COMMUNITY_ACCESS:
        return Commissioning.OWN_PA
    if kind == SupportKind.SLEEP_IN and shared_by:
        return Commissioning.JOINT
    if any(what.startswith(words) for words in FREE_COMMUNITY_WORDS):
        return Commissioning.FREE_COMMUNITY
    return Commissioning.PROVIDER if from_week else Commissioning.OTHER_SUPPLIER


def outcome_commissioning(term_code: str) -> str:
    if term_code in FREE_OUTCOME_TERMS:
        return Commissioning.FREE_COMMUNITY
    return Commissioning.OTHER_SUPPLIER


def ledger_supplier(first_name: str, *, what: str, place: str, kind: str) -> str:
    """The supplier the ledger pays for this support (as seed_funds_history decides), or ""."""
    for where, supplier in fd.SUPPLIER_BY_PLACE:
        if place.startswith(where):
            return supplier.name
    if first_name in fd.ACTIVE_PEOPLE and any(word in what for word in fd.ACTIVE_WORDS):
        return fd.ACTIVE.name
    if fd.PA_PEOPLE.get(first_name) == kind:
        return fd.PA_AGENCY.name
    if first_name in fd.MARCIA_PEOPLE and kind == SupportKind.COMMUNITY_ACCESS:
        return fd.MARCIA.name
    return ""


# --- The service chosen for what the ledger pays -------------------------------------------------

# The service of each ledger supplier a need is met by: (words in the need, service name).
LEDGER_SERVICES: dict[str, tuple[tuple[str, str], ...]] = {
    fd.RIVERSIDE.name: (
        ("Day centre", "Day centre: sensory room, music and lunch"),
        ("", "Art group and music group"),
    ),
    fd.ACTIVE.name: (
        ("Swimming", "Quiet swim with a coach"),
        ("", "Football, boxing and basketball with a coach"),
    ),
    fd.PA_AGENCY.name: (("", "Personal care at home with your own PAs"),),
    fd.MARCIA.name: (("", "Personal assistant: Marcia"),),
}


def ledger_service(supplier: str, what: str) -> str:
    return next(name for words, name in LEDGER_SERVICES[supplier] if words in what)


# Why people chose the suppliers they already use: their words where we have them...
OWN_WORDS: dict[tuple[str, str], str] = {
    ("Tomasz", fd.PA_AGENCY.name): (
        "Agnieszka speaks Polish to me in the morning. It is calm and she does not rush."
    ),
    ("Margaret", fd.PA_AGENCY.name): "The girls from the agency are lovely and they come on time.",
    ("Kieran", fd.PA_AGENCY.name): "I like Tunde. He is into FIFA like me.",
    ("Bridget", fd.MARCIA.name): "Marcia knows all the old songs and she never rushes me.",
    ("Siobhan", fd.MARCIA.name): (
        "Marcia reads things out to me without making a fuss, and she is a laugh."
    ),
    ("Hamza", fd.ACTIVE.name): "Dean is funny. He lets me be goalie.",
    ("Olumide", fd.ACTIVE.name): "The coaches at Active learned signs for me. Boxing is the best.",
    ("Ravi", fd.ACTIVE.name): (
        "Ravi holds up his swimming bag every Monday. Dean is the coach he lets help him into "
        "the water."
    ),
    ("Sophie", fd.RIVERSIDE.name): (
        "Sophie smiles and rocks when she gets to the sensory room, and the staff there know "
        "the signs that she is in pain."
    ),
    ("Tariq", fd.RIVERSIDE.name): "Tariq laughs when the drums start. He goes straight in.",
    ("Maria Cristina", fd.RIVERSIDE.name): "My friends are there. We sing every week.",
}
# ... and otherwise what people most often said about each.
USUAL_WORDS: dict[str, tuple[str, ...]] = {
    fd.RIVERSIDE.name: (
        "My friends go there.",
        "I like the music and the lunch.",
        "The staff know me and the quiet room is there if I need it.",
        "I can paint there. I chose it.",
    ),
    fd.ACTIVE.name: ("The coach is good and I can get there on the bus.",),
    fd.PA_AGENCY.name: ("The same PAs come every time, and I chose them.",),
    fd.MARCIA.name: ("Marcia is patient and kind.",),
}


def chosen_because(first_name: str, supplier: str, number: int) -> str:
    """The person's reason for choosing ``supplier``; ``number`` varies the usual words."""
    own = OWN_WORDS.get((first_name, supplier))
    if own:
        return own
    usual = USUAL_WORDS[supplier]
    return usual[number % len(usual)]


# --- Suppliers people chose for a need of their own, beyond what the ledger pays ------------------


@dataclass(frozen=True)
class ChoiceSpec:
    person: str  # first name
    need_words: str  # the first need whose "what" starts with these
    supplier: str
    service: str
    reason: str


CHOICES: tuple[ChoiceSpec, ...] = (
    ChoiceSpec(
        "Fatima",
        "Cookery course",
        "Nasima Khatun, Personal Assistant",
        "Personal assistant: Nasima",
        "Nasima speaks Bengali with me. She is kind and she knows the college.",
    ),
    ChoiceSpec(
        "Rosa",
        "Dance for All class",
        "Rita Fernandes, Personal Assistant",
        "Personal assistant: Rita",
        "Rita talks Portuguese and she dances! She can show me the steps.",
    ),
    ChoiceSpec(
        "Yohannes",
        "Football training",
        "Tesfay Gebremedhin, Personal Assistant",
        "Personal assistant: Tesfay",
        "Tesfay speaks my language and he plays football too. My Shared Lives family met him "
        "and liked him.",
    ),
    ChoiceSpec(
        "Leon",
        "Talking through my week",
        "Calm Minds Wellbeing CIC",
        "Talking the week through",
        "I want the same person every week, in a quiet room. Calm Minds said it will always "
        "be Ife, and she likes the same games as me.",
    ),
)

# --- The gap: supported swimming on a weekday evening ---------------------------------------------


@dataclass(frozen=True)
class EveningSwim:
    """An outcome's swimming need, given the evening the person wants to swim."""

    person: str
    outcome_words: str  # the outcome whose need it is
    what: str
    weekday: int  # Monday 0
    starts_at: str
    ends_at: str
    notes: str
    wanted_gender: str = ""


POOL = "Hollowfield Leisure Centre pool, HF1"
EVENING_SWIMS: tuple[EveningSwim, ...] = (
    EveningSwim(
        "Ayşe",
        "I go swimming twice a week",
        "Swimming on Thursday evenings with my sister, and a worker in the water with me",
        3,
        "18:00",
        "19:30",
        "Ayşe's sister works in the day, so the evening is the only time they can swim together.",
    ),
    EveningSwim(
        "Tariq",
        "I go swimming twice a week",
        "A second swim each week, on Tuesday evening after the day centre",
        1,
        "18:00",
        "19:00",
        "Tariq's family say he sleeps much better after swimming.",
    ),
    EveningSwim(
        "Zainab",
        "I swim in the sea at Southend",
        "Swimming lessons after college, to be ready for the sea at Southend",
        2,
        "18:30",
        "19:30",
        "Zainab would like a woman to help her in the water.",
        wanted_gender="women",
    ),
    EveningSwim(
        "Amara",
        "I swim in the sea at Southend",
        "Learning to swim properly on Monday evenings, for the sea at Southend",
        0,
        "18:00",
        "19:00",
        "After college; Saturdays are for Amara's dance group.",
    ),
)
# What the demo's story says nobody offers: the gap the matching finds.
GAP_STORY = (
    "Nobody offers supported swimming on a weekday evening: the leisure centre's quiet swim "
    "with Hollowfield Active's coaches is on weekday mornings, Splash Ability is on Saturday "
    "mornings and the lido on Sunday mornings. Four people want to swim on a weekday evening."
)
# Thin, not a gap: one supplier, and it is full.
THIN_STORY = (
    "Waking nights in Northfield (HF2) and St Ansell's (HF7) come only from Nightingale Night "
    "Care, which has no places until it recruits in the spring."
)
