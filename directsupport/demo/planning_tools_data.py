"""Everyday content for the demo's person-centred tools, beside what each interest adds.

Keyed by how the person communicates (``people_data.COMMUNICATION`` keys) or where they live
(``PersonSpec.home``) where that changes the words. Placeholders as in ``planning_notes_data``,
plus {mum_name} and {helper} (the relative or worker who helps them think decisions through).
"""

from __future__ import annotations

APPRECIATE = (
    "A big smile that lights up the room",
    "Kind and thoughtful",
    "A great sense of humour",
    "Honest: says what {he} thinks",
    "A loyal friend",
    "Remembers everyone's birthday",
    "Hard-working",
    "Brave: tries new things",
    "Makes new people feel welcome",
    "Generous with {his} time",
    "A good listener",
)

IMPORTANT = (
    "My phone, to keep in touch",
    "Choosing my own clothes",
    "Having my own money",
    "Knowing who is supporting me each day",
    "A lie-in at the weekend",
    "My bedroom the way I like it",
    "People keeping their promises",
)
IMPORTANT_FAITH = {
    "church": "Going to church on Sunday",
    "mosque": "Friday prayers at the mosque",
    "gurdwara": "Going to the gurdwara",
    "temple": "Going to the temple with my family",
    "synagogue": "Friday night dinner and synagogue",
}
IMPORTANT_HOME = {
    "flat": "My own front door",
    "family": "Living with my family",
    "supported": "My own room and my own key",
    "shared_lives": "My Shared Lives family",
}

SUPPORT: dict[str, tuple[str, ...]] = {
    "full_sentences": (
        "Talk to me like you would anyone else",
        "Check I have understood the important things",
        "Remind me about appointments the day before",
    ),
    "short_makaton": (
        "Use short sentences and sign the key words in Makaton",
        "Give me time to answer",
        "Show me photos when you ask me to choose",
    ),
    "ipad_aac": (
        "Make sure my iPad is charged and with me",
        "Ask one question at a time, then wait",
        "Do not finish my sentences for me",
    ),
    "bsl": (
        "Book a BSL interpreter for meetings",
        "Face me and do not cover your mouth",
        "Write things down if there is no interpreter",
    ),
    "nonverbal_objects": (
        "Show me the object for what is happening next",
        "Watch my face and hands: smiling and rocking means I am happy",
        "If I push something away I mean no: respect it",
    ),
    "overwhelmed": (
        "Keep it short and calm, one thing at a time",
        "Write plans down so I can look again later",
        "Find me a quiet room if it gets busy",
    ),
    "pictures_pecs": (
        "Use pictures with your words",
        "Give me two photos to choose from",
        "Keep my picture book up to date",
    ),
    "second_language": (
        "Use simple English and check I have understood",
        "Book a {language} interpreter for important meetings",
        "Learn a few words of {language}: it makes me smile",
    ),
    "visual_impairment": (
        "Tell me who is in the room",
        "Give me large print, size 20 or bigger",
        "Do not move my things without telling me",
    ),
    "reading_difficulty": (
        "Read my letters to me, or send me a voice note",
        "Help me fill in forms",
        "Do not assume I have read something",
    ),
    "autistic": (
        "Say exactly what you mean",
        "Tell me about changes well before they happen",
        "Use my visual timetable",
    ),
    "hearing_older": (
        "Check my hearing aids are in first",
        "Face me and speak clearly, not loudly",
        "Turn the TV down when we talk",
    ),
}
SUPPORT_GENERAL = (
    "Help me plan my week on a Sunday",
    "Let me do things for myself, even if it takes longer",
    "Be on time, and tell me if you will be late",
    "Ask me, not the person with me",
)

IMPORTANT_FOR = (
    "Taking my tablets at breakfast and teatime",
    "Seeing the dentist every six months",
    "My annual health check at the GP",
    "Keeping my money safe: I check my bank card with my support worker",
    "Eating fruit and vegetables, not just takeaways",
    "Drinking enough water, especially when it is hot",
    "Being safe crossing the main road",
    "Getting enough sleep",
    "Knowing who to ring if something goes wrong",
    "Keeping active",
)
IMPORTANT_FOR_COMM = {
    "hearing_older": "Getting my hearing aids checked every year",
    "visual_impairment": "An eye test every year, and good lighting at home",
    "nonverbal_objects": "People who know my signs for pain",
    "autistic": "Warning before changes, so I do not get too anxious",
    "overwhelmed": "Time to calm down in a quiet place",
    "ipad_aac": "My iPad charged every night, so I always have my voice",
}
IMPORTANT_FOR_OLDER = ("My flu jab every autumn", "Not falling: a handrail on the stairs")
IMPORTANT_FOR_FLAT = "Locking my front door at night"

GOOD_MORNING = {
    "flat": "Wake up at 8 in my own flat and put the radio on",
    "family": "Breakfast with my family before everyone goes out",
    "supported": "Wake up when I am ready and have breakfast with my housemates",
    "shared_lives": "Breakfast with my Shared Lives family",
}
GOOD_START = (
    "A cup of tea and toast in my dressing gown",
    "A support worker I know and like arrives on time",
    "A hot shower and my favourite clothes on",
)
GOOD_AFTERNOON = (
    "Lunch out at Rosie's Café",
    "A walk in Kingsmere Park",
    "Seeing my friends",
    "A trip to the Saturday market",
)
GOOD_EVENING = (
    "Tea with the people I love",
    "Watching my programmes with a hot chocolate",
    "A phone call with my family",
)
GOOD_BED = (
    "A bath and bed at 10, with my music on",
    "Bed when I am ready, after my programmes",
    "Bed at 11, after a chat on the phone",
)
BAD_DAY = (
    "I wake up late and everything is rushed",
    "Someone I don't know turns up to support me",
    "The plan changes and nobody tells me",
    "It rains and my activity is cancelled",
    "I can't find my phone",
    "Nobody asks me what I want",
)
BAD_DAY_COMM = {
    "overwhelmed": "Too many people talking at once",
    "autistic": "A surprise change to my timetable",
    "ipad_aac": "My iPad runs out of battery",
    "bsl": "No interpreter at an important meeting",
    "hearing_older": "My hearing aid batteries run out",
    "nonverbal_objects": "People rush me and do not wait for my answer",
    "short_makaton": "People talk too fast and do not sign",
    "pictures_pecs": "My picture book gets left at home",
    "visual_impairment": "Someone moves my things and I can't find them",
    "second_language": "Nobody understands me and I can't explain",
}
BAD_END = (
    "I go to bed upset and can't sleep",
    "A lonely evening with nothing on",
)
MORE_GOOD = (
    "Support workers I know and like, and the same ones each week",
    "Knowing my plan for the week",
    "Time with my family and friends",
    "Being asked what I want",
)

# topic, and whether it works for the person, the family and the staff.
WORKING = (
    ("The people who support me", "working", "working", "working"),
    ("Knowing my support rota in advance", "not_working", "not_working", "working"),
    ("Money: paying bills and saving", "working", "not_working", "working"),
    ("Seeing friends in the evening", "not_working", "working", "not_working"),
    ("Day service on Mondays", "not_working", "working", "not_working"),
    ("Health appointments", "working", "working", "not_working"),
    ("Having enough to do at weekends", "not_working", "not_working", "not_working"),
)
WORKING_HOME = {
    "flat": ("Living in my flat", "working", "not_working", "working"),
    "family": ("Living at home with my family", "working", "working", "not_working"),
    "supported": ("Sharing the house", "not_working", "working", "working"),
    "shared_lives": ("Living with my Shared Lives carer", "working", "working", "working"),
}

# What is happening, what the person does, what we think it means, what we should do.
COMM_CHART: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "full_sentences": (
        (
            "{name} is worried about something",
            "Goes quiet and stays in {his} room",
            "Something is on {his} mind",
            "Ask gently later, over a cup of tea",
        ),
        ("{name} disagrees", "Says so, clearly", "{He} means it", "Listen and talk it through"),
    ),
    "short_makaton": (
        (
            "Someone asks {name} a question",
            "Signs a word or two and looks at you",
            "{He} is answering: the signs are the key words",
            "Wait, sign back and check",
        ),
        (
            "It gets noisy",
            "Covers {his} ears and goes quiet",
            "It is too loud",
            "Find somewhere quieter",
        ),
        (
            "{name} sees someone {he} likes",
            "Big smile, and signs their name",
            "{He} is pleased to see them",
            "Say hello and sign back",
        ),
    ),
    "ipad_aac": (
        (
            "{name} is typing on {his} iPad",
            "Looks down and taps slowly",
            "{He} has something to say",
            "Wait. Do not guess or finish it for {him}",
        ),
        (
            "The iPad battery is low",
            "Gets anxious and holds it up",
            "{He} is worried about losing {his} voice",
            "Charge it now; carry the spare charger",
        ),
        (
            "{name} doesn't want something",
            "Shakes {his} head and pushes it away",
            "No",
            "Respect it and offer something else",
        ),
    ),
    "bsl": (
        (
            "Someone talks to {name} without signing",
            "Looks away or shrugs",
            "{He} can't follow what is being said",
            "Face {him}, write it down, or get the interpreter",
        ),
        (
            "{name} is excited",
            "Signs fast with big movements",
            "{He} has news to share",
            "Give {him} time and your full attention",
        ),
        (
            "The fire alarm goes off",
            "May not react",
            "{He} has not heard it",
            "Tap {his} shoulder and show {him} the way out",
        ),
    ),
    "nonverbal_objects": (
        (
            "{name} is offered two objects",
            "Reaches for one and holds it",
            "That is {his} choice",
            "Go with {his} choice",
        ),
        (
            "{name} is in pain or unwell",
            "Rocks harder, cries out, holds {his} tummy or head",
            "Something hurts",
            "Check the pain chart; ring the GP if it goes on",
        ),
        (
            "{name} is happy",
            "Smiles, claps and hums",
            "{He} is enjoying it",
            "Carry on, and write it down for {his} plan",
        ),
        (
            "{name} is pushed to do something",
            "Pushes things away and turns {his} back",
            "No",
            "Stop; try later or offer something else",
        ),
    ),
    "overwhelmed": (
        (
            "Lots of people talking at once",
            "Goes quiet and looks at the floor",
            "It is too much",
            "Offer the quiet room; talk one at a time",
        ),
        (
            "Plans change suddenly",
            "Asks the same question again and again",
            "{He} is worried",
            "Explain calmly and write the new plan down",
        ),
        (
            "{name} is calm",
            "Chats and jokes",
            "{He} is comfortable",
            "A good time to talk about important things",
        ),
    ),
    "pictures_pecs": (
        (
            "{name} wants something",
            "Brings you a picture card",
            "{He} is asking for it",
            "Say the word; give it if you can, or explain with another card",
        ),
        ("{name} is shown two photos", "Points to one", "That is {his} choice", "Go with it"),
        (
            "{name} is upset",
            "Pushes the picture book away",
            "{He} can't find the right picture",
            "Stay calm and help {him} find the card",
        ),
    ),
    "second_language": (
        (
            "Someone speaks fast English",
            "Nods and smiles",
            "{He} may not have understood",
            "Slow down, use simple words, and check",
        ),
        (
            "{name} is tired",
            "Switches to {language}",
            "English is hard work at the end of the day",
            "Let {him} rest; use pictures or someone who speaks {language}",
        ),
        (
            "{name} talks about home",
            "Lights up and speaks {language}",
            "{He} is happy and proud",
            "Listen, and ask about it",
        ),
    ),
    "visual_impairment": (
        (
            "Someone comes into the room",
            "Turns {his} head to listen",
            "{He} is working out who it is",
            "Say your name when you come in",
        ),
        (
            "{name} is given small print",
            "Holds it very close, then puts it down",
            "{He} can't read it",
            "Give large print, or read it out",
        ),
        (
            "Things have been moved at home",
            "Gets cross and searches",
            "{He} can't find things",
            "Put things back where they live",
        ),
    ),
    "reading_difficulty": (
        (
            "{name} gets a letter",
            "Puts it away unopened",
            "{He} can't read it and feels embarrassed",
            "Offer to read it together, quietly",
        ),
        (
            "Someone gives {name} a form",
            "Says {he} will do it later",
            "{He} needs help but won't ask",
            "Offer help without making a fuss",
        ),
    ),
    "autistic": (
        (
            "Something changes at short notice",
            "Repeats lines from {his} favourite TV show",
            "{He} is anxious",
            "Explain clearly and show the new plan on {his} timetable",
        ),
        (
            "It is noisy",
            "Puts {his} headphones on",
            "{He} is looking after {himself}",
            "Leave {him} be; talk later",
        ),
        (
            "{name} quotes a line from a film",
            "Says it with a smile",
            "{He} is telling you how {he} feels",
            "Ask {him} what it means today",
        ),
    ),
    "hearing_older": (
        (
            "Someone talks from behind {him}",
            "Does not answer",
            "{He} has not heard",
            "Come round to the front and speak clearly",
        ),
        (
            "{His} hearing aids whistle",
            "Fiddles with {his} ears",
            "The batteries are low",
            "Change the batteries: spares are in the kitchen drawer",
        ),
        (
            "{name} is tired",
            "Turns the TV up very loud",
            "{He} is struggling to hear",
            "Check {his} hearing aids and offer subtitles",
        ),
    ),
}
COMM_CHART_GENERAL = (
    "{name} is tired",
    "Yawns and gets short-tempered",
    "{He} needs a rest",
    "Suggest a break; do not start anything new",
)

DECISIONS = (
    "Who supports me, and choosing my personal assistants",
    "How I spend my Individual Service Fund",
    "Where I live, and who with",
    "What I do each day",
    "What I eat",
    "My health and my medicines",
    "Who I see, and my relationships",
    "Big things I buy",
)
# Decisions the person always makes, even when someone else has the final say on big ones.
EVERYDAY_DECISIONS = frozenset({"What I do each day", "What I eat"})
INVOLVED: dict[str, str] = {
    "full_sentences": "Talk it through with me in plain words and give me time to think",
    "short_makaton": "Use pictures and Makaton; ask me on different days",
    "ipad_aac": "Put the choices on my iPad and give me time to answer",
    "bsl": "With a BSL interpreter I know",
    "nonverbal_objects": "Show me the choices with objects and photos; watch how I react over "
    "several days",
    "overwhelmed": "One thing at a time, written down, in a quiet place",
    "pictures_pecs": "Show me photos of the choices, two at a time",
    "second_language": "With someone who speaks {language}",
    "visual_impairment": "Read out to me, with large-print notes",
    "reading_difficulty": "Read to me, and sent as a voice note so I can listen again",
    "autistic": "Written choices, well in advance: no surprises",
    "hearing_older": "Face to face, in a quiet room, with my hearing aids in",
}

COMMUNITY_FEEL_GOOD = ("My home", "Kingsmere Park", "Rosie's Café on Brookwick High Street")
COMMUNITY_MEMBER_FAITH = {
    "church": "My church",
    "mosque": "The mosque",
    "gurdwara": "The gurdwara",
    "temple": "The temple",
    "synagogue": "My synagogue",
}
COMMUNITY_MEMBER = ("The Friday Club at Brookwick Community Hall", "Riverside Days")
COMMUNITY_CUSTOMER = (
    "The Saturday market on Market Street",
    "Tesco on the high street",
    "The chip shop on Crown Street",
    "The barber's and hairdresser's on Kingsmere Parade",
)
COMMUNITY_NEW = (
    "Volunteering at the St Ansell's food bank",
    "The Hollowfield Carnival committee",
    "The walking group in Kingsmere Park",
    "The Thursday clubs at Hollowfield Library",
)

MATCHING_GENERAL = (
    (
        "Support at home: cooking, cleaning and shopping",
        "A good cook who helps without taking over",
        "Patient and cheerful",
        "",
    ),
    ("Managing my money and paperwork", "Organised and good with numbers", "Honest and clear", ""),
    ("Getting to appointments", "Can drive, or knows the buses; reliable", "Calm and on time", ""),
)
MATCHING_COMM_SKILL = {
    "full_sentences": "Good at listening",
    "short_makaton": "Knows Makaton, or will learn it",
    "ipad_aac": "Patient with my iPad; knows how to add new words to it",
    "bsl": "Fluent in BSL",
    "nonverbal_objects": "Knows my objects and signs; has read my communication chart",
    "overwhelmed": "Calm and quiet; does not rush me",
    "pictures_pecs": "Uses my picture book",
    "second_language": "Speaks {language}",
    "visual_impairment": "Knows sighted guiding",
    "reading_difficulty": "Reads my letters with me, without fuss",
    "autistic": "Understands autism; keeps to the plan",
    "hearing_older": "Speaks clearly and faces me",
}
