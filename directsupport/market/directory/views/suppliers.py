"""The directory list with its search and filters, a supplier's page, adding and changing an
entry, and a supplier's way to its own entry.

Provider staff and commissioners read the directory; market shapers and managers change it; a
supplier sees and changes its own entry only (market/access.py).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.lib.forms import add_service_errors

from ...access import (
    can_change_supplier,
    can_keep_directory,
    check_may_keep_directory,
    check_may_see_directory,
    get_own_supplier_for_user,
    get_supplier_for_user,
    suppliers_visible_to,
)
from ...models import ApplicationStatus, PreferredApplication, Supplier
from ..entry import checklist, entry_services, needs_cqc_registration, worker_words
from ..forms import SupplierEditForm, SupplierForm, differences
from ..search import (
    Characteristics,
    DirectoryFilterForm,
    distance_words,
    sorted_for_listing,
    with_listing_facts,
)
from ..services import EditConflict, create_supplier, update_supplier

SUPPLIERS_PER_PAGE = 25


# --- The list --------------------------------------------------------------------------------


def supplier_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_see_directory(user)
    today = timezone.localdate()
    visible = suppliers_visible_to(user)
    form = DirectoryFilterForm(request.GET, characteristics=Characteristics.of(visible))
    near = form.near
    suppliers = sorted_for_listing(form.filter(with_listing_facts(visible), today=today), near)
    page = Paginator(suppliers, SUPPLIERS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "supplier": supplier,
            "distance": (distance_words(supplier, near) if near is not None else ""),
        }
        for supplier in page
    ]
    return render(
        request,
        "market/directory/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "near": near,
            "can_add": can_keep_directory(user),
        },
    )


# --- A supplier's page ------------------------------------------------------------------------


def supplier_detail(request: AuthenticatedRequest, supplier_pk: int) -> HttpResponse:
    user = request.user
    supplier = get_supplier_for_user(user, supplier_pk)
    today = timezone.localdate()
    services = entry_services(supplier, today)
    can_change = can_change_supplier(user, supplier)
    return render(
        request,
        "market/directory/detail.html",
        {
            "supplier": supplier,
            "services": services,
            "unregistered": needs_cqc_registration(supplier, services),
            "is_preferred": PreferredApplication.objects.filter(
                supplier=supplier,
                provider_id=supplier.directory_owner_id,
                status=ApplicationStatus.APPROVED,
            ).exists(),
            "locations": list(supplier.locations.select_related("district")),
            "workers": worker_words(supplier),
            "can_change": can_change,
            "checklist": checklist(supplier, services) if can_change else None,
            "today": today,
        },
    )


def my_entry(request: AuthenticatedRequest) -> HttpResponse:
    """A supplier's own entry (404 for anyone else, and for a supplier not in the directory)."""
    supplier = get_own_supplier_for_user(request.user)
    return redirect("market:supplier", supplier_pk=supplier.pk)


# --- Adding and changing ------------------------------------------------------------------------


def supplier_add(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_keep_directory(user)
    if request.method == "POST":
        form = SupplierForm(request.POST)
        if form.is_valid():
            try:
                supplier = create_supplier(
                    actor=user,
                    directory_owner=user.organisation,
                    name=form.cleaned_data["name"],
                    details=form.details(),
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{supplier.name} is in the directory. Add what they offer: their services.",
                )
                return redirect("market:supplier", supplier_pk=supplier.pk)
    else:
        form = SupplierForm()
    return render(request, "market/directory/supplier_form.html", {"form": form})


def supplier_edit(request: AuthenticatedRequest, supplier_pk: int) -> HttpResponse:
    user = request.user
    supplier = get_supplier_for_user(user, supplier_pk, write=True)
    if request.method == "POST":
        form = SupplierEditForm(request.POST)
        if form.is_valid():
            try:
                update_supplier(
                    actor=user,
                    supplier=supplier,
                    expected_version=form.cleaned_data["version"],
                    name=form.cleaned_data["name"],
                    changes=form.details(),
                    request=request,
                )
            except EditConflict as conflict:
                return _conflict_page(request, form, conflict.saved)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "The changes have been saved.")
                return redirect("market:supplier", supplier_pk=supplier.pk)
    else:
        form = SupplierEditForm(initial=SupplierForm.initial_for(supplier))
    return render(
        request, "market/directory/supplier_form.html", {"form": form, "supplier": supplier}
    )


def _conflict_page(request: HttpRequest, form: SupplierEditForm, saved: Supplier) -> HttpResponse:
    """Both versions side by side, and the user's own typed values ready to save again."""
    data = request.POST.copy()
    data["version"] = str(saved.version)
    return render(
        request,
        "market/directory/conflict.html",
        {
            "supplier": saved,
            "what": "the entry's details",
            "differences": differences(form, SupplierForm.initial_for(saved)),
            "form": SupplierEditForm(data),
            "action": request.path,
        },
        status=409,
    )
