"""Seal the audit log's and the ledger's new rows into their hash chains (audit/chain.py).

A new row already schedules sealing within a minute; run this from cron as well (every few
minutes) so rows are sealed even when the task worker is down, and after a bulk load.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from directsupport.audit.chain import registered_chains, seal_chain


class Command(BaseCommand):
    help = "Seal rows of the audit log and the ledger not yet sealed into their hash chains."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", default="default", help="Database alias to seal.")
        parser.add_argument(
            "--chain",
            action="append",
            dest="chains",
            help="Only this chain (audit, ledger, ...); may be given more than once.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            chains = registered_chains(options["chains"])
        except KeyError as error:
            raise CommandError(error.args[0]) from error
        for chain in chains:
            sealed = seal_chain(chain, using=options["database"])
            self.stdout.write(f"{chain.name}: {sealed:,} rows sealed now")
