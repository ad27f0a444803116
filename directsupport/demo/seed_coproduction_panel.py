"""The demo's co-production panel: Willowbrook's experts by experience over eighteen months.

Four members: Jo Whitfield and Amir Haddad sign in; Marjorie Fenwick and Gideon Thwaite take
part without a sign-in (staff claim their time). Members are paid £20.00 an hour, a common
rate for lived-experience work; the weekly benefits limit is £195.00, about the permitted work
limit for people on some benefits (£195.50 a week from April 2025). Both are the panel's
settings, changed on its settings page when the rules change each April.

A meeting about every seven weeks (Wednesday mornings), each held one with who came, what was
said, and the decision taken (about how the service works: never naming a person supported);
one was cancelled. The next is in the coming fortnight, with two easy-read PDFs and a picture
made here and uploaded through the services like any other paper. Claims are in every state,
and one week Jo's work (the meeting, a recruitment interview panel, a staff training session)
comes near her limit. Everything goes through ``coproduction.panel.services``.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from directsupport.accounts.models import Organisation, User
from directsupport.coproduction.models import (
    AttendanceStatus,
    ClaimStatus,
    ItemPurpose,
    MeetingStatus,
    Panel,
    PanelMeeting,
    PanelMember,
    TimeClaim,
)
from directsupport.coproduction.panel.earnings import week_earnings
from directsupport.coproduction.panel.services import (
    AgendaLine,
    add_member,
    approve_claim,
    cancel_meeting,
    claim_time,
    mark_claim_paid,
    plan_meeting,
    record_attendance,
    record_meeting_decision,
    refuse_claim,
    set_up_panel,
    upload_paper,
)
from directsupport.lib.money import format_pence
from directsupport.lib.pdf import PdfDetails, render_pdf

HELEN = "helen.carter@willowbrook.example"
PRIYA = "priya.shah@willowbrook.example"
FARAH = "farah.siddiqui@willowbrook.example"
JO = "jo.whitfield@example.org"
AMIR = "amir.haddad@example.org"
RATE_PENCE = 2000
WEEKLY_LIMIT_PENCE = 19_500
LONDON = ZoneInfo(settings.TIME_ZONE)
PLACE = "Willowbrook office, 14 Station Road (ground floor, step-free)"
HALL = "Hollowfield Community Centre, room 2 (lift to first floor, hearing loop)"
A, S, N = AttendanceStatus.ATTENDED, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT


@dataclass(frozen=True)
class HeldMeeting:
    days_ago: int
    title: str
    agenda: tuple[tuple[str, str], ...]
    notes: str
    decision: str
    reasons: str
    words: str
    # Jo, Amir, Marjorie, Gideon
    came: tuple[str, str, str, str] = (A, A, A, A)
    place: str = PLACE


HELD: tuple[HeldMeeting, ...] = (
    HeldMeeting(
        532,
        "How the panel works and how members are paid",
        (
            ("Welcome and how we work together", ItemPurpose.DISCUSSION),
            ("Paying for your time", ItemPurpose.DECISION),
        ),
        "Members agreed ground rules: one person talks at a time, easy-read papers a week "
        "before, a break every hour. Staff explained the hourly rate and the benefits limit.",
        "Members are paid for preparation and travel as well as the meeting",
        "Reading the papers and getting there are part of the work; members said they were not "
        "paid for it at their last panel.",
        "Reading takes me a long time. That is work too.",
        came=(A, A, A, S),
    ),
    HeldMeeting(
        483,
        "Preferred-supplier criteria: what matters to people",
        (
            ("What makes a good supplier", ItemPurpose.DISCUSSION),
            ("The five criteria", ItemPurpose.DECISION),
        ),
        "Members sorted picture cards into 'must have' and 'nice to have'. Being treated with "
        "respect and having the same worker came top. Price came last for everyone.",
        "Preferred suppliers must show how people supported helped choose their staff",
        "Members said being asked who supports you matters more than anything on a price list.",
        "I want to meet them before they come to my house.",
    ),
    HeldMeeting(
        434,
        "Preferred-supplier criteria: the easy-read words",
        (("Checking the easy-read criteria", ItemPurpose.DECISION),),
        "Members rewrote the criteria in their own words and chose the pictures for each one.",
        "The easy-read criteria use the panel's words and pictures",
        "Suppliers and people supported read the same criteria; the panel's words were clearer "
        "than the first draft.",
        "If I cannot read it, it is not for me.",
        came=(A, S, A, A),
    ),
    HeldMeeting(
        385,
        "The easy-read statement: 'Your money this month'",
        (
            ("What the statement should show", ItemPurpose.DISCUSSION),
            ("Testing a draft", ItemPurpose.DECISION),
        ),
        "Members tried a draft statement. They wanted the money left shown first, in big "
        "numbers, with a picture for each kind of spending.",
        "The easy-read statement shows the money left first",
        "Members said the first question everyone asks is 'how much have I got left?'.",
        "Tell me what is left. Then tell me what I spent.",
    ),
    HeldMeeting(
        287,
        "How reviews run: making them feel like ours",
        (
            ("What a good review feels like", ItemPurpose.DISCUSSION),
            ("Who chairs a review", ItemPurpose.DECISION),
        ),
        "Members talked about reviews that felt like tests. They want to choose where the review "
        "happens and who comes, and to start with what is going well.",
        "Reviews start with what is working and the person chooses where it happens",
        "Members said reviews felt like being checked on; starting with what works changes that.",
        "Ask me what is good first. Then we can talk about the hard bits.",
        came=(A, A, S, A),
    ),
    HeldMeeting(
        238,
        "How reviews run: the easy-read invitation",
        (("The invitation letter", ItemPurpose.DECISION),),
        "Members marked up the draft invitation: shorter sentences, the date in big letters, a "
        "photo of who is coming.",
        "Review invitations show the date in big letters and a photo of who is coming",
        "Members said they need to know who will be in the room before they say yes.",
        "Show me their faces so I know who is coming.",
        came=(A, A, A, N),
    ),
    HeldMeeting(
        189,
        "The fair-cost calculator: what an hour of support costs",
        (
            ("How the calculator works", ItemPurpose.INFORMATION),
            ("Is it fair to workers", ItemPurpose.DISCUSSION),
        ),
        "Staff showed the calculator line by line. Members asked why travel time was in it and "
        "agreed workers should be paid for it.",
        "The fair-cost calculator counts workers' travel time",
        "Members said good workers leave when they are not paid to travel between visits.",
        "If they are not paid properly they leave, and I have to start again.",
    ),
    HeldMeeting(
        140,
        "The fair-cost calculator: showing it to people",
        (("An easy-read page about fair costs", ItemPurpose.DECISION),),
        "Members chose to show the cost of an hour as a pie with pictures: the worker's pay, "
        "travel, training and the organisation's costs.",
        "People are shown what an hour of support pays for, in pictures",
        "Members said people should know where their money goes, not just the total.",
        "Most of it should be for the worker. Show me that.",
        came=(A, A, A, S),
    ),
    HeldMeeting(
        91,
        "What 'good support' means for the rate card",
        (
            ("Good support in our words", ItemPurpose.DISCUSSION),
            ("Evening and weekend rates", ItemPurpose.DECISION),
        ),
        "Members said good support means the same people, on time, who listen. Support in the "
        "evenings and at weekends must be easy to get, so its rate should not put people off.",
        "The rate card keeps evening and weekend support within reach",
        "Members said the things they enjoy most happen in the evenings and at weekends.",
        "My life does not stop at five o'clock.",
    ),
    HeldMeeting(
        42,
        "What 'good support' means: checking the new rate card",
        (
            ("The new rate card in easy read", ItemPurpose.DECISION),
            ("What to tell people", ItemPurpose.DISCUSSION),
        ),
        "Members checked the easy-read rate card and asked for an example week on the back.",
        "The easy-read rate card has an example week on the back",
        "Members said prices only make sense next to a real week.",
        "Show me a week like mine and what it costs.",
        came=(A, A, S, A),
        place=HALL,
    ),
)
CANCELLED_DAYS_AGO = 336  # "The easy-read statement: second look" (the venue's heating failed)


def _wednesday_before(day: dt.date) -> dt.date:
    """Panel meetings are on Wednesday mornings."""
    return day - dt.timedelta(days=(day.weekday() - 2) % 7)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


def _easy_pdf(title: str, ideas: list[list[str]], *, when: str, place: str) -> bytes:
    return render_pdf(
        "coproduction/panel/pdf/easy_read_paper.html",
        {"title": title, "ideas": ideas, "meeting_when": when, "meeting_place": place},
        details=PdfDetails(title=title, authors=("Willowbrook co-production panel",)),
        stylesheets=("css/pdf_base.css",),
    ).content


def _room_picture() -> bytes:
    """A simple plan of the meeting room: the table, the door, the quiet corner."""
    image = Image.new("RGB", (900, 600), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=36)
    draw.rectangle((40, 40, 860, 560), outline=(11, 12, 12), width=6)
    draw.rounded_rectangle((260, 200, 640, 400), radius=30, fill=(29, 112, 184))
    draw.text((330, 280), "Big table", fill=(255, 255, 255), font=font)
    draw.rectangle((40, 460, 60, 560), fill=(0, 112, 60))
    draw.text((80, 490), "Door", fill=(11, 12, 12), font=font)
    draw.rounded_rectangle((660, 60, 840, 200), radius=20, fill=(255, 221, 0))
    draw.text((670, 110), "Quiet corner", fill=(11, 12, 12), font=ImageFont.load_default(size=26))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _claim(
    member: PanelMember,
    actor: User,
    meeting: PanelMeeting,
    *,
    prep: int,
    travel: int,
) -> TimeClaim:
    minutes = int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)
    return claim_time(
        actor=actor,
        member=member,
        worked_on=timezone.localtime(meeting.starts_at).date(),
        what=meeting.title,
        meeting_minutes=minutes,
        preparation_minutes=prep,
        travel_minutes=travel,
        meeting=meeting,
    ).claim


def seed_panel(*, provider: Organisation, users: dict[str, User]) -> list[str]:
    """Seed through the services; return the summary lines seed_demo prints."""
    if Panel.objects.filter(organisation=provider).exists():
        return []
    priya, helen, farah = users[PRIYA], users[HELEN], users[FARAH]
    today = timezone.localdate()
    start = today - dt.timedelta(days=560)
    panel = set_up_panel(
        actor=helen,
        organisation=provider,
        fields={
            "name": "Willowbrook co-production panel",
            "hourly_rate_pence": RATE_PENCE,
            "weekly_limit_pence": WEEKLY_LIMIT_PENCE,
            "warn_at_percent": 80,
        },
    )
    jo = add_member(
        actor=helen,
        panel=panel,
        name="Jo Whitfield",
        joined_on=start,
        user=users[JO],
        access_needs="Easy-read papers a week before. Likes to sit near the door.",
    )
    amir = add_member(
        actor=helen,
        panel=panel,
        name="Amir Haddad",
        joined_on=start,
        user=users[AMIR],
        no_benefits_limit=True,
        access_needs="Papers by email the week before; reads them on his tablet.",
    )
    marjorie = add_member(
        actor=helen,
        panel=panel,
        name="Marjorie Fenwick",
        joined_on=start,
        access_needs="A taxi both ways; large print as well as easy read.",
    )
    gideon = add_member(
        actor=helen,
        panel=panel,
        name="Gideon Thwaite",
        joined_on=start,
        access_needs="Comes with his support worker; breaks every 45 minutes.",
    )
    members = (jo, amir, marjorie, gideon)

    held: list[tuple[PanelMeeting, HeldMeeting]] = []
    for plan in HELD:
        day = _wednesday_before(today - dt.timedelta(days=plan.days_ago))
        meeting = plan_meeting(
            actor=priya,
            panel=panel,
            title=plan.title,
            starts_at=_at(day, 10, 30),
            ends_at=_at(day, 12, 30),
            place=plan.place,
            agenda=[AgendaLine(title=t, purpose=p, minutes=45) for t, p in plan.agenda],
            invite=members,
        )
        record_attendance(
            actor=priya,
            meeting=meeting,
            statuses={m.pk: status for m, status in zip(members, plan.came, strict=True)},
            notes=plan.notes,
            held=True,
        )
        meeting.refresh_from_db()
        record_meeting_decision(
            actor=priya,
            meeting=meeting,
            title=plan.decision,
            reasons=plan.reasons,
            person_words=plan.words,
        )
        held.append((meeting, plan))

    cancelled_day = _wednesday_before(today - dt.timedelta(days=CANCELLED_DAYS_AGO))
    cancelled = plan_meeting(
        actor=priya,
        panel=panel,
        title="The easy-read statement: a second look",
        starts_at=_at(cancelled_day, 10, 30),
        ends_at=_at(cancelled_day, 12, 30),
        place=HALL,
        invite=members,
    )
    cancel_meeting(actor=priya, meeting=cancelled)

    # The Wednesday 7 to 13 days from today: inside the fortnight.
    next_day = _wednesday_before(today + dt.timedelta(days=13))
    coming = plan_meeting(
        actor=priya,
        panel=panel,
        title="How reviews run: one year on",
        starts_at=_at(next_day, 10, 30),
        ends_at=_at(next_day, 12, 30),
        place=HALL,
        agenda=[
            AgendaLine(title="What has changed in reviews", purpose=ItemPurpose.INFORMATION),
            AgendaLine(
                title="What people told us about their reviews",
                purpose=ItemPurpose.DISCUSSION,
                minutes=40,
            ),
            AgendaLine(
                title="The review survey questions", purpose=ItemPurpose.DECISION, minutes=30
            ),
        ],
        invite=members,
    )
    when = f"{next_day:%A} {next_day.day} {next_day:%B %Y}, 10:30am to 12:30pm"
    papers = [
        (
            "How reviews run: one year on (easy read)",
            _easy_pdf(
                "How reviews run: one year on",
                [
                    ["A year ago the panel said reviews should start with what is working."],
                    ["Now every review starts with what is going well."],
                    ["People choose where their review happens and who comes."],
                    ["At this meeting we will hear what people said about their reviews."],
                ],
                when=when,
                place=HALL,
            ),
            "reviews-one-year-on.pdf",
        ),
        (
            "The review survey questions (easy read)",
            _easy_pdf(
                "The review survey questions",
                [
                    ["Are you doing more of the things that matter to you?"],
                    ["Do you choose how your support happens?"],
                    ["Do you see the people you care about?"],
                    ["We will decide together if these are the right questions."],
                ],
                when=when,
                place=HALL,
            ),
            "survey-questions.pdf",
        ),
        ("A picture of the meeting room", _room_picture(), "room.png"),
    ]
    for title, content, name in papers:
        file = io.BytesIO(content)
        file.name = name
        upload_paper(
            actor=priya,
            meeting=coming,
            upload=file,
            size=len(content),
            title=title,
            easy_read=True,
        )

    # Claims: each member who came claims the meeting, an hour's reading and their travel;
    # staff claim for the members without a sign-in. Older ones are paid; the latest wait.
    travel = {jo.pk: 30, amir.pk: 20, marjorie.pk: 45, gideon.pk: 40}
    latest = held[-1][0]
    for meeting, plan in held:
        for member, status in zip(members, plan.came, strict=True):
            if status != A:
                continue
            actor = member.user or priya
            claim = _claim(member, actor, meeting, prep=60, travel=travel[member.pk])
            if meeting.pk == latest.pk:
                if member == jo:
                    approve_claim(actor=farah, claim=claim)
                continue  # the others wait for a decision
            approve_claim(actor=farah, claim=claim)
            mark_claim_paid(actor=farah, claim=claim)

    # Marjorie's taxi was claimed twice for the fair-cost meeting: once refused, with why.
    fair_cost = next(m for m, p in held if p.days_ago == 189)
    duplicate = _claim(marjorie, priya, fair_cost, prep=0, travel=45)
    refuse_claim(
        actor=farah,
        claim=duplicate,
        reason="Marjorie's travel for this meeting is already in her claim for the day.",
    )

    # Jo's busy week: the latest meeting (Wednesday), then a recruitment interview panel on the
    # Thursday and a training session with new staff on the Friday.
    meeting_day = timezone.localtime(latest.starts_at).date()
    extra = [
        (meeting_day + dt.timedelta(days=1), "Interview panel for new support workers", 240),
        (meeting_day + dt.timedelta(days=2), "Training new staff: what good support means", 60),
    ]
    for day, what, minutes in extra:
        if day <= today:
            claim_time(
                actor=users[JO],
                member=jo,
                worked_on=day,
                what=what,
                meeting_minutes=minutes,
                travel_minutes=30,
            )
    busy = week_earnings(member=jo, worked_on=meeting_day)

    claims = TimeClaim.objects.filter(member__panel=panel)
    counts = {status: claims.filter(status=status).count() for status in ClaimStatus.values}
    paid = sum(c.amount_pence for c in claims.filter(status=ClaimStatus.PAID))
    decisions = sum(meeting.decisions.count() for meeting, _ in held)
    held_count = panel.meetings.filter(status=MeetingStatus.HELD).count()
    return [
        f"Co-production panel: 4 members (Jo Whitfield and Amir Haddad sign in; Marjorie "
        f"Fenwick and Gideon Thwaite do not), {format_pence(RATE_PENCE)} an hour, weekly "
        f"benefits limit {format_pence(WEEKLY_LIMIT_PENCE)} (a setting; warned from 80%)",
        f"Panel meetings: {held_count} held over 18 months with {decisions} decisions, 1 "
        f"cancelled; next on {next_day:%A} {next_day.day} {next_day:%B %Y} at {HALL.split(',')[0]} "
        f"with {len(papers)} easy-read papers",
        f"Panel time claims: {counts[ClaimStatus.PAID]} paid ({format_pence(paid)}), "
        f"{counts[ClaimStatus.APPROVED]} approved, {counts[ClaimStatus.CLAIMED]} waiting, "
        f"{counts[ClaimStatus.REFUSED]} refused; Jo's week of {busy.week_words}: "
        f"{format_pence(busy.total_pence)} of her {format_pence(WEEKLY_LIMIT_PENCE)} limit",
    ]
