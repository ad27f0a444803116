"""The fair-cost pages: every build-up, open book, beside the published reference prices;
market shapers and managers keep them. Access is decided in commissioning/access.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.lib.forms import add_service_errors

from ..access import (
    can_commission,
    check_may_commission,
    check_may_read_fair_cost,
    fair_cost_providers_for,
    get_fair_cost_for_user,
    get_reference_price_for_user,
)
from ..models import FairCostModel, ReferencePrice
from .calculator import breakdown, fair_range
from .forms import FairCostForm, ReferencePriceForm
from .services import (
    FairCostConflict,
    add_reference_price,
    change_fair_cost_model,
    change_reference_price,
    create_fair_cost_model,
)


def fair_cost(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_read_fair_cost(user)
    providers = fair_cost_providers_for(user)
    models = FairCostModel.objects.filter(organisation__in=providers).select_related(
        "organisation", "term"
    )
    prices = ReferencePrice.objects.filter(organisation__in=providers).select_related(
        "organisation"
    )
    may_keep = can_commission(user)
    return render(
        request,
        "commissioning/fair_cost/list.html",
        {
            "builds": [
                {
                    "model": model,
                    "cost": breakdown(model),
                    "range": fair_range(model),
                    "can_edit": may_keep and model.organisation_id == user.organisation_id,
                }
                for model in models.order_by("organisation__name", "name", "id")
            ],
            "prices": [
                (price, may_keep and price.organisation_id == user.organisation_id)
                for price in prices
            ],
            "can_keep": may_keep,
            "several_providers": providers.count() > 1,
        },
    )


def fair_cost_new(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_commission(user, what="fair-cost build-ups")
    form = FairCostForm(request.POST or None, initial={"version": 0})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version")
        try:
            model = create_fair_cost_model(
                actor=user, organisation=user.organisation, fields=data, request=request
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"'{model.name}' has been added.")
            return redirect("commissioning:fair_cost")
    return render(request, "commissioning/fair_cost/edit.html", {"form": form, "model": None})


def fair_cost_edit(request: AuthenticatedRequest, fair_cost_pk: int) -> HttpResponse:
    user = request.user
    model = get_fair_cost_for_user(user, fair_cost_pk, write=True)
    form = FairCostForm(request.POST or None, initial=FairCostForm.initial_for(model))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        expected = data.pop("version")
        try:
            change_fair_cost_model(
                actor=user, model=model, fields=data, expected_version=expected, request=request
            )
        except FairCostConflict as conflict:
            saved = conflict.saved
            fresh = FairCostForm(initial=FairCostForm.initial_for(saved))
            differences = [
                (form.fields[name].label, form.data.get(name, ""), fresh.initial.get(name, ""))
                for name in form.fields
                if name != "version" and str(form.data.get(name, "")) != str(fresh.initial[name])
            ]
            data_with_version = request.POST.copy()
            data_with_version["version"] = str(saved.version)
            return render(
                request,
                "commissioning/fair_cost/conflict.html",
                {
                    "model": saved,
                    "differences": differences,
                    "form": FairCostForm(data_with_version),
                },
                status=409,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The changes to '{model.name}' have been saved.")
            return redirect("commissioning:fair_cost")
    return render(
        request,
        "commissioning/fair_cost/edit.html",
        {"form": form, "model": model, "cost": breakdown(model)},
    )


def reference_price_new(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_commission(user, what="reference prices")
    form = ReferencePriceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            price = add_reference_price(
                actor=user,
                organisation=user.organisation,
                fields=form.cleaned_data,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"'{price}' has been added.")
            return redirect("commissioning:fair_cost")
    return render(
        request,
        "commissioning/fair_cost/reference_price_form.html",
        {"form": form, "title": "Add a reference price", "button": "Add the price"},
    )


def reference_price_edit(request: AuthenticatedRequest, reference_price_pk: int) -> HttpResponse:
    user = request.user
    price = get_reference_price_for_user(user, reference_price_pk, write=True)
    form = ReferencePriceForm(request.POST or None, initial=ReferencePriceForm.initial_for(price))
    if request.method == "POST" and form.is_valid():
        try:
            change_reference_price(
                actor=user, price=price, fields=form.cleaned_data, request=request
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The changes to '{price}' have been saved.")
            return redirect("commissioning:fair_cost")
    return render(
        request,
        "commissioning/fair_cost/reference_price_form.html",
        {
            "form": form,
            "price": price,
            "title": f"Change '{price}'",
            "button": "Save the changes",
        },
    )
