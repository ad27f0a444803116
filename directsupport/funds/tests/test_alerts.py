"""Money alerts: forecast overspend, money banked beyond the rule, hours far below plan and
reviews due, with figures worked by hand; the alerts page and the home panel, and who sees them.

Dee's fund (conftest): £31,200 a year (£600 a week) from 1 April 2026 to 31 March 2027; up to 4
weeks' budget (£2,400) may be banked for up to 12 weeks; first review on 20 May 2026.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directsupport.audit.models import Action, AuditEvent
from directsupport.funds.alerts.rules import (
    AlertKind,
    alerts_for,
    held_longer_than_rule,
    roughly,
)
from directsupport.funds.ledger import posting
from directsupport.funds.models import (
    Account,
    Agreement,
    AgreementReview,
    AgreementStatus,
    Fund,
    Kind,
    SessionSource,
    SupportSession,
)
from directsupport.week.models import SupportKind
from tests.factories import PersonFactory

from .conftest import START, new_key

ALLOWED = ["finance", "manager", "coordinator"]
NOT_FOUND = [
    "person_user",
    "sister_user",
    "worker",
    "market_shaper",
    "commissioner",
    "supplier",
    "expert",
]


@pytest.fixture
def persona(request: pytest.FixtureRequest, dee, sister) -> Callable[[str], Any]:
    return request.getfixturevalue


def post(fund: Fund, kind: str, lines: list[posting.Line], on: dt.date, actor, **extra: Any):
    return posting.post(
        fund=fund,
        kind=kind,
        lines=lines,
        effective_on=on,
        description=f"{kind} on {on}",
        idempotency_key=new_key(kind),
        actor=actor,
        audit=False,
        **extra,
    )


def spend(fund: Fund, pence: int, on: dt.date, actor) -> None:
    post(
        fund, Kind.SUPPLIER_PAYMENT, posting.spend_lines(Account.OTHER_SUPPLIERS, pence), on, actor
    )


def bank(fund: Fund, pence: int, on: dt.date, actor) -> posting.Posted:
    return post(fund, Kind.BANK, posting.bank_lines(pence), on, actor)


def plan(fund: Fund, minutes: int, on: dt.date, actor) -> None:
    post(
        fund, Kind.PLANNED_SUPPORT, posting.planned_lines(minutes * 32), on, actor, minutes=minutes
    )


def deliver(fund: Fund, minutes: int, on: dt.date, actor) -> SupportSession:
    cost = minutes * 32  # £19.20 an hour, so every session costs whole pence
    posted = post(
        fund,
        Kind.DELIVERED_SUPPORT,
        posting.spend_lines(Account.PROVIDER_SUPPORT, cost),
        on,
        actor,
        minutes=minutes,
    )
    return SupportSession.objects.create(
        fund=fund,
        delivered_on=on,
        starts_at=dt.time(9, 0),
        minutes=minutes,
        support_kind=SupportKind.PERSONAL_CARE,
        supplier_name="Willowbrook Support",
        hourly_rate_pence=1920,
        cost_pence=cost,
        source=SessionSource.RECORDED,
        transaction=posted.transaction,
    )


def of_kind(kind: str, fund: Fund, today: dt.date) -> list:
    return [a for a in alerts_for(Fund.objects.filter(pk=fund.pk), today) if a.kind == kind]


# --- Forecast overspend ---------------------------------------------------------------------

# Monday 7 December 2026: the last 8 complete weeks run from Monday 12 October to Sunday 6
# December; 115 days are left to 31 March 2027, today included.
DECEMBER = dt.date(2026, 12, 7)


def spend_700_a_week_for_8_weeks(fund: Fund, actor) -> None:
    for week in range(8):
        spend(fund, 70_000, dt.date(2026, 10, 12) + dt.timedelta(weeks=week), actor)


def test_forecast_overspend_says_when_the_money_runs_out(dee_fund, allocate, finance):
    # £30,000 of £31,200 allocated, so £1,200 is still to come. A £19,000 purchase in June (before
    # the 8 weeks, so not in the rate) and £5,600 over the 8 weeks leave £5,400 to spend.
    allocate(dee_fund, 3_000_000)
    spend(dee_fund, 1_900_000, dt.date(2026, 6, 1), finance)
    spend_700_a_week_for_8_weeks(dee_fund, finance)
    # £700 a week is £100 a day: 115 days need £11,500 against £5,400 + £1,200 = £6,600, short
    # by £4,900. £6,600 lasts 66 days, to 11 February 2027: 48 days (about 7 weeks) early.
    [alert] = of_kind(AlertKind.FORECAST, dee_fund, DECEMBER)
    assert alert.headline == (
        "At the current rate, Dee's fund will run out around 11 February 2027, 7 weeks before "
        "the agreement ends (short by about £4,900)."
    )
    assert alert.detail == (
        "Spending has averaged £700.00 a week over the last 8 weeks. At that rate the rest of "
        "the agreement (to 31 March 2027) needs £11,500.00; the fund has £5,400.00 to spend and "
        "£1,200.00 still to come from the council."
    )
    assert alert.severity == "soon"  # runs out more than 8 weeks from now
    assert alert.person_id == dee_fund.person_id and alert.person_name == "Dee Okafor"
    assert alert.url == f"/funds/people/{dee_fund.person_id}/"


@pytest.mark.parametrize(("purchase", "alerted"), [(1_410_000, False), (1_410_001, True)])
def test_forecast_alerts_only_when_short_by_more_than_nothing(
    purchase, alerted, dee_fund, allocate, finance
):
    # With a £14,100 purchase the fund has exactly the £11,500 the rest of the year needs.
    allocate(dee_fund, 3_000_000)
    spend(dee_fund, purchase, dt.date(2026, 6, 1), finance)
    spend_700_a_week_for_8_weeks(dee_fund, finance)
    found = of_kind(AlertKind.FORECAST, dee_fund, DECEMBER)
    assert bool(found) == alerted
    if alerted:
        assert "(short by about £0.01)" in found[0].headline


def test_spending_this_week_is_not_in_the_rate_but_is_out_of_the_money(dee_fund, allocate, finance):
    allocate(dee_fund, 3_000_000)
    spend(dee_fund, 1_410_000, dt.date(2026, 6, 1), finance)
    spend_700_a_week_for_8_weeks(dee_fund, finance)
    spend(dee_fund, 1, DECEMBER, finance)  # today: leaves a penny less for the same rate
    assert of_kind(AlertKind.FORECAST, dee_fund, DECEMBER)


@pytest.mark.parametrize(
    ("today", "alerted"),
    [(dt.date(2026, 4, 13), False), (dt.date(2026, 4, 20), True)],
)
def test_forecast_needs_two_weeks_of_history(today, alerted, dee_fund, allocate, finance):
    # Started on Wednesday 1 April: by Monday 13 April only 12 complete days are behind us.
    allocate(dee_fund, 1_000_000)
    spend(dee_fund, 950_000, dt.date(2026, 4, 2), finance)
    assert bool(of_kind(AlertKind.FORECAST, dee_fund, today)) == alerted


def test_a_forecast_soon_after_the_start_counts_from_the_start_and_is_urgent(
    dee_fund, allocate, finance
):
    # £9,500 over the 19 days from 1 to 19 April is £500 a day (£3,500 a week). The £500 left
    # and £21,200 to come last 43 days: to 2 June 2026, well within 8 weeks.
    allocate(dee_fund, 1_000_000)
    spend(dee_fund, 950_000, dt.date(2026, 4, 2), finance)
    [alert] = of_kind(AlertKind.FORECAST, dee_fund, dt.date(2026, 4, 20))
    assert "run out around 2 June 2026" in alert.headline
    assert "£3,500.00 a week since the agreement started on 1 April 2026" in alert.detail
    assert alert.severity == "urgent"


def test_no_forecast_without_spending(dee_fund, allocate):
    allocate(dee_fund, 100)
    assert of_kind(AlertKind.FORECAST, dee_fund, DECEMBER) == []


def test_amounts_in_a_forecast_are_rounded_to_what_matters():
    assert roughly(490_000) == "£4,900"
    assert roughly(304_999) == "£3,000"
    assert roughly(305_000) == "£3,100"
    assert roughly(45_500) == "£460"
    assert roughly(9_999) == "£99.99"


# --- Money banked beyond the rule -------------------------------------------------------------


@pytest.mark.parametrize(("banked", "alerted"), [(240_000, False), (240_001, True)])
def test_banking_more_than_four_weeks_budget_is_an_alert(
    banked, alerted, dee_fund, allocate, finance
):
    allocate(dee_fund, 1_000_000)
    bank(dee_fund, banked, dt.date(2026, 11, 30), finance)
    found = of_kind(AlertKind.BANKED, dee_fund, DECEMBER)
    assert bool(found) == alerted
    if alerted:
        assert found[0].headline == (
            "Dee has £2,400.01 banked: £0.01 more than the limit of £2,400.00."
        )


def test_money_banked_longer_than_twelve_weeks_is_counted_oldest_first(dee_fund, allocate, finance):
    # £1,000 banked on 7 September (13 weeks ago) and £500 on 2 November; £300 brought back on
    # 20 November comes out of the oldest, leaving £700 of September's money banked too long.
    allocate(dee_fund, 1_000_000)
    bank(dee_fund, 100_000, dt.date(2026, 9, 7), finance)
    bank(dee_fund, 50_000, dt.date(2026, 11, 2), finance)
    post(dee_fund, Kind.UNBANK, posting.unbank_lines(30_000), dt.date(2026, 11, 20), finance)
    [alert] = of_kind(AlertKind.BANKED, dee_fund, DECEMBER)
    assert alert.headline == "Dee has £1,200.00 banked: £700.00 banked longer than 12 weeks."
    assert "£500.00 was banked since 14 September 2026" in alert.detail


@pytest.mark.parametrize(
    ("banked_on", "alerted"), [(dt.date(2026, 9, 14), False), (dt.date(2026, 9, 13), True)]
)
def test_money_may_stay_banked_exactly_twelve_weeks(
    banked_on, alerted, dee_fund, allocate, finance
):
    allocate(dee_fund, 1_000_000)
    bank(dee_fund, 10_000, banked_on, finance)
    found = of_kind(AlertKind.BANKED, dee_fund, DECEMBER)
    assert bool(found) == alerted
    if alerted:
        assert "Nothing was banked since 14 September 2026" in found[0].detail


def test_a_corrected_deposit_no_longer_counts_as_recent(dee_fund, allocate, finance):
    allocate(dee_fund, 1_000_000)
    bank(dee_fund, 10_000, dt.date(2026, 9, 1), finance)
    mistake = bank(dee_fund, 10_000, dt.date(2026, 11, 2), finance)
    posting.reverse(
        original=mistake.transaction,
        reason="Banked twice",
        idempotency_key=new_key(),
        actor=finance,
    )
    [alert] = of_kind(AlertKind.BANKED, dee_fund, DECEMBER)
    assert "£100.00 banked longer than 12 weeks" in alert.headline


@pytest.mark.parametrize(
    ("banked", "recent", "too_long"),
    [(120_000, 50_000, 70_000), (50_000, 50_000, 0), (20_000, 50_000, 0), (0, 0, 0)],
)
def test_held_longer_than_the_rule_is_what_recent_deposits_do_not_explain(banked, recent, too_long):
    assert held_longer_than_rule(banked, recent) == too_long


# --- Hours far below plan -------------------------------------------------------------------

NOVEMBER = dt.date(2026, 11, 10)  # last complete month: October 2026


def test_hours_far_below_plan_last_month(dee_fund, allocate, finance):
    allocate(dee_fund, 1_000_000)
    plan(dee_fund, 52 * 60, dt.date(2026, 10, 1), finance)
    for day, minutes in ((5, 600), (12, 600), (19, 600), (26, 60)):
        deliver(dee_fund, minutes, dt.date(2026, 10, day), finance)
    deliver(dee_fund, 600, dt.date(2026, 11, 2), finance)  # this month: not counted yet
    [alert] = of_kind(AlertKind.HOURS, dee_fund, NOVEMBER)
    assert alert.headline == "In October Dee had 31 hours of the 52 hours planned (60%)."
    assert alert.detail == "21 hours of the support planned for October 2026 was not given."
    assert alert.severity == "note"


@pytest.mark.parametrize(("delivered", "alerted"), [(2340, False), (2339, True)])
def test_hours_alert_below_three_quarters_of_plan(delivered, alerted, dee_fund, allocate, finance):
    allocate(dee_fund, 1_000_000)
    plan(dee_fund, 3120, dt.date(2026, 10, 1), finance)
    deliver(dee_fund, delivered, dt.date(2026, 10, 15), finance)
    assert bool(of_kind(AlertKind.HOURS, dee_fund, NOVEMBER)) == alerted


def test_under_half_the_planned_hours_is_more_pressing(dee_fund, allocate, finance):
    allocate(dee_fund, 1_000_000)
    plan(dee_fund, 3120, dt.date(2026, 10, 1), finance)
    deliver(dee_fund, 1500, dt.date(2026, 10, 15), finance)
    [alert] = of_kind(AlertKind.HOURS, dee_fund, NOVEMBER)
    assert alert.severity == "soon"
    assert "(48%)" in alert.headline


def test_a_corrected_session_is_not_counted_as_delivered(dee_fund, allocate, finance):
    allocate(dee_fund, 1_000_000)
    plan(dee_fund, 600, dt.date(2026, 10, 1), finance)
    session = deliver(dee_fund, 600, dt.date(2026, 10, 15), finance)
    posting.reverse(
        original=session.transaction, reason="Not given", idempotency_key=new_key(), actor=finance
    )
    [alert] = of_kind(AlertKind.HOURS, dee_fund, NOVEMBER)
    assert alert.headline == "In October Dee had 0 hours of the 10 hours planned (0%)."


def test_the_hours_alert_says_the_hours_as_they_are_and_its_percentage_agrees(
    dee_fund, allocate, finance
):
    """7h30 of 16h30 is 45%: rounded to "8 of 17" the figures beside it said 47%."""
    allocate(dee_fund, 1_000_000)
    plan(dee_fund, 990, dt.date(2026, 10, 1), finance)
    deliver(dee_fund, 450, dt.date(2026, 10, 15), finance)
    [alert] = of_kind(AlertKind.HOURS, dee_fund, NOVEMBER)
    assert alert.headline == (
        "In October Dee had 7 hours 30 minutes of the 16 hours 30 minutes planned (45%)."
    )
    assert alert.detail == "9 hours of the support planned for October 2026 was not given."


def test_no_hours_alert_when_nothing_was_planned(dee_fund):
    assert of_kind(AlertKind.HOURS, dee_fund, NOVEMBER) == []


# --- Reviews due ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "headline", "severity"),
    [
        (dt.date(2026, 4, 21), None, None),
        (dt.date(2026, 4, 22), "Dee's review is due on 20 May 2026 (in 4 weeks).", "soon"),
        (dt.date(2026, 5, 20), "Dee's review is due on 20 May 2026 (today).", "soon"),
        (dt.date(2026, 5, 21), "Dee's review has been overdue since 20 May 2026.", "urgent"),
    ],
)
def test_the_first_review_falls_due(today, headline, severity, dee_fund):
    found = of_kind(AlertKind.REVIEW, dee_fund, today)
    assert [(a.headline, a.severity) for a in found] == ([(headline, severity)] if headline else [])


@pytest.mark.parametrize(
    ("today", "said"),
    [
        (dt.date(2026, 4, 29), "The first review is due on 20 May 2026, then at least every 12"),
        (dt.date(2026, 5, 20), "The first review is due today, 20 May 2026, then at least every"),
        (dt.date(2026, 5, 21), "The first review was due on 20 May 2026, then at least every"),
    ],
)
def test_the_first_review_is_said_in_the_tense_of_its_day(today, said, dee_fund):
    """Three weeks before it, the first review "is due", not "was due"."""
    [alert] = of_kind(AlertKind.REVIEW, dee_fund, today)
    assert alert.detail.startswith(said)


def test_after_a_review_the_next_is_due_a_year_later(dee_fund, finance):
    AgreementReview.objects.create(
        fund=dee_fund, held_on=dt.date(2026, 5, 27), summary="Going well", recorded_by=finance
    )
    assert of_kind(AlertKind.REVIEW, dee_fund, dt.date(2026, 6, 1)) == []
    Agreement.objects.filter(fund=dee_fund).update(review_every_months=6)
    [alert] = of_kind(AlertKind.REVIEW, dee_fund, dt.date(2026, 11, 1))
    assert alert.headline == "Dee's review is due on 27 November 2026 (in 4 weeks)."


def test_a_review_before_the_agreement_started_does_not_count(dee_fund, finance):
    AgreementReview.objects.create(
        fund=dee_fund, held_on=dt.date(2026, 3, 1), summary="Old agreement", recorded_by=finance
    )
    [alert] = of_kind(AlertKind.REVIEW, dee_fund, dt.date(2026, 6, 1))
    assert alert.severity == "urgent"


def test_only_funds_with_an_approved_agreement_in_force_have_alerts(dee_fund):
    assert alerts_for(Fund.objects.all(), dt.date(2027, 4, 1)) == []  # after it ended
    assert alerts_for(Fund.objects.all(), dt.date(2026, 3, 31)) == []  # before it started
    Agreement.objects.filter(fund=dee_fund).update(status=AgreementStatus.SUPERSEDED)
    assert alerts_for(Fund.objects.all(), dt.date(2026, 6, 1)) == []


# --- A fixed number of queries --------------------------------------------------------------


def busy_fund(number: int, provider, council, finance) -> Fund:
    person = PersonFactory.create(organisation=provider, funding_council=council)
    fund = Fund.objects.create(
        person=person, provider=provider, council=council, reference=f"ISF-{number:04d}"
    )
    Agreement.objects.create(
        fund=fund,
        version=1,
        status=AgreementStatus.APPROVED,
        annual_budget_pence=3_120_000,
        starts_on=START,
        ends_on=dt.date(2027, 3, 31),
        first_review_on=START + dt.timedelta(weeks=7),
    )
    post(fund, Kind.ALLOCATION, posting.allocation_lines(3_000_000), START, finance)
    spend(fund, 2_000_000, dt.date(2026, 6, 1), finance)
    spend(fund, 300_000, dt.date(2026, 11, 2), finance)
    bank(fund, 300_000, dt.date(2026, 8, 3), finance)
    plan(fund, 3120, dt.date(2026, 11, 1), finance)
    deliver(fund, 600, dt.date(2026, 11, 9), finance)
    AgreementReview.objects.create(fund=fund, held_on=dt.date(2026, 5, 20), summary="Held")
    return fund


def test_alerts_take_the_same_number_of_queries_for_one_fund_or_thirty(provider, council, finance):
    funds = [busy_fund(number, provider, council, finance) for number in range(1, 31)]
    counts = []
    for chosen in (funds[:1], funds):
        with CaptureQueriesContext(connection) as queries:
            alerts = alerts_for(Fund.objects.filter(pk__in=[f.pk for f in chosen]), DECEMBER)
        counts.append(len(queries))
        kinds = {alert.kind for alert in alerts}
        assert kinds == {AlertKind.FORECAST, AlertKind.BANKED, AlertKind.HOURS}
        assert len(alerts) == 3 * len(chosen)
    assert counts[0] == counts[1] == 8


# --- The alerts page and the home panel --------------------------------------------------------


def live_fund(person, provider, council, reference: str) -> Fund:
    """A fund in force today whose first review, 7 weeks in, has passed."""
    today = timezone.localdate()
    fund = Fund.objects.create(
        person=person, provider=provider, council=council, reference=reference
    )
    Agreement.objects.create(
        fund=fund,
        version=1,
        status=AgreementStatus.APPROVED,
        annual_budget_pence=3_120_000,
        starts_on=today - dt.timedelta(weeks=10),
        ends_on=today + dt.timedelta(weeks=40),
        first_review_on=today - dt.timedelta(weeks=3),
    )
    return fund


@pytest.fixture
def overdue_reviews(dee, provider, council) -> list[Fund]:
    """Dee (coordinated by Priya) and Eli (coordinated by nobody) both have a review overdue."""
    eli = PersonFactory.create(
        organisation=provider,
        funding_council=council,
        first_name="Eli",
        last_name="Moss",
        preferred_name="",
    )
    return [
        live_fund(dee, provider, council, "ISF-0001"),
        live_fund(eli, provider, council, "ISF-0002"),
    ]


@pytest.mark.parametrize("name", ["finance", "manager"])
def test_finance_and_managers_see_every_alert_grouped_by_kind(
    name, persona, client_for, overdue_reviews
):
    response = client_for(persona(name)).get("/funds/alerts/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<h2 id="alerts-review">Reviews due (2)</h2>' in page
    assert "Dee&#x27;s review has been overdue since" in page and "Eli Moss" in page
    assert f'href="/funds/people/{overdue_reviews[0].person_id}/agreement/"' in page
    assert "Urgent" in page


def test_the_alerts_page_is_audited_as_a_view_of_each_person(client_for, finance, overdue_reviews):
    client_for(finance).get("/funds/alerts/")
    viewed = AuditEvent.objects.filter(action=Action.VIEW, summary="Money alerts page")
    assert viewed.count() == 2
    assert set(viewed.values_list("person_id", flat=True)) == {
        fund.person_id for fund in overdue_reviews
    }


def test_a_coordinator_sees_only_the_people_they_coordinate(
    client_for, coordinator, overdue_reviews
):
    response = client_for(coordinator).get("/funds/alerts/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dee Okafor" in page
    assert "Eli Moss" not in page
    assert "Reviews due (1)" in page


@pytest.mark.parametrize("name", NOT_FOUND)
def test_everyone_else_gets_not_found(name, persona, client_for, overdue_reviews):
    assert client_for(persona(name)).get("/funds/alerts/").status_code == 404


def test_another_providers_coordinator_sees_none_of_our_people(
    client_for, outsider, overdue_reviews
):
    response = client_for(outsider).get("/funds/alerts/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dee Okafor" not in page and "Eli Moss" not in page
    assert "No alerts" in page


def render_panel(user) -> str:
    template = Template("{% load funds_home %}{% money_alerts_panel user %}")
    return template.render(Context({"user": user})).strip()


def test_the_home_panel_counts_alerts_by_kind_for_finance(finance, overdue_reviews):
    panel = render_panel(finance)
    assert "Money alerts" in panel
    assert "Reviews due: 2" in panel
    assert "Dee Okafor, Eli Moss" in panel
    assert 'href="/funds/alerts/"' in panel


def test_the_home_panel_shows_a_coordinator_their_own_people(coordinator, overdue_reviews):
    panel = render_panel(coordinator)
    assert "Reviews due: 1" in panel and "Eli Moss" not in panel


@pytest.mark.parametrize("name", ["supplier", "worker", "commissioner", "person_user"])
def test_the_home_panel_shows_nothing_to_those_without_alerts(name, persona, overdue_reviews):
    assert render_panel(persona(name)) == ""
