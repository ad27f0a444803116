# ruff: noqa: F811 (fixtures imported from needs_fixtures are named as test arguments)
"""The week against the money, checked against arithmetic done by hand (not by the functions
under test).

Dee's Perfect Week (from Monday 8 June 2026, 52 weeks to Sunday 6 June 2027), at £32 an hour in
weekday daytime and £48 on bank holidays:
- Tuesdays 10:00-14:00, 1:1: 4 h x £32 = £128.00. No Tuesday in the year is a bank holiday, so
  52 x £128 = £6,656.00 a year.
- Fridays 10:00-12:00, 1:1: 2 h x £32 = £64.00 a typical week. Three of the 52 Fridays are bank
  holidays (25 December 2026, 1 January 2027, Good Friday 26 March 2027) at 2 h x £48 = £96, so
  49 x £64 + 3 x £96 = £3,136 + £288 = £3,424.00 a year.
The week: £10,080.00 a year; the support page's week is the year over 52 weeks, £193.85 (a
typical week is £192.00, but three Fridays cost more).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from directsupport.funds.agreements.terms import fee_a_week_pence
from directsupport.funds.models import AgreementStatus, FeeKind
from directsupport.market.models import CostUnit, NeedStatus, SupplierChoice, SupportNeed
from directsupport.market.needs.drawing import draw_needs
from directsupport.market.needs.money import support_money

from .factories import CostOptionFactory, ServiceFactory, SupplierFactory
from .needs_fixtures import (  # noqa: F401
    add_entry,
    dee_at_home,
    districts,
    make_agreement,
    rate_card,
    today,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 10)
WEEK_A_YEAR = 52 * 12_800 + 49 * 6_400 + 3 * 9_600
WEEK_A_WEEK = 19_385  # £10,080.00 / 52 = £193.846...


@pytest.fixture
def dees_week(dee_at_home, add_entry, rate_card):
    add_entry(1, "10:00", "14:00", what="College")
    add_entry(4, "10:00", "12:00", what="Swimming")
    return dee_at_home


def test_the_week_costs_what_the_rate_card_says(today, dees_week):
    money = support_money(dees_week, TODAY)

    assert money.weekly.week_cost_pence == WEEK_A_WEEK
    assert money.yearly.week_cost_pence == WEEK_A_YEAR == 1_008_000


def test_an_eight_percent_fee_leaves_less_than_the_week_costs(today, dees_week):
    make_agreement(dees_week, budget_pence=1_000_000, fee_basis_points=800)

    money = support_money(dees_week, TODAY)

    # A year: £10,000 budget, 8% fee £800, £9,200 left, the week £10,080: £880 short.
    assert (money.yearly.budget_pence, money.yearly.fee_pence) == (1_000_000, 80_000)
    assert money.yearly.left_for_support_pence == 920_000
    assert money.yearly.surplus_pence == -88_000
    assert money.yearly.shortfall_pence == 88_000
    # A week: £10,000 / 52 = £192.3077 -> £192.31; 8% of it £15.3846 -> £15.38; £176.93 left,
    # the week £193.85: £16.92 short, as the year is short.
    assert (money.weekly.budget_pence, money.weekly.fee_pence) == (19_231, 1_538)
    assert money.weekly.left_for_support_pence == 17_693
    assert money.weekly.surplus_pence == -1_692
    assert money.weekly.contracted_pence == 0


def test_the_issue_s_own_figures(today, dees_week):
    """£34,706.65 a year less an 8% fee (£2,776.532 -> £2,776.53) leaves £31,930.12."""
    make_agreement(dees_week, budget_pence=3_470_665, fee_basis_points=800)

    money = support_money(dees_week, TODAY)

    assert money.yearly.fee_pence == 277_653
    assert money.yearly.left_for_support_pence == 3_193_012


def test_a_fixed_monthly_fee(today, dees_week):
    make_agreement(
        dees_week, budget_pence=1_000_000, fee_kind=FeeKind.AMOUNT, fee_monthly_pence=15_000
    )

    money = support_money(dees_week, TODAY)

    # £150 a month is £1,800 a year, and £1,800 / 52 = £34.6154 -> £34.62 a week.
    assert money.yearly.fee_pence == 180_000
    assert money.yearly.surplus_pence == 820_000 - WEEK_A_YEAR
    assert money.weekly.fee_pence == 3_462
    assert money.weekly.left_for_support_pence == 19_231 - 3_462


def test_a_week_s_fee_of_each_kind(dee, provider, council):
    percent = make_agreement(dee, budget_pence=3_120_000, fee_basis_points=750)
    assert fee_a_week_pence(percent) == 4_500  # 7.5% of £600.00
    fixed = make_agreement(
        dee,
        budget_pence=3_120_000,
        fee_kind=FeeKind.AMOUNT,
        fee_monthly_pence=26_000,
        status=AgreementStatus.DRAFT,
    )
    assert fee_a_week_pence(fixed) == 6_000  # £260 x 12 / 52


def test_no_agreement_in_force_yet_gives_no_budget(today, dees_week):
    no_fund = support_money(dees_week, TODAY)
    make_agreement(dees_week, budget_pence=1_000_000, status=AgreementStatus.DRAFT)
    draft_only = support_money(dees_week, TODAY)

    assert (no_fund.has_fund, no_fund.has_budget) == (False, False)
    assert (draft_only.has_fund, draft_only.has_budget) == (True, False)
    assert draft_only.weekly.left_for_support_pence is None
    assert draft_only.weekly.surplus_pence is None
    assert draft_only.weekly.week_cost_pence == WEEK_A_WEEK


def test_no_rate_card_says_why_there_is_no_cost(today, dee_at_home, add_entry):
    add_entry(1, "10:00", "14:00")

    money = support_money(dee_at_home, TODAY)

    assert money.week_price is None
    assert "no rate card" in money.week_problem


def _choose(need: SupportNeed, unit: str, pence: int, user) -> None:
    supplier = SupplierFactory.create(directory_owner=need.person.organisation)
    service = ServiceFactory.create(supplier=supplier)
    CostOptionFactory.create(service=service, unit=unit, amount_pence=pence)
    # An expired price that must not be used.
    CostOptionFactory.create(
        service=service,
        unit=unit,
        amount_pence=1,
        valid_from=dt.date(2020, 1, 1),
        valid_to=dt.date(2020, 12, 31),
    )
    SupplierChoice.objects.create(
        need=need, service=service, reason="She liked them", chosen_by="Dee", recorded_by=user
    )
    need.status = NeedStatus.CHOSEN
    need.save(update_fields=["status"])


def test_needs_with_a_chosen_supplier_are_planned_at_its_price(
    today, dees_week, add_entry, coordinator
):
    add_entry(
        2,
        "18:00",
        "20:00",
        what="Samba band",
        recurrence="FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
        repeats_from=dt.date(2026, 6, 10),
    )
    make_agreement(dees_week, budget_pence=1_000_000)
    draw_needs(person=dees_week, actor=coordinator)
    needs = {need.what: need for need in SupportNeed.objects.all()}
    _choose(needs["College"], CostUnit.HOUR, 2_000, coordinator)
    _choose(needs["Swimming"], CostUnit.SESSION, 3_000, coordinator)
    _choose(needs["Samba band"], CostUnit.SESSION, 2_500, coordinator)

    money = support_money(dees_week, TODAY)

    # College: 4 h x £20 = £80 every week (£4,160 a year); swimming £30 a session every week
    # (£1,560); samba £25 a session every other week: 26 times, £650 a year, £12.50 a week.
    assert money.weekly.planned_pence == 8_000 + 3_000 + 1_250
    assert money.yearly.planned_pence == 416_000 + 156_000 + 65_000
    assert money.weekly.not_yet_promised_pence == 17_693 - 12_250
    assert money.weekly.contracted_pence == 0


def test_a_withdrawn_need_is_not_planned(today, dees_week, coordinator):
    draw_needs(person=dees_week, actor=coordinator)
    need = SupportNeed.objects.get(what="College")
    _choose(need, CostUnit.HOUR, 2_000, coordinator)
    SupportNeed.objects.filter(pk=need.pk).update(status=NeedStatus.WITHDRAWN)

    assert support_money(dees_week, TODAY).weekly.planned_pence == 0


# --- The figures on the pages --------------------------------------------------------------


def test_the_support_page_shows_the_shortfall(today, dees_week, client_for, coordinator):
    make_agreement(dees_week, budget_pence=1_000_000)

    page = client_for(coordinator).get(reverse("market:support", args=[dees_week.pk]))

    body = page.content.decode()
    for figure in ("£192.31", "£15.38", "£176.93", "£193.85", "£16.92 short", "£880.00 short"):
        assert figure in body
    assert "8% of the budget" in body
    assert "contracts with suppliers are not made in this system yet" in body


def test_the_easy_read_page_says_it_in_short_sentences(today, dees_week, client_for, person_user):
    make_agreement(dees_week, budget_pence=1_000_000)

    page = client_for(person_user).get(reverse("market:support_easy_read", args=[dees_week.pk]))

    body = page.content.decode()
    assert "Your week costs £193.85 a week." in body
    assert "Your money for support is £176.93 a week." in body
    assert "That is £16.92 a week short." in body
    assert "In a year that is £880.00 short." in body


def test_without_an_agreement_the_page_says_so(today, dees_week, client_for, coordinator):
    page = client_for(coordinator).get(reverse("market:support", args=[dees_week.pk]))

    body = page.content.decode()
    assert "does not have an Individual Service Fund yet" in body
    assert "£193.85" in body


def test_a_market_shaper_sees_what_is_left_to_match_within(
    today, dees_week, client_for, market_shaper
):
    make_agreement(dees_week, budget_pence=1_000_000)

    page = client_for(market_shaper).get(reverse("market:support", args=[dees_week.pk]))

    body = page.content.decode()
    assert "£193.85" in body
    assert "£192.31" in body


def test_a_support_worker_sees_the_week_s_cost_but_not_the_budget(
    today, dees_week, client_for, worker
):
    make_agreement(dees_week, budget_pence=1_000_000)

    page = client_for(worker).get(reverse("market:support", args=[dees_week.pk]))

    body = page.content.decode()
    assert "£193.85" in body
    assert "£192.31" not in body and "ISF budget" not in body
    assert "shown to those who may see Dee's money" in body
