"""What the person asked for in the people who support them, read from the "Matching support"
tool they filled in with their circle (planning's tools/specs.py: rows of support wanted, skills
needed, personality and shared interests).

A row speaks to a need when they share a word that means something (swimming, music, college:
not "and" or "support"), or when the row is about all of the person's support ("Everyday support
at home and out and about"). Skills and interests are written one per line or separated by
semicolons; "Speaks Punjabi" and "Fluent in BSL" are languages, so matching can weigh them as
languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from directsupport.people.models import Person
from directsupport.planning.models import ToolKind, ToolSection

# Words too common in "support wanted" to say which support a row is about.
_COMMON = frozenset(
    {
        "about",
        "again",
        "along",
        "from",
        "going",
        "have",
        "help",
        "into",
        "learn",
        "learning",
        "make",
        "more",
        "other",
        "people",
        "place",
        "places",
        "some",
        "support",
        "that",
        "their",
        "them",
        "then",
        "there",
        "they",
        "things",
        "this",
        "time",
        "with",
        "your",
    }
)
# A row about all of the person's support rather than one activity.
_GENERAL = re.compile(r"\b(everyday|every day|all (of )?my support|any support|general)\b", re.I)
_LANGUAGE = re.compile(r"^(?:speaks|fluent in|signs in)\s+(?P<language>[A-Z][\w-]*)$", re.I)
_SPLIT = re.compile(r"[;\n]+")
_WORD = re.compile(r"[a-z]+")
PERSONALITY_MAX = 300


def _stem(word: str) -> str:
    """Near enough for matching "swimming" with "swim" and "gigs" with "gig"."""
    for ending in ("ming", "ning", "ing", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def meaningful_words(text: str) -> set[str]:
    return {
        _stem(word)
        for word in _WORD.findall(text.lower())
        if len(word) >= 4 and word not in _COMMON
    }


def _items(cell: Any) -> list[str]:
    if not isinstance(cell, str):
        return []
    return [" ".join(item.split()) for item in _SPLIT.split(cell) if item.strip()]


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.lower(), item)
    return tuple(seen.values())


@dataclass(frozen=True)
class Wanted:
    """The matching characteristics for one need."""

    skills: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    personality: str = ""

    def as_fields(self) -> dict[str, Any]:
        """The need's fields these fill (gender is never in the tool: only asked in person)."""
        return {
            "wanted_skills": list(self.skills),
            "wanted_interests": list(self.interests),
            "wanted_languages": list(self.languages),
            "wanted_personality": self.personality,
        }


def matching_rows(person: Person) -> list[Mapping[str, Any]]:
    """The rows of the person's Matching support tool (none if they have not filled it in)."""
    section = ToolSection.objects.filter(person=person, kind=ToolKind.MATCHING_SUPPORT).first()
    rows = (section.content or {}).get("rows") if section else None
    return [row for row in rows or [] if isinstance(row, Mapping)]


def rows_for(rows: Iterable[Mapping[str, Any]], *texts: str) -> list[Mapping[str, Any]]:
    """The rows that speak to a need described by ``texts`` (what, where, kind of support)."""
    need_words = set().union(*(meaningful_words(text) for text in texts))
    chosen = []
    for row in rows:
        cell = row.get("support")
        support = cell if isinstance(cell, str) else ""
        if _GENERAL.search(support) or meaningful_words(support) & need_words:
            chosen.append(row)
    return chosen


def wanted_from(rows: Iterable[Mapping[str, Any]]) -> Wanted:
    skills: list[str] = []
    languages: list[str] = []
    interests: list[str] = []
    personality: list[str] = []
    for row in rows:
        for item in _items(row.get("skills")):
            language = _LANGUAGE.match(item)
            (languages if language else skills).append(language["language"] if language else item)
        interests.extend(_items(row.get("interests")))
        personality.extend(_items(row.get("personality")))
    return Wanted(
        skills=_unique(skills),
        interests=_unique(interests),
        languages=_unique(languages),
        personality="; ".join(_unique(personality))[:PERSONALITY_MAX],
    )
