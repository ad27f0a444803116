"""The borough's market view: gaps and supply by kind of support, area, day and time of day,
and price, for market shapers, coordinators, managers (their provider's people) and
commissioners (their council's people: counts, never names); on screen and as CSV."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.models import Action
from directsupport.audit.services import record_request_event
from directsupport.lib.exports import csv_bytes
from directsupport.lib.forms import FilterForm
from directsupport.lib.ids import IdChoiceField
from directsupport.people.access import people_visible_to
from directsupport.people.models import Person

from ..access import check_may_see_market_view, market_view_audience, market_view_names_people
from ..models import PostcodeDistrict, SupportNeed, TaxonomyTerm
from .gaps import FRESH_FOR, CountedView, MarketView, Tally, counted_market_view
from .timing import DAY_NAMES

PAGE_SIZE = 25


class MarketFilterForm(FilterForm):
    term = IdChoiceField(
        label="Kind of support",
        queryset=TaxonomyTerm.objects.order_by("name"),
        required=False,
        empty_label="Every kind",
        error_messages={"invalid_choice": "Choose a kind of support from the list"},
    )
    district = IdChoiceField(
        label="Area",
        queryset=PostcodeDistrict.objects.order_by("code"),
        required=False,
        empty_label="Every area",
        error_messages={"invalid_choice": "Choose an area from the list"},
    )
    day = forms.TypedChoiceField(
        label="Day",
        choices=[("", "Every day"), *((str(n), name) for n, name in enumerate(DAY_NAMES))],
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Choose a day from the list"},
    )
    gaps = forms.BooleanField(label="List only the needs nobody can meet", required=False)


def _view(request: AuthenticatedRequest) -> tuple[MarketFilterForm, CountedView, bool]:
    user = request.user
    check_may_see_market_view(user)
    form = MarketFilterForm(request.GET)
    form.is_valid()  # an invalid filter is ignored and shown with its message
    data = form.cleaned_data
    needs = SupportNeed.objects.filter(person__in=people_visible_to(user))
    counted = counted_market_view(
        needs,
        timezone.localdate(),
        audience=market_view_audience(user),
        term_id=data["term"].pk if data.get("term") else None,
        district_id=data["district"].pk if data.get("district") else None,
        weekday=data.get("day"),
    )
    return form, counted, market_view_names_people(user)


def _names(person_ids: set[int]) -> dict[int, str]:
    people = Person.objects.filter(pk__in=person_ids).only(
        "first_name", "preferred_name", "last_name"
    )
    return {person.pk: person.display_name for person in people}


@require_GET
def market_view_page(request: AuthenticatedRequest) -> HttpResponse:
    form, counted, names_people = _view(request)
    view = counted.view
    record_request_event(
        request,
        action=Action.VIEW,
        subject_type="market.supportneed",
        summary=f"Market view: {view.needs} needs looking for support, {view.gaps} gaps",
    )
    page = None
    names: dict[int, str] = {}
    if names_people:
        listed = [row for row in view.open_needs if row.is_gap or not form.cleaned_data.get("gaps")]
        page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
        names = _names({row.need.person_id for row in page.object_list})
    return render(
        request,
        "market/matching/market_view.html",
        {
            "form": form,
            "view": view,
            "counted_at": counted.counted_at,
            "fresh_minutes": int(FRESH_FOR.total_seconds() // 60),
            "names_people": names_people,
            "page": page,
            "rows": [
                (row, names.get(row.need.person_id, ""), view.where(row.need))
                for row in (page.object_list if page else [])
            ],
            "filtered": any(
                form.cleaned_data.get(name) not in (None, False, "")
                for name in ("term", "district", "day")
            ),
        },
    )


def _pounds(pence: int | None) -> Decimal | None:
    return None if pence is None else (Decimal(pence) / 100).quantize(Decimal("0.01"))


CSV_HEADER = [
    "Section",
    "Kind of support",
    "Area",
    "Day",
    "Time of day",
    "Needs looking for support",
    "Gaps (no supplier can meet)",
    "People affected by gaps",
    "Services",
    "Suppliers",
    "Median price an hour (£)",
    "Lowest price an hour (£)",
    "Highest price an hour (£)",
    "Person",
    "Need",
]


def _tally_row(section: str, tally: Tally, **where: str) -> list[Any]:
    return [
        section,
        where.get("kind", ""),
        where.get("area", ""),
        where.get("day", ""),
        where.get("band", ""),
        tally.needs,
        tally.gaps,
        tally.people_affected,
        len(tally.services),
        len(tally.suppliers),
        _pounds(tally.median_hourly_pence),
        _pounds(tally.lowest_hourly_pence),
        _pounds(tally.highest_hourly_pence),
        "",
        "",
    ]


def csv_rows(view: MarketView, names: dict[int, str] | None) -> list[list[Any]]:
    """The view as one table: a row per kind, area, day and time, gap group, and (for staff
    only, ``names`` given) each need nobody can meet, with the person's name."""
    rows: list[list[Any]] = [CSV_HEADER]
    rows += [_tally_row("By kind of support", t, kind=t.label) for t in view.by_kind]
    rows += [_tally_row("By area", t, area=t.label) for t in view.by_area]
    for tally in view.by_time:
        day, _, band = tally.label.partition(", ")
        rows.append(_tally_row("By day and time", tally, day=day, band=band))
    for group in view.gap_groups:
        rows.append(
            [
                "Gap",
                group.term,
                group.district,
                group.day,
                group.band,
                group.needs,
                group.needs,
                group.people,
            ]
            + [""] * 7
        )
    if names is not None:
        for row in view.open_needs:
            if row.is_gap:
                kind, area, day, band = view.where(row.need)
                person = names.get(row.need.person_id, "")
                counts = [1, 1, 1, 0, 0, None, None, None]
                rows.append(
                    ["Need nobody can meet", kind, area, day, band, *counts, person, row.need.what]
                )
    return rows


@require_GET
def market_view_csv(request: AuthenticatedRequest) -> HttpResponse:
    _, counted, names_people = _view(request)
    view = counted.view
    record_request_event(
        request,
        action=Action.EXPORT,
        subject_type="market.supportneed",
        summary=f"Market view as CSV: {view.needs} needs looking for support, {view.gaps} gaps",
    )
    names = (
        _names({row.need.person_id for row in view.open_needs if row.is_gap})
        if names_people
        else None
    )
    response = HttpResponse(
        csv_bytes(csv_rows(view, names)), content_type="text/csv; charset=utf-8"
    )
    filename = f"market-view-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
