"""Helpers for the Plan Book tests: Dee's tools and outcomes, and versions at a given status."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.urls import reverse
from PIL import Image

from directsupport.people import photos
from directsupport.planbook.book.services import agree, set_status, start_version
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion, SignedBy
from directsupport.planning.models import Outcome, OutcomeAction, ToolKind, ToolSection


def give_photo(person: Any, colour: tuple[int, int, int] = (220, 20, 20)) -> None:
    """A real photo of the person in (test) private storage, as the photo page would save it."""
    picture = io.BytesIO()
    Image.new("RGB", (40, 40), colour).save(picture, "JPEG")
    prepared = photos.prepare_photo(io.BytesIO(picture.getvalue()), size=None)
    person.photo.name = photos.store_photo(prepared)
    person.save()


def url(name: str, person: Any, number: int | None = None) -> str:
    kwargs = {"pk": person.pk}
    if number is not None:
        kwargs["number"] = number
    return reverse(f"planbook:{name}", kwargs=kwargs)


def add_tool(person: Any, kind: str, content: dict[str, Any]) -> ToolSection:
    return ToolSection.objects.create(person=person, kind=kind, content=content)


def fill_tools(person: Any) -> None:
    """Dee's one-page profile, her working / not working chart and decision-making agreement."""
    add_tool(
        person,
        ToolKind.ONE_PAGE_PROFILE,
        {
            "appreciate": ["Her big laugh", "She remembers everyone's birthday"],
            "important": ["Swimming on Saturdays", "Seeing Ngozi every week"],
            "support": ["Give me time to answer"],
        },
    )
    add_tool(
        person,
        ToolKind.WORKING_NOT_WORKING,
        {
            "rows": [
                {"topic": "Swimming", "person": "working", "family": "working", "staff": "working"},
                {
                    "topic": "Day centre",
                    "person": "not_working",
                    "family": "working",
                    "staff": "",
                },
            ]
        },
    )
    add_tool(
        person,
        ToolKind.DECISION_MAKING,
        {
            "rows": [
                {
                    "decision": "Where I live",
                    "involved": "Show me pictures of places",
                    "final_say": "Me, with Ngozi",
                    "review_on": "2026-09-01",
                }
            ]
        },
    )


def add_outcome(person: Any, text: str = "Swim in the sea at Brighton") -> Outcome:
    outcome = Outcome.objects.create(person=person, text=text, source_text="Dee said so")
    OutcomeAction.objects.create(
        outcome=outcome, what="Find a swimming buddy", who="Sam", by_when=dt.date(2026, 6, 1)
    )
    return outcome


def version_at(person: Any, status: str, *, by: Any) -> PlanBookVersion:
    """A new version of ``person``'s Plan Book moved along to ``status`` by staff ``by``."""
    version = start_version(actor=by, person=person)
    version.person = person
    if status == PlanBookStatus.DRAFT:
        return version
    version = set_status(actor=by, version=version, status=PlanBookStatus.SHARED)
    if status == PlanBookStatus.SHARED:
        return version
    version = agree(actor=by, version=version, signed_by=SignedBy.PERSON, how="paper")
    if status == PlanBookStatus.AGREED:
        return version
    return set_status(actor=by, version=version, status=PlanBookStatus.PUBLISHED)
