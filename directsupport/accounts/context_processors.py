"""Navigation for the signed-in user's role, shown in the page header."""

import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from directsupport.lib.urls import reverse

from .middleware import LAST_SEEN_KEY
from .models import User
from .roles import Role

# (label, url name) per role, in the order they appear. Later issues add their sections here.
NAVIGATION: dict[str, list[tuple[str, str]]] = {
    Role.MANAGER: [
        ("People", "people:list"),
        ("Planning Live", "planning:event_list"),
        ("ISFs", "funds:programme"),
        ("Programme dashboard", "coproduction:dashboard"),
        ("Reviews", "coproduction:review_list"),
        ("Decision log", "coproduction:decision_list"),
        ("Panel", "coproduction:panel_home"),
        ("Suppliers", "market:supplier_list"),
        ("Preferred list", "market:preferred_list"),
        ("Market view", "market:market_view"),
        ("Commissioning", "commissioning:request_list"),
        ("Rate card", "week:rate_card"),
        ("Team", "team:list"),
        ("Audit log", "audit:log"),
        ("Keeping records", "retention:schedule"),
        ("Copies of information", "subject_access:list"),
    ],
    Role.COORDINATOR: [
        ("People", "people:list"),
        ("Planning Live", "planning:event_list"),
        ("ISFs", "funds:programme"),
        ("Programme dashboard", "coproduction:dashboard"),
        ("Reviews", "coproduction:review_list"),
        ("Decision log", "coproduction:decision_list"),
        ("Panel", "coproduction:panel_home"),
        ("Money alerts", "funds:alerts"),
        ("Suppliers", "market:supplier_list"),
        ("Preferred list", "market:preferred_list"),
        ("Market view", "market:market_view"),
        ("Commissioning", "commissioning:request_list"),
        ("Keeping records", "retention:schedule"),
        ("Copies of information", "subject_access:list"),
    ],
    Role.SUPPORT_WORKER: [("My people", "people:list"), ("Planning Live", "planning:event_list")],
    Role.MARKET_SHAPER: [
        ("People", "people:list"),
        ("Suppliers", "market:supplier_list"),
        ("Preferred list", "market:preferred_list"),
        ("Market view", "market:market_view"),
        ("Commissioning", "commissioning:request_list"),
        ("Programme dashboard", "coproduction:dashboard"),
        ("Decision log", "coproduction:decision_list"),
        ("Panel", "coproduction:panel_home"),
    ],
    Role.FINANCE: [
        ("People", "people:list"),
        ("ISFs", "funds:programme"),
        ("Programme dashboard", "coproduction:dashboard"),
        ("Panel", "coproduction:panel_home"),
        ("Block contracts", "funds:contracts"),
        ("Timesheets", "funds:timesheets"),
        ("Money alerts", "funds:alerts"),
        ("Commissioning", "commissioning:request_list"),
        ("Rate card", "week:rate_card"),
    ],
    Role.COMMISSIONER: [
        ("People we fund", "people:list"),
        ("ISFs", "funds:programme"),
        ("Programme dashboard", "coproduction:dashboard"),
        ("Decision log", "coproduction:decision_list"),
        ("Block contracts", "funds:contracts"),
        ("Support contracts", "commissioning:contract_list"),
        ("Preferred list", "market:preferred_list"),
        ("Market view", "market:market_view"),
    ],
    Role.CIRCLE: [("People I support", "people:list")],
    Role.PERSON: [],
    Role.SUPPLIER: [
        ("My directory entry", "market:my_entry"),
        ("Preferred list", "market:preferred_apply"),
        ("Requests for quote", "commissioning:request_portal_list"),
        ("Contracts", "commissioning:contract_portal_list"),
    ],
    Role.EXPERT: [
        ("Preferred list", "market:preferred_list"),
        ("Programme dashboard", "coproduction:dashboard"),
        ("Panel", "coproduction:panel_home"),
        ("Decision log", "coproduction:decision_list"),
    ],
}


def navigation(request: HttpRequest) -> dict[str, Any]:
    # No user on a page that failed before sign-in ran (an error page); anonymous on public pages.
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {}
    links: list[dict[str, Any]] = [{"label": "Home", "url": reverse("home")}]
    links += [{"label": label, "url": reverse(name)} for label, name in NAVIGATION[user.role]]
    # The current section is the link whose address is the longest start of this page's
    # (/funds/ and /funds/contracts/ both start /funds/contracts/1/: the second is current).
    current = request.path
    starts = [
        link["url"]
        for link in links
        if current == link["url"] or (link["url"] != "/" and current.startswith(link["url"]))
    ]
    best = max(starts, key=len, default=None)
    for link in links:
        link["current"] = link["url"] == best
    return {"nav_links": links, "idle_timeout": _idle_settings(request)}


def _idle_settings(request: HttpRequest) -> dict[str, int]:
    """Seconds left before the server signs this session out, for the warning script.

    The server notes activity at most once a minute, so count from what it noted, not from now.
    """
    last_seen = request.session.get(LAST_SEEN_KEY, int(time.time()))
    left = settings.SESSION_IDLE_TIMEOUT - (int(time.time()) - last_seen)
    return {"timeout": max(left, 0), "warning": settings.SESSION_IDLE_WARNING}
