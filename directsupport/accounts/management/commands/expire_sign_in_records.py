"""manage.py expire_sign_in_records: delete sign-in try records past their use (run daily).

Failed tries are kept only as long as they count towards a lockout; the per-try logs for
SIGN_IN_RECORD_DAYS. Who signed in, and failed sign-ins to real accounts, stay in the audit log.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from directsupport.accounts.lockout import expire_sign_in_records


class Command(BaseCommand):
    help = "Delete failed sign-in records no longer needed for lockouts (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        removed = expire_sign_in_records()
        self.stdout.write(
            f"Removed {removed['attempts']} expired failed sign-in records, "
            f"{removed['failure_log']} failure log rows and {removed['sign_in_log']} "
            "sign-in log rows."
        )
