"""The weekly benefits warning: one function decides it (panel/earnings.py). It warns from the
panel's percentage of the limit, more strongly past the limit, never blocks, and counts the
member's Monday-to-Sunday week of claims still standing."""

from __future__ import annotations

import datetime as dt

import pytest

from directsupport.coproduction.models import ClaimStatus, TimeClaim
from directsupport.coproduction.panel.earnings import Level, level_for, week_earnings, week_of
from directsupport.coproduction.panel.services import change_member, claim_time

from .panel_fixtures import jo, on_today, panel, pat

__all__ = ["jo", "on_today", "panel", "pat"]

pytestmark = [pytest.mark.django_db]

LIMIT = 19_500  # £195.00; 80% is £156.00


@pytest.mark.parametrize(
    ("total", "level"),
    [
        (0, Level.WELL_UNDER),
        (15_599, Level.WELL_UNDER),  # a penny under 80%
        (15_600, Level.NEAR),  # exactly 80%
        (19_499, Level.NEAR),
        (19_500, Level.NEAR),  # exactly the limit is not over it
        (19_501, Level.OVER),  # a penny over
    ],
)
def test_the_level_at_each_boundary(total, level):
    assert level_for(total_pence=total, limit_pence=LIMIT, warn_at_percent=80) == level


def test_no_limit_never_warns():
    assert level_for(total_pence=10**7, limit_pence=None, warn_at_percent=80) == Level.NO_LIMIT


def test_warning_at_100_percent_warns_only_at_the_limit():
    assert level_for(total_pence=19_499, limit_pence=LIMIT, warn_at_percent=100) == (
        Level.WELL_UNDER
    )
    assert level_for(total_pence=19_500, limit_pence=LIMIT, warn_at_percent=100) == Level.NEAR


def test_the_week_runs_monday_to_sunday():
    assert week_of(dt.date(2026, 12, 6)) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))
    assert week_of(dt.date(2026, 12, 7)) == (dt.date(2026, 12, 7), dt.date(2026, 12, 13))


def _claim(member, actor, day, minutes):
    return claim_time(
        actor=actor, member=member, worked_on=day, what="Panel work", meeting_minutes=minutes
    ).claim


def test_the_week_counts_standing_claims_of_the_member_that_week_only(jo, pat, coordinator):
    monday, sunday = dt.date(2026, 11, 30), dt.date(2026, 12, 6)
    _claim(jo, coordinator, monday, 60)  # £20.00
    approved = _claim(jo, coordinator, sunday, 120)  # £40.00
    approved.status = ClaimStatus.PAID
    approved.save()
    refused = _claim(jo, coordinator, sunday, 600)
    TimeClaim.objects.filter(pk=refused.pk).update(status=ClaimStatus.REFUSED)
    _claim(jo, coordinator, sunday + dt.timedelta(days=1), 600)  # next week
    _claim(jo, coordinator, monday - dt.timedelta(days=1), 600)  # last week
    _claim(pat, coordinator, monday, 600)  # someone else

    week = week_earnings(member=jo, worked_on=dt.date(2026, 12, 2), adding_pence=1000)

    assert (week.monday, week.sunday) == (monday, sunday)
    assert week.before_pence == 6000
    assert week.total_pence == 7000
    assert week.level == Level.WELL_UNDER
    assert week.message() == ""


def test_the_member_hears_how_close_the_claim_takes_them(jo, coordinator):
    _claim(jo, coordinator, dt.date(2026, 12, 7), 6 * 60)  # £120.00

    week = week_earnings(member=jo, worked_on=dt.date(2026, 12, 8), adding_pence=5200)

    assert week.level == Level.NEAR
    message = week.message()
    assert "This claim takes your week to £172.00 of your £195.00 limit." in message
    assert "It is your choice" in message
    assert "Jo Whitfield's week to £172.00" in week.message(for_member=False)


def test_over_the_limit_is_said_more_strongly_and_still_their_choice(jo, coordinator):
    _claim(jo, coordinator, dt.date(2026, 12, 7), 9 * 60)  # £180.00

    week = week_earnings(member=jo, worked_on=dt.date(2026, 12, 8), adding_pence=3000)

    assert week.level == Level.OVER
    message = week.message()
    assert "would take your week to £210.00" in message
    assert "£15.00 over your £195.00 limit" in message
    assert "may change your benefits" in message
    assert "choice" in message


def test_a_members_own_limit_wins_and_no_limit_means_no_warning(jo, coordinator):
    change_member(actor=coordinator, member=jo, fields={"weekly_limit_pence": 10_000})
    jo.refresh_from_db()
    assert week_earnings(member=jo, worked_on=dt.date(2026, 12, 8), adding_pence=8000).level == (
        Level.NEAR
    )

    change_member(actor=coordinator, member=jo, fields={"no_benefits_limit": True})
    jo.refresh_from_db()
    week = week_earnings(member=jo, worked_on=dt.date(2026, 12, 8), adding_pence=10**6)
    assert week.level == Level.NO_LIMIT
    assert week.message() == ""


def test_a_claim_being_decided_is_not_counted_twice(jo, coordinator):
    claim = _claim(jo, coordinator, dt.date(2026, 12, 7), 60)

    week = week_earnings(
        member=jo, worked_on=claim.worked_on, adding_pence=claim.amount_pence, leaving_out=claim
    )

    assert week.total_pence == 2000
