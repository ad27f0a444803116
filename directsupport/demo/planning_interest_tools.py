"""What each demo interest adds to a person's tools and outcomes (sports are in
``planning_sport_tools``).

Tool items are in the person's voice where the tool is ("Swimming on Tuesdays"), about them
where it is what others appreciate ("A strong swimmer"). Placeholders as in
``planning_notes_data``. An action's ``who`` is filled from the person's own circle: ``me``
(the person), ``keyworker``, ``coordinator``, ``family`` (their closest relative at the day) or
``contact`` (the circle member whose relationship mentions the interest's ``contact`` words,
else ``fallback``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ActionSpec:
    what: str
    who: str
    months: int  # after the outcome was agreed


@dataclass(frozen=True)
class OutcomeSpec:
    text: str
    actions: tuple[ActionSpec, ...]


@dataclass(frozen=True)
class InterestTools:
    appreciate: str
    important: tuple[str, str]
    good_day: str
    more_good: str
    feel_good: str
    member: str
    customer: str
    new: str
    # support wanted, skills needed, personality, shared interests
    matching: tuple[str, str, str, str]
    balance: str
    # topic, and whether it is working for the person, family and staff
    working: tuple[str, str, str, str]
    contact: str
    fallback: str
    outcomes: tuple[OutcomeSpec, ...]


def _a(what: str, who: str, months: int) -> ActionSpec:
    return ActionSpec(what, who, months)


# Arts, music, food and everyday interests; sports are in planning_sport_tools.
EVERYDAY_TOOLS: dict[str, InterestTools] = {
    "music": InterestTools(
        appreciate="Knows every word of every song, and keeps the group in time on the drums",
        important=("My music, from the minute I wake up", "Music group on Wednesdays"),
        good_day="Music group at Riverside Days, then lunch with my friends",
        more_good="Music on when I get up, and something musical to look forward to each week",
        feel_good="The music group at Riverside Days",
        member="The Wednesday music group",
        customer="The record shop on Brookwick High Street",
        new="The community samba band that practises at Brookwick Community Hall",
        matching=(
            "Going to music group and gigs",
            "Can drive; happy to be out in the evening",
            "Lively, patient in crowds",
            "Loves live music",
        ),
        balance="I love my music loud, and it is important I keep my hearing and keep my "
        "neighbours happy. We agreed: headphones after 9 at night, and a hearing test every year.",
        working=("Going to music group", "working", "working", "working"),
        contact="music",
        fallback="Riverside Days music group",
        outcomes=(
            OutcomeSpec(
                "I play the drums in a band with other people",
                (
                    _a("Find out about the samba band at Brookwick Community Hall", "keyworker", 1),
                    _a("Go to a taster session, with {keyworker} the first time", "me", 2),
                    _a("Sort out getting there and back on Thursday evenings", "coordinator", 3),
                ),
            ),
            OutcomeSpec(
                "I go to a big concert at the O2",
                (
                    _a("Choose the concert and buy the tickets", "me", 2),
                    _a("Book accessible seats and plan the journey", "keyworker", 3),
                ),
            ),
        ),
    ),
    "dance": InterestTools(
        appreciate="The first one on the dance floor, and gets everyone else up too",
        important=("Dancing every week", "The Friday Club disco"),
        good_day="Dance for All at the Albion Arts Centre in the evening",
        more_good="Dancing at least twice a week, with the holidays too",
        feel_good="The Friday Club disco at Brookwick Community Hall",
        member="Dance for All at the Albion Arts Centre",
        customer="The dancewear shop in the Broadway centre",
        new="The carnival dance group that rehearses in Kingsmere in the spring",
        matching=(
            "Getting to dance classes and the disco",
            "Confident out in the evening; knows the buses home",
            "Fun, energetic, not easily embarrassed",
            "Likes dancing too",
        ),
        balance="I want to dance late at the disco, and it is important I get home safely. We "
        "agreed my support worker stays until the end and we get a taxi home after 10.",
        working=("Dancing on Friday nights", "working", "working", "working"),
        contact="dance",
        fallback="Dance for All",
        outcomes=(
            OutcomeSpec(
                "I dance at the Hollowfield Carnival with a dance group",
                (
                    _a("Ask the carnival dance group if I can join", "keyworker", 1),
                    _a("Go to rehearsals every Saturday in the spring", "me", 4),
                    _a("Make my carnival costume", "family", 6),
                ),
            ),
            OutcomeSpec(
                "I dance on stage in a real show",
                (
                    _a("Find an inclusive dance company that does shows", "coordinator", 2),
                    _a("Audition, with my dance teacher's help", "me", 4),
                ),
            ),
        ),
    ),
    "computer_games": InterestTools(
        appreciate="A whizz with technology, and patient teaching people games",
        important=("My PlayStation", "Gaming with my friends online in the evening"),
        good_day="Gaming with my friends in the evening",
        more_good="Time to play my games, and friends to play with in person too",
        feel_good="Gaming night at Hollowfield Library",
        member="The Thursday gaming night at the library",
        customer="The games shop in the Broadway centre",
        new="The coding club at Hollowfield College",
        matching=(
            "Help with college and learning new tech skills",
            "Good with computers; can explain things simply",
            "Patient, relaxed, a bit of a geek",
            "Plays video games",
        ),
        balance="I love gaming late at night, and it is important I get enough sleep and stay "
        "safe online. We agreed: consoles off at midnight on weekdays, and I only chat with "
        "friends I have met in real life.",
        working=("Staying safe online", "working", "not_working", "working"),
        contact="gaming",
        fallback="Hollowfield Library gaming night",
        outcomes=(
            OutcomeSpec(
                "I learn to make my own computer game",
                (
                    _a("Find a games design course at Hollowfield College", "keyworker", 1),
                    _a("Go to the college open day", "me", 2),
                    _a("Apply for the course", "me", 3),
                ),
            ),
            OutcomeSpec(
                "I go to a gaming show with my friends",
                (
                    _a("Choose the show and the date with my friends", "me", 2),
                    _a("Book the tickets and plan the trip", "contact", 4),
                ),
            ),
        ),
    ),
    "cooking": InterestTools(
        appreciate="A brilliant cook: {his} {dish} is famous",
        important=("Cooking my own tea", "Making {dish} on special days"),
        good_day="Cooking my tea from scratch",
        more_good="Food shopping at the Saturday market, and cooking for other people",
        feel_good="My kitchen",
        member="The cookery course at Hollowfield College",
        customer="The Saturday market on Market Street",
        new="The community kitchen at St Ansell's, which cooks for the lunch club",
        matching=(
            "Cooking and food shopping",
            "A good cook who knows kitchen safety",
            "Patient, lets me do it myself",
            "Likes cooking and trying new food",
        ),
        balance="I want to cook on my own, and it is important I stay safe with hot pans and the "
        "oven. We agreed I use the back rings and a timer, and someone is in the flat when the "
        "oven is on. I do everything else myself.",
        working=("Cooking my own meals", "working", "working", "working"),
        contact="cookery",
        fallback="Hollowfield College",
        outcomes=(
            OutcomeSpec(
                "I cook a meal for my friends at home",
                (
                    _a("Choose the menu and write the shopping list", "me", 1),
                    _a("Practise the meal twice with support", "keyworker", 2),
                    _a("Invite my friends", "me", 3),
                ),
            ),
            OutcomeSpec(
                "I get a job in a café kitchen",
                (
                    _a("Get my food hygiene certificate", "me", 3),
                    _a(
                        "Ask the café on Brookwick High Street about work experience",
                        "coordinator",
                        4,
                    ),
                ),
            ),
        ),
    ),
    "bus_trips": InterestTools(
        appreciate="A walking bus timetable: never once got us lost",
        important=("My bus pass", "The front seat upstairs on the bus"),
        good_day="A bus ride on the top deck somewhere new",
        more_good="A day out on the bus every week",
        feel_good="The top deck of the bus",
        member="The Saturday trips club",
        customer="Rosie's Café, after a bus ride",
        new="The London Transport Museum's friends' days",
        matching=(
            "Days out on buses and trains",
            "Good at planning journeys",
            "Easy-going, likes an adventure",
            "Likes buses and travel",
        ),
        balance="I want to travel on my own, and it is important I stay safe and know what to do "
        "if the bus does not come. We agreed I practise the route with my support worker first, "
        "and I carry my travel card with my phone number on it.",
        working=("Travelling on the bus", "working", "not_working", "working"),
        contact="trips",
        fallback="The Saturday trips club",
        outcomes=(
            OutcomeSpec(
                "I travel on the bus on my own to places I know",
                (
                    _a("Practise the route to the leisure centre with support", "keyworker", 1),
                    _a("Do the journey with support following behind", "keyworker", 2),
                    _a("Travel on my own, with my travel card and phone", "me", 4),
                ),
            ),
            OutcomeSpec(
                "I go on a train to the seaside",
                (
                    _a("Choose where to go: Brighton or Southend", "me", 1),
                    _a("Get a Disabled Persons Railcard", "family", 2),
                ),
            ),
        ),
    ),
    "animals": InterestTools(
        appreciate="Gentle with animals: they trust {him}",
        important=("Animals, especially dogs", "Volunteering at the city farm"),
        good_day="Feeding the goats at Hollowfield City Farm",
        more_good="Time with animals every week",
        feel_good="Hollowfield City Farm",
        member="The volunteers at Hollowfield City Farm",
        customer="The pet shop on Mill Lane",
        new="The Cinnamon Trust, walking dogs for older people",
        matching=(
            "Volunteering with animals",
            "Likes animals; not scared of dogs",
            "Calm, gentle, outdoorsy",
            "Loves animals",
        ),
        balance="I want to be around animals, and it is important I keep clean and safe. We "
        "agreed I wash my hands after the farm, and I wear boots and gloves when I muck out.",
        working=("Volunteering at the farm", "working", "working", "working"),
        contact="farm",
        fallback="Hollowfield City Farm",
        outcomes=(
            OutcomeSpec(
                "I get a job working with animals",
                (
                    _a("Ask the city farm about a longer volunteering role", "contact", 1),
                    _a("Ask the vet's on Mill Lane about work experience", "coordinator", 3),
                ),
            ),
            OutcomeSpec(
                "I have my own cat",
                (
                    _a("Check the tenancy allows pets", "coordinator", 1),
                    _a("Learn how to look after a cat with the RSPCA leaflet", "me", 2),
                ),
            ),
        ),
    ),
    "art": InterestTools(
        appreciate="A real artist who sees colour like nobody else",
        important=("Drawing every day", "My sketchbooks"),
        good_day="Painting in the art studio at Riverside Days",
        more_good="Time and space to draw, and new art materials now and then",
        feel_good="The art studio at Riverside Days",
        member="The Riverside Days art group",
        customer="The art shop on Albion Road",
        new="The open studio sessions at the Albion Arts Centre",
        matching=(
            "Going to art classes and galleries",
            "Arty; knows London galleries",
            "Quiet, encouraging",
            "Likes art",
        ),
        balance="I want to paint for hours, and it is important I eat and take breaks. We agreed "
        "my support worker reminds me about lunch at 1 o'clock, and I stop when the alarm goes.",
        working=("Art at Riverside Days", "working", "working", "working"),
        contact="art",
        fallback="Riverside Days art studio",
        outcomes=(
            OutcomeSpec(
                "I show my pictures in an exhibition",
                (
                    _a("Choose my ten best pictures", "me", 1),
                    _a("Ask the Albion Arts Centre about their community gallery", "contact", 2),
                    _a("Frame the pictures", "family", 4),
                ),
            ),
            OutcomeSpec(
                "I sell my art",
                (
                    _a("Make cards from my pictures", "me", 2),
                    _a("Book a stall at the Christmas market", "keyworker", 4),
                ),
            ),
        ),
    ),
    "gardening": InterestTools(
        appreciate="Green fingers: everything {he} plants grows",
        important=("My allotment", "Being outside with my hands in the soil"),
        good_day="A morning on the allotment",
        more_good="Time on the allotment in all seasons",
        feel_good="The allotments on Reedbed Road",
        member="Marsh Green Allotment Society",
        customer="The garden centre on the A10",
        new="The community garden being planned on the estate",
        matching=(
            "Gardening at the allotment",
            "Knows gardening; happy to get muddy",
            "Hard-working, down to earth",
            "Likes gardening",
        ),
        balance="I want to dig all day, and it is important I look after my back. We agreed I "
        "take turns digging and sowing, and I use the kneeler.",
        working=("The allotment", "working", "working", "working"),
        contact="allotment",
        fallback="Marsh Green Allotment Society",
        outcomes=(
            OutcomeSpec(
                "I win a prize at the allotment show",
                (
                    _a("Plant the runner beans in May", "me", 1),
                    _a("Enter the show in August", "contact", 4),
                ),
            ),
            OutcomeSpec(
                "I get a job at a garden centre",
                (
                    _a("Ask the garden centre on the A10 about work experience", "coordinator", 2),
                    _a("Go for a trial day", "me", 4),
                ),
            ),
        ),
    ),
    "library": InterestTools(
        appreciate="Reads everything, and a great memory for facts",
        important=("My books and audiobooks", "Quiet time with a book"),
        good_day="A quiet afternoon at Hollowfield Library",
        more_good="A new book every week, and quiet time to read it",
        feel_good="Hollowfield Library",
        member="The library reading group",
        customer="The second-hand bookshop on Bell Street",
        new="The pub quiz at the Crown on Tuesdays",
        matching=(
            "Going to the library and reading group",
            "Likes reading; can read aloud well",
            "Calm, curious, quietly funny",
            "Likes books",
        ),
        balance="I want to read late into the night, and it is important I get enough sleep. We "
        "agreed I listen to an audiobook with a sleep timer.",
        working=("Going to the library", "working", "working", "working"),
        contact="librar",
        fallback="Hollowfield Library",
        outcomes=(
            OutcomeSpec(
                "I volunteer at the library",
                (
                    _a("Ask about volunteering at Rhyme Time", "contact", 1),
                    _a("Do my first volunteering session", "me", 2),
                ),
            ),
            OutcomeSpec(
                "I join a quiz team",
                (_a("Go to the pub quiz at the Crown with a friend", "me", 1),),
            ),
        ),
    ),
    "church_choir": InterestTools(
        appreciate="A beautiful singing voice: the heart of the choir",
        important=("Singing in the choir on Sundays", "Choir practice on Thursdays"),
        good_day="Choir practice in the evening",
        more_good="Singing every week, and a concert to practise for",
        feel_good="My church on a Sunday",
        member="The church choir",
        customer="The café opposite the church after the service",
        new="The gospel choir at the Albion Arts Centre",
        matching=(
            "Getting to choir and church",
            "Knows the church; happy to be out on Sundays",
            "Warm, a good listener",
            "Likes singing",
        ),
        balance="I want to sing with the choir at every service, and it is important I do not get "
        "too tired. We agreed I sing on Sunday mornings and go to practice on Thursdays, but not "
        "every evening event.",
        working=("Choir", "working", "working", "working"),
        contact="choir",
        fallback="the church choir",
        outcomes=(
            OutcomeSpec(
                "I sing a solo at the carol concert",
                (
                    _a("Ask the choir leader for a solo", "me", 1),
                    _a("Practise with the choir leader every Thursday", "contact", 3),
                ),
            ),
        ),
    ),
    "drama": InterestTools(
        appreciate="A born performer who learns lines faster than anyone",
        important=("Drama group on Mondays", "Being on stage"),
        good_day="Drama group at the Albion Arts Centre",
        more_good="A show to rehearse for",
        feel_good="The stage at the Albion Arts Centre",
        member="Hollowfield Theatre Company's inclusive group",
        customer="The theatre café",
        new="The film-making course at Hollowfield College",
        matching=(
            "Getting to drama and the theatre",
            "Likes theatre; can help me learn lines",
            "Outgoing, playful",
            "Likes drama and films",
        ),
        balance="I want to rehearse late before a show, and it is important I get home safely and "
        "rest. We agreed a taxi home after late rehearsals, and a quiet day after the show.",
        working=("Drama group", "working", "working", "working"),
        contact="drama",
        fallback="Hollowfield Theatre Company",
        outcomes=(
            OutcomeSpec(
                "I get a part in the summer show",
                (
                    _a("Go to the auditions in March", "me", 2),
                    _a("Practise my lines with help", "keyworker", 3),
                ),
            ),
            OutcomeSpec(
                "I see The Lion King in the West End",
                (_a("Book accessible seats for a matinee", "family", 2),),
            ),
        ),
    ),
}
