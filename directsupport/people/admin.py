"""Back-office pages for the people app's areas and people (on the one back office, see
accounts/admin_site.py).

Areas are added and renamed here (audited); people are only found here, read only: their full
record is on the people pages. Viewing one is an audited read.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html

from directsupport.accounts.access import can_use_back_office
from directsupport.accounts.admin_site import ManagerAdmin, admin_site
from directsupport.accounts.http import authenticated
from directsupport.audit.models import Action
from directsupport.audit.services import model_changes, record_request_event, record_view

from .models import Area, Person


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
        user = authenticated(request).user
        kwargs["form"] = _area_form(user.organisation_id)
        return super().get_form(request, obj, change, **kwargs)

    def save_model(
        self, request: HttpRequest, obj: Area, form: ModelForm[Area], change: bool
    ) -> None:
        user = authenticated(request).user
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
