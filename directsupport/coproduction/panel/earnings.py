"""A panel member's week of pay against their benefits limit: the one place this is decided.

People on some benefits may earn only so much a week (the permitted earnings limit). The panel
warns a member when a claim takes their week (Monday to Sunday of the day the time was given)
to ``warn_at_percent`` of their limit, and warns more strongly when it would take them over it.
It never stops a claim: whether to claim is the member's choice, and the words say so.

A week counts every claim still standing (claimed, approved or paid); refused claims are not
money the member will get.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Sum

from directsupport.lib.money import format_pence

from ..models import ClaimStatus, PanelMember, TimeClaim

COUNTED = (ClaimStatus.CLAIMED, ClaimStatus.APPROVED, ClaimStatus.PAID)
CHOICE = "It is your choice whether to claim: this is only a reminder."
CHOICE_FOR_STAFF = "It is their choice: the claim can still be approved and paid."


class Level(StrEnum):
    NO_LIMIT = "no_limit"  # the member has said they have no benefits limit
    WELL_UNDER = "well_under"
    NEAR = "near"  # at or past warn_at_percent, not over
    OVER = "over"


def level_for(*, total_pence: int, limit_pence: int | None, warn_at_percent: int) -> Level:
    """Near from exactly ``warn_at_percent`` of the limit (the limit itself is still near, not
    over); over from a penny past the limit."""
    if limit_pence is None:
        return Level.NO_LIMIT
    if total_pence > limit_pence:
        return Level.OVER
    if total_pence * 100 >= limit_pence * warn_at_percent:
        return Level.NEAR
    return Level.WELL_UNDER


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def limit_for(member: PanelMember) -> int | None:
    if member.no_benefits_limit:
        return None
    if member.weekly_limit_pence is not None:
        return member.weekly_limit_pence
    return member.panel.weekly_limit_pence


@dataclass(frozen=True)
class WeekEarnings:
    member: PanelMember
    monday: dt.date
    sunday: dt.date
    before_pence: int  # the week's other standing claims
    this_claim_pence: int
    limit_pence: int | None
    warn_at_percent: int
    level: Level

    @property
    def total_pence(self) -> int:
        return self.before_pence + self.this_claim_pence

    @property
    def warns(self) -> bool:
        return self.level in (Level.NEAR, Level.OVER)

    @property
    def week_words(self) -> str:
        return f"{self.monday:%A} {self.monday.day} {self.monday:%B} to {self.sunday:%A} " + (
            f"{self.sunday.day} {self.sunday:%B %Y}"
        )

    def message(self, *, for_member: bool = True) -> str:
        """The warning in plain words; empty when there is nothing to warn about."""
        if not self.warns or self.limit_pence is None:
            return ""
        whose = "your" if for_member else f"{self.member.name}'s"
        total, limit = format_pence(self.total_pence), format_pence(self.limit_pence)
        choice = CHOICE if for_member else CHOICE_FOR_STAFF
        if self.level == Level.OVER:
            over = format_pence(self.total_pence - self.limit_pence)
            return (
                f"This claim would take {whose} week to {total}. That is {over} over "
                f"{whose} {limit} limit. Going over the limit may change "
                f"{'your' if for_member else 'their'} benefits. {choice}"
            )
        return f"This claim takes {whose} week to {total} of {whose} {limit} limit. {choice}"


def week_earnings(
    *,
    member: PanelMember,
    worked_on: dt.date,
    adding_pence: int = 0,
    leaving_out: TimeClaim | None = None,
) -> WeekEarnings:
    """``member``'s week around ``worked_on`` with a claim of ``adding_pence`` added (a claim
    being made, or one being decided, left out of the week's others with ``leaving_out``)."""
    monday, sunday = week_of(worked_on)
    others = TimeClaim.objects.filter(
        member=member, worked_on__range=(monday, sunday), status__in=COUNTED
    )
    if leaving_out is not None and leaving_out.pk is not None:
        others = others.exclude(pk=leaving_out.pk)
    before = others.aggregate(total=Sum("amount_pence"))["total"] or 0
    limit = limit_for(member)
    warn_at = member.panel.warn_at_percent
    return WeekEarnings(
        member=member,
        monday=monday,
        sunday=sunday,
        before_pence=before,
        this_claim_pence=adding_pence,
        limit_pence=limit,
        warn_at_percent=warn_at,
        level=level_for(
            total_pence=before + adding_pence, limit_pence=limit, warn_at_percent=warn_at
        ),
    )
