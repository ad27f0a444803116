"""Believable circles of support for the demo people: who is in them and what they may see.

A circle is built from the person's life: their age and family, where they live, their faith
and interests, how they communicate, and the support workers assigned to them. Relationships
are written in the person's words ("my mum", "my football coach").
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field

from directsupport.people.models import Closeness, Sector

from .names import FAITH_HERITAGES, anyone, family_name, first_name
from .people_data import PersonSpec

MIN_CIRCLE = 4
MAX_CIRCLE = 14


@dataclass
class MemberSpec:
    name: str
    relationship: str
    sector: str
    closeness: int
    phone: str = ""
    email: str = ""
    address: str = ""
    may_see: bool = False
    may_contribute: bool = False
    # A decision recorded even though the answer is no (the person was asked and said no).
    recorded_no: bool = False
    login_email: str = ""
    must_keep: bool = False
    # For relatives whose birthdays become key dates.
    kind: str = field(default="")


# Circle members who sign in, fixed so demo_logins can name them. Keyed by the person's first
# name; each is (name, relationship, sector, closeness, may see, may contribute, email).
SIGNED_IN_MEMBERS: dict[str, list[tuple[str, str, str, int, bool, bool, str]]] = {
    "Adaeze": [
        (
            "Ngozi Okafor",
            "my sister",
            Sector.FAMILY,
            Closeness.CLOSEST,
            True,
            True,
            "ngozi.okafor@example.org",
        ),
        (
            "Emeka Okafor",
            "my cousin",
            Sector.FAMILY,
            Closeness.FRIENDLY,
            False,
            False,
            "emeka.okafor@example.org",
        ),
    ],
    "Shanice": [
        (
            "Paulette Campbell",
            "my mum",
            Sector.FAMILY,
            Closeness.CLOSEST,
            True,
            False,
            "paulette.campbell@example.org",
        ),
    ],
    "Tariq": [
        (
            "Bilal Mahmood",
            "my brother",
            Sector.FAMILY,
            Closeness.CLOSEST,
            True,
            True,
            "bilal.mahmood@example.org",
        ),
    ],
}

# People who cannot decide who sees their information, and why (Mental Capacity Act 2005):
# the representative is the circle member with this relationship. Here, with the circles, because
# both the people's seeding (their decisions) and the funds' (who agrees for them) read it.
REPRESENTED: dict[str, tuple[str, str]] = {
    "Ravi": (
        "my mum",
        "Ravi was helped to think about who may see his information on two visits, with photos "
        "of each person and his objects of reference. He could not understand or weigh up what "
        "sharing means (Mental Capacity Act 2005, section 3), so his mum, who knows him best, "
        "made this decision with his coordinator in his best interests.",
    ),
    "Tariq": (
        "my brother",
        "Tariq's capacity to decide who sees his information was assessed by his coordinator. "
        "Even with pictures, objects and plenty of time he could not hold on to the information "
        "long enough to choose. His brother Bilal is his Court of Protection deputy for personal "
        "welfare and decided in Tariq's best interests.",
    ),
    "Sophie": (
        "my advocate from Hollowfield Advocacy",
        "Sophie does not use words and could not show a choice about sharing her information, "
        "even when shown one photo at a time over several visits. This is a best-interests "
        "decision by her independent advocate and her coordinator, after asking the people who "
        "know her well.",
    ),
    "Connor": (
        "my mum",
        "Connor is 19. We assessed whether he can decide this himself: he could not yet "
        "understand what it means for someone to see his information. His mum made this "
        "best-interests decision with his coordinator, and we will ask Connor again at his "
        "review as he learns new signs.",
    ),
}

_INTEREST_MEMBERS: dict[str, tuple[str, str]] = {
    # interest: (relationship, sector)
    "football": ("my football coach at Hollowfield Active", Sector.COMMUNITY),
    "swimming": ("my swimming instructor at the leisure centre", Sector.COMMUNITY),
    "boxing": ("my boxing coach", Sector.COMMUNITY),
    "music": ("runs the music group at Riverside Days", Sector.COMMUNITY),
    "drama": ("leads my drama group", Sector.COMMUNITY),
    "art": ("my art tutor at Riverside Days", Sector.COMMUNITY),
    "cooking": ("my cookery tutor at Hollowfield College", Sector.COMMUNITY),
    "dance": ("my dance teacher", Sector.COMMUNITY),
    "cricket": ("captain of my cricket team", Sector.COMMUNITY),
    "basketball": ("my basketball coach", Sector.COMMUNITY),
    "bus_trips": ("organises the Saturday trips club", Sector.COMMUNITY),
    "animals": ("volunteer manager at Hollowfield City Farm", Sector.COMMUNITY),
    "library": ("librarian at Hollowfield Library", Sector.COMMUNITY),
    "church_choir": ("my choir leader", Sector.COMMUNITY),
    "cycling": ("leads the inclusive cycling group", Sector.COMMUNITY),
    "bowls": ("my friend at the bowls club", Sector.FRIENDS),
    "gardening": ("my friend from the allotment", Sector.FRIENDS),
    "fishing": ("my fishing mate", Sector.FRIENDS),
    "computer_games": ("my friend from gaming night", Sector.FRIENDS),
}

_FAITH_FRIEND = {
    "church": "my friend from church",
    "mosque": "my friend from the mosque",
    "gurdwara": "my friend from the gurdwara",
    "temple": "my friend from the temple",
    "synagogue": "my friend from synagogue",
}
_FAITH_LEADER = {
    "church": "the pastor at my church",
    "mosque": "the imam at my mosque",
    "gurdwara": "the granthi at my gurdwara",
    "temple": "the priest at my temple",
    "synagogue": "the rabbi at my synagogue",
}
_JOBS = (
    "my manager at the café where I work",
    "my supervisor at the garden centre",
    "my manager at the supermarket (my Saturday job)",
    "runs the charity shop where I volunteer",
    "my boss at the bike repair workshop",
)
_FILLERS = (
    ("my friend from Riverside Days", Sector.FRIENDS, Closeness.CLOSE),
    ("my neighbour", Sector.FRIENDS, Closeness.FRIENDLY),
    ("staff at Riverside Days day centre", Sector.COMMUNITY, Closeness.FRIENDLY),
    ("my friend from the disco on Fridays", Sector.FRIENDS, Closeness.FRIENDLY),
)
_SPEECH_NEEDS = {"short_makaton", "ipad_aac", "nonverbal_objects", "pictures_pecs"}


def ascii_slug(name: str) -> str:
    """'Ayşe Demir' -> 'aysedemir', for made-up email addresses."""
    plain = unicodedata.normalize("NFKD", name.replace("\u0131", "i").replace("ł", "l"))
    return re.sub(r"[^a-z]", "", plain.encode("ascii", "ignore").decode().lower())


def mobile(rng: random.Random) -> str:
    # Ofcom reserves 07700 900000-900999 for drama: never a real number.
    return f"07700 900{rng.randint(0, 999):03d}"


def office_phone(rng: random.Random) -> str:
    # Ofcom's drama range for London landlines.
    return f"020 7946 0{rng.randint(0, 999):03d}"


def build_circle(
    rng: random.Random,
    spec: PersonSpec,
    *,
    keyworker: tuple[str, str],
    home_address: str,
) -> list[MemberSpec]:
    """The person's circle, 4 to 14 members, closest first."""
    signed_in = SIGNED_IN_MEMBERS.get(spec.first_name, [])
    # First names already used, so a family never has two Emekas (or a dad named after him).
    taken = {spec.first_name, spec.preferred_name, *(m[0].split()[0] for m in signed_in)}
    members = (
        _family(rng, spec, home_address, taken)
        + _friends(rng, spec, taken)
        + _paid(rng, spec, keyworker, taken)
        + _community(rng, spec, taken)
    )
    for name, relationship, sector, closeness, see, contribute, email in signed_in:
        members = [m for m in members if m.relationship != relationship]
        members.insert(
            0,
            MemberSpec(
                name,
                relationship,
                sector,
                closeness,
                phone=mobile(rng),
                email=email,
                may_see=see,
                may_contribute=contribute,
                recorded_no=not see,
                login_email=email,
                must_keep=True,
                kind=relationship.removeprefix("my "),
            ),
        )
    target = max(MIN_CIRCLE, min(MAX_CIRCLE, round(rng.triangular(MIN_CIRCLE, MAX_CIRCLE, 8))))
    optional = [m for m in members if not m.must_keep]
    rng.shuffle(optional)
    while len(members) > target and optional:
        members.remove(optional.pop())
    fillers = list(_FILLERS)
    rng.shuffle(fillers)
    while len(members) < MIN_CIRCLE and fillers:
        relationship, sector, closeness = fillers.pop()
        members.append(_member(rng, anyone(rng, taken=taken), relationship, sector, closeness, 0.5))
    for member in members:
        if not member.login_email:
            _decide_consent(rng, member)
    members.sort(key=lambda m: (m.closeness, m.sector, m.name))
    return members


def _member(
    rng: random.Random,
    name: str,
    relationship: str,
    sector: str,
    closeness: int,
    contact_chance: float,
    *,
    kind: str = "",
    must_keep: bool = False,
) -> MemberSpec:
    member = MemberSpec(name, relationship, sector, closeness, kind=kind, must_keep=must_keep)
    if rng.random() < contact_chance:
        member.phone = (
            mobile(rng) if sector in (Sector.FAMILY, Sector.FRIENDS) else office_phone(rng)
        )
        if rng.random() < 0.4:
            first, _, last = name.partition(" ")
            member.email = f"{ascii_slug(first)}.{ascii_slug(last)}@example.com"
    return member


def _family(
    rng: random.Random, spec: PersonSpec, home_address: str, taken: set[str]
) -> list[MemberSpec]:
    surname = spec.last_name
    heritage = spec.heritage
    family: list[MemberSpec] = []

    def relative(sex: str, relationship: str, closeness: int, *, same_name: float = 0.85) -> None:
        last = surname if rng.random() < same_name else family_name(rng, heritage)
        name = f"{first_name(rng, heritage, sex, taken)} {last}"
        member = _member(
            rng,
            name,
            f"my {relationship}",
            Sector.FAMILY,
            closeness,
            0.75,
            kind=relationship,
            must_keep=relationship in ("mum", "dad") or not family,
        )
        if closeness == Closeness.CLOSEST and spec.home != "family" and rng.random() < 0.35:
            member.address = _relative_address(rng)
        elif spec.home == "family" and relationship in ("mum", "dad"):
            member.address = home_address
        family.append(member)

    if spec.age < 62 and rng.random() < (0.95 if spec.age < 35 else 0.8):
        relative("f", "mum", Closeness.CLOSEST, same_name=0.8)
    if spec.age < 55 and rng.random() < 0.55:
        relative("m", "dad", rng.choice((Closeness.CLOSEST, Closeness.CLOSE)), same_name=1.0)
    elif spec.age < 40 and rng.random() < 0.15:
        relative("m", "stepdad", Closeness.CLOSE, same_name=0.3)
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
        sex = rng.choice("fm")
        relative(
            sex,
            "sister" if sex == "f" else "brother",
            rng.choice((Closeness.CLOSEST, Closeness.CLOSE, Closeness.CLOSE, Closeness.FRIENDLY)),
            same_name=0.7 if sex == "f" else 1.0,
        )
    if spec.age < 30 and rng.random() < 0.4:
        relative(rng.choice("fm"), rng.choice(("nan", "grandad")), Closeness.CLOSE)
    if rng.random() < 0.35:
        sex = rng.choice("fm")
        relative(sex, "aunt" if sex == "f" else "uncle", Closeness.FRIENDLY, same_name=0.4)
    if rng.random() < 0.3:
        relative(rng.choice("fm"), "cousin", rng.choice((Closeness.CLOSE, Closeness.FRIENDLY)))
    if spec.age > 45 and rng.random() < 0.6:
        sex = rng.choice("fm")
        relative(sex, "niece" if sex == "f" else "nephew", Closeness.CLOSE, same_name=0.5)
    return family


def _relative_address(rng: random.Random) -> str:
    street = rng.choice(
        ("Cedar Avenue", "Mill Lane", "Regent Terrace", "Ashby Road", "Bell Street")
    )
    district = rng.choice(("HF2", "HF4", "HF5", "HF6", "HF7"))
    return f"{rng.randint(2, 140)} {street}, London {district} {rng.randint(1, 9)}PL"


@dataclass
class _SectorMembers:
    """Members of one quarter of the circle, each with a fresh name and, by chance, contacts."""

    rng: random.Random
    taken: set[str]
    sector: str
    contact_chance: float
    members: list[MemberSpec] = field(default_factory=list)

    def add(
        self,
        relationship: str,
        closeness: int,
        *,
        must_keep: bool = False,
        heritages: tuple[str, ...] | None = None,
    ) -> None:
        name = (
            anyone(self.rng, taken=self.taken, heritages=heritages)
            if heritages
            else anyone(self.rng, taken=self.taken)
        )
        self.members.append(
            _member(
                self.rng,
                name,
                relationship,
                self.sector,
                closeness,
                self.contact_chance,
                must_keep=must_keep,
            )
        )


def _friends(rng: random.Random, spec: PersonSpec, taken: set[str]) -> list[MemberSpec]:
    friends = _SectorMembers(rng, taken, Sector.FRIENDS, contact_chance=0.6)
    friend = friends.add

    if spec.age < 45 and rng.random() < 0.6:
        friend(
            "my best friend from college",
            rng.choice((Closeness.CLOSEST, Closeness.CLOSE)),
            must_keep=True,
        )
    if spec.faith and rng.random() < 0.65:
        friend(
            _FAITH_FRIEND[spec.faith],
            rng.choice((Closeness.CLOSE, Closeness.FRIENDLY)),
            heritages=FAITH_HERITAGES[spec.faith],
        )
    if rng.random() < 0.45:
        friend("my neighbour", Closeness.FRIENDLY)
    if spec.home == "supported" and rng.random() < 0.6:
        friend("my housemate", Closeness.CLOSE)
    if 20 < spec.age < 60 and rng.random() < 0.12:
        friend("my girlfriend" if spec.sex == "m" else "my boyfriend", Closeness.CLOSEST)
    for interest in spec.interests:
        relationship, sector = _INTEREST_MEMBERS[interest]
        if sector == Sector.FRIENDS and rng.random() < 0.7:
            friend(relationship, rng.choice((Closeness.CLOSE, Closeness.FRIENDLY)))
    return friends.members


def _paid(
    rng: random.Random, spec: PersonSpec, keyworker: tuple[str, str], taken: set[str]
) -> list[MemberSpec]:
    worker_name, worker_email = keyworker
    paid = [
        MemberSpec(
            worker_name,
            "my keyworker",
            Sector.PAID,
            Closeness.CLOSE,
            phone=office_phone(rng),
            email=worker_email,
            must_keep=True,
        )
    ]

    def professional(relationship: str, closeness: int, name: str = "") -> None:
        name = name or anyone(rng, taken=taken)
        paid.append(_member(rng, name, relationship, Sector.PAID, closeness, 0.5))

    key = spec.communication_key
    if spec.home == "shared_lives":
        carer = _member(
            rng,
            anyone(rng, taken=taken),
            "my Shared Lives carer",
            Sector.PAID,
            Closeness.CLOSEST,
            0.9,
        )
        carer.must_keep = True
        paid.append(carer)
    if key in _SPEECH_NEEDS and rng.random() < 0.8:
        professional("my speech and language therapist", Closeness.FRIENDLY)
    if key == "bsl":
        professional("my regular BSL interpreter", Closeness.FRIENDLY)
    if rng.random() < 0.6:
        doctor = anyone(rng, taken=taken)
        professional("my GP", Closeness.FURTHER, f"Dr {doctor.split(' ', 1)[1]}")
    if rng.random() < 0.25:
        professional("my learning disability nurse", Closeness.FRIENDLY)
    if rng.random() < 0.3:
        professional("my social worker", Closeness.FURTHER)
    if rng.random() < (0.6 if spec.stage == "isf_live" else 0.1):
        professional("my personal assistant", Closeness.CLOSE)
    if rng.random() < 0.12:
        professional(
            rng.choice(("my occupational therapist", "my physio", "my psychologist")),
            Closeness.FURTHER,
        )
    return paid


def _community(rng: random.Random, spec: PersonSpec, taken: set[str]) -> list[MemberSpec]:
    community = _SectorMembers(rng, taken, Sector.COMMUNITY, contact_chance=0.4)
    add = community.add

    for interest in spec.interests:
        relationship, sector = _INTEREST_MEMBERS[interest]
        if sector == Sector.COMMUNITY and rng.random() < 0.75:
            add(relationship, rng.choice((Closeness.FRIENDLY, Closeness.FURTHER)))
    if spec.stage != "isf_live" and rng.random() < 0.45:
        add("staff at Riverside Days day centre", Closeness.FRIENDLY)
    if 19 < spec.age < 60 and rng.random() < 0.25:
        add(rng.choice(_JOBS), rng.choice((Closeness.FRIENDLY, Closeness.FURTHER)))
    if spec.communication_key == "nonverbal_objects" or rng.random() < 0.3:
        add(
            "my advocate from Hollowfield Advocacy",
            rng.choice((Closeness.CLOSE, Closeness.FRIENDLY)),
            must_keep=spec.communication_key == "nonverbal_objects",
        )
    if spec.age < 25 and rng.random() < 0.5:
        add("my tutor at Hollowfield College", Closeness.FRIENDLY)
    if spec.faith and rng.random() < 0.2:
        add(_FAITH_LEADER[spec.faith], Closeness.FURTHER, heritages=FAITH_HERITAGES[spec.faith])
    if rng.random() < 0.08:
        add("my barber" if spec.sex == "m" else "my hairdresser", Closeness.FURTHER)
    return community.members


def _decide_consent(rng: random.Random, member: MemberSpec) -> None:
    """Who the person lets see (and add to) their information: mostly close family."""
    chance_see, chance_contribute = 0.15, 0.2
    if member.sector == Sector.FAMILY:
        chance_see = 0.75 if member.closeness == Closeness.CLOSEST else 0.35
        chance_contribute = 0.6
    elif "advocate" in member.relationship:
        chance_see, chance_contribute = 0.85, 0.7
    elif member.sector == Sector.FRIENDS and member.closeness <= Closeness.CLOSE:
        chance_see, chance_contribute = 0.4, 0.3
    elif member.sector == Sector.PAID and "GP" not in member.relationship:
        chance_see, chance_contribute = 0.45, 0.6
    member.may_see = rng.random() < chance_see
    member.may_contribute = member.may_see and rng.random() < chance_contribute
    member.recorded_no = not member.may_see and rng.random() < 0.08
