"""Finding suppliers in the directory: search words and every filter, as a GET form.

Filters about what is offered (kind of support, district covered, day and time, price, free)
apply to one service together: "swimming on Saturdays" means one service that is swimming and
runs on Saturdays, not a supplier with a swimming service and another on Saturdays. Only active
services count, with their schedules and prices that have not ended.

The page runs a fixed number of queries whatever the number of suppliers: the filters are
subqueries, distances are arithmetic in the query, and the lists people match on (languages,
skills, interests, workers) are read once, as they also give the filters' choices.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast

from directsupport.lib.forms import FilterForm, PoundsField
from directsupport.people.forms import QuickSelect
from directsupport.week.models import Weekday

from ..districts import BadPostcode, district_for
from ..models import (
    CostOption,
    CostUnit,
    CqcRating,
    PostcodeDistrict,
    Schedule,
    Service,
    ServiceArea,
    ServiceStatus,
    Supplier,
    SupplierKind,
    TaxonomyTerm,
    WorkerGender,
)
from ..preferred.queries import on_preferred_list
from .fields import POSTCODE_TOO_LONG, POSTCODE_TYPED_LENGTH

PERSONAL_CARE = "personal-care"
MIDNIGHT = dt.time(0, 0)

# Parts of the day, as (days after the chosen day, from, to); None is midnight at the end of
# the day. The night runs into the next morning.
TIMES_OF_DAY: dict[str, tuple[str, list[tuple[int, dt.time, dt.time | None]]]] = {
    "morning": ("Morning (8am to noon)", [(0, dt.time(8), dt.time(12))]),
    "afternoon": ("Afternoon (noon to 5pm)", [(0, dt.time(12), dt.time(17))]),
    "evening": ("Evening (5pm to 10pm)", [(0, dt.time(17), dt.time(22))]),
    "night": (
        "Night (10pm to 8am)",
        [(0, dt.time(22), None), (1, MIDNIGHT, dt.time(8))],
    ),
}
WHOLE_DAY: list[tuple[int, dt.time, dt.time | None]] = [(0, MIDNIGHT, None)]


class DirectoryFilterForm(FilterForm):
    """Search and filters for the directory list."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        help_text="Words from a name, a description or a service's name.",
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    kind = forms.ChoiceField(
        label="Kind of supplier",
        required=False,
        choices=[("", "Any kind"), *SupplierKind.choices],
        widget=QuickSelect,
    )
    term = forms.ChoiceField(label="Support or activity", required=False, widget=QuickSelect)
    postcode = forms.CharField(
        label="Near a postcode",
        required=False,
        max_length=POSTCODE_TYPED_LENGTH,
        error_messages={"max_length": POSTCODE_TOO_LONG},
        help_text="Sorts by distance from it, such as HF3 2AB or HF3.",
        widget=forms.TextInput(attrs={"class": "input--short", "autocomplete": "off"}),
    )
    covers = forms.BooleanField(
        label="Only those who work there", required=False, help_text="In that district."
    )
    day = forms.TypedChoiceField(
        label="Day",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any day"), *Weekday.choices],
        widget=QuickSelect,
        error_messages={"invalid_choice": "Choose a day from Monday to Sunday"},
    )
    time_of_day = forms.ChoiceField(
        label="Time of day",
        required=False,
        choices=[("", "Any time"), *((key, label) for key, (label, _) in TIMES_OF_DAY.items())],
        widget=QuickSelect,
    )
    max_hourly = PoundsField(
        what="the most an hour",
        max_pence=100_000,
        allow_zero=True,
        required=False,
        label="Up to, an hour (£)",
        help_text="Priced by the hour, or free.",
    )
    cqc_rating = forms.ChoiceField(
        label="CQC rating",
        required=False,
        choices=[("", "Any rating, or none"), *CqcRating.choices],
        widget=QuickSelect,
    )
    language = forms.ChoiceField(label="Language", required=False, widget=QuickSelect)
    skill = forms.ChoiceField(label="Skill", required=False, widget=QuickSelect)
    interest = forms.ChoiceField(label="Interest", required=False, widget=QuickSelect)
    worker_gender = forms.ChoiceField(
        label="Workers",
        required=False,
        choices=[("", "Any"), *WorkerGender.choices],
        widget=QuickSelect,
    )
    preferred = forms.BooleanField(label="On the preferred list", required=False)
    free_only = forms.BooleanField(label="Free only", required=False)

    def __init__(self, data: Any, *, characteristics: Characteristics) -> None:
        super().__init__(data)
        self.characteristics = characteristics
        terms = TaxonomyTerm.objects.filter(parent__isnull=False).order_by("name")
        self._choose("term", "Any", [(t.code, t.name) for t in terms.only("code", "name")])
        self._choose("language", "Any language", characteristics.choices("languages"))
        self._choose("skill", "Any skill", characteristics.choices("skills"))
        self._choose("interest", "Any interest", characteristics.choices("interests"))

    def _choose(self, name: str, anything: str, choices: Iterable[tuple[str, str]]) -> None:
        cast(forms.ChoiceField, self.fields[name]).choices = [("", anything), *choices]

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())

    def clean_postcode(self) -> PostcodeDistrict | None:
        text = self.cleaned_data["postcode"].strip()
        if not text:
            return None
        try:
            return district_for(text)
        except BadPostcode as problem:
            raise forms.ValidationError(str(problem)) from problem

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if (
            self.cleaned_data.get("covers")
            and not self.cleaned_data.get("postcode")
            and "postcode" not in self.errors
        ):
            self.add_error("postcode", "Type the postcode or district they must work in")
        return cleaned

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)

    @property
    def near(self) -> PostcodeDistrict | None:
        self.is_valid()
        return cast(PostcodeDistrict | None, self.cleaned_data.get("postcode"))

    def filter(self, suppliers: QuerySet[Supplier], *, today: dt.date) -> QuerySet[Supplier]:
        """The suppliers matching every valid filter; a filter that is not valid is left out
        (its message shows beside it)."""
        self.is_valid()
        data = self.cleaned_data
        for word in (data.get("q") or "").split():
            suppliers = suppliers.filter(
                Q(organisation__name__icontains=word)
                | Q(description__icontains=word)
                | Exists(Service.objects.filter(supplier=OuterRef("pk"), name__icontains=word))
            )
        if kind := data.get("kind"):
            suppliers = suppliers.filter(kind=kind)
        if rating := data.get("cqc_rating"):
            suppliers = suppliers.filter(cqc_rating=rating)
        if data.get("preferred"):
            suppliers = suppliers.filter(on_preferred_list())
        for field, column in (
            ("language", "languages"),
            ("skill", "skills"),
            ("interest", "interests"),
            ("worker_gender", "worker_genders"),
        ):
            if wanted := data.get(field):
                suppliers = suppliers.filter(
                    pk__in=self.characteristics.suppliers_with(column, wanted)
                )
        services = self._offering(today)
        if services is not None:
            suppliers = suppliers.filter(Exists(services.filter(supplier=OuterRef("pk"))))
        return suppliers

    def _offering(self, today: dt.date) -> QuerySet[Service] | None:
        """Active services matching the filters about what is offered, or None for no such
        filter."""
        data = self.cleaned_data
        services = Service.objects.filter(status=ServiceStatus.ACTIVE)
        filtered = False
        if code := data.get("term"):
            services = services.filter(terms__code=code)
            filtered = True
        if data.get("covers") and (district := data.get("postcode")):
            services = covering(services, district)
            filtered = True
        day, time_of_day = data.get("day"), data.get("time_of_day")
        if day is not None or time_of_day:
            band = TIMES_OF_DAY[time_of_day][1] if time_of_day else WHOLE_DAY
            schedules = current_schedules(today).filter(
                running_in(band, day), service=OuterRef("pk")
            )
            services = services.filter(Exists(schedules))
            filtered = True
        if (most := data.get("max_hourly")) is not None:
            services = services.filter(
                Exists(
                    current_prices(today).filter(
                        Q(unit=CostUnit.HOUR, amount_pence__lte=most) | Q(unit=CostUnit.FREE),
                        service=OuterRef("pk"),
                    )
                )
            )
            filtered = True
        if data.get("free_only"):
            services = services.filter(
                Exists(current_prices(today).filter(unit=CostUnit.FREE, service=OuterRef("pk")))
            )
            filtered = True
        return services if filtered else None


# --- The pieces the filters are made of -----------------------------------------------------------


def current_schedules(today: dt.date) -> QuerySet[Schedule]:
    return Schedule.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))


def current_prices(today: dt.date) -> QuerySet[CostOption]:
    return CostOption.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today), valid_from__lte=today
    )


def running_in(band: list[tuple[int, dt.time, dt.time | None]], day: int | None) -> Q:
    """Schedules that run at some time in ``band`` (on ``day``, or on any day).

    A schedule runs from opening to closing on its day; an overnight one runs to midnight on
    its day and on from midnight to closing the next day.
    """

    def on(offset: int) -> Q:
        return Q() if day is None else Q(weekday=(day + offset) % 7)

    matches = Q()
    for offset, starts, ends in band:
        before_end = Q() if ends is None else Q(opens_at__lt=ends)
        matches |= on(offset) & Q(overnight=False, closes_at__gt=starts) & before_end
        matches |= on(offset) & Q(overnight=True) & before_end
        matches |= on(offset - 1) & Q(overnight=True, closes_at__gt=starts)
    return matches


def _squared_distance_from(district: PostcodeDistrict, prefix: str) -> ExpressionWrapper:
    """The squared distance in metres between ``district`` and the district at ``prefix``, in
    64-bit integers (grid metres squared overflow PostgreSQL's 32-bit integer)."""
    east = Cast(F(f"{prefix}easting_m"), BigIntegerField()) - Value(district.easting_m)
    north = Cast(F(f"{prefix}northing_m"), BigIntegerField()) - Value(district.northing_m)
    return ExpressionWrapper(east * east + north * north, output_field=BigIntegerField())


def covering(services: QuerySet[Service], district: PostcodeDistrict) -> QuerySet[Service]:
    """Services that work in ``district``: it is one of their areas, or it is within their
    travel radius of the supplier's base."""
    radius_m = Cast(F("travel_radius_km"), BigIntegerField()) * Value(1000)
    return services.annotate(
        squared_reach_m=_squared_distance_from(district, "supplier__base_district__"),
        squared_radius_m=ExpressionWrapper(radius_m * radius_m, output_field=BigIntegerField()),
    ).filter(
        Exists(ServiceArea.objects.filter(service=OuterRef("pk"), district=district))
        | Q(travel_radius_km__isnull=False, squared_reach_m__lte=F("squared_radius_m"))
    )


def with_listing_facts(suppliers: QuerySet[Supplier]) -> QuerySet[Supplier]:
    """What the list shows about each supplier, in the same query: whether it is on its
    directory keeper's preferred list, and whether it offers personal care (which is regulated)
    without a CQC location ID."""
    return suppliers.annotate(
        is_preferred=on_preferred_list(),
        unregistered_personal_care=ExpressionWrapper(
            Exists(Service.objects.filter(supplier=OuterRef("pk"), terms__code=PERSONAL_CARE))
            & Q(cqc_location_id=""),
            output_field=BooleanField(),
        ),
    )


def sorted_for_listing(
    suppliers: QuerySet[Supplier], near: PostcodeDistrict | None
) -> QuerySet[Supplier]:
    """Nearest first from ``near`` (then by name), or by name; with the services' names."""
    services = Prefetch(
        "services", queryset=Service.objects.only("pk", "supplier_id", "name").order_by("name")
    )
    suppliers = suppliers.prefetch_related(services)
    if near is None:
        return suppliers.order_by("organisation__name")
    return suppliers.annotate(
        squared_distance_m=_squared_distance_from(near, "base_district__")
    ).order_by("squared_distance_m", "organisation__name")


def distance_words(supplier: Supplier, near: PostcodeDistrict) -> str:
    """'In HF3' for a supplier based at the district's centre, otherwise 'About 3 km', from the
    distance sorted_for_listing worked out."""
    squared_m = getattr(supplier, "squared_distance_m", None)
    if squared_m is None:
        return ""
    km = math.sqrt(squared_m) / 1000
    if km < 0.5:
        return f"In {near.code}"
    return f"About {round(km)} km"


@dataclass
class Characteristics:
    """The languages, skills, interests and workers of every supplier a user may see, read in
    one query: the choices of their filters, and which suppliers have each."""

    rows: list[tuple[int, dict[str, list[str]]]]

    COLUMNS = ("languages", "skills", "interests", "worker_genders")

    @classmethod
    def of(cls, suppliers: QuerySet[Supplier]) -> Characteristics:
        rows = [
            (pk, dict(zip(cls.COLUMNS, lists, strict=True)))
            for pk, *lists in suppliers.order_by().values_list("pk", *cls.COLUMNS)
        ]
        return cls(rows)

    def choices(self, column: str) -> list[tuple[str, str]]:
        """Each value once, whatever its capitals, as the first supplier wrote it."""
        seen: dict[str, str] = {}
        for _, lists in self.rows:
            for value in lists[column] or []:
                seen.setdefault(str(value).casefold(), str(value))
        return sorted(((key, label) for key, label in seen.items()), key=lambda c: c[1].lower())

    def suppliers_with(self, column: str, wanted: str) -> list[int]:
        wanted = wanted.casefold()
        return [
            pk
            for pk, lists in self.rows
            if any(str(value).casefold() == wanted for value in lists[column] or [])
        ]
