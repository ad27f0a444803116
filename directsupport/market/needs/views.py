"""The person's "My support" page (the week against the money, and their needs), its easy read
version, and the pages to draw, add and refine needs and record how each is commissioned."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view
from directsupport.lib.ids import storable_id
from directsupport.people.models import Person
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion
from directsupport.planning.models import Outcome

from ..access import (
    can_change_needs,
    can_choose_for_self,
    get_need_for_shaping,
    get_need_for_user,
    get_person_for_needs,
    get_person_for_shaping_needs,
    may_see_support_money,
)
from ..models import NeedStatus, SupportNeed
from .display import COMMISSIONING_EASY, NeedRow, money_ideas, need_row, need_sentences
from .drawing import NeedConflict, draw_needs
from .forms import AddNeedForm, CommissioningForm, OwnCommissioningForm, RefineNeedForm
from .money import needs_for_money, support_money
from .services import add_need, record_commissioning, refine_need
from .where import Home, home_of

AGREED = (PlanBookStatus.AGREED, PlanBookStatus.PUBLISHED)
EASY = "easy"


def _matching_is_there() -> bool:
    """Whether matching's "Find support" page exists yet (another part of market adds it)."""
    try:
        reverse("market:match", kwargs={"pk": 1, "need_pk": 1})
    except NoReverseMatch:
        return False
    return True


def _plan_book_agreed(person: Person) -> bool:
    return PlanBookVersion.objects.filter(person=person, status__in=AGREED).exists()


def _rows(person: Person, needs: list[SupportNeed], home: Home) -> list[NeedRow]:
    ordered = sorted(needs, key=lambda n: (n.status == NeedStatus.WITHDRAWN, n.weekday is None))
    return [need_row(need, person, home) for need in ordered]


def _support_context(request: AuthenticatedRequest, person: Person) -> dict[str, Any]:
    user = request.user
    needs = needs_for_money(person)
    money = support_money(person, timezone.localdate(), needs=needs)
    home = home_of(person)
    rows = _rows(person, needs, home)
    shows_money = may_see_support_money(user)
    return {
        "person": person,
        "own": person.user_id == user.pk,
        "money": money,
        "shows_money": shows_money,
        "ideas": money_ideas(money, shows_money=shows_money),
        "rows": rows,
        "active_count": sum(1 for row in rows if row.need.status != NeedStatus.WITHDRAWN),
        "home": home,
        "can_shape": can_change_needs(user, person),
        "own_choices": can_choose_for_self(user, person),
        "plan_book_agreed": _plan_book_agreed(person),
        "match_link": _matching_is_there() and can_change_needs(user, person),
    }


def support(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_needs(user, pk)
    record_view(request, person_id=person.pk, subject=person, summary="Support page")
    context = _support_context(request, person)
    context["outcomes_without_needs"] = list(
        Outcome.objects.filter(person=person, achieved_on__isnull=True, needs__isnull=True)
    )
    return render(request, "market/needs/support.html", context)


def support_easy_read(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_needs(user, pk)
    record_view(request, person_id=person.pk, subject=person, summary="Support page in easy read")
    context = _support_context(request, person)
    context["easy_rows"] = [
        (
            row,
            need_sentences(row),
            COMMISSIONING_EASY.get(row.need.commissioning),
            # Said for the person by someone else: theirs to check.
            ""
            if row.need.commissioning_said_by == person.display_name
            else row.need.commissioning_said_by,
        )
        for row in context["rows"]
        if row.need.status != NeedStatus.WITHDRAWN
    ]
    context["easy_choices"] = list(COMMISSIONING_EASY.items())
    return render(request, "market/needs/support_easy_read.html", context)


@require_POST
def needs_draw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_shaping_needs(user, pk)
    try:
        result = draw_needs(person=person, actor=user, request=request)
    except NeedConflict:
        messages.error(
            request,
            f"Someone changed one of {person.called}'s needs while they were being drawn, so "
            "nothing was changed. Draw them again.",
        )
    else:
        messages.success(request, f"{person.called}'s needs are drawn: {result.summary}.")
    return redirect("market:support", pk=person.pk)


def need_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_person_for_shaping_needs(user, pk)
    if request.method == "POST":
        form = AddNeedForm(request.POST, person=person)
        if form.is_valid():
            try:
                need = add_need(
                    actor=user,
                    person=person,
                    fields=form.need_fields(),
                    outcome=form.cleaned_data["outcome"],
                    request=request,
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, f"'{need.what}' has been added to the needs.")
                return redirect("market:support", pk=person.pk)
    else:
        record_view(request, person_id=person.pk, subject=person, summary="Add a need page")
        # ?outcome=<id> from the outcome's page; anything that cannot be an id finds none.
        asked_outcome = storable_id(request.GET.get("outcome", ""))
        outcome = (
            Outcome.objects.filter(person=person, pk=asked_outcome).first()
            if asked_outcome is not None
            else None
        )
        initial: dict[str, Any] = {"fixed": "flexible"}
        if outcome is not None:
            initial.update(outcome=outcome.pk, what=outcome.text[:200])
        form = AddNeedForm(person=person, initial=initial)
    return render(
        request, "market/needs/need_form.html", {"person": person, "form": form, "need": None}
    )


def need_refine(request: AuthenticatedRequest, pk: int, need_pk: int) -> HttpResponse:
    user = request.user
    need = get_need_for_shaping(user, pk, need_pk)
    person = need.person
    if request.method == "POST":
        form = RefineNeedForm(request.POST, need=need)
        if form.is_valid():
            try:
                refine_need(
                    actor=user,
                    need=need,
                    expected_version=form.cleaned_data["version"],
                    fields=form.need_fields(),
                    request=request,
                )
            except NeedConflict as conflict:
                return _conflict_page(request, person, need, form, conflict.saved)
            except (ValidationError, ValueError) as error:
                form.add_error(
                    None, error.messages if isinstance(error, ValidationError) else str(error)
                )
            else:
                messages.success(request, f"The changes to '{need.what}' have been saved.")
                return redirect("market:support", pk=person.pk)
    else:
        record_view(request, person_id=person.pk, subject=need, summary="Refine a need page")
        form = RefineNeedForm(need=need, initial=RefineNeedForm.initial_for(need))
    return render(
        request, "market/needs/need_form.html", {"person": person, "form": form, "need": need}
    )


def _conflict_page(
    request: HttpRequest,
    person: Person,
    need: SupportNeed,
    form: RefineNeedForm,
    saved: SupportNeed,
) -> HttpResponse:
    """What the user typed beside what is saved now, and their typing ready to save again."""
    saved.person = person
    data = request.POST.copy()
    data["version"] = str(saved.version)
    resubmit = RefineNeedForm(data, need=saved)
    return render(
        request,
        "market/needs/conflict.html",
        {
            "person": person,
            "need": saved,
            "differences": form.differences(saved),
            "form": resubmit,
        },
        status=409,
    )


def need_commissioning(request: AuthenticatedRequest, pk: int, need_pk: int) -> HttpResponse:
    """How the person wants the need arranged: staff record it with who said it; the person
    says it for themselves (from this page, or from their easy read page)."""
    user = request.user
    need = get_need_for_user(user, pk, need_pk, write=True)
    person = need.person
    own = can_choose_for_self(user, person)
    back_to_easy = request.POST.get("back", request.GET.get("back", "")) == EASY
    form: CommissioningForm | OwnCommissioningForm
    if request.method == "POST":
        form = (
            OwnCommissioningForm(request.POST)
            if own
            else CommissioningForm(request.POST, person=person)
        )
        if form.is_valid():
            said_by = person.display_name if own else form.said_by()  # type: ignore[union-attr]
            record_commissioning(
                actor=user,
                need=need,
                commissioning=form.cleaned_data["commissioning"],
                said_by=said_by,
                request=request,
            )
            messages.success(
                request,
                "Thank you. Your answer is saved." if own else f"Saved for '{need.what}'.",
            )
            return redirect("market:support_easy_read" if back_to_easy else "market:support", pk)
    else:
        record_view(request, person_id=person.pk, subject=need, summary="Commissioning page")
        initial = {"commissioning": need.commissioning or None}
        form = (
            OwnCommissioningForm(initial=initial)
            if own
            else CommissioningForm(person=person, initial=initial)
        )
    return render(
        request,
        "market/needs/commissioning.html",
        {
            "person": person,
            "need": need,
            "form": form,
            "own": own,
            "back": EASY if back_to_easy else "",
            "easy_choices": list(COMMISSIONING_EASY.items()),
        },
    )
