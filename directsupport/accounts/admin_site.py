"""The back-office admin: managers only, and only after two-factor.

Managers are not superusers, so nothing here relies on Django's permission tables: each
ModelAdmin says what a manager may do (``ManagerAdmin``) and shows only their organisation's
rows. Signing in happens on our own sign-in page, never on a second, admin one.
"""

from __future__ import annotations

from functools import update_wrapper
from typing import Any

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from directsupport.lib.denials import NoAccess
from directsupport.lib.ids import IdChoiceField, IdMultipleChoiceField

from .access import can_use_back_office
from .http import authenticated


def _no_back_office(request: HttpRequest) -> NoAccess:
    return NoAccess(
        subject_type="back_office",
        subject_id=request.path[:60],
        reason="Not a back-office manager",
    )


class BackOfficeSite(admin.AdminSite):
    site_header = "Direct Your Support back office"
    site_title = "Back office"
    index_title = "Back office"
    login_template = None

    def has_permission(self, request: HttpRequest) -> bool:
        return can_use_back_office(request.user)

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        """Signed in but not allowed: 404 (and an audit row), not a detour to a login page."""
        checked = super().admin_view(view, cacheable)

        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.is_authenticated and not self.has_permission(request):
                raise _no_back_office(request)
            response: HttpResponse = checked(request, *args, **kwargs)
            return response

        return update_wrapper(guarded, checked)

    @method_decorator(never_cache)
    @login_not_required
    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        """Not a second way in: send people to our sign-in (password, lockout, two-factor)."""
        if request.user.is_authenticated:
            raise _no_back_office(request)
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url, login_url=reverse("accounts:login"))

    def logout(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        from .views.signin import sign_out  # the one sign-out, audited

        return sign_out(request)

    def password_change(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> Any:
        return redirect("accounts:change_password")

    def password_change_done(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> Any:
        return redirect("accounts:account")


admin_site = BackOfficeSite(name="back_office")


class ManagerAdmin(admin.ModelAdmin[Any]):
    """Read-only for back-office managers, limited to their organisation's rows.

    Subclasses that allow more override ``has_add/change/delete_permission``; ``scope_field``
    names the organisation each row belongs to.
    """

    scope_field: str | None = "organisation"
    actions = None

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_use_back_office(request.user)

    def in_scope(self, request: HttpRequest, obj: Model | None) -> bool:
        if obj is None or self.scope_field is None:
            return True
        # Asked only once can_use_back_office has let a manager in (see has_view_permission).
        user = authenticated(request).user
        return bool(getattr(obj, f"{self.scope_field}_id") == user.organisation_id)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return can_use_back_office(request.user) and self.in_scope(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # A forged id too large to exist is "Select a valid choice", not a crash (lib.ids).
        kwargs.setdefault("form_class", IdChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs.setdefault("form_class", IdMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if self.scope_field is None:
            return queryset
        user = authenticated(request).user  # admin views run only once has_permission passed
        return queryset.filter(**{f"{self.scope_field}_id": user.organisation_id})
