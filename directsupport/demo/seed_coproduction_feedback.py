"""The demo's feedback: eighteen months of people saying how things are going, in their own words.

About sixty pieces from twenty people, given through the feedback service as they would be on
the site: by the six people who sign in themselves (Dee most of all), by the two family members
who may add to their relative's plans (Ngozi for Dee, Bilal for Tariq), and by the support
workers and coordinators who write down what the others said or showed them. Some follow a
change: a few weeks after a new Plan Book was published, or after support from a new supplier
started. A few carry a picture (small PNGs drawn here) and a few a voice note (a short tone as a
WAV file), checked and stored by the service like any upload.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import struct
import wave
from dataclasses import dataclass

from django.utils import timezone
from PIL import Image, ImageDraw

from directsupport.accounts.models import Organisation, User
from directsupport.commissioning.models import Contract
from directsupport.coproduction.feedback.services import give_feedback
from directsupport.coproduction.models import Feedback, FeedbackAbout
from directsupport.people.models import Person, SupportAssignment
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion

GENERAL = FeedbackAbout.GENERAL
CHANGE = FeedbackAbout.CHANGE
SUPPORT = FeedbackAbout.SUPPORT
MONEY = FeedbackAbout.MONEY
PLAN = FeedbackAbout.PLAN

SELF = "self"
WORKER = "worker"
COORDINATOR = "coordinator"
NGOZI = "ngozi.okafor@example.org"
BILAL = "bilal.mahmood@example.org"
OLDEST_DAYS = 540  # eighteen months


@dataclass(frozen=True)
class Said:
    """One piece of feedback. ``after`` ("plan" or "contract") dates it ``days`` after that change
    for the person, when they have had one; otherwise it is ``days`` ago."""

    person: str  # first name, as in people_data
    by: str  # SELF, WORKER, COORDINATOR or a circle member's email
    days: int
    feeling: int | None
    words: str = ""
    about: str = GENERAL
    after: str = ""
    attach: str = ""  # "", "picture" or "voice"


FEEDBACK: tuple[Said, ...] = (
    # Dee, in her own words (and her sister's, and Sam's).
    Said("Adaeze", SELF, 520, 3, "I want to go out more. I stay in my flat too much."),
    Said(
        "Adaeze",
        SELF,
        430,
        2,
        "I don't like when they change who comes. I didn't know the new lady.",
        SUPPORT,
    ),
    Said(
        "Adaeze",
        NGOZI,
        400,
        2,
        "Dee gets upset when a new worker turns up without warning. Could she get a photo of "
        "who is coming the day before?",
        SUPPORT,
    ),
    Said(
        "Adaeze",
        SELF,
        21,
        5,
        "I like my Plan Book. It has my dancing in it and my church.",
        PLAN,
        after="plan",
    ),
    Said(
        "Adaeze",
        SELF,
        300,
        4,
        "I like going to the lido with Sam. I don't like when they change who comes.",
        SUPPORT,
        attach="picture",
    ),
    Said(
        "Adaeze",
        WORKER,
        240,
        4,
        "Dee chose the music night herself this week and told the bar staff her order. Big step.",
        GENERAL,
    ),
    Said("Adaeze", SELF, 150, 4, "", GENERAL, attach="voice"),
    Said(
        "Adaeze",
        NGOZI,
        90,
        5,
        "Dee rang me after swimming to tell me about it. She hasn't done that before.",
        GENERAL,
    ),
    Said("Adaeze", SELF, 45, 3, "My money letter is hard. Can Priya read it with me?", MONEY),
    Said("Adaeze", SELF, 9, 5, "Friday club is the best. I want to go with my friends.", CHANGE),
    # Shanice.
    Said("Shanice", SELF, 470, 3, "I want to cook my own dinners, not have them made for me."),
    Said(
        "Shanice",
        SELF,
        30,
        4,
        "The cooking class is good. I made jollof for my mum.",
        CHANGE,
        after="contract",
        attach="picture",
    ),
    Said("Shanice", SELF, 120, 2, "The bus to the class is too early on Saturdays.", SUPPORT),
    Said(
        "Shanice",
        COORDINATOR,
        60,
        4,
        "Shanice planned her own week on the board and kept to it.",
        PLAN,
    ),
    # Jamal.
    Said("Jamal", SELF, 200, 3, "I'm still waiting to hear about basketball."),
    Said("Jamal", SELF, 40, 5, "Basketball on Tuesdays now. Coach says I'm getting good.", CHANGE),
    # Grace.
    Said("Grace", SELF, 380, 4, "Choir is my favourite thing. I want to keep it."),
    Said(
        "Grace",
        SELF,
        25,
        3,
        "I like the new people but they don't know how I like my tea yet.",
        SUPPORT,
        after="contract",
    ),
    Said("Grace", SELF, 100, 4, "", GENERAL, attach="voice"),
    # Kieran.
    Said("Kieran", SELF, 260, 2, "Too many people at the meeting. I felt stressed."),
    Said(
        "Kieran",
        SELF,
        70,
        4,
        "Smaller meeting was better. I said what I wanted.",
        PLAN,
        attach="voice",
    ),
    Said(
        "Kieran",
        WORKER,
        15,
        4,
        "Kieran went to the match on his own and texted me at half time.",
        GENERAL,
    ),
    # Hannah.
    Said("Hannah", SELF, 330, 3, "I'd like the papers in bigger print please."),
    Said(
        "Hannah",
        SELF,
        20,
        5,
        "My drama group put on a show. Everyone came.",
        GENERAL,
        after="plan",
        attach="picture",
    ),
    Said("Hannah", SELF, 55, 4, "The statement is clearer now. I can see what's left.", MONEY),
    # Tariq, through his brother and his worker.
    Said(
        "Tariq",
        BILAL,
        410,
        2,
        "Tariq isn't getting out at weekends. He waits by the door on Saturdays.",
    ),
    Said(
        "Tariq",
        WORKER,
        180,
        4,
        "Tariq brought his swimming bag to me on Monday: he wants to go. We went; he smiled "
        "all session.",
    ),
    Said(
        "Tariq",
        BILAL,
        35,
        5,
        "Swimming twice a week now. He sleeps better and he's calmer at home.",
        CHANGE,
        after="contract",
    ),
    # People who told staff, and staff who wrote it down in their words.
    Said(
        "Mohammed",
        WORKER,
        350,
        3,
        "Mo said: 'I want to play cricket on Saturdays, not sit at home.'",
    ),
    Said(
        "Mohammed",
        COORDINATOR,
        28,
        4,
        "Mo showed his mum his Plan Book in Bengali and English. He says the cricket page is his.",
        PLAN,
        after="plan",
    ),
    Said("Mohammed", WORKER, 80, 5, "Mo: 'I got picked for the team!'", GENERAL),
    Said(
        "George", WORKER, 500, 3, "George says the day centre is boring now his friends have left."
    ),
    Said(
        "George",
        WORKER,
        40,
        4,
        "George: 'The football walking group is good. Same lads every week.'",
        CHANGE,
        after="contract",
    ),
    Said(
        "George",
        COORDINATOR,
        110,
        3,
        "George asked why his money statement shows two amounts for the same week.",
        MONEY,
    ),
    Said("Patrick", WORKER, 450, 2, "Paddy said he can't hear the tutor in the big hall."),
    Said(
        "Patrick",
        WORKER,
        30,
        4,
        "Paddy: 'Fishing with Des is the best day of my week.'",
        CHANGE,
        after="contract",
    ),
    Said("Desmond", WORKER, 420, 3, "Des wants to get back to bowls but worries about the bus."),
    Said("Desmond", WORKER, 50, 5, "Des: 'Back at the bowls club. They kept my seat.'", CHANGE),
    Said(
        "Ruth",
        WORKER,
        390,
        4,
        "Ruth likes the library group. She asked for more books in large print.",
    ),
    Said(
        "Ruth",
        COORDINATOR,
        18,
        4,
        "Ruth read her new Plan Book with me and corrected two things. She was pleased to be "
        "asked.",
        PLAN,
        after="plan",
    ),
    Said("Leon", WORKER, 310, 2, "Leon said: 'I don't like it when the plan changes on the day.'"),
    Said("Leon", WORKER, 65, 4, "Leon: 'Knowing on Sunday who is coming all week helps.'", SUPPORT),
    Said("Anthony", WORKER, 280, 3, "Tony says he misses cooking for people."),
    Said(
        "Anthony",
        WORKER,
        22,
        5,
        "Tony cooked Sunday lunch for four friends. 'Like the old days.'",
        GENERAL,
        attach="picture",
    ),
    Said(
        "Kwabena",
        WORKER,
        360,
        4,
        "Kobby: 'I like living with the Hendersons. Can I do more music?'",
    ),
    Said(
        "Kwabena",
        COORDINATOR,
        26,
        4,
        "Kobby played guitar at the open mic at Riverside Days.",
        CHANGE,
        after="contract",
    ),
    Said(
        "Siobhan",
        WORKER,
        430,
        3,
        "Siobhan asked for letters in large print; the last one was too small.",
    ),
    Said(
        "Siobhan",
        WORKER,
        19,
        4,
        "Siobhan: 'My Plan Book in big letters, I can read it myself.'",
        PLAN,
        after="plan",
    ),
    Said("Hamza", WORKER, 340, 3, "Hamza typed on his iPad: 'football more days'."),
    Said(
        "Hamza", WORKER, 33, 5, "Hamza typed: 'new coach good. I scored.'", CHANGE, after="contract"
    ),
    Said("Lucy", WORKER, 290, 2, "Lucy said the art room is too noisy on Thursdays."),
    Said(
        "Lucy", WORKER, 47, 4, "Lucy: 'Quiet art group is better. I finished my painting.'", CHANGE
    ),
    Said(
        "Maria Cristina",
        WORKER,
        270,
        4,
        "Tina signed 'dance' and 'more' when we talked about her week.",
    ),
    Said(
        "Maria Cristina",
        COORDINATOR,
        24,
        5,
        "Tina danced at the church social and signed 'happy' all evening.",
        GENERAL,
        after="plan",
    ),
    Said(
        "Tomasz",
        WORKER,
        210,
        3,
        "Tomasz said the planning day was too long and loud. He needed breaks.",
    ),
    Said(
        "Tomasz",
        WORKER,
        38,
        4,
        "Tomasz: 'Fishing on Sunday with the club, the quiet end of the lake.'",
        GENERAL,
    ),
    Said("Bethany", WORKER, 250, 3, "Beth signed that she wants to do drama again."),
    Said(
        "Bethany",
        WORKER,
        42,
        5,
        "Beth has a part in the drama group's play. She practises her lines with us.",
        CHANGE,
        after="contract",
    ),
    Said(
        "Abdirahman",
        WORKER,
        190,
        4,
        "Abdi: 'Cooking at the mosque for Eid was good. I want to cook more.'",
    ),
    Said(
        "Abdirahman", WORKER, 12, 3, "Abdi says the new worker is nice but talks too fast.", SUPPORT
    ),
)


def _named(provider: Organisation) -> dict[str, Person]:
    """The provider's people by first name (each first name is one person in the demo)."""
    return {person.first_name: person for person in Person.objects.filter(organisation=provider)}


def _latest_plan_day(person: Person) -> dt.date | None:
    version = (
        PlanBookVersion.objects.filter(
            person=person, status=PlanBookStatus.PUBLISHED, published_at__isnull=False
        )
        .order_by("-published_at")
        .first()
    )
    if version is None or version.published_at is None:
        return None
    return timezone.localdate(version.published_at)


def _latest_contract_day(person: Person, today: dt.date) -> dt.date | None:
    contract = (
        Contract.objects.filter(parties__person=person, starts_on__lte=today)
        .order_by("-starts_on")
        .first()
    )
    return contract.starts_on if contract is not None else None


def _day(said: Said, person: Person, today: dt.date) -> dt.date:
    """When it was said: ``days`` after the change it follows, or ``days`` ago."""
    changed = None
    if said.after == "plan":
        changed = _latest_plan_day(person)
    elif said.after == "contract":
        changed = _latest_contract_day(person, today)
    if changed is not None and changed + dt.timedelta(days=said.days) <= today:
        return changed + dt.timedelta(days=said.days)
    return today - dt.timedelta(days=min(said.days, OLDEST_DAYS))


def _moment(day: dt.date, index: int) -> dt.datetime:
    """Mid-morning to late afternoon, varied, so the list reads like real days; never later than
    now."""
    hour = 10 + index % 7
    moment = dt.datetime.combine(
        day, dt.time(hour, (index * 13) % 60), tzinfo=timezone.get_current_timezone()
    )
    return min(moment, timezone.now())


def _giver(said: Said, person: Person, users: dict[str, User]) -> User | None:
    if said.by == SELF:
        return person.user
    if said.by == COORDINATOR:
        return person.coordinator
    if said.by == WORKER:
        assignment = (
            SupportAssignment.objects.filter(person=person).select_related("worker").order_by("pk")
        ).first()
        return assignment.worker if assignment is not None else person.coordinator
    return users.get(said.by)


def picture_png(index: int) -> bytes:
    """A small drawing: sky, sun and water or grass, different for each picture."""
    image = Image.new("RGB", (240, 160), (198, 226, 255))
    draw = ImageDraw.Draw(image)
    ground = [(60, 140, 200), (90, 170, 90), (200, 160, 90), (150, 110, 180)][index % 4]
    draw.rectangle((0, 100, 240, 160), fill=ground)
    draw.ellipse((170, 20, 210, 60), fill=(255, 210, 60))
    draw.ellipse((60 + index * 7 % 80, 70, 90 + index * 7 % 80, 100), fill=(90, 50, 30))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def voice_note_wav(index: int, seconds: float = 1.5) -> bytes:
    """A short tone standing in for a voice note (the demo has no recordings of real voices)."""
    rate = 8000
    frequency = 330 + 55 * (index % 4)
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        sound.writeframes(
            b"".join(
                struct.pack("<h", int(6000 * math.sin(2 * math.pi * frequency * i / rate)))
                for i in range(int(rate * seconds))
            )
        )
    return out.getvalue()


def _attachment(said: Said, index: int) -> io.BytesIO | None:
    if said.attach == "picture":
        file = io.BytesIO(picture_png(index))
        file.name = "picture.png"
        return file
    if said.attach == "voice":
        file = io.BytesIO(voice_note_wav(index))
        file.name = "voice-note.wav"
        return file
    return None


def seed_feedback(*, provider: Organisation, users: dict[str, User]) -> list[str]:
    """Seed through the services; return the summary lines seed_demo prints."""
    if Feedback.objects.filter(person__organisation=provider).exists():
        return ["Feedback: already there"]
    people = _named(provider)
    today = timezone.localdate()
    given: list[Feedback] = []
    for index, said in enumerate(FEEDBACK):
        person = people.get(said.person)
        if person is None:
            continue
        giver = _giver(said, person, users)
        if giver is None:
            continue
        given.append(
            give_feedback(
                person=person,
                given_by=giver,
                about=said.about,
                feeling=said.feeling,
                words=said.words,
                attachment=_attachment(said, index),
                actor=giver,
                given_at=_moment(_day(said, person, today), index),
            )
        )
    dee = people.get("Adaeze")
    from_dee = sum(1 for item in given if dee is not None and item.person_id == dee.pk)
    return [
        f"Feedback: {len(given)} pieces from {len({item.person_id for item in given})} people,"
        f" their families and staff over 18 months ({from_dee} about Dee)",
        f"  with {sum(1 for item in given if item.attachment_kind == 'image')} pictures and"
        f" {sum(1 for item in given if item.attachment_kind == 'audio')} voice notes;"
        f" {sum(1 for item in given if item.plan_version_id)} linked to a published Plan Book",
    ]
