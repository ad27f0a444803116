"""What the funds seeders hand one another: each fund that is live, and each support session
planned for it. Their own module, so the history (``seed_funds_history``) and the money made by
hand (``seed_funds_money``) both import them and neither imports the other back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from directsupport.accounts.models import User
from directsupport.funds.hours.services import (
    is_provider,
    session_cost_pence,
    session_description,
)
from directsupport.funds.models import Account, Agreement, Fund
from directsupport.people.models import Person
from directsupport.week.models import SupportRatio


@dataclass(frozen=True)
class LiveFund:
    fund: Fund
    person: Person
    versions: tuple[Agreement, ...]  # the approved versions, oldest first

    @property
    def starts_on(self) -> dt.date:
        return self.versions[0].starts_on


@dataclass
class SessionPlan:
    fund: Fund
    day: dt.date
    starts_at: dt.time
    minutes: int
    support_kind: str
    supplier: str
    worker: str
    rate_pence: int
    recorded_by: User | None
    notes: str = ""
    ratio: str = SupportRatio.ONE_TO_ONE

    @property
    def cost_pence(self) -> int:
        return session_cost_pence(self.minutes, self.rate_pence)

    @property
    def account(self) -> str:
        return (
            Account.PROVIDER_SUPPORT
            if is_provider(self.fund, self.supplier)
            else Account.OTHER_SUPPLIERS
        )

    @property
    def description(self) -> str:
        """Word for word what ``record_session`` writes."""
        return session_description(self.support_kind, self.starts_at, self.minutes, self.rate_pence)

    @property
    def ends_at(self) -> dt.datetime:
        start = timezone.make_aware(dt.datetime.combine(self.day, self.starts_at))
        return start + dt.timedelta(minutes=self.minutes)
