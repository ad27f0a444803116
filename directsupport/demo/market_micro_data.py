"""The demo directory's community micro-enterprises: small local businesses and CICs for day
opportunities, gardening, cooking, travel training, job coaching, music, arts, cycling, help at
home and wellbeing (types in market_supplier_types; the whole directory in
market_suppliers_data). Riverside Days CIC is the one the ledger already pays, at its £32.00
an hour for 1:1 support (funds_data).
"""

from __future__ import annotations

from directsupport.market.models import SupplierKind

from .market_supplier_types import (
    ALL_HF,
    MEN,
    NON_BINARY,
    ONE,
    SHARED,
    WOMEN,
    Place,
    ServiceSpec,
    SupplierSpec,
    hourly,
    hours,
    per_session,
)

M = SupplierKind.MICRO_ENTERPRISE

MICRO: tuple[SupplierSpec, ...] = (
    SupplierSpec(
        "Riverside Days CIC",
        M,
        "HF3",
        "Day opportunities by the river in Marsh Green: a sensory room, music and drumming, "
        "an art studio and lunch with friends. Run by the people who started it in 2017 and a "
        "members' group that chooses what is on.",
        "hello@riversidedays.example",
        "020 7946 0330",
        website="https://riversidedays.example",
        accreditations="Social Enterprise Mark",
        languages=("Twi", "Korean", "Yoruba"),
        skills=("Makaton", "sensory activities", "autism"),
        interests=("music", "art", "cooking"),
        ledger=True,
        places=(
            Place(
                "Riverside Days",
                "The Boathouse, 4 Reedbed Road",
                "HF3 4RB",
                "Step-free; a Changing Places toilet; quiet room",
            ),
        ),
        services=(
            ServiceSpec(
                "Day centre: sensory room, music and lunch",
                "A day with friends: the sensory room, music, art and a cooked lunch. Staff "
                "support for one to three people each.",
                ("day-opportunities", "community-access", "music-drama"),
                hours("Tue,Thu 10:00-15:30"),
                (per_session(5800, "A day, lunch included"), hourly(3200, "1:1 support")),
                areas=ALL_HF,
                ratios=(ONE, SHARED),
                places_free=5,
                at=("Riverside Days",),
            ),
            ServiceSpec(
                "Art group and music group",
                "Painting in the studio on Mondays and Thursdays; drumming and singing on "
                "Wednesdays and Thursdays. Staff support included, 1:1 if needed.",
                ("arts-crafts", "music-drama", "day-opportunities", "community-access"),
                hours("Mon,Thu 10:30-13:30") + hours("Wed 10:30-13:00"),
                (per_session(3200, "Half a day"),),
                areas=ALL_HF,
                ratios=(SHARED, ONE),
                places_free=8,
                at=("Riverside Days",),
            ),
        ),
    ),
    SupplierSpec(
        "Green Fingers Hollowfield CIC",
        M,
        "HF3",
        "Gardening at the Reedbed Road allotments: growing vegetables, keeping hens and "
        "selling at the Saturday market.",
        "grow@greenfingers.example",
        "07700 900231",
        skills=("Makaton",),
        interests=("gardening", "animals", "cooking"),
        places=(
            Place(
                "Reedbed Road allotments",
                "Plot 14, Reedbed Road",
                "HF3 4RL",
                "Raised beds at wheelchair height; accessible compost toilet",
            ),
        ),
        services=(
            ServiceSpec(
                "Allotment mornings",
                "Digging, planting and watering with the group; support included.",
                ("gardening", "community-access"),
                hours("Wed,Sat 10:00-13:00"),
                (per_session(3500, "Morning, support included"),),
                areas=ALL_HF,
                ratios=(SHARED,),
                places_free=4,
                at=("Reedbed Road allotments",),
            ),
        ),
    ),
    SupplierSpec(
        "The Cookery Table",
        M,
        "HF5",
        "Cookery classes in small groups: a two-course meal each time, and the recipe in "
        "pictures to take home.",
        "eat@thecookerytable.example",
        "07700 900417",
        skills=("pictures and symbols", "food hygiene"),
        interests=("cooking",),
        places=(Place("The Cookery Table", "22 Kingsmere Parade", "HF5 2KP", "Step-free"),),
        services=(
            ServiceSpec(
                "Cook and eat together",
                "Learn a meal, cook it and eat it together. Up to six people.",
                ("cooking-skills", "help-at-home"),
                hours("Tue 10:00-13:00") + hours("Thu 17:00-19:30"),
                (per_session(4000, "Ingredients included"),),
                areas=ALL_HF,
                ratios=(SHARED,),
                places_free=3,
                at=("The Cookery Table",),
            ),
        ),
    ),
    SupplierSpec(
        "Stepping Out Travel Training",
        M,
        "HF1",
        "Travel trainers who teach a route step by step until the person can do it on their "
        "own, then follow at a distance for a few weeks to be sure.",
        "routes@steppingout.example",
        "07700 900552",
        skills=("travel training", "autism", "Makaton"),
        interests=("bus trips",),
        services=(
            ServiceSpec(
                "Travel training",
                "Learning a route to college, work or a club, by bus, train or on foot.",
                ("travel-support",),
                hours("Mon-Fri 07:30-19:00"),
                (hourly(2700),),
                areas=ALL_HF,
                places_free=6,
            ),
        ),
    ),
    SupplierSpec(
        "Open Doors Job Coaching CIC",
        M,
        "HF6",
        "Supported employment: finding a job that fits, and a job coach at work who steps back "
        "as the person learns it.",
        "jobs@opendoors.example",
        "020 7946 0655",
        accreditations="BASE Quality Standard for supported employment",
        skills=("job coaching", "systematic instruction"),
        services=(
            ServiceSpec(
                "Job coaching",
                "A job coach with you at work, and help to find the job in the first place.",
                ("work-volunteering", "community-access"),
                hours("Mon-Sat 08:00-18:00"),
                (hourly(3000),),
                areas=ALL_HF,
                places_free=4,
            ),
        ),
    ),
    SupplierSpec(
        "Beat Box Music CIC",
        M,
        "HF6",
        "Samba band, drumming and singing for everyone; rehearsals every other Thursday and "
        "gigs at the summer fairs.",
        "play@beatboxmusic.example",
        "07700 900673",
        interests=("music", "dance"),
        places=(
            Place(
                "Brookwick Community Hall",
                "1 Mill Lane",
                "HF6 1ML",
                "Step-free; hearing loop",
            ),
        ),
        services=(
            ServiceSpec(
                "Samba band",
                "Rehearsal every other Thursday evening. Instruments lent.",
                ("music-drama", "social-clubs"),
                hours("Thu 18:30-20:30", every=2),
                (per_session(1200),),
                ratios=(SHARED,),
                areas=ALL_HF,
                places_free=10,
                at=("Brookwick Community Hall",),
            ),
        ),
    ),
    SupplierSpec(
        "Albion Arts Collective",
        M,
        "HF1",
        "Inclusive theatre, dance and an open art studio at the Albion Arts Centre.",
        "studio@albionarts.example",
        "020 7946 0149",
        website="https://albionarts.example",
        interests=("drama", "dance", "art", "music"),
        places=(
            Place(
                "Albion Arts Centre",
                "58 Albion Road",
                "HF1 3AR",
                "Step-free; lift to the studio; relaxed performances",
            ),
        ),
        services=(
            ServiceSpec(
                "Inclusive theatre group and Dance for All",
                "Theatre on Mondays, dance on Tuesdays. Shows twice a year.",
                ("music-drama", "social-clubs"),
                hours("Mon 18:00-20:30") + hours("Tue 18:00-20:00"),
                (per_session(800),),
                ratios=(SHARED,),
                areas=ALL_HF,
                places_free=12,
                at=("Albion Arts Centre",),
            ),
            ServiceSpec(
                "Open studio",
                "Painting and printing with an artist, every other Saturday.",
                ("arts-crafts",),
                hours("Sat 14:00-16:30", every=2),
                (per_session(1000),),
                ratios=(SHARED,),
                areas=ALL_HF,
                places_free=6,
                at=("Albion Arts Centre",),
            ),
        ),
    ),
    SupplierSpec(
        "Ability Cycling Hollowfield",
        M,
        "TB4",
        "Adapted bikes (trikes, hand cycles, side-by-sides) and ride leaders for group rides "
        "at Lee Valley VeloPark.",
        "ride@abilitycycling.example",
        "07700 900719",
        interests=("cycling",),
        places=(
            Place(
                "Lee Valley VeloPark",
                "Fenwick Park Road",
                "TB4 2VP",
                "Step-free; adapted bikes; accessible toilets",
            ),
        ),
        services=(
            ServiceSpec(
                "Inclusive group rides",
                "Sunday morning rides, bikes included. Support workers ride free.",
                ("sport-fitness",),
                hours("Sun 10:00-13:00"),
                (per_session(1000, "Bike hire included"),),
                areas=ALL_HF,
                ratios=(SHARED,),
                places_free=8,
                at=("Lee Valley VeloPark",),
            ),
        ),
    ),
    SupplierSpec(
        "Helping Hands Home Help",
        M,
        "HF2",
        "Cleaning, washing, ironing and shopping, done with the person rather than for them. "
        "Not personal care.",
        "help@helpinghands.example",
        "07700 900806",
        skills=("pictures and symbols",),
        services=(
            ServiceSpec(
                "Help at home",
                "Cleaning, laundry, food shopping and paying bills together.",
                ("help-at-home",),
                hours("Mon-Sat 09:00-18:00"),
                (hourly(2400),),
                areas=("HF1", "HF2", "HF4", "HF7"),
                places_free=5,
            ),
        ),
    ),
    SupplierSpec(
        "Calm Minds Wellbeing CIC",
        M,
        "HF4",
        "Wellbeing support for autistic adults and people who live with anxiety: a regular "
        "quiet hour to talk the week through, and help to plan for change.",
        "talk@calmminds.example",
        "07700 900933",
        skills=("autism", "anxiety", "social stories"),
        interests=("computer games", "art"),
        genders=(WOMEN, MEN, NON_BINARY),
        services=(
            ServiceSpec(
                "Talking the week through",
                "An hour with the same worker each week, at home or somewhere quiet.",
                ("emotional-support",),
                hours("Mon-Fri 10:00-20:00") + hours("Sun 12:00-18:00"),
                (hourly(3400),),
                radius_km=6,
                places_free=4,
            ),
        ),
    ),
    SupplierSpec(
        "Kingsmere Kitchen Café CIC",
        M,
        "HF5",
        "A café that trains people with learning disabilities for work in catering: "
        "placements of 12 weeks, with a job coach on the shift.",
        "cafe@kingsmerekitchen.example",
        "020 7946 0511",
        interests=("cooking",),
        skills=("job coaching", "food hygiene"),
        places=(Place("Kingsmere Kitchen Café", "3 Regent Terrace", "HF5 1RT", "Step-free"),),
        services=(
            ServiceSpec(
                "Café work placement",
                "Serving, clearing and kitchen work, three mornings a week.",
                ("work-volunteering", "cooking-skills"),
                hours("Mon,Wed,Fri 09:00-13:00"),
                (per_session(2500, "A shift with the job coach"),),
                ratios=(SHARED,),
                areas=ALL_HF,
                places_free=2,
                at=("Kingsmere Kitchen Café",),
            ),
        ),
    ),
)
