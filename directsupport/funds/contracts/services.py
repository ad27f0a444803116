"""Block contracts and how they become ISFs: making a contract and changing who it covers,
splitting it (draft, send to the council, the council's decision; the preview before anything
is saved is ``split_preview``).

Shares always add up to the contract's annual value exactly: ``split.largest_remainder`` with the
rule in ``models.REMAINDER_RULE``. Approving a split opens each person's fund (or reuses it) and
drafts their agreement for the person to agree, all in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import dateformat, timezone

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import OrganisationKind
from directsupport.audit.models import Action
from directsupport.audit.services import delete_and_record, model_changes, record_change
from directsupport.lib.money import format_pence
from directsupport.people.models import Person

from ..models import (
    Agreement,
    AgreementStatus,
    BlockContract,
    ContractSplit,
    CoveredPerson,
    FeeKind,
    Fund,
    SplitLine,
    SplitStatus,
)
from .split_preview import hours_words, names_of, preview_split

UK_DATE = "j F Y"
LIVE_SPLIT_STATUSES = (SplitStatus.SUBMITTED, SplitStatus.APPROVED)
# The first agreement's terms until finance and the person change them (ISF.md).
DEFAULT_FEE_BASIS_POINTS = 800
FIRST_REVIEW_AFTER = dt.timedelta(weeks=7)
OPEN_AGREEMENT = (AgreementStatus.DRAFT, AgreementStatus.AGREED)

Covered = Sequence[tuple[Person, int]]


def _uk(day: dt.date) -> str:
    return dateformat.format(day, UK_DATE)


# --- Contracts and who they cover ---------------------------------------------------------------


def _check_covered(*, provider: Organisation, council: Organisation, covered: Covered) -> None:
    """Everyone covered is supported by the provider, funded by the council, and there once."""
    ids = [person.pk for person, _ in covered]
    if len(ids) != len(set(ids)):
        raise ValidationError("Each person can be covered by the contract only once.")
    not_ours = [person for person, _ in covered if person.organisation_id != provider.pk]
    if not_ours:
        raise ValidationError(f"{names_of(not_ours)} is not supported by {provider.name}.")
    elsewhere = [person for person, _ in covered if person.funding_council_id != council.pk]
    if elsewhere:
        raise ValidationError(
            f"{names_of(elsewhere)}: not funded by {council.name}, so not covered by its contract. "
            "Check the funding council on their record."
        )
    if any(minutes < 0 for _, minutes in covered):
        raise ValidationError("Assessed hours cannot be less than 0.")


@transaction.atomic
def create_contract(
    *,
    provider: Organisation,
    council: Organisation,
    reference: str,
    title: str,
    annual_value_pence: int,
    starts_on: dt.date,
    ends_on: dt.date,
    covered: Covered,
    actor: User,
    request: HttpRequest | None = None,
) -> BlockContract:
    """A new block contract with the people it covers and their assessed weekly minutes.
    Refused (ValidationError, by field where there is one) when the facts do not fit."""
    if council.kind != OrganisationKind.COMMISSIONER:
        raise ValidationError({"council": "Choose a council."})
    if annual_value_pence <= 0:
        raise ValidationError({"annual_value": "Enter the contract's value for a year."})
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": "The contract must end after the day it starts."})
    reference = reference.strip()
    if BlockContract.objects.filter(provider=provider, reference__iexact=reference).exists():
        raise ValidationError(
            {"reference": f"There is already a contract {reference}. Give this one its own."}
        )
    _check_covered(provider=provider, council=council, covered=covered)
    contract = BlockContract(
        provider=provider,
        council=council,
        reference=reference,
        title=title.strip(),
        annual_value_pence=annual_value_pence,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    contract.full_clean()
    contract.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=contract,
        summary=f"Added block contract {contract.reference} with {council.name}",
        changes=model_changes(
            {},
            {
                "reference": contract.reference,
                "title": contract.title,
                "council": council.name,
                "annual_value": format_pence(annual_value_pence),
                "starts_on": starts_on,
                "ends_on": ends_on,
                "people": len(covered),
            },
        ),
    )
    for person, minutes in covered:
        _cover(contract, person, minutes, actor=actor, request=request)
    return contract


def _cover(
    contract: BlockContract,
    person: Person,
    minutes: int,
    *,
    actor: User,
    request: HttpRequest | None,
) -> None:
    row = CoveredPerson(contract=contract, person=person, assessed_weekly_minutes=minutes)
    row.full_clean()
    row.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=person.pk,
        subject=row,
        summary=f"Covered by block contract {contract.reference}, {hours_words(minutes)}",
        changes=model_changes({}, {"assessed_weekly_minutes": minutes}),
    )


@dataclass(frozen=True)
class CoverageChange:
    added: int
    removed: int
    changed: int
    drafts_removed: int

    @property
    def anything(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def live_split(contract: BlockContract) -> ContractSplit | None:
    """The split waiting for the council, or approved by it, if there is one."""
    return contract.splits.filter(status__in=LIVE_SPLIT_STATUSES).first()


@transaction.atomic
def update_covered(
    *,
    contract: BlockContract,
    covered: Covered,
    actor: User,
    request: HttpRequest | None = None,
) -> CoverageChange:
    """Who the contract covers, and their assessed hours, as given. Only while no split waits for
    the council or has been approved. Draft splits share out to the old list, so they go."""
    contract = (
        BlockContract.objects.select_for_update().select_related("council").get(pk=contract.pk)
    )
    waiting = live_split(contract)
    if waiting is not None:
        raise ValidationError(
            "The people covered cannot change now: a split of this contract is "
            f"{waiting.get_status_display().lower()}."
        )
    _check_covered(provider=contract.provider, council=contract.council, covered=covered)
    wanted = {person.pk: (person, minutes) for person, minutes in covered}
    existing = {row.person_id: row for row in contract.covered.select_related("person")}
    removed = [row for person_id, row in existing.items() if person_id not in wanted]
    for gone in removed:
        delete_and_record(
            request,
            actor=actor,
            instance=gone,
            person_id=gone.person_id,
            summary=f"No longer covered by block contract {contract.reference}",
            before={"assessed_weekly_minutes": gone.assessed_weekly_minutes},
        )
    added = changed = 0
    for person_id, (person, minutes) in wanted.items():
        row = existing.get(person_id)
        if row is None:
            _cover(contract, person, minutes, actor=actor, request=request)
            added += 1
        elif row.assessed_weekly_minutes != minutes:
            before = {"assessed_weekly_minutes": row.assessed_weekly_minutes}
            row.assessed_weekly_minutes = minutes
            row.full_clean()
            row.save(update_fields=["assessed_weekly_minutes"])
            record_change(
                request,
                actor=actor,
                action=Action.UPDATE,
                person_id=person_id,
                subject=row,
                summary=f"Assessed hours under {contract.reference} now {hours_words(minutes)}",
                changes=model_changes(before, {"assessed_weekly_minutes": minutes}),
            )
            changed += 1
    drafts = 0
    if added or removed or changed:
        for draft in contract.splits.filter(status=SplitStatus.DRAFT):
            delete_and_record(
                request,
                actor=actor,
                instance=draft,
                person_id=None,
                summary=f"Removed a draft split of {contract.reference}: the people covered "
                "changed",
                before={"method": draft.method, "total": format_pence(draft.total_pence)},
            )
            drafts += 1
    return CoverageChange(added=added, removed=len(removed), changed=changed, drafts_removed=drafts)


# --- Splitting ---------------------------------------------------------------------------------


@transaction.atomic
def propose_split(
    *,
    contract: BlockContract,
    method: str,
    actor: User,
    entered: dict[int, int] | None = None,
    request: HttpRequest | None = None,
    today: dt.date | None = None,
) -> ContractSplit:
    """Save the split ``preview_split`` shows as a DRAFT, a line for every covered person."""
    contract = BlockContract.objects.select_for_update().get(pk=contract.pk)
    preview = preview_split(
        contract=contract, method=method, entered=entered, today=today or timezone.localdate()
    )
    split = ContractSplit(
        contract=contract,
        method=method,
        total_pence=preview.total_pence,
        remainder_rule=preview.remainder_rule,
        created_by=actor,
    )
    split.full_clean()
    split.save()
    lines = [
        SplitLine(split=split, person=line.person, basis=line.basis, share_pence=line.share_pence)
        for line in preview.lines
    ]
    for line in lines:
        line.full_clean(validate_constraints=False)  # one line each: made from distinct people
    SplitLine.objects.bulk_create(lines)
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        subject=split,
        summary=f"Drafted a split of {contract.reference} "
        f"({split.get_method_display().lower()}) for {len(lines)} people",
        changes=model_changes(
            {},
            {
                "method": method,
                "total": format_pence(split.total_pence),
                "shares": {
                    line.person.display_name: format_pence(line.share_pence)
                    for line in preview.lines
                },
            },
        ),
    )
    return split


def _locked(split: ContractSplit) -> ContractSplit:
    locked = ContractSplit.objects.select_for_update().select_related("contract").get(pk=split.pk)
    return locked


@transaction.atomic
def submit_split(*, split: ContractSplit, actor: User, request: HttpRequest | None = None) -> None:
    """Send a draft split to the council. Only one split of a contract may wait for the council
    or be approved: the database holds that rule (``split_one_live_per_contract``), so two people
    sending at once cannot both succeed."""
    split = _locked(split)
    if split.status != SplitStatus.DRAFT:
        raise ValidationError(f"This split is {split.get_status_display().lower()} already.")
    split.set_status(SplitStatus.SUBMITTED, by=actor)
    # Constraints are left to the database, whose refusal is explained below.
    split.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            split.save(update_fields=["status", "submitted_by", "submitted_at"])
    except IntegrityError:
        other = live_split(split.contract)
        if other is not None and other.status == SplitStatus.APPROVED:
            raise ValidationError(
                "The council has already approved a split of this contract (sent on "
                f"{_uk(other.submitted_at or other.created_at)}), so it cannot be split again."
            ) from None
        raise ValidationError(
            "Another split of this contract is already waiting for the council's approval. "
            "Only one can wait at a time: wait until the council approves or returns it."
        ) from None
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=split,
        summary=f"Sent the split of {split.contract.reference} to the council for approval",
        changes=model_changes({"status": SplitStatus.DRAFT}, {"status": split.status}),
    )


@transaction.atomic
def decide_split(
    *,
    split: ContractSplit,
    approve: bool,
    note: str,
    actor: User,
    request: HttpRequest | None = None,
) -> list[Fund]:
    """The council approves the split (each person's fund is opened, or reused, with a draft
    agreement for the person to agree) or returns it with a reason. All or nothing."""
    split = _locked(split)
    note = note.strip()
    if split.status != SplitStatus.SUBMITTED:
        raise ValidationError(
            f"This split is not waiting for a decision: it is {split.get_status_display().lower()}."
        )
    if not approve and not note:
        raise ValidationError({"note": "Say why the split is returned, so finance can change it."})
    funds = _open_funds(split, actor=actor, request=request) if approve else []
    split.set_status(SplitStatus.APPROVED if approve else SplitStatus.RETURNED, by=actor, note=note)
    split.full_clean(validate_constraints=False)
    split.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    record_change(
        request,
        actor=actor,
        action=Action.UPDATE,
        subject=split,
        summary=f"{'Approved' if approve else 'Returned'} the split of {split.contract.reference}",
        changes=model_changes(
            {"status": SplitStatus.SUBMITTED, "decision_note": ""},
            {"status": split.status, "decision_note": note},
        ),
    )
    return funds


def _open_funds(split: ContractSplit, *, actor: User, request: HttpRequest | None) -> list[Fund]:
    contract = split.contract
    lines = list(split.lines.select_related("person"))
    people = [line.person_id for line in lines]
    existing = {
        fund.person_id: fund for fund in Fund.objects.select_for_update().filter(person__in=people)
    }
    versions: dict[int, list[Agreement]] = {}
    for agreement in Agreement.objects.filter(fund__in=list(existing.values())):
        versions.setdefault(agreement.fund_id, []).append(agreement)
    problems = []
    for line in lines:
        fund = existing.get(line.person_id)
        if fund is None:
            continue
        if fund.provider_id != contract.provider_id or fund.council_id != contract.council_id:
            problems.append(
                f"{line.person.display_name}'s fund {fund.reference} is held for another "
                "provider or council."
            )
        if any(
            a.status in (AgreementStatus.DRAFT, AgreementStatus.AGREED)
            for a in versions.get(fund.pk, [])
        ):
            problems.append(
                f"{line.person.display_name} already has an agreement waiting to be agreed or "
                "approved: it must be decided first."
            )
    if problems:
        raise ValidationError(problems)
    funds = []
    for line in lines:
        fund = existing.get(line.person_id) or _new_fund(line, contract, actor, request)
        version = max((a.version for a in versions.get(fund.pk, [])), default=0) + 1
        agreement = Agreement(
            fund=fund,
            version=version,
            status=AgreementStatus.DRAFT,
            annual_budget_pence=line.share_pence,
            starts_on=contract.starts_on,
            ends_on=contract.ends_on,
            fee_kind=FeeKind.PERCENT,
            fee_basis_points=DEFAULT_FEE_BASIS_POINTS,
            first_review_on=contract.starts_on + FIRST_REVIEW_AFTER,
            change_summary=f"From the split of block contract {contract.reference}, approved by "
            f"{contract.council.name}.",
            # The terms are finance's proposal; the council's approval only brings them about.
            created_by=split.submitted_by or split.created_by or actor,
        )
        agreement.full_clean()
        agreement.save()
        record_change(
            request,
            actor=actor,
            action=Action.CREATE,
            person_id=line.person_id,
            subject=agreement,
            summary=f"Drafted agreement version {version} for {fund.reference}: "
            f"{format_pence(line.share_pence)} a year",
            changes=model_changes(
                {},
                {
                    "annual_budget": format_pence(line.share_pence),
                    "starts_on": contract.starts_on,
                    "ends_on": contract.ends_on,
                    "fee_basis_points": DEFAULT_FEE_BASIS_POINTS,
                },
            ),
        )
        funds.append(fund)
    return funds


def _new_fund(
    line: SplitLine, contract: BlockContract, actor: User, request: HttpRequest | None
) -> Fund:
    fund = Fund(
        person=line.person,
        provider=contract.provider,
        council=contract.council,
        reference=f"ISF-{line.person_id:04d}",
        split_line=line,
    )
    fund.full_clean()
    fund.save()
    record_change(
        request,
        actor=actor,
        action=Action.CREATE,
        person_id=line.person_id,
        subject=fund,
        summary=f"Opened {fund.reference} from the split of {contract.reference}",
        changes=model_changes({}, {"reference": fund.reference, "council": contract.council.name}),
    )
    return fund
