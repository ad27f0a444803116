"""manage.py contract_reminders [--day 2026-12-07]: the daily contract round, for cron.

Writes (and emails) the reminders before a contract ends or its yearly review, once per
contract, kind and date, and plans the next months of contracts with no end date. Safe to run
more than once a day. Prints references and counts only (cron output is mailed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from directsupport.commissioning.contracts.reminders import send_reminders, top_up_open_ended


class Command(BaseCommand):
    help = "Send contract reminders (ending soon, yearly review) and plan open-ended contracts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="The day, like 2026-12-07. Default: today.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = (
                dt.date.fromisoformat(options["day"]) if options["day"] else timezone.localdate()
            )
        except ValueError as error:
            raise CommandError("Give the day as a date, like 2026-12-07.") from error
        sent = send_reminders(today=today)
        posted = top_up_open_ended(today=today)
        self.stdout.write(f"{len(sent)} contract reminders sent; {posted} planned postings made.")
        for reminder in sent:
            self.stdout.write(f"  {reminder.contract.reference}: {reminder.kind}")
