"""Organisations and the people who sign in to Direct Your Support."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from .roles import (
    PROVIDER_STAFF_ROLES,
    ROLES_BY_KIND,
    TWO_FACTOR_OPTIONAL_ROLES,
    OrganisationKind,
    Role,
)


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        """Only for emergencies from the shell; everyday back-office work is done by managers."""
        fields.setdefault("role", Role.MANAGER)
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        if "organisation" not in fields:
            fields["organisation"] = Organisation.objects.filter(
                kind=OrganisationKind.PROVIDER
            ).first()
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Someone who signs in. One organisation, one role; email is the sign-in name."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="users")
    role = models.CharField(max_length=20, choices=Role.choices)
    is_active = models.BooleanField(
        default=True, help_text="Untick instead of deleting: a leaver is signed out at once."
    )
    is_staff = models.BooleanField(default=False, help_text="May use the back-office admin.")
    wants_two_factor = models.BooleanField(
        default=False,
        help_text="For roles where two-factor is optional: the user chose to turn it on.",
    )
    date_joined = models.DateTimeField(default=timezone.now)
    deactivated_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.email.lower()
        if self.organisation_id and self.role:
            allowed = ROLES_BY_KIND[self.organisation.kind]
            if self.role not in allowed:
                raise ValidationError(
                    {
                        "role": f"A {self.get_role_display().lower()} cannot belong to "
                        f"{self.organisation.get_kind_display().lower()} organisation."
                    }
                )

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def needs_two_factor(self) -> bool:
        return self.role not in TWO_FACTOR_OPTIONAL_ROLES or self.wants_two_factor

    @property
    def is_provider_staff(self) -> bool:
        return self.role in PROVIDER_STAFF_ROLES

    def has_role(self, *roles: str) -> bool:
        return self.role in roles
