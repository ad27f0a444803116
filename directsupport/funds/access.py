"""Who may see and change Individual Service Funds. The only place these decisions are made;
person-level checks start from ``people.access``.

- A person's fund (balances, ledger, agreement, hours, banked money, statements): finance,
  managers and coordinators of the provider; the person themselves; commissioners of the council
  that funds it. Circle members, support workers, market shapers, suppliers and experts by
  experience see no money (a circle member who helps with money sees it with the person).
- Posting to the ledger and drafting agreements: finance and managers.
- Recording delivered support: finance, managers, coordinators, and the support workers
  assigned to the person (who still never see the ledger).
- Banking money or hours for a purpose: finance, managers and coordinators, with the person.
- Agreeing an agreement: the person on their own page, or finance, a manager or coordinator
  recording the person's (or a representative's) agreement. Approving it: a commissioner of the
  funding council.
- Block contracts and their splits: finance and managers of the provider make them; the
  commissioners of the council see them and approve or return a split.
- Reconciliation reports: finance and managers for any council they hold funds for; a
  commissioner for their own council only. Timesheet imports and the monthly routine (opening
  months, making statements): finance and managers.
- Money alerts: finance and managers for all the provider's funds; coordinators for the people
  they coordinate.
- Plan summaries (plan_summary/: the person's outcomes, Perfect Week without names and money,
  as they agreed to share them): commissioners of the council that funds the person, in place
  of the Plan Book they never see; managers and coordinators of the provider, to check what
  the council reads. Nobody else.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

from directsupport.accounts.models import Organisation, User
from directsupport.accounts.roles import OrganisationKind, Role
from directsupport.lib.denials import NoAccess, ReadOnly
from directsupport.people.access import get_person_for_user
from directsupport.people.models import Person

from .models import BlockContract, ContractSplit, Fund, LedgerTransaction

PROVIDER_MONEY_STAFF = frozenset({Role.MANAGER, Role.FINANCE, Role.COORDINATOR})
MONEY_READERS = PROVIDER_MONEY_STAFF | {Role.PERSON, Role.COMMISSIONER}
LEDGER_WRITERS = frozenset({Role.MANAGER, Role.FINANCE})
SESSION_RECORDERS = PROVIDER_MONEY_STAFF | {Role.SUPPORT_WORKER}
BANKING_STAFF = PROVIDER_MONEY_STAFF
AGREEMENT_RECORDERS = PROVIDER_MONEY_STAFF
CONTRACT_WRITERS = LEDGER_WRITERS
CONTRACT_READERS = CONTRACT_WRITERS | {Role.COMMISSIONER}
PROGRAMME_READERS = PROVIDER_MONEY_STAFF | {Role.COMMISSIONER}
ALERT_READERS = PROVIDER_MONEY_STAFF
PLAN_SUMMARY_READERS = frozenset({Role.COMMISSIONER, Role.MANAGER, Role.COORDINATOR})
MONTH_RUNNERS = LEDGER_WRITERS


def _role_name(user: User) -> str:
    return user.get_role_display().lower()


def _not_found(
    subject_type: str, subject_id: object, reason: str, person_id: int | None = None
) -> NoAccess:
    return NoAccess(
        subject_type=subject_type, subject_id=subject_id, person_id=person_id, reason=reason
    )


# --- Funds --------------------------------------------------------------------------------


def funds_visible_to(user: User) -> QuerySet[Fund]:
    """Every fund this user may see, as one query."""
    funds = Fund.objects.all()
    if not user.is_active:
        return funds.none()
    if user.role in PROVIDER_MONEY_STAFF:
        return funds.filter(provider_id=user.organisation_id)
    if user.role == Role.COMMISSIONER:
        return funds.filter(council_id=user.organisation_id)
    if user.role == Role.PERSON:
        return funds.filter(person__user=user)
    return funds.none()


def can_see_money(user: User) -> bool:
    """For tabs and links: whether this user's role may ever open a fund."""
    return user.is_active and user.role in MONEY_READERS


def get_money_person_for_user(user: User, pk: int) -> Person:
    """The person whose money is asked for (their fund may not exist yet); 404 otherwise."""
    person = get_person_for_user(user, pk)
    if user.role not in MONEY_READERS:
        raise _not_found("funds.fund", pk, f"No money for a {_role_name(user)}", person_id=pk)
    if user.role == Role.COMMISSIONER and person.funding_council_id != user.organisation_id:
        raise _not_found("funds.fund", pk, "Not funded by this council", person_id=pk)
    return person


def _visible_fund(user: User, person: Person) -> Fund | None:
    # The council and the provider holding the money: statements and the money pages name both.
    fund = (
        funds_visible_to(user).filter(person=person).select_related("council", "provider").first()
    )
    if fund is not None:
        fund.person = person
    return fund


def get_fund_for_user(user: User, pk: int) -> Fund:
    """The fund of person ``pk`` if this user may see it; 404 when there is none or no access.
    A commissioner sees only funds their council pays for."""
    fund = _visible_fund(user, get_money_person_for_user(user, pk))
    if fund is None:
        raise _not_found("funds.fund", pk, "No fund this user may see", person_id=pk)
    return fund


def get_money_page_for_user(user: User, pk: int) -> tuple[Person, Fund | None]:
    """The person's Money tab: their fund, or None when the person has no fund yet and the
    user is provider staff who may set one up (the page says so). Everyone else is refused as
    get_fund_for_user refuses them."""
    person = get_money_person_for_user(user, pk)
    fund = _visible_fund(user, person)
    if fund is None:
        if user.role in PROVIDER_MONEY_STAFF and not Fund.objects.filter(person=person).exists():
            return person, None
        raise _not_found("funds.fund", pk, "No fund this user may see", person_id=pk)
    return person, fund


def _fund_for_doing(
    user: User, pk: int, may: Callable[[User, Fund], bool], *, subject_type: str, reason: str
) -> Fund:
    """The fund of person ``pk`` (404 as get_fund_for_user), if ``may`` lets this user act on it;
    403 for someone who may only read it."""
    fund = get_fund_for_user(user, pk)
    if not may(user, fund):
        raise ReadOnly(subject_type=subject_type, subject_id=fund.pk, person_id=pk, reason=reason)
    return fund


def _transaction_in(fund: Fund, pk: int, txn_pk: int) -> LedgerTransaction:
    posted = LedgerTransaction.objects.filter(fund=fund, pk=txn_pk).first()
    if posted is None:
        raise _not_found("funds.ledgertransaction", txn_pk, "Not in this fund", person_id=pk)
    posted.fund = fund
    return posted


def can_post_to_ledger(user: User, fund: Fund) -> bool:
    return user.role in LEDGER_WRITERS and fund.provider_id == user.organisation_id


def get_fund_for_posting(user: User, pk: int) -> Fund:
    return _fund_for_doing(
        user,
        pk,
        can_post_to_ledger,
        subject_type="funds.fund",
        reason="Read-only access: tried to post to the ledger",
    )


def get_transaction_for_user(user: User, pk: int, txn_pk: int) -> LedgerTransaction:
    return _transaction_in(get_fund_for_user(user, pk), pk, txn_pk)


def get_transaction_for_correcting(user: User, pk: int, txn_pk: int) -> LedgerTransaction:
    """A transaction in person ``pk``'s fund that this user may correct (finance and managers
    of the provider); readers get 403, everyone else 404."""
    return _transaction_in(get_fund_for_posting(user, pk), pk, txn_pk)


# --- Hours and banking ---------------------------------------------------------------------


def can_record_sessions(user: User, fund: Fund) -> bool:
    return user.role in SESSION_RECORDERS and fund.provider_id == user.organisation_id


def get_fund_for_recording(user: User, pk: int) -> Fund:
    """Recording delivered support: support workers assigned to the person may, without seeing
    the rest of the fund (people_visible_to has already required the assignment)."""
    person = get_person_for_user(user, pk)
    if user.role not in SESSION_RECORDERS:
        raise _not_found(
            "funds.supportsession", pk, f"No hours for a {_role_name(user)}", person_id=pk
        )
    fund = Fund.objects.filter(person=person, provider_id=user.organisation_id).first()
    if fund is None:
        raise _not_found("funds.supportsession", pk, "The person has no fund yet", person_id=pk)
    fund.person = person
    return fund


def can_bank(user: User, fund: Fund) -> bool:
    return user.role in BANKING_STAFF and fund.provider_id == user.organisation_id


def get_fund_for_banking(user: User, pk: int) -> Fund:
    return _fund_for_doing(
        user,
        pk,
        can_bank,
        subject_type="funds.bankingpot",
        reason="Read-only access: tried to bank money",
    )


def check_may_import_timesheets(user: User) -> None:
    if not user.is_active or user.role not in LEDGER_WRITERS:
        raise _not_found("funds.timesheetimport", "*", f"No timesheets for a {_role_name(user)}")


# --- Agreements -------------------------------------------------------------------------------


def can_draft_agreements(user: User, fund: Fund) -> bool:
    return user.role in LEDGER_WRITERS and fund.provider_id == user.organisation_id


def can_record_agreement(user: User, fund: Fund) -> bool:
    """The person themselves, or provider staff recording the person's or representative's
    answer."""
    if user.role == Role.PERSON:
        return fund.person.user_id == user.pk
    return user.role in AGREEMENT_RECORDERS and fund.provider_id == user.organisation_id


def can_decide_agreement(user: User, fund: Fund) -> bool:
    return user.role == Role.COMMISSIONER and fund.council_id == user.organisation_id


def can_record_review(user: User, fund: Fund) -> bool:
    """Reviews are held with the person by the provider's finance, managers and coordinators."""
    return user.role in AGREEMENT_RECORDERS and fund.provider_id == user.organisation_id


def _fund_for_agreement_work(
    user: User, pk: int, may: Callable[[User, Fund], bool], reason: str
) -> Fund:
    return _fund_for_doing(user, pk, may, subject_type="funds.agreement", reason=reason)


def get_fund_for_drafting(user: User, pk: int) -> Fund:
    return _fund_for_agreement_work(
        user, pk, can_draft_agreements, "Read-only access: tried to draft an agreement"
    )


def get_fund_for_answering(user: User, pk: int) -> Fund:
    return _fund_for_agreement_work(
        user, pk, can_record_agreement, "Read-only access: tried to answer an agreement"
    )


def get_fund_for_deciding(user: User, pk: int) -> Fund:
    return _fund_for_agreement_work(
        user,
        pk,
        can_decide_agreement,
        "Only the funding council's commissioners decide an agreement",
    )


def get_fund_for_reviewing(user: User, pk: int) -> Fund:
    return _fund_for_agreement_work(
        user, pk, can_record_review, "Read-only access: tried to record a review"
    )


# --- Block contracts ---------------------------------------------------------------------------


def contracts_visible_to(user: User) -> QuerySet[BlockContract]:
    contracts = BlockContract.objects.select_related("council", "provider")
    if not user.is_active:
        return contracts.none()
    if user.role in CONTRACT_WRITERS:
        return contracts.filter(provider_id=user.organisation_id)
    if user.role == Role.COMMISSIONER:
        return contracts.filter(council_id=user.organisation_id)
    return contracts.none()


def can_see_contracts(user: User) -> bool:
    """For links and page sections: whether this user's role may open block contracts."""
    return user.is_active and user.role in CONTRACT_READERS


def check_may_see_contracts(user: User) -> None:
    if not can_see_contracts(user):
        raise _not_found("funds.blockcontract", "*", f"No block contracts for a {_role_name(user)}")


def can_change_contracts(user: User) -> bool:
    return user.is_active and user.role in CONTRACT_WRITERS


def check_may_add_contracts(user: User) -> None:
    check_may_see_contracts(user)
    if not can_change_contracts(user):
        raise ReadOnly(
            subject_type="funds.blockcontract",
            subject_id="new",
            reason="Read-only access: tried to add a block contract",
        )


def get_contract_for_user(user: User, contract_pk: int, *, write: bool = False) -> BlockContract:
    check_may_see_contracts(user)
    contract = contracts_visible_to(user).filter(pk=contract_pk).first()
    if contract is None:
        raise _not_found("funds.blockcontract", contract_pk, "No such contract for this user")
    if write and not can_change_contracts(user):
        raise ReadOnly(
            subject_type="funds.blockcontract",
            subject_id=contract_pk,
            reason="Read-only access: tried to change a block contract",
        )
    return contract


def get_split_for_user(
    user: User, contract_pk: int, split_pk: int, *, write: bool = False
) -> ContractSplit:
    contract = get_contract_for_user(user, contract_pk, write=write)
    split = ContractSplit.objects.filter(contract=contract, pk=split_pk).first()
    if split is None:
        raise _not_found("funds.contractsplit", split_pk, "Not a split of this contract")
    split.contract = contract
    return split


def can_decide_split(user: User, split: ContractSplit) -> bool:
    return user.role == Role.COMMISSIONER and split.contract.council_id == user.organisation_id


def get_split_for_deciding(user: User, contract_pk: int, split_pk: int) -> ContractSplit:
    split = get_split_for_user(user, contract_pk, split_pk)
    if not can_decide_split(user, split):
        raise ReadOnly(
            subject_type="funds.contractsplit",
            subject_id=split_pk,
            reason="Only the council's commissioners approve a split",
        )
    return split


# --- The programme and reconciliation ---------------------------------------------------------


def check_may_see_programme(user: User) -> None:
    if not user.is_active or user.role not in PROGRAMME_READERS:
        raise _not_found("funds.fund", "*", f"No ISF programme for a {_role_name(user)}")


def councils_for_reconciliation(user: User) -> QuerySet[Organisation]:
    councils = Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER)
    if not user.is_active:
        return councils.none()
    if user.role in LEDGER_WRITERS:
        return councils.filter(council_funds__provider_id=user.organisation_id).distinct()
    if user.role == Role.COMMISSIONER:
        return councils.filter(pk=user.organisation_id)
    return councils.none()


def get_council_for_reconciliation(user: User, council_pk: int) -> Organisation:
    council = councils_for_reconciliation(user).filter(pk=council_pk).first()
    if council is None:
        raise _not_found("funds.reconciliation", council_pk, "No reconciliation for this user")
    return council


# --- Money alerts ------------------------------------------------------------------------------


def check_may_see_alerts(user: User) -> None:
    """Money alerts are for the provider's finance staff, managers and coordinators."""
    if not user.is_active or user.role not in ALERT_READERS:
        raise _not_found("funds.fund", "alerts", f"No money alerts for a {_role_name(user)}")


def funds_for_alerts(user: User) -> QuerySet[Fund]:
    """The funds whose alerts this user sees: all the provider's for finance and managers, the
    people they coordinate for a coordinator, none for anyone else."""
    funds = Fund.objects.all()
    if not user.is_active or user.role not in ALERT_READERS:
        return funds.none()
    funds = funds.filter(provider_id=user.organisation_id)
    if user.role == Role.COORDINATOR:
        return funds.filter(person__coordinator=user)
    return funds


# --- The monthly routine -----------------------------------------------------------------------


def can_run_months(user: User) -> bool:
    """For links: whether this user may open the monthly routine page."""
    return user.is_active and user.role in MONTH_RUNNERS


def check_may_run_months(user: User) -> None:
    """Opening every live ISF's month and making the statements: finance and managers of the
    provider (for the provider's funds only); everyone else is not found."""
    if not can_run_months(user):
        raise _not_found("funds.fund", "months", f"No monthly routine for a {_role_name(user)}")


# --- Plan summaries -----------------------------------------------------------------------


def can_see_plan_summary(user: User) -> bool:
    """For tabs and links: whether this user's role may ever open a plan summary."""
    return user.is_active and user.role in PLAN_SUMMARY_READERS


def get_plan_summary_person_for_user(user: User, pk: int) -> Person:
    """The person whose plan summary is asked for: 404 unless the user is a commissioner of the
    council that funds them, or a manager or coordinator of their provider."""
    person = get_person_for_user(user, pk)
    if not can_see_plan_summary(user):
        raise _not_found(
            "funds.plansummary", pk, f"No plan summary for a {_role_name(user)}", person_id=pk
        )
    if user.role == Role.COMMISSIONER and person.funding_council_id != user.organisation_id:
        raise _not_found("funds.plansummary", pk, "Not funded by this council", person_id=pk)
    if user.role != Role.COMMISSIONER and person.organisation_id != user.organisation_id:
        raise _not_found("funds.plansummary", pk, "Not supported by this provider", person_id=pk)
    return person
