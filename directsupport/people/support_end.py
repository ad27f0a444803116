"""Recording that a person's support has ended (or, for a mistake, that it has not).

The day support ended is when the retention schedule starts counting (care records are kept 8
years after it), so only a manager records it, and the audit row keeps the old and new day.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_change

from .models import Person


@transaction.atomic
def set_support_ended(
    *,
    actor: User,
    person: Person,
    ended_on: dt.date | None,
    request: HttpRequest | None = None,
) -> Person:
    """Record the last day the provider supported ``person``; ``None`` says they still are."""
    if actor.role != Role.MANAGER or actor.organisation_id != person.organisation_id:
        raise ValidationError("Only a manager of their provider can say when support ended.")
    if ended_on is not None and ended_on > timezone.localdate():
        raise ValidationError(
            {"support_ended_on": "Support cannot have ended on a day still to come."}
        )
    current = Person.objects.select_for_update().get(pk=person.pk)
    before = {"support_ended_on": current.support_ended_on}
    if current.support_ended_on == ended_on:
        return current
    current.support_ended_on = ended_on
    current.save(update_fields=["support_ended_on"])
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        person_id=current.pk,
        subject=current,
        summary=(
            f"Recorded that support for {current.display_name} ended on {ended_on:%d/%m/%Y}"
            if ended_on
            else f"Recorded that {current.display_name} is still supported"
        ),
        changes=model_changes(before, {"support_ended_on": ended_on}),
    )
    return current
