"""Sign-in lockout (django-axes): what is counted, under which name, and for how long.

Two limits, both within AXES_COOLOFF_TIME (settings):

- **an account from one address**: AXES_FAILURE_LIMIT wrong passwords for one email from one
  address locks that email *from that address*. Someone elsewhere, however many addresses they
  claim, cannot lock the real user out of her own device;
- **one address across accounts**: LOCKOUT_ADDRESS_FAILURE_LIMIT wrong passwords from one
  address, whatever emails were tried, blocks that address. It is higher, because a care
  office's staff share one internet address.

The address is ``lib.http.client_ip`` (AXES_CLIENT_IP_CALLABLE), the same one the audit log
records. The email tried is stored only as a keyed hash, so an email box with a password
pasted into it is never kept as text.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

HASH_PREFIX = "hmac:"
# Lockout parameter sets, in the order of AXES_LOCKOUT_PARAMETERS (settings checks they agree).
ACCOUNT_AT_ADDRESS = ["username", "ip_address"]
ADDRESS = ["ip_address"]


def normalised_email(text: str) -> str:
    """Email addresses are stored lower-case and trimmed; people type them however they like."""
    return str(text).strip().lower()


def lockout_key(email: str) -> str:
    """The name axes keeps for an email tried: a keyed hash (HMAC with SECRET_KEY).

    The same email always gives the same key, so counting works; the key cannot be turned back
    into what was typed without the secret key. 'Dee@Example.org' and 'dee@example.org' give
    the same key, so changing the case does not buy five more tries.
    """
    digest = salted_hmac(
        "directsupport.accounts.lockout", normalised_email(email), algorithm="sha256"
    )
    return HASH_PREFIX + digest.hexdigest()


def username_for_lockout(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """AXES_USERNAME_CALLABLE: the keyed hash of the email tried (see lockout_key)."""
    raw = (credentials or {}).get("username") or request.POST.get("username") or ""
    return lockout_key(str(raw))


def limit_for(parameters: list[str] | str) -> int:
    """How many failures a set of lockout parameters allows before it locks."""
    if list(parameters) == ADDRESS or parameters == "ip_address":
        return int(settings.LOCKOUT_ADDRESS_FAILURE_LIMIT)
    return int(settings.AXES_FAILURE_LIMIT)


class LockoutHandler(AxesDatabaseHandler):
    """axes' database handler with a limit per parameter set, and a narrower reset.

    axes compares the largest count over all parameter sets with one limit
    (AXES_FAILURE_LIMIT). To give the address-wide set its own, higher limit, each set's count
    is scaled to AXES_FAILURE_LIMIT: ``count * base // limit`` reaches ``base`` exactly when
    ``count`` reaches ``limit``, so axes' own comparison says "locked" at the right moment.
    """

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        base = int(settings.AXES_FAILURE_LIMIT)
        scaled = [
            count * base // limit_for(parameters)
            for parameters, count in _counts(self, request, credentials)
        ]
        return max(scaled, default=0)

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """A successful sign-in clears that account's failures from that address only.

        axes would clear every set, including everything the address tried against other
        accounts, so an attacker holding one real account could wipe the address-wide count by
        signing in every so often.
        """
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username,
            ip_address=request.axes_ip_address,  # type: ignore[attr-defined]  # set by axes
        ).delete()
        return count


def _counts(
    handler: AxesDatabaseHandler, request: HttpRequest, credentials: dict[str, Any] | None
) -> list[tuple[list[str] | str, int]]:
    """(parameter set, failures within the cool-off) for each of AXES_LOCKOUT_PARAMETERS."""
    attempts_list = handler.get_user_attempts(request, credentials)
    return [
        (parameters, attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)
        for parameters, attempts in zip(
            settings.AXES_LOCKOUT_PARAMETERS, attempts_list, strict=True
        )
    ]


def address_is_blocked(request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
    """Whether this address has used up its tries across all accounts (for the lockout page)."""
    AxesProxyHandler.update_request(request)
    handler = AxesProxyHandler.get_implementation()
    if not isinstance(handler, AxesDatabaseHandler):
        return False
    return any(
        count >= limit_for(parameters)
        for parameters, count in _counts(handler, request, credentials)
        if list(parameters) == ADDRESS
    )


def expire_sign_in_records(*, now: datetime | None = None) -> dict[str, int]:
    """Delete what axes keeps about sign-in tries once it is no longer needed.

    Failed tries count only within the cool-off, so their records go after it; the per-try
    failure log and the sign-in log (our own audit log already says who signed in) go after
    SIGN_IN_RECORD_DAYS. Run daily (``manage.py expire_sign_in_records``).
    """
    now = now or timezone.now()
    kept_until = now - timedelta(days=settings.SIGN_IN_RECORD_DAYS)
    attempts, _ = AccessAttempt.objects.filter(
        attempt_time__lt=now - settings.AXES_COOLOFF_TIME
    ).delete()
    failures, _ = AccessFailureLog.objects.filter(attempt_time__lt=kept_until).delete()
    sign_ins, _ = AccessLog.objects.filter(attempt_time__lt=kept_until).delete()
    return {"attempts": attempts, "failure_log": failures, "sign_in_log": sign_ins}
