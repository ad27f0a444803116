"""Reads of a person's information are audited by structure: where the person is fetched.

How it works, in one request:

1. The audit middleware (``audit.middleware.AuditDenialsMiddleware``) opens a ``ReadLedger``
   for the request before the view runs.
2. Fetching a person for a user (``people.access.get_person_for_user``, which every
   ``get_X_for_user`` of a person's pages, images and downloads goes through) calls
   ``note_read(person)``: the request has now *read* that person's information.
3. A view may *describe* the read in its own words with ``record_view`` (audit/services.py):
   "Plan Book versions", "Perfect Week page". The first description of a person in a request
   writes that person's row at once; any later one in the same request is not written again.
4. When the view has answered a GET (or HEAD) with success (2xx, a page, an image or a
   download), the middleware writes one "looked at" row for every person noted in step 2 that
   no view described: "Priya Shah (coordinator) looked at Dee Okafor's information", with the
   page's address. A refusal, a redirect or an error writes no read (a refusal writes its own
   "was refused" row).

So every successful page of a person's information leaves exactly one read row per person, and
a new view that forgets to describe its read is still audited. POSTs are changes, audited by
the services that make them; their reads are not written twice.

Outside a request (commands, tasks, the demo seeder) there is no ledger: ``note_read`` does
nothing and ``record_view`` writes as it always did.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, TypeVar

from django.db import models
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from .models import Action

READ_METHODS = frozenset({"GET", "HEAD"})


@dataclass
class ReadLedger:
    """The people this request has read, and which of them already have their row."""

    request: HttpRequest
    # person id -> what was fetched (the person): the subject of the row written at the end.
    noted: dict[int, models.Model] = field(default_factory=dict)
    recorded: set[int] = field(default_factory=set)
    # Set by @part_of_an_audited_page: this answer is a piece of a page already audited.
    part_of_a_page: bool = False

    def claim(self, person_id: int) -> bool:
        """True the first time a person's read is written in this request, False after."""
        if person_id in self.recorded:
            return False
        self.recorded.add(person_id)
        return True

    def write_unrecorded(self, response: HttpResponseBase) -> None:
        if self.request.method not in READ_METHODS or not 200 <= response.status_code < 300:
            return
        if self.part_of_a_page:
            return
        # Imported here: services imports this module for the ledger.
        from .services import record_request_event

        for person_id, subject in self.noted.items():
            if self.claim(person_id):
                record_request_event(
                    self.request, action=Action.VIEW, person_id=person_id, subject=subject
                )


View = TypeVar("View", bound=Callable[..., Any])

_ledger: ContextVar[ReadLedger | None] = ContextVar("audited_reads", default=None)


@contextmanager
def reads_of(request: HttpRequest) -> Iterator[ReadLedger]:
    """The ledger of this request's reads, current while the view runs."""
    ledger = ReadLedger(request)
    token = _ledger.set(ledger)
    try:
        yield ledger
    finally:
        _ledger.reset(token)


def current_ledger() -> ReadLedger | None:
    return _ledger.get()


def note_read(person: models.Model) -> None:
    """Called where a person is fetched for a user: this request reads their information."""
    ledger = _ledger.get()
    if ledger is not None and person.pk is not None:
        ledger.noted.setdefault(person.pk, person)


def part_of_an_audited_page(view: View) -> View:
    """For a view that only serves a piece of pages whose read is already audited (the
    person's photo, shown in the header of each of their pages): its request writes no read
    row of its own, so opening a page is one row, not one per picture on it. Explicit and
    rare; the audited-reads walk (tests/test_audited_reads.py) lists every view marked so."""

    @wraps(view)
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        ledger = _ledger.get()
        if ledger is not None and ledger.request is request:
            ledger.part_of_a_page = True
        return view(request, *args, **kwargs)

    answer.part_of_an_audited_page = True  # type: ignore[attr-defined]
    return answer  # type: ignore[return-value]
