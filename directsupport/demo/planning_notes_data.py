"""What people said on the demo's Planning Live days: lines for every question, in many voices.

Lines are written one per row as ``question voice|text`` under a ``[section]`` heading, so the
phrase banks read like the sticky notes they become. A section says who the lines suit: an
interest (``[swimming]``, in ``planning_interest_notes``), everyone (``[general]``), or people
with something in common (``[faith:church]``, ``[home:flat]``, ``[comm:bsl]``, ``[age:young]``,
``[family:mum]``). The voice says who could have said it:

- ``me``: the person, in their own short, plain words; ``show``: the person, for people who do
  not use words (what they showed us, written down as it happened);
- ``fam``, ``friends``, ``pro``: anyone in that part of the circle (family; friends and
  neighbours; paid staff and community people); ``any``: anyone in the circle;
- a kind of relationship (``mum``, ``sibling``, ``keyworker``, ``advocate`` …): only them.

Placeholders: {name}, {he} {him} {his} {He} {His} {himself} (turned into she/her for women),
{area}, {dish} (a favourite dish from the person's family heritage), {team}, {language},
{keyworker}, {sibling} and {sibling_name}.
"""

from __future__ import annotations

from dataclasses import dataclass

from directsupport.planning.models import Question

OWN_VOICES = frozenset({"me", "show"})
CATEGORIES = frozenset({"fam", "friends", "pro", "any"})
KINDS = frozenset(
    {
        "mum",
        "dad",
        "sibling",
        "grandparent",
        "relative",
        "partner",
        "friend",
        "housemate",
        "neighbour",
        "keyworker",
        "pa",
        "carer",
        "advocate",
        "professional",
        "community",
        "faith",
    }
)
VOICES = OWN_VOICES | CATEGORIES | KINDS


@dataclass(frozen=True)
class NoteLine:
    section: str
    question: str
    voice: str
    text: str


def parse_lines(source: str) -> tuple[NoteLine, ...]:
    """Read a phrase bank; a mistake in one (unknown question or voice) fails at import."""
    lines: list[NoteLine] = []
    section = ""
    for raw in source.splitlines():
        row = raw.strip()
        if not row or row.startswith("#"):
            continue
        if row.startswith("[") and row.endswith("]"):
            section = row[1:-1]
            continue
        head, _, text = row.partition("|")
        question, _, voice = head.partition(" ")
        if question not in Question.values or voice not in VOICES or not text or not section:
            raise ValueError(f"Bad phrase bank line: {row!r}")
        lines.append(NoteLine(section, question, voice, text))
    return tuple(lines)


_COMMON = """
[general]
admire any|{He} has the best laugh. Once {he} starts, the whole room joins in.
admire any|Kind to everyone. {He} always asks how you are and really listens to the answer.
admire any|{He} never gives up. When something is hard {he} just tries again the next week.
admire any|Honest. If {he} doesn't like something, {he}'ll tell you, nicely.
admire any|Generous: {he}'d give you {his} last biscuit.
admire any|{He} has a real sense of fairness and speaks up if someone is being left out.
admire any|Brave. {He} tried the climbing wall at the leisure centre when none of us would.
admire any|{He} remembered my name after meeting me once. A great memory for faces.
admire fam|{He} lights up the room when {he} walks in.
admire fam|{He}'s the first to notice when someone is sad, and {he}'ll go and sit with them.
admire fam|The best hugs in the family.
admire friends|Great company on a long bus ride. Never a dull moment.
admire friends|{He} always saves me a seat.
admire friends|{He} makes me laugh when I'm feeling down.
admire pro|Brilliant at making new people feel welcome. {He} showed our new volunteer round on her first day.
admire pro|{He} has a cheeky sense of humour and does a very good impression of me.
admire pro|{He} knows what {he} wants and isn't afraid to say so. That's a real strength.
important me|My phone, so I can ring my family.
important me|Having my own money and choosing what to buy.
important me|My bedroom the way I like it.
important me|Being asked, not told.
important me|Knowing who is coming to support me each day.
important me|A cup of tea with two sugars when I get up.
important me|People keeping their promises.
important me|Going to bed when I choose.
important any|Knowing what's happening next. A picture timetable on the fridge helps.
important any|Choosing {his} own clothes. {He} likes to look smart.
important any|Staff who don't keep changing. {He} takes time to trust new people.
important pro|Being treated like an adult, and not talked about in front of {him}.
important fam|Family meals on a Sunday. {He} would never miss one.
places me|The Saturday market on Market Street.
places me|Rosie's Café on Brookwick High Street. I have a hot chocolate.
places me|Kingsmere Park when it is sunny.
places me|The seaside at Southend.
places me|The cinema at Hollowfield Broadway. Popcorn!
places me|The charity shops on Brookwick High Street.
places any|Kingsmere Park, to feed the ducks on the mere.
places any|Rosie's Café for a fry-up on a Saturday morning.
places any|The Friday Club disco at Brookwick Community Hall.
places any|Westfield, just to look round the shops.
tick me|Being busy. I don't like sitting around.
tick me|Getting a text from my friends.
tick me|Being outside.
tick me|Having something to look forward to.
tick any|Routine. {He} likes to know the plan for the day before breakfast.
tick any|Making people laugh.
tick any|Being helpful. Give {him} a job and {he}'s happy.
tick any|Praise. When {he} does well, tell {him}: {he} glows.
tick any|Chocolate. Especially Maltesers.
tick fam|Being in charge of the TV remote!
tick pro|Feeling useful. {He} is at {his} best with a proper job to do.
gifts me|I am good at tidying up.
gifts me|I can make people smile.
gifts me|I am a good friend.
gifts any|A brilliant listener.
gifts any|Great with older people. Really patient.
gifts any|Makes tea for everyone and knows how each person takes it.
gifts any|{He} welcomes new people and shows them around.
gifts any|Little children love {him}.
gifts pro|Reliable: if {he} says {he}'ll be there, {he}'s there.
gifts pro|{He} notices when things need doing and just does them.
resources me|I have a bus pass and I know the routes.
resources me|I can help at the Friday Club, setting out the chairs.
resources me|I know lots of people in {area}.
resources any|{His} time: {he} would happily help at the St Ansell's food bank on Saturdays.
resources any|A big collection of DVDs, and {he} lends them to friends.
resources pro|Spare time in the week that {he}'d like to give to a good cause.
future me|I want a paid job.
future me|I want to go on holiday with my friends, not just with staff.
future me|I want to go to the seaside this summer.
future me|I want to have a party for my birthday.
future me|I want to go on a plane.
future any|{He} would love a part-time job, maybe in a café.
future any|More friends {his} own age, to go out with in the evenings.
future any|To do more for {himself} at home, with less help.
important show|Took the cup from the objects bag: a cup of tea first thing.
places show|Chose the photo of the park, twice.
tick show|Laughed and clapped when the music came on.
gifts show|Passed the biscuits round to everyone at the table.
future show|Picked the photo of the beach and kept hold of it.

[faith:church]
important me|Going to church on Sunday.
important any|{His} church family. They have known {him} for years.
places me|My church on Sunday morning.
tick any|Singing the hymns, loudly!
gifts faith|{He} hands out the hymn books and welcomes everyone at the door.
resources any|{He} helps serve the teas after the Sunday service.

[faith:mosque]
important me|Going to the mosque on Friday.
important any|Ramadan and Eid with all the family.
places me|The mosque on Friday for prayers.
gifts faith|{He} helps tidy up after Friday prayers without being asked.
resources any|{He} helps with the iftar meals in Ramadan.

[faith:gurdwara]
important me|Going to the gurdwara with my family.
places any|The gurdwara on Sundays, for langar.
gifts faith|{He} helps serve langar. Everyone there knows {him}.
resources me|I can help in the langar kitchen.

[faith:temple]
important me|Going to the temple with my family.
places any|The temple at Diwali. {He} loves the lights and the food.
gifts faith|{He} helps set out the flowers for puja.
resources any|{He} helps hand out prasad after the service.

[faith:synagogue]
important me|Friday night dinner with my family.
places me|Synagogue on Saturday morning.
gifts faith|{He} always stays for kiddush and talks to everyone.
resources any|{He} helps set up for kiddush on Saturdays.

[home:flat]
important me|My own front door.
important any|{His} flat. {He} is so proud of it.
tick me|Having people round for tea in my flat.
future me|I want to do my own shopping online.

[home:family]
important me|Living with my family.
future me|I want my own flat one day.
future fam|We want {him} to have {his} own place one day, with the right support, near us.

[home:supported]
important me|My room at the house, and my own key.
tick any|The others in the house. {He} likes a natter in the kitchen.
future me|I want to choose who supports me at home.

[home:shared_lives]
important me|Living with my Shared Lives family.
tick carer|Being part of everything at home: Sunday lunch, the school run, the lot.

[comm:short_makaton]
important me|People who sign with me.
tick any|When people sign with {him}, {he} beams.
gifts pro|{He} teaches staff new Makaton signs, very patiently.
resources me|I can teach people Makaton.

[comm:ipad_aac]
important me|My iPad, charged.
tick any|People waiting for {him} to finish on {his} iPad. {He} has a lot to say.
resources me|I can show people how my talker works.

[comm:bsl]
important me|People who sign BSL.
places me|Deaf club at the Albion Arts Centre on Fridays.
gifts any|{He} teaches us BSL signs and laughs at our mistakes.
resources me|I can teach people BSL.
future me|I want more people to learn BSL.

[comm:nonverbal_objects]
important any|People who know {him} well and know what {his} sounds and signs mean.
tick any|{His} objects of reference bag. It tells {him} what is happening next.

[comm:overwhelmed]
important me|A quiet room when it gets too much.
tick any|Calm, quiet places and one thing at a time.
important any|Getting the plan written down, so {he} can look at it again later.

[comm:pictures_pecs]
important me|My picture book.
tick any|Choosing between two photos. {He} knows exactly what {he} wants.

[comm:second_language]
important me|Speaking {language} with my family.
important any|Food from home, and speaking {language}.
resources me|I can help people who speak {language}.

[comm:visual_impairment]
important me|Large print, and my magnifier.
tick any|Audiobooks and the radio.
gifts any|{He} recognises everyone by their voice straight away.

[comm:reading_difficulty]
important me|People reading my letters to me, not just giving them to me.
gifts any|A great talker. {He} could talk to anyone.
resources me|I can talk to new people and make them feel welcome.

[comm:autistic]
important me|Knowing about changes before they happen.
tick any|{His} favourite TV shows. {He} quotes them to tell you how {he} feels.
gifts any|An eye for detail. {He} notices everything.

[comm:hearing_older]
important me|My hearing aids, with new batteries.
important any|People facing {him} when they talk.

[comm:full_sentences]
tick me|A good natter.
gifts any|{He} speaks up for others at the residents' meeting.
resources me|I can speak at meetings about what it's like to have support.

[age:young]
important me|College.
important me|Going out with people my own age.
places any|Hollowfield College, where {his} friends are.
future me|I want to go to college to learn more.

[age:older]
important me|My photos of my family.
tick any|Remembering the old days in Hollowfield. {He} remembers when the market was twice the size.
places me|The lunch club at St Ansell's on Thursdays.
resources any|{His} stories. {He} remembers Hollowfield from years ago.

[family:mum]
important me|My mum.
places me|My mum's house.
important show|Held the photo of Mum and smiled.

[family:sibling]
important me|My {sibling} {sibling_name}.
places any|{His} {sibling}'s house for Sunday dinner.

[voices]
admire mum|{He} was the happiest baby and {he}'s still the happiest person I know.
admire mum|I'm so proud of how far {he} has come. {He} does things now I never thought {he} would.
admire mum|{He} looks after me as much as I look after {him}.
admire mum|A heart of gold. {He} would give anyone {his} last pound.
admire dad|{He}'s got a stubborn streak, like me. When {he} decides something, it happens.
admire dad|{He} always makes me laugh, even on a bad day.
admire dad|The bravest person in our family.
admire sibling|{He}'s the one who remembers everyone's birthday. Never forgets a card.
admire sibling|Growing up, {he} always stuck up for me. {He} still does.
admire sibling|{He} is the glue in our family.
admire sibling|My kids think {he} is the coolest person in the world.
admire grandparent|{He} rings me every Sunday without fail.
admire grandparent|My favourite grandchild. Don't tell the others.
admire relative|At every family party {he}'s first on the dance floor.
admire relative|{He} always asks after everyone and never forgets a name.
admire keyworker|In all the time I've supported {him}, I've never seen {him} give up on anything.
admire keyworker|{He} keeps me on my toes. {He} always knows if I've forgotten something.
admire keyworker|{He} has taught me more than I've taught {him}.
admire pa|Every day is different with {him}. {He} always has a plan.
admire pa|Great company. The time flies.
admire carer|{He} is part of our family. The grandchildren adore {him}.
admire carer|{He} helps with everything at home without being asked.
admire advocate|{He} knows {his} own mind, and it's a privilege to help {him} say it.
admire advocate|{He} says so much with {his} face and hands, if you take the time to watch.
admire professional|{He} comes to appointments with {his} questions ready.
admire professional|{He} has worked so hard on the things we agreed.
admire community|One of the most popular people in the group.
admire community|Always the first to help tidy up at the end.
admire faith|{He} greets everyone at the door with a smile.
admire faith|Our community wouldn't be the same without {him}.
admire partner|{He} makes me happy every day.
admire partner|{He} is kind and {he} always listens.
admire housemate|{He} makes the best cup of tea in the house.
admire housemate|{He} always knocks on my door to check I'm all right.
admire neighbour|{He} always says hello and takes my bins in.
admire neighbour|{He} keeps an eye on my cat when I'm away.
admire friend|We've been friends since college. {He} has never let me down.
admire friend|{He}'s the funniest person I know.
"""  # noqa: E501

COMMON_LINES = parse_lines(_COMMON)

# A favourite dish from home, for the cooks ("her jollof rice is famous").
DISHES: dict[str, str] = {
    "bangladeshi": "fish curry",
    "caribbean": "rice and peas",
    "chinese": "dumplings",
    "english": "shepherd's pie",
    "eritrean": "zigni with injera",
    "filipino": "chicken adobo",
    "ghanaian": "jollof rice",
    "greek_cypriot": "koupepia",
    "guinean": "peanut stew",
    "gujarati": "dhokla",
    "igbo": "jollof rice",
    "indian": "dal",
    "iranian": "tahdig",
    "irish": "soda bread",
    "italian": "lasagne",
    "jewish": "challah",
    "kenyan": "chapati",
    "pakistani": "biryani",
    "polish": "pierogi",
    "portuguese": "custard tarts",
    "punjabi": "parathas",
    "romanian": "sarmale",
    "scottish": "shortbread",
    "somali": "sambusa",
    "tamil": "dosa",
    "turkish": "börek",
    "vietnamese": "spring rolls",
    "yoruba": "jollof rice",
    "zimbabwean": "sadza and stew",
}

TEAMS = ("Arsenal", "Tottenham", "West Ham", "Leyton Orient")

# How a best guess was checked with the person, by how they communicate. "{name}" etc. as above.
CHECKED_HOW: dict[str, tuple[str, ...]] = {
    "short_makaton": (
        "Asked {name} with photos at our next meeting; {he} said yes and signed it.",
        "Showed {name} the photo and signed the words; {he} signed 'yes' and smiled.",
    ),
    "pictures_pecs": (
        "Showed {name} the photo with the yes and no symbols; {he} pointed to 'yes'.",
        "Put two photos down; {name} chose this one straight away.",
    ),
    "ipad_aac": (
        "Read it to {name}; {he} typed 'yes that is right' on {his} iPad.",
        "Asked {name} one question at a time; {he} nodded and typed 'yes'.",
    ),
    "nonverbal_objects": (
        "Offered {name} the object on two days; {he} reached for it and smiled both times.",
        "Showed {name} the photo at home with {his} mum; {he} held on to it and laughed.",
    ),
    "bsl": (
        "Checked with {name} in BSL with {his} interpreter; {he} signed 'yes, that's me'.",
        "Wrote it down for {name}; {he} read it, nodded and signed 'yes'.",
    ),
    "second_language": (
        "Asked {name} in {language} with {his} family's help; {he} said yes.",
        "Went through it with {name} and a {language} interpreter; {he} agreed.",
    ),
    "overwhelmed": (
        "Went through it with {name} in a quiet room, one thing at a time; {he} agreed.",
        "Wrote it down and left it with {name}; {he} texted 'yes that is right' the next day.",
    ),
    "autistic": (
        "Showed {name} the list and asked about each line; {he} said 'correct'.",
        "Checked with {name} at our usual Tuesday meeting; {he} said yes.",
    ),
    "visual_impairment": (
        "Read it out to {name}; {he} said 'yes, that's me'.",
        "Gave {name} a large-print copy; {he} read it and agreed.",
    ),
    "hearing_older": (
        "Went through it with {name} with {his} hearing aids in; {he} said yes.",
        "Read it to {name} face to face in a quiet room; {he} agreed.",
    ),
}
CHECKED_HOW_DEFAULT = (
    "Read it out to {name} over a cup of tea; {he} said 'yes, that's me'.",
    "Talked it through with {name} at home; {he} agreed and added a bit more.",
    "Asked {name} at our next meeting; {he} said yes straight away.",
)
NOT_AGREED_HOW = (
    "Asked {name}; {he} said no, {he} doesn't like that any more.",
    "{name} said that was years ago, not now.",
    "{name} shook {his} head when we asked, twice on different days: not for {him}.",
    "{name} said no: {he} only does that because other people want {him} to.",
)
