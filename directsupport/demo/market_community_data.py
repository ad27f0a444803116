"""The demo directory's community groups and free community activities. Groups charge a few
pounds a session (Hollowfield Active's coaches, paid by the ledger at £29.00 an hour, are the
exception); free activities cost nothing and are run by volunteers or the council. The places
are the ones in people's Perfect Weeks (week_data), so what people already do and who offers it
tell the same story.

None of them swims on a weekday evening: the leisure centre's quiet swim is on weekday mornings,
and Splash Ability and the lido are at weekends.
"""

from __future__ import annotations

from directsupport.market.models import SupplierKind

from .market_supplier_types import (
    ALL_HF,
    FREE,
    MEN,
    ONE,
    SHARED,
    TWO,
    WOMEN,
    Place,
    ServiceSpec,
    SupplierSpec,
    hourly,
    hours,
    per_session,
)

# Venues welcome anyone from the borough.
BOROUGH = ALL_HF
GROUP = SupplierKind.COMMUNITY_GROUP
FREE_ACTIVITY = SupplierKind.FREE_ACTIVITY

LEISURE_POOL = Place(
    "Hollowfield Leisure Centre pool",
    "Leisure Way, off Market Street",
    "HF1 5LC",
    "Pool hoist; changing places toilet; quiet sessions",
)

COMMUNITY_GROUPS: tuple[SupplierSpec, ...] = (
    SupplierSpec(
        "Hollowfield Active",
        GROUP,
        "HF1",
        "The borough's sports and leisure charity: coaches who support disabled people in the "
        "pool, on the pitch and in the ring, at the leisure centre and the clubs around it.",
        "hello@hollowfieldactive.example",
        "020 7946 0190",
        website="https://hollowfieldactive.example",
        accreditations="Activity Alliance inclusive club; Swim England Swim Mark",
        skills=("swimming teaching", "Makaton", "epilepsy"),
        interests=("swimming", "football", "boxing", "basketball"),
        ledger=True,
        places=(LEISURE_POOL,),
        services=(
            ServiceSpec(
                "Quiet swim with a coach",
                "A coach in the water with you in the quiet session. One or two coaches.",
                ("swimming", "sport-fitness", "community-access"),
                hours("Mon,Tue 10:00-12:00"),
                (hourly(2900, "Each coach"),),
                ratios=(ONE, TWO),
                areas=ALL_HF,
                places_free=2,
                at=("Hollowfield Leisure Centre pool",),
            ),
            ServiceSpec(
                "Football, boxing and basketball with a coach",
                "A coach with you at training: football on Thursdays, walking football on "
                "Mondays and Saturdays, boxing and basketball in the week.",
                ("sport-fitness", "community-access"),
                hours("Mon 10:00-11:30")
                + hours("Mon 18:00-19:30")
                + hours("Tue-Thu 18:00-20:00")
                + hours("Sat 10:00-11:30"),
                (hourly(2900),),
                areas=ALL_HF,
                places_free=3,
            ),
        ),
    ),
    SupplierSpec(
        "Brookwick Friday Club",
        GROUP,
        "HF6",
        "The Friday night disco and social club, run by volunteers and members since 1994.",
        "fridayclub@example.org",
        "07700 900301",
        interests=("dance", "music"),
        places=(
            Place("Brookwick Community Hall", "1 Mill Lane", "HF6 1ML", "Step-free; hearing loop"),
        ),
        services=(
            ServiceSpec(
                "Friday Club disco",
                "Disco, karaoke and a raffle. Volunteers help; bring your own worker if you "
                "need one all the time.",
                ("social-clubs",),
                hours("Fri 19:00-21:30"),
                (per_session(400, "Entry and a drink"),),
                ratios=(SHARED,),
                places_free=20,
                at=("Brookwick Community Hall",),
                areas=BOROUGH,
            ),
        ),
    ),
    SupplierSpec(
        "Hollowfield Gateway Club",
        GROUP,
        "HF1",
        "A social club for adults with learning disabilities: games, trips and a summer holiday.",
        "gateway.hollowfield@example.org",
        "07700 900312",
        interests=("music", "bus trips", "computer games"),
        places=(
            Place(
                "Chapel Row Methodist Hall",
                "12 Chapel Row",
                "HF1 2CR",
                "Step-free; accessible toilet",
            ),
        ),
        services=(
            ServiceSpec(
                "Wednesday club night",
                "Games, music and friends.",
                ("social-clubs",),
                hours("Wed 18:30-21:00"),
                (per_session(300),),
                ratios=(SHARED,),
                places_free=15,
                at=("Chapel Row Methodist Hall",),
                areas=BOROUGH,
            ),
        ),
    ),
    SupplierSpec(
        "Northfield Panthers Inclusive FC",
        GROUP,
        "HF2",
        "Inclusive football club at Northfield Rec: training on Thursdays, matches in the "
        "London inclusive league.",
        "panthers@example.org",
        "07700 900323",
        interests=("football",),
        places=(
            Place("Northfield Rec", "Northfield Road", "HF2 3NR", "Accessible changing rooms"),
        ),
        services=(
            ServiceSpec(
                "Training and matches",
                "Thursday training, Saturday matches.",
                ("sport-fitness",),
                hours("Thu 18:00-20:00") + hours("Sat 10:00-12:00"),
                (per_session(300),),
                ratios=(SHARED,),
                places_free=8,
                at=("Northfield Rec",),
                areas=BOROUGH,
            ),
        ),
    ),
    SupplierSpec(
        "Kingsmere Hoops",
        GROUP,
        "HF5",
        "Basketball at Kingsmere Youth Centre for anyone 16 to 30.",
        "hoops@example.org",
        "07700 900334",
        interests=("basketball",),
        places=(Place("Kingsmere Youth Centre", "40 Crown Street", "HF5 4CS", "Step-free; lift"),),
        services=(
            ServiceSpec(
                "Basketball club training",
                "Drills and a game. All abilities.",
                ("sport-fitness",),
                hours("Tue,Wed 18:00-20:00"),
                (per_session(200),),
                ratios=(SHARED,),
                places_free=6,
                at=("Kingsmere Youth Centre",),
                areas=BOROUGH,
                min_age=16,
                max_age=30,
            ),
        ),
    ),
    SupplierSpec(
        "Hollowfield Bowls Club",
        GROUP,
        "HF7",
        "Flat-green bowls and a cup of tea in the clubhouse. Woods lent to new members.",
        "secretary@hollowfieldbowls.example",
        "020 7946 0461",
        interests=("bowls",),
        places=(Place("Hollowfield Bowls Club", "Abbey Close", "HF7 2AC", "Ramp to the green"),),
        services=(
            ServiceSpec(
                "Club afternoons",
                "Bowls in summer, short mat in winter.",
                ("sport-fitness", "social-clubs"),
                hours("Wed,Fri 13:30-16:30"),
                (per_session(250, "Tea included"),),
                ratios=(SHARED,),
                places_free=10,
                at=("Hollowfield Bowls Club",),
                areas=BOROUGH,
            ),
        ),
    ),
    SupplierSpec(
        "Splash Ability Swimming Club",
        GROUP,
        "HF1",
        "Swimming lessons for disabled adults, with volunteers in the water. Saturday mornings "
        "only: the volunteers work in the week, and the pool's evening lanes go to the clubs.",
        "splash@example.org",
        "07700 900345",
        skills=("swimming teaching", "Makaton"),
        interests=("swimming",),
        places=(LEISURE_POOL,),
        services=(
            ServiceSpec(
                "Saturday swimming lessons",
                "Half-hour lessons in small groups, then free swim.",
                ("swimming", "sport-fitness"),
                hours("Sat 09:00-10:30"),
                (per_session(600),),
                ratios=(SHARED, ONE),
                areas=ALL_HF,
                places_free=3,
                at=("Hollowfield Leisure Centre pool",),
            ),
        ),
    ),
    SupplierSpec(
        "Northfield Boxing Club",
        GROUP,
        "HF2",
        "Amateur boxing club with an inclusive session: pads, skipping and fitness, no sparring.",
        "coach@northfieldboxing.example",
        "07700 900356",
        interests=("boxing",),
        places=(Place("Northfield Boxing Club", "Unit 3, Poplar Way", "HF2 5PW", "Ground floor"),),
        services=(
            ServiceSpec(
                "Inclusive boxing training",
                "Pads, skipping and circuits.",
                ("sport-fitness",),
                hours("Mon,Wed 18:00-19:30"),
                (per_session(500),),
                ratios=(SHARED,),
                places_free=6,
                at=("Northfield Boxing Club",),
                areas=BOROUGH,
            ),
        ),
    ),
    SupplierSpec(
        "Hollowfield Cricket Club",
        GROUP,
        "HF4",
        "The club's All Stars section: nets and friendly matches for disabled players.",
        "allstars@hollowfieldcc.example",
        "07700 900367",
        interests=("cricket",),
        places=(
            Place("Hollowfield Cricket Club", "Vale Gardens", "HF4 1VG", "Step-free pavilion"),
        ),
        services=(
            ServiceSpec(
                "All Stars cricket",
                "Nets and matches at weekends, April to September; indoor nets in winter.",
                ("sport-fitness",),
                hours("Sat,Sun 12:00-17:30"),
                (per_session(300, "Match tea included"),),
                ratios=(SHARED,),
                places_free=10,
                at=("Hollowfield Cricket Club",),
                areas=BOROUGH,
            ),
        ),
    ),
    SupplierSpec(
        "St Ansell's Lunch Club",
        GROUP,
        "HF7",
        "Two-course lunch and bingo in the church hall, run by the parish volunteers.",
        "lunchclub@stansells.example",
        "020 7946 0472",
        interests=("bingo", "music"),
        places=(
            Place(
                "St Ansell's church hall", "St Ansell's Road", "HF7 1SA", "Step-free; hearing loop"
            ),
        ),
        services=(
            ServiceSpec(
                "Lunch club and bingo",
                "Lunch, bingo and a sing-song. Volunteers help everyone at the table.",
                ("social-clubs",),
                hours("Wed,Thu 11:30-14:30"),
                (per_session(400, "Lunch included"),),
                ratios=(SHARED,),
                places_free=12,
                at=("St Ansell's church hall",),
                areas=BOROUGH,
                min_age=50,
            ),
        ),
    ),
)


def _free(
    name: str,
    base: str,
    description: str,
    contact: tuple[str, str],
    venue: Place,
    service: ServiceSpec,
    *,
    languages: tuple[str, ...] = (),
    interests: tuple[str, ...] = (),
    genders: tuple[str, ...] = (WOMEN, MEN),
) -> SupplierSpec:
    """A free activity: one service, run by volunteers or the council."""
    return SupplierSpec(
        name,
        FREE_ACTIVITY,
        base,
        description,
        contact[0],
        contact[1],
        services=(service,),
        places=(venue,),
        languages=languages,
        interests=interests,
        genders=genders,
    )


FREE_ACTIVITIES: tuple[SupplierSpec, ...] = (
    _free(
        "Hollowfield Library",
        "HF1",
        "The central library: a reading group with easy-read and audio books, and a gaming "
        "night for adults.",
        ("library@hollowfield.gov.example", "020 7946 0500"),
        Place(
            "Hollowfield Library",
            "1 Market Street",
            "HF1 1MS",
            "Step-free; lift; hearing loop; large-print and audio books",
        ),
        ServiceSpec(
            "Reading group and gaming night",
            "Reading group on Tuesday afternoons; gaming night on Thursdays.",
            ("social-clubs", "learning"),
            hours("Tue 14:00-15:30") + hours("Thu 17:30-20:00"),
            (FREE,),
            ratios=(SHARED,),
            places_free=12,
            at=("Hollowfield Library",),
            areas=BOROUGH,
        ),
        interests=("library", "computer games"),
    ),
    _free(
        "Hollowfield City Farm",
        "HF3",
        "A city farm that welcomes volunteers: feeding the goats, cleaning out the rabbits.",
        ("volunteer@hollowfieldfarm.example", "020 7946 0583"),
        Place("Hollowfield City Farm", "Heron Court", "HF3 2HC", "Level paths; accessible toilet"),
        ServiceSpec(
            "Volunteering with the animals",
            "Two volunteering days a week, with a farm worker.",
            ("work-volunteering", "community-access"),
            hours("Tue,Thu 10:00-14:00"),
            (FREE,),
            ratios=(SHARED,),
            places_free=4,
            at=("Hollowfield City Farm",),
            areas=BOROUGH,
        ),
        interests=("animals", "gardening"),
    ),
    _free(
        "Kingsmere Park Health Walks",
        "HF5",
        "Led walks round the mere: an hour, at an easy pace, then tea.",
        ("walks@hollowfield.gov.example", "020 7946 0594"),
        Place("Kingsmere Park café", "Mere Road", "HF5 3MR", "Flat tarmac path round the mere"),
        ServiceSpec(
            "Saturday health walk",
            "An hour round the mere with a walk leader.",
            ("sport-fitness", "social-clubs"),
            hours("Sat 09:30-10:30"),
            (FREE,),
            ratios=(SHARED,),
            places_free=30,
            at=("Kingsmere Park café",),
            areas=BOROUGH,
        ),
        interests=("walking",),
    ),
    _free(
        "Hollowfield Gospel Choir",
        "HF1",
        "A community gospel choir that rehearses every other Saturday at the Albion Arts "
        "Centre. No auditions.",
        ("sing@hollowfieldgospel.example", "07700 900411"),
        Place("Albion Arts Centre", "58 Albion Road", "HF1 3AR", "Step-free; lift to the studio"),
        ServiceSpec(
            "Gospel choir rehearsal",
            "Two hours of singing every other Saturday.",
            ("music-drama",),
            hours("Sat 14:00-16:00", every=2),
            (FREE,),
            ratios=(SHARED,),
            places_free=25,
            at=("Albion Arts Centre",),
            areas=BOROUGH,
        ),
        interests=("church choir", "music"),
    ),
    _free(
        "Marsh Green Men's Shed",
        "HF3",
        "Woodwork, repairs and a chat for men of any age, in the old boathouse workshop.",
        ("shed@marshgreen.example", "07700 900422"),
        Place("The boathouse workshop", "6 Reedbed Road", "HF3 4RB", "Ground floor workshop"),
        ServiceSpec(
            "Shed days",
            "Making bird boxes and benches, mending bikes.",
            ("arts-crafts", "social-clubs"),
            hours("Mon,Wed 10:00-15:00"),
            (FREE,),
            ratios=(SHARED,),
            places_free=6,
            at=("The boathouse workshop",),
            areas=BOROUGH,
        ),
        interests=("woodwork", "fishing", "cycling"),
        genders=(MEN,),
    ),
    _free(
        "Brookwick Tea Dance",
        "HF6",
        "A Sunday tea dance in Brookwick Community Hall, with a live band once a month.",
        ("teadance@example.org", "07700 900433"),
        Place("Brookwick Community Hall", "1 Mill Lane", "HF6 1ML", "Step-free; hearing loop"),
        ServiceSpec(
            "Sunday tea dance",
            "Dancing, tea and cake.",
            ("social-clubs", "music-drama"),
            hours("Sun 14:00-16:00"),
            (FREE,),
            ratios=(SHARED,),
            places_free=40,
            at=("Brookwick Community Hall",),
            areas=BOROUGH,
        ),
        interests=("dance", "music"),
    ),
    _free(
        "Eastmere Lido Swimmers",
        "EM2",
        "Volunteer-led open-water swims at Eastmere Lido on Sunday mornings, May to September, "
        "with a buddy for new swimmers.",
        ("swim@eastmerelido.example", "07700 900444"),
        Place("Eastmere Lido", "Lock Lane", "EM2 4LL", "Pool hoist; steps with rails"),
        ServiceSpec(
            "Sunday open-water swims",
            "A buddy swims alongside; lifeguards on the side. Summer only.",
            ("swimming",),
            hours("Sun 08:00-10:00", notes="May to September"),
            (FREE,),
            ratios=(SHARED,),
            places_free=5,
            at=("Eastmere Lido",),
            areas=BOROUGH,
        ),
        interests=("swimming",),
    ),
    _free(
        "Broadway Relaxed Screenings",
        "HF1",
        "Relaxed film screenings every four weeks at the Broadway cinema: lights up, sound "
        "down, move about as you like. Free, paid for by the cinema's community fund.",
        ("relaxed@broadwaycinema.example", "020 7946 0605"),
        Place(
            "The Broadway cinema",
            "Broadway centre, Station Approach",
            "HF1 4BW",
            "Step-free; wheelchair spaces",
        ),
        ServiceSpec(
            "Relaxed screening",
            "A new film every four weeks, on a Sunday morning.",
            ("social-clubs",),
            hours("Sun 11:00-13:30", every=4),
            (FREE,),
            ratios=(SHARED,),
            places_free=50,
            at=("The Broadway cinema",),
            areas=BOROUGH,
        ),
        interests=("films",),
    ),
    _free(
        "Brookwick Bengali Women's Café",
        "HF6",
        "A weekly café for Bengali-speaking women: tea, cooking and advice, in Bengali and "
        "Sylheti.",
        ("cafe@brookwickwomen.example", "07700 900455"),
        Place("Brookwick Community Hall", "1 Mill Lane", "HF6 1ML", "Step-free; hearing loop"),
        ServiceSpec(
            "Thursday café",
            "Tea, a cooking demonstration and a chat.",
            ("social-clubs", "cooking-skills"),
            hours("Thu 11:00-13:00"),
            (FREE,),
            ratios=(SHARED,),
            places_free=10,
            at=("Brookwick Community Hall",),
            areas=BOROUGH,
        ),
        languages=("Bengali", "Sylheti"),
        interests=("cooking",),
        genders=(WOMEN,),
    ),
    _free(
        "Hollowfield Volunteer Centre",
        "HF1",
        "Finds volunteering that fits: charity shops, the food bank, the farm, parks.",
        ("volunteer@hollowfieldvc.example", "020 7946 0616"),
        Place("Hollowfield Volunteer Centre", "9 Albion Road", "HF1 3AD", "Step-free"),
        ServiceSpec(
            "Volunteering drop-in",
            "Come in and talk about what you would like to do; we set it up with you.",
            ("work-volunteering",),
            hours("Mon-Fri 10:00-16:00"),
            (FREE,),
            ratios=(SHARED, ONE),
            places_free=20,
            at=("Hollowfield Volunteer Centre",),
            areas=BOROUGH,
        ),
    ),
)
