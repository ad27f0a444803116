"""The rate card pages: the card in use with earlier and coming ones, one card, and a new card.

Coordinators and market shapers read the cards; managers and finance make a new one
(week/access.py). A card is never changed: new rates are a new card from a later date.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.lib.forms import add_service_errors

from ..access import (
    can_change_rate_cards,
    check_may_change_rate_cards,
    check_may_see_rate_cards,
    get_rate_card_for_user,
)
from ..models import RateCard
from ..pricing import current_rate_card
from ..rate_card_forms import RateCardForm
from ..rate_card_services import band_labels, card_status, create_rate_card, rate_rows


def _cards(user: User) -> list[RateCard]:
    return list(
        RateCard.objects.filter(organisation_id=user.organisation_id).order_by(
            "-effective_from", "-id"
        )
    )


def rate_card(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_see_rate_cards(user)
    today = timezone.localdate()
    cards = _cards(user)
    current = current_rate_card(user.organisation, today)
    others = [
        {"card": card, "status": card_status(card, cards, today)}
        for card in cards
        if current is None or card.pk != current.pk
    ]
    return render(
        request,
        "week/rate_card/list.html",
        {
            "current": current,
            "rows": rate_rows(current) if current else [],
            "bands": band_labels(),
            "others": others,
            "can_change": can_change_rate_cards(user),
        },
    )


def rate_card_detail(request: AuthenticatedRequest, card_pk: int) -> HttpResponse:
    user = request.user
    card = get_rate_card_for_user(user, card_pk)
    return render(
        request,
        "week/rate_card/detail.html",
        {
            "card": card,
            "status": card_status(card, _cards(user), timezone.localdate()),
            "rows": rate_rows(card),
            "bands": band_labels(),
            "can_change": can_change_rate_cards(user),
        },
    )


def rate_card_new(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_change_rate_cards(user)
    current = current_rate_card(user.organisation, timezone.localdate())
    if request.method == "POST":
        form = RateCardForm(request.POST)
        if form.is_valid():
            try:
                card = create_rate_card(
                    actor=user,
                    organisation=user.organisation,
                    effective_from=form.cleaned_data["effective_from"],
                    bands=form.bands(),
                    sleep_in_pence=form.cleaned_data["sleep_in"],
                    hourly=form.hourly(),
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"The new {card} is saved.")
                return redirect("week:rate_card_detail", card_pk=card.pk)
    else:
        form = RateCardForm(initial=RateCardForm.initial_from(current))
    return render(
        request,
        "week/rate_card/form.html",
        {"form": form, "current": current, "bands": band_labels()},
    )
