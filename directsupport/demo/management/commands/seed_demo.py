"""manage.py seed_demo [--if-empty]: load the Willowbrook demo (repeatable)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from directsupport.demo.seeding import seed_demo


class Command(BaseCommand):
    help = (
        "Load the demo: Willowbrook Support, the London Borough of Hollowfield, suppliers, a "
        "user for every role and 55 people with their circles, three Planning Live days, tools, "
        "outcomes and Plan Books, Perfect Weeks, and Individual Service Funds split from "
        "Hollowfield's block contract with months of ledger history, banking, statements and "
        "alerts (dated back from today). Running it again adds nothing; "
        "it restores the demo users' two-factor codes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Add nothing if any people exist (still restores the demo two-factor codes).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "The demo gives every account the same published password: it is never loaded "
                "in production (DJANGO_ENV=production)."
            )
        result = seed_demo(if_empty=options["if_empty"])
        for line in result.lines():
            self.stdout.write(line)
