"""Comparing offers side by side and recording the person's choice.

Each supplier's open offer is scored 0-5 on quality, fit with the person and price. The weights
(whole percentages adding up to 100) are entered and recorded with the choice; the default puts
quality and fit before price (40/40/20), never lowest price first. Each offer's total is
``sum(weight x score) / 5``, out of 100. The scores guide; the person's choice decides, and may
differ from the top score: their reason is kept in their own words, with who decided (the
person, or a representative named with the reason, Mental Capacity Act 2005).

Suggested scores: quality from the CQC rating and the preferred list, fit from the market's
matching of the supplier's services to the person's need, price from the cheapest offer. Staff
change them with the person before the choice is recorded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.audit.models import Action
from directsupport.audit.services import record_change
from directsupport.lib.decision_feed import announce
from directsupport.lib.money import format_pence
from directsupport.market.matching.for_need import ranking_for
from directsupport.market.models import CqcRating
from directsupport.market.preferred.queries import preferred_supplier_ids
from directsupport.people.circle_services import check_decider

from ..access import can_commission
from ..decisions_taken import offer_chosen
from ..models import Offer, OfferChoice, OfferSide, OfferStatus, QuoteRequest, RequestStatus
from .services import audit_person

ASPECTS = ("quality", "fit", "price")
DEFAULT_WEIGHTS = {"quality": 40, "fit": 40, "price": 20}
TOP_SCORE = 5
CQC_SCORES = {
    CqcRating.OUTSTANDING: 5,
    CqcRating.GOOD: 4,
    CqcRating.NOT_YET_RATED: 3,
    CqcRating.REQUIRES_IMPROVEMENT: 2,
    CqcRating.INADEQUATE: 0,
}


def total_score(weights: Mapping[str, int], scores: Mapping[str, int]) -> int:
    """Out of 100: each aspect's score out of 5 times its weight, rounded half up."""
    points = sum(weights[aspect] * scores[aspect] for aspect in ASPECTS)
    return (points * 2 + TOP_SCORE) // (2 * TOP_SCORE)


def choosable_offers(rfq: QuoteRequest) -> list[Offer]:
    """The offers the person may choose between: each supplier's open offer (a counter-offer
    waiting for the supplier's answer is not one yet)."""
    return list(
        rfq.offers.select_related("supplier", "supplier__organisation").filter(
            status=OfferStatus.OPEN, side=OfferSide.SUPPLIER
        )
    )


@dataclass
class Suggestion:
    offer: Offer
    scores: dict[str, int]
    hints: dict[str, list[str]] = field(default_factory=dict)


def suggest_scores(rfq: QuoteRequest, offers: Sequence[Offer]) -> list[Suggestion]:
    """A starting point for each offer's scores, with the reasons in plain words."""
    preferred = preferred_supplier_ids(rfq.organisation_id)
    fit_by_supplier: dict[int, tuple[int, list[str]]] = {}
    first = rfq.needs.select_related("need", "need__person").first()
    if first is not None:
        ranking, _ = ranking_for(first.need, timezone.localdate(), say_money_left=False)
        for candidate in ranking.candidates:
            supplier_id = candidate.service.supplier_id
            if supplier_id in fit_by_supplier:
                continue
            met, unmet = candidate.met, candidate.unmet
            score = round(TOP_SCORE * len(met) / max(1, len(met) + len(unmet)))
            fit_by_supplier[supplier_id] = (score, met[:4] + [f"Not: {u}" for u in unmet[:2]])
    cheapest = min((offer.pence_per_hour for offer in offers), default=0)
    suggestions = []
    for offer in offers:
        supplier = offer.supplier
        quality_hints = []
        if supplier.cqc_rating:
            quality = CQC_SCORES.get(CqcRating(supplier.cqc_rating), 3)
            quality_hints.append(f"CQC rating: {supplier.get_cqc_rating_display()}")
        else:
            quality = 3
            quality_hints.append("No CQC rating (not needed for support without personal care)")
        if supplier.pk in preferred:
            quality = min(TOP_SCORE, quality + 1)
            quality_hints.append("On the preferred list")
        else:
            quality_hints.append("Not on the preferred list")
        fit, fit_hints = fit_by_supplier.get(
            supplier.pk,
            (3, ["Not matched by the market: score it with the person"]),
        )
        price = round(TOP_SCORE * cheapest / offer.pence_per_hour) if offer.pence_per_hour else 0
        suggestions.append(
            Suggestion(
                offer=offer,
                scores={"quality": quality, "fit": fit, "price": price},
                hints={
                    "quality": quality_hints,
                    "fit": fit_hints,
                    "price": [
                        f"{format_pence(offer.pence_per_hour)} an hour; the cheapest offer is "
                        f"{format_pence(cheapest)}"
                    ],
                },
            )
        )
    return suggestions


def check_weights(weights: Mapping[str, Any]) -> dict[str, int]:
    problems: dict[str, str] = {}
    clean: dict[str, int] = {}
    for aspect in ASPECTS:
        value = weights.get(aspect)
        if not isinstance(value, int) or not 0 <= value <= 100:
            problems[f"weight_{aspect}"] = f"Enter the weight for {aspect} from 0 to 100"
        else:
            clean[aspect] = value
    if not problems and sum(clean.values()) != 100:
        problems["weights"] = (
            f"The weights add up to {sum(clean.values())}: make them add up to 100"
        )
    if problems:
        raise ValidationError(problems)
    return clean


def check_scores(
    scores: Mapping[int, Mapping[str, Any]], offers: Sequence[Offer]
) -> dict[int, dict[str, int]]:
    problems: dict[str, str] = {}
    clean: dict[int, dict[str, int]] = {}
    for offer in offers:
        given = scores.get(offer.pk, {})
        clean[offer.pk] = {}
        for aspect in ASPECTS:
            value = given.get(aspect)
            if not isinstance(value, int) or not 0 <= value <= TOP_SCORE:
                problems[f"score_{offer.pk}_{aspect}"] = (
                    f"Give {offer.supplier} a score for {aspect} from 0 to {TOP_SCORE}"
                )
            else:
                clean[offer.pk][aspect] = value
    if problems:
        raise ValidationError(problems)
    return clean


@transaction.atomic
def choose_offer(
    *,
    actor: User,
    rfq: QuoteRequest,
    offer: Offer,
    weights: Mapping[str, int],
    scores: Mapping[int, Mapping[str, int]],
    reason: str,
    decided_by: str,
    representative_name: str = "",
    representative_reason: str = "",
    request: HttpRequest | None = None,
) -> OfferChoice:
    """Record the person's choice: ``weights`` {"quality", "fit", "price"} adding up to 100,
    ``scores`` {offer id: {aspect: 0-5}} for each open offer, the reason in the person's
    words, who decided. The request becomes CHOSEN, the offer ACCEPTED and every other open
    offer DECLINED. ValidationError (nothing saved) says what is wrong."""
    current = QuoteRequest.objects.select_for_update().get(pk=rfq.pk)
    if not (can_commission(actor) and current.organisation_id == actor.organisation_id):
        raise ValidationError("Only the provider's market shapers and managers record a choice.")
    if current.status == RequestStatus.WITHDRAWN:
        raise ValidationError(f"Request {current.reference} was withdrawn: nothing can be chosen.")
    if current.status == RequestStatus.CHOSEN:
        raise ValidationError(f"An offer has already been chosen for {current.reference}.")
    if current.status != RequestStatus.SENT:
        raise ValidationError(f"Request {current.reference} has not been sent yet.")
    offers = choosable_offers(current)
    chosen = next((o for o in offers if o.pk == offer.pk), None)
    problems: dict[str, Any] = {}
    if chosen is None:
        problems["offer"] = "Choose one of the open offers from a supplier"
    try:
        clean_weights = check_weights(weights)
    except ValidationError as error:
        problems.update(error.message_dict)
        clean_weights = {}
    try:
        clean_scores = check_scores(scores, offers)
    except ValidationError as error:
        problems.update(error.message_dict)
        clean_scores = {}
    if not reason.strip():
        problems["reason"] = "Write down why this offer was chosen, in the person's words"
    try:
        check_decider(actor, decided_by, representative_name, representative_reason)
    except ValidationError as error:
        problems.update(error.message_dict)
    if problems or chosen is None:
        raise ValidationError(problems)
    recorded_scores = {
        str(pk): {**given, "total": total_score(clean_weights, given)}
        for pk, given in clean_scores.items()
    }
    choice = OfferChoice(
        request=current,
        offer=chosen,
        weight_quality=clean_weights["quality"],
        weight_fit=clean_weights["fit"],
        weight_price=clean_weights["price"],
        scores=recorded_scores,
        reason=reason.strip(),
        decided_by=decided_by,
        representative_name=representative_name.strip(),
        representative_reason=representative_reason.strip(),
        recorded_by=actor,
    )
    choice.full_clean()
    choice.save()
    chosen.status = OfferStatus.ACCEPTED
    chosen.save(update_fields=["status"])
    declined = [o for o in offers if o.pk != chosen.pk]
    Offer.objects.filter(pk__in=[o.pk for o in declined]).update(status=OfferStatus.DECLINED)
    # Open counter-offers waiting for another supplier are closed too.
    Offer.objects.filter(request=current, status=OfferStatus.OPEN).exclude(pk=chosen.pk).update(
        status=OfferStatus.DECLINED
    )
    before = current.status
    current.status = RequestStatus.CHOSEN
    current.version += 1
    current.save(update_fields=["status", "version"])
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=audit_person(current),
        subject=choice,
        summary=(
            f"Chose {chosen.supplier}'s offer of {format_pence(chosen.pence_per_hour)} an hour "
            f"on {current.reference}"
        ),
        changes={
            "weights": {"from": None, "to": clean_weights},
            "scores": {"from": None, "to": recorded_scores},
            "decided_by": {"from": None, "to": decided_by},
            "reason": {"from": None, "to": choice.reason},
            "request_status": {"from": before, "to": current.status},
            "accepted": {"from": None, "to": chosen.pk},
            "declined": {"from": None, "to": [o.pk for o in declined]},
        },
    )
    for decision in offer_chosen(choice):
        announce(decision)
    rfq.status = current.status
    rfq.version = current.version
    return choice
