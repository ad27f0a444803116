"""The demo's saved optimiser run: the whole borough, with its report and proposals."""

from __future__ import annotations

from directsupport.accounts.models import Organisation, User


def seed_optimiser_run(*, provider: Organisation, shaper: User) -> None:
    return None
