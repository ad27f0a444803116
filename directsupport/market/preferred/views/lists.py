"""The preferred list itself (standard and easy read) and its criteria: read by everyone of the
provider and its commissioners; criteria kept by market shapers and managers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.lib.forms import add_service_errors

from ...access import (
    can_decide_applications,
    check_may_keep_preferred_list,
    check_may_see_preferred_list,
    criteria_visible_to,
    get_criterion_for_user,
    preferred_list_visible_to,
    preferred_providers_for,
)
from ..forms import CriterionForm
from ..listing import easy_criteria, listed_suppliers
from ..services import add_criterion, change_criterion


def preferred_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_see_preferred_list(user)
    providers = list(preferred_providers_for(user))
    return render(
        request,
        "market/preferred/list.html",
        {
            "rows": listed_suppliers(preferred_list_visible_to(user)),
            "criteria": criteria_visible_to(user).filter(active=True),
            "several_providers": len(providers) > 1,
            "can_keep": can_decide_applications(user),
        },
    )


def preferred_easy_read(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_see_preferred_list(user)
    return render(
        request,
        "market/preferred/easy_read.html",
        {
            "rows": listed_suppliers(preferred_list_visible_to(user)),
            "criteria": easy_criteria(criteria_visible_to(user).filter(active=True)),
        },
    )


def criteria(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_see_preferred_list(user)
    visible = list(criteria_visible_to(user).order_by("provider__name", "position", "id"))
    return render(
        request,
        "market/preferred/criteria.html",
        {
            "in_use": [c for c in visible if c.active],
            "not_in_use": [c for c in visible if not c.active],
            "several_providers": len({c.provider_id for c in visible}) > 1,
            "can_keep": can_decide_applications(user),
        },
    )


def criterion_new(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_keep_preferred_list(user)
    form = CriterionForm(request.POST or None, new=True)
    if request.method == "POST" and form.is_valid():
        try:
            criterion = add_criterion(
                provider=user.organisation, fields=form.cleaned_data, actor=user, request=request
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"'{criterion.title}' has been added to the criteria.")
            return redirect("market:preferred_criteria")
    return render(
        request,
        "market/preferred/criterion_form.html",
        {"form": form, "title": "Add a criterion", "button": "Add the criterion"},
    )


def criterion_edit(request: AuthenticatedRequest, criterion_pk: int) -> HttpResponse:
    user = request.user
    criterion = get_criterion_for_user(user, criterion_pk, write=True)
    if request.method == "POST":
        form = CriterionForm(request.POST)
        if form.is_valid():
            try:
                change_criterion(
                    criterion=criterion, fields=form.cleaned_data, actor=user, request=request
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"The changes to '{criterion.title}' have been saved.")
                return redirect("market:preferred_criteria")
    else:
        form = CriterionForm(initial=CriterionForm.initial_for(criterion))
    return render(
        request,
        "market/preferred/criterion_form.html",
        {
            "form": form,
            "criterion": criterion,
            "title": f"Change '{criterion.title}'",
            "button": "Save the changes",
        },
    )
