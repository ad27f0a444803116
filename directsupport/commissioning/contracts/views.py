"""Contract pages: the list and each contract (staff, the council, the person's side), drawing
one up from the person's choice, agreeing (the person in easy read; staff recording a
decision), activating, notice, ending, a member leaving, the PDFs, and the supplier's portal.
Thin: access from ``commissioning.access``, changes by ``contracts.services``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.services import record_view
from directsupport.lib.denials import NoAccess
from directsupport.lib.forms import add_service_errors

from ..access import (
    PERSON_SIDE,
    can_commission,
    can_read_commissioning,
    contracts_visible_to,
    get_contract_for_user,
    get_request_for_user,
    may_accept_for_supplier,
    party_for_person_user,
)
from ..models import Contract, ContractParty, ContractStatus, OfferChoice
from .display import easy_ideas, party_rows
from .forms import (
    ContractFilterForm,
    DraftContractForm,
    EndForm,
    LeaveForm,
    NoticeForm,
    OwnAgreementForm,
    RecordAgreementForm,
)
from .pdf import render_contract_pdf
from .postings import planned_totals
from .services import (
    ContractRefused,
    accept_for_supplier,
    activate,
    contract_from_choice,
    current_parties,
    earliest_end,
    end_contract,
    give_notice,
    member_leaves,
    record_person_agreement,
)

PAGE_SIZE = 50


def _record_read(request: HttpRequest, contract: Contract, summary: str) -> None:
    """A contract holds each party's support and money: one audit row per person in it."""
    for person_id in contract.parties.values_list("person_id", flat=True):
        record_view(request, person_id=person_id, subject=contract, summary=summary)


def _no(what: str, user: User) -> NoAccess:
    return NoAccess(
        subject_type="commissioning.contract",
        subject_id="*",
        reason=f"No {what} for a {user.get_role_display().lower()}",
    )


def _party(contract: Contract, party_pk: int, user: User) -> ContractParty:
    party = contract.parties.select_related("person").filter(pk=party_pk).first()
    if party is None:
        raise NoAccess(
            subject_type="commissioning.contractparty",
            subject_id=party_pk,
            reason=f"No such party to this contract for a {user.get_role_display().lower()}",
        )
    return party


# --- Staff and the council -----------------------------------------------------------------


@require_GET
def contract_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if not (can_read_commissioning(user) or user.role == Role.COMMISSIONER):
        raise _no("contracts list", user)
    form = ContractFilterForm(request.GET or None)
    contracts = contracts_visible_to(user).prefetch_related("parties")
    if form.is_valid() and form.cleaned_data.get("status"):
        contracts = contracts.filter(status=form.cleaned_data["status"])
    return render(
        request,
        "commissioning/contracts/list.html",
        {
            "form": form,
            "contracts": list(contracts[:PAGE_SIZE]),
            "can_commission": can_commission(user),
        },
    )


def _detail_context(request: AuthenticatedRequest, contract: Contract) -> dict[str, Any]:
    user = request.user
    writer = can_commission(user) and contract.organisation_id == user.organisation_id
    parties_now = current_parties(contract)
    return {
        "contract": contract,
        "rows": party_rows(contract, user),
        "share_changes": list(contract.share_changes.all()),
        "reminders": list(contract.reminders.order_by("due_on")),
        "writer": writer,
        "planned": planned_totals(contract) if writer or user.role == Role.FINANCE else {},
        "everyone_agreed": all(p.agreed_at for p in parties_now),
        "is_pool": contract.parties.count() > 1,
        "own_party": party_for_person_user(user, contract),
        # Why shares changed names who left: for the provider's staff only.
        "provider_staff": can_read_commissioning(user),
        # Why it ends is typed freely: for the provider's staff and the person's side.
        "shows_end_reason": can_read_commissioning(user) or user.role in PERSON_SIDE,
    }


@require_GET
def contract_detail(request: AuthenticatedRequest, support_contract_pk: int) -> HttpResponse:
    user = request.user
    contract = get_contract_for_user(user, support_contract_pk)
    if user.role == Role.SUPPLIER:
        return redirect("commissioning:contract_portal_detail", support_contract_pk=contract.pk)
    _record_read(request, contract, f"Contract {contract.reference}")
    return render(
        request, "commissioning/contracts/detail.html", _detail_context(request, contract)
    )


def _pdf_response(
    request: AuthenticatedRequest, support_contract_pk: int, *, easy: bool
) -> HttpResponse:
    user = request.user
    contract = get_contract_for_user(user, support_contract_pk)
    party = party_for_person_user(user, contract)
    pdf = render_contract_pdf(contract, viewer=user, easy=easy, party=party)
    _record_read(
        request, contract, f"Contract {contract.reference} as a PDF{' (easy read)' if easy else ''}"
    )
    response = HttpResponse(pdf.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def contract_pdf(request: AuthenticatedRequest, support_contract_pk: int) -> HttpResponse:
    return _pdf_response(request, support_contract_pk, easy=False)


@require_GET
def contract_easy_read_pdf(request: AuthenticatedRequest, support_contract_pk: int) -> HttpResponse:
    return _pdf_response(request, support_contract_pk, easy=True)


@require_GET
def contract_easy_read(request: AuthenticatedRequest, support_contract_pk: int) -> HttpResponse:
    user = request.user
    contract = get_contract_for_user(user, support_contract_pk)
    party = party_for_person_user(user, contract)
    _record_read(request, contract, f"Contract {contract.reference} in easy read")
    return render(
        request,
        "commissioning/contracts/easy_read.html",
        {
            "contract": contract,
            "party": party,
            "ideas": easy_ideas(contract, party),
            "may_agree": party is not None
            and party.agreed_at is None
            and contract.status == ContractStatus.DRAFT,
        },
    )


def contract_new(request: AuthenticatedRequest, rfq_pk: int) -> HttpResponse:
    user = request.user
    rfq = get_request_for_user(user, rfq_pk, write=True)
    choice = OfferChoice.objects.filter(request=rfq).select_related("offer").first()
    existing = Contract.objects.filter(request=rfq).first()
    if choice is None or existing is not None:
        if existing is not None:
            messages.info(request, f"{existing.reference} is already drawn up for this request.")
            return redirect("commissioning:contract_detail", support_contract_pk=existing.pk)
        return render(request, "commissioning/contracts/no_choice.html", {"rfq": rfq}, status=409)
    offer = choice.offer
    if request.method == "POST":
        form = DraftContractForm(request.POST, starts_on=offer.starts_on)
        if form.is_valid():
            try:
                contract = contract_from_choice(
                    actor=user, choice=choice, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except ContractRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, f"{contract.reference} is drawn up as a draft.")
                return redirect("commissioning:contract_detail", support_contract_pk=contract.pk)
    else:
        form = DraftContractForm(
            starts_on=offer.starts_on,
            initial={
                "cancellation_rules": offer.cancellation_terms,
                "change_rules": "Any change of times, hours or rate is agreed in writing by the "
                "person (or each person) and the supplier before it starts.",
                "notice_weeks": 4,
                "ends_on": rfq.ends_on,
                "split_rule": "equal",
            },
        )
    return render(
        request,
        "commissioning/contracts/new.html",
        {
            "rfq": rfq,
            "offer": offer,
            "choice": choice,
            "form": form,
            "is_pool": rfq.needs.count() > 1,
        },
    )


def contract_party_agree(
    request: AuthenticatedRequest, support_contract_pk: int, party_pk: int
) -> HttpResponse:
    user = request.user
    contract = get_contract_for_user(user, support_contract_pk, write=True)
    party = _party(contract, party_pk, user)
    if request.method == "POST":
        form = RecordAgreementForm(request.POST, person=party.person)
        if form.is_valid():
            try:
                record_person_agreement(
                    actor=user,
                    party=party,
                    decided_by=form.cleaned_data["decided_by"],
                    representative_name=form.cleaned_data["representative_name"],
                    representative_reason=form.cleaned_data["representative_reason"],
                    comment=form.cleaned_data["comment"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except ContractRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, f"{party.person.called}'s agreement is recorded.")
                return redirect("commissioning:contract_detail", support_contract_pk=contract.pk)
    else:
        record_view(
            request, person_id=party.person_id, subject=contract, summary="Record agreement page"
        )
        form = RecordAgreementForm(person=party.person)
    return render(
        request,
        "commissioning/contracts/party_agree.html",
        {"contract": contract, "party": party, "form": form},
    )


@require_POST
def contract_activate(request: AuthenticatedRequest, support_contract_pk: int) -> HttpResponse:
    user = request.user
    contract = get_contract_for_user(user, support_contract_pk, write=True)
    try:
        activate(actor=user, contract=contract, request=request)
    except ContractRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"{contract.reference} is active.")
    return redirect("commissioning:contract_detail", support_contract_pk=contract.pk)


def _change_page(
    request: HttpRequest,
    contract: Contract,
    form: Any,
    *,
    title: str,
    button: str,
    party: ContractParty | None = None,
    hint: str = "",
) -> HttpResponse:
    return render(
        request,
        "commissioning/contracts/change.html",
        {
            "contract": contract,
            "form": form,
            "title": title,
            "button": button,
            "party": party,
            "hint": hint,
        },
    )


def contract_notice(request: AuthenticatedRequest, support_contract_pk: int) -> HttpResponse:
    user = request.user
    contract = get_contract_for_user(user, support_contract_pk, write=True)
    form = NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            give_notice(
                actor=user,
                contract=contract,
                ends_on=form.cleaned_data["ends_on"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except ContractRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Notice is given: {contract.reference} is ending.")
            return redirect("commissioning:contract_detail", support_contract_pk=contract.pk)
    soonest = earliest_end(contract, timezone.localdate())
    return _change_page(
        request,
        contract,
        form,
        title=f"Give notice to end {contract.reference}",
        button="Give notice",
        hint=f"With {contract.notice_weeks} weeks' notice, the earliest end is "
        f"{soonest:%-d %B %Y}.",
    )


def contract_end(request: AuthenticatedRequest, support_contract_pk: int) -> HttpResponse:
    user = request.user
    contract = get_contract_for_user(user, support_contract_pk, write=True)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            end_contract(
                actor=user,
                contract=contract,
                reason=form.cleaned_data["reason"],
                ended_on=form.cleaned_data["ended_on"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except ContractRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"{contract.reference} has ended.")
            return redirect("commissioning:contract_detail", support_contract_pk=contract.pk)
    return _change_page(
        request, contract, form, title=f"End {contract.reference}", button="End the contract"
    )


def contract_member_leaves(
    request: AuthenticatedRequest, support_contract_pk: int, party_pk: int
) -> HttpResponse:
    user = request.user
    contract = get_contract_for_user(user, support_contract_pk, write=True)
    party = _party(contract, party_pk, user)
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member_leaves(
                actor=user,
                contract=contract,
                party=party,
                leaves_on=form.cleaned_data["leaves_on"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except ContractRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                f"{party.person.display_name} leaves {contract.reference}; the shares are "
                "worked out again.",
            )
            return redirect("commissioning:contract_detail", support_contract_pk=contract.pk)
    return _change_page(
        request,
        contract,
        form,
        title=f"{party.person.display_name} leaves {contract.reference}",
        button="Record that they leave",
        party=party,
        hint="The others' shares are worked out again by the contract's rule "
        f"({contract.get_split_rule_display().lower()}) from that day.",
    )


# --- The person ----------------------------------------------------------------------------


def contract_agree(request: AuthenticatedRequest, support_contract_pk: int) -> HttpResponse:
    user = request.user
    contract = get_contract_for_user(user, support_contract_pk)
    party = party_for_person_user(user, contract)
    if party is None:
        raise NoAccess(
            subject_type="commissioning.contract",
            subject_id=contract.pk,
            reason="Only the person in the contract agrees to it here",
        )
    form = OwnAgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record_person_agreement(
                actor=user,
                party=party,
                decided_by="person",
                comment=form.cleaned_data["comment"],
                request=request,
            )
        except (ValidationError, ContractRefused) as error:
            form.add_error(
                None, error.messages if isinstance(error, ValidationError) else str(error)
            )
        else:
            messages.success(request, "Thank you. You said yes to your contract.")
            return redirect("commissioning:contract_easy_read", support_contract_pk=contract.pk)
    elif request.method != "POST":
        _record_read(request, contract, f"Agree to contract {contract.reference}")
    return render(
        request,
        "commissioning/contracts/agree.html",
        {
            "contract": contract,
            "party": party,
            "ideas": easy_ideas(contract, party),
            "form": form,
            "already": party.agreed_at is not None,
        },
    )


# --- The supplier's portal -----------------------------------------------------------------


@require_GET
def contract_portal_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if user.role != Role.SUPPLIER:
        raise _no("supplier portal", user)
    return render(
        request,
        "commissioning/contracts/portal_list.html",
        {"contracts": list(contracts_visible_to(user)[:PAGE_SIZE])},
    )


def contract_portal_detail(request: AuthenticatedRequest, support_contract_pk: int) -> HttpResponse:
    user = request.user
    if user.role != Role.SUPPLIER:
        raise _no("supplier portal", user)
    contract = get_contract_for_user(user, support_contract_pk)
    if request.method == "POST":
        if not may_accept_for_supplier(user, contract):
            raise _no("accepting this contract", user)
        try:
            accept_for_supplier(actor=user, contract=contract, request=request)
        except ContractRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, f"You accepted {contract.reference}.")
        return redirect("commissioning:contract_portal_detail", support_contract_pk=contract.pk)
    _record_read(request, contract, f"Contract {contract.reference} in the supplier portal")
    return render(
        request,
        "commissioning/contracts/portal_detail.html",
        {"contract": contract, "rows": party_rows(contract, user)},
    )
