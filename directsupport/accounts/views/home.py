"""The load balancer's health check and the stale-form page (the home page is
``directsupport.frontpage``, above the apps it shows)."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


@login_not_required
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For the load balancer: the app is up and its database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A stale form (or a forged one): explain in plain words, with the site's own page."""
    return render(request, "403_csrf.html", status=403)
