"""What an hour of support reasonably costs, worked out open book from a ``FairCostModel``.

Pure functions: no writes, no access checks. Every line is integer pence per hour, rounded
half up once, on its own line, so the lines shown on the page always add up to the total.

The order of the build-up (each share applies to what comes before it, as the Homecare
Association's costing does):

1. **pay**: the care worker's pay for an hour of support.
2. **on-costs on pay**: employer National Insurance, pension and holiday pay, each a share of
   pay.
3. **travel time**: the minutes of paid travel for each hour of support, paid at the same
   rate as support (pay plus on-costs): ``(pay + NI + pension + holiday) x minutes / 60``.
4. **travel costs**: mileage or fares for each hour, a fixed figure.
5. **training and supervision**: a share of the care cost (everything in 1 to 4).
6. **management and overheads**: a share of the care cost plus training.
7. **surplus**: a share of everything before it.

The total is the sum of the rounded lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from directsupport.commissioning.models import FairCostModel

if TYPE_CHECKING:
    from directsupport.accounts.models import Organisation
    from directsupport.market.models import TaxonomyTerm

BASIS_POINTS = 10_000

Flag = Literal["below", "above"]


def share(amount: int, basis_points: int) -> int:
    """``amount x basis_points / 10,000`` rounded half up to the penny (integers only)."""
    return (amount * basis_points * 2 + BASIS_POINTS) // (2 * BASIS_POINTS)


def _round_half_up(numerator: int, denominator: int) -> int:
    return (numerator * 2 + denominator) // (2 * denominator)


@dataclass(frozen=True)
class FairCost:
    """An hour of support built up line by line, each in pence per hour."""

    pay: int
    employer_ni: int
    pension: int
    holiday: int
    travel_time: int
    travel_costs: int
    training: int
    overheads: int
    surplus: int

    @property
    def total(self) -> int:
        return (
            self.pay
            + self.employer_ni
            + self.pension
            + self.holiday
            + self.travel_time
            + self.travel_costs
            + self.training
            + self.overheads
            + self.surplus
        )

    @property
    def care_cost(self) -> int:
        """Pay, on-costs and travel: what training and supervision is a share of."""
        return (
            self.pay
            + self.employer_ni
            + self.pension
            + self.holiday
            + self.travel_time
            + self.travel_costs
        )

    def lines(self) -> list[tuple[str, int]]:
        """Each line with a plain name, in the order of the build-up, for tables."""
        return [
            ("Care worker pay", self.pay),
            ("Employer National Insurance", self.employer_ni),
            ("Pension", self.pension),
            ("Holiday pay", self.holiday),
            ("Paid travel time", self.travel_time),
            ("Travel costs", self.travel_costs),
            ("Training and supervision", self.training),
            ("Management and overheads", self.overheads),
            ("Surplus", self.surplus),
        ]


def breakdown(model: FairCostModel) -> FairCost:
    """The open-book build-up of one hour of support (see the module docstring for the order)."""
    pay = model.pay_pence_per_hour
    employer_ni = share(pay, model.employer_ni_bp)
    pension = share(pay, model.pension_bp)
    holiday = share(pay, model.holiday_bp)
    paid_hour = pay + employer_ni + pension + holiday
    travel_time = _round_half_up(paid_hour * model.travel_minutes_per_hour, 60)
    travel_costs = model.travel_pence_per_hour
    care_cost = paid_hour + travel_time + travel_costs
    training = share(care_cost, model.training_bp)
    overheads = share(care_cost + training, model.overheads_bp)
    surplus = share(care_cost + training + overheads, model.surplus_bp)
    return FairCost(
        pay=pay,
        employer_ni=employer_ni,
        pension=pension,
        holiday=holiday,
        travel_time=travel_time,
        travel_costs=travel_costs,
        training=training,
        overheads=overheads,
        surplus=surplus,
    )


def fair_model_for(organisation: Organisation, term: TaxonomyTerm | None) -> FairCostModel | None:
    """The organisation's build-up for this kind of support, else its default (no term)."""
    models = FairCostModel.objects.filter(organisation=organisation)
    if term is not None:
        own = models.filter(term=term).order_by("id").first()
        if own is not None:
            return own
    return models.filter(term__isnull=True).order_by("id").first()


def fair_rate_for(organisation: Organisation, term: TaxonomyTerm | None) -> int | None:
    """The fair rate in pence per hour, or None when the organisation has no build-up."""
    model = fair_model_for(organisation, term)
    return breakdown(model).total if model is not None else None


def fair_range(model: FairCostModel) -> tuple[int, int]:
    """The lowest and highest rate (pence per hour) not flagged: the fair rate less
    ``flag_below_bp`` and plus ``flag_above_bp``, rounded half up."""
    fair = breakdown(model).total
    return fair - share(fair, model.flag_below_bp), fair + share(fair, model.flag_above_bp)


def pounds(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    pence = abs(pence)
    return f"{sign}£{pence // 100:,}.{pence % 100:02d}"


def flag_for(pence_per_hour: int, model: FairCostModel) -> tuple[Flag | None, str]:
    """Whether a rate is far below or above the fair range, with the reason in plain words.

    Never a refusal: a rate far from fair is worth a question, not a "no". Returns
    ``(None, "")`` inside the range.
    """
    low, high = fair_range(model)
    rate = pounds(pence_per_hour)
    fair_words = f"the fair range {pounds(low)} to {pounds(high)}"
    if pence_per_hour < low:
        return "below", (
            f"{rate} an hour is well below {fair_words}: ask how they pay their workers "
            "the real cost of care."
        )
    if pence_per_hour > high:
        return "above", f"{rate} an hour is well above {fair_words}: ask why."
    return None, ""
