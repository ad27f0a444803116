"""The negotiation pages: the staff's threads with counter-offers, the supplier's own thread in
its portal, every offer in easy read for the person, and comparing and choosing. Thin: access
through commissioning/access.py, writes through the services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.audit.services import record_view
from directsupport.lib.denials import NoAccess
from directsupport.lib.forms import add_service_errors
from directsupport.people.models import Person

from ..access import (
    COMMISSIONING_READERS,
    can_commission,
    get_request_for_user,
    may_make_offer,
    offers_visible_to,
)
from ..models import OfferChoice, QuoteRequest, RequestStatus
from ..requests.display import what_suppliers_see
from .choice import DEFAULT_WEIGHTS, choosable_offers, choose_offer, suggest_scores
from .forms import ChoiceForm, OfferForm, service_field
from .services import audit_person, counter_offer, make_offer, withdraw_offer
from .threads import fair_figures, threads_for


def _refused(user: User, rfq_pk: int, what: str) -> NoAccess:
    return NoAccess(
        subject_type="commissioning.quoterequest",
        subject_id=rfq_pk,
        reason=f"No {what} for a {user.get_role_display().lower()}",
    )


def _audit_read(request: HttpRequest, rfq: QuoteRequest, what: str) -> None:
    person_id = audit_person(rfq)
    if person_id is not None:
        record_view(request, person_id=person_id, subject=rfq, summary=what)


def offer_thread(request: AuthenticatedRequest, rfq_pk: int) -> HttpResponse:
    """Staff: one thread per supplier, every figure with its fair-cost flag; market shapers and
    managers counter the latest supplier offer (or withdraw their own counter-offer)."""
    user = request.user
    if user.role not in COMMISSIONING_READERS:
        raise _refused(user, rfq_pk, "offers")
    rfq = get_request_for_user(user, rfq_pk, write=request.method == "POST")
    fair = fair_figures(rfq)
    suppliers = [invited.supplier for invited in rfq.invited.select_related("supplier")]
    threads = threads_for(rfq, offers_visible_to(user, rfq), suppliers=suppliers, fair=fair)
    form, countering = None, None
    if request.method == "POST":
        offers = {
            thread.open_offer.pk: thread.open_offer for thread in threads if thread.open_offer
        }
        try:
            target = offers.get(int(request.POST.get("offer", "0")))
        except ValueError:
            target = None
        if target is None:
            messages.error(request, "That offer is no longer open: the page shows the latest.")
            return redirect("commissioning:offer_thread", rfq.pk)
        if request.POST.get("action") == "withdraw":
            try:
                withdraw_offer(actor=user, offer=target, request=request)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "The counter-offer has been withdrawn.")
            return redirect("commissioning:offer_thread", rfq.pk)
        form, countering = OfferForm(request.POST, prefix=f"s{target.supplier_id}"), target
        if form.is_valid():
            try:
                counter_offer(actor=user, offer=target, request=request, **form.terms())
            except ValidationError as error:
                add_service_errors(form, error, field_for=service_field)
            else:
                messages.success(request, f"The counter-offer has been sent to {target.supplier}.")
                return redirect("commissioning:offer_thread", rfq.pk)
    _audit_read(request, rfq, f"Read the offers on {rfq.reference}")
    counter_forms = {}
    if can_commission(user) and rfq.status == RequestStatus.SENT:
        for thread in threads:
            offer = thread.open_supplier_offer
            if offer is None:
                continue
            counter_forms[thread.supplier.pk] = (
                form
                if countering is not None and countering.pk == offer.pk
                else OfferForm(
                    initial=OfferForm.initial_from(offer), prefix=f"s{offer.supplier_id}"
                )
            )
    return render(
        request,
        "commissioning/offers/thread.html",
        {
            "rfq": rfq,
            "threads": [(thread, counter_forms.get(thread.supplier.pk)) for thread in threads],
            "fair": fair,
            "form": form,
            "can_commission": can_commission(user),
            "choice": OfferChoice.objects.filter(request=rfq).select_related("offer").first(),
        },
    )


def offer_new_for_supplier(request: AuthenticatedRequest, rfq_pk: int) -> HttpResponse:
    """The supplier's portal: the request as they may read it and their own thread only; make
    an offer, reply to a counter-offer, or withdraw their open offer."""
    user = request.user
    if user.role != Role.SUPPLIER:
        raise _refused(user, rfq_pk, "supplier's offer page")
    rfq = get_request_for_user(user, rfq_pk)
    own_suppliers = [
        invited.supplier
        for invited in rfq.invited.select_related("supplier").filter(
            supplier__organisation_id=user.organisation_id
        )
    ]
    threads = threads_for(
        rfq, offers_visible_to(user, rfq), suppliers=own_suppliers, fair=fair_figures(rfq)
    )
    thread = threads[0]
    counter = thread.open_counter_offer
    may_offer = may_make_offer(user, rfq)
    form = OfferForm(
        request.POST or None,
        initial=OfferForm.initial_from(counter) if counter else {"starts_on": rfq.starts_on},
    )
    if request.method == "POST":
        if not may_offer:
            messages.error(request, "This request takes no more offers.")
            return redirect("commissioning:offer_new_for_supplier", rfq.pk)
        if request.POST.get("action") == "withdraw":
            mine = thread.open_supplier_offer
            if mine is not None:
                try:
                    withdraw_offer(actor=user, offer=mine, request=request)
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(request, "Your offer has been withdrawn.")
            return redirect("commissioning:offer_new_for_supplier", rfq.pk)
        if form.is_valid():
            try:
                make_offer(actor=user, rfq=rfq, replies_to=counter, request=request, **form.terms())
            except ValidationError as error:
                add_service_errors(form, error, field_for=service_field)
            else:
                messages.success(request, "Your offer has been sent.")
                return redirect("commissioning:offer_new_for_supplier", rfq.pk)
    # What the fair-cost flag says is for the provider's staff; suppliers see only figures.
    for row in thread.rows:
        row.flag, row.flag_reason = None, ""
    return render(
        request,
        "commissioning/offers/supplier.html",
        {
            "rfq": rfq,
            "shown": what_suppliers_see(rfq),
            "thread": thread,
            "counter": counter,
            "form": form if may_offer else None,
            "open_offer": thread.open_supplier_offer,
        },
    )


def offer_easy_read(request: AuthenticatedRequest, rfq_pk: int) -> HttpResponse:
    """Every offer's figures, in easy read, for the person and circle members who may see (and
    staff, to read it with them). Never for suppliers: it shows every supplier's offer."""
    user = request.user
    if user.role == Role.SUPPLIER:
        raise _refused(user, rfq_pk, "easy-read offers")
    rfq = get_request_for_user(user, rfq_pk)
    _audit_read(request, rfq, f"Read the offers on {rfq.reference} in easy read")
    suppliers = [invited.supplier for invited in rfq.invited.select_related("supplier")]
    threads = threads_for(
        rfq, offers_visible_to(user, rfq), suppliers=suppliers, fair=fair_figures(rfq)
    )
    person_ids = {rn.need.person_id for rn in rfq.needs.select_related("need")}
    own = user.role == Role.PERSON and Person.objects.filter(pk__in=person_ids, user=user).exists()
    return render(
        request,
        "commissioning/offers/easy_read.html",
        {
            "rfq": rfq,
            "threads": [thread for thread in threads if thread.rows],
            "own": own,
            "choice": OfferChoice.objects.filter(request=rfq).select_related("offer").first(),
        },
    )


def offer_choose(request: AuthenticatedRequest, rfq_pk: int) -> HttpResponse:
    """Compare the open offers side by side on quality, fit and price with recorded weights,
    and record the person's choice. Readers see the comparison; market shapers and managers
    record the choice."""
    user = request.user
    if user.role not in COMMISSIONING_READERS:
        raise _refused(user, rfq_pk, "choosing an offer")
    rfq = get_request_for_user(user, rfq_pk, write=request.method == "POST")
    offers = choosable_offers(rfq)
    suggestions = suggest_scores(rfq, offers)
    first = rfq.needs.select_related("need__person").first()
    person = first.need.person if first is not None and rfq.pool_id is None else None
    form = ChoiceForm(
        request.POST or None,
        offers=offers,
        suggested={s.offer.pk: s.scores for s in suggestions},
        person=person,
        initial={f"weight_{aspect}": weight for aspect, weight in DEFAULT_WEIGHTS.items()},
    )
    if request.method == "POST" and form.is_valid():
        chosen = next(o for o in offers if o.pk == form.cleaned_data["offer"])
        try:
            choose_offer(
                actor=user,
                rfq=rfq,
                offer=chosen,
                weights=form.weights(),
                scores=form.scores(),
                reason=form.cleaned_data["reason"],
                decided_by=form.cleaned_data["decided_by"],
                representative_name=form.cleaned_data["representative_name"],
                representative_reason=form.cleaned_data["representative_reason"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error, field_for=service_field)
        else:
            messages.success(request, f"{chosen.supplier}'s offer has been chosen.")
            return redirect("commissioning:offer_thread", rfq.pk)
    _audit_read(request, rfq, f"Compared the offers on {rfq.reference}")
    rows = [
        {
            "suggestion": suggestion,
            "fields": [
                (aspect, form[ChoiceForm.score_name(suggestion.offer.pk, aspect)])
                for aspect in ("quality", "fit", "price")
            ],
        }
        for suggestion in suggestions
    ]
    return render(
        request,
        "commissioning/offers/choose.html",
        {
            "rfq": rfq,
            "form": form,
            "rows": rows,
            "may_choose": can_commission(user) and rfq.status == RequestStatus.SENT and offers,
            "choice": OfferChoice.objects.filter(request=rfq).select_related("offer").first(),
            "person": person,
        },
    )
