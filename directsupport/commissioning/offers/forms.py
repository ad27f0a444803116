"""Forms for offers, counter-offers and the choice: pounds typed as pounds ("£31.50"), hours a
week as hours ("2.5"), cleaned to pence and minutes. The service checks what depends on the
request (hours that fit it, a start it allows) and its messages go beside the same fields."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms

from directsupport.lib.forms import (
    IfNeededInput,
    IfNeededTextarea,
    PoundsField,
    RequiredIfRepresentative,
)
from directsupport.people.circle_forms import check_representative_fields
from directsupport.people.models import DecidedBy, Person

from ..models import Offer
from .choice import ASPECTS, DEFAULT_WEIGHTS, TOP_SCORE

# Far above any real rate, so the service's clearer "too high to be real" message is the one
# people see for a mistyped rate; this only stops nonsense lengths.
MAX_TYPED_PENCE = 100_000_000
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OfferForm(forms.Form):
    """What a supplier offers, or a counter-offer for the person: the same figures and terms."""

    pence_per_hour = PoundsField(
        label="Rate for an hour", what="the rate for an hour", max_pence=MAX_TYPED_PENCE
    )
    hours_a_week = forms.DecimalField(
        label="Hours a week",
        help_text="In hours and quarter hours: 2.25 is 2 hours 15 minutes",
        min_value=Decimal("0.25"),
        max_digits=6,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "input--short", "inputmode": "decimal"}),
        error_messages={
            "required": "Enter the hours a week offered, like 2 or 2.5",
            "invalid": "Enter the hours a week as a number, like 2 or 2.5",
            "min_value": "Enter the hours a week offered, more than 0",
            "max_digits": "Enter the hours a week as a number, like 2 or 2.5",
            "max_decimal_places": "Enter the hours a week in quarter hours, like 2.25",
            "max_whole_digits": "Enter the hours a week as a number, like 2 or 2.5",
        },
    )
    starts_on = forms.DateField(
        label="Can start on",
        widget=DATE_WIDGET,
        error_messages={
            "required": "Enter the date the support can start",
            "invalid": "Enter the date the support can start as a real date",
        },
    )
    cancellation_terms = forms.CharField(
        label="Cancellation",
        max_length=500,
        required=False,
        help_text="What happens when a session is cancelled, by whom and how late",
    )
    travel_terms = forms.CharField(
        label="Travel",
        max_length=500,
        required=False,
        help_text="Whether travel time or mileage is charged, and how",
    )
    other_terms = forms.CharField(
        label="Other terms", max_length=2000, required=False, widget=forms.Textarea
    )
    message = forms.CharField(
        label="Message", max_length=2000, required=False, widget=forms.Textarea
    )

    def clean_hours_a_week(self) -> int:
        """Hours as whole minutes; the service checks the quarter hours and the request."""
        hours: Decimal = self.cleaned_data["hours_a_week"]
        minutes = hours * 60
        if minutes != minutes.to_integral_value():
            raise forms.ValidationError(
                "Enter the hours a week in quarter hours, like 2 or 2.25 (2 hours 15 minutes)"
            )
        return int(minutes)

    def terms(self) -> dict[str, Any]:
        """The cleaned figures named as the services take them."""
        data = dict(self.cleaned_data)
        data["minutes_a_week"] = data.pop("hours_a_week")
        return data

    @staticmethod
    def initial_from(offer: Offer) -> dict[str, Any]:
        return {
            "pence_per_hour": f"{offer.pence_per_hour // 100}.{offer.pence_per_hour % 100:02d}",
            "hours_a_week": Decimal(offer.minutes_a_week) / 60,
            "starts_on": offer.starts_on,
            "cancellation_terms": offer.cancellation_terms,
            "travel_terms": offer.travel_terms,
            "other_terms": offer.other_terms,
        }


def service_field(name: str) -> str:
    """The form field a service's message belongs beside."""
    return "hours_a_week" if name == "minutes_a_week" else name


class ChoiceForm(forms.Form):
    """The weights, each open offer's scores, the offer chosen, why, and who decided."""

    weight_quality = forms.IntegerField(
        label="Quality", min_value=0, max_value=100, initial=DEFAULT_WEIGHTS["quality"]
    )
    weight_fit = forms.IntegerField(
        label="Fit with the person", min_value=0, max_value=100, initial=DEFAULT_WEIGHTS["fit"]
    )
    weight_price = forms.IntegerField(
        label="Price", min_value=0, max_value=100, initial=DEFAULT_WEIGHTS["price"]
    )
    offer = forms.TypedChoiceField(label="The offer chosen", coerce=int, widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Why this offer, in the person's words",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Write down why this offer was chosen, in the person's words"},
    )
    decided_by = forms.ChoiceField(
        label="Who decided",
        choices=DecidedBy.choices,
        widget=forms.RadioSelect,
        initial=DecidedBy.PERSON,
        error_messages={"required": "Choose who made this decision."},
    )
    representative_name = RequiredIfRepresentative(
        label="The representative's name", max_length=150, widget=IfNeededInput
    )
    representative_reason = RequiredIfRepresentative(
        label="Why a representative decided",
        max_length=1000,
        widget=IfNeededTextarea,
    )

    def __init__(
        self,
        *args: Any,
        offers: list[Offer],
        suggested: dict[int, dict[str, int]],
        person: Person | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.offers = offers
        self.person = person
        cast(forms.TypedChoiceField, self.fields["offer"]).choices = [
            (offer.pk, f"{offer.supplier}: £{offer.pence_per_hour / 100:.2f} an hour")
            for offer in offers
        ]
        labels = {"quality": "Quality", "fit": "Fit with the person", "price": "Price"}
        for offer in offers:
            for aspect in ASPECTS:
                self.fields[self.score_name(offer.pk, aspect)] = forms.IntegerField(
                    label=f"{labels[aspect]} score for {offer.supplier}, 0 to {TOP_SCORE}",
                    min_value=0,
                    max_value=TOP_SCORE,
                    initial=suggested.get(offer.pk, {}).get(aspect),
                    widget=forms.NumberInput(attrs={"class": "input--short"}),
                    error_messages={
                        "required": f"Give {offer.supplier} a score for {aspect} from 0 to 5",
                        "invalid": f"Give {offer.supplier} a score for {aspect} from 0 to 5",
                        "min_value": f"Give {offer.supplier} a score for {aspect} from 0 to 5",
                        "max_value": f"Give {offer.supplier} a score for {aspect} from 0 to 5",
                    },
                )

    @staticmethod
    def score_name(offer_pk: int, aspect: str) -> str:
        return f"score_{offer_pk}_{aspect}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        weights = [data.get(f"weight_{aspect}") for aspect in ASPECTS]
        if all(isinstance(w, int) for w in weights) and sum(weights) != 100:  # type: ignore[arg-type]
            self.add_error(
                None,
                f"The weights add up to {sum(weights)}: make them add up to 100",  # type: ignore[arg-type]
            )
        if self.person is not None:
            check_representative_fields(self, data, self.person)
        return data

    def weights(self) -> dict[str, int]:
        return {aspect: self.cleaned_data[f"weight_{aspect}"] for aspect in ASPECTS}

    def scores(self) -> dict[int, dict[str, int]]:
        return {
            offer.pk: {
                aspect: self.cleaned_data[self.score_name(offer.pk, aspect)] for aspect in ASPECTS
            }
            for offer in self.offers
        }
