"""Applications to the preferred list: the list by status, one application with its statement,
assessments, panel view and history, the market shaper proposing a supplier, and a supplier
applying for its own entry from its portal."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from directsupport.accounts.http import AuthenticatedRequest

from ...access import (
    applications_visible_to,
    can_decide_applications,
    can_record_panel_view,
    can_see_assessment_detail,
    check_may_keep_preferred_list,
    check_may_see_applications,
    criteria_for_applicant,
    get_application_for_user,
    get_own_supplier_for_user,
    suppliers_visible_to,
)
from ...models import LIVE_STATUSES, ApplicationStatus, PreferredApplication
from ..forms import ApplyForm, ProposeForm
from ..queries import (
    assessment_rows,
    live_application_of,
    missing_for_approval,
    status_counts,
    steps_of,
)
from ..services import (
    ASSESSABLE,
    STATUS_WORDS,
    ApplicationRefused,
    apply_to_list,
    decisions_from,
    propose_supplier,
)
from .common import add_refusal


def applications(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_see_applications(user)
    visible = applications_visible_to(user)
    wanted = request.GET.get("status", "")
    chosen = wanted if wanted in ApplicationStatus.values else ""
    shown = visible.filter(status=chosen) if chosen else visible
    rows = list(shown.select_related("created_by").order_by("-created_at", "-id")[:200])
    return render(
        request,
        "market/preferred/applications.html",
        {
            "counts": status_counts(visible),
            "total": visible.count(),
            "chosen": chosen,
            "chosen_label": ApplicationStatus(chosen).label if chosen else "",
            "rows": rows,
            "several_providers": len({row.provider_id for row in rows}) > 1,
            "can_keep": can_decide_applications(user),
        },
    )


def application_detail(request: AuthenticatedRequest, application_pk: int) -> HttpResponse:
    user = request.user
    application = get_application_for_user(user, application_pk)
    may_decide = can_decide_applications(user) and application.provider_id == user.organisation_id
    missing = missing_for_approval(application)
    return render(
        request,
        "market/preferred/application.html",
        {
            "application": application,
            "rows": assessment_rows(application),
            "steps": steps_of(application),
            "missing": missing,
            "show_missing": application.status in ASSESSABLE and bool(missing),
            "show_detail": can_see_assessment_detail(user),
            "may_decide": may_decide and bool(decisions_from(application.status)),
            "may_assess": may_decide and application.status in ASSESSABLE,
            "may_record_panel_view": can_record_panel_view(user, application)
            and application.status in ASSESSABLE,
            "is_supplier": not can_see_assessment_detail(user),
        },
    )


def propose(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    check_may_keep_preferred_list(user)
    live = PreferredApplication.objects.filter(
        provider_id=user.organisation_id, status__in=sorted(LIVE_STATUSES)
    ).values("supplier_id")
    choosable = (
        suppliers_visible_to(user)
        .filter(directory_owner_id=user.organisation_id)
        .exclude(pk__in=live)
        .order_by("organisation__name")
    )
    form = ProposeForm(request.POST or None, suppliers=choosable)
    if request.method == "POST" and form.is_valid():
        try:
            application = propose_supplier(
                provider=user.organisation,
                supplier=form.cleaned_data["supplier"],
                why=form.cleaned_data["why"],
                actor=user,
                request=request,
            )
        except ApplicationRefused as refused:
            add_refusal(form, refused)
        else:
            messages.success(
                request,
                f"{application.supplier.name} has been proposed. They can now apply from their "
                "own page, or you can start assessing them.",
            )
            return redirect("market:preferred_application", application_pk=application.pk)
    return render(
        request,
        "market/preferred/propose.html",
        {"form": form, "has_choices": choosable.exists()},
    )


def apply(request: AuthenticatedRequest) -> HttpResponse:
    """The supplier's own page: its applications with their status and reasons, and the form to
    apply when it has none open (or has been proposed)."""
    user = request.user
    supplier = get_own_supplier_for_user(user)
    live = live_application_of(provider_id=supplier.directory_owner_id, supplier_id=supplier.pk)
    may_apply = live is None or live.status == ApplicationStatus.PROPOSED
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            apply_to_list(
                supplier=supplier,
                statement=form.cleaned_data["statement"],
                actor=user,
                request=request,
            )
        except ApplicationRefused as refused:
            add_refusal(form, refused)
        else:
            messages.success(
                request,
                "Your application has been sent. The market shaper will assess it against each "
                "criterion, and the co-production panel will give its view.",
            )
            return redirect("market:preferred_apply")
    own = list(
        applications_visible_to(user).filter(supplier=supplier).order_by("-created_at", "-id")
    )
    return render(
        request,
        "market/preferred/apply.html",
        {
            "supplier": supplier,
            "provider": supplier.directory_owner,
            "criteria": criteria_for_applicant(supplier),
            "live": live,
            "live_words": STATUS_WORDS[ApplicationStatus(live.status)] if live else "",
            "may_apply": may_apply,
            "form": form,
            "history": [(application, steps_of(application)) for application in own],
        },
    )
