"""Refuse, in production, an application login that would defeat the append-only guard.

A superuser bypasses every grant and can disable any trigger; a login that owns the tables can
alter or drop the triggers. In production the web server and workers connect (DATABASE_URL) as
the application role, so either is a set-up mistake worth stopping for:

- a superuser login is refused outright;
- a login that owns the tables is refused when DATABASE_OWNER_URL names another role as the
  owner (the URLs were swapped or mixed up);
- otherwise a login that owns the tables is logged as critical on every start: that is right
  only for owner work (`make migrate` runs migrations with DATABASE_URL set to the owner's URL,
  because some migrations, such as django_tasks_db's, write through the default connection),
  or for a one-role installation still to be split (README "PostgreSQL: two roles").

Checked once per process, on the first connection; development and tests are left alone.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.backends.base.base import BaseDatabaseWrapper

from .roles import login_facts

logger = logging.getLogger(__name__)

_verdict: dict[str, str | None] = {}


def refuse_privileged_login(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if connection.alias != "default" or connection.vendor != "postgresql":
        return
    if not getattr(settings, "PRODUCTION", False):
        return
    if "refusal" not in _verdict:
        _verdict["refusal"] = _refusal(connection)
    if refusal := _verdict["refusal"]:
        # Closed first: Django keeps a connection whose set-up signal raised, and the next
        # query would use it unchecked.
        connection.close()
        raise ImproperlyConfigured(refusal)


def _refusal(connection: BaseDatabaseWrapper) -> str | None:
    facts = login_facts(connection)
    if facts.is_superuser:
        return (
            f"DATABASE_URL signs in as {facts.role}, a PostgreSQL superuser, which can rewrite "
            "audit rows and the ledger. Connect as the application role (README: PostgreSQL, "
            "two roles)."
        )
    if facts.owned_tables:
        message = (
            f"DATABASE_URL signs in as {facts.role}, which owns {facts.owned_tables} tables and "
            "so can drop the append-only triggers."
        )
        owner = settings.DATABASES.get("owner", {}).get("USER")
        if owner and owner != facts.role:
            return f"{message} DATABASE_OWNER_URL is the owner's; DATABASE_URL the application's."
        logger.critical(
            "%s Right for migrations only: the web server and workers must use the application "
            "role (README: PostgreSQL, two roles).",
            message,
        )
    return None
