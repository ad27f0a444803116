"""What co-production records share: who recorded them and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from directsupport.lib.decision_feed import ParticipantRole

__all__ = ["ParticipantRole", "now_field", "user_field"]


def user_field(*, null: bool = True, related_name: str = "+") -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=null,
        blank=null,
        on_delete=models.SET_NULL if null else models.PROTECT,
        related_name=related_name,
    )


def now_field() -> models.DateTimeField:
    return models.DateTimeField(default=timezone.now)
