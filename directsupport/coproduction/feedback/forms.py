"""The feedback form (easy read for the person, standard wording for family and staff) and the
filter on a person's feedback page. They validate only; the service decides what is enough and
checks the file by its content."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from directsupport.lib.forms import FilterForm

from ..models import FeedbackAbout, FeedbackFrom, Feeling
from .attachments import max_audio_bytes, max_image_bytes, megabytes
from .services import WORDS_MAX

EASY_ABOUT: dict[str, str] = {
    FeedbackAbout.GENERAL: "How things are going",
    FeedbackAbout.CHANGE: "Something that changed",
    FeedbackAbout.SUPPORT: "My support and who gives it",
    FeedbackAbout.MONEY: "My money",
    FeedbackAbout.PLAN: "My Plan Book",
}


def standard_about(called: str) -> dict[str, str]:
    return {
        FeedbackAbout.GENERAL: "How things are going in general",
        FeedbackAbout.CHANGE: f"A change to {called}'s support",
        FeedbackAbout.SUPPORT: f"{called}'s support and who gives it",
        FeedbackAbout.MONEY: f"{called}'s money",
        FeedbackAbout.PLAN: f"{called}'s Plan Book",
    }


class FeedbackForm(forms.Form):
    feeling = forms.TypedChoiceField(
        choices=Feeling.choices,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the five faces."},
    )
    words = forms.CharField(
        required=False,
        max_length=WORDS_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": WORDS_MAX}),
        error_messages={
            "max_length": f"Say it in {WORDS_MAX} characters or fewer. Add a voice note if there "
            "is more to say."
        },
    )
    attachment = forms.FileField(
        required=False,
        widget=forms.FileInput(attrs={"accept": "audio/*,image/*"}),
    )
    about = forms.ChoiceField(
        choices=FeedbackAbout.choices,
        initial=FeedbackAbout.GENERAL,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what it is about.",
            "invalid_choice": "Choose what it is about.",
        },
    )
    # Every field may be left empty (the service wants one of the first three), so none says
    # "(optional)": the page says "choose a face, say something, or add a file" instead.
    every_field_optional = True

    def __init__(self, *args: Any, easy_read: bool, called: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.easy_read = easy_read
        about = EASY_ABOUT if easy_read else standard_about(called)
        about_field = cast(forms.ChoiceField, self.fields["about"])
        about_field.choices = [(value, about[value]) for value in FeedbackAbout.values]
        if easy_read:
            self.fields["feeling"].label = "How are things going?"
            self.fields["words"].label = "Tell us in your own words"
            self.fields["attachment"].label = "Or record or add a voice note or a picture"
            self.fields["about"].label = "What is it about?"
        else:
            self.fields["feeling"].label = f"How are things going for {called}?"
            self.fields["words"].label = "In your own words"
            self.fields["attachment"].label = "A voice note or a picture"
            self.fields["attachment"].help_text = (
                f"A voice note (MP3, M4A, OGG, WAV or WebM) up to {megabytes(max_audio_bytes())}, "
                f"or a picture (JPEG, PNG or WebP) up to {megabytes(max_image_bytes())}."
            )
            self.fields["about"].label = "What is it about?"


OWN_FROM = {
    FeedbackFrom.PERSON: "Me",
    FeedbackFrom.FAMILY: "My family and friends",
    FeedbackFrom.STAFF: "Staff",
}


class FeedbackFilterForm(FilterForm):
    given_by = forms.ChoiceField(
        label="Who gave it",
        required=False,
        choices=[("", "Everyone"), *FeedbackFrom.choices],
    )

    def __init__(self, *args: Any, own: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if own:
            # The person's own page speaks to them: "Me", not "The person".
            given_by = cast(forms.ChoiceField, self.fields["given_by"])
            given_by.choices = [("", "Everyone"), *OWN_FROM.items()]

    def chosen_from(self) -> str:
        if self.is_valid():
            return str(self.cleaned_data.get("given_by") or "")
        return ""
