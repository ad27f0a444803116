"""Sign-in, two-factor and password forms."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm


class SignInForm(AuthenticationForm):
    """Email and password. The field is called ``username`` because django-axes looks for it."""

    error_messages = {
        "invalid_login": (
            "The email address or password is not right. Check them and try again. "
            "After 5 wrong tries, the account is locked for 30 minutes."
        ),
        "inactive": "This account has been closed. Ask your manager if you need it again.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "username", "spellcheck": "false", "autofocus": True}
        )
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"

    def clean_username(self) -> str:
        # Email addresses are stored lower-case; people type them however they like.
        return str(self.cleaned_data["username"]).strip().lower()


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        help_text="The 6-digit code from your authenticator app, or one of your backup codes.",
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "none",
                "class": "input--short",
                "autofocus": True,
            }
        ),
        error_messages={"required": "Enter the code from your authenticator app or a backup code."},
    )

    def clean_code(self) -> str:
        # People paste codes with spaces or dashes ("123 456", "abcd-efgh"): accept them.
        return "".join(ch for ch in self.cleaned_data["code"] if ch.isalnum()).lower()


class TwoFactorSetupForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="After adding the account, the app shows a 6-digit code. Type or paste it here.",
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "input--short",
                "spellcheck": "false",
            }
        ),
        error_messages={"required": "Enter the 6-digit code from your authenticator app."},
    )

    def clean_code(self) -> str:
        code = "".join(ch for ch in self.cleaned_data["code"] if ch.isdigit())
        if len(code) != 6:
            raise forms.ValidationError("The code is 6 digits, like 123456.")
        return code


class ChangePasswordForm(PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = (
            "At least 12 characters. A few unrelated words make a strong password that is easy "
            "to remember. Common passwords are refused."
        )


class ForgottenPasswordForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the email address you sign in with.",
            "invalid": "Enter an email address like name@example.org.",
        },
    )
