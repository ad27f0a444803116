"""The request type of views that only signed-in users reach.

django-stubs types ``HttpRequest.user`` as ``User | AnonymousUser``; a view behind sign-in
annotates its request as ``AuthenticatedRequest`` instead, so mypy checks what it does with the
signed-in user rather than every view writing ``user: Any = request.user``.
"""

from __future__ import annotations

from typing import cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from .models import User


class AuthenticatedRequest(HttpRequest):
    """A request from a signed-in user: every view but sign-in and the public pages.

    ``LoginRequiredMiddleware`` (settings.MIDDLEWARE) sends anyone not signed in to the sign-in
    page before a view runs, unless the view is marked ``@login_not_required``; such views take
    a plain ``HttpRequest``.
    """

    user: User


def authenticated(request: HttpRequest) -> AuthenticatedRequest:
    """The same request, typed as signed in, for code Django calls with a plain ``HttpRequest``
    after checking sign-in itself (a back-office ModelAdmin's ``get_form`` and ``save_model`` run
    only once ``AdminSite.has_permission`` has let a manager in). An anonymous visitor is refused
    here rather than trusted."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return cast(AuthenticatedRequest, request)
