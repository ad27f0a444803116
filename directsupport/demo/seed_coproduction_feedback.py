"""The demo's co-production feedback (filled in by the feedback pages' work)."""

from __future__ import annotations

from directsupport.accounts.models import Organisation, User


def seed_feedback(*, provider: Organisation, users: dict[str, User]) -> list[str]:
    """Seed through the services; return the summary lines seed_demo prints."""
    return []
