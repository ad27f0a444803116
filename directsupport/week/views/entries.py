"""Adding, changing and removing an entry in a person's Perfect Week or week now."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view
from directsupport.people.models import Person
from directsupport.planning.tools.places import community_places

from ..access import get_week_person_for_user
from ..display import DAY_NAMES, shown
from ..forms import EntryForm
from ..models import Week, WeekEntry, WeekKind
from ..services import WeekConflict, add_entry, change_entry, get_or_create_week, remove_entry

PAGE_FOR_KIND = {WeekKind.PERFECT: "week:perfect_week", WeekKind.CURRENT: "week:week_now"}


def _kind_or_404(kind: str) -> str:
    if kind not in WeekKind.values:
        raise Http404("No such week")
    return kind


def _entry_or_404(person: Person, kind: str, entry_pk: int) -> WeekEntry:
    entry = (
        WeekEntry.objects.select_related("week", "company_member")
        .filter(pk=entry_pk, week__person=person, week__kind=kind)
        .first()
    )
    if entry is None:
        raise Http404("No such entry")
    return entry


def _others(person: Person, kind: str, exclude: int | None = None) -> list[WeekEntry]:
    entries = WeekEntry.objects.filter(week__person=person, week__kind=kind)
    return list(entries.exclude(pk=exclude) if exclude else entries)


def _form(
    person: Person, kind: str, data: Any = None, *, exclude: int | None = None, **kwargs: Any
) -> EntryForm:
    return EntryForm(
        data,
        person=person,
        places=community_places(person),
        others=_others(person, kind, exclude),
        today=timezone.localdate(),
        **kwargs,
    )


def _week_version(person: Person, kind: str) -> int:
    week = Week.objects.filter(person=person, kind=kind).first()
    return week.version if week else 1


def entry_add(request: AuthenticatedRequest, pk: int, week_kind: str) -> HttpResponse:
    user = request.user
    person = get_week_person_for_user(user, pk, write=True)
    kind = _kind_or_404(week_kind)
    if request.method == "POST":
        form = _form(person, kind, request.POST)
        if form.is_valid():
            week = get_or_create_week(person=person, kind=kind)
            try:
                entry = add_entry(
                    actor=user,
                    week=week,
                    expected_version=form.cleaned_data["version"],
                    fields=form.entry_fields(),
                    request=request,
                )
            except WeekConflict as conflict:
                return _conflict_page(request, person, kind, conflict.saved, None, form)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, f"'{entry.what}' has been added.")
                return redirect(PAGE_FOR_KIND[WeekKind(kind)], pk=person.pk)
    else:
        record_view(request, person_id=person.pk, subject=person, summary="Add a week entry page")
        form = _form(
            person,
            kind,
            initial={
                "version": _week_version(person, kind),
                "weekday": request.GET.get("day", 0),
                "who": "on_my_own",
                "support_ratio": "none",
                "fixed": "fixed",
                "repeats": "weekly",
            },
        )
    return _form_page(request, person, kind, form, None)


def entry_edit(
    request: AuthenticatedRequest, pk: int, week_kind: str, entry_pk: int
) -> HttpResponse:
    user = request.user
    person = get_week_person_for_user(user, pk, write=True)
    kind = _kind_or_404(week_kind)
    entry = _entry_or_404(person, kind, entry_pk)
    if request.method == "POST":
        form = _form(person, kind, request.POST, exclude=entry.pk)
        if form.is_valid():
            try:
                change_entry(
                    actor=user,
                    entry=entry,
                    expected_version=form.cleaned_data["version"],
                    fields=form.entry_fields(),
                    request=request,
                )
            except WeekConflict as conflict:
                return _conflict_page(request, person, kind, conflict.saved, entry.pk, form)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, "The changes have been saved.")
                return redirect(PAGE_FOR_KIND[WeekKind(kind)], pk=person.pk)
    else:
        record_view(request, person_id=person.pk, subject=entry, summary="Change a week entry page")
        initial = EntryForm.initial_for(entry, entry.week.version, community_places(person))
        form = _form(person, kind, exclude=entry.pk, initial=initial)
    return _form_page(request, person, kind, form, entry)


def _form_page(
    request: HttpRequest, person: Person, kind: str, form: EntryForm, entry: WeekEntry | None
) -> HttpResponse:
    return render(
        request,
        "week/entry_form.html",
        {
            "person": person,
            "kind": kind,
            "kind_label": WeekKind(kind).label,
            "form": form,
            "entry": entry,
            "back": PAGE_FOR_KIND[WeekKind(kind)],
        },
    )


def _conflict_page(
    request: HttpRequest,
    person: Person,
    kind: str,
    saved: Week,
    entry_pk: int | None,
    form: EntryForm,
) -> HttpResponse:
    """What is saved now beside what the user typed, and their typed values ready to save again
    (checked again against the week as it is now)."""
    data = request.POST.copy()
    data["version"] = str(saved.version)
    saved_entry = (
        WeekEntry.objects.select_related("company_member").filter(pk=entry_pk).first()
        if entry_pk
        else None
    )
    yours = shown(WeekEntry(week=saved, **form.entry_fields()))
    same_day = [
        shown(e)
        for e in saved.entries.select_related("company_member").filter(weekday=yours.entry.weekday)
    ]
    return render(
        request,
        "week/conflict.html",
        {
            "person": person,
            "kind": kind,
            "kind_label": WeekKind(kind).label,
            "yours": yours,
            "saved_entry": shown(saved_entry) if saved_entry else None,
            "same_day": same_day,
            "day_name": DAY_NAMES[yours.entry.weekday],
            "entry_pk": entry_pk,
            "form": _form(person, kind, data, exclude=entry_pk),
            "back": PAGE_FOR_KIND[WeekKind(kind)],
        },
        status=409,
    )


def entry_remove(
    request: AuthenticatedRequest, pk: int, week_kind: str, entry_pk: int
) -> HttpResponse:
    user = request.user
    person = get_week_person_for_user(user, pk, write=True)
    kind = _kind_or_404(week_kind)
    entry = _entry_or_404(person, kind, entry_pk)
    status, changed = 200, False
    version = entry.week.version
    if request.method == "POST":
        expected = request.POST.get("version", "")
        try:
            if not expected.isdigit():
                raise WeekConflict(saved=entry.week)
            remove_entry(actor=user, entry=entry, expected_version=int(expected), request=request)
        except WeekConflict as conflict:
            status, changed, version = 409, True, conflict.saved.version
        else:
            messages.success(request, f"'{entry.what}' has been removed.")
            return redirect(PAGE_FOR_KIND[WeekKind(kind)], pk=person.pk)
    else:
        record_view(request, person_id=person.pk, subject=entry, summary="Remove a week entry page")
    return render(
        request,
        "week/entry_remove.html",
        {
            "person": person,
            "kind": kind,
            "kind_label": WeekKind(kind).label,
            "item": shown(entry),
            "version": version,
            "changed": changed,
            "back": PAGE_FOR_KIND[WeekKind(kind)],
        },
        status=status,
    )
