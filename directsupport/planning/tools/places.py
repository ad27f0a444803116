"""The places on a person's community map, for the pages that offer them as a choice (week's
"where" in a Perfect Week entry). Which parts of the map hold places is the map's spec."""

from __future__ import annotations

from directsupport.people.models import Person

from ..models import ToolKind, ToolSection
from .specs import ListPart, spec_for


def community_places(person: Person) -> list[str]:
    """The places on the person's community map, each once, in the map's order."""
    place_parts = [
        part.key for part in spec_for(ToolKind.COMMUNITY_MAP).parts if isinstance(part, ListPart)
    ]
    section = ToolSection.objects.filter(person=person, kind=ToolKind.COMMUNITY_MAP).first()
    content = section.content if section else {}
    places: list[str] = []
    for key in place_parts:
        for place in content.get(key) or []:
            if isinstance(place, str) and place.strip() and place.strip() not in places:
                places.append(place.strip())
    return places
