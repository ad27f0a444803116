"""Requests for quote: the provider's pages (the list, drawing one up from a person's need, the
request with what suppliers see, asking suppliers, sending, withdrawing) and the supplier
portal's (the requests sent to them, each as suppliers see it, and declining one)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, Exists, IntegerField, OuterRef, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.services import record_view
from directsupport.lib.denials import NoAccess, ReadOnly
from directsupport.lib.forms import add_service_errors
from directsupport.market.access import get_need_for_user
from directsupport.market.matching.for_need import ranking_for
from directsupport.market.models import LOOKING_FOR_SUPPORT, Supplier, SupportNeed
from directsupport.people.access import people_visible_to

from ..access import (
    can_commission,
    check_may_read_commissioning,
    get_request_for_user,
    may_make_offer,
    offers_visible_to,
    requests_visible_to,
)
from ..models import Offer, QuoteRequest, RequestStatus, RequestSupplier
from .display import naming_words, what_suppliers_see
from .forms import InviteForm, ReasonForm, RequestFilterForm, RequestForm
from .services import (
    NeedNaming,
    create_request,
    decline_request,
    invite_suppliers,
    request_from_need,
    send_request,
    withdraw_request,
)

REPLY_DAYS = 7
NEEDS_SHOWN = 20
# A need with a request still being drawn up or answered is not offered for another one.
STILL_ASKING = (RequestStatus.DRAFT, RequestStatus.SENT)
START_AFTER_DAYS = 28


def _url_if_built(name: str, *args: Any) -> str:
    """A page another part of commissioning builds (the offers), linked only once it exists."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _audit_read(request: HttpRequest, rfq: QuoteRequest, summary: str) -> None:
    for person_id in {rn.need.person_id for rn in rfq.needs.select_related("need")}:
        record_view(request, person_id=person_id, subject=rfq, summary=summary)


# --- The provider's pages ------------------------------------------------------------------


def request_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_read_commissioning(user, what="requests for quote")
    form = RequestFilterForm(request.GET)
    rfqs = requests_visible_to(user).prefetch_related("invited")
    if form.is_valid() and form.cleaned_data.get("status"):
        rfqs = rfqs.filter(status=form.cleaned_data["status"])
    needs = (
        SupportNeed.objects.filter(LOOKING_FOR_SUPPORT, person__in=people_visible_to(user))
        .exclude(quote_requests__request__status__in=STILL_ASKING)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "id")[:NEEDS_SHOWN]
        if can_commission(user)
        else []
    )
    return render(
        request,
        "commissioning/requests/list.html",
        {"form": form, "rfqs": rfqs, "can_commission": can_commission(user), "needs": needs},
    )


def _directory(organisation_id: int, ranks: dict[int, int]) -> QuerySet[Supplier]:
    """The provider's directory, the suppliers the ranking put first at the top in its order."""
    suppliers = Supplier.objects.filter(directory_owner_id=organisation_id).select_related(
        "organisation", "base_district"
    )
    if not ranks:
        # A Case with no When is its default alone, and PostgreSQL reads "ORDER BY 10000" as
        # the 10,000th column.
        return suppliers.order_by("organisation__name")
    order = Case(
        *[When(pk=pk, then=Value(rank)) for pk, rank in ranks.items()],
        default=Value(10_000),
        output_field=IntegerField(),
    )
    return suppliers.order_by(order, "organisation__name")


def _supplier_ranks(need: SupportNeed) -> dict[int, int]:
    ranking, _left = ranking_for(need, timezone.localdate(), say_money_left=False)
    ranks: dict[int, int] = {}
    for number, candidate in enumerate(ranking.candidates, start=1):
        ranks.setdefault(candidate.service.supplier_id, number)
    return ranks


def request_new(request: AuthenticatedRequest, pk: int, need_pk: int) -> HttpResponse:
    """A new request for quote for one person's need: prefilled from the need, the suppliers
    the market ranks for it offered first, and a preview of exactly what suppliers will read."""
    user = request.user
    check_may_read_commissioning(user, what="requests for quote")
    need = get_need_for_user(user, pk, need_pk)
    if not can_commission(user):
        raise ReadOnly(
            subject_type="market.supportneed",
            subject_id=need.pk,
            person_id=need.person_id,
            reason="Read-only access: tried to draw up a request for quote",
        )
    person = need.person
    ranks = _supplier_ranks(need)
    suppliers = _directory(person.organisation_id, ranks)
    today = timezone.localdate()
    initial = request_from_need(need) | {
        "respond_by": today + dt.timedelta(days=REPLY_DAYS),
        "starts_on": today + dt.timedelta(days=START_AFTER_DAYS),
        "suppliers": [pk for pk in ranks][:3],
    }
    initial["term"] = need.term_id
    initial["district"] = need.district_id
    data = request.POST if request.method == "POST" else None
    form = RequestForm(data, initial=initial, suppliers=suppliers, ranks=ranks)
    preview_values = {key: value for key, value in initial.items() if key != "suppliers"}
    preview_values |= {"term": need.term, "district": need.district}
    naming = NeedNaming(need=need)
    if request.method != "POST":
        record_view(request, person_id=person.pk, subject=need, summary="Drawing up a request")
    elif form.is_valid():
        preview_values = form.request_fields()
        naming = NeedNaming(
            need=need,
            name_shown=form.cleaned_data["name_shown"],
            alias=form.cleaned_data.get("alias", ""),
            full_name_agreed_by=form.cleaned_data.get("full_name_agreed_by", ""),
        )
        if request.POST.get("action") != "preview":
            try:
                rfq = create_request(
                    actor=user,
                    needs=[naming],
                    suppliers=form.cleaned_data.get("suppliers") or [],
                    request=request,
                    **preview_values,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Saved {rfq.reference} as a draft. Check what suppliers will see, then send "
                    "it.",
                )
                return redirect("commissioning:request_detail", rfq.pk)
    preview = what_suppliers_see(
        QuoteRequest(
            reference="(new)",
            people_count=1,
            **{key: value for key, value in preview_values.items() if value is not None},
        ),
        needs=[naming],
    )
    return render(
        request,
        "commissioning/requests/new.html",
        {
            "form": form,
            "person": person,
            "need": need,
            "preview": preview,
            "naming": naming_words(
                naming.name_shown, full_name_agreed_by=naming.full_name_agreed_by
            ),
            "ranked_count": len(ranks),
        },
    )


def _detail_context(
    request: AuthenticatedRequest, rfq: QuoteRequest, **forms_shown: Any
) -> dict[str, Any]:
    user = request.user
    may_change = can_commission(user) and rfq.organisation_id == user.organisation_id
    open_for_suppliers = rfq.status in (RequestStatus.DRAFT, RequestStatus.SENT)
    not_asked = Supplier.objects.filter(directory_owner_id=rfq.organisation_id).exclude(
        pk__in=rfq.invited.values("supplier_id")
    )
    invite_form = forms_shown.get("invite_form") or InviteForm(
        suppliers=not_asked.select_related("organisation", "base_district")
    )
    return {
        "rfq": rfq,
        "view": what_suppliers_see(rfq),
        "namings": [
            {
                "need": rn.need,
                "person": rn.need.person,
                "naming": naming_words(rn.name_shown, full_name_agreed_by=rn.full_name_agreed_by),
            }
            for rn in rfq.needs.select_related("need__person")
        ],
        "invitations": rfq.invited.select_related(
            "supplier__organisation", "supplier__base_district"
        ),
        "offer_count": rfq.offers.count(),
        "offers_url": _url_if_built("commissioning:offer_thread", rfq.pk),
        "may_change": may_change,
        "may_send": may_change and rfq.status == RequestStatus.DRAFT,
        "may_withdraw": may_change and open_for_suppliers,
        "may_invite": may_change and open_for_suppliers and not_asked.exists(),
        "invite_form": invite_form,
    }


def request_detail(request: AuthenticatedRequest, rfq_pk: int) -> HttpResponse:
    user = request.user
    check_may_read_commissioning(user, what="requests for quote")
    rfq = get_request_for_user(user, rfq_pk)
    _audit_read(request, rfq, f"Looked at request for quote {rfq.reference}")
    return render(request, "commissioning/requests/detail.html", _detail_context(request, rfq))


@require_POST
def request_invite(request: AuthenticatedRequest, rfq_pk: int) -> HttpResponse:
    user = request.user
    check_may_read_commissioning(user, what="requests for quote")
    rfq = get_request_for_user(user, rfq_pk, write=True)
    not_asked = Supplier.objects.filter(directory_owner_id=rfq.organisation_id).exclude(
        pk__in=rfq.invited.values("supplier_id")
    )
    form = InviteForm(request.POST, suppliers=not_asked.select_related("organisation"))
    if form.is_valid():
        try:
            added = invite_suppliers(
                actor=user, rfq=rfq, suppliers=form.cleaned_data["suppliers"], request=request
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Added {len(added)} supplier(s) to {rfq.reference}.")
            return redirect("commissioning:request_detail", rfq.pk)
    context = _detail_context(request, rfq, invite_form=form)
    context["form"] = form
    return render(request, "commissioning/requests/detail.html", context)


def request_send(request: AuthenticatedRequest, rfq_pk: int) -> HttpResponse:
    """Confirm, then send a draft to the suppliers chosen."""
    user = request.user
    check_may_read_commissioning(user, what="requests for quote")
    rfq = get_request_for_user(user, rfq_pk, write=True)
    form = forms.Form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            send_request(actor=user, rfq=rfq, request=request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Sent {rfq.reference}. The suppliers see it in their portal now."
            )
            return redirect("commissioning:request_detail", rfq.pk)
    context = _detail_context(request, rfq)
    context["form"] = form
    return render(request, "commissioning/requests/send.html", context)


def request_withdraw(request: AuthenticatedRequest, rfq_pk: int) -> HttpResponse:
    """Confirm with a reason, then withdraw: suppliers see it closed, with the reason."""
    user = request.user
    check_may_read_commissioning(user, what="requests for quote")
    rfq = get_request_for_user(user, rfq_pk, write=True)
    form = ReasonForm(
        request.POST if request.method == "POST" else None, label="Why is it withdrawn"
    )
    if request.method == "POST" and form.is_valid():
        try:
            withdraw_request(
                actor=user, rfq=rfq, reason=form.cleaned_data["reason"], request=request
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Withdrew {rfq.reference}.")
            return redirect("commissioning:request_detail", rfq.pk)
    context = _detail_context(request, rfq)
    context["form"] = form
    return render(request, "commissioning/requests/withdraw.html", context)


# --- The supplier portal -------------------------------------------------------------------


def _check_supplier(user: User) -> None:
    """The portal's pages are for supplier users; anyone else is told nothing is here."""
    if not (user.is_active and user.role == Role.SUPPLIER):
        raise NoAccess(
            subject_type="commissioning.quoterequest",
            subject_id="portal",
            reason="The supplier portal is for suppliers",
        )


PORTAL_SHOW = [
    ("", "All"),
    ("open", "Open for offers"),
    ("answered", "Answered"),
    ("withdrawn", "Withdrawn"),
    ("chosen", "Closed: an offer chosen"),
]


class PortalFilterForm(RequestFilterForm):
    status = forms.ChoiceField(label="Show", choices=PORTAL_SHOW, required=False)


def _portal_state(rfq: Any) -> str:
    """Where a request stands for this supplier: one of PORTAL_SHOW's keys."""
    if rfq.status == RequestStatus.WITHDRAWN:
        return "withdrawn"
    if rfq.status == RequestStatus.CHOSEN:
        return "chosen"
    if rfq.declined or rfq.offered:
        return "answered"
    return "open"


def request_portal_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    _check_supplier(user)
    form = PortalFilterForm(request.GET)
    show = form.cleaned_data.get("status") if form.is_valid() else ""
    mine = RequestSupplier.objects.filter(
        request=OuterRef("pk"), supplier__organisation_id=user.organisation_id
    )
    rfqs = requests_visible_to(user).annotate(
        declined=Exists(mine.filter(declined_at__isnull=False)),
        offered=Exists(
            Offer.objects.filter(
                request=OuterRef("pk"), supplier__organisation_id=user.organisation_id
            )
        ),
    )
    rows = [
        {"rfq": rfq, "state": _portal_state(rfq), "view": what_suppliers_see(rfq)} for rfq in rfqs
    ]
    if show:
        rows = [row for row in rows if row["state"] == show]
    return render(request, "commissioning/requests/portal_list.html", {"form": form, "rows": rows})


def _portal_context(
    request: AuthenticatedRequest, rfq: QuoteRequest, **extra: Any
) -> dict[str, Any]:
    user = request.user
    invitation = rfq.invited.filter(supplier__organisation_id=user.organisation_id).first()
    may_offer = may_make_offer(user, rfq) and not (invitation and invitation.declined_at)
    return {
        "rfq": rfq,
        "view": what_suppliers_see(rfq),
        "invitation": invitation,
        "own_offers": offers_visible_to(user, rfq),
        "offer_url": _url_if_built("commissioning:offer_new_for_supplier", rfq.pk)
        if may_offer
        else "",
        "may_decline": may_offer,
        "form": extra.get("form") or ReasonForm(label="Why you will not quote"),
    }


def request_portal_detail(request: AuthenticatedRequest, rfq_pk: int) -> HttpResponse:
    user = request.user
    _check_supplier(user)
    rfq = get_request_for_user(user, rfq_pk)
    _audit_read(request, rfq, f"Supplier read request for quote {rfq.reference}")
    return render(
        request, "commissioning/requests/portal_detail.html", _portal_context(request, rfq)
    )


@require_POST
def request_decline(request: AuthenticatedRequest, rfq_pk: int) -> HttpResponse:
    user = request.user
    _check_supplier(user)
    rfq = get_request_for_user(user, rfq_pk)
    form = ReasonForm(request.POST, label="Why you will not quote")
    if form.is_valid():
        try:
            decline_request(
                actor=user, rfq=rfq, reason=form.cleaned_data["reason"], request=request
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"You said you will not quote for {rfq.reference}.")
            return redirect("commissioning:request_portal_detail", rfq.pk)
    return render(
        request,
        "commissioning/requests/portal_detail.html",
        _portal_context(request, rfq, form=form),
    )
