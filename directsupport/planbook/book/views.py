"""The Plan Book of one person (``pk``): its versions, each version's web page and easy-read
page, and the coordinator's actions on a version (compile, change the introduction, share, back
to draft, publish, start the next version).

Agreeing is in ../agree/views.py, comparing two versions in ../compare/views.py. Pages read
only the version's snapshot (``content``); access decisions are all in planbook/access.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.accounts.models import User
from directsupport.audit.services import record_view
from directsupport.lib.transitions import IllegalTransition
from directsupport.people.access import can_see_circle
from directsupport.people.models import Person
from directsupport.people.photos import content_type_for, open_photo

from ..access import (
    can_agree_own_plan_book,
    can_manage_plan_book,
    can_record_agreement,
    get_plan_book_person_for_user,
    get_plan_book_version_for_user,
    plan_book_versions_visible_to,
)
from ..models import PlanBookStatus, PlanBookVersion
from .compile import is_kept_photo
from .forms import Difference, PlanBookTextForm, StatusForm, VersionStampForm
from .services import (
    EditConflict,
    PlanBookChangeRefused,
    PublishedVersionCannotChange,
    VersionAlreadyOpen,
    compile_draft,
    latest_change_request,
    open_version_of,
    set_status,
    start_version,
    update_draft,
)

STALE = (
    "Someone else changed this version while you were looking at it, so nothing was changed. "
    "Look at it again as it is now, then try again."
)


def version_redirect(version: PlanBookVersion) -> HttpResponse:
    return redirect("planbook:plan_book_version", pk=version.person_id, number=version.number)


def book_context(user: User, version: PlanBookVersion) -> dict[str, Any]:
    """What the section templates need: the snapshot, the version, whether the circle shows."""
    person = version.person
    return {
        "person": person,
        "version": version,
        "content": version.content,
        "person_pk": person.pk,
        # Finance and market shapers never see the circle, in any version.
        "show_circle": can_see_circle(user, person),
        "viewer_is_person": person.user_id == user.pk,
    }


def refused_page(
    request: AuthenticatedRequest,
    version: PlanBookVersion,
    message: str,
    *,
    status: int = 409,
    typed: list[Difference] | None = None,
) -> HttpResponse:
    """A change that cannot be made: why, and where to go next. Nothing was changed; anything
    the user typed (``typed``) is shown to copy, so nothing is lost either."""
    user = request.user
    person = version.person
    return render(
        request,
        "planbook/refused.html",
        {
            "person": person,
            "version": version,
            "message": message,
            "typed": typed or [],
            "can_start": (
                version.is_published
                and can_manage_plan_book(user, person)
                and open_version_of(person) is None
            ),
        },
        status=status,
    )


# --- The list of versions -------------------------------------------------------------------


@dataclass(frozen=True)
class VersionRow:
    version: PlanBookVersion
    # The version before it that this reader may also see, to compare with.
    previous: int | None


def plan_book_versions(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_plan_book_person_for_user(user, pk)
    versions = list(
        plan_book_versions_visible_to(user, person)
        .select_related("signed_by_user")
        .order_by("-number")
    )
    record_view(request, person_id=person.pk, subject=person, summary="Plan Book versions")
    rows = [
        VersionRow(version, versions[i + 1].number if i + 1 < len(versions) else None)
        for i, version in enumerate(versions)
    ]
    can_manage = can_manage_plan_book(user, person)
    open_version = next((v for v in versions if not v.is_published), None)
    return render(
        request,
        "planbook/versions.html",
        {
            "person": person,
            "rows": rows,
            "can_manage": can_manage,
            "open_version": open_version,
            "next_number": (versions[0].number + 1) if versions else 1,
            "compare_numbers": sorted(v.number for v in versions),
        },
    )


@require_POST
def plan_book_start(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_plan_book_person_for_user(user, pk, write=True)
    try:
        version = start_version(actor=user, person=person, request=request)
    except VersionAlreadyOpen as refused:
        messages.error(request, str(refused))
        if refused.open_version is not None:
            return version_redirect(refused.open_version)
        return redirect("planbook:plan_book", pk=person.pk)
    messages.success(
        request,
        f"Version {version.number} has been started from the latest tools and notes. "
        "It is a draft: nobody in the circle sees it until you share it.",
    )
    return version_redirect(version)


# --- A version's pages ----------------------------------------------------------------------


@dataclass(frozen=True)
class Actions:
    """What a coordinator may do with a version now, by its status."""

    version: PlanBookVersion
    called: str
    open_version: PlanBookVersion | None

    @property
    def status(self) -> str:
        return self.version.status


def _actions(user: User, version: PlanBookVersion) -> Actions | None:
    person = version.person
    if not can_manage_plan_book(user, person):
        return None
    # Only a published version offers "start the next one", so only then is this asked.
    open_version = open_version_of(person) if version.is_published else None
    return Actions(version=version, called=person.called, open_version=open_version)


def plan_book_version(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    user = request.user
    version = get_plan_book_version_for_user(user, pk, number)
    person = version.person
    record_view(
        request, person_id=person.pk, subject=version, summary=f"Plan Book version {number}"
    )
    actions = _actions(user, version)
    context = {
        **book_context(user, version),
        "actions": actions,
        "can_agree": version.status == PlanBookStatus.SHARED
        and (can_agree_own_plan_book(user, person) or can_record_agreement(user, person)),
        "change_request": (
            latest_change_request(version)
            if actions is not None and version.status == PlanBookStatus.DRAFT
            else None
        ),
        "previous_number": _previous_visible(user, version),
    }
    return render(request, "planbook/version.html", context)


def _previous_visible(user: User, version: PlanBookVersion) -> int | None:
    earlier = plan_book_versions_visible_to(user, version.person).filter(number__lt=version.number)
    return earlier.order_by("-number").values_list("number", flat=True).first()


def plan_book_easy_read(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    user = request.user
    version = get_plan_book_version_for_user(user, pk, number)
    person = version.person
    record_view(
        request,
        person_id=person.pk,
        subject=version,
        summary=f"Plan Book version {number} in easy read",
    )
    context = {
        **book_context(user, version),
        "can_agree": version.status == PlanBookStatus.SHARED
        and can_agree_own_plan_book(user, person),
    }
    return render(request, "planbook/easy_read.html", context)


# --- Changing a version ---------------------------------------------------------------------


@require_POST
def plan_book_compile(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    user = request.user
    version = get_plan_book_version_for_user(user, pk, number, write=True)
    form = VersionStampForm(request.POST)
    if not form.is_valid():
        return refused_page(request, version, STALE)
    try:
        compile_draft(
            actor=user,
            version=version,
            expected_version=form.cleaned_data["version"],
            request=request,
        )
    except PlanBookChangeRefused as refused:
        return refused_page(request, version, str(refused))
    except EditConflict:
        return refused_page(request, version, STALE)
    messages.success(request, "The Plan Book now shows the latest tools and notes.")
    return version_redirect(version)


def _move_refused_words(version: PlanBookVersion, wanted: str) -> str:
    called = version.person.called
    if wanted == PlanBookStatus.PUBLISHED:
        return (
            f"Version {version.number} cannot be published yet: only a version {called} has "
            "agreed can be published."
        )
    if wanted == PlanBookStatus.SHARED:
        return f"Version {version.number} cannot be shared: only a draft can be shared."
    return f"Version {version.number} is already a draft."


@require_POST
def plan_book_status(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    user = request.user
    version = get_plan_book_version_for_user(user, pk, number, write=True)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return refused_page(request, version, STALE, status=400)
    wanted = form.cleaned_data["status"]
    try:
        moved = set_status(
            actor=user,
            version=version,
            status=wanted,
            expected_version=form.cleaned_data["version"],
            request=request,
        )
    except PlanBookChangeRefused as refused:
        return refused_page(request, version, str(refused))
    except IllegalTransition:
        return refused_page(request, version, _move_refused_words(version, wanted))
    except EditConflict:
        return refused_page(request, version, STALE)
    called = version.person.called
    messages.success(
        request,
        {
            PlanBookStatus.SHARED: f"Version {number} is shared with {called} and the people "
            f"in {called}'s circle who may see it. {called} can now agree it.",
            PlanBookStatus.DRAFT: f"Version {number} is a draft again. Any agreement has been "
            "cleared: share it again when it is ready.",
            PlanBookStatus.PUBLISHED: f"Version {number} is published. It will not change; "
            "start a new version when something needs to.",
        }[PlanBookStatus(moved.status)],
    )
    return version_redirect(moved)


def plan_book_edit(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    user = request.user
    version = get_plan_book_version_for_user(user, pk, number, write=True)
    person = version.person
    if not version.is_editable:
        # The same words the service gives, without asking it to try.
        if version.is_published:
            return refused_page(request, version, str(PublishedVersionCannotChange()))
        return refused_page(
            request,
            version,
            f"Version {number} is {version.get_status_display().lower()}, so it cannot be "
            "changed now. Move it back to draft first.",
        )
    if request.method == "POST":
        form = PlanBookTextForm(request.POST, person=person)
        if form.is_valid():
            try:
                update_draft(
                    actor=user,
                    version=version,
                    expected_version=form.cleaned_data["version"],
                    introduction=form.cleaned_data["introduction"],
                    changes_summary=form.cleaned_data["changes_summary"],
                    request=request,
                )
            except EditConflict as conflict:
                return _conflict_page(request, form, conflict.saved)
            except PlanBookChangeRefused as refused:
                return refused_page(request, version, str(refused), typed=form.typed())
            messages.success(request, "The introduction has been saved.")
            return version_redirect(version)
    else:
        record_view(
            request,
            person_id=person.pk,
            subject=version,
            summary=f"Change the introduction of Plan Book version {number}",
        )
        form = PlanBookTextForm(
            person=person,
            initial={
                "introduction": version.introduction,
                "changes_summary": version.changes_summary,
                "version": version.version,
            },
        )
    return render(
        request,
        "planbook/edit.html",
        {"person": person, "version": version, "form": form},
    )


def _conflict_page(
    request: HttpRequest, form: PlanBookTextForm, saved: PlanBookVersion
) -> HttpResponse:
    """Both versions side by side, and what the user typed ready to save again."""
    person: Person = saved.person
    data = request.POST.copy()
    data["version"] = str(saved.version)
    return render(
        request,
        "planbook/conflict.html",
        {
            "person": person,
            "version": saved,
            "differences": form.differences(saved),
            "form": PlanBookTextForm(data, person=person),
        },
        status=409,
    )


def plan_book_photo(request: AuthenticatedRequest, pk: int, number: int) -> FileResponse:
    """The cover photo of one version: its own copy, for whoever may read the version. Not
    audited on its own: the version page that shows it is."""
    user = request.user
    version = get_plan_book_version_for_user(user, pk, number)
    name = str(version.content.get("person", {}).get("photo") or "")
    if not is_kept_photo(name):
        raise Http404("This version has no photo")
    try:
        handle = open_photo(name)
    except FileNotFoundError as error:
        raise Http404("Photo file missing") from error
    response = FileResponse(handle, content_type=content_type_for(name))
    response["Cache-Control"] = "private, no-store"  # a person's photo: never kept on disk
    response["X-Content-Type-Options"] = "nosniff"
    return response
