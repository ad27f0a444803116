"""manage.py database_roles: the owner and application roles on PostgreSQL (README: PostgreSQL,
two roles).

    manage.py database_roles                      (re)apply the application role's grants
    manage.py database_roles --create-roles-as URL   first create both roles from DATABASE_URL and
                                                   DATABASE_OWNER_URL (URL: a superuser's) and hand
                                                   the database and its tables to the owner
    manage.py database_roles --verify             as the application's login, try every way of
                                                   changing an append-only table (all rolled back)
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from directsupport.resilience.probes import probe_append_only_tables
from directsupport.resilience.role_setup import create_roles
from directsupport.resilience.roles import (
    RolesProblem,
    apply_grants,
    login_facts,
    privilege_problems,
    role_names,
)


class Command(BaseCommand):
    help = "Create the owner and application roles, (re)apply grants, or verify them (PostgreSQL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--database",
            help="The owner's connection alias (default: owner when DATABASE_OWNER_URL is set).",
        )
        parser.add_argument("--owner-role", help="Default: the user in DATABASE_OWNER_URL.")
        parser.add_argument("--app-role", help="Default: the user in DATABASE_URL.")
        parser.add_argument(
            "--create-roles-as",
            metavar="URL",
            help="A PostgreSQL superuser's URL: create the roles that are missing, give the "
            "database and its tables to the owner, then grant.",
        )
        parser.add_argument(
            "--verify",
            action="store_true",
            help="Only check, as the application's own login (DATABASE_URL), that every way of "
            "changing an append-only table is refused.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verify"]:
            self._verify()
            return
        alias = options["database"] or ("owner" if "owner" in settings.DATABASES else "default")
        connection = connections[alias]
        if connection.vendor != "postgresql":
            raise CommandError("Database roles are for PostgreSQL; SQLite keeps its triggers.")
        owner_role, app_role = role_names(alias)
        owner_role = options["owner_role"] or owner_role
        app_role = options["app_role"] or app_role
        if options["create_roles_as"]:
            for line in create_roles(
                options["create_roles_as"],
                database=connection.settings_dict["NAME"],
                owner=(owner_role, connection.settings_dict.get("PASSWORD") or ""),
                app=(app_role, settings.DATABASES["default"].get("PASSWORD") or ""),
            ):
                self.stdout.write(line)
        try:
            report = apply_grants(connection, owner_role=owner_role, app_role=app_role)
        except RolesProblem as problem:
            raise CommandError(str(problem)) from problem
        self.stdout.write(
            f"{app_role} may read and write {len(report.ordinary)} tables, and only read and add "
            f"to {len(report.append_only)} append-only tables: {', '.join(report.append_only)}. "
            f"Owner: {owner_role}."
        )
        if problems := privilege_problems(connection, app_role=app_role):
            raise CommandError("After granting: " + "; ".join(problems))

    def _verify(self) -> None:
        connection = connections["default"]
        if connection.vendor != "postgresql":
            raise CommandError("Database roles are for PostgreSQL; SQLite keeps its triggers.")
        facts = login_facts(connection)
        failures: list[str] = []
        if facts.is_superuser or facts.owned_tables:
            failures.append(
                f"{facts.role} is a superuser or owns tables: the application must not sign in so"
            )
        failures.extend(privilege_problems(connection, app_role=facts.role))
        probes = probe_append_only_tables("default")
        for probe in probes:
            mark = "refused" if probe.refused else "NOT REFUSED"
            self.stdout.write(f"{mark:11} {probe.table}: {probe.attempt} ({probe.answer})")
            if not probe.refused:
                failures.append(f"{probe.attempt} on {probe.table} was allowed")
        if failures:
            more = f"; and {len(failures) - 8} more" if len(failures) > 8 else ""
            raise CommandError("; ".join(failures[:8]) + more)
        tables = len({probe.table for probe in probes})
        self.stdout.write(
            f"{facts.role}: all {len(probes)} attempts on {tables} append-only tables refused."
        )
