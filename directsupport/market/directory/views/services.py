"""A supplier's services, and each service's times, districts, prices and closure days: one
small page each to add, one button each to remove (GOV.UK's one thing per page).

Whoever may change the entry may change these (market/access.py: the directory's market
shapers and managers, and the supplier itself for its own entry).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.lib.forms import add_service_errors

from ...access import get_service_for_user, get_service_part, get_supplier_for_user
from ...models import Service, Supplier
from ..fields import uk_date
from ..forms import ServiceEditForm, ServiceForm, differences
from ..part_forms import AreaForm, ClosureForm, CostOptionForm, ScheduleForm
from ..services import (
    EditConflict,
    add_area,
    add_closure,
    add_cost_option,
    add_schedule,
    create_service,
    remove_area,
    remove_closure,
    remove_cost_option,
    remove_schedule,
    remove_service,
    update_service,
)


def _back_to(service: Service) -> HttpResponse:
    url = reverse("market:supplier", args=[service.supplier.pk])
    return redirect(f"{url}#service-{service.pk}")


# --- Services ----------------------------------------------------------------------------------


def service_add(request: AuthenticatedRequest, supplier_pk: int) -> HttpResponse:
    user = request.user
    supplier = get_supplier_for_user(user, supplier_pk, write=True)
    if request.method == "POST":
        form = ServiceForm(request.POST)
        if form.is_valid():
            try:
                service = create_service(
                    actor=user, supplier=supplier, details=form.details(), request=request
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{service.name} has been added. Now say when it runs, where, and its price.",
                )
                return _back_to(service)
    else:
        form = ServiceForm()
    return render(
        request, "market/directory/service_form.html", {"form": form, "supplier": supplier}
    )


def service_edit(request: AuthenticatedRequest, supplier_pk: int, service_pk: int) -> HttpResponse:
    user = request.user
    service = get_service_for_user(user, supplier_pk, service_pk, write=True)
    supplier = service.supplier
    if request.method == "POST":
        form = ServiceEditForm(request.POST)
        if form.is_valid():
            try:
                update_service(
                    actor=user,
                    service=service,
                    expected_version=form.cleaned_data["version"],
                    details=form.details(),
                    request=request,
                )
            except EditConflict as conflict:
                return _conflict_page(request, form, service, conflict.saved)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"The changes to {service.name} have been saved.")
                return _back_to(service)
    else:
        form = ServiceEditForm(initial=ServiceForm.initial_for(service, supplier.version))
    return render(
        request,
        "market/directory/service_form.html",
        {"form": form, "supplier": supplier, "service": service},
    )


def _conflict_page(
    request: HttpRequest, form: ServiceEditForm, service: Service, saved_entry: Supplier
) -> HttpResponse:
    saved = Service.objects.get(pk=service.pk)
    data = request.POST.copy()
    data["version"] = str(saved_entry.version)
    return render(
        request,
        "market/directory/conflict.html",
        {
            "supplier": saved_entry,
            "what": service.name,
            "differences": differences(form, ServiceForm.initial_for(saved, saved_entry.version)),
            "form": ServiceEditForm(data),
            "action": request.path,
        },
        status=409,
    )


def service_remove(
    request: AuthenticatedRequest, supplier_pk: int, service_pk: int
) -> HttpResponse:
    user = request.user
    service = get_service_for_user(user, supplier_pk, service_pk, write=True)
    form = Form(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            remove_service(actor=user, service=service, request=request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{service.name} has been removed from the directory.")
            return redirect("market:supplier", supplier_pk=service.supplier.pk)
    return render(
        request,
        "market/directory/service_remove.html",
        {"form": form, "service": service, "supplier": service.supplier},
    )


# --- A service's parts -------------------------------------------------------------------------


def _part_page(
    request: AuthenticatedRequest,
    *,
    supplier_pk: int,
    service_pk: int,
    make_form: Callable[[Service, Any], Form],
    save: Callable[[User, Service, Form], str],
    heading: str,
    button: str,
) -> HttpResponse:
    """One small page adding one thing to a service: the form, or the service's part of the
    supplier page with what was added said at the top."""
    user = request.user
    service = get_service_for_user(user, supplier_pk, service_pk, write=True)
    form = make_form(service, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            said = save(user, service, form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, said)
            return _back_to(service)
    return render(
        request,
        "market/directory/part_form.html",
        {
            "form": form,
            "service": service,
            "supplier": service.supplier,
            "heading": heading.format(service=service.name),
            "button": button,
        },
    )


def schedule_add(request: AuthenticatedRequest, supplier_pk: int, service_pk: int) -> HttpResponse:
    def save(user: User, service: Service, form: Form) -> str:
        add_schedule(actor=user, service=service, details=form.cleaned_data, request=request)
        return f"The time {service.name} runs has been added."

    return _part_page(
        request,
        supplier_pk=supplier_pk,
        service_pk=service_pk,
        make_form=lambda service, data: ScheduleForm(data),
        save=save,
        heading="When {service} runs",
        button="Add this time",
    )


def area_add(request: AuthenticatedRequest, supplier_pk: int, service_pk: int) -> HttpResponse:
    def save(user: User, service: Service, form: Form) -> str:
        district = form.cleaned_data["district"]
        add_area(actor=user, service=service, district=district, request=request)
        return f"{service.name} now covers {district.code}."

    return _part_page(
        request,
        supplier_pk=supplier_pk,
        service_pk=service_pk,
        make_form=lambda service, data: AreaForm(data, service=service),
        save=save,
        heading="A district {service} covers",
        button="Add this district",
    )


def price_add(request: AuthenticatedRequest, supplier_pk: int, service_pk: int) -> HttpResponse:
    def save(user: User, service: Service, form: Form) -> str:
        data = form.cleaned_data
        add_cost_option(
            actor=user,
            service=service,
            unit=data["unit"],
            amount_pence=data["amount"] or 0,
            description=data["description"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            request=request,
        )
        return f"The price has been added to {service.name}."

    return _part_page(
        request,
        supplier_pk=supplier_pk,
        service_pk=service_pk,
        make_form=lambda service, data: CostOptionForm(data),
        save=save,
        heading="A price for {service}",
        button="Add this price",
    )


def closure_add(request: AuthenticatedRequest, supplier_pk: int, service_pk: int) -> HttpResponse:
    def save(user: User, service: Service, form: Form) -> str:
        day = form.cleaned_data["on"]
        add_closure(
            actor=user,
            service=service,
            on=day,
            reason=form.cleaned_data["reason"],
            request=request,
        )
        return f"{service.name} is closed on {uk_date(day)}."

    return _part_page(
        request,
        supplier_pk=supplier_pk,
        service_pk=service_pk,
        make_form=lambda service, data: ClosureForm(data, service=service),
        save=save,
        heading="A day {service} is closed",
        button="Add this closure day",
    )


@require_POST
def schedule_remove(
    request: AuthenticatedRequest, supplier_pk: int, service_pk: int, schedule_pk: int
) -> HttpResponse:
    user = request.user
    service = get_service_for_user(user, supplier_pk, service_pk, write=True)
    schedule = get_service_part(service.schedules.all(), schedule_pk)
    schedule.service = service
    remove_schedule(actor=user, schedule=schedule, request=request)
    messages.success(request, f"That time has been removed from {service.name}.")
    return _back_to(service)


@require_POST
def area_remove(
    request: AuthenticatedRequest, supplier_pk: int, service_pk: int, area_pk: int
) -> HttpResponse:
    user = request.user
    service = get_service_for_user(user, supplier_pk, service_pk, write=True)
    area = get_service_part(service.areas.select_related("district"), area_pk)
    area.service = service
    remove_area(actor=user, area=area, request=request)
    messages.success(request, f"{service.name} no longer covers {area.district.code}.")
    return _back_to(service)


@require_POST
def price_remove(
    request: AuthenticatedRequest, supplier_pk: int, service_pk: int, cost_pk: int
) -> HttpResponse:
    user = request.user
    service = get_service_for_user(user, supplier_pk, service_pk, write=True)
    option = get_service_part(service.cost_options.all(), cost_pk)
    option.service = service
    remove_cost_option(actor=user, option=option, request=request)
    messages.success(request, f"That price has been removed from {service.name}.")
    return _back_to(service)


@require_POST
def closure_remove(
    request: AuthenticatedRequest, supplier_pk: int, service_pk: int, closure_pk: int
) -> HttpResponse:
    user = request.user
    service = get_service_for_user(user, supplier_pk, service_pk, write=True)
    closure = get_service_part(service.exceptions.all(), closure_pk)
    closure.service = service
    remove_closure(actor=user, closure=closure, request=request)
    messages.success(request, f"{service.name} is no longer closed on {uk_date(closure.on)}.")
    return _back_to(service)
