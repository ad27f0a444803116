"""Back-office pages for organisations, users, areas and people (see admin_site.py).

Users are added, deactivated and given passwords on the team pages, which send invitations and
end sessions; the back office only changes a name, role or back-office access, through the same
audited service. The people app's records are registered here too so the whole back office is
in one place while that app is being built.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Field, Model
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_request_event, record_view
from directsupport.people.models import Area, Person

from . import services
from .access import can_use_back_office, roles_allowed_in
from .admin_site import ManagerAdmin, admin_site
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
        user: Any = request.user
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
            user: Any = request.user
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
            request=request,
            user=User.objects.get(pk=obj.pk),
            full_name=obj.full_name,
            role=obj.role,
            is_staff=obj.is_staff,
        )


def _area_form(organisation_id: int) -> type[forms.ModelForm[Area]]:
    class AreaForm(forms.ModelForm[Area]):
        class Meta:
            model = Area
            fields = ("name",)

        def clean_name(self) -> str:
            name = " ".join(self.cleaned_data["name"].split())
            taken = Area.objects.filter(organisation_id=organisation_id, name__iexact=name)
            if taken.exclude(pk=self.instance.pk).exists():
                raise forms.ValidationError("There is already an area with this name.")
            return name

    return AreaForm


@admin.register(Area, site=admin_site)
class AreaAdmin(ManagerAdmin):
    list_display = ("name",)
    search_fields = ("name",)

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return can_use_back_office(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return can_use_back_office(request.user) and self.in_scope(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        # Areas in use cannot be removed (people point at them); the admin says which.
        return can_use_back_office(request.user) and self.in_scope(request, obj)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        user: Any = request.user
        kwargs["form"] = _area_form(user.organisation_id)
        return super().get_form(request, obj, change, **kwargs)

    def save_model(
        self, request: HttpRequest, obj: Area, form: ModelForm[Area], change: bool
    ) -> None:
        user: Any = request.user
        before = {"name": form.initial.get("name")} if change else {}
        obj.organisation_id = user.organisation_id
        obj.full_clean()
        obj.save()
        record_request_event(
            request,
            action=Action.UPDATE if change else Action.CREATE,
            subject=obj,
            summary=f"the area {obj.name}",
            changes=model_changes(before, {"name": obj.name}),
        )

    def delete_model(self, request: HttpRequest, obj: Area) -> None:
        name = obj.name
        super().delete_model(request, obj)
        record_request_event(
            request,
            action=Action.DELETE,
            subject_type="people.area",
            subject_id=str(obj.pk),
            summary=f"the area {name}",
        )


@admin.register(Person, site=admin_site)
class PersonAdmin(ManagerAdmin):
    """A read-only list to find someone; their full record is on the people pages."""

    list_display = ("display_name", "area", "coordinator", "stage")
    list_filter = ("stage", ("area", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("area", "coordinator")
    search_fields = ("first_name", "last_name", "preferred_name")
    fields = (
        "first_name",
        "preferred_name",
        "last_name",
        "date_of_birth",
        "area",
        "coordinator",
        "stage",
        "preferred_format",
        "people_page",
    )
    readonly_fields = ("people_page",)

    @admin.display(description="Full record")
    def people_page(self, obj: Person) -> str:
        return format_html(
            '<a href="{}">Open {}\'s page</a>', reverse("people:detail", args=[obj.pk]), obj
        )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        person = self.get_object(request, object_id)
        if person is not None:
            record_view(request, person_id=person.pk, subject=person, summary="Back-office record")
        return super().change_view(request, object_id, form_url, extra_context)
