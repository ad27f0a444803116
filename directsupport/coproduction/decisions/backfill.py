"""Decisions taken before the decision log existed, logged after the fact.

A provider installing this release already has Plan Books agreed, ISF agreements approved,
suppliers chosen and preferred-list decisions made; the demo makes some of them without the
services. Each is announced through the same builder its app uses as it happens, so a decision
reads the same whenever it was logged, and each is logged once (by its source key): running the
backfill again adds nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from django.core.exceptions import ValidationError

from directsupport.accounts.models import Organisation
from directsupport.commissioning.decisions_taken import offer_chosen
from directsupport.commissioning.models import OfferChoice
from directsupport.funds.agreements.services import APPROVED_ONCE
from directsupport.funds.decisions_taken import agreement_approved
from directsupport.funds.models import Agreement
from directsupport.lib.decision_feed import DecisionTaken
from directsupport.market.decisions_taken import DECISION_STEPS, preferred_decided
from directsupport.market.models import ApplicationStep
from directsupport.planbook.decisions_taken import plan_book_agreed
from directsupport.planbook.models import PlanBookVersion

from ..models import Decision
from .services import record_announced

logger = logging.getLogger(__name__)


def past_decisions(organisation: Organisation) -> Iterator[DecisionTaken]:
    """Every decision of the four kinds the organisation's data holds, oldest first by kind."""
    versions = (
        PlanBookVersion.objects.filter(
            person__organisation=organisation, signed_at__isnull=False, signed_by__gt=""
        )
        .select_related("person", "signed_by_user")
        .order_by("signed_at", "pk")
    )
    for version in versions:
        yield plan_book_agreed(version)
    agreements = (
        Agreement.objects.filter(fund__provider=organisation, status__in=APPROVED_ONCE)
        .select_related("fund__person", "decided_by", "created_by", "agreed_by_user")
        .order_by("decided_at", "pk")
    )
    for agreement in agreements:
        yield agreement_approved(agreement)
    choices = (
        OfferChoice.objects.filter(request__organisation=organisation)
        .select_related("request", "offer__supplier", "recorded_by")
        .order_by("recorded_at", "pk")
    )
    for choice in choices:
        yield from offer_chosen(choice)
    steps = (
        ApplicationStep.objects.filter(
            application__provider=organisation, to_status__in=DECISION_STEPS
        )
        .select_related("application__supplier", "application__panel_view_by", "by")
        .order_by("at", "pk")
    )
    for step in steps:
        yield preferred_decided(step)


def backfill_decisions(*, organisation: Organisation) -> int:
    """Log every past decision not yet in the log; the number newly logged. A decision the log
    refuses (old data missing who agreed it, say) is left out and named in the log file, so one
    odd row never stops the rest."""
    before = Decision.objects.filter(organisation=organisation).count()
    for decision in past_decisions(organisation):
        try:
            record_announced(decision)
        except ValidationError as refusal:
            logger.warning("Decision %s not logged: %s", decision.source_key, refusal.messages)
    return Decision.objects.filter(organisation=organisation).count() - before
