"""Adding and removing the dates that matter to a person (shown on their page)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view

from ..access import get_person_for_user
from ..forms import KeyDateForm
from ..models import KeyDate
from ..services import add_key_date, remove_key_date


def _key_dates_on_page(pk: int) -> str:
    return reverse("people:detail", kwargs={"pk": pk}) + "#key-dates"


def key_date_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_user(user, pk, write=True)
    if request.method == "POST":
        form = KeyDateForm(request.POST)
        if form.is_valid():
            add_key_date(
                actor=user,
                person=person,
                label=form.cleaned_data["label"],
                date=form.cleaned_data["date"],
                every_year=form.cleaned_data["every_year"],
                request=request,
            )
            messages.success(request, f"Added the key date {form.cleaned_data['label']}.")
            return redirect(_key_dates_on_page(person.pk))
    else:
        record_view(request, person_id=person.pk, subject=person, summary="Add a key date page")
        form = KeyDateForm()
    return render(request, "people/key_date_add.html", {"person": person, "form": form})


def key_date_remove(request: AuthenticatedRequest, pk: int, key_date_pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_user(user, pk, write=True)
    key_date = get_object_or_404(KeyDate, person=person, pk=key_date_pk)
    if request.method == "POST":
        remove_key_date(actor=user, key_date=key_date, request=request)
        messages.success(request, f"Removed the key date {key_date.label}.")
        return redirect(_key_dates_on_page(person.pk))
    record_view(request, person_id=person.pk, subject=key_date, summary="Remove a key date page")
    return render(request, "people/key_date_remove.html", {"person": person, "key_date": key_date})
