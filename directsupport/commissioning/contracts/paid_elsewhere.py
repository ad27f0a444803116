"""Which of a person's Perfect Week entries their contracts pay for, and on which days: given
to funds' ``paid_elsewhere`` registry, so the month's planned support at the provider's rate
card leaves them out and the contract's own postings (postings.py) plan them instead, once.

The days are those the person is paid for in the contract (postings.PAID_STATES): from the
later of the contract's start and the day they joined, to the earlier of its end (inclusive)
and the day before they left (``leaves_on`` is their first day out)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from directsupport.funds.paid_elsewhere import Window
from directsupport.people.models import Person

from ..models import ContractParty
from .postings import PAID_STATES


def contracted_entries(
    person: Person, start: dt.date, end: dt.date
) -> Mapping[int, Sequence[Window]]:
    covered: dict[int, list[Window]] = {}
    parties = ContractParty.objects.filter(
        person=person, contract__status__in=PAID_STATES, need__week_entry__isnull=False
    ).select_related("contract", "need")
    for party in parties:
        contract = party.contract
        first = max(contract.starts_on, party.joins_on)
        last: dt.date | None = None
        if contract.ends_on is not None:
            last = contract.ends_on
        if party.leaves_on is not None:
            before_leaving = party.leaves_on - dt.timedelta(days=1)
            last = before_leaving if last is None else min(last, before_leaving)
        if (last is not None and (last < first or last < start)) or first > end:
            continue
        entry_id = party.need.week_entry_id if party.need is not None else None
        if entry_id is not None:
            covered.setdefault(entry_id, []).append((first, last))
    return covered
