"""The demo's co-production reviews (filled in by the reviews pages' work)."""

from __future__ import annotations

from directsupport.accounts.models import Organisation, User


def seed_reviews(*, provider: Organisation, users: dict[str, User]) -> list[str]:
    """Seed through the services; return the summary lines seed_demo prints."""
    return []
