"""The request type of views that only signed-in users reach.

django-stubs types ``HttpRequest.user`` as ``User | AnonymousUser``; a view behind sign-in
annotates its request as ``AuthenticatedRequest`` instead, so mypy checks what it does with the
signed-in user rather than every view writing ``user: Any = request.user``.
"""

from __future__ import annotations

from django.http import HttpRequest

from .models import User


class AuthenticatedRequest(HttpRequest):
    """A request from a signed-in user: every view but sign-in and the public pages.

    ``LoginRequiredMiddleware`` (settings.MIDDLEWARE) sends anyone not signed in to the sign-in
    page before a view runs, unless the view is marked ``@login_not_required``; such views take
    a plain ``HttpRequest``.
    """

    user: User
