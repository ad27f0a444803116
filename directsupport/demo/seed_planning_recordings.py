"""Graphic recordings for a few demo people: a picture like the big drawing made on the day.

The picture is drawn with Pillow from the person's own notes (their name in the middle, a
coloured bubble per question with two short things said, arrows and doodles), then added the
way an upload is: checked and cleaned by ``prepare_photo`` and kept by the board's
``add_graphic_recording``. Its description says everything on it, for people who cannot see it.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

from directsupport.people.photos import prepare_photo
from directsupport.planning.board.services import add_graphic_recording
from directsupport.planning.models import GraphicRecording, NoteStatus, Question

from .seed_planning_context import PersonCtx, moment

WIDTH, HEIGHT = 1200, 850
PAPER = (252, 249, 240)
INK = (34, 46, 80)
HIGHLIGHT = (255, 236, 150)

# The bubbles: question, heading as drawn, outline colour, top-left corner.
BUBBLES: tuple[tuple[str, str, tuple[int, int, int], tuple[int, int]], ...] = (
    (Question.ADMIRE, "People like and admire", (200, 40, 60), (40, 130)),
    (Question.IMPORTANT, "Important to me", (30, 100, 200), (425, 130)),
    (Question.PLACES, "Places I love", (20, 140, 90), (810, 130)),
    (Question.TICK, "What makes me tick", (230, 120, 20), (40, 590)),
    (Question.GIFTS, "My gifts", (120, 60, 170), (425, 590)),
    (Question.FUTURE, "My future", (0, 130, 140), (810, 590)),
)
BUBBLE_SIZE = (350, 220)
CENTRE = (600, 455)
RADIUS = 115


def add_recording(ctx: PersonCtx) -> GraphicRecording:
    """Draw the person's recording and add it as the recorder uploads one
    (``board.services.add_graphic_recording``: checked, stored privately, audited), then date it
    back to a day or so after the event (the service writes "now")."""
    chosen = _chosen_notes(ctx)
    picture = _draw(ctx, chosen)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", compress_level=1)  # prepare_photo compresses it properly
    photo = prepare_photo(io.BytesIO(buffer.getvalue()), size=buffer.tell())
    recorder = ctx.event.recorder or ctx.coordinator
    description = _description(ctx, chosen, recorder.full_name)
    uploaded_at = moment(ctx.event_day + dt.timedelta(days=ctx.rng.randint(1, 3)), ctx.rng)
    recording = add_graphic_recording(
        actor=recorder,
        person=ctx.person,
        photo=photo,
        description=description,
        event=ctx.event,
    )
    GraphicRecording.objects.filter(pk=recording.pk).update(uploaded_at=uploaded_at)
    recording.uploaded_at = uploaded_at
    return recording


def _chosen_notes(ctx: PersonCtx) -> dict[str, list[str]]:
    """The two shortest things said on the day for each bubble (never a guess put right)."""
    chosen: dict[str, list[str]] = {}
    for question, *_ in BUBBLES:
        said = [
            plan.note.text
            for plan in ctx.notes
            if plan.note.event is not None
            and plan.note.question == question
            and plan.final_status != NoteStatus.NOT_AGREED
        ]
        chosen[question] = sorted(said, key=len)[:2]
    return chosen


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _draw(ctx: PersonCtx, chosen: dict[str, list[str]]) -> Image.Image:
    picture = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(picture)
    name = ctx.spec.called
    pen.text((40, 28), f"{name}'s Planning Live", fill=INK, font=_font(52))
    pen.line([(40, 95), (520, 88), (700, 96)], fill=(230, 120, 20), width=6)
    pen.text((720, 40), ctx.event.title, fill=INK, font=_font(26))
    pen.text((720, 74), f"{ctx.event_day.day} {ctx.event_day:%B %Y}", fill=INK, font=_font(22))
    _sun(pen, (1150, 52))

    x, y = CENTRE
    for _question, _heading, colour, (left, top) in BUBBLES:
        target = (left + BUBBLE_SIZE[0] // 2, top if top > y else top + BUBBLE_SIZE[1])
        pen.line([CENTRE, target], fill=colour, width=4)
    pen.ellipse(
        [x - RADIUS, y - RADIUS, x + RADIUS, y + RADIUS], fill=HIGHLIGHT, outline=INK, width=5
    )
    pen.text((x, y - 25), name, fill=INK, font=_font(44), anchor="mm")
    pen.arc([x - 40, y + 5, x + 40, y + 60], start=20, end=160, fill=INK, width=5)
    pen.ellipse([x - 25, y + 10, x - 15, y + 20], fill=INK)
    pen.ellipse([x + 15, y + 10, x + 25, y + 20], fill=INK)

    for question, heading, colour, (left, top) in BUBBLES:
        box = [left, top, left + BUBBLE_SIZE[0], top + BUBBLE_SIZE[1]]
        pen.rounded_rectangle(box, radius=28, fill=(255, 255, 255), outline=colour, width=5)
        pen.text((left + 20, top + 14), heading, fill=colour, font=_font(26))
        line_y = top + 56
        for said in chosen[question]:
            wrapped = textwrap.wrap(said, width=30)[:3]
            pen.ellipse([left + 20, line_y + 9, left + 28, line_y + 17], fill=colour)
            for row in wrapped:
                pen.text((left + 38, line_y), row, fill=INK, font=_font(20))
                line_y += 25
            line_y += 8
    _heart(pen, (790, 355), (200, 40, 60))
    _star(pen, (1150, 560), (240, 190, 20))
    return picture


def _sun(pen: ImageDraw.ImageDraw, centre: tuple[int, int]) -> None:
    x, y = centre
    pen.ellipse([x - 20, y - 20, x + 20, y + 20], fill=(250, 200, 40))
    for dx, dy in (
        (0, -40),
        (0, 40),
        (-40, 0),
        (40, 0),
        (-28, -28),
        (28, 28),
        (-28, 28),
        (28, -28),
    ):
        pen.line([(x + dx * 0.75, y + dy * 0.75), (x + dx, y + dy)], fill=(250, 200, 40), width=5)


def _heart(pen: ImageDraw.ImageDraw, centre: tuple[int, int], colour: tuple[int, int, int]) -> None:
    x, y = centre
    pen.ellipse([x - 22, y - 16, x, y + 6], fill=colour)
    pen.ellipse([x, y - 16, x + 22, y + 6], fill=colour)
    pen.polygon([(x - 22, y - 2), (x + 22, y - 2), (x, y + 26)], fill=colour)


def _star(pen: ImageDraw.ImageDraw, centre: tuple[int, int], colour: tuple[int, int, int]) -> None:
    x, y = centre
    points = [
        (x, y - 30), (x + 9, y - 9), (x + 30, y - 9), (x + 13, y + 5), (x + 19, y + 28),
        (x, y + 14), (x - 19, y + 28), (x - 13, y + 5), (x - 30, y - 9), (x - 9, y - 9),
    ]  # fmt: skip
    pen.polygon(points, fill=colour)


def _description(ctx: PersonCtx, chosen: dict[str, list[str]], recorder: str) -> str:
    name = ctx.spec.called
    parts = [
        f"A hand-drawn poster on a big sheet of paper, drawn by {recorder} during {name}'s part "
        f"of {ctx.event.title} on {ctx.event_day.day} {ctx.event_day:%B %Y}. At the top it says "
        f"“{name}'s Planning Live”, with a yellow sun in the corner. In the middle, {name}'s "
        "name is written in big letters inside a yellow circle with a smiling face. Coloured "
        "arrows go out from the middle to six bubbles."
    ]
    for question, heading, _colour, _corner in BUBBLES:
        said = chosen[question]
        if said:
            parts.append(f"“{heading}”: " + "; ".join(f"“{text}”" for text in said) + ".")
        else:
            parts.append(f"“{heading}”: left empty for now.")
    parts.append(
        "A red heart is drawn beside “Important to me” and a yellow star beside “My future”."
    )
    return " ".join(parts)[:2000]
