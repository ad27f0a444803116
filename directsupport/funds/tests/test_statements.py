"""Monthly statements: the figures (by a hand-worked month and as properties that always hold),
making the snapshots once, and who may read them on screen and in easy read."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directsupport.audit.models import Action, AuditEvent
from directsupport.funds.ledger import posting
from directsupport.funds.ledger.balances import account_totals
from directsupport.funds.models import Account, Fund, Kind, Statement
from directsupport.funds.statements.figures import (
    StatementFigures,
    SupplierHours,
    month_figures,
    next_month,
    parse_month,
    previous_month,
)
from directsupport.funds.statements.services import MonthNotOver, make_statements
from directsupport.funds.tasks import make_monthly_statements
from tests.factories import PersonFactory

from .conftest import new_key
from .statement_data import MAY, deliver, hand_worked_may

READERS = ["finance", "manager", "coordinator", "person_user", "commissioner"]
NOT_FOUND = [
    "sister_user",
    "cousin_user",
    "neighbour_user",
    "worker",
    "other_worker",
    "market_shaper",
    "expert",
    "supplier",
    "outsider",
    "other_commissioner",
]


@pytest.fixture
def persona(request: pytest.FixtureRequest, dee, sister, cousin, neighbour) -> Callable[[str], Any]:
    return request.getfixturevalue


@pytest.fixture
def may(dee_fund, finance) -> Fund:
    hand_worked_may(dee_fund, finance)
    return dee_fund


def pages(pk: int, month: str = "2026-05") -> list[str]:
    base = f"/funds/people/{pk}/statements/"
    return [base, f"{base}{month}/", f"{base}{month}/easy-read/"]


# --- The figures ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_hand_worked_month_comes_out_to_the_penny(may):
    figures = month_figures([may.pk], MAY)[may.pk]
    assert figures.opening_held_pence == 239_200
    assert (figures.opening_available_pence, figures.opening_banked_pence) == (209_200, 30_000)
    assert figures.from_council_pence == 260_000
    assert [(line.who, line.amount_pence) for line in figures.refunds] == [
        ("Bright Days CIC", 1_000)
    ]
    assert [(line.who, line.what, line.amount_pence) for line in figures.spent] == [
        ("Willowbrook Support", Kind.DELIVERED_SUPPORT, 96_000),
        ("Bright Days CIC", Kind.DELIVERED_SUPPORT, 54_000),
        ("Argos", Kind.PURCHASE, 2_500),
    ]
    assert figures.management_fee_pence == 20_800
    assert figures.returned_to_council_pence == 5_000
    assert [(line.who, line.what, line.amount_pence) for line in figures.corrections] == [
        ("Argos", Kind.PURCHASE, 2_500)
    ]
    assert figures.money_in_pence == 263_500
    assert figures.money_out_pence == 178_300
    assert figures.closing_held_pence == 324_400
    assert figures.closing_banked_pence == 40_000
    assert [(pot.purpose, pot.amount_pence) for pot in figures.banked_pots] == [
        ("A holiday in Devon", 40_000)
    ]
    assert (figures.planned_minutes, figures.delivered_minutes) == (52 * 60, 48 * 60)
    assert [
        (s.supplier, s.hourly_rate_pence, s.minutes, s.sessions) for s in figures.suppliers
    ] == [
        ("Bright Days CIC", 3000, 18 * 60, 6),
        ("Willowbrook Support", 3200, 30 * 60, 10),
    ]
    assert figures.spent_with_provider_pence == 96_000
    assert figures.spent_with_other_suppliers_pence == 54_000
    assert figures.spent_on_purchases_pence == 2_500
    assert figures.balances


@pytest.mark.django_db
def test_the_figures_survive_a_json_round_trip(may):
    figures = month_figures([may.pk], MAY)[may.pk]
    stored = json.loads(json.dumps(figures.to_json()))
    assert stored["month"] == "2026-05-01"
    assert StatementFigures.from_json(stored) == figures


@pytest.mark.django_db
def test_a_corrected_session_is_not_counted_as_delivered(dee_fund, allocate, finance):
    allocate(dee_fund, 100_000, on=MAY)
    session = deliver(
        dee_fund,
        on=MAY,
        minutes=120,
        rate_pence=3000,
        supplier="Willowbrook Support",
        account=Account.PROVIDER_SUPPORT,
        actor=finance,
    )
    posting.reverse(
        original=session.transaction,
        reason="Never happened",
        idempotency_key=new_key(),
        actor=finance,
    )
    figures = month_figures([dee_fund.pk], MAY)[dee_fund.pk]
    assert figures.delivered_minutes == 0
    assert figures.spent_pence == 6_000 and figures.corrections_pence == 6_000
    assert figures.closing_held_pence == 100_000


@pytest.mark.django_db
def test_a_fund_with_nothing_yet_has_a_statement_of_zeros(dee_fund):
    figures = month_figures([dee_fund.pk], MAY)[dee_fund.pk]
    assert figures.opening_held_pence == figures.closing_held_pence == 0
    assert figures.spent == [] and figures.balances


def _funds(count: int, provider, council) -> list[int]:
    ids = []
    for number in range(count):
        person = PersonFactory.create(organisation=provider, funding_council=council)
        ids.append(
            Fund.objects.create(
                person=person, provider=provider, council=council, reference=f"ISF-Q{number:03d}"
            ).pk
        )
    return ids


@pytest.mark.django_db
def test_month_figures_takes_the_same_queries_for_one_fund_or_twenty(
    may, provider, council, finance, django_assert_num_queries
):
    others = _funds(19, provider, council)
    for fund_id in others:
        fund = Fund.objects.get(pk=fund_id)
        hand_worked_may(fund, finance)
    with django_assert_num_queries(3):
        month_figures([may.pk], MAY)
    with django_assert_num_queries(3):
        many = month_figures([may.pk, *others], MAY)
    assert len(many) == 20
    assert {figures.closing_held_pence for figures in many.values()} == {324_400}


# --- Properties: the statement always balances, and months follow on --------------------------

OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "allocate",
                "fee",
                "provider",
                "supplier",
                "purchase",
                "refund",
                "bank",
                "unbank",
                "return",
                "planned",
                "reverse",
            ]
        ),
        st.integers(min_value=1, max_value=50_000),
        st.integers(min_value=0, max_value=3),  # which month (April to July)
        st.integers(min_value=0, max_value=1),  # which fund
    ),
    max_size=25,
)


def _apply(funds: list[Fund], operation: tuple[str, int, int, int], actor: Any) -> None:
    name, pence, month_index, which = operation
    fund = funds[which]
    on = dt.date(2026, 4 + month_index, 1 + pence % 28)
    lines = {
        "allocate": (Kind.ALLOCATION, posting.allocation_lines(pence)),
        "fee": (Kind.MANAGEMENT_FEE, posting.spend_lines(Account.MANAGEMENT_FEE, pence)),
        "provider": (Kind.DELIVERED_SUPPORT, posting.spend_lines(Account.PROVIDER_SUPPORT, pence)),
        "supplier": (Kind.SUPPLIER_PAYMENT, posting.spend_lines(Account.OTHER_SUPPLIERS, pence)),
        "purchase": (
            Kind.PURCHASE,
            posting.spend_lines(Account.PURCHASES, pence, from_banked=True),
        ),
        "refund": (Kind.REFUND, posting.refund_lines(Account.PURCHASES, pence)),
        "bank": (Kind.BANK, posting.bank_lines(pence)),
        "unbank": (Kind.UNBANK, posting.unbank_lines(pence)),
        "return": (Kind.RETURN_TO_COUNCIL, posting.return_to_council_lines(pence)),
        "planned": (Kind.PLANNED_SUPPORT, posting.planned_lines(pence)),
    }
    try:
        if name == "reverse":
            original = (
                fund.transactions.exclude(kind=Kind.REVERSAL)
                .filter(reversed_by__isnull=True)
                .order_by("-id")
                .first()
            )
            if original is not None:
                posting.reverse(
                    original=original,
                    reason="Property test",
                    idempotency_key=new_key(),
                    actor=actor,
                    effective_on=max(on, original.effective_on),
                )
            return
        kind, entry_lines = lines[name]
        posting.post(
            fund=fund,
            kind=kind,
            lines=entry_lines,
            effective_on=on,
            description=name,
            counterparty=f"Someone {pence % 3}",
            minutes=pence % 600 + 1 if name in ("planned", "provider") else None,
            idempotency_key=new_key("prop"),
            actor=actor,
            audit=False,
        )
    except posting.PostingRefused:
        pass


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_every_statement_balances_and_each_month_opens_where_the_last_closed(
    operations, dee_fund, provider, council, finance
):
    with transaction.atomic():
        second = Fund.objects.create(
            person=PersonFactory.create(organisation=provider, funding_council=council),
            provider=provider,
            council=council,
            reference="ISF-PROP",
        )
        funds = [dee_fund, second]
        for operation in operations:
            _apply(funds, operation, finance)
        ids = [fund.pk for fund in funds]
        month = dt.date(2026, 4, 1)
        previous: dict[int, StatementFigures] | None = None
        for _ in range(5):
            figures = month_figures(ids, month)
            totals = account_totals(ids, before=next_month(month))
            for fund_id, these in figures.items():
                assert these.balances
                assert (
                    these.opening_held_pence + these.money_in_pence - these.money_out_pence
                    == these.closing_held_pence
                )
                held = totals.get(fund_id, {})
                assert these.closing_held_pence == held.get(Account.AVAILABLE, 0) + held.get(
                    Account.BANKED, 0
                )
                assert these.closing_banked_pence == sum(p.amount_pence for p in these.banked_pots)
                if previous is not None:
                    assert these.opening_held_pence == previous[fund_id].closing_held_pence
            previous = figures
            month = next_month(month)
        transaction.set_rollback(True)


# --- Making the statements -----------------------------------------------------------------


def test_months_are_read_as_year_and_month_only():
    assert parse_month("2026-10") == dt.date(2026, 10, 1)
    for bad in ["2026-13", "2026-1", "october", "2026-10-01", "", "1999-12", "20x6-10"]:
        assert parse_month(bad) is None


@pytest.mark.django_db
def test_statements_are_made_once_for_a_month_that_is_over(may, provider, council):
    _funds(3, provider, council)  # no ledger yet: no statement
    assert make_statements(month=MAY) == 1
    statement = Statement.objects.get(fund=may, month=MAY)
    assert statement.figures["closing_available_pence"] == 284_400
    assert StatementFigures.from_json(statement.figures).closing_held_pence == 324_400
    assert make_statements(month=MAY) == 0
    assert Statement.objects.count() == 1
    assert (
        AuditEvent.objects.filter(action=Action.CREATE, subject_type="funds.statement").count() == 1
    )


@pytest.mark.django_db
def test_a_statement_keeps_what_it_said_when_a_correction_comes_later(may, finance):
    make_statements(month=MAY)
    posting.post(
        fund=may,
        kind=Kind.PURCHASE,
        lines=posting.spend_lines(Account.PURCHASES, 999),
        effective_on=dt.date(2026, 5, 31),
        description="Late receipt",
        idempotency_key=new_key(),
        actor=finance,
    )
    stored = StatementFigures.from_json(Statement.objects.get(fund=may, month=MAY).figures)
    assert stored.closing_held_pence == 324_400


@pytest.mark.django_db
def test_no_statements_for_a_month_not_yet_over(may):
    with pytest.raises(MonthNotOver):
        make_statements(month=dt.date(2099, 1, 1))
    assert not Statement.objects.exists()


@pytest.mark.django_db
def test_statements_for_chosen_funds_only(may, provider, council, finance):
    other = Fund.objects.get(pk=_funds(1, provider, council)[0])
    hand_worked_may(other, finance)
    assert make_statements(month=MAY, fund_ids=[other.pk]) == 1
    assert list(Statement.objects.values_list("fund_id", flat=True)) == [other.pk]


@pytest.mark.django_db
def test_the_command_makes_a_month_and_says_how_many(may, capsys):
    call_command("make_statements", "--month", "2026-05")
    assert "Made 1 statements for May 2026." in capsys.readouterr().out


@pytest.mark.django_db
def test_the_command_refuses_a_bad_month(may):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="like 2026-10"):
        call_command("make_statements", "--month", "May")
    assert not Statement.objects.exists()


@pytest.mark.django_db
def test_the_task_makes_the_month(may):
    make_monthly_statements.enqueue("2026-05")
    assert Statement.objects.filter(fund=may, month=MAY).exists()


# --- The pages: who may read them ---------------------------------------------------------------


@pytest.mark.parametrize("name", READERS)
def test_readers_see_the_statement_with_the_figures(name, persona, client_for, may):
    response = client_for(persona(name)).get(f"/funds/people/{may.person.pk}/statements/2026-05/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Statement for May 2026" in page
    assert "£2,600.00" in page and "£3,244.00" in page  # from the council; held at the end
    assert "Willowbrook Support" in page and "£32.00" in page
    assert "Not final" in page  # not made yet: worked out now


@pytest.mark.parametrize("name", READERS)
def test_readers_see_the_list_and_the_easy_read(name, persona, client_for, may):
    client = client_for(persona(name))
    listing = client.get(f"/funds/people/{may.person.pk}/statements/")
    assert listing.status_code == 200
    assert "This month so far" in listing.content.decode()
    easy = client.get(f"/funds/people/{may.person.pk}/statements/2026-05/easy-read/")
    assert easy.status_code == 200


@pytest.mark.parametrize("name", NOT_FOUND)
def test_everyone_else_gets_not_found(name, persona, client_for, may):
    client = client_for(persona(name))
    for url in [*pages(may.person.pk), f"/funds/people/{may.person.pk}/statements/2026-05/pdf/"]:
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_the_person_sees_only_their_own_statements(client_for, person_user, may, provider, council):
    other = Fund.objects.get(pk=_funds(1, provider, council)[0])
    client = client_for(person_user)
    for url in pages(other.person.pk):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("month", ["2026-13", "may", "2026-5", "2099-01", "2026-05-01"])
def test_a_bad_or_future_month_is_not_found(month, client_for, finance, may):
    client = client_for(finance)
    for url in pages(may.person.pk, month)[1:]:
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_an_issued_statement_is_shown_from_its_snapshot(client_for, finance, may):
    make_statements(month=MAY)
    page = client_for(finance).get(f"/funds/people/{may.person.pk}/statements/2026-05/")
    text = page.content.decode()
    assert "Issued on" in text and "Not final" not in text
    listing = client_for(finance).get(f"/funds/people/{may.person.pk}/statements/").content.decode()
    assert "/statements/2026-05/" in listing


@pytest.mark.django_db
def test_the_easy_read_says_it_in_short_sentences(client_for, person_user, may):
    response = client_for(person_user).get(
        f"/funds/people/{may.person.pk}/statements/2026-05/easy-read/"
    )
    page = response.content.decode()
    assert "Your money in May 2026" in page
    assert "The council gave £2,600.00 for your support." in page
    assert "You used 48 hours of support." in page and "You planned 52 hours." in page
    assert "You have £400.00 saved for later." in page
    assert "The management fee was £208.00." in page
    assert "Read this to me" in page and "easy-read-item" in page


@pytest.mark.django_db
def test_reading_a_statement_is_audited(client_for, commissioner, may):
    client_for(commissioner).get(f"/funds/people/{may.person.pk}/statements/2026-05/")
    event = AuditEvent.objects.filter(action=Action.VIEW, person_id=may.person.pk).last()
    assert event is not None and event.summary == "Statement for May 2026"


@pytest.mark.parametrize(
    ("day", "after", "before"),
    [
        (dt.date(2026, 5, 31), dt.date(2026, 6, 1), dt.date(2026, 4, 1)),
        (dt.date(2026, 12, 15), dt.date(2027, 1, 1), dt.date(2026, 11, 1)),
        (dt.date(2027, 1, 1), dt.date(2027, 2, 1), dt.date(2026, 12, 1)),
    ],
)
def test_the_months_either_side_of_a_day(day, after, before):
    assert (next_month(day), previous_month(day)) == (after, before)


# --- A line of many sessions, each costed to the penny -------------------------------------------


def test_a_line_says_how_far_its_sessions_rounding_takes_it_from_hours_times_rate():
    # Three sessions of 25 minutes at £20.99 an hour cost £8.75 each (8.745833...): £26.25,
    # a penny more than 1 hour 15 minutes at £20.99 (£26.2375, so £26.24).
    line = SupplierHours("Bright Days CIC", 2099, minutes=75, sessions=3, cost_pence=2625)
    assert (line.rounding_pence, line.rounding_size_pence) == (1, 1)
    exact = SupplierHours("Bright Days CIC", 3000, minutes=180, sessions=2, cost_pence=9000)
    assert exact.rounding_pence == 0


@pytest.mark.django_db
def test_the_statement_explains_a_line_that_does_not_multiply_back(client_for, finance, dee_fund):
    posting.post(
        fund=dee_fund,
        kind=Kind.ALLOCATION,
        lines=posting.allocation_lines(100_000),
        effective_on=MAY,
        description="Monthly allocation",
        idempotency_key=new_key("allocation"),
        actor=finance,
    )
    for day in range(3):
        deliver(
            dee_fund,
            on=dt.date(2026, 5, 4 + day),
            minutes=25,
            rate_pence=2099,
            supplier="Bright Days CIC",
            account=Account.OTHER_SUPPLIERS,
            actor=finance,
        )
    page = client_for(finance).get(f"/funds/people/{dee_fund.person.pk}/statements/2026-05/")
    assert page.status_code == 200
    text = " ".join(page.content.decode().split())
    assert '<td>1 hour 15 minutes</td><td class="amount">£20.99</td>' in text
    assert (
        "Bright Days CIC at £20.99 an hour: each of the 3 sessions is costed to the penny on its"
        " own, so together they cost £0.01 more than 1 hour 15 minutes at that rate."
    ) in text
