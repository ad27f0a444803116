"""Small request helpers shared by apps."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from, the one place every part of the product asks.

    Sign-in lockout (django-axes, through AXES_CLIENT_IP_CALLABLE), the audit log and any
    throttle all call this, so what is counted is what is recorded.

    ``TRUSTED_PROXY_COUNT`` (``DJANGO_TRUSTED_PROXIES``) says how many proxies of ours stand in
    front of the app. Each proxy appends the address it was reached from to
    ``X-Forwarded-For``, so with N proxies the client is the Nth entry from the right; anything
    further left was written by the client and may be made up. With no proxy the header is
    ignored and the connection's own address is the client.
    """
    remote = _valid(request.META.get("REMOTE_ADDR", ""))
    trusted = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if trusted <= 0:
        return remote
    entries = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if not entries:
        # Reached the app without passing a proxy that sets the header (a health check from
        # inside the network): the connection's address is all there is.
        return remote
    # Fewer entries than proxies: the request came in past the outer proxies, and the left-most
    # entry is what the first proxy it met saw. Never further left than the header goes.
    chosen = entries[-trusted] if len(entries) >= trusted else entries[0]
    return _valid(chosen) or remote


def _valid(text: str) -> str | None:
    """The address in ``text`` in its usual written form, or None when it is not an address.

    Some proxies add the port ("203.0.113.7:51234", "[2001:db8::1]:443"); it is dropped. Junk
    is refused rather than stored, since the audit column holds addresses only.
    """
    text = text.strip()
    if not text:
        return None
    candidates = [text]
    if text.startswith("[") and "]" in text:
        candidates.append(text[1 : text.index("]")])
    elif text.count(":") == 1:
        candidates.append(text.split(":", 1)[0])
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None
