"""Willowbrook's preferred supplier list in the demo: six criteria agreed with people supported
and Hollowfield's commissioners, and sixteen applications in every state of the workflow, each
with the supplier's statement, assessments with the evidence, the co-production panel's view and
the reasons for each decision.

Dates count back from today, in days (the demo always looks current). Panel views name only the
experts by experience on the panel (Jo Whitfield, Amir Haddad), never a person supported: a
supplier reads its own application. People supported are "people Willowbrook supports".
"""

from __future__ import annotations

from dataclasses import dataclass

from directsupport.market.models import ApplicationStatus as S
from directsupport.market.models import Assessment, CriterionKind

MET, PARTLY, NOT_MET = Assessment.MET, Assessment.PARTLY, Assessment.NOT_MET

# --- The criteria ---------------------------------------------------------------------------

CRITERIA_AGREED_DAYS_AGO = 196  # 28 weeks: at the panel's spring workshop, before ISFs went live
CRITERIA_AGREED_WITH = (
    "Willowbrook's co-production panel (experts by experience Jo Whitfield and Amir Haddad, "
    "and six people Willowbrook supports) and Hollowfield's commissioners Martin Hughes and "
    "Nadia Khan"
)


@dataclass(frozen=True)
class CriterionSpec:
    kind: str
    title: str
    description: str
    easy_read: str


CRITERIA: tuple[CriterionSpec, ...] = (
    CriterionSpec(
        CriterionKind.QUALITY,
        "Safe and good quality",
        "Providers of personal care are registered with CQC and rated Good or Outstanding, or "
        "show what they have changed since a lower rating. Everyone else shows enhanced DBS "
        "checks, safeguarding training and insurance.",
        "They keep you safe and do a good job.",
    ),
    CriterionSpec(
        CriterionKind.PRICE,
        "A fair price",
        "Prices within Hollowfield's fair range for 2026/27: personal care £30.00 to £38.50 an "
        "hour, personal assistants £16.00 to £23.00, sleep-ins up to £125 a night, waking "
        "nights up to £300. Day sessions say what is included.",
        "Their prices are fair.",
    ),
    CriterionSpec(
        CriterionKind.VALUES,
        "People lead, and are listened to",
        "Support follows the person's Plan Book and Perfect Week. The person chooses who "
        "supports them where they can, and workers are matched on interests and communication, "
        "not only on who is free.",
        "You choose. They listen to you.",
    ),
    CriterionSpec(
        CriterionKind.FLEXIBLE_CONTRACTS,
        "Works with Individual Service Funds",
        "Hours can move within the week; unused hours can be banked; changes need no more than "
        "two weeks' notice; one invoice per person per month that matches the ISF statement; "
        "no minimum visit longer than an hour.",
        "They can change your support when you need it to change.",
    ),
    CriterionSpec(
        CriterionKind.REFERENCES,
        "Good references",
        "Two references from people supported or their families, and one from a commissioner "
        "or another provider, checked by telephone by the market shaper.",
        "People they support say good things about them.",
    ),
    CriterionSpec(
        CriterionKind.OTHER,
        "Talks with people the way they like",
        "Workers use Makaton, pictures or the person's own way of communicating, and the "
        "supplier can match people who speak the languages of Hollowfield.",
        "They talk with you in the way you like.",
    ),
)

# --- The applications -------------------------------------------------------------------------

# Assessments in the criteria's order: (result, evidence). Fewer than six: still assessing.
Assessed = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ApplicationSpec:
    supplier: str
    status: str  # where it has got to today
    started_days_ago: int
    proposed_because: str = ""  # the market shaper proposed it before the supplier applied
    statement: str = ""  # the supplier's application, in its words
    assessments: Assessed = ()
    panel_view: str = ""
    # Decisions after the assessment, in order: (status, reason).
    decisions: tuple[tuple[str, str], ...] = ()


APPROVE_ALL = "All six criteria met and the panel recommends it."

APPLICATIONS: tuple[ApplicationSpec, ...] = (
    ApplicationSpec(
        "Hollowfield PA Agency",
        S.APPROVED,
        180,
        statement=(
            "We have supported people in Hollowfield since 2015. Each person has a team of two "
            "or three PAs they have met and agreed to, and sessions can move with a week's "
            "notice. We invoice per person per month and already match Willowbrook's ISF "
            "statements."
        ),
        assessments=(
            (MET, "CQC Good (all five questions), inspected 14 months ago."),
            (MET, "£29.50 an hour, every day; bank holidays time and a half."),
            (
                MET,
                "People meet PAs before choosing them. Two people told us they had turned one "
                "down and the agency found someone else without fuss.",
            ),
            (MET, "Hours move with a week's notice; banking agreed; invoices per person."),
            (MET, "Three references checked by phone, all positive."),
            (PARTLY, "PAs speak Polish, Yoruba and isiXhosa; only two know Makaton so far."),
        ),
        panel_view=(
            "Amir asked the agency what happens when a PA is off sick: the person is phoned "
            "first and chooses between another PA they know or moving the session. We liked "
            "that. Jo wants more PAs trained in Makaton and the agency agreed to train four by "
            "the spring. We recommend approval."
        ),
        decisions=((S.APPROVED, "Approved. Makaton training for four more PAs by April."),),
    ),
    ApplicationSpec(
        "Riverside Days CIC",
        S.APPROVED,
        175,
        statement=(
            "Riverside Days is run with its members: the members' group chooses what is on each "
            "term. We sell day sessions by the session, and 1:1 support by the hour, so people "
            "pay only for the days they come."
        ),
        assessments=(
            (MET, "Not regulated (no personal care). DBS, safeguarding and insurance seen."),
            (MET, "£58 a day session including lunch; £32 an hour for 1:1."),
            (MET, "The members' group minutes show members choose the programme."),
            (MET, "Sessions booked per person per week; no block booking needed."),
            (MET, "Two families and Hollowfield's day services officer gave references."),
            (MET, "Staff use Makaton and objects of reference; the sensory room has symbols."),
        ),
        panel_view=(
            "Jo visited on a Thursday and was shown round by two members, which says a lot. "
            "The quiet room is used and respected. Recommend approval without conditions."
        ),
        decisions=((S.APPROVED, APPROVE_ALL),),
    ),
    ApplicationSpec(
        "Hollowfield Active",
        S.APPROVED,
        160,
        statement=(
            "Our coaches support disabled people in the pool, on the pitch and in the ring. "
            "We charge £29 an hour per coach, and people can book a coach for one session or "
            "every week."
        ),
        assessments=(
            (MET, "Coaches hold Swim England and FA qualifications; DBS and insurance seen."),
            (MET, "£29.00 an hour per coach."),
            (MET, "People choose the sport and the coach; two changed coach on request."),
            (MET, "Sessions booked weekly, cancelled with 48 hours' notice."),
            (MET, "References from the leisure trust and two families."),
            (PARTLY, "Some coaches know Makaton; none speaks the borough's other languages."),
        ),
        panel_view=(
            "Amir tried the quiet swim with a coach and said it was calm and well run. The "
            "panel asked about weekday evenings: Active has no pool time then, as the clubs "
            "have the lanes. Recommend approval."
        ),
        decisions=((S.APPROVED, APPROVE_ALL),),
    ),
    ApplicationSpec(
        "Marcia Goodwin, Personal Assistant",
        S.APPROVED,
        150,
        proposed_because=(
            "Two people Willowbrook supports already choose Marcia for going out and their "
            "families speak highly of her. Being on the list would let others find her."
        ),
        statement=(
            "I have been a PA for 12 years. I work with a few people at a time so I can be "
            "reliable, and I let people choose what we do. I can change days with notice."
        ),
        assessments=(
            (MET, "Enhanced DBS (update service), safeguarding training, public liability."),
            (MET, "£23.00 an hour, the top of the range for a PA."),
            (MET, "Families describe her as patient and led by what the person wants."),
            (MET, "Days move with notice; she invoices per person monthly."),
            (MET, "Two families and a district nurse gave references by phone."),
            (MET, "Uses large print and checks hearing aids before talking."),
        ),
        panel_view=(
            "We were pleased to see a self-employed PA apply. Jo asked what Marcia does if she "
            "is ill: she has an arrangement with another PA people have met. Recommend approval."
        ),
        decisions=((S.APPROVED, APPROVE_ALL),),
    ),
    ApplicationSpec(
        "Kingsmere Care Partners",
        S.APPROVED,
        140,
        statement=(
            "We are rated Outstanding and never book visits shorter than an hour. We will work "
            "to ISF agreements and bank unused hours for people."
        ),
        assessments=(
            (MET, "CQC Outstanding, inspected 9 months ago."),
            (MET, "£36.40 an hour, within the range."),
            (MET, "Care plans written in the person's words; people choose their carers."),
            (MET, "Hour-long minimum visits; banking and monthly invoices per person agreed."),
            (MET, "References from two families and Hollowfield's brokerage team."),
            (MET, "Greek and Turkish speaking carers; hearing-loss training for all staff."),
        ),
        panel_view=(
            "An impressive application. Amir asked how they would support someone with a "
            "learning disability rather than an older person: they described two people they "
            "support now, and we were satisfied. Recommend approval."
        ),
        decisions=((S.APPROVED, APPROVE_ALL),),
    ),
    ApplicationSpec(
        "Lee Valley Care Services",
        S.SUSPENDED,
        170,
        statement=(
            "We have many Bengali and Sylheti speaking carers and cover east Hollowfield. We can "
            "work to ISFs and invoice per person."
        ),
        assessments=(
            (MET, "CQC Good, inspected 19 months ago."),
            (MET, "£32.90 an hour."),
            (PARTLY, "Good words, but rotas are set by the office, not with the person."),
            (MET, "Agreed to move hours within the week and bank them."),
            (MET, "Three references, all positive."),
            (MET, "Bengali, Sylheti and Urdu speakers; one Makaton trainer."),
        ),
        panel_view=(
            "The language match is something nobody else offers in the east of the borough. "
            "We want the agency to plan rotas with people, not for them, and to report on it "
            "at six months. Recommend approval with that condition."
        ),
        decisions=(
            (S.APPROVED, "Approved, on condition rotas are planned with each person."),
            (
                S.SUSPENDED,
                "Suspended while a safeguarding enquiry into missed evening calls is open. "
                "Nobody new is referred until it closes; people supported now keep their "
                "carers if they wish.",
            ),
        ),
    ),
    ApplicationSpec(
        "Unity Homecare",
        S.APPROVED,
        165,
        statement=(
            "Women carers who speak Bengali, Urdu, Punjabi and Somali. We work with families "
            "and will change times to fit people's weeks."
        ),
        assessments=(
            (MET, "CQC Good, inspected 25 months ago; new registered manager since."),
            (MET, "£31.50 an hour."),
            (MET, "Women carers only, as many women asked for."),
            (MET, "Hours move within the week; monthly invoices per person."),
            (MET, "References from three families checked."),
            (MET, "Four community languages; pictures used for care plans."),
        ),
        panel_view=(
            "The panel liked that women asked for this and Unity answered it. We asked that "
            "care plans be in easy read as well as translated. Recommend approval."
        ),
        decisions=(
            (S.APPROVED, APPROVE_ALL),
            (
                S.SUSPENDED,
                "Suspended: the registered manager left and CQC has no registered manager on "
                "record. Reinstated once a new manager is registered.",
            ),
            (S.APPROVED, "Reinstated: the new registered manager is on CQC's register."),
        ),
    ),
    ApplicationSpec(
        "Thornbury Home Support Ltd",
        S.DECLINED,
        120,
        statement=(
            "We are a large agency with capacity in west Hollowfield now. Visits from 30 "
            "minutes, seven days a week."
        ),
        assessments=(
            (
                NOT_MET,
                "CQC Requires improvement (late and missed calls), 7 months ago. The action "
                "plan was not sent when asked.",
            ),
            (MET, "£30.20 an hour."),
            (PARTLY, "Care plans are a template; the person's words are not in them."),
            (
                NOT_MET,
                "Will not move hours within the week or bank them; 30-minute visits only.",
            ),
            (PARTLY, "One reference received of the three asked for."),
            (PARTLY, "Polish and Urdu speakers; no Makaton or pictures."),
        ),
        panel_view=(
            "Having capacity is not enough. The panel heard that visits are 30 minutes with no "
            "room to move them, which is the opposite of what an ISF is for. We do not "
            "recommend approval now; we would look again after a better inspection."
        ),
        decisions=(
            (
                S.DECLINED,
                "Declined: quality and flexible contracts not met. Welcome to apply again "
                "after CQC's next inspection, with the action plan.",
            ),
        ),
    ),
    ApplicationSpec(
        "Crossroads Care Hollowfield",
        S.WITHDRAWN,
        110,
        statement=(
            "We provide breaks for family carers and personal care. We would like to offer "
            "this to people with ISFs too."
        ),
        assessments=(
            (MET, "CQC Good, 30 months ago."),
            (MET, "£32.00 an hour."),
        ),
        decisions=(
            (
                S.WITHDRAWN,
                "Crossroads withdrew: its new carers' breaks contract with the council uses "
                "all its staff until next year. It will apply again then.",
            ),
        ),
    ),
    ApplicationSpec(
        "Nightingale Night Care",
        S.ASSESSING,
        45,
        statement=(
            "We are the only night service covering Northfield and St Ansell's. Our waking-night "
            "team is full until we recruit in the spring; we can offer sleep-ins now."
        ),
        assessments=(
            (MET, "CQC Good, 11 months ago. Epilepsy and repositioning training seen."),
            (
                PARTLY,
                "Sleep-ins £118 a night, within range; waking nights £295, just under the top.",
            ),
            (MET, "Night plans written with the person and their family."),
        ),
        panel_view=(
            "Nights matter a great deal to the people who need them, and there is nobody else "
            "in the north-west of the borough. The panel wants to hear how Nightingale will "
            "grow its waking-night team before we recommend anything."
        ),
    ),
    ApplicationSpec(
        "Calm Minds Wellbeing CIC",
        S.ASSESSING,
        30,
        statement=(
            "We support autistic adults and people living with anxiety: the same worker each "
            "week, somewhere quiet, and help to plan for changes."
        ),
        assessments=(
            (MET, "Not regulated. DBS, safeguarding training and insurance seen."),
            (MET, "£34.00 an hour."),
            (MET, "Sessions are led by what the person wants to talk about."),
            (PARTLY, "Happy to move sessions; invoices are per quarter at present."),
        ),
    ),
    ApplicationSpec(
        "Ashby Vale Homecare",
        S.APPLIED,
        12,
        statement=(
            "Homecare with Gujarati, Hindi and Tamil speaking carers, and vegetarian cooking. "
            "Rated Good."
        ),
    ),
    ApplicationSpec(
        "The Cookery Table",
        S.APPLIED,
        8,
        statement=(
            "Small cookery classes where everyone cooks and eats a meal together, with the "
            "recipe in pictures to take home. £40 a session, ingredients included."
        ),
    ),
    ApplicationSpec(
        "Kofi Mensah-Ward, Personal Assistant",
        S.PROPOSED,
        10,
        proposed_because=(
            "Kofi signs BSL. Two Deaf men Willowbrook supports want a PA who signs for "
            "football and going out in the evenings, and nobody on the list does."
        ),
    ),
    ApplicationSpec(
        "Green Fingers Hollowfield CIC",
        S.PROPOSED,
        5,
        proposed_because=(
            "People who love gardening asked for somewhere to grow things with others; Green "
            "Fingers' allotment mornings have places."
        ),
    ),
    ApplicationSpec(
        "Sahara Care Services",
        S.DECLINED,
        90,
        statement="Somali and Arabic speaking carers, men and women, in the centre of Hollowfield.",
        assessments=(
            (
                NOT_MET,
                "CQC Requires improvement (medicines), 5 months ago; the action plan is "
                "still open.",
            ),
            (MET, "£30.80 an hour."),
            (MET, "Families said carers listen and take their time."),
            (PARTLY, "Hours can move; invoices are per week, not per person per month."),
            (MET, "Two families and a GP practice gave references."),
            (MET, "Somali and Arabic speakers, which few others offer."),
        ),
        panel_view=(
            "We want Somali-speaking carers on the list, and people told us Sahara's carers "
            "are kind. But medicines must be safe first. Not now; please come back."
        ),
        decisions=(
            (
                S.DECLINED,
                "Declined until CQC confirms the medicines action plan is complete. The "
                "market shaper will meet Sahara to help with the ISF invoicing.",
            ),
        ),
    ),
)
