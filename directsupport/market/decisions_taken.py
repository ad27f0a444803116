"""Preferred-list decisions as the decision log hears of them (``lib.decision_feed``).

Built here, where an application to the preferred list is understood, and called both by
``preferred.services.decide`` (as it is decided) and by the decision log's backfill.
"""

from __future__ import annotations

from django.utils import timezone

from directsupport.accounts.roles import Role
from directsupport.lib.decision_feed import DecisionTaken, Participant, ParticipantRole

from .models import ApplicationStatus, ApplicationStep

# The steps that are decisions about the list: a supplier put on it (or back on it) or refused.
DECISION_STEPS = frozenset({ApplicationStatus.APPROVED, ApplicationStatus.DECLINED})
PANEL_NAME = "The co-production panel"


def is_preferred_decision(step: ApplicationStep) -> bool:
    return step.to_status in DECISION_STEPS


def preferred_decided(step: ApplicationStep) -> DecisionTaken:
    """A supplier approved for (or declined from) the preferred list: decided by staff, with the
    co-production panel's view when it was recorded (the panel's words; who recorded it)."""
    application = step.application
    supplier = application.supplier
    participants = [
        Participant(name=step.by.full_name, role=ParticipantRole.STAFF, user_id=step.by.pk)
    ]
    panel_view = application.panel_view.strip()
    recorder = application.panel_view_by
    if panel_view and recorder is not None and recorder.role == Role.EXPERT:
        # An expert by experience recorded the panel's view themselves.
        participants.append(
            Participant(name=recorder.full_name, role=ParticipantRole.EXPERT, user_id=recorder.pk)
        )
    elif panel_view:
        participants.append(Participant(name=PANEL_NAME, role=ParticipantRole.EXPERT))
        if recorder is not None and recorder.pk != step.by.pk:
            participants.append(
                Participant(
                    name=recorder.full_name, role=ParticipantRole.STAFF, user_id=recorder.pk
                )
            )
    approved = step.to_status == ApplicationStatus.APPROVED
    title = (
        f"{supplier.name} put on the preferred supplier list"
        if approved
        else f"{supplier.name} not put on the preferred supplier list"
    )
    return DecisionTaken(
        source="preferred_list",
        source_key=f"market.applicationstep:{step.pk}",
        organisation_id=application.provider_id,
        person_id=None,
        topic="service_model",
        title=title,
        reasons=step.reason.strip() or "Assessed against every preferred-list criterion.",
        person_words=panel_view,
        decided_on=timezone.localdate(step.at),
        participants=tuple(participants),
        person_took_part=True,
        actor_id=step.by.pk,
    )
