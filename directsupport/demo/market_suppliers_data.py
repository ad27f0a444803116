"""The demo's supplier directory: the registered care providers here, and ``ALL_SUPPLIERS``, the
whole directory of about 60 entries, with the community micro-enterprises (market_micro_data),
personal assistants (market_pa_data), community groups and free activities
(market_community_data); the types are in market_supplier_types. The four suppliers
the ledger already pays (organisations_data: Hollowfield PA Agency, Riverside Days CIC,
Hollowfield Active and Marcia Goodwin) have ``ledger=True``: the seed links their entry to the
same Organisation row, never a second one, and their prices are what the ledger pays them
(funds_data).

Prices are in pence at 2026/27 London rates and apply from the 1 April the seed's "today" falls
in (the demo dates everything from today): registered homecare £30 to £38 an hour (the
Homecare Association's Outer London minimum was £38.32 in 2025/26; smaller agencies charge
less and pay less), personal assistants £16 to £23, day opportunities by the session,
sleep-ins and waking nights by the night. CQC inspections are dated in months before today.

The supply is drawn so the demo's gaps are real, not written in: no service is open for
supported swimming on a weekday evening, and waking nights in Northfield (HF2) and St Ansell's
(HF7) come only from Nightingale Night Care, which has no places (see market_preferred_data's
GAP_STORIES and the needs added in market_needs_data).
"""

from __future__ import annotations

from directsupport.market.models import CqcRating, SupplierKind

from .market_community_data import COMMUNITY_GROUPS, FREE_ACTIVITIES
from .market_micro_data import MICRO
from .market_pa_data import PERSONAL_ASSISTANTS
from .market_supplier_types import (
    ALL_HF,
    DAYTIME,
    NIGHTS,
    ONE,
    SHARED,
    TWO,
    WOMEN,
    Cqc,
    ServiceSpec,
    SupplierSpec,
    hourly,
    hours,
    per_night,
)

R = SupplierKind.REGISTERED_PROVIDER

REGISTERED: tuple[SupplierSpec, ...] = (
    SupplierSpec(
        "Hollowfield PA Agency",
        R,
        "HF1",
        "An agency of personal assistants, registered with CQC for personal care. Each person "
        "gets a small team of two or three PAs who learn their routines, and can change "
        "session times with a week's notice. Invoices per person each month, matching the ISF "
        "statement.",
        "office@hollowfieldpa.example",
        "020 7946 0412",
        website="https://hollowfieldpa.example",
        cqc=Cqc("1-1043317852", CqcRating.GOOD, 14),
        accreditations="Skills for Care Endorsed; Disability Confident employer",
        languages=("Polish", "Yoruba", "isiXhosa"),
        skills=("Makaton", "moving and handling", "medication", "autism"),
        interests=("cooking", "fishing", "football"),
        ledger=True,
        services=(
            ServiceSpec(
                "Personal care at home with your own PAs",
                "Getting up, washing, dressing, breakfast and tablets, or getting ready for "
                "bed, with the same two or three PAs each week.",
                ("personal-care", "help-at-home"),
                DAYTIME,
                (hourly(2950, "Weekdays and weekends"), hourly(4425, "Bank holidays")),
                areas=ALL_HF,
                places_free=4,
            ),
            ServiceSpec(
                "Going out with a PA",
                "A PA to go out with: shops, clubs, the gym, friends and family.",
                ("community-access", "travel-support"),
                hours("Mon-Sun 07:00-22:00"),
                (hourly(2950),),
                areas=ALL_HF,
                places_free=3,
            ),
        ),
    ),
    SupplierSpec(
        "Brightstar Homecare Hollowfield",
        R,
        "HF1",
        "A franchise homecare agency on Station Approach. Visits from 30 minutes, seven days a "
        "week, with an app that shows families when carers arrive and leave.",
        "hollowfield@brightstarcare.example",
        "020 7946 0237",
        website="https://brightstarcare.example/hollowfield",
        cqc=Cqc("1-1187264530", CqcRating.GOOD, 22),
        accreditations="Homecare Association member",
        languages=("Twi", "Romanian"),
        skills=("moving and handling", "medication", "dementia"),
        services=(
            ServiceSpec(
                "Homecare visits",
                "Personal care visits morning, lunchtime, tea and bedtime. 30-minute minimum.",
                ("personal-care",),
                DAYTIME,
                (hourly(3380, "Weekdays"), hourly(3650, "Weekends"), hourly(5070, "Bank holidays")),
                areas=("HF1", "HF3", "HF6"),
                places_free=6,
            ),
        ),
    ),
    SupplierSpec(
        "Kingsmere Care Partners",
        R,
        "HF5",
        "A family-run domiciliary care service rated Outstanding. Small teams, visits never "
        "shorter than an hour, and carers who speak Greek and Turkish as well as English.",
        "care@kingsmerecare.example",
        "020 7946 0158",
        cqc=Cqc("1-2209481736", CqcRating.OUTSTANDING, 9),
        accreditations="Investors in People Gold",
        languages=("Greek", "Turkish"),
        skills=("dementia", "stroke care", "hearing loss", "moving and handling"),
        interests=("cooking", "music", "bowls"),
        services=(
            ServiceSpec(
                "Personal care, an hour at a time",
                "Help to get up or go to bed, bathing, meals and medicines.",
                ("personal-care", "help-at-home"),
                hours("Mon-Sun 07:00-22:00"),
                (hourly(3640), hourly(5460, "Bank holidays")),
                areas=("HF4", "HF5", "HF6", "TB4"),
                places_free=2,
            ),
        ),
    ),
    SupplierSpec(
        "Thornbury Home Support Ltd",
        R,
        "TB1",
        "A large homecare agency in the next borough, covering west Hollowfield. Rated "
        "Requires improvement at its last inspection for late calls; it says rotas are now "
        "planned by area.",
        "referrals@thornburyhomesupport.example",
        "020 7946 0390",
        cqc=Cqc("1-1569023847", CqcRating.REQUIRES_IMPROVEMENT, 7),
        languages=("Polish", "Urdu"),
        skills=("medication", "moving and handling"),
        services=(
            ServiceSpec(
                "Homecare visits",
                "Personal care visits from 30 minutes, seven days a week.",
                ("personal-care",),
                DAYTIME,
                (hourly(3020), hourly(4530, "Bank holidays")),
                areas=("HF4", "HF7", "TB1", "TB2"),
                places_free=10,
            ),
        ),
    ),
    SupplierSpec(
        "Lee Valley Care Services",
        R,
        "EM2",
        "A homecare agency across the river in Eastmere with many Bengali and Sylheti "
        "speaking carers. Covers east Hollowfield.",
        "office@leevalleycare.example",
        "020 7946 0561",
        cqc=Cqc("1-1832057749", CqcRating.GOOD, 19),
        languages=("Bengali", "Sylheti", "Urdu"),
        skills=("medication", "diabetes"),
        interests=("cooking",),
        services=(
            ServiceSpec(
                "Homecare and help at home",
                "Personal care, meals and housework.",
                ("personal-care", "help-at-home"),
                DAYTIME,
                (hourly(3290), hourly(4935, "Bank holidays")),
                areas=("HF3", "HF6", "EM2", "EM3"),
                places_free=5,
            ),
        ),
    ),
    SupplierSpec(
        "Nightingale Night Care",
        R,
        "TB2",
        "Night support only: sleep-ins and waking nights for adults with learning disabilities "
        "and complex health needs, including epilepsy and repositioning. The only night "
        "service covering Northfield and St Ansell's; its waking-night team is full until it "
        "recruits in the spring.",
        "nights@nightingalecare.example",
        "020 7946 0873",
        cqc=Cqc("1-2398810452", CqcRating.GOOD, 11),
        skills=("epilepsy", "repositioning", "PEG feeding", "moving and handling"),
        services=(
            ServiceSpec(
                "Waking nights",
                "A worker awake all night, 22:00 to 07:00, trained in epilepsy and turning.",
                ("waking-night",),
                NIGHTS,
                (per_night(29500, "22:00 to 07:00"),),
                areas=("HF2", "HF7", "TB1", "TB2"),
                places_free=0,
            ),
            ServiceSpec(
                "Sleep-ins",
                "A worker sleeps over and is on call if needed.",
                ("sleep-in",),
                NIGHTS,
                (per_night(11800, "22:00 to 07:00, up to two call-outs"),),
                areas=("HF2", "HF7", "TB1", "TB2"),
                ratios=(ONE, SHARED),
                places_free=2,
            ),
        ),
    ),
    SupplierSpec(
        "Harbour Supported Living",
        R,
        "HF3",
        "Supported living for adults with learning disabilities in Marsh Green and Brookwick: "
        "day support, shared support for housemates, sleep-ins and waking nights.",
        "hello@harbourliving.example",
        "020 7946 0624",
        website="https://harbourliving.example",
        cqc=Cqc("1-1720936514", CqcRating.GOOD, 16),
        accreditations="Driving Up Quality Code signatory",
        languages=("Somali", "Portuguese"),
        skills=("autism", "positive behaviour support", "epilepsy", "Makaton"),
        interests=("gardening", "music"),
        services=(
            ServiceSpec(
                "Nights at home",
                "Sleep-ins and waking nights for people in their own flat or shared house.",
                ("sleep-in", "waking-night"),
                NIGHTS,
                (per_night(10800, "Sleep-in"), per_night(29600, "Waking night")),
                areas=("HF1", "HF3", "HF6", "EM2"),
                ratios=(ONE, SHARED),
                places_free=2,
            ),
            ServiceSpec(
                "Support at home and out",
                "Help to run a home, cook, shop and get out, for people living alone or with "
                "housemates.",
                ("help-at-home", "community-access", "personal-care"),
                DAYTIME,
                (hourly(3480), hourly(5220, "Bank holidays")),
                areas=("HF1", "HF3", "HF6"),
                ratios=(ONE, SHARED),
                places_free=3,
            ),
        ),
    ),
    SupplierSpec(
        "Unity Homecare",
        R,
        "HF6",
        "Homecare by women carers who speak Bengali, Urdu, Punjabi and Somali. Started by "
        "three sisters on Brookwick High Street in 2014.",
        "info@unityhomecare.example",
        "020 7946 0719",
        cqc=Cqc("1-1398462210", CqcRating.GOOD, 25),
        languages=("Bengali", "Urdu", "Punjabi", "Somali"),
        skills=("halal food", "medication"),
        interests=("cooking",),
        genders=(WOMEN,),
        services=(
            ServiceSpec(
                "Homecare by women carers",
                "Personal care, meals and housework by women carers only.",
                ("personal-care", "help-at-home"),
                hours("Mon-Sun 07:00-21:00"),
                (hourly(3150), hourly(4725, "Bank holidays")),
                areas=("HF1", "HF5", "HF6"),
                places_free=3,
            ),
        ),
    ),
    SupplierSpec(
        "Sahara Care Services",
        R,
        "HF1",
        "A small homecare agency with Somali and Arabic speaking carers, men and women.",
        "sahara.care@example.com",
        "07700 900184",
        cqc=Cqc("1-2011739608", CqcRating.REQUIRES_IMPROVEMENT, 5),
        languages=("Somali", "Arabic"),
        skills=("medication",),
        interests=("football",),
        services=(
            ServiceSpec(
                "Homecare visits",
                "Personal care and help at home.",
                ("personal-care", "help-at-home"),
                hours("Mon-Sat 07:00-21:00"),
                (hourly(3080),),
                areas=("HF1", "HF2", "HF4"),
                places_free=4,
            ),
        ),
    ),
    SupplierSpec(
        "Oakhurst Positive Behaviour Support",
        R,
        "TB2",
        "Specialist support for people whose behaviour can challenge, led by a BCBA-qualified "
        "clinician: a behaviour support plan, and workers trained to follow it.",
        "team@oakhurstpbs.example",
        "020 7946 0947",
        website="https://oakhurstpbs.example",
        cqc=Cqc("1-1944408120", CqcRating.GOOD, 13),
        accreditations="BILD Association of Certified Training (RRN)",
        skills=("positive behaviour support", "autism", "PECS", "communication apps"),
        interests=("computer games", "bus trips"),
        services=(
            ServiceSpec(
                "Positive behaviour support",
                "Emotional and behavioural support, at home and out, following a behaviour "
                "support plan written with the person and their circle.",
                ("emotional-support", "community-access"),
                hours("Mon-Sun 08:00-22:00"),
                (hourly(3800), hourly(5700, "Bank holidays")),
                radius_km=9,
                ratios=(ONE, TWO),
                places_free=2,
            ),
        ),
    ),
    SupplierSpec(
        "Crossroads Care Hollowfield",
        R,
        "HF2",
        "The local carers' charity: sitting services and personal care so family carers get a "
        "break.",
        "breaks@crossroadshollowfield.example",
        "020 7946 0305",
        cqc=Cqc("1-1275530981", CqcRating.GOOD, 30),
        skills=("dementia", "epilepsy"),
        services=(
            ServiceSpec(
                "Carers' break and personal care",
                "A trained worker at home so a family carer can go out.",
                ("personal-care", "community-access"),
                hours("Mon-Fri 09:00-21:00") + hours("Sat 09:00-17:00"),
                (hourly(3200),),
                areas=ALL_HF,
                places_free=4,
            ),
        ),
    ),
    SupplierSpec(
        "Ashby Vale Homecare",
        R,
        "HF4",
        "Homecare for Ashby Vale and Kingsmere, with Gujarati and Hindi speaking carers and "
        "vegetarian cooking.",
        "care@ashbyvalehomecare.example",
        "020 7946 0482",
        cqc=Cqc("1-1655091273", CqcRating.GOOD, 38),
        languages=("Gujarati", "Hindi", "Tamil"),
        skills=("vegetarian cooking", "medication"),
        interests=("cooking", "cricket"),
        services=(
            ServiceSpec(
                "Homecare visits",
                "Personal care and meals, from 45 minutes.",
                ("personal-care", "help-at-home"),
                DAYTIME,
                (hourly(3420), hourly(5130, "Bank holidays")),
                areas=("HF4", "HF5", "HF7"),
                places_free=3,
            ),
        ),
    ),
    SupplierSpec(
        "St Ansell's Care at Home",
        R,
        "HF7",
        "A new homecare service from the team at St Ansell's Court, registered this year and "
        "not yet inspected. Mornings and evenings for older people at home.",
        "home@stansellscourt.example",
        "020 7946 0796",
        cqc=Cqc("1-2457713390", CqcRating.NOT_YET_RATED, 4),
        skills=("dementia", "hearing loss"),
        interests=("bowls", "music"),
        services=(
            ServiceSpec(
                "Morning and evening care",
                "Getting up and going to bed, with the same carers.",
                ("personal-care",),
                hours("Mon-Sun 07:00-10:30") + hours("Mon-Sun 18:00-22:00"),
                (hourly(3500),),
                areas=("HF2", "HF7"),
                places_free=4,
                min_age=50,
            ),
        ),
    ),
    SupplierSpec(
        "Polaris Enablement",
        R,
        "EM3",
        "Short-term enablement after a hospital stay: six weeks of support to do things for "
        "yourself again. Still setting up its entry, so not published yet.",
        "enablement@polaris.example",
        "020 7946 0268",
        cqc=Cqc("1-2530094417", CqcRating.GOOD, 20),
        published=False,
        services=(
            ServiceSpec(
                "Enablement after hospital",
                "Up to six weeks of daily visits, reducing as confidence grows.",
                ("personal-care", "help-at-home"),
                hours("Mon-Sun 08:00-20:00"),
                (hourly(3600),),
                areas=("HF3", "HF6", "EM2", "EM3"),
                places_free=6,
                published=False,
            ),
        ),
    ),
)


# The whole directory: 60 entries, 4 of them the suppliers the ledger already pays.
ALL_SUPPLIERS: tuple[SupplierSpec, ...] = (
    REGISTERED + MICRO + PERSONAL_ASSISTANTS + COMMUNITY_GROUPS + FREE_ACTIVITIES
)
