"""Work out the programme dashboard's monthly figures: run it every night (cron) so past months
take in anything dated back into them; ``--current`` does only this month (the page asks for
that itself when its figures are more than 15 minutes old)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from directsupport.coproduction.dashboard.snapshots import refresh_all, refresh_provider


class Command(BaseCommand):
    help = "Work out the programme dashboard's figures for every month since the programme began."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--current", action="store_true", help="only the month we are in")
        parser.add_argument("--provider", type=int, help="only this provider (its id)")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        today = timezone.localdate()
        if options["provider"]:
            written = refresh_provider(
                options["provider"], today=today, current_only=options["current"]
            )
        else:
            written = refresh_all(today=today, current_only=options["current"])
        self.stdout.write(
            f"Programme figures: {written} month snapshots worked out in "
            f"{time.perf_counter() - started:.1f} s."
        )
