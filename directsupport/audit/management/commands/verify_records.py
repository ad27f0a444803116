"""Re-walk the hash chains of the audit log and the ledger (audit/chain_check.py).

Prints, per chain, how many rows and seals were checked, how many rows are not yet sealed and
the head digest (keep it: it lets a later check prove nothing before it changed). Stops with an
error naming the first row (or seal) that does not match. ``manage.py restore --check`` calls
it with ``call_command("verify_records", database=alias)`` on the restored copy.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from directsupport.audit.chain import registered_chains
from directsupport.audit.chain_check import verify_chain


class Command(BaseCommand):
    help = "Check that no sealed audit row or ledger entry was changed, removed or slipped in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", default="default", help="Database alias to check.")
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
        mismatches = []
        for chain in chains:
            report = verify_chain(chain, using=options["database"])
            self.stdout.write(report.summary())
            if report.mismatch:
                mismatches.append(str(report.mismatch))
                self.stderr.write(str(report.mismatch))
        if mismatches:
            raise CommandError("Records do not match their seals: " + " ".join(mismatches))
        self.stdout.write("All sealed records match their seals.")
