"""Forms for managers looking after their team, and for setting a password from a link."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.forms import SetPasswordForm

from directsupport.lib.forms import FilterForm

from .access import roles_assignable_by
from .models import User
from .roles import Role

PASSWORD_HINT = (
    "At least 12 characters. A few unrelated words make a strong password that is easy to "
    "remember. Common passwords are refused."
)
BACK_OFFICE_LABEL = "Can use the back office"
BACK_OFFICE_HINT = "For managers only: the admin pages for organisation records and the audit log."


def _set_choices(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    cast(forms.ChoiceField, form.fields[name]).choices = choices


class TeamFilterForm(FilterForm):
    """Search and filters on the team list. Every field is optional."""

    STATUS_CHOICES = [("", "Everyone"), ("active", "Active"), ("deactivated", "Deactivated")]

    q = forms.CharField(
        label="Name or email",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(label="Role", required=False)
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS_CHOICES)

    def __init__(self, *args: Any, manager: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "role", [("", "Any role"), *roles_assignable_by(manager)])


def _role_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Role",
        widget=forms.RadioSelect,
        help_text="What they do decides what they can see.",
        error_messages={
            "required": "Choose a role.",
            "invalid_choice": "Choose one of the roles shown. Your organisation cannot have that "
            "role.",
        },
    )


def _back_office_field() -> forms.BooleanField:
    return forms.BooleanField(label=BACK_OFFICE_LABEL, required=False, help_text=BACK_OFFICE_HINT)


def _check_back_office(form: forms.Form) -> None:
    data = form.cleaned_data
    if data.get("is_staff") and data.get("role") and data["role"] != Role.MANAGER:
        form.add_error("is_staff", "Only managers can use the back office. Untick the box.")


class InviteUserForm(forms.Form):
    full_name = forms.CharField(
        label="Full name",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Enter their full name."},
    )
    email = forms.EmailField(
        label="Email address",
        help_text="We send the invitation here. They use it to sign in.",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter their email address.",
            "invalid": "Enter an email address in the right format, like name@example.org.",
        },
    )
    role = _role_field()
    is_staff = _back_office_field()

    def __init__(self, *args: Any, manager: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.manager = manager
        _set_choices(self, "role", roles_assignable_by(manager))

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError("Enter their full name.")
        return name

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        existing = (
            User.objects.filter(email__iexact=email).only("full_name", "organisation_id").first()
        )
        if existing is not None:
            if existing.organisation_id == self.manager.organisation_id:
                raise forms.ValidationError(
                    f"{existing.full_name} already has an account with this email address. "
                    "Find them in the team list (they may be deactivated)."
                )
            raise forms.ValidationError(
                "This email address already has an account. Each account needs its own email "
                "address: use a different one."
            )
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_back_office(self)
        return cleaned


class TeamMemberForm(forms.Form):
    """Change a user's name, role and back-office access. Nobody changes their own role."""

    full_name = forms.CharField(
        label="Full name",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Enter their full name."},
    )
    role = _role_field()
    is_staff = _back_office_field()

    def __init__(self, *args: Any, manager: User, member: User, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"full_name": member.full_name, "role": member.role, "is_staff": member.is_staff},
        )
        super().__init__(*args, **kwargs)
        _set_choices(self, "role", roles_assignable_by(manager))
        if manager.pk == member.pk:
            for name in ("role", "is_staff"):
                self.fields[name].disabled = True
            self.fields[
                "role"
            ].help_text = "You cannot change your own role. Ask another manager to do it."

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError("Enter their full name.")
        return name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_back_office(self)
        return cleaned


class ChoosePasswordForm(SetPasswordForm):
    """Django's SetPasswordForm (so every password validator applies) in our words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = PASSWORD_HINT
        self.fields["new_password2"].label = "Type the new password again"
        self.fields["new_password2"].help_text = ""
        self.error_messages = {
            **self.error_messages,
            "password_mismatch": "The two passwords are different. Type the same password twice.",
        }
