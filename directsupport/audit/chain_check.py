"""Re-walking a hash chain (audit/chain.py): does every sealed row still hash to what its seal
says, does every seal still follow the one before, and is nothing extra in the sealed ranges?

The walk reads seals one at a time in order and, for each, only the rows of its range (at most
a seal's batch) as plain values, so memory stays bounded however long the chain. It stops at
the first thing that does not match and says which row (or seal) and what:

- ``changed``: the row's content no longer hashes to the hash sealed for it;
- ``missing``: a sealed row is gone without a destruction record (``forget_rows``);
- ``inserted out of chain``: a row sits at an id its seal recorded as never written;
- ``seal broken``: a seal was changed, removed or does not follow the one before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from .chain import (
    GENESIS_DIGEST,
    HASH_BYTES,
    Chain,
    digest_of,
    remove_ids,
    row_hash,
    span_size,
)
from .models import DestroyedRecord, RecordSeal

CHANGED = "changed"
MISSING = "missing"
INSERTED = "inserted out of chain"
SEAL_BROKEN = "seal broken"

_EXPLAINED = {
    CHANGED: "was changed after it was sealed",
    MISSING: "was deleted after it was sealed, with no record of its destruction",
    INSERTED: "was added at an id its seal says was never written",
}


@dataclass(frozen=True)
class Mismatch:
    chain: str
    what: str
    row_id: int | None
    seal: int | None
    detail: str = ""

    def __str__(self) -> str:
        if self.what == SEAL_BROKEN:
            return f"{self.chain}: seal {self.seal} is broken: {self.detail}"
        return f"{self.chain}: row {self.row_id} {_EXPLAINED[self.what]} (seal {self.seal})."


@dataclass
class ChainReport:
    chain: str
    rows_checked: int = 0
    seals_checked: int = 0
    destroyed: int = 0
    unsealed: int = 0
    open_gap_ids: int = 0  # ids still waiting for a late commit (PostgreSQL)
    head_digest: str = GENESIS_DIGEST
    mismatch: Mismatch | None = None
    _rows_in_gaps: set[int] = field(default_factory=set, repr=False)

    def summary(self) -> str:
        text = (
            f"{self.chain}: {self.rows_checked:,} rows in {self.seals_checked:,} seals checked"
            f" ({self.destroyed:,} destroyed under retention), {self.unsealed:,} not yet sealed"
        )
        if self.open_gap_ids:
            text += f", {self.open_gap_ids:,} ids waiting for a late commit"
        return text + (f"; head {self.head_digest}" if self.seals_checked else "")


def verify_chain(chain: Chain, *, using: str = "default") -> ChainReport:
    """Walk ``chain`` from its first seal; the report's ``mismatch`` is the first found."""
    report = ChainReport(chain.name)
    previous_digest, previous_last = GENESIS_DIGEST, 0
    open_gaps: list[list[Any]] = []
    seals = RecordSeal.objects.using(using).filter(chain=chain.name).order_by("sequence")
    for seal in seals.iterator(chunk_size=10):
        expected = report.seals_checked + 1
        problem = _broken_link(seal, expected, previous_digest, previous_last, open_gaps)
        if problem:
            report.mismatch = Mismatch(chain.name, SEAL_BROKEN, None, expected, problem)
            return report
        report.mismatch = _check_rows(chain, seal, using, report)
        if report.mismatch:
            return report
        report.seals_checked += 1
        report.rows_checked += seal.row_count
        previous_digest, previous_last = seal.digest, seal.last_id
        open_gaps = [list(gap) for gap in seal.open_gaps]
    report.head_digest = previous_digest
    report.open_gap_ids = span_size(open_gaps)
    # Rows after the last seal, and rows waiting in gaps still open for a late commit.
    report.unsealed = chain.rows.using(using).filter(pk__gt=previous_last).count() + len(
        report._rows_in_gaps
    )
    return report


def _broken_link(
    seal: RecordSeal,
    expected: int,
    previous_digest: str,
    previous_last: int,
    open_gaps: list[list[Any]],
) -> str:
    """Why ``seal`` does not follow from the seals before it ("" when it does)."""
    if seal.sequence != expected:
        return f"the chain jumps from seal {expected - 1} to seal {seal.sequence}"
    if seal.previous_digest != previous_digest:
        return f"it does not follow seal {expected - 1} (previous digest differs)"
    if digest_of(seal) != seal.digest:
        return "its content no longer matches its digest"
    if seal.first_id != previous_last + 1 or seal.last_id < previous_last:
        return f"its ids start at {seal.first_id}, not after {previous_last}"
    gaps = [[int(first), int(last)] for first, last in seal.gaps]
    if any(not seal.first_id <= first <= last <= seal.last_id for first, last in gaps):
        return "its gaps lie outside its ids"
    in_range = seal.last_id - seal.first_id + 1 - span_size(gaps)
    if seal.row_count != len(seal.late_ids) + in_range:
        return f"it counts {seal.row_count} rows, not {len(seal.late_ids) + in_range}"
    if len(bytes(seal.row_hashes)) != seal.row_count * HASH_BYTES:
        return "its row hashes do not match its row count"
    try:
        still_open = remove_ids(open_gaps, seal.late_ids)
    except ValueError:
        return "it takes in a late row that was not waiting in an open gap"
    sealed_at = _iso(seal.sealed_at)
    still_open += [[first, last, sealed_at] for first, last in gaps]
    for first, last in seal.closed_gaps:
        if not any(gap[:2] == [first, last] for gap in still_open):
            return f"it closes ids {first}-{last}, which were not an open gap"
        still_open = [gap for gap in still_open if gap[:2] != [first, last]]
    if sorted(map(tuple, still_open)) != sorted(map(tuple, seal.open_gaps)):
        return "its open gaps do not follow from the seal before"
    return ""


def _ids_outside(first: int, last: int, gaps: list[list[int]]) -> Iterator[int]:
    """The ids first..last that are not in ``gaps`` (spans), in order."""
    row_id = first
    for gap_first, gap_last in sorted(gaps):
        yield from range(row_id, gap_first)
        row_id = gap_last + 1
    yield from range(row_id, last + 1)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat()


def _check_rows(chain: Chain, seal: RecordSeal, using: str, report: ChainReport) -> Mismatch | None:
    """Compare the rows ``seal`` covers, and its gaps, with the table as it is now."""
    hashes = bytes(seal.row_hashes)
    late_ids: list[int] = list(seal.late_ids)
    sealed: dict[int, bytes] = {
        row_id: hashes[index * HASH_BYTES : (index + 1) * HASH_BYTES]
        for index, row_id in enumerate(late_ids)
    }
    for offset, row_id in enumerate(_ids_outside(seal.first_id, seal.last_id, seal.gaps)):
        index = len(late_ids) + offset
        sealed[row_id] = hashes[index * HASH_BYTES : (index + 1) * HASH_BYTES]

    rows = chain.rows.using(using).values_list(*seal.fields).order_by("pk")
    found: dict[int, bytes] = {}
    for source in (
        rows.filter(pk__gte=seal.first_id, pk__lte=seal.last_id),
        rows.filter(pk__in=late_ids) if late_ids else (),
    ):
        for row in source:
            if row[0] in sealed:
                found[row[0]] = row_hash(row)
            else:
                report._rows_in_gaps.add(row[0])
    destroyed = dict(
        DestroyedRecord.objects.using(using)
        .filter(Q(row_id__range=(seal.first_id, seal.last_id)) | Q(row_id__in=late_ids))
        .filter(chain=chain.name)
        .values_list("row_id", "row_hash")
    )

    for row_id in sorted(sealed):
        if row_id in found:
            if found[row_id] != sealed[row_id]:
                return Mismatch(chain.name, CHANGED, row_id, seal.sequence)
        elif row_id in destroyed:
            if bytes.fromhex(destroyed[row_id]) != sealed[row_id]:
                return Mismatch(chain.name, CHANGED, row_id, seal.sequence, "before destruction")
            report.destroyed += 1
        else:
            return Mismatch(chain.name, MISSING, row_id, seal.sequence)
    report._rows_in_gaps.difference_update(late_ids)
    for first, last in seal.closed_gaps:
        inserted = sorted(row_id for row_id in report._rows_in_gaps if first <= row_id <= last)
        if inserted:
            return Mismatch(chain.name, INSERTED, inserted[0], seal.sequence)
    return None
