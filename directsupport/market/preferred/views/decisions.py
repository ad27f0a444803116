"""Assessing an application against one criterion, recording the co-production panel's view,
and deciding. Each form carries the application's version: if someone else changed it meanwhile,
the page says what changed and keeps what was typed, ready to send again."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from directsupport.accounts.http import AuthenticatedRequest

from ...access import get_application_for_panel, get_application_for_user
from ...models import ApplicationStatus, PreferredApplication, PreferredCriterion
from ..forms import AssessForm, DecisionForm, PanelViewForm
from ..queries import missing_for_approval, steps_of
from ..services import (
    DECISION_STATUSES,
    STATUS_WORDS,
    ApplicationConflict,
    ApplicationRefused,
    assess,
    decide,
    decisions_from,
    move_label,
    record_panel_view,
)
from .common import add_refusal

FormT = TypeVar("FormT", bound=forms.Form)


def _criterion_or_404(application: PreferredApplication, criterion_pk: int) -> PreferredCriterion:
    """One of the criteria the application's provider assesses against now."""
    criterion = PreferredCriterion.objects.filter(
        pk=criterion_pk, provider_id=application.provider_id, active=True
    ).first()
    if criterion is None:
        raise Http404("No such criterion")
    return criterion


def _conflict_context(saved: PreferredApplication) -> dict[str, Any]:
    """What the user needs to see when the application moved on under them."""
    steps = steps_of(saved)
    return {
        "conflict": True,
        "saved_words": STATUS_WORDS[ApplicationStatus(saved.status)],
        "latest_step": steps[-1] if steps else None,
    }


def _resubmittable(
    form_class: type[FormT], request: HttpRequest, saved: PreferredApplication, **kwargs: Any
) -> FormT:
    """The user's form as typed, now carrying the saved version so it can be sent again."""
    data = request.POST.copy()
    data["version"] = str(saved.version)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


def _typed_decision(form: forms.Form, current: str) -> str:
    """The decision the user chose, in words, for the page that can no longer take it."""
    typed = form["status"].value()
    return move_label(current, typed).split(":")[0] if typed in DECISION_STATUSES else ""


def assess_criterion(
    request: AuthenticatedRequest, application_pk: int, criterion_pk: int
) -> HttpResponse:
    user = request.user
    application = get_application_for_user(user, application_pk, write=True)
    criterion = _criterion_or_404(application, criterion_pk)
    existing = application.assessments.filter(criterion=criterion).first()
    extra: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        form = AssessForm(request.POST)
        if form.is_valid():
            try:
                assess(
                    application=application,
                    criterion=criterion,
                    result=form.cleaned_data["result"],
                    evidence=form.cleaned_data["evidence"],
                    expected_version=form.cleaned_data["version"],
                    actor=user,
                    request=request,
                )
            except ApplicationConflict as conflict:
                form = _resubmittable(AssessForm, request, conflict.saved)
                extra, status = _conflict_context(conflict.saved), 409
                application = conflict.saved
            except ApplicationRefused as refused:
                add_refusal(form, refused)
            else:
                messages.success(request, f"The assessment against '{criterion.title}' is saved.")
                return redirect("market:preferred_application", application_pk=application.pk)
    else:
        initial: dict[str, Any] = {"version": application.version}
        if existing is not None:
            initial |= {"result": existing.result, "evidence": existing.evidence}
        form = AssessForm(initial=initial)
    return render(
        request,
        "market/preferred/assess.html",
        {"application": application, "criterion": criterion, "form": form, **extra},
        status=status,
    )


def panel_view(request: AuthenticatedRequest, application_pk: int) -> HttpResponse:
    user = request.user
    application = get_application_for_panel(user, application_pk)
    extra: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        form = PanelViewForm(request.POST)
        if form.is_valid():
            try:
                record_panel_view(
                    application=application,
                    view=form.cleaned_data["view"],
                    expected_version=form.cleaned_data["version"],
                    actor=user,
                    request=request,
                )
            except ApplicationConflict as conflict:
                form = _resubmittable(PanelViewForm, request, conflict.saved)
                extra, status = _conflict_context(conflict.saved), 409
                application = conflict.saved
            except ApplicationRefused as refused:
                add_refusal(form, refused)
            else:
                messages.success(request, "The co-production panel's view is recorded.")
                return redirect("market:preferred_application", application_pk=application.pk)
    else:
        form = PanelViewForm(
            initial={"version": application.version, "view": application.panel_view}
        )
    return render(
        request,
        "market/preferred/panel_view.html",
        {"application": application, "form": form, **extra},
        status=status,
    )


def decide_application(request: AuthenticatedRequest, application_pk: int) -> HttpResponse:
    user = request.user
    application = get_application_for_user(user, application_pk, write=True)
    extra: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        form = DecisionForm(request.POST, current=application.status)
        if form.is_valid():
            try:
                step = decide(
                    application=application,
                    status=form.cleaned_data["status"],
                    reason=form.cleaned_data["reason"],
                    expected_version=form.cleaned_data["version"],
                    actor=user,
                    request=request,
                )
            except ApplicationConflict as conflict:
                form = _resubmittable(
                    DecisionForm, request, conflict.saved, current=conflict.saved.status
                )
                extra, status = _conflict_context(conflict.saved), 409
                application = conflict.saved
            except ApplicationRefused as refused:
                add_refusal(form, refused)
            else:
                messages.success(
                    request,
                    f"{application.supplier.name}'s application is now "
                    f"{STATUS_WORDS[ApplicationStatus(step.to_status)]}.",
                )
                return redirect("market:preferred_application", application_pk=application.pk)
    else:
        form = DecisionForm(initial={"version": application.version}, current=application.status)
    missing = missing_for_approval(application)
    return render(
        request,
        "market/preferred/decide.html",
        {
            "application": application,
            "form": form,
            "open": bool(decisions_from(application.status)),
            "missing": missing,
            "approval_possible": ApplicationStatus.APPROVED
            in dict(decisions_from(application.status)),
            "form_hidden": not decisions_from(application.status),
            "typed_decision": _typed_decision(form, application.status),
            **extra,
        },
        status=status,
    )
