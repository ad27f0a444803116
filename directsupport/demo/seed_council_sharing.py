"""What the demo people agreed to share with Hollowfield council, beyond the minimum.

The council's commissioners (Martin Hughes, Nadia Khan) read a plan summary of each person
they fund: always the money; outcomes, the Perfect Week (without names) and how to communicate
only where the person said yes. A mix, as in life: Dee shares her outcomes and her week; about
a third of the people with a published Plan Book share their outcomes and week, another third
only their outcomes, and the rest (and everyone without a published book) the minimum. Tariq's
brother, his deputy, decided for him. Recorded through the same service as the consent pages,
so each decision is audited; skipped for anyone who already has one, so a second run adds none.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from directsupport.people.council_sharing import record_council_sharing
from directsupport.people.models import CouncilSharingDecision, DecidedBy, Person
from directsupport.planbook.models import PlanBookStatus

# Dee, at the centre of the demo's story, and the representative's decision for Tariq.
CHOSEN: dict[str, frozenset[str]] = {
    "Adaeze": frozenset({"outcomes", "perfect_week", "communication"}),
    "Tariq": frozenset({"outcomes"}),
}
REPRESENTATIVE_FOR = {
    "Tariq": (
        "my brother",
        "Tariq's brother Bilal is his Court of Protection deputy for personal welfare. Tariq could "
        "not hold on to what sharing with the council means long enough to choose, so Bilal "
        "decided in his best interests.",
    ),
}
# By turn, for the others with a published Plan Book.
PATTERN: tuple[frozenset[str], ...] = (
    frozenset({"outcomes", "perfect_week"}),
    frozenset({"outcomes"}),
    frozenset(),
)


@dataclass
class CouncilSharingCounts:
    decisions: int = 0
    sharing_more: int = 0

    def lines(self) -> list[str]:
        return [
            f"{self.decisions} decisions about what is shared with the council "
            f"({self.sharing_more} people share more than the minimum)"
        ]


def seed_council_sharing() -> CouncilSharingCounts:
    counts = CouncilSharingCounts()
    decided = set(CouncilSharingDecision.objects.values_list("person_id", flat=True))
    published = (
        Person.objects.filter(
            Q(plan_book_versions__status=PlanBookStatus.PUBLISHED) | Q(first_name__in=CHOSEN)
        )
        .distinct()
        .select_related("coordinator")
        .order_by("pk")
    )
    for index, person in enumerate(published):
        shares = CHOSEN.get(person.first_name, PATTERN[index % len(PATTERN)])
        if person.pk in decided or not shares or person.coordinator is None:
            continue
        decided_by, name, reason = DecidedBy.PERSON, "", ""
        representative = REPRESENTATIVE_FOR.get(person.first_name)
        if representative is not None:
            relationship, why = representative
            member = person.circle.filter(relationship=relationship).first()
            if member is not None:
                decided_by, name, reason = DecidedBy.REPRESENTATIVE, member.name, why
        record_council_sharing(
            actor=person.coordinator,
            person=person,
            shares=shares,
            decided_by=decided_by,
            representative_name=name,
            representative_reason=reason,
        )
        counts.decisions += 1
        counts.sharing_more += 1
    return counts
