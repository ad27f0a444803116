"""manage.py demo_logins: print the demo sign-ins, with a working two-factor code for each."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from directsupport.demo.logins import demo_login_lines


class Command(BaseCommand):
    help = "Print the demo's sign-ins: the address, the password and a backup code per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="List every demo user, not one per role."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for line in demo_login_lines(everyone=options["all"]):
            self.stdout.write(line)
