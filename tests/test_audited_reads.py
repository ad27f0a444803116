"""Every page, image and download of a person's information writes its read to the audit log.

Reads are audited by structure (directsupport/audit/reads.py): fetching a person for a user
notes the read, and a successful GET writes one "looked at" row per person. This walks every
URL pattern of the project (tests/access_walk/routes.py) on the access walk's world of
Willowbrook Support: each pattern naming a person, and each answer that is a download, is
asked for by Willowbrook's own users (whoever sees most first) and must leave exactly one read
row for Dee (or, for a download naming no one, at least one audit row). A new view that
fetches a person some other way, or forgets to record its export, fails here by name.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.test import Client

from directsupport.audit.models import Action, AuditEvent
from tests.access_walk.fixtures import worlds
from tests.access_walk.routes import PUBLIC, Route, all_routes
from tests.access_walk.walk import INSIDER_ORDER, Worlds
from tests.personas import sign_in

__all__ = ["worlds"]

# The URL keywords that name a person (World.ids keys).
PERSON_KEYS = frozenset({"pk", "person_pk"})


def _names_a_person(route: Route) -> bool:
    return any(route.object_key(k) in PERSON_KEYS for k in route.keywords)


def _is_download(response: HttpResponseBase) -> bool:
    disposition = response.get("Content-Disposition", "")
    content_type = response.get("Content-Type", "")
    return (
        disposition.startswith("attachment")
        or isinstance(response, StreamingHttpResponse)
        or bool(response.streaming)
        or not content_type.startswith(("text/html", "application/json"))
    )


def _first_answer(route: Route, url: str, insiders: list[Client], person_pk: int) -> Any:
    """The first insider's successful GET: (response, Dee's new read rows, all new rows);
    rolled back after, so one page's writes do not change the next."""
    for client in insiders:
        with transaction.atomic():
            reads_before = AuditEvent.objects.filter(action=Action.VIEW, person_id=person_pk)
            before_reads, before_all = reads_before.count(), AuditEvent.objects.count()
            try:
                with transaction.atomic():
                    response = client.get(url)
                    if response.streaming:
                        b"".join(response.streaming_content)  # type: ignore[attr-defined]
            except Exception:  # a page that breaks is its own tests' business
                response = None
            found = None
            if response is not None and 200 <= response.status_code < 300:
                found = (
                    response,
                    reads_before.count() - before_reads,
                    AuditEvent.objects.count() - before_all,
                )
            transaction.set_rollback(True)
        if found:
            return found
    return None


def test_every_read_of_a_person_and_every_download_is_audited_once(worlds: Worlds):
    victim = worlds.victim
    person_pk = victim.person.pk
    insiders = [sign_in(Client(), victim.users[role]) for role in INSIDER_ORDER]
    problems: list[str] = []
    person_pages = downloads = 0
    for route in all_routes():
        if route.name in PUBLIC:
            continue
        answer = _first_answer(route, route.url(victim.ids), insiders, person_pk)
        if answer is None:
            continue
        response, dee_reads, rows = answer
        part_of_a_page = getattr(route.callback, "part_of_an_audited_page", False)
        if _names_a_person(route):
            person_pages += 1
            expected = 0 if part_of_a_page else 1
            if dee_reads != expected:
                problems.append(
                    f"{route.name} ({route.path}) wrote {dee_reads} read rows for the person, "
                    f"not {expected}: fetch the person through a get_X_for_user built on "
                    "people.access.get_person_for_user, and describe the read with record_view "
                    "at most once (audit/reads.py)."
                )
        elif _is_download(response):
            downloads += 1
            if rows < 1 and not part_of_a_page:
                problems.append(
                    f"{route.name} ({route.path}) served a download and wrote no audit row: "
                    "record the export (audit.services.record_request_event, Action.EXPORT)."
                )
    assert person_pages > 80 and downloads > 5, (person_pages, downloads)
    assert not problems, "\n".join(problems)
