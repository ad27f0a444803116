"""The demo's preferred supplier list: the six criteria and sixteen applications of
market_preferred_data, each taken through the preferred list's services step by step, as the
market shaper and the supplier would (propose, apply, assess each criterion, record the panel's
view, decide), then given the days it happened on, as seed_funds does for agreements.

Repeatable: the criteria are added only if the provider has none; an application only for a
supplier that has never applied.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.market.models import (
    ApplicationStatus,
    ApplicationStep,
    CriterionAssessment,
    PreferredApplication,
    PreferredCriterion,
    Supplier,
)
from directsupport.market.preferred import services as preferred
from directsupport.market.preferred.queries import STATUS_ORDER

from . import market_preferred_data as pd
from . import organisations_data as orgs


@dataclass
class PreferredCounts:
    criteria: int = 0
    added: int = 0
    by_status: Counter[str] = field(default_factory=Counter)

    def words(self) -> str:
        states = ", ".join(
            f"{self.by_status[status]} {ApplicationStatus(status).label.lower()}"
            for status in STATUS_ORDER
            if self.by_status[status]
        )
        total = sum(self.by_status.values())
        return (
            f"preferred list: {self.criteria} criteria, {total} applications ({states}), "
            f"{self.added} added"
        )


def seed_preferred(
    *,
    provider: Organisation,
    suppliers: dict[str, Supplier],
    users: dict[str, User],
    shaper: User,
    today: dt.date,
) -> PreferredCounts:
    counts = PreferredCounts()
    criteria = _ensure_criteria(provider, shaper, today)
    applied = set(
        PreferredApplication.objects.filter(provider=provider).values_list("supplier_id", flat=True)
    )
    supplier_users = {
        s.organisation: users[s.email] for s in orgs.STAFF if s.email in users and s.organisation
    }
    for spec in pd.APPLICATIONS:
        supplier = suppliers[spec.supplier]
        if supplier.pk in applied:
            continue
        # A supplier with its own sign-in applies itself; the others sent their application to
        # the market shaper, who typed it in.
        applicant = supplier_users.get(spec.supplier, shaper)
        _take_through(spec, provider, supplier, criteria, shaper, applicant, today)
        counts.added += 1
    counts.criteria = len(criteria)
    counts.by_status = Counter(
        PreferredApplication.objects.filter(provider=provider).values_list("status", flat=True)
    )
    return counts


def _ensure_criteria(
    provider: Organisation, shaper: User, today: dt.date
) -> list[PreferredCriterion]:
    existing = list(PreferredCriterion.objects.filter(provider=provider, active=True))
    if existing:
        return existing
    agreed_on = today - dt.timedelta(days=pd.CRITERIA_AGREED_DAYS_AGO)
    return [
        preferred.add_criterion(
            provider=provider,
            fields={
                "kind": spec.kind,
                "title": spec.title,
                "description": spec.description,
                "easy_read": spec.easy_read,
                "agreed_on": agreed_on,
                "agreed_with": pd.CRITERIA_AGREED_WITH,
            },
            actor=shaper,
        )
        for spec in pd.CRITERIA
    ]


def _take_through(
    spec: pd.ApplicationSpec,
    provider: Organisation,
    supplier: Supplier,
    criteria: list[PreferredCriterion],
    shaper: User,
    applicant: User,
    today: dt.date,
) -> PreferredApplication:
    timeline = _Timeline()
    if spec.proposed_because:
        application = preferred.propose_supplier(
            provider=provider, supplier=supplier, why=spec.proposed_because, actor=shaper
        )
        timeline.steps(application)
    if spec.statement:
        application = preferred.apply_to_list(
            supplier=supplier, statement=spec.statement, actor=applicant
        )
        timeline.steps(application)
    for criterion, (result, evidence) in zip(criteria, spec.assessments, strict=False):
        assessment = preferred.assess(
            application=application,
            criterion=criterion,
            result=result,
            evidence=evidence,
            expected_version=application.version,
            actor=shaper,
        )
        timeline.steps(application, also=("assessment", assessment.pk))
    if spec.panel_view:
        # The panel's view comes back as the application saved now (its version moved on).
        application = preferred.record_panel_view(
            application=application,
            view=spec.panel_view,
            expected_version=application.version,
            actor=shaper,
        )
        timeline.steps(application, also=("panel", application.pk))
    for status, reason in spec.decisions:
        preferred.decide(
            application=application,
            status=status,
            reason=reason,
            expected_version=application.version,
            actor=shaper,
        )
        timeline.steps(application)
    timeline.backdate(application, started=today - dt.timedelta(days=spec.started_days_ago))
    return application


class _Timeline:
    """What happened to one application, in order, so each can be given its own day: the
    services stamp everything now; the story happened over the weeks before."""

    def __init__(self) -> None:
        self.events: list[tuple[str, int]] = []
        self._seen_steps: set[int] = set()

    def steps(self, application: PreferredApplication, also: tuple[str, int] | None = None) -> None:
        for pk in application.steps.order_by("id").values_list("id", flat=True):
            if pk not in self._seen_steps:
                self._seen_steps.add(pk)
                self.events.append(("step", pk))
        if also is not None:
            self.events.append(also)

    def backdate(self, application: PreferredApplication, *, started: dt.date) -> None:
        """Spread the events from ``started`` to yesterday, in working hours and in order (two
        on one day an hour apart)."""
        yesterday = timezone.localdate() - dt.timedelta(days=1)
        span = max((yesterday - started).days, 1)
        count = max(len(self.events) - 1, 1)
        on_day: Counter[dt.date] = Counter()
        for number, (what, pk) in enumerate(self.events):
            day = started + dt.timedelta(days=span * number // count)
            at = timezone.make_aware(dt.datetime.combine(day, dt.time(9 + on_day[day] % 8, 20)))
            on_day[day] += 1
            if what == "step":
                ApplicationStep.objects.filter(pk=pk).update(at=at)
            elif what == "assessment":
                CriterionAssessment.objects.filter(pk=pk).update(assessed_at=at)
            else:
                PreferredApplication.objects.filter(pk=pk).update(panel_view_at=at)
        first = timezone.make_aware(dt.datetime.combine(started, dt.time(9, 20)))
        PreferredApplication.objects.filter(pk=application.pk).update(created_at=first)
