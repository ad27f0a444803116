"""manage.py generate_scale_funds [--months 6]: ISFs with ledger history for the benchmarks."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from directsupport.demo.scale_funds import ScaleFundsError, generate_scale_funds


class Command(BaseCommand):
    help = (
        "After generate_scale: an ISF with an agreement in force for every scale person, and "
        "months of ledger history (about 105 entries a fund for 7 months)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--months", type=int, default=7, help="Months of history.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("generate_scale_funds makes benchmark data: never in production.")
        if not 1 <= options["months"] <= 11:
            raise CommandError("--months must be between 1 and 11.")
        try:
            result = generate_scale_funds(
                months=options["months"],
                seed=options["seed"],
                progress=self.stdout.write if options["verbosity"] > 1 else None,
            )
        except ScaleFundsError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(result.summary())
