"""manage.py open_months [--month 2026-10]: open the month (the council's allocation, the
management fee and the planned support) for every live ISF (default: this month). Safe to run
again: a fund's month is posted once. Funds that cannot be opened are listed with the reason."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from directsupport.funds.months.opening import month_start
from directsupport.funds.months.routine import open_month_for_live_funds
from directsupport.funds.statements.figures import parse_month


class Command(BaseCommand):
    help = "Open a month for every live ISF: allocation, management fee, planned support."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", help="The month, like 2026-10. Default: this month.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["month"]:
            month = parse_month(options["month"])
            if month is None:
                raise CommandError("Give the month as a year and month, like 2026-10.")
        else:
            month = month_start(timezone.localdate())
        result = open_month_for_live_funds(month=month, actor=None)
        self.stdout.write(
            f"Opened {month:%B %Y} for {result.opened} ISFs "
            f"({result.already} were already open, {len(result.refusals)} refused)."
        )
        for refusal in result.refusals:
            self.stderr.write(f"{refusal.fund_reference} {refusal.person_name}: {refusal.reason}")
