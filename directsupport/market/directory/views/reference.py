"""The directory's reference data, kept by market shapers and managers: the kinds of support and
activity (taxonomy terms) services are described with, and the postcode districts distances
are measured between. Both are shared by every directory, as Open Referral UK's are."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from directsupport.accounts.http import AuthenticatedRequest

from ...access import check_may_keep_directory
from ...models import PostcodeDistrict, TaxonomyTerm
from ..reference_forms import DistrictForm, TermForm
from ..services import add_district, add_term, rename_term

DISTRICTS_PER_PAGE = 50


def term_list(request: AuthenticatedRequest) -> HttpResponse:
    check_may_keep_directory(request.user)
    terms = list(
        TaxonomyTerm.objects.select_related("parent")
        .annotate(service_count=Count("services"))
        .order_by("name")
    )
    groups = [
        (top, [term for term in terms if term.parent_id == top.pk])
        for top in terms
        if top.parent_id is None
    ]
    return render(request, "market/directory/terms.html", {"groups": groups})


def term_add(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_keep_directory(user)
    form = TermForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        term = add_term(
            actor=user,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            parent=form.cleaned_data["parent"],
            request=request,
        )
        messages.success(request, f"{term.name} has been added.")
        return redirect("market:terms")
    return render(request, "market/directory/term_form.html", {"form": form})


def term_rename(request: AuthenticatedRequest, term_pk: int) -> HttpResponse:
    user = request.user
    check_may_keep_directory(user)
    term = get_object_or_404(TaxonomyTerm, pk=term_pk)
    old_name = term.name
    if request.method == "POST":
        form = TermForm(request.POST, renaming=term)
        if form.is_valid():
            rename_term(
                actor=user,
                term=term,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                request=request,
            )
            messages.success(request, f"{old_name} is now called {term.name}.")
            return redirect("market:terms")
    else:
        form = TermForm(initial={"name": term.name, "description": term.description}, renaming=term)
    return render(
        request,
        "market/directory/term_form.html",
        {"form": form, "term": term, "old_name": old_name},
    )


def district_list(request: AuthenticatedRequest) -> HttpResponse:
    check_may_keep_directory(request.user)
    page = Paginator(PostcodeDistrict.objects.order_by("code"), DISTRICTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "market/directory/districts.html", {"page": page})


def district_add(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_keep_directory(user)
    form = DistrictForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        district = add_district(actor=user, request=request, **form.cleaned_data)
        messages.success(request, f"{district.code} ({district.name}) has been added.")
        return redirect("market:districts")
    return render(request, "market/directory/district_form.html", {"form": form})
