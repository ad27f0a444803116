"""How django-axes names the account being tried: the email, lower-cased and trimmed.

Without this, 'Dee@Example.org' and 'dee@example.org' would be counted separately and an
attacker could try five passwords per spelling.
"""

from typing import Any

from django.http import HttpRequest


def username_for_lockout(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    raw = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(raw).strip().lower()
