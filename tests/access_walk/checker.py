"""Sends one request and says, positively, whether the answer proves the user was denied.

Each request runs inside a savepoint that is always rolled back, after the tables have been
fingerprinted, so every request meets the same untouched world and a change made by one
request cannot hide (or cause) another's.

For a URL naming another organisation's objects the answer must be 404 (405 when the view does
not take the method) and no checked table may change. For a page without ids (the user's own
lists and forms) any answer but a server error is fine, but it must show none of the other
organisation's words, must change or remove no existing row, and any row it adds must not point
at the other organisation's rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Model
from django.http import HttpResponseBase
from django.test import Client, TestCase

from .tables import (
    EXCLUDED_TABLES,
    TableFingerprints,
    TableRows,
    changed_tables,
    describe_changes,
)

METHODS = ("get", "post", "put", "patch", "delete")
DENIED = frozenset({404, 405})

RowKeys = dict[str, set[Any]]


def _models_by_table() -> dict[str, type[Model]]:
    return {
        m._meta.db_table: m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.db_table not in EXCLUDED_TABLES
    }


def row_keys() -> RowKeys:
    """The primary keys of every row of every model's table, by table."""
    return {
        table: set(model._default_manager.values_list("pk", flat=True))
        for table, model in _models_by_table().items()
    }


def rows_added(before: RowKeys, after: RowKeys) -> RowKeys:
    return {table: pks - before.get(table, set()) for table, pks in after.items()}


@dataclass
class Finding:
    """One request whose answer did not prove denial."""

    who: str
    route: str
    method: str
    url: str
    status: int | str
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        head = f"{self.route} {self.method.upper()} {self.url} as {self.who}: {self.status}"
        return "\n  ".join([head, *self.problems])


def _body(response: HttpResponseBase) -> str:
    if getattr(response, "streaming", False):
        # Reading it to the end closes it the test client's way; calling close() here would
        # send request_finished, which closes the test's database connection.
        content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    else:
        content = response.content  # type: ignore[attr-defined]
    return content.decode("utf-8", errors="replace")


def _fresh(data: dict[str, Any]) -> dict[str, Any]:
    """The same data with new upload objects (an upload can be read only once)."""
    fresh = {}
    for name, value in data.items():
        if isinstance(value, SimpleUploadedFile):
            value.seek(0)
            value = SimpleUploadedFile(
                value.name or "upload", value.read(), value.content_type or "text/plain"
            )
        fresh[name] = value
    return fresh


def _send(client: Client, method: str, url: str, data: dict[str, Any]) -> HttpResponseBase:
    if method == "get":
        return client.get(url)
    if method == "post":
        return client.post(url, _fresh(data))
    text = {k: v for k, v in data.items() if not isinstance(v, SimpleUploadedFile)}
    body = urlencode(text)
    send = getattr(client, method)
    response: HttpResponseBase = send(url, body, content_type="application/x-www-form-urlencoded")
    return response


@dataclass
class Exchange:
    status: int | str
    body: str
    location: str
    after: dict[str, TableRows]
    touched: list[str]  # the other organisation's rows changed, or new rows pointing at them


class Checker:
    """Holds what the world looked like before the walk and judges each request against it."""

    def __init__(self, *, victim_rows: RowKeys, victim_words: list[str], who: str) -> None:
        self.fingerprints = TableFingerprints()
        self.models = _models_by_table()
        self.victim_rows = {t: pks for t, pks in victim_rows.items() if pks and t in self.models}
        self.baseline: dict[str, TableRows] = self.fingerprints.take()
        self.baseline_keys = row_keys()
        self.victim_baseline = {table: self._victim_values(table) for table in self.victim_rows}
        self.victim_words = victim_words
        self.who = who
        self.requests = 0

    def _victim_values(self, table: str) -> list[tuple[Any, ...]]:
        """Every column of the other organisation's rows of this table, in key order."""
        model = self.models[table]
        columns = [f.attname for f in model._meta.concrete_fields]
        rows = model._default_manager.filter(pk__in=self.victim_rows[table]).order_by("pk")
        return list(rows.values_list(*columns))

    def _exchange(self, client: Client, method: str, url: str, data: dict[str, Any]) -> Exchange:
        """Send, fingerprint, roll back."""
        self.requests += 1
        location = ""
        with transaction.atomic():
            writes_before = self.fingerprints.writes()
            try:
                with transaction.atomic(), TestCase.captureOnCommitCallbacks(execute=True):
                    response = _send(client, method, url, data)
                    body = _body(response)
                status: int | str = response.status_code
                location = response.get("Location", "")
            except Exception as error:  # a crash is a finding, not the end of the walk
                status, body = f"server error {type(error).__name__}: {error}"[:300], ""
            after = self.fingerprints.take_after(self.baseline, writes_before)
            # Read before the rollback below puts every row back.
            touched = self._victim_rows_touched(after) + self._added_rows_pointing_at_victim(after)
            transaction.set_rollback(True)
        return Exchange(status, body, location, after, touched)

    def _victim_rows_touched(self, after: dict[str, TableRows]) -> list[str]:
        return [
            f"changed or removed the other organisation's rows of {table}"
            for table in changed_tables(self.baseline, after)
            if table in self.victim_rows
            and self._victim_values(table) != self.victim_baseline[table]
        ]

    def _added_rows_pointing_at_victim(self, after: dict[str, TableRows]) -> list[str]:
        problems = []
        for table in self.baseline:
            if after[table].checksum == self.baseline[table].checksum or table not in self.models:
                continue
            model = self.models[table]
            links = [f for f in model._meta.concrete_fields if f.many_to_one or f.one_to_one]
            new_rows = model._default_manager.exclude(pk__in=self.baseline_keys[table])
            for values in new_rows.values_list("pk", *(f.attname for f in links)):
                for link, value in zip(links, values[1:], strict=True):
                    target = link.related_model._meta.db_table  # type: ignore[union-attr]
                    if value in self.victim_rows.get(target, ()):
                        problems.append(
                            f"added {table} row {values[0]} pointing at the other "
                            f"organisation's {target} row {value} ({link.name})"
                        )
        return problems

    def check_denied(
        self,
        client: Client,
        route: str,
        method: str,
        url: str,
        data: dict[str, Any],
        *,
        own_url: str = "",
    ) -> Finding | None:
        """A URL naming the other organisation's objects: 404 or 405, nothing changed.

        ``own_url`` is given for a URL mixing the user's own objects with one of the other
        organisation's: there a 403 is also right when the user gets 403 for the same method on
        their own objects alone (their role may only read their own person, say), since it
        then says nothing about the other organisation's object.
        """
        sent = self._exchange(client, method, url, data)
        status, after = sent.status, sent.after
        problems = []
        refused_by_role = (
            status == 403
            and bool(own_url)
            and self._exchange(client, method, own_url, data).status == 403
        )
        if status not in DENIED and not refused_by_role:
            problems.append(f"answered {status}; an outsider must get 404 (or 405)")
        changes = describe_changes(self.baseline, after)
        if changes:
            problems.append("changed tables:")
            problems += [f"  {line}" for line in changes]
        if not problems:
            return None
        return Finding(self.who, route, method, url, status, problems)

    def check_own_page(
        self, client: Client, route: str, method: str, url: str, data: dict[str, Any]
    ) -> Finding | None:
        """A page without ids: the user's own; it may answer, but leaks and touches nothing of
        the other organisation."""
        sent = self._exchange(client, method, url, data)
        status, body = sent.status, sent.body
        problems: list[str] = []
        if isinstance(status, str) or status >= 500:
            problems.append(f"answered {status}")
        leaked = [word for word in self.victim_words if word in body]
        if leaked:
            problems.append(f"shows the other organisation's {leaked}")
        problems += sent.touched
        if not problems:
            return None
        return Finding(self.who, route, method, url, status, problems)

    def check_signed_out(
        self, client: Client, route: str, url: str, login_url: str
    ) -> Finding | None:
        """Anonymous: a private page sends to sign-in and changes nothing."""
        sent = self._exchange(client, "get", url, {})
        status = sent.status
        problems = []
        if status != 302 or not sent.location.startswith(login_url):
            problems.append(
                f"answered {status} {sent.location}; the signed-out must be sent to sign in"
            )
        changes = describe_changes(self.baseline, sent.after)
        if changes:
            problems += ["changed tables:", *changes]
        if not problems:
            return None
        return Finding("signed out", route, "get", url, status, problems)
