"""What every commissioning record shares: the provider it belongs to and its human reference."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


def provider_field(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name=related_name
    )


def user_field(*, null: bool = False) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=null,
        blank=null,
        on_delete=models.PROTECT,
        related_name="+",
    )


def now_field() -> models.DateTimeField:
    return models.DateTimeField(default=timezone.now)
