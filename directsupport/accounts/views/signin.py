"""Signing in and out, two-factor, passwords and the idle-timeout keep-alive."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from directsupport.audit.models import Action
from directsupport.audit.services import record_request_event

from .. import services, two_factor
from ..forms import (
    ChangePasswordForm,
    ForgottenPasswordForm,
    SignInForm,
    TwoFactorCodeForm,
    TwoFactorSetupForm,
)
from ..http import AuthenticatedRequest
from ..lockout import HASH_PREFIX, address_is_blocked, lockout_key, normalised_email
from ..middleware import LAST_SEEN_KEY, note_sign_in_time, two_factor_exempt
from ..models import User
from ..roles import TWO_FACTOR_OPTIONAL_ROLES

NEXT_KEY = "after_sign_in"


def _safe_next(request: HttpRequest, candidate: str | None) -> str | None:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return None


def _record_failed_sign_in(request: HttpRequest, *, action: str, what: str, tried: str) -> None:
    """Audit a failed or refused sign-in without keeping what was typed.

    When the email is a real account, the row names it and belongs in that organisation's log,
    so its managers see "wrong password for dee@…". Anything else may be a password pasted into
    the email box, so only a short reference made from its keyed hash is kept: the same text
    tried again gives the same reference, and the text cannot be read back from it.
    """
    account = User.objects.filter(email=normalised_email(tried)).first()
    if account is not None:
        record_request_event(
            request,
            action=action,
            subject=account,
            summary=f"{what} for {account.email}",
            organisation_id=account.organisation_id,
        )
        return
    reference = lockout_key(tried).removeprefix(HASH_PREFIX)[:10]
    record_request_event(
        request,
        action=action,
        summary=f"{what} for an email address with no account (reference {reference})",
    )


def _continue(request: HttpRequest) -> HttpResponse:
    return redirect(request.session.pop(NEXT_KEY, None) or settings.LOGIN_REDIRECT_URL)


@login_not_required
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = form.get_user()
            next_url = _safe_next(request, request.POST.get("next"))
            login(request, user)
            note_sign_in_time(request)
            if next_url:
                request.session[NEXT_KEY] = next_url
            record_request_event(request, action=Action.SIGN_IN, actor=user, summary="Password")
            if user.needs_two_factor:
                return redirect("accounts:two_factor")
            return _continue(request)
        _record_failed_sign_in(
            request,
            action=Action.SIGN_IN_FAILED,
            what="Wrong email or password",
            tried=request.POST.get("username", ""),
        )
    return render(
        request,
        "accounts/sign_in.html",
        {
            "form": form,
            "next": _safe_next(request, request.GET.get("next") or request.POST.get("next")),
            "timed_out": request.GET.get("timed_out") == "1",
            "day_over": request.GET.get("timed_out") == "day",
            "day_hours": settings.SESSION_COOKIE_AGE // 3600,
        },
    )


@login_not_required
@two_factor_exempt
def forgotten_password(request: HttpRequest) -> HttpResponse:
    form = ForgottenPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        services.send_forgotten_password_link(request=request, email=email)
        return render(request, "accounts/forgotten_password.html", {"sent": True, "email": email})
    return render(request, "accounts/forgotten_password.html", {"form": form})


def locked_out(
    request: HttpRequest, credentials: dict[str, Any] | None = None, **_: Any
) -> HttpResponse:
    """django-axes calls this when an email from one address, or one address across emails,
    has failed too often (accounts/lockout.py)."""
    address_blocked = address_is_blocked(request, credentials)
    _record_failed_sign_in(
        request,
        action=Action.LOCKED_OUT,
        what=(
            "Too many failed sign-ins from this address"
            if address_blocked
            else "Too many failed sign-ins"
        ),
        tried=(credentials or {}).get("username") or request.POST.get("username", ""),
    )
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/locked.html",
        {"minutes": minutes, "address_blocked": address_blocked},
        status=429,
    )


@two_factor_exempt
def two_factor_step(request: AuthenticatedRequest) -> HttpResponse:
    """Ask for a code, or send a user without an authenticator app to set one up."""
    user = request.user
    if two_factor.passed_two_factor(user):
        return _continue(request)
    if not two_factor.has_app(user):
        return redirect("accounts:two_factor_setup")
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify_code(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            # A new session key for the fully signed-in session: a key seen before the second
            # factor (on a shared computer, in a proxy log) must not carry on working.
            request.session.cycle_key()
            record_request_event(request, action=Action.TWO_FACTOR, summary="Code accepted")
            if device.name == two_factor.BACKUP_DEVICE_NAME:
                left = two_factor.backup_codes_left(user)
                messages.warning(
                    request,
                    f"You used a backup code. You have {left} left. "
                    "Make new ones from Your account if you are running low.",
                )
            return _continue(request)
        record_request_event(request, action=Action.TWO_FACTOR, summary="Wrong code")
        form.add_error(
            "code",
            "That code did not work. App codes change every 30 seconds: enter the newest one. "
            "Each backup code works once.",
        )
    return render(request, "accounts/two_factor.html", {"form": form})


@two_factor_exempt
def two_factor_setup(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if two_factor.has_app(user) and not two_factor.passed_two_factor(user):
        return redirect("accounts:two_factor")
    device = two_factor.pending_app_device(user)
    form = TwoFactorSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = two_factor.confirm_app_device(device)
            otp_login(request, device)
            request.session.cycle_key()  # as at the two-factor step
            record_request_event(request, action=Action.TWO_FACTOR, summary="Authenticator set up")
            request.session["new_backup_codes"] = codes
            return redirect("accounts:backup_codes")
        form.add_error(
            "code",
            "That code did not match. Check the app shows 'Direct Your Support' and enter the "
            "newest code.",
        )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_data_uri(device),
            "secret": two_factor.secret_for_typing(device),
        },
    )


def backup_codes(request: AuthenticatedRequest) -> HttpResponse:
    """Show freshly made backup codes once; POST makes a new set."""
    user = request.user
    if request.method == "POST":
        request.session["new_backup_codes"] = two_factor.issue_backup_codes(user)
        record_request_event(request, action=Action.TWO_FACTOR, summary="New backup codes")
        return redirect("accounts:backup_codes")
    codes = request.session.pop("new_backup_codes", None)
    return render(
        request,
        "accounts/backup_codes.html",
        {"codes": codes, "left": two_factor.backup_codes_left(user)},
    )


@login_not_required
@two_factor_exempt
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "accounts/sign_out.html")
    if request.user.is_authenticated:
        record_request_event(request, action=Action.SIGN_OUT)
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("accounts:login")


def account(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "has_app": two_factor.has_app(user),
            "backup_codes_left": two_factor.backup_codes_left(user),
            "two_factor_optional": not user.needs_two_factor or user.wants_two_factor,
        },
    )


@require_POST
def choose_two_factor(request: AuthenticatedRequest) -> HttpResponse:
    """People supported and circle members may turn two-factor on or off for themselves."""
    user = request.user
    if user.role not in TWO_FACTOR_OPTIONAL_ROLES:
        messages.error(request, "Two-factor is required for your role and cannot be turned off.")
        return redirect("accounts:account")
    turn_on = request.POST.get("two_factor") == "on"
    user.wants_two_factor = turn_on
    user.save(update_fields=["wants_two_factor"])
    if not turn_on:
        two_factor.remove_two_factor(user)
    record_request_event(
        request, action=Action.TWO_FACTOR, summary="Turned on" if turn_on else "Turned off"
    )
    if turn_on:
        return redirect("accounts:two_factor_setup")
    messages.success(request, "Two-factor is off. You sign in with your password only.")
    return redirect("accounts:account")


def change_password(request: AuthenticatedRequest) -> HttpResponse:
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        # Keeps this session; every other session of this user stops working at once.
        update_session_auth_hash(request, user)
        record_request_event(
            request, action=Action.UPDATE, subject=user, summary="Password changed"
        )
        messages.success(
            request, "Your password has been changed. You were signed out everywhere else."
        )
        return redirect("accounts:account")
    return render(request, "accounts/change_password.html", {"form": form})


@require_POST
@two_factor_exempt
def keep_alive(request: HttpRequest) -> HttpResponse:
    """The idle-timeout warning's 'Stay signed in' button."""
    request.session[LAST_SEEN_KEY] = int(time.time())
    return HttpResponse(status=204)
