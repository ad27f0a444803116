"""Block contracts and how they become ISFs: making a contract and changing who it covers,
splitting it (preview, draft, send to the council, the council's decision), and the programme's
figures.

Shares always add up to the contract's annual value exactly: ``split.largest_remainder`` with the
rule in ``models.REMAINDER_RULE``. Approving a split opens each person's fund (or reuses it) and
drafts their agreement for the person to agree, all in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

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
from directsupport.week.models import WeekEntry, WeekKind
from directsupport.week.pricing import (
    BadRecurrence,
    MissingRate,
    card_facts,
    current_rate_card,
    facts_from,
    plan_year_start,
    price_week,
)

from .models import (
    REMAINDER_RULE,
    Agreement,
    AgreementStatus,
    BlockContract,
    ContractSplit,
    CoveredPerson,
    FeeKind,
    Fund,
    SplitLine,
    SplitMethod,
    SplitStatus,
)
from .split import largest_remainder

UK_DATE = "j F Y"
LIVE_SPLIT_STATUSES = (SplitStatus.SUBMITTED, SplitStatus.APPROVED)
# The first agreement's terms until finance and the person change them (ISF.md).
DEFAULT_FEE_BASIS_POINTS = 800
FIRST_REVIEW_AFTER = dt.timedelta(weeks=7)
OPEN_AGREEMENT = (AgreementStatus.DRAFT, AgreementStatus.AGREED)

Covered = Sequence[tuple[Person, int]]


def _uk(day: dt.date) -> str:
    return dateformat.format(day, UK_DATE)


def _names(people: Sequence[Person]) -> str:
    names = [person.display_name for person in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def hours_words(minutes: int) -> str:
    whole, rest = divmod(minutes, 60)
    return f"{whole}:{rest:02d} a week"


# --- Contracts and who they cover ---------------------------------------------------------------


def _check_covered(*, provider: Organisation, council: Organisation, covered: Covered) -> None:
    """Everyone covered is supported by the provider, funded by the council, and there once."""
    ids = [person.pk for person, _ in covered]
    if len(ids) != len(set(ids)):
        raise ValidationError("Each person can be covered by the contract only once.")
    not_ours = [person for person, _ in covered if person.organisation_id != provider.pk]
    if not_ours:
        raise ValidationError(f"{_names(not_ours)} is not supported by {provider.name}.")
    elsewhere = [person for person, _ in covered if person.funding_council_id != council.pk]
    if elsewhere:
        raise ValidationError(
            f"{_names(elsewhere)}: not funded by {council.name}, so not covered by its contract. "
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


@dataclass(frozen=True)
class PreviewLine:
    person: Person
    basis: int
    basis_words: str
    share_pence: int
    percent: str


@dataclass(frozen=True)
class SplitPreview:
    """Every person's share before anything is saved."""

    method: str
    lines: tuple[PreviewLine, ...]
    total_pence: int
    remainder_rule: str = REMAINDER_RULE

    @property
    def method_label(self) -> str:
        return SplitMethod(self.method).label

    @property
    def basis_heading(self) -> str:
        return BASIS_HEADINGS[SplitMethod(self.method)]


BASIS_HEADINGS = {
    SplitMethod.ASSESSED_HOURS: "Assessed hours a week",
    SplitMethod.PERFECT_WEEK_COST: "Perfect Week cost for a year",
    SplitMethod.ENTERED: "Amount entered",
}


def basis_words(method: str, basis: int) -> str:
    """What a share is in proportion to, in words: "12:30 a week", "£31,200.00 a year"."""
    if method == SplitMethod.ASSESSED_HOURS:
        return hours_words(basis)
    if method == SplitMethod.PERFECT_WEEK_COST:
        return f"{format_pence(basis)} a year"
    return format_pence(basis)


def percent_of(part: int, whole: int) -> str:
    """12.345...% as "12.35%": two decimal places, rounded half up."""
    hundredths = Fraction(part * 10_000, whole)
    rounded = int(hundredths + Fraction(1, 2))
    return f"{rounded // 100}.{rounded % 100:02d}%"


def perfect_week_costs(
    people: Sequence[Person], *, provider: Organisation, today: dt.date
) -> dict[int, int]:
    """The yearly cost of each person's Perfect Week priced with the provider's rate card in use
    today, as the week pages price it; people with no Perfect Week are left out. Two queries."""
    card = current_rate_card(provider, today)
    if card is None:
        raise ValidationError(
            "There is no rate card in use, so Perfect Weeks cannot be priced. Make a rate card, "
            "or choose another way to split."
        )
    facts = card_facts(card)
    entries: dict[int, list[WeekEntry]] = {}
    for entry in WeekEntry.objects.filter(
        week__kind=WeekKind.PERFECT, week__person__in=[p.pk for p in people]
    ).select_related("week"):
        entries.setdefault(entry.week.person_id, []).append(entry)
    costs: dict[int, int] = {}
    problems: list[str] = []
    for person in people:
        if person.pk not in entries:
            continue
        try:
            price = price_week(
                [facts_from(entry) for entry in entries[person.pk]],
                facts,
                year_start=plan_year_start(today),
            )
        except (MissingRate, BadRecurrence) as error:
            problems.append(f"{person.display_name}'s Perfect Week cannot be priced: {error}.")
            continue
        costs[person.pk] = price.yearly_pence
    if problems:
        raise ValidationError(problems)
    return costs


def _bases(
    contract: BlockContract,
    rows: list[CoveredPerson],
    method: str,
    entered: dict[int, int] | None,
    today: dt.date,
) -> list[tuple[Person, int]]:
    people = [row.person for row in rows]
    if method == SplitMethod.ASSESSED_HOURS:
        none = [row.person for row in rows if row.assessed_weekly_minutes == 0]
        if none:
            raise ValidationError(
                f"{_names(none)}: no assessed hours (0 a week), so nothing to share by. Change "
                "the assessed hours on the contract, or choose another way to split."
            )
        return [(row.person, row.assessed_weekly_minutes) for row in rows]
    if method == SplitMethod.PERFECT_WEEK_COST:
        costs = perfect_week_costs(people, provider=contract.provider, today=today)
        without = [p for p in people if p.pk not in costs]
        free = [p for p in people if costs.get(p.pk) == 0]
        problems = []
        if without:
            problems.append(f"{_names(without)}: no Perfect Week yet, so no cost to share by.")
        if free:
            problems.append(
                f"{_names(free)}: the Perfect Week has no paid support, so it costs £0."
            )
        if problems:
            problems.append("Add their Perfect Week, or choose another way to split.")
            raise ValidationError(problems)
        return [(p, costs[p.pk]) for p in people]
    if method == SplitMethod.ENTERED:
        amounts = entered or {}
        missing = [p for p in people if not amounts.get(p.pk)]
        if missing:
            raise ValidationError(f"Enter an amount of more than £0.00 for {_names(missing)}.")
        total = sum(amounts[p.pk] for p in people)
        difference = total - contract.annual_value_pence
        if difference:
            how = "too much" if difference > 0 else "too little"
            raise ValidationError(
                f"The amounts add up to {format_pence(total)}: that is "
                f"{format_pence(abs(difference))} {how}. They must add up to the contract's "
                f"annual value, {format_pence(contract.annual_value_pence)}."
            )
        return [(p, amounts[p.pk]) for p in people]
    raise ValidationError("Choose how to split the contract.")


def preview_split(
    *,
    contract: BlockContract,
    method: str,
    today: dt.date,
    entered: dict[int, int] | None = None,
) -> SplitPreview:
    """Every covered person's share by ``method``, adding up to the annual value exactly; nothing
    is saved. ValidationError (with messages naming the people) when it cannot be split so."""
    rows = list(contract.covered.select_related("person"))
    if not rows:
        raise ValidationError(
            "This contract covers nobody yet. Add the people it covers before splitting it."
        )
    bases = _bases(contract, rows, method, entered, today)
    shares = largest_remainder(contract.annual_value_pence, [(p.pk, b) for p, b in bases])
    total = contract.annual_value_pence
    lines = tuple(
        PreviewLine(
            person=person,
            basis=basis,
            basis_words=basis_words(method, basis),
            share_pence=shares[person.pk],
            percent=percent_of(shares[person.pk], total),
        )
        for person, basis in bases
    )
    return SplitPreview(method=method, lines=lines, total_pence=total)


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
            created_by=actor,
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
