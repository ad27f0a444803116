"""The ISF programme in figures: how many people are on live ISFs, the yearly budget, the block
contracts and where each person's ISF has got to. Three queries however many people.

A person is on a live ISF when their fund has an APPROVED agreement whose dates cover today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from django.db import models
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from directsupport.accounts.models import Organisation
from directsupport.people.models import Person

from ..models import (
    Agreement,
    AgreementStatus,
    BlockContract,
    ContractSplit,
    CoveredPerson,
    SplitStatus,
)


class IsfStatus(models.TextChoices):
    NO_ISF = "no_isf", "No ISF yet"
    WAITING_FOR_PERSON = "waiting_for_person", "Agreement waiting for the person"
    WAITING_FOR_COUNCIL = "waiting_for_council", "Agreed, waiting for the council"
    BEING_REDRAFTED = "being_redrafted", "Agreement being redrafted"
    NOT_IN_FORCE = "not_in_force", "Approved, not in force today"
    LIVE = "live", "Live ISF"


@dataclass(frozen=True)
class PersonRow:
    person_id: int
    name: str
    fund_reference: str
    status: IsfStatus
    annual_budget_pence: int | None


@dataclass(frozen=True)
class ContractRow:
    contract: BlockContract
    people_count: int
    split_status: str  # the latest split's status, "" before any split

    @property
    def split_words(self) -> str:
        if not self.split_status:
            return "Not split yet"
        return f"Latest split: {SplitStatus(self.split_status).label.lower()}"


@dataclass(frozen=True)
class ProgrammeFigures:
    people: tuple[PersonRow, ...]
    contracts: tuple[ContractRow, ...]
    live_count: int
    live_budget_pence: int  # the yearly budgets of live ISFs, added up
    contracts_value_pence: int  # the annual values of block contracts in force today

    @property
    def people_count(self) -> int:
        return len(self.people)

    def count(self, status: IsfStatus) -> int:
        return sum(1 for row in self.people if row.status == status)

    @property
    def by_status(self) -> list[tuple[str, int]]:
        return [(status.label, self.count(status)) for status in reversed(IsfStatus)]


class AgreementFacts(NamedTuple):
    person_id: int
    fund_reference: str
    version: int
    status: str
    starts_on: dt.date
    ends_on: dt.date
    annual_budget_pence: int


def _status(agreements: list[AgreementFacts], today: dt.date) -> tuple[IsfStatus, int | None]:
    """Where the ISF has got to, and the yearly budget that goes with it."""
    latest = {a.status: a for a in sorted(agreements, key=lambda a: a.version)}
    approved = latest.get(AgreementStatus.APPROVED)
    if approved and approved.starts_on <= today <= approved.ends_on:
        return IsfStatus.LIVE, approved.annual_budget_pence
    for status, shown in (
        (AgreementStatus.AGREED, IsfStatus.WAITING_FOR_COUNCIL),
        (AgreementStatus.DRAFT, IsfStatus.WAITING_FOR_PERSON),
    ):
        if status in latest:
            return shown, latest[status].annual_budget_pence
    if approved:
        return IsfStatus.NOT_IN_FORCE, approved.annual_budget_pence
    if agreements:
        return IsfStatus.BEING_REDRAFTED, None
    return IsfStatus.NO_ISF, None


def _people(provider: Organisation | None, council: Organisation | None) -> QuerySet[Person]:
    people = Person.objects.all()
    if provider is not None:
        people = people.filter(organisation=provider)
    if council is not None:
        people = people.filter(funding_council=council)
    return people


def programme_figures(
    *,
    today: dt.date,
    provider: Organisation | None = None,
    council: Organisation | None = None,
) -> ProgrammeFigures:
    """The programme for a provider (everyone it supports) or a council (everyone it funds):
    three queries, however many people and contracts."""
    if provider is None and council is None:
        raise ValueError("Give a provider or a council.")
    people = list(
        _people(provider, council).only("pk", "first_name", "preferred_name", "last_name")
    )
    agreements_found = Agreement.objects.filter(fund__person__in=_people(provider, council))
    if provider is not None:
        agreements_found = agreements_found.filter(fund__provider=provider)
    if council is not None:
        agreements_found = agreements_found.filter(fund__council=council)
    by_person: dict[int, list[AgreementFacts]] = {}
    references: dict[int, str] = {}
    for values in agreements_found.values_list(
        "fund__person_id",
        "fund__reference",
        "version",
        "status",
        "starts_on",
        "ends_on",
        "annual_budget_pence",
    ):
        facts = AgreementFacts(*values)
        by_person.setdefault(facts.person_id, []).append(facts)
        references[facts.person_id] = facts.fund_reference
    rows = []
    for person in people:
        status, budget = _status(by_person.get(person.pk, []), today)
        rows.append(
            PersonRow(
                person_id=person.pk,
                name=person.display_name,
                fund_reference=references.get(person.pk, ""),
                status=status,
                annual_budget_pence=budget,
            )
        )
    contracts = _contract_rows(provider, council)
    return ProgrammeFigures(
        people=tuple(rows),
        contracts=contracts,
        live_count=sum(1 for row in rows if row.status == IsfStatus.LIVE),
        live_budget_pence=sum(
            row.annual_budget_pence or 0 for row in rows if row.status == IsfStatus.LIVE
        ),
        contracts_value_pence=sum(
            row.contract.annual_value_pence
            for row in contracts
            if row.contract.starts_on <= today <= row.contract.ends_on
        ),
    )


def _contract_rows(
    provider: Organisation | None, council: Organisation | None
) -> tuple[ContractRow, ...]:
    latest_split = ContractSplit.objects.filter(contract=OuterRef("pk")).order_by(
        "-created_at", "-id"
    )
    covered = (
        CoveredPerson.objects.filter(contract=OuterRef("pk"))
        .order_by()
        .values("contract")
        .annotate(count=Count("pk"))
        .values("count")
    )
    found = BlockContract.objects.select_related("council", "provider").annotate(
        split_status=Subquery(latest_split.values("status")[:1]),
        people_count=Subquery(covered),
    )
    scope = Q()
    if provider is not None:
        scope &= Q(provider=provider)
    if council is not None:
        scope &= Q(council=council)
    return tuple(
        ContractRow(
            contract=contract,
            people_count=contract.people_count or 0,
            split_status=contract.split_status or "",
        )
        for contract in found.filter(scope)
    )
