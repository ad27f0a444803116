"""Hash chains that make the audit log and the ledger tamper-evident, on SQLite and PostgreSQL.

The database triggers stop the application changing these rows; the chain shows whether anyone
(the table owner, someone with the SQLite file) changed them anyway. Each chained table's rows
are sealed in batches into ``RecordSeal`` rows: a seal holds the SHA-256 of each row it covers
and a digest over those, its own fields and the previous seal's digest. ``verify_records``
(chain_check.py) recomputes every row's hash and every digest and names the first row that
does not match. Whoever keeps the head digest it prints (with an export, in the auditor's
file) can later prove the whole history up to that point is unchanged, even against someone
able to rewrite the seals too.

**Sealed by a task, not at insert.** An audit row is written on every page view. Sealing at
insert would make every request read the previous seal and write the next one, so all requests
would queue behind one row lock (PostgreSQL) or hold SQLite's single write lock longer. Instead
the commit of a new chained row schedules the ``seal_records`` task at most once every
``SEALING_DELAY`` seconds per process (a cache key; on the task worker it runs that many
seconds later, batching everything committed meanwhile), so a row is sealed within about a
minute and a request pays one ``cache.add`` at most. ``manage.py seal_records`` does the same
from cron, and seals everything at once after a bulk load.

**Late commits.** On PostgreSQL ids come from a sequence when a row is inserted, not when it is
committed: a long transaction may commit id 97 after the sealer has seen 98. So a seal does not
assume that a missing id will never exist: ids with no row inside its range are recorded as
open gaps, and later seals either take in the row that arrives (``late_ids``) or, after a grace
period (``SEAL_GAP_GRACE_SECONDS``, 15 minutes on PostgreSQL: longer than any transaction the
product keeps open), close the gap for good. A row that turns up in a closed gap is reported
as inserted out of the chain, never silently sealed. SQLite lets one writer at a time commit,
so there a missing id is never filled later and gaps close at once. A bulk load holding one
transaction open for longer than the grace period (only the scale generators do) should raise
``SEAL_GAP_GRACE_SECONDS`` in settings for its duration, or its rows will be reported.

**Canonical content.** A row's hash is the SHA-256 of a JSON array of every stored column, in
the order the seal lists them (``RecordSeal.fields``: the primary key, then the model's
columns): datetimes as ISO 8601 in UTC, dates ISO, decimals and UUIDs as text, bytes as hex,
nested JSON with sorted keys, no spaces, UTF-8. A column added later is covered by new seals
only; old seals keep their own list.

**Destroyed rows.** Retention may destroy chained rows. ``forget_rows`` records each row's hash
in ``DestroyedRecord`` (in the same transaction as the delete); sealing and checking then use
that hash for a row that is gone, so the chain stays verifiable without keeping the content.

Apps register their tables with ``register_chain`` from ``AppConfig.ready`` (audit registers
its log; funds registers the ledger, since audit may not import funds).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connections, models, transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.utils import timezone

from .models import DestroyedRecord, RecordSeal

logger = logging.getLogger(__name__)

GENESIS_DIGEST = "0" * 64
HASH_BYTES = 32
BATCH_SIZE = 5000
SEALING_DELAY = 30  # seconds: the most a new row waits before the sealing task runs
POSTGRES_GAP_GRACE = 15 * 60  # seconds an id may stay missing before its gap is closed
SQLITE_VARIABLES = 900  # stay under SQLite's limit on query parameters


@dataclass(frozen=True)
class Chain:
    """A table whose rows are sealed. ``name`` is what seals and reports call it."""

    name: str
    model: type[models.Model]

    @property
    def fields(self) -> list[str]:
        """Every stored column, the primary key first (rows are read and hashed in this order)."""
        meta = self.model._meta
        if meta.pk is None:
            raise TypeError(f"{self.model.__name__} has no primary key to chain by.")
        pk = meta.pk.attname
        return [pk, *(f.attname for f in meta.concrete_fields if f.attname != pk)]

    @property
    def rows(self) -> models.QuerySet[Any]:
        return self.model._default_manager.all()


_CHAINS: dict[str, Chain] = {}


def register_chain(name: str, model: type[models.Model]) -> Chain:
    """Seal ``model``'s rows as the chain ``name``; a new row's commit schedules sealing."""
    existing = _CHAINS.get(name)
    if existing is not None and existing.model is not model:
        raise ValueError(f"The chain {name!r} already seals {existing.model.__name__}.")
    chain = _CHAINS[name] = Chain(name, model)
    post_save.connect(_row_added, sender=model, weak=False, dispatch_uid=f"record-chain-{name}")
    return chain


def registered_chains(names: Iterable[str] | None = None) -> list[Chain]:
    """The chains named (all of them, in registration order, when ``names`` is None)."""
    if names is None:
        return list(_CHAINS.values())
    unknown = [name for name in names if name not in _CHAINS]
    if unknown:
        raise KeyError(f"No chain called {', '.join(unknown)}; there are {', '.join(_CHAINS)}.")
    return [_CHAINS[name] for name in names]


def chain_for_model(model: type[models.Model]) -> Chain:
    for chain in _CHAINS.values():
        if chain.model is model:
            return chain
    raise KeyError(f"{model.__name__} is not sealed in any chain.")


# --- Canonical content ------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    raise TypeError(f"Cannot seal a value of type {type(value).__name__}")


def canonical_row(values: Sequence[Any]) -> bytes:
    """The bytes a row's hash is taken of: its columns as one JSON array (see module docstring)."""
    text = json.dumps(
        list(values), default=_jsonable, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return text.encode("utf-8")


def row_hash(values: Sequence[Any]) -> bytes:
    return hashlib.sha256(canonical_row(values)).digest()


def seal_digest(
    *,
    chain: str,
    sequence: int,
    first_id: int,
    last_id: int,
    row_count: int,
    gaps: list[Any],
    late_ids: list[int],
    closed_gaps: list[Any],
    open_gaps: list[Any],
    fields: list[str],
    previous_digest: str,
    sealed_at: dt.datetime,
    row_hashes: bytes,
) -> str:
    """SHA-256 over everything a seal says and the previous seal's digest."""
    header = {
        "chain": chain,
        "sequence": sequence,
        "first_id": first_id,
        "last_id": last_id,
        "row_count": row_count,
        "gaps": gaps,
        "late_ids": late_ids,
        "closed_gaps": closed_gaps,
        "open_gaps": open_gaps,
        "fields": fields,
        "previous_digest": previous_digest,
        "sealed_at": _jsonable(sealed_at),
    }
    text = json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8") + b"\n" + row_hashes).hexdigest()


def digest_of(seal: RecordSeal) -> str:
    """A stored seal's digest recomputed from what it holds now."""
    return seal_digest(
        chain=seal.chain,
        sequence=seal.sequence,
        first_id=seal.first_id,
        last_id=seal.last_id,
        row_count=seal.row_count,
        gaps=seal.gaps,
        late_ids=seal.late_ids,
        closed_gaps=seal.closed_gaps,
        open_gaps=seal.open_gaps,
        fields=seal.fields,
        previous_digest=seal.previous_digest,
        sealed_at=seal.sealed_at,
        row_hashes=bytes(seal.row_hashes),
    )


# --- Spans of ids ([first, last], both included) ---------------------------------------------


def missing_spans(after: int, last: int, present: Sequence[int]) -> list[list[int]]:
    """The ids in after+1..last that are not in ``present`` (sorted), as spans."""
    spans: list[list[int]] = []
    expected = after + 1
    for row_id in present:
        if row_id > expected:
            spans.append([expected, row_id - 1])
        expected = row_id + 1
    if last >= expected:
        spans.append([expected, last])
    return spans


def span_size(spans: Iterable[Sequence[Any]]) -> int:
    return sum(int(span[1]) - int(span[0]) + 1 for span in spans)


def in_spans(row_id: int, spans: Iterable[Sequence[Any]]) -> bool:
    return any(int(span[0]) <= row_id <= int(span[1]) for span in spans)


def remove_ids(spans: list[list[Any]], ids: Iterable[int]) -> list[list[Any]]:
    """``spans`` (with any extra items kept, such as when first seen) less ``ids``."""
    result = [list(span) for span in spans]
    for row_id in sorted(ids):
        for index, span in enumerate(result):
            first, last, *extra = span
            if first <= row_id <= last:
                pieces = [[first, row_id - 1, *extra], [row_id + 1, last, *extra]]
                result[index : index + 1] = [piece for piece in pieces if piece[0] <= piece[1]]
                break
        else:
            raise ValueError(f"id {row_id} is not in an open gap")
    return result


def spans_query(spans: Iterable[Sequence[Any]], field: str = "pk") -> Q:
    query = Q(pk__in=[])
    for span in spans:
        query |= Q(**{f"{field}__range": (int(span[0]), int(span[1]))})
    return query


# --- Sealing ----------------------------------------------------------------------------------


def gap_grace(using: str) -> dt.timedelta:
    """How long an id may stay missing before its gap is closed (see the module docstring)."""
    configured = getattr(settings, "SEAL_GAP_GRACE_SECONDS", None)
    if configured is None:
        configured = POSTGRES_GAP_GRACE if connections[using].vendor == "postgresql" else 0
    return dt.timedelta(seconds=configured)


def seal_all(*, using: str = "default", names: Iterable[str] | None = None) -> dict[str, int]:
    """Seal every chain's unsealed rows; how many rows each chain sealed now."""
    return {chain.name: seal_chain(chain, using=using) for chain in registered_chains(names)}


def seal_chain(
    chain: Chain,
    *,
    using: str = "default",
    now: dt.datetime | None = None,
    grace: dt.timedelta | None = None,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Seal ``chain``'s committed rows not yet sealed, ``batch_size`` to a seal; rows sealed."""
    grace = gap_grace(using) if grace is None else grace
    total = 0
    while True:
        sealed, more = _seal_batch(
            chain, using=using, now=now or timezone.now(), grace=grace, batch_size=batch_size
        )
        total += sealed
        if not more:
            return total


def _hashes_of(
    chain: Chain, using: str, query: Q, destroyed_query: Q, limit: int | None
) -> dict[int, bytes]:
    """Row hashes by id: the rows ``query`` finds, and destroyed rows' recorded hashes.

    Rows are read before destruction records, so a row destroyed in between is seen one way
    or the other (a delete and its record commit together)."""
    rows = chain.rows.using(using).filter(query).order_by("pk").values_list(*chain.fields)
    hashes = {row[0]: row_hash(row) for row in (rows[:limit] if limit else rows)}
    destroyed = (
        DestroyedRecord.objects.using(using)
        .filter(destroyed_query, chain=chain.name)
        .order_by("row_id")
        .values_list("row_id", "row_hash")
    )
    for row_id, stored_hash in destroyed[:limit] if limit else destroyed:
        hashes.setdefault(row_id, bytes.fromhex(stored_hash))
    return hashes


def _seal_batch(
    chain: Chain, *, using: str, now: dt.datetime, grace: dt.timedelta, batch_size: int
) -> tuple[int, bool]:
    """Write the next seal of ``chain``: (rows it covers, whether more may be waiting)."""
    previous = (
        RecordSeal.objects.using(using)
        .filter(chain=chain.name)
        .order_by("-sequence")
        .only("sequence", "last_id", "open_gaps", "digest")
        .first()
    )
    after = previous.last_id if previous else 0
    open_gaps: list[list[Any]] = [list(gap) for gap in previous.open_gaps] if previous else []

    # Rows (and destroyed rows) after the last seal, in id order, one batch of them.
    fresh = _hashes_of(chain, using, Q(pk__gt=after), Q(row_id__gt=after), limit=batch_size)
    regular_ids = sorted(fresh)[:batch_size]
    more = len(regular_ids) >= batch_size
    last_id = regular_ids[-1] if regular_ids else after

    # Rows committed late into earlier gaps, then gaps that waited long enough.
    late: dict[int, bytes] = {}
    if open_gaps:
        late = _hashes_of(
            chain, using, spans_query(open_gaps), spans_query(open_gaps, "row_id"), limit=None
        )
        open_gaps = remove_ids(open_gaps, late)
    closed = [gap[:2] for gap in open_gaps if now - dt.datetime.fromisoformat(gap[2]) >= grace]
    open_gaps = [gap for gap in open_gaps if gap[:2] not in closed]
    new_gaps = missing_spans(after, last_id, regular_ids)
    if grace:
        open_gaps += [[*gap, _jsonable(now)] for gap in new_gaps]
    else:
        closed += new_gaps  # SQLite: an id missing now will never be written (see docstring)
    if not regular_ids and not late and not closed:
        return 0, False

    late_ids = sorted(late)
    row_hashes = b"".join(
        [*(late[row_id] for row_id in late_ids), *(fresh[row_id] for row_id in regular_ids)]
    )
    seal = RecordSeal(
        chain=chain.name,
        sequence=(previous.sequence + 1) if previous else 1,
        first_id=after + 1,
        last_id=last_id,
        row_count=len(late_ids) + len(regular_ids),
        gaps=new_gaps,
        late_ids=late_ids,
        closed_gaps=closed,
        open_gaps=open_gaps,
        fields=chain.fields,
        row_hashes=row_hashes,
        previous_digest=previous.digest if previous else GENESIS_DIGEST,
        sealed_at=now,
    )
    seal.digest = digest_of(seal)
    try:
        with transaction.atomic(using=using):
            seal.save(using=using)
    except IntegrityError:
        # Another sealer wrote this link first; it covers these rows, so stop here.
        logger.info("Another sealer sealed %s seal %s first.", chain.name, seal.sequence)
        return 0, False
    return seal.row_count, more


# --- Scheduling the sealing task --------------------------------------------------------------


def _row_added(sender: Any, instance: Any, created: bool, using: str, **kwargs: Any) -> None:
    if created:
        # Decide after the commit: a rolled-back row needs no seal and must not use up the slot.
        transaction.on_commit(lambda: request_sealing(using), using=using, robust=True)


def request_sealing(using: str = "default") -> bool:
    """Schedule ``seal_records`` unless this process already did in the last ``SEALING_DELAY``
    seconds; whether it did now. A worker runs it after the delay, so one run seals everything
    committed meanwhile; the immediate backend (tests) runs it now."""
    if not cache.add(f"audit:chain:sealing-scheduled:{using}", True, timeout=SEALING_DELAY):
        return False
    from .tasks import seal_records  # the task module imports this one

    task = seal_records
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + dt.timedelta(seconds=SEALING_DELAY))
    task.enqueue(using)
    return True


# --- Destroyed rows ---------------------------------------------------------------------------


def forget_rows(
    model: type[models.Model], ids: Iterable[int], *, using: str = "default"
) -> list[str]:
    """Record the hash of each row about to be destroyed, so its chain stays verifiable.

    Call it inside the transaction that deletes the rows (in audit maintenance), just before the
    delete: the record and the deletion then stand or fall together. Returns the rows' hashes
    (hex) in the order of ``ids``. A row changed behind the application's back keeps its changed
    hash here, so destroying it does not hide the change: the check still reports it.
    """
    chain = chain_for_model(model)
    if not connections[using].in_atomic_block:
        raise transaction.TransactionManagementError(
            "forget_rows must run inside the transaction that deletes the rows."
        )
    wanted = list(dict.fromkeys(int(row_id) for row_id in ids))
    hashes: dict[int, str] = {}
    for start in range(0, len(wanted), SQLITE_VARIABLES):
        chunk = wanted[start : start + SQLITE_VARIABLES]
        fields_by_id = _sealed_fields(chain, chunk, using)
        for fields in {tuple(fields) for fields in fields_by_id.values()}:
            rows = chain.rows.using(using).filter(pk__in=chunk).values_list(*fields)
            for row in rows:
                if tuple(fields_by_id[row[0]]) == fields:
                    hashes[row[0]] = row_hash(row).hex()
    missing = [row_id for row_id in wanted if row_id not in hashes]
    if missing:
        raise ValueError(f"No {chain.name} rows with ids {missing[:10]} to forget.")
    now = timezone.now()
    DestroyedRecord.objects.using(using).bulk_create(
        [
            DestroyedRecord(
                chain=chain.name, row_id=row_id, row_hash=hashes[row_id], destroyed_at=now
            )
            for row_id in wanted
        ]
    )
    return [hashes[row_id] for row_id in wanted]


def _sealed_fields(chain: Chain, ids: list[int], using: str) -> dict[int, list[str]]:
    """The columns each row's hash covers: its seal's list when sealed (a column may have been
    added since), the chain's current columns otherwise."""
    current = chain.fields
    fields = {row_id: current for row_id in ids}
    seals = (
        RecordSeal.objects.using(using)
        .filter(chain=chain.name, first_id__lte=max(ids), last_id__gte=min(ids))
        .values_list("first_id", "last_id", "fields")
    )
    for first_id, last_id, sealed in seals:
        if sealed != current:
            for row_id in ids:
                if first_id <= row_id <= last_id:
                    fields[row_id] = sealed
    return fields
