"""The demo's co-production panel (filled in by the panel pages' work)."""

from __future__ import annotations

from directsupport.accounts.models import Organisation, User


def seed_panel(*, provider: Organisation, users: dict[str, User]) -> list[str]:
    """Seed through the services; return the summary lines seed_demo prints."""
    return []
