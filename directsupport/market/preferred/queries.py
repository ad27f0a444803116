"""Reading the preferred supplier list: who is on it (the one question other parts ask), what an
application still lacks before it may be approved, its assessments against each criterion, and
how many applications are at each step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet

from ..models import (
    LIVE_STATUSES,
    ApplicationStatus,
    ApplicationStep,
    CriterionAssessment,
    PreferredApplication,
    PreferredCriterion,
)

# The order statuses are shown in: the workflow's, open ones first.
STATUS_ORDER: tuple[str, ...] = (
    ApplicationStatus.PROPOSED,
    ApplicationStatus.APPLIED,
    ApplicationStatus.ASSESSING,
    ApplicationStatus.APPROVED,
    ApplicationStatus.SUSPENDED,
    ApplicationStatus.DECLINED,
    ApplicationStatus.WITHDRAWN,
)


# Being on the preferred list means an approved application; a suspended supplier is not
# preferred. Matching and the directory ask the two functions below, and nothing else.
ON_THE_LIST = ApplicationStatus.APPROVED


def preferred_supplier_ids(provider_id: int) -> set[int]:
    """The ids of the directory entries (``Supplier.pk``) on ``provider_id``'s preferred list
    now."""
    return set(
        PreferredApplication.objects.filter(
            provider_id=provider_id, status=ON_THE_LIST
        ).values_list("supplier_id", flat=True)
    )


def on_preferred_list() -> Exists:
    """The same question inside a query of suppliers: on the preferred list of the provider
    whose directory the supplier is in (staff see only their own provider's directory)."""
    return Exists(
        PreferredApplication.objects.filter(
            supplier=OuterRef("pk"), provider=OuterRef("directory_owner"), status=ON_THE_LIST
        )
    )


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


def status_counts(applications: QuerySet[PreferredApplication]) -> list[StatusCount]:
    """How many of ``applications`` are at each status, in the workflow's order (zeros too, so
    the filter links stay in the same place)."""
    counted = dict(
        applications.order_by()
        .values("status")
        .annotate(n=Count("id", distinct=True))
        .values_list("status", "n")
    )
    return [
        StatusCount(status, ApplicationStatus(status).label, counted.get(status, 0))
        for status in STATUS_ORDER
    ]


def active_criteria(provider_id: int) -> list[PreferredCriterion]:
    return list(PreferredCriterion.objects.filter(provider_id=provider_id, active=True))


@dataclass(frozen=True)
class Missing:
    """What stops an application being approved: criteria not yet assessed, whether the
    co-production panel's view is still to be recorded, and whether the provider has no criteria
    at all (a list nobody was measured against would mean nothing)."""

    criteria: tuple[str, ...]
    panel_view: bool
    no_criteria: bool = False

    def __bool__(self) -> bool:
        return bool(self.criteria) or self.panel_view or self.no_criteria

    @property
    def message(self) -> str:
        """ "It cannot be approved yet: assess it against Quality and Values, and record the
        co-production panel's view." """
        needs = []
        if self.no_criteria:
            needs.append("write down the criteria agreed with people supported and the council")
        if self.criteria:
            needs.append(f"assess it against {_and_list(self.criteria)}")
        if self.panel_view:
            needs.append("record the co-production panel's view")
        return f"It cannot be approved yet: {_and_list(needs)}."


def _and_list(items: Iterable[str]) -> str:
    words = list(items)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def missing_for_approval(application: PreferredApplication) -> Missing:
    """Every active criterion must be assessed and the panel's view recorded before approval
    (and before a suspended supplier is reinstated)."""
    assessed = set(
        CriterionAssessment.objects.filter(application=application).values_list(
            "criterion_id", flat=True
        )
    )
    criteria = active_criteria(application.provider_id)
    unassessed = tuple(criterion.title for criterion in criteria if criterion.pk not in assessed)
    return Missing(
        criteria=unassessed,
        panel_view=not application.panel_view.strip(),
        no_criteria=not criteria,
    )


@dataclass(frozen=True)
class AssessmentRow:
    """One criterion and how the application measured against it (None: not yet assessed)."""

    criterion: PreferredCriterion
    assessment: CriterionAssessment | None


def assessment_rows(application: PreferredApplication) -> list[AssessmentRow]:
    """Every active criterion, and any criterion no longer used that was assessed, in the
    criteria's order."""
    assessments = {
        assessment.criterion_id: assessment
        for assessment in CriterionAssessment.objects.filter(application=application)
        .select_related("criterion", "assessed_by")
        .order_by()
    }
    criteria = PreferredCriterion.objects.filter(provider_id=application.provider_id)
    return [
        AssessmentRow(criterion, assessments.get(criterion.pk))
        for criterion in criteria
        if criterion.active or criterion.pk in assessments
    ]


def steps_of(application: PreferredApplication) -> list[ApplicationStep]:
    """Every move of the application, oldest first, with who made it."""
    return list(ApplicationStep.objects.filter(application=application).select_related("by"))


def approved_on_by_application(application_ids: Iterable[int]) -> dict[int, ApplicationStep]:
    """The step that last put each application on the list (approved or reinstated)."""
    latest: dict[int, ApplicationStep] = {}
    for step in ApplicationStep.objects.filter(
        application_id__in=list(application_ids), to_status=ApplicationStatus.APPROVED
    ).order_by("at", "id"):
        latest[step.application_id] = step
    return latest


def live_application_of(*, provider_id: int, supplier_id: int) -> PreferredApplication | None:
    """The application of this supplier that is open or on the list (at most one: the database
    allows no more)."""
    return PreferredApplication.objects.filter(
        provider_id=provider_id, supplier_id=supplier_id, status__in=sorted(LIVE_STATUSES)
    ).first()
