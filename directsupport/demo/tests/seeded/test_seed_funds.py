"""The demo's Individual Service Funds: the block contract split into 55 funds, agreements at
every stage, months of money that always adds up, banking, statements and the alerts."""

from __future__ import annotations

from collections import Counter, defaultdict
from io import StringIO

from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from directsupport.demo import funds_data as fd
from directsupport.demo.organisations_data import PROVIDER
from directsupport.funds.alerts.rules import AlertKind, alerts_for
from directsupport.funds.hours.services import session_cost_pence
from directsupport.funds.models import (
    Account,
    AgreedBy,
    Agreement,
    AgreementReview,
    AgreementStatus,
    BankingPot,
    BlockContract,
    ContractSplit,
    Fund,
    Kind,
    LedgerEntry,
    LedgerTransaction,
    SessionSource,
    SplitStatus,
    Statement,
    SupportSession,
    TimesheetImport,
)
from directsupport.people.models import Person


def _contract() -> BlockContract:
    return BlockContract.objects.get(reference=fd.CONTRACT_REFERENCE)


def _alerts() -> list:
    return alerts_for(Fund.objects.filter(provider__name=PROVIDER), timezone.localdate())


def test_the_contract_covers_everyone_and_is_split_to_the_penny(demo):
    contract = _contract()
    assert contract.title == fd.CONTRACT_TITLE
    assert contract.annual_value_pence == fd.CONTRACT_VALUE_PENCE
    assert contract.covered.count() == 55
    assert all(row.assessed_weekly_minutes % 30 == 0 for row in contract.covered.all())
    returned, approved = contract.splits.order_by("id")
    assert returned.status == SplitStatus.RETURNED
    assert "co-production panel" in returned.decision_note
    assert approved.status == SplitStatus.APPROVED
    shares = approved.lines.aggregate(total=Sum("share_pence"))["total"]
    assert shares == contract.annual_value_pence
    first_versions = Agreement.objects.filter(fund__split_line__split=approved, version=1)
    assert first_versions.aggregate(total=Sum("annual_budget_pence"))["total"] == shares
    assert ContractSplit.objects.count() == 2


def test_55_funds_with_49_live_and_six_on_the_way(demo):
    today = timezone.localdate()
    assert Fund.objects.count() == 55
    live = Agreement.objects.filter(
        status=AgreementStatus.APPROVED, starts_on__lte=today, ends_on__gte=today
    )
    assert live.count() == 49
    assert Agreement.objects.filter(status=AgreementStatus.DRAFT).count() == 4
    assert Agreement.objects.filter(status=AgreementStatus.AGREED).count() == 2
    changes = Agreement.objects.get(status=AgreementStatus.CHANGES_ASKED)
    assert changes.person_comment.startswith("No, I want changes")
    assert Agreement.objects.get(fund=changes.fund, version=2).status == AgreementStatus.DRAFT
    assert "ISFs: 55 from the split of HOL-ASC-LD-01 (£1,850,000.00 a year); 49 live" in demo


def test_representatives_agree_for_people_who_cannot_and_shanice_has_a_second_version(demo):
    by_representative = Agreement.objects.filter(agreed_by=AgreedBy.REPRESENTATIVE)
    assert {a.fund.person.first_name for a in by_representative} == {
        "Ravi",
        "Tariq",
        "Sophie",
        "Connor",
    }
    assert all(a.representative_name and a.representative_reason for a in by_representative)
    shanice = Fund.objects.get(person__first_name=fd.RAISED)
    first, second = Agreement.objects.filter(fund=shanice).order_by("version")
    assert first.status == AgreementStatus.SUPERSEDED
    assert second.status == AgreementStatus.APPROVED
    assert second.annual_budget_pence == first.annual_budget_pence + fd.RAISE_PENCE


def test_every_transaction_balances_and_the_ledger_sums_to_zero(demo):
    assert LedgerEntry.objects.aggregate(total=Sum("amount_pence"))["total"] == 0
    unbalanced = (
        LedgerEntry.objects.values("transaction_id")
        .annotate(total=Sum("amount_pence"))
        .exclude(total=0)
    )
    assert not unbalanced.exists()
    assert LedgerTransaction.objects.count() > 8000


def test_no_fund_ever_goes_below_zero_or_banks_below_zero(demo):
    """In the ledger's own order (day, then what was posted first), after every transaction."""
    money = (Account.AVAILABLE, Account.BANKED)
    running: dict[int, dict[str, int]] = defaultdict(lambda: {a: 0 for a in money})
    for fund_id, account, amount in (
        LedgerEntry.objects.filter(account__in=money)
        .order_by("fund_id", "effective_on", "transaction_id")
        .values_list("fund_id", "account", "amount_pence")
    ):
        running[fund_id][account] += amount
        assert running[fund_id][account] >= 0, (fund_id, account)


def test_sessions_are_priced_by_the_services_rules_and_some_come_from_other_suppliers(demo):
    sessions = list(SupportSession.objects.select_related("transaction").order_by("id")[:3000])
    for session in sessions:
        assert session.cost_pence == session_cost_pence(session.minutes, session.hourly_rate_pence)
        assert session.transaction.kind == Kind.DELIVERED_SUPPORT
        assert session.transaction.minutes == session.minutes
    suppliers = set(SupportSession.objects.values_list("supplier_name", flat=True))
    assert {
        PROVIDER,
        fd.RIVERSIDE.name,
        fd.ACTIVE.name,
        fd.PA_AGENCY.name,
        fd.MARCIA.name,
    } <= suppliers
    other = LedgerEntry.objects.filter(account=Account.OTHER_SUPPLIERS).aggregate(
        total=Sum("amount_pence")
    )["total"]
    assert other > 0


def test_last_months_timesheet_was_imported_from_the_agency(demo):
    timesheet = TimesheetImport.objects.get()
    assert timesheet.supplier_name == fd.PA_AGENCY.name
    imported = SupportSession.objects.filter(source=SessionSource.IMPORTED)
    assert imported.count() == timesheet.sessions_count > 10
    people = set(imported.values_list("fund__person__first_name", flat=True))
    assert 2 <= len(people) <= 3


def test_hand_postings_a_refund_a_return_to_the_council_and_a_correction(demo):
    kinds = Counter(LedgerTransaction.objects.values_list("kind", flat=True))
    assert kinds[Kind.PURCHASE] >= 2
    assert kinds[Kind.SUPPLIER_PAYMENT] >= 10
    assert kinds[Kind.REFUND] == 1
    assert kinds[Kind.RETURN_TO_COUNCIL] == 1
    # The other reversals take back what an ending contract had planned (seed_commissioning).
    correction = LedgerTransaction.objects.get(
        kind=Kind.REVERSAL, reverses__kind=Kind.SUPPLIER_PAYMENT
    )
    assert correction.reverses is not None
    assert correction.reverses.kind == Kind.SUPPLIER_PAYMENT
    assert "paid twice" in correction.description


def test_eight_people_are_saving_some_as_hours_and_nothing_banked_is_negative(demo):
    pots = BankingPot.objects.select_related("fund__person")
    assert pots.count() == 8
    purposes = " ".join(pots.values_list("purpose", flat=True))
    for words in ("Margate", "Notting Hill Carnival", "Wembley", "new bike"):
        assert words in purposes
    banked = LedgerTransaction.objects.filter(kind=Kind.BANK)
    assert banked.filter(minutes__isnull=False).count() >= 5
    for fund_id, total in (
        LedgerEntry.objects.filter(account=Account.BANKED)
        .values_list("fund_id")
        .annotate(total=Sum("amount_pence"))
    ):
        assert total >= 0, fund_id


def test_each_kind_of_alert_shows_as_the_story_says(demo):
    alerts = _alerts()
    by_kind: dict[str, list] = defaultdict(list)
    for alert in alerts:
        by_kind[alert.kind].append(alert)
    assert [a.person_name for a in by_kind[AlertKind.FORECAST]] == ["Des Thompson"]
    hours = {a.person_name for a in by_kind[AlertKind.HOURS]}
    assert {"Yohannes Tesfaye", "Olu Bakare"} <= hours
    assert [a.person_name for a in by_kind[AlertKind.BANKED]] == ["Tony Russo"]
    assert "longer than 12 weeks" in by_kind[AlertKind.BANKED][0].headline
    reviews = by_kind[AlertKind.REVIEW]
    overdue = {a.person_name for a in reviews if a.severity == "urgent"}
    assert "Natalia Popescu" in overdue
    assert len(reviews) >= 6
    assert AgreementReview.objects.count() >= 40


def test_statements_for_every_complete_month_since_the_isfs_went_live(demo):
    statements = Statement.objects.all()
    assert statements.count() >= 49
    live_first = Agreement.objects.filter(status__in=["approved", "superseded"]).order_by(
        "starts_on"
    )[0]
    months = set(statements.values_list("month", flat=True))
    assert live_first.starts_on in months
    assert max(months) < timezone.localdate().replace(day=1)


def test_seeding_again_adds_no_isf_data(demo):
    models = (
        BlockContract,
        Fund,
        Agreement,
        LedgerTransaction,
        LedgerEntry,
        SupportSession,
        BankingPot,
        Statement,
        AgreementReview,
        TimesheetImport,
    )
    before = {model.__name__: model.objects.count() for model in models}
    out = StringIO()

    call_command("seed_demo", stdout=out)

    assert {model.__name__: model.objects.count() for model in models} == before
    assert "already there, so nothing was added" in out.getvalue()
    assert Person.objects.count() == 55
