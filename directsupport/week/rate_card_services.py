"""The provider's rate card: making a new one, and reading a card as a table.

A card is never changed once made: a change of rates is a new card from a later date. Weeks
priced with an earlier card (and agreed Plan Book versions, which keep the card's facts) keep
their prices; ``pricing.current_rate_card`` picks the card in force on a given day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import dateformat, timezone

from directsupport.accounts.models import Organisation, User
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_change
from directsupport.lib.money import format_pence

from .models import Rate, RateCard, SupportKind, TimeBand
from .pricing import BANDS, HOURLY_KINDS

UK_DATE = "j F Y"


@dataclass(frozen=True)
class BandTimes:
    day_starts: dt.time
    evening_starts: dt.time
    night_starts: dt.time


@transaction.atomic
def create_rate_card(
    *,
    actor: User,
    organisation: Organisation,
    effective_from: dt.date,
    bands: BandTimes,
    sleep_in_pence: int,
    hourly: Mapping[tuple[str, str], int],
    request: HttpRequest | None = None,
) -> RateCard:
    """A new card from ``effective_from``: every hourly kind of support in every band.

    Refused (ValidationError, by field) if a rate is missing, the bands are out of order, the
    date is in the past while an earlier card exists, or a card already starts that day.
    """
    missing = [(k, b) for k in HOURLY_KINDS for b in BANDS if (k, b) not in hourly]
    if missing:
        kind, band = missing[0]
        raise ValidationError(
            f"Enter the {TimeBand(band).label.lower()} rate for "
            f"{SupportKind(kind).label.lower()}: a rate card prices every kind of support."
        )
    if not bands.day_starts < bands.evening_starts < bands.night_starts:
        raise ValidationError(
            {"evening_starts": "Daytime, evening and night must start in that order in the day."}
        )
    cards = RateCard.objects.select_for_update().filter(organisation=organisation)
    if effective_from < timezone.localdate() and cards.exists():
        raise ValidationError(
            {
                "effective_from": "A new rate card starts today or later: prices already worked "
                "out with the current card keep it."
            }
        )
    card = RateCard(
        organisation=organisation,
        effective_from=effective_from,
        day_starts=bands.day_starts,
        evening_starts=bands.evening_starts,
        night_starts=bands.night_starts,
        sleep_in_pence=sleep_in_pence,
        created_by=actor,
    )
    try:
        card.full_clean()
    except ValidationError as error:
        if cards.filter(effective_from=effective_from).exists():
            raise ValidationError(
                {
                    "effective_from": "There is already a rate card from "
                    f"{dateformat.format(effective_from, UK_DATE)}. Choose another date: "
                    "a rate card is never changed."
                }
            ) from error
        raise
    card.save()
    rates = [
        Rate(rate_card=card, support_kind=kind, band=band, pence_per_hour=hourly[(kind, band)])
        for kind in HOURLY_KINDS
        for band in BANDS
    ]
    for rate in rates:
        rate.full_clean()
    Rate.objects.bulk_create(rates)
    after: dict[str, object] = {
        "effective_from": effective_from,
        "day_starts": f"{bands.day_starts:%H:%M}",
        "evening_starts": f"{bands.evening_starts:%H:%M}",
        "night_starts": f"{bands.night_starts:%H:%M}",
        "sleep_in": format_pence(sleep_in_pence),
    }
    after.update({f"{r.support_kind} {r.band}": format_pence(r.pence_per_hour) for r in rates})
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=None,
        subject=card,
        summary=f"Made a new rate card from {dateformat.format(effective_from, UK_DATE)}",
        changes=model_changes({}, after),
    )
    return card


# --- Reading a card ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RateRow:
    kind: str
    label: str
    pence: list[int | None]  # one per band, in BANDS order; None where the card has none


def rate_rows(card: RateCard) -> list[RateRow]:
    """The card's hourly rates, a row per kind of support and a column per band."""
    found = {(r.support_kind, r.band): r.pence_per_hour for r in card.rates.all()}
    return [
        RateRow(
            kind=kind,
            label=SupportKind(kind).label,
            pence=[found.get((kind, band)) for band in BANDS],
        )
        for kind in HOURLY_KINDS
    ]


def band_labels() -> list[str]:
    return [TimeBand(band).label for band in BANDS]


def card_status(card: RateCard, cards: list[RateCard], today: dt.date) -> str:
    """In words: whether the card is in force, not started yet, or replaced (and when)."""
    later = sorted(
        (c for c in cards if c.effective_from > card.effective_from), key=lambda c: c.effective_from
    )
    start = dateformat.format(card.effective_from, UK_DATE)
    if card.effective_from > today:
        return f"Starts on {start}"
    if later and later[0].effective_from <= today:
        until = later[0].effective_from - dt.timedelta(days=1)
        return f"Used from {start} to {dateformat.format(until, UK_DATE)}"
    return f"In use since {start}"
