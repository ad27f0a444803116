"""A person's ISF agreement: the version in force (or the latest) in plain words with its
history and reviews, one version with what changed, drafting a version (or changing the open
draft), the person's answer, the council's decision, and recording a review.

Who may do what is funds/access.py: anyone who may see the fund reads; finance and managers
draft; the person (easy read) or provider staff (a form) answer; the funding council's
commissioners decide; finance, managers and coordinators record reviews.

Drafts may be changed until the person answers. Each form carries a stamp of the terms it
showed: a save or an answer against terms that changed meanwhile gets a conflict page and
changes nothing (services.py).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.audit.services import record_view
from directsupport.lib.forms import add_service_errors

from ..access import (
    can_decide_agreement,
    can_draft_agreements,
    can_record_agreement,
    can_record_review,
    get_fund_for_answering,
    get_fund_for_deciding,
    get_fund_for_drafting,
    get_fund_for_reviewing,
    get_fund_for_user,
)
from ..models import AgreedBy, Agreement, AgreementReview, AgreementStatus, FeeKind, Fund
from .forms import (
    TERM_TO_FIELD,
    DecisionForm,
    DraftForm,
    PersonAnswerForm,
    ReviewForm,
    StaffAnswerForm,
)
from .reviews import next_review_due, record_review
from .services import (
    AgreementRefused,
    EditConflict,
    agreement_in_force,
    change_draft,
    decide_agreement,
    draft_agreement,
    open_version_of,
    record_answer,
    terms_stamp,
    versions_of,
)
from .terms import (
    banking_words,
    changes_between,
    fee_a_year_pence,
    fee_words,
    percent_text,
    review_words,
)

VERSION_CHANGED = (
    "This agreement was changed after you opened it. Nothing has been saved: read it again."
)


def _versions(fund: Fund) -> list[Agreement]:
    return versions_of(fund)


def _find(versions: list[Agreement], number: int) -> Agreement:
    for version in versions:
        if version.version == number:
            return version
    raise Http404("No such version of this agreement")


def _previous(versions: list[Agreement], agreement: Agreement) -> Agreement | None:
    earlier = [v for v in versions if v.version < agreement.version]
    return earlier[0] if earlier else None


def _terms_context(agreement: Agreement) -> dict[str, Any]:
    return {
        "fee": fee_words(agreement),
        "fee_a_year": fee_a_year_pence(agreement),
        "fee_percent": percent_text(agreement.fee_basis_points),
        "fee_is_percent": agreement.fee_kind == FeeKind.PERCENT,
        "banking": banking_words(agreement),
        "review_rule": review_words(agreement),
    }


def _page_context(user: User, fund: Fund, versions: list[Agreement]) -> dict[str, Any]:
    return {
        "person": fund.person,
        "fund": fund,
        "versions": versions,
        "open_version": next((v for v in versions if v.status in _OPEN), None),
        "can_draft": can_draft_agreements(user, fund),
        "can_answer": can_record_agreement(user, fund),
        "can_decide": can_decide_agreement(user, fund),
        "can_review": can_record_review(user, fund),
    }


_OPEN = (AgreementStatus.DRAFT, AgreementStatus.AGREED)


def _history(versions: list[Agreement]) -> list[dict[str, Any]]:
    """Every version with what changed from the one before it."""
    rows = []
    for version in versions:
        previous = _previous(versions, version)
        changes = changes_between(previous, version) if previous else []
        rows.append({"version": version, "changes": changes})
    return rows


def agreement(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    fund = get_fund_for_user(user, pk)
    versions = _versions(fund)
    today = timezone.localdate()
    in_force = agreement_in_force(fund, today)
    shown = in_force or (versions[0] if versions else None)
    reviews = list(AgreementReview.objects.filter(fund=fund).select_related("recorded_by"))
    record_view(request, person_id=pk, subject=fund, summary="ISF agreement")
    context = {
        **_page_context(user, fund, versions),
        "agreement": shown,
        # A superseded version is still in force until the version approved after it starts.
        "in_force": in_force is not None,
        "reviews": reviews,
        "next_review": next_review_due(shown, reviews) if shown else None,
        "today": today,
        "rows": [
            {
                "version": v,
                "changes": changes_between(p, v) if (p := _previous(versions, v)) else [],
            }
            for v in versions
        ],
    }
    if shown is not None:
        context.update(_terms_context(shown))
    return render(request, "funds/agreements/agreement.html", context)


def agreement_version(request: AuthenticatedRequest, pk: int, version: int) -> HttpResponse:
    user = request.user
    fund = get_fund_for_user(user, pk)
    versions = _versions(fund)
    shown = _find(versions, version)
    previous = _previous(versions, shown)
    record_view(request, person_id=pk, subject=shown, summary=f"ISF agreement version {version}")
    return render(
        request,
        "funds/agreements/version.html",
        {
            **_page_context(user, fund, versions),
            **_terms_context(shown),
            "agreement": shown,
            "previous": previous,
            "changes": changes_between(previous, shown) if previous else [],
        },
    )


# --- Drafting ---------------------------------------------------------------------------------


def agreement_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Draft the next version, or change the open draft the person has not answered yet."""
    user = request.user
    fund = get_fund_for_drafting(user, pk)
    versions = _versions(fund)
    open_version = open_version_of(fund)
    if open_version is not None and open_version.status != AgreementStatus.DRAFT:
        return _draft_page(request, fund, versions, None, open_version, status=409)
    draft = _find(versions, open_version.version) if open_version else None
    last = versions[0] if versions else None
    first_version = (draft or last) is None or (draft is not None and draft.version == 1)
    if request.method != "POST":
        initial = DraftForm.initial_from(draft or last, stamp=terms_stamp(draft) if draft else "")
        if draft is not None:
            initial["change_summary"] = draft.change_summary
        form = DraftForm(initial=initial, first_version=first_version)
        return _draft_page(request, fund, versions, form, draft)
    form = DraftForm(request.POST, first_version=first_version)
    if not form.is_valid():
        return _draft_page(request, fund, versions, form, draft)
    try:
        if draft is not None:
            saved = change_draft(
                agreement=draft,
                terms=form.terms(),
                change_summary=form.cleaned_data["change_summary"],
                expected_stamp=form.cleaned_data["stamp"],
                actor=user,
                request=request,
            )
        else:
            saved = draft_agreement(
                fund=fund,
                terms=form.terms(),
                change_summary=form.cleaned_data["change_summary"],
                actor=user,
                request=request,
            )
    except ValidationError as error:
        add_service_errors(form, error, field_for=_agreement_field)
        return _draft_page(request, fund, versions, form, draft)
    except EditConflict as conflict:
        return _conflict_page(request, fund, form, conflict.saved)
    except AgreementRefused as refused:
        return _draft_page(request, fund, versions, form, draft, status=409, refusal=str(refused))
    verb = "changed" if draft is not None else "drafted"
    messages.success(request, f"Version {saved.version} is {verb}. It waits for the answer.")
    return redirect("funds:agreement_version", pk=pk, version=saved.version)


def _draft_page(
    request: HttpRequest,
    fund: Fund,
    versions: list[Agreement],
    form: DraftForm | None,
    draft: Agreement | None,
    *,
    status: int = 200,
    refusal: str = "",
) -> HttpResponse:
    return render(
        request,
        "funds/agreements/draft.html",
        {
            "person": fund.person,
            "fund": fund,
            "form": form,
            "draft": draft,
            "last": versions[0] if versions else None,
            "refusal": refusal,
        },
        status=status,
    )


def _conflict_page(
    request: HttpRequest, fund: Fund, form: DraftForm, saved: Agreement
) -> HttpResponse:
    saved.fund = fund
    return render(
        request,
        "funds/agreements/conflict.html",
        {
            "person": fund.person,
            "fund": fund,
            "form": form,
            "saved": saved,
            **_terms_context(saved),
        },
        status=409,
    )


def _agreement_field(term: str) -> str:
    """The form field a term of the agreement is typed in."""
    return TERM_TO_FIELD.get(term, term)


# --- Answering --------------------------------------------------------------------------------


def agreement_answer(request: AuthenticatedRequest, pk: int, version: int) -> HttpResponse:
    user = request.user
    fund = get_fund_for_answering(user, pk)
    versions = _versions(fund)
    shown = _find(versions, version)
    person = fund.person
    by_the_person = person.user_id == user.pk
    form: PersonAnswerForm | StaffAnswerForm
    if by_the_person:
        form = PersonAnswerForm(request.POST or None)
    else:
        form = StaffAnswerForm(request.POST or None, person=person)
    if request.method != "POST":
        record_view(
            request, person_id=pk, subject=shown, summary=f"Answer ISF agreement version {version}"
        )
        form.initial["stamp"] = terms_stamp(shown)
        return _answer_page(request, fund, shown, form, by_the_person)
    if shown.status != AgreementStatus.DRAFT:
        return _answer_page(request, fund, shown, form, by_the_person, status=409)
    if not form.is_valid():
        return _answer_page(request, fund, shown, form, by_the_person)
    answer: dict[str, Any]
    if isinstance(form, PersonAnswerForm):
        answer = {"agrees": form.says_yes, "agreed_by": AgreedBy.PERSON}
    else:
        answer = {
            "agrees": form.cleaned_data["answer"] == "yes",
            "agreed_by": form.cleaned_data["agreed_by"],
            "representative_name": form.cleaned_data["representative_name"],
            "representative_reason": form.cleaned_data["representative_reason"],
        }
    try:
        record_answer(
            agreement=shown,
            actor=user,
            comment=form.cleaned_data["comment"],
            expected_stamp=form.cleaned_data["stamp"] or None,
            request=request,
            **answer,
        )
    except ValidationError as error:
        if isinstance(form, StaffAnswerForm):
            add_service_errors(form, error, field_for=_agreement_field)
        else:
            form.add_error(None, error.messages[0])
        return _answer_page(request, fund, shown, form, by_the_person)
    except (EditConflict, AgreementRefused):
        fresh = _find(_versions(fund), version)
        return _answer_page(
            request, fund, fresh, form, by_the_person, status=409, refusal=VERSION_CHANGED
        )
    if by_the_person:
        messages.success(
            request,
            "Thank you. You said yes."
            if answer["agrees"]
            else "Thank you. You asked for changes. We will talk with you about them.",
        )
    else:
        messages.success(request, f"Recorded the answer to version {version}.")
    return redirect("funds:agreement_version", pk=pk, version=version)


def _answer_page(
    request: HttpRequest,
    fund: Fund,
    shown: Agreement,
    form: PersonAnswerForm | StaffAnswerForm,
    by_the_person: bool,
    *,
    status: int = 200,
    refusal: str = "",
) -> HttpResponse:
    template = (
        "funds/agreements/answer_person.html"
        if by_the_person
        else "funds/agreements/answer_staff.html"
    )
    return render(
        request,
        template,
        {
            "person": fund.person,
            "fund": fund,
            "agreement": shown,
            "form": form,
            "stamp": terms_stamp(shown),
            "waiting": shown.status == AgreementStatus.DRAFT,
            "refusal": refusal,
            **_terms_context(shown),
        },
        status=status,
    )


# --- The council's decision -------------------------------------------------------------------


def agreement_decide(request: AuthenticatedRequest, pk: int, version: int) -> HttpResponse:
    user = request.user
    fund = get_fund_for_deciding(user, pk)
    versions = _versions(fund)
    shown = _find(versions, version)
    previous = _previous(versions, shown)
    form = DecisionForm(request.POST or None)
    refusal = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            decide_agreement(
                agreement=shown,
                approve=form.approves,
                note=form.cleaned_data["note"],
                actor=user,
                request=request,
            )
        except ValidationError as error:
            for problem in error.messages:
                form.add_error("note", problem)
        except (AgreementRefused, EditConflict) as refused:
            refusal, status = str(refused), 409
            shown = _find(_versions(fund), version)
        else:
            verb = "approved: it is now in force" if form.approves else "returned"
            messages.success(request, f"Version {version} is {verb}.")
            return redirect("funds:agreement_version", pk=pk, version=version)
    elif request.method != "POST":
        record_view(
            request, person_id=pk, subject=shown, summary=f"Decide ISF agreement version {version}"
        )
    return render(
        request,
        "funds/agreements/decide.html",
        {
            "person": fund.person,
            "fund": fund,
            "agreement": shown,
            "previous": previous,
            "changes": changes_between(previous, shown) if previous else [],
            "form": form,
            "waiting": shown.status == AgreementStatus.AGREED,
            "refusal": refusal,
            **_terms_context(shown),
        },
        status=status,
    )


# --- Reviews ----------------------------------------------------------------------------------


def review_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    fund = get_fund_for_reviewing(user, pk)
    form = ReviewForm(request.POST or None, fund=fund)
    if request.method == "POST" and form.is_valid():
        try:
            review = record_review(
                fund=fund,
                held_on=form.cleaned_data["held_on"],
                summary=form.cleaned_data["summary"],
                actor=user,
                request=request,
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(request, f"The review held on {review.held_on:%-d %B %Y} is saved.")
            return redirect("funds:agreement", pk=pk)
    return render(
        request, "funds/agreements/review_form.html", {"person": fund.person, "form": form}
    )
