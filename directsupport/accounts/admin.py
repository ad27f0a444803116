"""Back-office pages for organisations and users (see admin_site.py).

Users are added, deactivated and given passwords on the team pages, which send invitations and
end sessions; the back office only changes a name, role or back-office access, through the same
audited service. Areas and people are registered on the same site by people/admin.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Field, Model
from django.forms import ModelForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from . import services
from .access import can_use_back_office, roles_allowed_in
from .admin_site import ManagerAdmin, admin_site
from .http import authenticated
from .models import Organisation, User
from .team_forms import BACK_OFFICE_HINT, BACK_OFFICE_LABEL


@admin.register(Organisation, site=admin_site)
class OrganisationAdmin(ManagerAdmin):
    """Every organisation may be looked at; only a superuser (from the shell) changes them."""

    scope_field = None
    list_display = ("name", "kind")
    list_filter = ("kind",)
    search_fields = ("name",)
    fields = ("name", "kind", "created_at")
    readonly_fields = ("created_at",)

    def _superuser(self, request: HttpRequest) -> bool:
        user = request.user  # an anonymous visitor is not a superuser either
        return can_use_back_office(user) and user.is_superuser

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._superuser(request)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._superuser(request)


@admin.register(User, site=admin_site)
class UserAdmin(ManagerAdmin):
    list_display = ("full_name", "email", "role", "is_active", "is_staff")
    list_filter = ("role", "is_active")
    search_fields = ("full_name", "email")
    fields = ("full_name", "email", "role", "is_staff", "status", "team_page", "date_joined")
    always_read_only = ("email", "status", "team_page", "date_joined")

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return can_use_back_office(request.user) and self.in_scope(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        if obj is not None and obj.pk == request.user.pk:
            return (*self.always_read_only, "role", "is_staff")
        return self.always_read_only

    def formfield_for_choice_field(
        self, db_field: Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        if db_field.name == "role":
            user = authenticated(request).user  # a form only a back-office manager reaches
            kwargs["choices"] = roles_allowed_in(user.organisation)
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        if "is_staff" in form.base_fields:
            form.base_fields["is_staff"].label = BACK_OFFICE_LABEL
            form.base_fields["is_staff"].help_text = BACK_OFFICE_HINT
        return form

    @admin.display(description="Status")
    def status(self, obj: User) -> str:
        if obj.is_active:
            return "Active"
        when = (
            date_format(timezone.localtime(obj.deactivated_at), "j F Y")
            if obj.deactivated_at
            else ""
        )
        return f"Deactivated {when}".strip()

    @admin.display(description="Password, sign-in and deactivating")
    def team_page(self, obj: User) -> str:
        return format_html(
            '<a href="{}">Open {}\'s team page</a>', reverse("team:member", args=[obj.pk]), obj
        )

    def save_model(
        self, request: HttpRequest, obj: User, form: ModelForm[User], change: bool
    ) -> None:
        services.change_user(
            request=authenticated(request),
            user=User.objects.get(pk=obj.pk),
            full_name=obj.full_name,
            role=obj.role,
            is_staff=obj.is_staff,
        )
