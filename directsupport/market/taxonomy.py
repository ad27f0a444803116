"""The provider's vocabulary of kinds of support and activity (Open Referral UK taxonomy terms).

Every kind of paid support in the Perfect Week (week.SupportKind) has a term of its own, so a
need drawn from the week finds services of that kind; activity terms sit under "Activities" and
are what outcomes such as "learn to swim" ask for. ``ensure_standard_terms`` adds whatever is
missing and changes nothing that exists (a market shaper may have renamed a term).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from directsupport.week.models import SupportKind

from .models import TaxonomyTerm


@dataclass(frozen=True)
class TermSpec:
    code: str
    name: str
    description: str
    support_kind: str = ""
    parent: str = ""


SUPPORT = "support"
ACTIVITIES = "activities"

STANDARD_TERMS: tuple[TermSpec, ...] = (
    TermSpec(SUPPORT, "Support", "Paid support from a worker"),
    TermSpec(
        "personal-care",
        "Personal care",
        "Help with washing, dressing, eating and medicines",
        SupportKind.PERSONAL_CARE,
        SUPPORT,
    ),
    TermSpec(
        "community-access",
        "Community access",
        "A worker to go out with: shops, clubs, friends, places of worship",
        SupportKind.COMMUNITY_ACCESS,
        SUPPORT,
    ),
    TermSpec(
        "travel-support",
        "Travel support",
        "Learning routes and travelling safely",
        SupportKind.TRAVEL,
        SUPPORT,
    ),
    TermSpec(
        "help-at-home",
        "Help at home",
        "Cooking, cleaning, shopping and running a home",
        SupportKind.DOMESTIC,
        SUPPORT,
    ),
    TermSpec(
        "emotional-support",
        "Emotional and behavioural support",
        "Positive behaviour support, anxiety, wellbeing",
        SupportKind.EMOTIONAL,
        SUPPORT,
    ),
    TermSpec(
        "waking-night",
        "Waking night",
        "A worker awake through the night",
        SupportKind.WAKING_NIGHT,
        SUPPORT,
    ),
    TermSpec(
        "sleep-in", "Sleep-in", "A worker sleeping in, on call", SupportKind.SLEEP_IN, SUPPORT
    ),
    TermSpec(ACTIVITIES, "Activities", "Things to do, learn and enjoy"),
    TermSpec("swimming", "Swimming", "Swimming sessions and lessons", parent=ACTIVITIES),
    TermSpec("sport-fitness", "Sport and fitness", "Gym, football, cycling", parent=ACTIVITIES),
    TermSpec("arts-crafts", "Arts and crafts", "Painting, pottery, making", parent=ACTIVITIES),
    TermSpec("music-drama", "Music and drama", "Bands, singing, theatre", parent=ACTIVITIES),
    TermSpec("cooking-skills", "Cooking skills", "Learning to cook", parent=ACTIVITIES),
    TermSpec("gardening", "Gardening", "Allotments and community gardens", parent=ACTIVITIES),
    TermSpec(
        "work-volunteering",
        "Work and volunteering",
        "Finding and keeping a job or volunteering",
        parent=ACTIVITIES,
    ),
    TermSpec("learning", "Learning and college", "Courses and classes", parent=ACTIVITIES),
    TermSpec("social-clubs", "Social clubs", "Clubs, discos, friendship groups", parent=ACTIVITIES),
    TermSpec("day-opportunities", "Day opportunities", "Day services", parent=ACTIVITIES),
)


@transaction.atomic
def ensure_standard_terms() -> dict[str, TaxonomyTerm]:
    """Adds the missing standard terms; returns every standard term by code."""
    existing = {term.code: term for term in TaxonomyTerm.objects.all()}
    for spec in STANDARD_TERMS:
        if spec.code in existing:
            continue
        existing[spec.code] = TaxonomyTerm.objects.create(
            code=spec.code,
            name=spec.name,
            description=spec.description,
            support_kind=spec.support_kind,
            parent=existing.get(spec.parent) if spec.parent else None,
        )
    return {spec.code: existing[spec.code] for spec in STANDARD_TERMS}


def term_for_support_kind(support_kind: str) -> TaxonomyTerm | None:
    return TaxonomyTerm.objects.filter(support_kind=support_kind).order_by("id").first()
