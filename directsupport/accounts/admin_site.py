"""The back-office admin: managers only, and only after two-factor."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .roles import Role


class BackOfficeSite(admin.AdminSite):
    site_header = "Direct Your Support back office"
    site_title = "Back office"
    index_title = "Back office"
    login_template = None

    def has_permission(self, request: HttpRequest) -> bool:
        user: Any = request.user
        return bool(
            user.is_active
            and user.is_authenticated
            and user.is_staff
            and user.role == Role.MANAGER
            and user.is_verified()
        )


admin_site = BackOfficeSite(name="back_office")
