"""`manage.py check --deploy --database default`: the application's database login is least
privilege (PostgreSQL only; SQLite has no roles and keeps its triggers)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning
from django.db import connections

from .roles import login_facts, privilege_problems

HINT = "README: PostgreSQL, two roles."


def check_application_login(
    app_configs: Sequence[Any] | None = None,
    databases: Sequence[str] | None = None,
    **kwargs: Any,
) -> list[CheckMessage]:
    if not databases or "default" not in databases:
        return []
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return []
    facts = login_facts(connection)
    if facts.is_superuser:
        return [
            Error(
                f"The application signs in to PostgreSQL as {facts.role}, a superuser: it could "
                "rewrite audit rows and the ledger.",
                hint=HINT,
                id="resilience.E001",
            )
        ]
    if facts.owned_tables:
        return [
            Error(
                f"The application signs in as {facts.role}, which owns {facts.owned_tables} "
                "tables and so could drop the append-only triggers.",
                hint=HINT,
                id="resilience.E002",
            )
        ]
    messages: list[CheckMessage] = []
    if "owner" not in settings.DATABASES:
        messages.append(
            Warning(
                "DATABASE_OWNER_URL is not set: migrations need the owner role's connection.",
                hint=HINT,
                id="resilience.W003",
            )
        )
    messages.extend(
        Error(
            f"{problem}. Run manage.py database_roles as the owner.",
            id="resilience.E004",
        )
        for problem in privilege_problems(connection, app_role=facts.role)
    )
    return messages
