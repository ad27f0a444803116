"""manage.py backup [--to DIR]: a consistent copy of the database with a SHA-256 manifest
(README: Backups). Prove it with manage.py restore --check DIR."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from directsupport.resilience.backups import BackupProblem, make_backup


class Command(BaseCommand):
    help = "Back the database up (SQLite online backup, or pg_dump) with a SHA-256 manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--to",
            type=Path,
            help="The directory to create (default: var/backups/<date and time>/).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            backup = make_backup(options["to"])
        except BackupProblem as problem:
            raise CommandError(str(problem)) from problem
        manifest = backup.manifest
        size = sum(file["bytes"] for file in manifest["files"].values())
        self.stdout.write(
            f"Backed up {manifest['vendor']} database {manifest['database']} to {backup.directory} "
            f"({size / 1_000_000:,.1f} MB, {len(manifest['row_counts'])} tables, "
            f"{sum(manifest['row_counts'].values()):,} rows, {len(manifest['fund_balances']):,} "
            f"funds) in {time.monotonic() - started:.1f} s."
        )
