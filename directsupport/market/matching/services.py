"""Recording the person's choice of a service for a need.

The person's choice always overrides the ranking: any active service in their provider's
directory may be chosen, ranked or not, and where it stood (``rank_when_chosen``, empty if it
was not a candidate) is kept beside the reason in the person's words. A choice someone made for
the person (with why they decided for them) is a best guess until the person makes it
themselves; every choice is a new row, so what changed stays on record, and the newest is the
one in force.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.audit.models import Action
from directsupport.audit.services import record_change

from ..models import NeedStatus, Service, ServiceStatus, SupplierChoice, SupportNeed

REASON_MAX = 2000
NAME_MAX = 150
ON_BEHALF_MAX = 1000
# A need that is met (under contract) keeps its status; a new choice is still recorded.
CHOOSABLE_STATUSES = frozenset({NeedStatus.OPEN, NeedStatus.CHOSEN, NeedStatus.MET})


def choice_in_force(need: SupportNeed) -> SupplierChoice | None:
    return (
        SupplierChoice.objects.filter(need=need)
        .select_related("service__supplier__organisation", "recorded_by")
        .first()
    )


def is_best_guess(choice: SupplierChoice) -> bool:
    """Made for the person by someone else, and not yet made by the person themselves."""
    return bool(choice.on_behalf_reason)


@transaction.atomic
def record_choice(
    *,
    actor: User,
    need: SupportNeed,
    service: Service,
    reason: str,
    chosen_by: str,
    on_behalf_reason: str = "",
    rank_when_chosen: int | None,
    request: HttpRequest | None = None,
) -> SupplierChoice:
    """The person's choice (or one made for them, with ``on_behalf_reason``) of ``service`` for
    ``need``, at ``rank_when_chosen`` in the ranking then (None: not a candidate). The need
    becomes "Supplier chosen". Raises ValidationError with a message per field."""
    reason = reason.replace("\r\n", "\n").strip()
    chosen_by = " ".join(chosen_by.split())
    on_behalf_reason = on_behalf_reason.replace("\r\n", "\n").strip()
    problems: dict[str, str] = {}
    if not reason:
        problems["reason"] = "Say why, in the person's own words"
    elif len(reason) > REASON_MAX:
        problems["reason"] = f"Make the reason {REASON_MAX:,} characters or fewer"
    if not chosen_by or len(chosen_by) > NAME_MAX:
        problems["chosen_by"] = f"Say who chose, in {NAME_MAX} characters or fewer"
    if len(on_behalf_reason) > ON_BEHALF_MAX:
        problems["on_behalf_reason"] = f"Make this {ON_BEHALF_MAX:,} characters or fewer"
    person = need.person
    if (
        service.supplier.directory_owner_id != person.organisation_id
        or service.status != ServiceStatus.ACTIVE
    ):
        problems["service"] = "Choose a service that is running, from the directory"
    current = SupportNeed.objects.select_for_update().get(pk=need.pk)
    if current.status not in CHOOSABLE_STATUSES:
        problems["need"] = (
            f"This need is '{current.get_status_display().lower()}': open it again first"
        )
    if problems:
        raise ValidationError(problems)
    choice = SupplierChoice.objects.create(
        need=current,
        service=service,
        rank_when_chosen=rank_when_chosen,
        reason=reason,
        chosen_by=chosen_by,
        on_behalf_reason=on_behalf_reason,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    before = current.status
    if current.status == NeedStatus.OPEN:
        current.status = NeedStatus.CHOSEN
        current.updated_at = timezone.now()
        current.save(update_fields=["status", "updated_at"])
    need.status = current.status
    ranked = f"ranked {rank_when_chosen}" if rank_when_chosen else "not among those ranked"
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=person.pk,
        subject=choice,
        summary=(
            f"{chosen_by} chose {service.supplier.name} ({service.name}, {ranked}) for "
            f"'{current.what}'"
            + (" on the person's behalf (a best guess until checked)" if on_behalf_reason else "")
        ),
        changes={
            "service": {"from": None, "to": service.pk},
            "rank_when_chosen": {"from": None, "to": rank_when_chosen},
            "reason": {"from": None, "to": reason},
            "chosen_by": {"from": None, "to": chosen_by},
            "on_behalf_reason": {"from": None, "to": on_behalf_reason},
            "need_status": {"from": before, "to": current.status},
        },
    )
    return choice
