"""Block contracts and their splits, and the ISF programme page.

Finance and managers of the provider make contracts and splits; the council's commissioners read
them and approve or return a split; coordinators see the programme but not the contracts
(funds/access.py).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.models import Action
from directsupport.audit.services import record_request_event
from directsupport.lib.forms import add_service_errors
from directsupport.people.models import Person

from ..access import (
    ALERT_READERS,
    LEDGER_WRITERS,
    can_change_contracts,
    can_decide_split,
    can_run_months,
    can_see_contracts,
    check_may_add_contracts,
    check_may_see_contracts,
    check_may_see_programme,
    contracts_visible_to,
    councils_for_reconciliation,
    get_contract_for_user,
    get_split_for_deciding,
    get_split_for_user,
)
from ..models import ContractSplit, SplitMethod, SplitStatus
from .forms import ContractForm, CoveredPeopleForm, DecideSplitForm, SplitForm
from .programme import programme_figures
from .services import (
    create_contract,
    decide_split,
    live_split,
    propose_split,
    submit_split,
    update_covered,
)
from .split_preview import BASIS_HEADINGS, basis_words, hours_words, percent_of, preview_split

PEOPLE_PER_PAGE = 50


def _audit_view(request: HttpRequest, subject: Any, summary: str) -> None:
    """Contract pages list several people at once, so the row names the contract, not one
    person (as the people list does)."""
    record_request_event(request, action=Action.VIEW, subject=subject, summary=summary)


def _provider_people(user: User) -> list[Person]:
    return list(
        Person.objects.filter(organisation_id=user.organisation_id).select_related(
            "funding_council"
        )
    )


# --- The programme ---------------------------------------------------------------------------


def programme(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_see_programme(user)
    is_council = user.role == Role.COMMISSIONER
    figures = programme_figures(
        today=timezone.localdate(),
        provider=None if is_council else user.organisation,
        council=user.organisation if is_council else None,
    )
    record_request_event(
        request,
        action=Action.VIEW,
        subject=user.organisation,
        summary="ISF programme page",
    )
    page = Paginator(figures.people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "funds/programme.html",
        {
            "figures": figures,
            "page": page,
            "is_council": is_council,
            "show_contracts": can_see_contracts(user),
            "can_add_contracts": can_change_contracts(user),
            "show_alerts": user.role in ALERT_READERS,
            "show_timesheets": user.role in LEDGER_WRITERS,
            "show_months": can_run_months(user),
            "reconciliation_councils": list(councils_for_reconciliation(user).order_by("name")),
        },
    )


# --- Contracts -------------------------------------------------------------------------------


def contracts(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_see_contracts(user)
    rows = programme_figures(
        today=timezone.localdate(),
        provider=None if user.role == Role.COMMISSIONER else user.organisation,
        council=user.organisation if user.role == Role.COMMISSIONER else None,
    ).contracts
    visible = set(contracts_visible_to(user).values_list("pk", flat=True))
    return render(
        request,
        "funds/contracts/list.html",
        {
            "rows": [row for row in rows if row.contract.pk in visible],
            "can_change": can_change_contracts(user),
            "is_council": user.role == Role.COMMISSIONER,
        },
    )


def contract_new(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_add_contracts(user)
    people = _provider_people(user)
    if request.method == "POST":
        form = ContractForm(request.POST, people=people)
        if form.is_valid():
            try:
                contract = create_contract(
                    provider=user.organisation,
                    council=form.cleaned_data["council"],
                    reference=form.cleaned_data["reference"],
                    title=form.cleaned_data["title"],
                    annual_value_pence=form.cleaned_data["annual_value"],
                    starts_on=form.cleaned_data["starts_on"],
                    ends_on=form.cleaned_data["ends_on"],
                    covered=form.covered(),
                    actor=user,
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Block contract {contract.reference} is saved.")
                return redirect("funds:contract", contract_pk=contract.pk)
    else:
        form = ContractForm(people=people)
    return render(request, "funds/contracts/new.html", {"form": form})


def contract(request: AuthenticatedRequest, contract_pk: int) -> HttpResponse:
    user = request.user
    found = get_contract_for_user(user, contract_pk)
    covered = list(found.covered.select_related("person"))
    splits = list(found.splits.select_related("created_by"))
    _audit_view(request, found, f"Block contract {found.reference}")
    may_change = can_change_contracts(user)
    waiting = next((s for s in splits if s.status in (SplitStatus.SUBMITTED,)), None)
    approved = next((s for s in splits if s.status == SplitStatus.APPROVED), None)
    return render(
        request,
        "funds/contracts/detail.html",
        {
            "contract": found,
            "covered": [(row, hours_words(row.assessed_weekly_minutes)) for row in covered],
            "total_minutes": sum(row.assessed_weekly_minutes for row in covered),
            "splits": splits,
            "waiting": waiting,
            "approved": approved,
            "can_change": may_change,
            "can_change_people": may_change and waiting is None and approved is None,
        },
    )


def contract_people(request: AuthenticatedRequest, contract_pk: int) -> HttpResponse:
    user = request.user
    found = get_contract_for_user(user, contract_pk, write=True)
    blocked = live_split(found)
    covered = {row.person_id: row.assessed_weekly_minutes for row in found.covered.all()}
    people = _provider_people(user)
    if request.method == "POST" and blocked is None:
        form = CoveredPeopleForm(request.POST, people=people, council=found.council)
        if form.is_valid():
            try:
                change = update_covered(
                    contract=found, covered=form.covered(), actor=user, request=request
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if not change.anything:
                    messages.info(request, "Nothing changed.")
                else:
                    words = f"The people covered by {found.reference} are saved."
                    if change.drafts_removed:
                        words += " Draft splits made for the old list were removed: split again."
                    messages.success(request, words)
                return redirect("funds:contract", contract_pk=found.pk)
    else:
        form = CoveredPeopleForm(
            initial=CoveredPeopleForm.initial_from(covered), people=people, council=found.council
        )
    _audit_view(request, found, f"Who block contract {found.reference} covers")
    return render(
        request,
        "funds/contracts/people.html",
        {"contract": found, "form": form, "blocked": blocked},
        status=409 if request.method == "POST" and blocked is not None else 200,
    )


# --- Splits ------------------------------------------------------------------------------------


def split_new(request: AuthenticatedRequest, contract_pk: int) -> HttpResponse:
    user = request.user
    found = get_contract_for_user(user, contract_pk, write=True)
    people = [row.person for row in found.covered.select_related("person")]
    today = timezone.localdate()
    preview = None
    if request.method == "POST":
        form = SplitForm(request.POST, contract=found, people=people)
        if form.is_valid():
            method, entered = form.cleaned_data["method"], form.entered()
            try:
                if request.POST.get("action") == "save":
                    split = propose_split(
                        contract=found,
                        method=method,
                        entered=entered,
                        actor=user,
                        request=request,
                        today=today,
                    )
                    messages.success(request, "The split is saved as a draft.")
                    return redirect("funds:split", contract_pk=found.pk, split_pk=split.pk)
                preview = preview_split(contract=found, method=method, entered=entered, today=today)
            except ValidationError as error:
                add_service_errors(form, error)
    else:
        form = SplitForm(contract=found, people=people)
    _audit_view(request, found, f"Splitting block contract {found.reference}")
    return render(
        request,
        "funds/contracts/split_new.html",
        {
            "contract": found,
            "form": form,
            "preview": preview,
            "waiting": live_split(found),
            "entered_method": SplitMethod.ENTERED.value,
        },
    )


def _split_context(user: User, split: ContractSplit) -> dict[str, Any]:
    lines = list(split.lines.select_related("person"))
    heading = BASIS_HEADINGS[SplitMethod(split.method)]
    shown = [
        {
            "person": line.person,
            "basis": basis_words(split.method, line.basis),
            "share_pence": line.share_pence,
            "percent": percent_of(line.share_pence, split.total_pence),
        }
        for line in lines
    ]
    return {
        "contract": split.contract,
        "split": split,
        "lines": shown,
        "basis_heading": heading,
        "total_shares": sum(line.share_pence for line in lines),
        "can_submit": can_change_contracts(user) and split.status == SplitStatus.DRAFT,
        "can_decide": can_decide_split(user, split) and split.status == SplitStatus.SUBMITTED,
    }


def split(request: AuthenticatedRequest, contract_pk: int, split_pk: int) -> HttpResponse:
    user = request.user
    found = get_split_for_user(user, contract_pk, split_pk)
    _audit_view(request, found, f"Split of block contract {found.contract.reference}")
    context = _split_context(user, found)
    context["decide_form"] = DecideSplitForm()
    return render(request, "funds/contracts/split.html", context)


@require_POST
def split_submit(request: AuthenticatedRequest, contract_pk: int, split_pk: int) -> HttpResponse:
    user = request.user
    found = get_split_for_user(user, contract_pk, split_pk, write=True)
    try:
        submit_split(split=found, actor=user, request=request)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(request, f"The split is sent to {found.contract.council.name}.")
    return redirect("funds:split", contract_pk=contract_pk, split_pk=split_pk)


@require_POST
def split_decide(request: AuthenticatedRequest, contract_pk: int, split_pk: int) -> HttpResponse:
    user = request.user
    found = get_split_for_deciding(user, contract_pk, split_pk)
    form = DecideSplitForm(request.POST)
    if form.is_valid():
        try:
            funds = decide_split(
                split=found,
                approve=form.approve,
                note=form.cleaned_data["note"],
                actor=user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if form.approve:
                messages.success(
                    request,
                    f"The split is approved. {len(funds)} ISFs have a draft agreement for each "
                    "person to agree.",
                )
            else:
                messages.success(request, "The split is returned to finance with your reasons.")
            return redirect("funds:split", contract_pk=contract_pk, split_pk=split_pk)
    _audit_view(request, found, f"Split of block contract {found.contract.reference}")
    context = _split_context(user, found)
    context["decide_form"] = form
    return render(request, "funds/contracts/split.html", context, status=400)
