"""manage.py retention_review: the daily retention review, for cron.

Lists, per provider, whose records have passed their retention period and wait for a manager's
decision. It destroys nothing: managers decide on the review page.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from directsupport.retention.review import run_review_everywhere


class Command(BaseCommand):
    help = "List the records past their retention period, for managers to decide on."

    def handle(self, *args: Any, **options: Any) -> None:
        for organisation, found in run_review_everywhere().items():
            due = [entry for entry in found if entry.due]
            people = "person" if len(due) == 1 else "people"
            self.stdout.write(
                f"{organisation.name}: {len(due)} {people} with records due for review"
            )
            for entry in due:
                kinds = ", ".join(f"{item.rule.title} ({item.rows})" for item in entry.due)
                # Numbers, not names: cron output is mailed and kept in logs.
                self.stdout.write(f"  person number {entry.person.pk}: {kinds}")
