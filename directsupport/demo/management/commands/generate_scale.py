"""manage.py generate_scale --people 10000 [--circle 8]: volume data for benchmarks."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from directsupport.demo.bench_accounts import BENCH_PASSWORD, bench_email
from directsupport.demo.scale import ScaleError, generate_scale


class Command(BaseCommand):
    help = (
        "Fill a fresh database for benchmarks: a provider and council, staff, N people with "
        "circles, key dates, assignments and audit rows, and a bench user for every role."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=10_000, help="How many people.")
        parser.add_argument(
            "--circle", type=int, default=8, help="Average circle members per person."
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed.")
        parser.add_argument("--batch-size", type=int, default=2000, help="People per batch.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "generate_scale makes users with a published password: never in production."
            )
        if options["people"] < 1 or options["circle"] < 1:
            raise CommandError("--people and --circle must be at least 1.")
        try:
            result = generate_scale(
                people=options["people"],
                circle=options["circle"],
                seed=options["seed"],
                batch_size=options["batch_size"],
                progress=self.stdout.write if options["verbosity"] > 1 else None,
            )
        except ScaleError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(result.summary())
        self.stdout.write(
            f"Bench sign-in: {bench_email('coordinator')} / {BENCH_PASSWORD} "
            "with backup codes bench00000, bench00001, ..."
        )
