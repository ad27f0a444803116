"""Rules that apply to every request: idle timeout, a session that ends a working day after sign-in,
two-factor before anything else, and no copies of pages kept by browsers or proxies."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from .models import User
from .two_factor import passed_two_factor

LAST_SEEN_KEY = "last_seen"
# When the user signed in (seconds since the epoch), set once at sign-in and never moved.
SIGNED_IN_AT_KEY = "signed_in_at"
EXPIRY_GRACE = timedelta(minutes=5)
# Write the session at most this often, so reading pages does not mean a write per request.
TOUCH_INTERVAL_SECONDS = 60


def two_factor_exempt(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a view a signed-in user may reach before passing two-factor (set-up, sign out)."""
    view.two_factor_exempt = True  # type: ignore[attr-defined]
    return view


def note_sign_in_time(request: HttpRequest | None) -> None:
    """Start the session's working day: it ends SESSION_COOKIE_AGE after this, busy or not.

    Called by the sign-in view once the password is accepted. The session's own expiry is
    pinned to the same moment (plus EXPIRY_GRACE), so neither the cookie nor the stored session
    outlives it.
    """
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[SIGNED_IN_AT_KEY] = now
    request.session[LAST_SEEN_KEY] = now
    # A moment, not a number of seconds: Django counts a number from the last save, so it slides.
    # A few minutes' grace after the middleware's own limit, so the user is told why.
    request.session.set_expiry(
        timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE) + EXPIRY_GRACE
    )


class IdleTimeoutMiddleware:
    """Signs a user out after SESSION_IDLE_TIMEOUT seconds without a request, and in any case
    SESSION_COOKIE_AGE seconds after they signed in, however busy they were."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY, now)
            # A session from before sign-in times were kept starts its day now.
            signed_in_at = request.session.setdefault(SIGNED_IN_AT_KEY, now)
            if now - signed_in_at >= settings.SESSION_COOKIE_AGE:
                logout(request)
                return redirect(f"{reverse('accounts:login')}?timed_out=day")
            if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                return redirect(f"{reverse('accounts:login')}?timed_out=1")
            if now - last_seen >= TOUCH_INTERVAL_SECONDS or LAST_SEEN_KEY not in request.session:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """Staff, commissioners and suppliers must pass two-factor before any other page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        user = request.user  # anonymous on the public pages (sign-in, the health check, the API)
        if not isinstance(user, User) or not user.needs_two_factor or passed_two_factor(user):
            return None
        if getattr(view_func, "two_factor_exempt", False) or not getattr(
            view_func, "login_required", True
        ):
            return None
        return redirect("accounts:two_factor")


# Paths anyone may read and any cache may keep: the health check and the public Open Referral
# API (static files are answered by WhiteNoise before this middleware runs).
PUBLIC_PATH_PREFIXES = ("/healthz", "/openreferral/", "/static/")


class NoStoreMiddleware:
    """``Cache-Control: private, no-store`` on every response except the public ones.

    Almost every page shows someone's personal information (and the few that do not are cheap),
    so one rule for all is safer than remembering it per view: no browser disk cache on a shared
    office computer, and no proxy, keeps a copy. A view's own weaker setting (such as a photo's
    ``private, max-age=300``) is replaced; one that already says no-store is kept.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(PUBLIC_PATH_PREFIXES):
            return response
        if "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "private, no-store"
        return response
