"""manage.py demo_totp <email>: the current authenticator code of a demo user.

Only demo devices answer (their key is derived from the email by seed_demo); a real user's
authenticator is never read.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from directsupport.demo.credentials import demo_totp_key


class Command(BaseCommand):
    help = "Print the current authenticator code for a demo user (another way past two-factor)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="The demo user's email address.")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        device = (
            TOTPDevice.objects.filter(user__email=email, confirmed=True, key=demo_totp_key(email))
            .order_by("id")
            .first()
        )
        if device is None:
            raise CommandError(
                f"{email} has no demo authenticator. Check the address against "
                "`manage.py demo_logins`, or run `manage.py seed_demo` first."
            )
        now = time.time()
        code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
        seconds_left = device.step - int(now - device.t0) % device.step
        self.stdout.write(f"{code:0{device.digits}d}")
        self.stderr.write(
            f"(valid for about {seconds_left} more seconds, and only once. "
            "If it is refused, wait for the next one.)"
        )
