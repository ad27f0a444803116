"""manage.py backfill_decisions [--organisation ID]: log the decisions taken before the decision
log existed (Plan Books agreed, ISF agreements approved, suppliers chosen, preferred-list
decisions), for every provider or one. Safe to run again: nothing is logged twice."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from directsupport.accounts.models import Organisation, OrganisationKind
from directsupport.coproduction.decisions.backfill import backfill_decisions


class Command(BaseCommand):
    help = "Log past decisions (Plan Books, ISF agreements, supplier choices, preferred list)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", type=int, help="One provider's id. Default: all.")

    def handle(self, *args: Any, **options: Any) -> None:
        providers = Organisation.objects.filter(kind=OrganisationKind.PROVIDER).order_by("pk")
        if options["organisation"] is not None:
            providers = providers.filter(pk=options["organisation"])
            if not providers.exists():
                raise CommandError(f"No provider with id {options['organisation']}.")
        for provider in providers:
            added = backfill_decisions(organisation=provider)
            noun = "decision" if added == 1 else "decisions"
            self.stdout.write(f"{provider.name}: {added} {noun} logged")
