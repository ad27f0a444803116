"""Managers look after their organisation's users and roles; invited users set a password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import services, two_factor
from ..access import (
    can_change_role_of,
    can_deactivate,
    get_team_member_for_user,
    team_visible_to,
)
from ..http import AuthenticatedRequest
from ..middleware import two_factor_exempt
from ..models import User
from ..team_forms import ChoosePasswordForm, InviteUserForm, TeamFilterForm, TeamMemberForm

PAGE_SIZE = 25
# The set-password link's token moves into the session, so it is not left in the address bar
# (or browser history) while the user types their password.
LINK_TOKEN_SESSION_KEY = "set_password_token"
LINK_TOKEN_PLACEHOLDER = "choose"


def team_list(request: AuthenticatedRequest) -> HttpResponse:
    manager = request.user
    members = team_visible_to(manager)
    filters = TeamFilterForm(request.GET or None, manager=manager)
    if filters.is_valid():
        data = filters.cleaned_data
        for term in data["q"].split():
            members = members.filter(Q(full_name__icontains=term) | Q(email__icontains=term))
        if data["role"]:
            members = members.filter(role=data["role"])
        if data["status"]:
            members = members.filter(is_active=data["status"] == "active")
    page = Paginator(members.order_by("full_name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "accounts/team_list.html",
        {"page": page, "filters": filters, "filtered": filters.is_bound},
    )


def team_member(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    manager = request.user
    member = get_team_member_for_user(manager, pk)
    return render(
        request,
        "accounts/team_member.html",
        {
            "member": member,
            "is_me": member.pk == manager.pk,
            "can_deactivate": can_deactivate(manager, member),
            "locked_out": services.is_locked_out(member),
            "has_password": member.has_usable_password(),
            "has_app": two_factor.has_app(member),
        },
    )


def team_add(request: AuthenticatedRequest) -> HttpResponse:
    manager = request.user
    team_visible_to(manager)  # 404 for anyone who is not a manager
    form = InviteUserForm(request.POST or None, manager=manager)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.invite_user(request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"{member.full_name} has been added. We have emailed an invitation to "
                f"{member.email} with a link to set their password.",
            )
            return redirect("team:member", pk=member.pk)
    return render(request, "accounts/team_add.html", {"form": form})


def team_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    manager = request.user
    member = get_team_member_for_user(manager, pk, write=True)
    form = TeamMemberForm(request.POST or None, manager=manager, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_user(request=request, user=member, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{member.full_name}'s details have been saved.")
            return redirect("team:member", pk=member.pk)
    return render(
        request,
        "accounts/team_edit.html",
        {"form": form, "member": member, "can_change_role": can_change_role_of(manager, member)},
    )


def team_deactivate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """GET asks 'are you sure?'; POST deactivates."""
    manager = request.user
    member = get_team_member_for_user(manager, pk, write=True)
    if not can_deactivate(manager, member):
        messages.error(
            request, "You cannot deactivate your own account. Ask another manager to do it."
        )
        return redirect("team:member", pk=member.pk)
    if request.method == "POST":
        services.deactivate_user(request=request, user=member)
        messages.success(
            request,
            f"{member.full_name}'s account is deactivated. They were signed out everywhere "
            "and cannot sign in. You can reactivate it later.",
        )
        return redirect("team:member", pk=member.pk)
    return render(request, "accounts/team_deactivate.html", {"member": member})


@require_POST
def team_reactivate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = get_team_member_for_user(request.user, pk, write=True)
    services.reactivate_user(request=request, user=member)
    messages.success(
        request, f"{member.full_name}'s account is active again. They can sign in as before."
    )
    return redirect("team:member", pk=member.pk)


@require_POST
def team_unlock(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = get_team_member_for_user(request.user, pk, write=True)
    services.unlock_user(request=request, user=member)
    messages.success(request, f"{member.full_name} can try to sign in again now.")
    return redirect("team:member", pk=member.pk)


@require_POST
def team_send_link(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = get_team_member_for_user(request.user, pk, write=True)
    try:
        services.send_set_password_link(request=request, user=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"We have emailed {member.email} a new link to set their password."
        )
    return redirect("team:member", pk=member.pk)


def _user_from_link(uidb64: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return User.objects.filter(pk=pk, is_active=True).select_related("organisation").first()


@login_not_required
@two_factor_exempt
@never_cache
def set_password(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link in an invitation email: choose a password (validators apply), then sign in."""
    user = _user_from_link(uidb64)
    if token != LINK_TOKEN_PLACEHOLDER:
        if user is not None and default_token_generator.check_token(user, token):
            request.session[LINK_TOKEN_SESSION_KEY] = token
            return redirect("team:set_password", uidb64=uidb64, token=LINK_TOKEN_PLACEHOLDER)
        return _link_not_valid(request)
    session_token = request.session.get(LINK_TOKEN_SESSION_KEY, "")
    if user is None or not default_token_generator.check_token(user, session_token):
        return _link_not_valid(request)
    form = ChoosePasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.set_password_from_link(
            request=request, user=user, password=form.cleaned_data["new_password1"]
        )
        del request.session[LINK_TOKEN_SESSION_KEY]
        messages.success(
            request, "Your password is set. Sign in with your email address and new password."
        )
        return redirect("accounts:login")
    return render(request, "accounts/set_password.html", {"form": form, "invited": user})


def _link_not_valid(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/set_password_invalid.html")
