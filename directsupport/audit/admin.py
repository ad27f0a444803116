"""The audit log in the back office: read only, the manager's organisation only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from directsupport.accounts.admin_site import ManagerAdmin, admin_site
from directsupport.accounts.models import User

from .access import audit_log_visible_to
from .models import AuditEvent


@admin.register(AuditEvent, site=admin_site)
class AuditEventAdmin(ManagerAdmin):
    list_display = ("at", "actor_label", "actor_role", "action", "summary", "ip_address", "path")
    list_filter = ("action",)
    search_fields = ("actor_label", "summary", "path")
    list_select_related = ("actor",)
    show_full_result_count = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        user = request.user
        if not isinstance(user, User):  # admin views run only once has_permission let a manager in
            raise PermissionDenied
        return audit_log_visible_to(user)
