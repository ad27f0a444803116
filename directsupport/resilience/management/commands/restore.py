"""manage.py restore --check DIR: the drill. Restore a backup into a scratch database and prove
it against its manifest (hashes, row counts, migrations, every fund's balances, hash chains).

manage.py restore DIR [--force]: restore into the configured database (stop the web server and
workers first); refuses a database that already holds tables unless --force.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from directsupport.resilience.backups import BackupProblem
from directsupport.resilience.restores import check_backup, restore_backup


class Command(BaseCommand):
    help = "Prove a backup in a scratch database (--check), or restore it into this database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="A backup made by manage.py backup.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Restore into a scratch database and prove it; the real database is untouched.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the configured database even though it already holds tables.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        directory: Path = options["directory"]
        try:
            if options["check"]:
                check_backup(directory, self.stdout.write)
            else:
                restore_backup(directory, force=options["force"], say=self.stdout.write)
        except BackupProblem as problem:
            raise CommandError(str(problem)) from problem
        verb = "Checked" if options["check"] else "Restored"
        self.stdout.write(f"{verb} {directory} in {time.monotonic() - started:.1f} s.")
