"""manage.py seed_demo_retention: after seed_demo, add the retention story (repeatable).

Gerry Whitlock, whose support ended in 2018, with his records due for review and one kept for a
stated reason, and Jamal's request to erase information, waiting for the manager
(directsupport/demo/seed_retention.py). Kept apart from seed_demo because it adds a 56th person,
a former one, and seed_demo's story counts the 55 supported now.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from directsupport.accounts.models import Organisation, User
from directsupport.demo import organisations_data as orgs
from directsupport.demo.seed_retention import seed_retention


class Command(BaseCommand):
    help = (
        "Add the demo's retention story after seed_demo: a person whose support ended in 2018 "
        "with records due for review (one kept with a reason) and an erasure request."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("The demo is never loaded in production (DJANGO_ENV=production).")
        provider = Organisation.objects.filter(name=orgs.PROVIDER).first()
        if provider is None:
            raise CommandError("Load the demo first: manage.py seed_demo.")
        users = {u.email: u for u in User.objects.filter(email__in=[s.email for s in orgs.STAFF])}
        with transaction.atomic():
            counts = seed_retention(provider=provider, users=users)
        for line in counts.lines():
            self.stdout.write(line)
