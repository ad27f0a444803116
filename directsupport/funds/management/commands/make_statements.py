"""manage.py make_statements [--month 2026-10]: make the month's statements still missing
(default: last month). Safe to run again: a fund's month gets one statement."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from directsupport.funds.statements.figures import parse_month, previous_month
from directsupport.funds.statements.services import MonthNotOver, make_statements


class Command(BaseCommand):
    help = "Make every fund's monthly statement for a month that is over (default: last month)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", help="The month, like 2026-10. Default: last month.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["month"]:
            month = parse_month(options["month"])
            if month is None:
                raise CommandError("Give the month as a year and month, like 2026-10.")
        else:
            month = previous_month(timezone.localdate())
        try:
            made = make_statements(month=month)
        except MonthNotOver as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Made {made} statements for {month:%B %Y}.")
