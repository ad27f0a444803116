"""Refused requests in the audit log without letting one user grow it without bound.

Every refusal (a NoAccess or ReadOnly raised by an access.py function) is worth recording, but a
signed-in user who reloads a refused page 500 times a minute, or walks through ids, must not
write 500 permanent rows. Audit rows are never updated, so the count cannot be added to the
first row afterwards. Instead, per user and per minute:

- the **first** refusal of a kind (same user, same page and method, same thing asked for, same
  reason) writes its row at once, as before;
- repeats are counted in the cache; when the count reaches 10, 100, 1,000 … a row says
  "N times so far", so a burst is visible while it happens, at most one row per power of ten;
- once the minute is over, the next request from that user (of any kind) writes one row with
  the exact total for the minute, if there were repeats since the last row.
- A user refused for more than DISTINCT_KINDS_PER_MINUTE different things in a minute (walking
  through ids) has the rest counted together as "other pages", in the same way.

So the rows per user per minute are bounded (about (DISTINCT_KINDS_PER_MINUTE + 1) times (2 + the
number of powers of ten reached)), whatever the number of requests.

The counts live in the cache, which is per app server (see README "Cache"): with several
servers each counts its own share, so the bound is per server. If a user never sends another
request after a burst, the final total is not written; the last power-of-ten row still shows
the burst's size to within a factor of ten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import asdict, dataclass
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from directsupport.lib.denials import AuditedDenial
from directsupport.lib.http import client_ip

from .models import Action
from .services import record_event, record_request_event

WINDOW_SECONDS = 60
DISTINCT_KINDS_PER_MINUTE = 20
# Counts are kept a little longer than their minute, so the total is still there when the
# user's next request comes a few minutes later (the idle timeout is 30 minutes).
KEEP_SECONDS = 45 * 60
OTHER_PAGES_REASON = "Several different pages, counted together"


@dataclass(frozen=True)
class DenialKind:
    """What makes two refusals "the same": who, which page and how (without the query
    string), what was asked for, and why not."""

    method: str
    path: str
    subject_type: str
    subject_id: str
    person_id: int | None
    reason: str

    def signature(self, who: str) -> str:
        parts = [who, self.method, self.path, self.subject_type, self.subject_id]
        text = "|".join([*parts, str(self.person_id), self.reason])
        return hashlib.sha256(text.encode()).hexdigest()[:32]


def record_denial(request: HttpRequest, denial: AuditedDenial) -> None:
    """Audit one refusal, folding repeats within the minute into counts (see module doc)."""
    who = _who(request)
    window = _window()
    flush_finished_minutes(request, who=who, window=window)
    kind = DenialKind(
        method=request.method or "",
        path=request.path[:500],
        subject_type=denial.subject_type,
        subject_id=denial.subject_id,
        person_id=denial.person_id,
        reason=denial.reason,
    )
    signature = kind.signature(who)
    if cache.get(_count_key(signature, window)) is None and not _room_for_another_kind(who, window):
        kind = DenialKind(
            method="",
            path="",
            subject_type="",
            subject_id="",
            person_id=None,
            reason=OTHER_PAGES_REASON,
        )
        signature = kind.signature(who)
    count_key = _count_key(signature, window)
    cache.add(count_key, 0, timeout=KEEP_SECONDS)
    try:
        count = cache.incr(count_key)
    except ValueError:  # expired between add and incr
        cache.set(count_key, 1, timeout=KEEP_SECONDS)
        count = 1
    if count == 1:
        _write(request, kind, times=None, window=window)
        _remember_pending(who, signature, window, kind)
    elif _is_power_of_ten(count):
        _write(request, kind, times=count, window=window, so_far=True)
        cache.set(_written_key(signature, window), count, timeout=KEEP_SECONDS)


def flush_finished_minutes(
    request: HttpRequest, *, who: str | None = None, window: int | None = None
) -> None:
    """Write the total for each of this user's finished minutes that had unrecorded repeats.

    Called on every request (audit middleware) and before each refusal: one cache read when
    there is nothing to do.
    """
    who = who or _who(request)
    window = _window() if window is None else window
    pending_key = _pending_key(who)
    pending: list[dict[str, Any]] = cache.get(pending_key) or []
    if not pending:
        return
    still_open = [entry for entry in pending if entry["window"] >= window]
    finished = [entry for entry in pending if entry["window"] < window]
    if not finished:
        return
    cache.set(pending_key, still_open, timeout=KEEP_SECONDS)
    for entry in finished:
        signature, entry_window = entry["signature"], entry["window"]
        total = cache.get(_count_key(signature, entry_window)) or 0
        written = cache.get(_written_key(signature, entry_window)) or 1
        # Only one request writes the total, however many arrive at once.
        if total > written and cache.add(
            _written_key(signature, entry_window) + ":final", True, timeout=KEEP_SECONDS
        ):
            _write(request, DenialKind(**entry["kind"]), times=total, window=entry_window)


def _write(
    request: HttpRequest,
    kind: DenialKind,
    *,
    times: int | None,
    window: int,
    so_far: bool = False,
) -> None:
    """The first refusal is written as it happened; a count row names the refused page (not
    the page the user is on when the minute's total is written)."""
    if times is None:
        record_request_event(
            request,
            action=Action.DENIED,
            person_id=kind.person_id,
            subject_type=kind.subject_type,
            subject_id=kind.subject_id,
            summary=kind.reason,
        )
        return
    record_event(
        actor=getattr(request, "user", None),
        action=Action.DENIED,
        person_id=kind.person_id,
        subject_type=kind.subject_type,
        subject_id=kind.subject_id,
        summary=kind.reason,
        changes={"times": times, "minute_from": _minute_text(window), "so_far": so_far},
        ip_address=client_ip(request),
        path=kind.path,
    )


def _room_for_another_kind(who: str, window: int) -> bool:
    """Whether this user may have one more kind of refusal written out in this minute."""
    key = f"audit-denial-kinds:{who}:{window}"
    cache.add(key, 0, timeout=KEEP_SECONDS)
    try:
        return cache.incr(key) <= DISTINCT_KINDS_PER_MINUTE
    except ValueError:
        return True


def _remember_pending(who: str, signature: str, window: int, kind: DenialKind) -> None:
    pending_key = _pending_key(who)
    pending: list[dict[str, Any]] = cache.get(pending_key) or []
    pending.append({"signature": signature, "window": window, "kind": asdict(kind)})
    cache.set(pending_key, pending, timeout=KEEP_SECONDS)


def _who(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"address:{client_ip(request)}"


def _window() -> int:
    return int(time.time() // WINDOW_SECONDS)


def _minute_text(window: int) -> str:
    """The minute as local time, e.g. '14:03 on 2 March 2026', for the row's wording."""
    moment = timezone.localtime(dt.datetime.fromtimestamp(window * WINDOW_SECONDS, tz=dt.UTC))
    return f"{moment:%H:%M} on {moment.day} {moment:%B %Y}"


def _is_power_of_ten(count: int) -> bool:
    while count >= 10 and count % 10 == 0:
        count //= 10
    return count == 1


def _count_key(signature: str, window: int) -> str:
    return f"audit-denial-count:{signature}:{window}"


def _written_key(signature: str, window: int) -> str:
    return f"audit-denial-written:{signature}:{window}"


def _pending_key(who: str) -> str:
    return f"audit-denials-pending:{who}"
