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
    # Only the five values the notes say: whole contracts, suppliers and organisations were most
    # of the Perfect Week page's database work.
    parties = (
        ContractParty.objects.filter(
            person=person,
            leaves_on__isnull=True,
            contract__status__in=SHOWN_STATES,
            need__week_entry_id__in=[entry.pk for entry in entries],
        )
        # The model's own order (by contract: the latest first, then each party).
        .order_by("-contract__starts_on", "-contract_id", "pk")
        .values_list(
            "need__week_entry_id",
            "contract__supplier__organisation__name",
            "contract__pence_per_hour",
            "contract__status",
            "contract__ends_on",
        )
    )
    for entry_id, supplier, pence_per_hour, status, ends_on in parties:
        words = f"Contracted: {supplier}, {format_pence(pence_per_hour)} an hour"
        if status == ContractStatus.ENDING and ends_on is not None:
            words += f", until {ends_on:%-d %B %Y}"
        notes.setdefault(entry_id, []).append(words)
    return notes
