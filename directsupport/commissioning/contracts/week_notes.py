"""Contracted support on the person's Perfect Week: each week entry whose need is met by a
running contract says so ("Contracted: Splash Swim CIC, £31.50 an hour"). Registered with the
week app's ``entry_notes`` registry from commissioning's AppConfig.ready."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from directsupport.lib.money import format_pence
from directsupport.people.models import Person
from directsupport.week.models import WeekEntry

from ..models import ContractParty, ContractStatus

SHOWN_STATES = (ContractStatus.ACTIVE, ContractStatus.ENDING)


def contracted_notes(person: Person, entries: Sequence[WeekEntry]) -> Mapping[int, list[str]]:
    """{week entry id: notes} for the entries met by the person's running contracts: one
    query."""
    notes: dict[int, list[str]] = {}
    parties = ContractParty.objects.filter(
        person=person,
        leaves_on__isnull=True,
        contract__status__in=SHOWN_STATES,
        need__week_entry_id__in=[entry.pk for entry in entries],
    ).select_related("contract__supplier__organisation", "need")
    for party in parties:
        contract = party.contract
        words = (
            f"Contracted: {contract.supplier.organisation.name}, "
            f"{format_pence(contract.pence_per_hour)} an hour"
        )
        if contract.status == ContractStatus.ENDING and contract.ends_on is not None:
            words += f", until {contract.ends_on:%-d %B %Y}"
        if party.need is not None and party.need.week_entry_id is not None:
            notes.setdefault(party.need.week_entry_id, []).append(words)
    return notes
