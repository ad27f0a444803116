"""What each demo sport or outdoor interest adds to a person's tools and outcomes.

The shapes and placeholders are explained in ``planning_interest_tools``.
"""

from __future__ import annotations

from .planning_interest_tools import ActionSpec, InterestTools, OutcomeSpec


def _a(what: str, who: str, months: int) -> ActionSpec:
    return ActionSpec(what, who, months)


SPORT_TOOLS: dict[str, InterestTools] = {
    "cricket": InterestTools(
        appreciate="Knows every cricket score and every rule",
        important=("Cricket on the radio", "Playing for my team in the summer"),
        good_day="Cricket practice at Hollowfield Cricket Club",
        more_good="Cricket in the summer and something sporty in the winter too",
        feel_good="Hollowfield Cricket Club in Ashby Vale",
        member="Hollowfield Cricket Club",
        customer="The sports shop on Ashby Road",
        new="The indoor cricket nets at the leisure centre in the winter",
        matching=(
            "Going to cricket practice and matches",
            "Knows cricket; can keep score",
            "Calm, patient, a good sport",
            "Cricket fan",
        ),
        balance="I love playing cricket all day, and it is important I do not get too much sun. "
        "We agreed: sun cream at lunch and tea, a hat, and plenty of water.",
        working=("Cricket in the summer", "working", "working", "working"),
        contact="cricket",
        fallback="Hollowfield Cricket Club",
        outcomes=(
            OutcomeSpec(
                "I watch England play at the Oval",
                (
                    _a("Buy tickets for a one-day match", "me", 3),
                    _a("Plan the train journey and the accessible entrance", "keyworker", 4),
                ),
            ),
            OutcomeSpec(
                "I play in the summer league for my club",
                (
                    _a("Ask the captain about a place in the league team", "me", 1),
                    _a("Get my own kit and pads", "family", 2),
                ),
            ),
        ),
    ),
    "fishing": InterestTools(
        appreciate="So patient, and knows every knot there is",
        important=("Fishing at the mere", "My fishing gear"),
        good_day="Fishing at the mere in Kingsmere Park all afternoon",
        more_good="Fishing every week when the weather is good",
        feel_good="The mere in Kingsmere Park",
        member="Kingsmere Angling Club",
        customer="The tackle shop on Mill Lane",
        new="Walthamstow Wetlands fishing lakes",
        matching=(
            "Going fishing",
            "Knows fishing and water safety",
            "Quiet, patient, happy outdoors",
            "Likes fishing",
        ),
        balance="I love fishing by the water, and it is important I stay safe near it. We agreed "
        "I wear my life jacket on the jetty and always fish with someone.",
        working=("Going fishing", "working", "working", "working"),
        contact="fishing",
        fallback="Kingsmere Angling Club",
        outcomes=(
            OutcomeSpec(
                "I go sea fishing on a boat",
                (
                    _a("Find a boat trip that welcomes disabled anglers", "coordinator", 2),
                    _a("Book the trip to Southend", "me", 4),
                ),
            ),
        ),
    ),
    "bowls": InterestTools(
        appreciate="A very good sport, and one of the best bowlers at the club",
        important=("Bowls on Wednesday afternoons", "My friends at the bowls club"),
        good_day="Bowls in the afternoon and a cup of tea in the clubhouse",
        more_good="Bowls every week, indoors in the winter too",
        feel_good="Hollowfield Bowls Club",
        member="Hollowfield Bowls Club",
        customer="The clubhouse café",
        new="The indoor short-mat bowls at St Ansell's church hall in the winter",
        matching=(
            "Getting to bowls and club events",
            "Can drive or knows the buses",
            "Cheerful, sociable",
            "Likes bowls or sport",
        ),
        balance="I want to play bowls whatever the weather, and it is important I do not get "
        "too cold or slip. We agreed I wear my good shoes and a warm coat, and I play indoors "
        "in the winter.",
        working=("Getting to bowls", "working", "working", "working"),
        contact="bowls",
        fallback="Hollowfield Bowls Club",
        outcomes=(
            OutcomeSpec(
                "I play in the club competition",
                (
                    _a("Put my name down for the competition", "me", 1),
                    _a("Practise every Wednesday", "me", 3),
                ),
            ),
        ),
    ),
    "football": InterestTools(
        appreciate="{team} through and through, and a real team player",
        important=("Watching {team} on Saturdays", "Football at Northfield Rec"),
        good_day="Five-a-side at Northfield Rec with Hollowfield Active",
        more_good="Football every week, and going to see {team} sometimes",
        feel_good="Northfield Rec on a Thursday night",
        member="Hollowfield Active football",
        customer="The pub on Crown Street on match days",
        new="The walking football group at the leisure centre",
        matching=(
            "Going to football and matches",
            "Knows football; confident in crowds",
            "Chatty, good fun",
            "Football fan (not too much of a {team} rival!)",
        ),
        balance="I want to go to every match, and it is important I stay safe in big crowds. We "
        "agreed I sit in the accessible section with my support worker, and we leave five "
        "minutes before the end.",
        working=("Playing football", "working", "working", "working"),
        contact="football",
        fallback="Hollowfield Active",
        outcomes=(
            OutcomeSpec(
                "I go to watch {team} at their stadium",
                (
                    _a(
                        "Contact the club's disability liaison officer about tickets",
                        "keyworker",
                        1,
                    ),
                    _a("Save up for the ticket and the shirt", "me", 3),
                    _a("Go to the match", "me", 5),
                ),
            ),
            OutcomeSpec(
                "I play in a proper team with a kit",
                (
                    _a("Ask about the Hollowfield Active league team", "me", 1),
                    _a("Sort out the kit and the subs", "family", 2),
                ),
            ),
        ),
    ),
    "swimming": InterestTools(
        appreciate="Like a fish in the water",
        important=("Swimming on Tuesdays", "The quiet swim at the leisure centre"),
        good_day="The quiet swim at Hollowfield Leisure Centre",
        more_good="Swimming twice a week, at quiet times",
        feel_good="The pool at Hollowfield Leisure Centre",
        member="The quiet swim at the leisure centre",
        customer="The leisure centre café",
        new="Open-water swimming at the lido in the summer",
        matching=(
            "Going swimming",
            "A confident swimmer who knows the changing-room routine",
            "Calm and patient",
            "Likes swimming",
        ),
        balance="I love swimming, and it is important I stay safe in the water. We agreed I "
        "swim in the quiet session when there is a lifeguard, with my support worker in the pool.",
        working=("Swimming", "working", "working", "working"),
        contact="swimming",
        fallback="Hollowfield Leisure Centre",
        outcomes=(
            OutcomeSpec(
                "I swim in the sea at Southend next summer",
                (
                    _a("Swim two lengths without stopping", "me", 2),
                    _a(
                        "Plan a day trip to Southend with an accessible changing place",
                        "keyworker",
                        6,
                    ),
                ),
            ),
            OutcomeSpec(
                "I go swimming twice a week",
                (
                    _a("Find a second quiet session that fits my week", "contact", 1),
                    _a("Change my support hours so someone can come with me", "coordinator", 2),
                ),
            ),
        ),
    ),
    "basketball": InterestTools(
        appreciate="So quick on the court, and encourages the whole team",
        important=("Basketball", "Training on Tuesdays and Thursdays"),
        good_day="Basketball training at Kingsmere Youth Centre",
        more_good="Training twice a week and a game at the weekend",
        feel_good="The courts at Kingsmere Youth Centre",
        member="Kingsmere basketball club",
        customer="The sports shop on Kingsmere Parade",
        new="The London Lions community sessions",
        matching=(
            "Going to basketball training and games",
            "Sporty; can shoot some hoops with me",
            "Upbeat, encouraging",
            "Likes basketball",
        ),
        balance="I want to train every day, and it is important I rest and look after my knees. "
        "We agreed two training days and a game, and rest days in between.",
        working=("Basketball training", "working", "working", "working"),
        contact="basketball",
        fallback="Kingsmere Youth Centre",
        outcomes=(
            OutcomeSpec(
                "I play basketball in a league",
                (
                    _a("Ask my coach about the league team", "contact", 1),
                    _a("Go to the trials", "me", 2),
                ),
            ),
            OutcomeSpec(
                "I watch the London Lions play",
                (_a("Buy tickets for a home game", "me", 2),),
            ),
        ),
    ),
    "cycling": InterestTools(
        appreciate="Fearless on a bike, and can fix a puncture in five minutes",
        important=("My bike", "Cycling on Saturdays"),
        good_day="Cycling at Lee Valley VeloPark",
        more_good="Cycling every week, and a safe place to keep my bike",
        feel_good="Lee Valley VeloPark",
        member="The inclusive cycling group",
        customer="The bike shop on Wharf Road",
        new="The Saturday bike repair workshop",
        matching=(
            "Going cycling",
            "A confident cyclist who knows road safety",
            "Sporty, up for a challenge",
            "Likes cycling",
        ),
        balance="I want to cycle everywhere, and it is important I stay safe on busy roads. We "
        "agreed I use the cycle paths and the park, I always wear my helmet, and I ride on roads "
        "with my cycling group.",
        working=("Cycling on Saturdays", "working", "working", "working"),
        contact="cycling",
        fallback="the inclusive cycling group",
        outcomes=(
            OutcomeSpec(
                "I do the London to Brighton bike ride",
                (
                    _a("Sign up for the ride", "me", 1),
                    _a("Train with the cycling group every Saturday", "contact", 4),
                    _a("Raise sponsorship for the charity", "me", 6),
                ),
            ),
        ),
    ),
    "boxing": InterestTools(
        appreciate="Disciplined, strong and respectful",
        important=("Boxing training", "Keeping fit"),
        good_day="Boxing training at Northfield Boxing Club",
        more_good="Training twice a week",
        feel_good="Northfield Boxing Club",
        member="Northfield Boxing Club",
        customer="The gym at the leisure centre",
        new="Helping at the children's boxing session",
        matching=(
            "Going to boxing training",
            "Fit; knows boxing safety",
            "Calm, firm, encouraging",
            "Likes boxing or fitness",
        ),
        balance="I want to spar, and it is important I do not get hurt. We agreed I do pad work "
        "and fitness, and only spar with head guards when my coach says I am ready.",
        working=("Boxing training", "working", "not_working", "working"),
        contact="boxing",
        fallback="Northfield Boxing Club",
        outcomes=(
            OutcomeSpec(
                "I help coach the children's boxing session",
                (
                    _a("Ask my coach if I can help", "contact", 1),
                    _a("Do the DBS check", "coordinator", 2),
                ),
            ),
        ),
    ),
}
