"""Finding the right support for one need: the ranked services with their reasons, the services
that cannot meet it and why, a search of the whole directory, and recording the person's choice
(by staff, saying who chose; by the person, on the standard page or in easy read)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.audit.services import record_view
from directsupport.people.models import Person

from ..access import (
    can_change_needs,
    can_choose_for_self,
    can_see_directory,
    can_see_market_view,
    get_need_for_own_choice,
    get_need_for_user,
    may_see_support_money,
)
from ..models import Service, ServiceStatus, SupplierChoice, SupportNeed, WorkerGender
from ..needs.display import ratio_words, when_words
from .for_need import ranking_for
from .forms import OwnChoiceForm, ServiceSearchForm, StaffChoiceForm
from .ranking import Candidate, Ranking
from .services import is_best_guess, record_choice

SHOWN = 10  # candidates and misses listed before "Show all"
SEARCH_SHOWN = 20
EASY_SHORTLIST = 3


def _directory_services(person: Person) -> QuerySet[Service]:
    """Every running service in the person's provider's directory: any may be chosen."""
    return Service.objects.filter(
        supplier__directory_owner_id=person.organisation_id, status=ServiceStatus.ACTIVE
    ).select_related("supplier__organisation")


def _may_choose(user: User, person: Person) -> bool:
    return can_change_needs(user, person) or can_choose_for_self(user, person)


def _choices(need: SupportNeed) -> list[dict[str, Any]]:
    """Every choice made for the need, newest (in force) first."""
    rows = SupplierChoice.objects.filter(need=need).select_related(
        "service__supplier__organisation", "recorded_by"
    )
    return [{"choice": choice, "best_guess": is_best_guess(choice)} for choice in rows]


def _search(person: Person, text: str, ranking: Ranking) -> tuple[list[dict[str, Any]], int]:
    words = text.split()
    services = _directory_services(person)
    for word in words:
        services = services.filter(
            Q(name__icontains=word)
            | Q(supplier__organisation__name__icontains=word)
            | Q(description__icontains=word)
            | Q(terms__name__icontains=word)
        )
    services = services.distinct().order_by("supplier__organisation__name", "name")
    found = list(services[: SEARCH_SHOWN + 1])
    return (
        [
            {"service": service, "rank": ranking.rank_of(service.pk)}
            for service in found[:SEARCH_SHOWN]
        ],
        len(found),
    )


def _need_context(request: AuthenticatedRequest, need: SupportNeed) -> dict[str, Any]:
    user = request.user
    person = need.person
    return {
        "person": person,
        "need": need,
        "own": person.user_id == user.pk,
        "when": when_words(need),
        "ratio": ratio_words(need.ratio, need.shared_by),
        "wanted": _wanted_words(need),
    }


def _wanted_words(need: SupportNeed) -> list[str]:
    words = []
    if need.wanted_skills:
        words.append("Skills: " + ", ".join(need.wanted_skills))
    if need.wanted_interests:
        words.append("Interests: " + ", ".join(need.wanted_interests))
    if need.wanted_languages:
        words.append("Languages: " + ", ".join(need.wanted_languages))
    if need.wanted_gender in WorkerGender.values:
        words.append(f"Workers: {WorkerGender(need.wanted_gender).label.lower()}")
    if need.wanted_personality:
        words.append(f"Personality: {need.wanted_personality}")
    return words


def match(request: AuthenticatedRequest, pk: int, need_pk: int) -> HttpResponse:
    user = request.user
    need = get_need_for_user(user, pk, need_pk)
    person = need.person
    record_view(request, person_id=person.pk, subject=need, summary="Finding support for a need")
    shows_money = may_see_support_money(user)
    ranking, left = ranking_for(
        need, timezone.localdate(), explain_misses=True, say_money_left=shows_money
    )
    show_all = request.GET.get("all") == "1"
    search = ServiceSearchForm(request.GET)
    text = search.cleaned_data.get("q", "").strip() if search.is_valid() else ""
    results, found = _search(person, text, ranking) if text else ([], 0)
    return render(
        request,
        "market/matching/match.html",
        {
            **_need_context(request, need),
            "ranking": ranking,
            "candidates": ranking.candidates if show_all else ranking.candidates[:SHOWN],
            "misses": ranking.misses if show_all else ranking.misses[:SHOWN],
            "more": not show_all
            and (len(ranking.candidates) > SHOWN or len(ranking.misses) > SHOWN),
            "left": left if shows_money else None,
            "shows_money": shows_money,
            "choices": _choices(need),
            "may_choose": _may_choose(user, person),
            "links_to_directory": can_see_directory(user),
            "links_to_market_view": can_see_market_view(user),
            "search": search,
            "search_text": text,
            "results": results,
            "more_results": found > SEARCH_SHOWN,
        },
    )


def _candidate_or_reasons(ranking: Ranking, service: Service) -> dict[str, Any]:
    """Where the chosen service stands for this need: its rank and reasons, or why it was not
    a candidate."""
    for number, candidate in enumerate(ranking.candidates, start=1):
        if candidate.service.id == service.pk:
            return {"rank": number, "candidate": candidate}
    for miss in ranking.misses:
        if miss.service.id == service.pk:
            return {"rank": None, "hard_stops": miss.hard_stops}
    return {"rank": None, "hard_stops": ("Not of the kind of support this need asks for",)}


def match_choose(request: AuthenticatedRequest, pk: int, need_pk: int) -> HttpResponse:
    """Record the person's choice of one service (``?service=<id>``): any running service in
    the directory, ranked or not."""
    user = request.user
    need = get_need_for_user(user, pk, need_pk, write=True)
    person = need.person
    own = can_choose_for_self(user, person)
    services = _directory_services(person)
    data = request.POST if request.method == "POST" else None
    initial = {"service": request.GET.get("service", "")}
    form: StaffChoiceForm | OwnChoiceForm = (
        OwnChoiceForm(data, initial=initial, services=services)
        if own
        else StaffChoiceForm(data, initial=initial, person=person, services=services)
    )
    service = _asked_service(services, request.POST.get("service") or initial["service"])
    if service is None:
        messages.error(request, "Choose a service from the list, or search for one.")
        return redirect("market:match", pk=person.pk, need_pk=need.pk)
    ranking, _ = ranking_for(
        need, timezone.localdate(), explain_misses=True, say_money_left=may_see_support_money(user)
    )
    if request.method == "POST" and form.is_valid():
        chosen_by, on_behalf = (
            (form.chosen_by(), form.on_behalf())
            if isinstance(form, StaffChoiceForm)
            else (person.display_name, "")
        )
        try:
            record_choice(
                actor=user,
                need=need,
                service=form.cleaned_data["service"],
                reason=form.cleaned_data["reason"],
                chosen_by=chosen_by,
                on_behalf_reason=on_behalf,
                rank_when_chosen=ranking.rank_of(form.cleaned_data["service"].pk),
                request=request,
            )
        except ValidationError as error:
            _show(form, error)
        else:
            chooser = "Your" if own else f"{person.called}'s"
            messages.success(
                request,
                f"{chooser} choice is recorded: {service.supplier.name} for “{need.what}”.",
            )
            return redirect("market:match", pk=person.pk, need_pk=need.pk)
    record_view(request, person_id=person.pk, subject=need, summary="Choosing a supplier")
    return render(
        request,
        "market/matching/choose.html",
        {
            **_need_context(request, need),
            "service": service,
            "standing": _candidate_or_reasons(ranking, service),
            "form": form,
            "own_form": own,
        },
    )


def _show(form: forms.Form, error: ValidationError) -> None:
    """The service's problems beside the field they are about; the rest at the top."""
    for field, problems in error.message_dict.items():
        visible = field in form.fields and not form.fields[field].widget.is_hidden
        form.add_error(field if visible else None, problems)


def _asked_service(services: QuerySet[Service], value: str) -> Service | None:
    return services.filter(pk=int(value)).first() if value.isdigit() and len(value) < 10 else None


def _easy_shortlist(ranking: Ranking, chosen_service_id: int | None) -> list[Candidate]:
    """The first few, and the one chosen if it is further down."""
    shortlist = ranking.candidates[:EASY_SHORTLIST]
    if chosen_service_id and all(c.service.id != chosen_service_id for c in shortlist):
        shortlist += [c for c in ranking.candidates if c.service.id == chosen_service_id]
    return shortlist


def match_easy_read(request: AuthenticatedRequest, pk: int, need_pk: int) -> HttpResponse:
    """The shortlist in easy read. The person chooses here for themselves; whoever else may see
    the need may read it (to go through it with them)."""
    user = request.user
    if request.method == "POST":
        need = get_need_for_own_choice(user, pk, need_pk)
    else:
        need = get_need_for_user(user, pk, need_pk)
    person = need.person
    own = can_choose_for_self(user, person)
    services = _directory_services(person)
    ranking, _ = ranking_for(need, timezone.localdate(), say_money_left=True)
    form = OwnChoiceForm(request.POST or None, services=services)
    failed_for: int | None = None
    if request.method == "POST":
        if form.is_valid():
            try:
                record_choice(
                    actor=user,
                    need=need,
                    service=form.cleaned_data["service"],
                    reason=form.cleaned_data["reason"],
                    chosen_by=person.display_name,
                    rank_when_chosen=ranking.rank_of(form.cleaned_data["service"].pk),
                    request=request,
                )
            except ValidationError as error:
                _show(form, error)
            else:
                messages.success(request, "Thank you. Your choice is saved.")
                return redirect("market:match_easy_read", pk=person.pk, need_pk=need.pk)
        asked = request.POST.get("service", "")
        failed_for = int(asked) if asked.isdigit() and len(asked) < 10 else None
    record_view(request, person_id=person.pk, subject=need, summary="Finding support, in easy read")
    current = (
        SupplierChoice.objects.filter(need=need)
        .select_related("service__supplier__organisation")
        .first()
    )
    shortlist = _easy_shortlist(ranking, current.service_id if current else None)
    return render(
        request,
        "market/matching/easy_read.html",
        {
            **_need_context(request, need),
            "shortlist": shortlist,
            "more_count": max(0, len(ranking.candidates) - len(shortlist)),
            "current": current,
            "current_is_guess": current is not None and is_best_guess(current),
            "own": own,
            "form": form,
            "failed_for": failed_for,
            "standard_url": reverse("market:match", kwargs={"pk": person.pk, "need_pk": need.pk}),
        },
    )
