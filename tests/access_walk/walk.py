"""The walk itself: every pattern, every method, as one outsider, against the other world.

Used by tests/test_access_walk.py for each outsider role, and by
tests/test_access_walk_catches_holes.py to show that it reports an unchecked view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.test import Client
from django.urls import reverse

from directsupport.accounts.models import User
from directsupport.accounts.roles import Role
from directsupport.people.models import SupportAssignment
from tests.personas import sign_in

from .checker import METHODS, Checker, Finding, RowKeys, row_keys, rows_added
from .forms import form_data_from, generic_form_data
from .routes import PUBLIC, SHARED_REFERENCE, Route
from .world import World

# Who may keep shared reference data (SHARED_REFERENCE): any provider's directory keepers.
SHARED_REFERENCE_KEEPERS = frozenset({Role.MARKET_SHAPER, Role.MANAGER})
# The order in which the attacked world's own users are asked for a page's form: whoever sees
# most first; the first who may open the page shows what it posts.
INSIDER_ORDER = (
    Role.MANAGER,
    Role.COORDINATOR,
    Role.FINANCE,
    Role.MARKET_SHAPER,
    Role.SUPPORT_WORKER,
    Role.COMMISSIONER,
    Role.SUPPLIER,
    Role.PERSON,
    Role.CIRCLE,
    Role.EXPERT,
)


@dataclass
class Worlds:
    """The attacked organisation's world, the outsiders' world, and which rows are the
    attacked world's own (an outsider's new row must never point at them)."""

    victim: World
    outsiders: World
    victim_rows: RowKeys
    victim_words: list[str]


def build_victim_rows(before: RowKeys, victim: World) -> RowKeys:
    """Rows made while furnishing the victim world, and the victim's own cast, by table."""
    rows = rows_added(before, row_keys())
    cast: dict[str, set[Any]] = {
        "accounts_organisation": {victim.provider.pk, victim.council.pk}
        | {u.organisation_id for u in victim.users.values()},
        "accounts_user": {u.pk for u in victim.users.values()},
        "people_person": {victim.person.pk},
        "people_circlemember": {victim.circle_member.pk},
        "people_area": {victim.person.area_id},
        "people_supportassignment": set(
            SupportAssignment.objects.filter(person=victim.person).values_list("pk", flat=True)
        ),
    }
    for table, pks in cast.items():
        rows.setdefault(table, set()).update(pk for pk in pks if pk is not None)
    return rows


@dataclass
class WalkResult:
    findings: list[Finding] = field(default_factory=list)
    requests: int = 0
    routes: int = 0


def _form_for(route: Route, url: str, insiders: list[Client]) -> dict[str, Any]:
    """What the attacked world's own staff would post on this page (rolled back after)."""
    for client in insiders:
        html = ""
        with transaction.atomic():
            try:
                with transaction.atomic():
                    response = client.get(url)
            except Exception:  # an insider's page that breaks is its own tests' business
                response = None
            if response is not None and response.status_code == 200 and not response.streaming:
                html = response.content.decode(errors="replace")
            transaction.set_rollback(True)
            # The first insider who may see the page shows what it posts, if anything; a 405
            # (a page that only takes POST) is the same for everyone.
            if response is not None and response.status_code in (200, 405):
                break
    return form_data_from(html) or {}


# A page's form is the same whoever the outsider is: read once per set of worlds and reused by
# each outsider's walk in this process (only when the worlds have the very same ids, as they do
# on SQLite, where a rolled-back test gives its ids back).
_FORMS_READ: dict[tuple[Any, ...], dict[str, dict[str, Any]]] = {}


def forms_for(routes: list[Route], worlds: Worlds) -> dict[str, dict[str, Any]]:
    """Each route's plausible form data: what the victim world's own staff would post there, or
    the URL's ids and the field names most forms use when no insider sees a form."""
    key = (
        tuple(sorted(worlds.victim.ids.items())),
        tuple(sorted(worlds.outsiders.ids.items())),
        tuple(r.name for r in routes),
    )
    if key not in _FORMS_READ:
        insiders = [sign_in(Client(), worlds.victim.users[role]) for role in INSIDER_ORDER]
        forms = {}
        for route in routes:
            if route.name in PUBLIC:
                continue
            data = _form_for(route, route.url(worlds.victim.ids), insiders)
            ids = {k: worlds.victim.ids[route.object_key(k)] for k in route.keywords}
            if route.keywords and not data:
                data = generic_form_data(ids)
            # The URL's own ids as fields too, for a view that reads them from the form.
            forms[route.name] = {**{k: str(v) for k, v in ids.items()}, **data}
        _FORMS_READ.clear()
        _FORMS_READ[key] = forms
    return _FORMS_READ[key]


def _mixed_urls(route: Route, worlds: Worlds) -> list[tuple[str, str]]:
    """For a URL naming two or more objects: one of them the victim's, the others the
    outsider's own (an outsider's own event with the victim's participant, and the reverse), so
    a view that checks the parent but fetches the child by id alone is caught. Each comes with
    the URL of the outsider's own objects alone, to tell a role's 403 from a leak."""
    own, theirs = worlds.outsiders.ids, worlds.victim.ids
    keys = [route.object_key(k) for k in route.keywords]
    objects = [key for key in keys if own[key] != theirs[key]]
    if len(objects) < 2:
        return []
    mixed = []
    for victims_key in objects:
        ids = {key: (theirs if key == victims_key else own)[key] for key in keys}
        mixed.append((route.url(ids), route.url(own)))
    return mixed


# The mixed URLs are about which object a view fetches, not which method it answers.
MIXED_METHODS = ("get", "post")


def walk(routes: list[Route], worlds: Worlds, outsider: User) -> WalkResult:
    """Every route, every method, as ``outsider``, against the victim world's objects."""
    result = WalkResult()
    forms = forms_for(routes, worlds)
    client = sign_in(Client(), outsider)
    checker = Checker(
        victim_rows=worlds.victim_rows,
        victim_words=worlds.victim_words,
        who=f"{outsider.get_role_display().lower()} at {outsider.organisation}",
    )
    for route in routes:
        if route.name in PUBLIC:
            continue
        if route.name in SHARED_REFERENCE and outsider.role in SHARED_REFERENCE_KEEPERS:
            continue
        result.routes += 1
        data = forms[route.name]
        url = route.url(worlds.victim.ids)
        for method in METHODS:
            if route.keywords:
                finding = checker.check_denied(client, route.name, method, url, data)
            else:
                finding = checker.check_own_page(client, route.name, method, url, data)
            if finding:
                result.findings.append(finding)
        for mixed_url, own_url in _mixed_urls(route, worlds):
            for method in MIXED_METHODS:
                finding = checker.check_denied(
                    client, route.name, method, mixed_url, data, own_url=own_url
                )
                if finding:
                    result.findings.append(finding)
    result.requests = checker.requests
    return result


def walk_signed_out(routes: list[Route], worlds: Worlds) -> WalkResult:
    """Every private page sends the signed-out to sign in, and changes nothing."""
    result = WalkResult()
    checker = Checker(
        victim_rows=worlds.victim_rows, victim_words=worlds.victim_words, who="signed out"
    )
    login = reverse("accounts:login")
    for route in routes:
        if route.name in PUBLIC:
            continue
        result.routes += 1
        finding = checker.check_signed_out(
            Client(), route.name, route.url(worlds.victim.ids), login
        )
        if finding:
            result.findings.append(finding)
    result.requests = checker.requests
    return result


def report(result: WalkResult, *, limit: int = 25) -> str:
    shown = "\n".join(str(f) for f in result.findings[:limit])
    more = len(result.findings) - limit
    tail = f"\n... and {more} more" if more > 0 else ""
    return (
        f"{len(result.findings)} request(s) of {result.requests} did not prove denial:\n"
        f"{shown}{tail}"
    )
