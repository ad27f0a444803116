"""Where each person has got to on the three-year programme, as at a day: the one rule the
dashboard's counts, trends and per-person table all read.

The stages, lowest first, and the fact (with its date) that says each was reached:

1. **Planning**: everyone supported (their support had not ended before the day).
2. **Plan Book agreed**: a Plan Book version agreed by the person (or a representative) or
   published, signed or published by the end of the day (planning's ``PlanBookVersion``).
3. **ISF live**: funds' rule (``funds/contracts/programme.py``): an agreement the council
   APPROVED whose dates cover the day. Approved by the end of the day; a version since superseded
   still counts for the days it was in force.
4. **Needs matched**: a support need for which the person chose a supplier by the end of the day
   (market's ``SupplierChoice``), the need still chosen or met (``NeedStatus``).
5. **Contracted**: a support contract the person is a party to became active by the end of the
   day (commissioning's ``Contract.activated_at``), whatever its status now.
6. **Reviewed**: a review of the ISF held on or before the day (funds' ``AgreementReview``,
   which every completed co-production review records).

A person's stage is the furthest they reached, not the last step in order: someone reviewed
counts as reviewed. The rule runs in the database (``CASE WHEN EXISTS ...``), so counting
10,000 people is one grouped query, and the per-person table asks the same question of the 50
people it shows.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from directsupport.commissioning.models import ContractParty, ContractStatus
from directsupport.funds.models import Agreement, AgreementReview, AgreementStatus
from directsupport.market.models import NeedStatus, SupplierChoice
from directsupport.people.models import Person
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion


class Stage(models.IntegerChoices):
    PLANNING = 1, "Planning"
    PLAN_AGREED = 2, "Plan Book agreed"
    ISF_LIVE = 3, "ISF live"
    NEEDS_MATCHED = 4, "Needs matched"
    CONTRACTED = 5, "Contracted"
    REVIEWED = 6, "Reviewed"


STAGE_KEYS: dict[int, str] = {
    Stage.PLANNING: "planning",
    Stage.PLAN_AGREED: "plan_agreed",
    Stage.ISF_LIVE: "isf_live",
    Stage.NEEDS_MATCHED: "needs_matched",
    Stage.CONTRACTED: "contracted",
    Stage.REVIEWED: "reviewed",
}

# Contracts that once became active (an ended one was still reached).
ONCE_ACTIVE = (ContractStatus.ACTIVE, ContractStatus.ENDING, ContractStatus.ENDED)


def end_of_day(day: dt.date) -> dt.datetime:
    """The first moment after ``day`` (local time): "by the end of the day" is before this."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def agreements_in_force(day: dt.date) -> QuerySet[Agreement]:
    """Funds' "live ISF" on ``day`` (``funds/contracts/programme.py``): approved by the end of the
    day and dated to cover it. A version since superseded counts for the days it was in force."""
    return Agreement.objects.filter(
        status__in=(AgreementStatus.APPROVED, AgreementStatus.SUPERSEDED),
        decided_at__lt=end_of_day(day),
        starts_on__lte=day,
        ends_on__gte=day,
    )


def supported_on(people: QuerySet[Person], day: dt.date) -> QuerySet[Person]:
    """Those still supported on ``day`` (stage 1's rule)."""
    return people.exclude(support_ended_on__lt=day)


def _reached(day: dt.date) -> list[tuple[Stage, Exists]]:
    """Each stage above planning with the fact that says it was reached by ``day``, furthest
    first (CASE takes the first that holds)."""
    until = end_of_day(day)
    person = OuterRef("pk")
    return [
        (
            Stage.REVIEWED,
            Exists(AgreementReview.objects.filter(fund__person=person, held_on__lte=day)),
        ),
        (
            Stage.CONTRACTED,
            Exists(
                ContractParty.objects.filter(
                    person=person,
                    contract__status__in=ONCE_ACTIVE,
                    contract__activated_at__lt=until,
                )
            ),
        ),
        (
            Stage.NEEDS_MATCHED,
            Exists(
                SupplierChoice.objects.filter(
                    need__person=person,
                    need__status__in=(NeedStatus.CHOSEN, NeedStatus.MET),
                    recorded_at__lt=until,
                )
            ),
        ),
        (
            Stage.ISF_LIVE,
            Exists(agreements_in_force(day).filter(fund__person=person)),
        ),
        (
            Stage.PLAN_AGREED,
            Exists(
                PlanBookVersion.objects.filter(
                    Q(signed_at__lt=until) | Q(published_at__lt=until),
                    person=person,
                    status__in=(PlanBookStatus.AGREED, PlanBookStatus.PUBLISHED),
                )
            ),
        ),
    ]


def with_stage(people: QuerySet[Person], *, day: dt.date) -> QuerySet[Person]:
    """``people`` supported on ``day``, each annotated with ``programme_stage`` (a Stage value)."""
    return supported_on(people, day).annotate(
        programme_stage=Case(
            *(When(fact, then=Value(int(stage))) for stage, fact in _reached(day)),
            default=Value(int(Stage.PLANNING)),
            output_field=models.PositiveSmallIntegerField(),
        )
    )


def stage_counts(people: QuerySet[Person], *, day: dt.date) -> dict[str, int]:
    """How many people are at each stage on ``day``: one grouped query."""
    counts = {key: 0 for key in STAGE_KEYS.values()}
    rows = (
        with_stage(people, day=day)
        .order_by()
        .values("programme_stage")  # type: ignore[misc]  # annotated by with_stage
        .annotate(n=models.Count("pk"))
    )
    for row in rows:
        counts[STAGE_KEYS[row["programme_stage"]]] = int(row["n"])
    return counts
