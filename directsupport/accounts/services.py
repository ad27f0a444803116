"""Changes to users and roles, made by managers. Every change is audited with old and new values.

The acting manager is ``request.user``; the request also gives the audit row its address and the
invitation email its link.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from axes.models import AccessAttempt
from axes.utils import reset as reset_axes
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_event, record_request_event
from directsupport.lib.http import client_ip

from .http import AuthenticatedRequest
from .lockout import lockout_key
from .models import User
from .roles import Role

FORGOTTEN_PASSWORD_INTERVAL_SECONDS = 5 * 60
AUDITED_FIELDS = ("full_name", "email", "role", "is_staff", "is_active", "deactivated_at")
# Session engines whose sessions live in the database table, so a user's can be found and ended.
DATABASE_SESSION_ENGINES = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}


def _snapshot(user: User) -> dict[str, Any]:
    return {field: getattr(user, field) for field in AUDITED_FIELDS}


def _role_label(role: str) -> str:
    return Role(role).label.lower() if role in Role.values else role


def set_password_url(request: HttpRequest, user: User) -> str:
    """The absolute 'set your password' link: single use, valid for PASSWORD_RESET_TIMEOUT."""
    path = reverse(
        "team:set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return request.build_absolute_uri(path)


def _send_set_password_email(
    request: AuthenticatedRequest, user: User, *, first_time: bool
) -> None:
    manager = request.user
    context = {
        "user": user,
        "manager": manager,
        "organisation": user.organisation,
        "url": set_password_url(request, user),
        "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
        "first_time": first_time,
    }
    subject = (
        "You have been invited to Direct Your Support"
        if first_time
        else "Set your password for Direct Your Support"
    )
    send_mail(
        subject,
        render_to_string("accounts/team_invitation_email.txt", context),
        None,
        [user.email],
    )


@transaction.atomic
def invite_user(
    *, request: AuthenticatedRequest, full_name: str, email: str, role: str, is_staff: bool = False
) -> User:
    """Add a user to the manager's organisation and email them a link to set their password.

    The account has no usable password until they follow the link.
    """
    manager = request.user
    user = User(
        email=email.strip().lower(),
        full_name=full_name.strip(),
        organisation=manager.organisation,
        role=role,
        is_staff=is_staff and role == Role.MANAGER,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    record_request_event(
        request,
        action=Action.CREATE,
        subject=user,
        summary=f"an account for {user.full_name} ({_role_label(role)}) and sent an invitation",
        changes=model_changes({}, _snapshot(user)),
    )
    _send_set_password_email(request, user, first_time=True)
    return user


@transaction.atomic
def send_set_password_link(*, request: AuthenticatedRequest, user: User) -> None:
    """Email a fresh 'set your password' link: for an invitation that ran out, or a forgotten
    password. The current password keeps working until the link is used."""
    if not user.is_active:
        raise ValidationError("Reactivate this account before sending a link.")
    record_request_event(
        request,
        action=Action.UPDATE,
        subject=user,
        summary=f"{user.full_name}'s account: sent a link to set a password",
    )
    _send_set_password_email(request, user, first_time=not user.has_usable_password())


@transaction.atomic
def change_user(
    *, request: AuthenticatedRequest, user: User, full_name: str, role: str, is_staff: bool
) -> User:
    """Change a user's name, role and back-office access (only managers may have it)."""
    manager = request.user
    before = _snapshot(user)
    if manager.pk == user.pk and (role != user.role or is_staff != user.is_staff):
        raise ValidationError(
            {"role": "You cannot change your own role. Ask another manager to do it."}
        )
    user.full_name = full_name.strip()
    user.role = role
    user.is_staff = is_staff and role == Role.MANAGER
    user.full_clean()
    user.save()
    changes = model_changes(before, _snapshot(user))
    if changes:
        record_request_event(
            request,
            action=Action.UPDATE,
            subject=user,
            summary=f"{user.full_name}'s account: {', '.join(_field_words(changes))}",
            changes=changes,
        )
    return user


def _field_words(changes: dict[str, Any]) -> list[str]:
    words = {"full_name": "name", "role": "role", "is_staff": "back-office access"}
    return [words.get(field, field) for field in changes]


@transaction.atomic
def deactivate_user(*, request: AuthenticatedRequest, user: User) -> User:
    """A leaver: they cannot sign in, and any session they have open ends at once."""
    manager = request.user
    if manager.pk == user.pk:
        raise ValidationError(
            "You cannot deactivate your own account. Ask another manager to do it."
        )
    if not user.is_active:
        return user
    before = _snapshot(user)
    user.is_active = False
    user.deactivated_at = timezone.now()
    user.full_clean()
    user.save()
    ended = end_sessions_of(user)
    record_request_event(
        request,
        action=Action.UPDATE,
        subject=user,
        summary=f"{user.full_name}'s account: deactivated it and ended {ended} open session(s)",
        changes=model_changes(before, _snapshot(user)),
    )
    return user


@transaction.atomic
def reactivate_user(*, request: HttpRequest, user: User) -> User:
    if user.is_active:
        return user
    before = _snapshot(user)
    user.is_active = True
    user.deactivated_at = None
    user.full_clean()
    user.save()
    record_request_event(
        request,
        action=Action.UPDATE,
        subject=user,
        summary=f"{user.full_name}'s account: reactivated it",
        changes=model_changes(before, _snapshot(user)),
    )
    return user


def end_sessions_of(user: User) -> int:
    """End every session signed in as this user. Returns how many were ended.

    Django's authentication backend already refuses a deactivated user on their next request;
    deleting the sessions as well means nothing of theirs stays usable, whatever else changes.
    """
    if settings.SESSION_ENGINE not in DATABASE_SESSION_ENGINES:
        return 0
    store = import_module(settings.SESSION_ENGINE).SessionStore
    user_id = str(user.pk)
    keys = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get(SESSION_KEY)) == user_id
    ]
    for key in keys:
        store(session_key=key).delete()
    return len(keys)


def is_locked_out(user: User) -> bool:
    """Locked by django-axes after too many failed sign-ins (from at least one address), and
    not yet cooled off."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        _lockout_records_of(user),
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=since,
    ).exists()


def _lockout_records_of(user: User) -> Q:
    """axes keeps the email tried as a keyed hash (accounts/lockout.py); records made before
    that kept it as typed, in any case."""
    return Q(username=lockout_key(user.email)) | Q(username__iexact=user.email)


@transaction.atomic
def unlock_user(*, request: HttpRequest, user: User) -> int:
    """Clear failed sign-ins so a locked-out user can try again now. Returns records cleared."""
    kept = set(
        AccessAttempt.objects.filter(_lockout_records_of(user)).values_list("username", flat=True)
    )
    cleared = sum(reset_axes(username=username) for username in kept)
    record_request_event(
        request,
        action=Action.UPDATE,
        subject=user,
        summary=f"{user.full_name}'s account: unlocked it after failed sign-ins",
    )
    return cleared


@transaction.atomic
def set_password_from_link(*, request: HttpRequest, user: User, password: str) -> User:
    """The user chose a password from their invitation (or a fresh) link. The link's token
    stops working, because it is made from the password it replaces."""
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    record_request_event(
        request,
        action=Action.UPDATE,
        actor=user,
        subject=user,
        summary="their password from an emailed link",
    )
    return user


def send_forgotten_password_link(*, request: HttpRequest, email: str) -> None:
    """Someone at the sign-in page asked for a new password.

    Sends the same single-use 'set your password' link a manager can send, if there is an active
    account with that address — and says nothing either way, so the page cannot be used to find
    out who has an account. At most one email per account every few minutes.
    """
    user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
    if user is None:
        return
    throttle_key = f"forgotten-password:{user.pk}"
    if not cache.add(throttle_key, True, timeout=FORGOTTEN_PASSWORD_INTERVAL_SECONDS):
        return
    record_event(
        actor=None,
        action=Action.UPDATE,
        subject=user,
        summary=f"{user.full_name} asked for a link to set a new password",
        ip_address=client_ip(request),
        path=request.get_full_path(),
        organisation_id=user.organisation_id,
    )
    context = {
        "user": user,
        "url": set_password_url(request, user),
        "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
    }
    send_mail(
        "Set a new password for Direct Your Support",
        render_to_string("accounts/forgotten_password_email.txt", context),
        None,
        [user.email],
    )
