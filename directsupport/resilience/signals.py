"""Grants re-applied after every migrate run as the owner, so a new table is never left with the
default SELECT/INSERT only, and a table that became append-only loses UPDATE and DELETE."""

from __future__ import annotations

from typing import Any

from django.db import connections

from .roles import apply_grants, role_names

OWNER_ALIAS = "owner"


def grant_after_migrate(
    sender: Any, using: str = "default", verbosity: int = 1, **kwargs: Any
) -> None:
    if using != OWNER_ALIAS or connections[using].vendor != "postgresql":
        return
    owner_role, app_role = role_names(OWNER_ALIAS)
    report = apply_grants(connections[using], owner_role=owner_role, app_role=app_role)
    if verbosity:
        print(
            f"  Grants for {report.app_role}: {len(report.ordinary)} tables read and written, "
            f"{len(report.append_only)} append-only ({', '.join(report.append_only)})."
        )
