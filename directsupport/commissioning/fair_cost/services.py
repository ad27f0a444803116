"""Keeping the fair-cost build-ups and the reference prices beside them.

Market shapers and managers (checked by the views through ``commissioning.access``) change a
build-up; each save moves its version on only while it is still at the version the editor
started from, so two people editing at once never overwrite each other (FairCostConflict).
Reference prices (the Homecare Association's minimum price, say) are added and updated as
they are published. Everything is audited. Callable without a request (demo data, commands).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import Organisation, User
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_change
from directsupport.lib import conflicts

from ..models import FairCostModel, ReferencePrice

FAIR_COST_FIELDS = (
    "name",
    "term",
    "pay_pence_per_hour",
    "employer_ni_bp",
    "pension_bp",
    "holiday_bp",
    "travel_minutes_per_hour",
    "travel_pence_per_hour",
    "training_bp",
    "overheads_bp",
    "surplus_bp",
    "flag_below_bp",
    "flag_above_bp",
)
REFERENCE_PRICE_FIELDS = (
    "name",
    "region",
    "pence_per_hour",
    "applies_from",
    "applies_to",
    "source",
)


class FairCostConflict(conflicts.EditConflict[FairCostModel]):
    """Someone else saved the build-up after this editor loaded it; nothing was changed."""


def _values(instance: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {field: getattr(instance, field) for field in fields}


def _apply(instance: Any, fields: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    for field in allowed:
        if field in fields:
            setattr(instance, field, fields[field])


@transaction.atomic
def create_fair_cost_model(
    *,
    actor: User,
    organisation: Organisation,
    fields: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> FairCostModel:
    """A new build-up for ``organisation`` (``fields`` named as FAIR_COST_FIELDS; ``term``
    None for the organisation's default)."""
    model = FairCostModel(organisation=organisation, updated_by=actor)
    _apply(model, fields, FAIR_COST_FIELDS)
    model.full_clean(exclude=["updated_by"])
    model.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=model,
        summary=f"Added the fair-cost build-up '{model.name}'",
        changes=model_changes({}, _values(model, FAIR_COST_FIELDS)),
    )
    return model


@transaction.atomic
def change_fair_cost_model(
    *,
    actor: User,
    model: FairCostModel,
    fields: Mapping[str, Any],
    expected_version: int,
    request: HttpRequest | None = None,
) -> FairCostModel:
    """Save changes made from version ``expected_version``; FairCostConflict (nothing saved)
    when someone else saved since. Returns the saved build-up at its new version."""
    current = FairCostModel.objects.select_for_update().get(pk=model.pk)
    conflicts.check_version(current, expected_version, FairCostConflict)
    before = _values(current, FAIR_COST_FIELDS)
    _apply(current, fields, FAIR_COST_FIELDS)
    current.full_clean(exclude=["updated_by", "version"])
    changes = model_changes(before, _values(current, FAIR_COST_FIELDS))
    current.version = expected_version + 1
    current.updated_by = actor
    current.updated_at = timezone.now()
    saved = FairCostModel.objects.filter(pk=current.pk, version=expected_version).update(
        version=F("version") + 1,
        updated_by=actor,
        updated_at=current.updated_at,
        **{field: getattr(current, field) for field in FAIR_COST_FIELDS},
    )
    if saved != 1:  # pragma: no cover - the row lock above makes this unreachable
        raise FairCostConflict(saved=FairCostModel.objects.get(pk=current.pk))
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=current,
        summary=f"Changed the fair-cost build-up '{current.name}'",
        changes=changes,
    )
    return current


@transaction.atomic
def add_reference_price(
    *,
    actor: User,
    organisation: Organisation,
    fields: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> ReferencePrice:
    """A published price to compare with (named as REFERENCE_PRICE_FIELDS)."""
    price = ReferencePrice(organisation=organisation, updated_by=actor)
    _apply(price, fields, REFERENCE_PRICE_FIELDS)
    price.full_clean(exclude=["updated_by"])
    price.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=price,
        summary=f"Added the reference price '{price}'",
        changes=model_changes({}, _values(price, REFERENCE_PRICE_FIELDS)),
    )
    return price


@transaction.atomic
def change_reference_price(
    *,
    actor: User,
    price: ReferencePrice,
    fields: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> ReferencePrice:
    """Update a reference price (a new year's figure, a corrected source)."""
    current = ReferencePrice.objects.select_for_update().get(pk=price.pk)
    before = _values(current, REFERENCE_PRICE_FIELDS)
    _apply(current, fields, REFERENCE_PRICE_FIELDS)
    current.updated_by = actor
    current.updated_at = timezone.now()
    current.full_clean(exclude=["updated_by"])
    current.save()
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=current,
        summary=f"Changed the reference price '{current}'",
        changes=model_changes(before, _values(current, REFERENCE_PRICE_FIELDS)),
    )
    return current
