"""The form for an outcome: what it is, where it came from, and its actions (a formset).

No side effects: services.py saves. ``OutcomeEditor`` puts the outcome form and the actions
together, as tools.forms.ToolEditor does for a tool.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Q
from django.forms.formsets import BaseFormSet, formset_factory
from django.forms.utils import ErrorDict
from django.utils import dateformat, timezone

from directsupport.people.forms import DATE_INPUT_FORMATS
from directsupport.people.models import Person

from ..models import CaptureNote, NoteStatus, Outcome, OutcomeAction, Question, ToolKind
from .services import ActionInput, OutcomeDetails

MAX_ACTIONS = 20
EXTRA_ACTIONS = 2
NOTE_LABEL_LENGTH = 90
UK_DATE = "j F Y"


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def note_choices(person: Person, *, keep: int | None = None) -> list[Any]:
    """The person's notes to choose from, grouped by question: the future first (aspirations
    are where outcomes mostly come from), then the other questions. Notes the person said were
    wrong are left out, unless the outcome already points at one (``keep``)."""
    notes = CaptureNote.objects.filter(person=person).filter(
        ~Q(status=NoteStatus.NOT_AGREED) | Q(pk=keep)
    )
    by_question: dict[str, list[tuple[int, str]]] = {}
    for note in notes.order_by("created_at", "id"):
        by_question.setdefault(note.question, []).append((note.pk, _note_label(note)))
    order = [Question.FUTURE, *(q for q in Question if q != Question.FUTURE)]
    groups: list[Any] = [("", "Not from a note")]
    groups += [(q.label, by_question[q]) for q in order if q in by_question]
    return groups


def _note_label(note: CaptureNote) -> str:
    text = " ".join(note.text.split())
    if len(text) > NOTE_LABEL_LENGTH:
        text = text[:NOTE_LABEL_LENGTH].rstrip() + "…"
    marker = {
        NoteStatus.BEST_GUESS: "Best guess, not yet checked: ",
        NoteStatus.NOT_AGREED: "Not agreed: ",
    }.get(NoteStatus(note.status), "")
    return f"{marker}{text} ({note.said_by})"


class OutcomeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    text = forms.CharField(
        label="The outcome",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    source_note = forms.TypedChoiceField(
        label="The note it came from",
        coerce=int,
        required=False,
        empty_value=None,
    )
    source_tool = forms.ChoiceField(
        label="Or the tool it came from",
        required=False,
        choices=[("", "Not from a tool"), *ToolKind.choices],
    )
    source_text = forms.CharField(
        label="The words in the tool it came from",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Copy the words, so it is clear which part of the tool this outcome answers.",
        error_messages={
            "max_length": "The words from the tool are %(show_value)d characters long: keep "
            "them to %(limit_value)d characters or fewer."
        },
    )
    achieved_on = forms.DateField(
        label="Achieved on",
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=_date_widget(),
        help_text="Leave this empty until the outcome is achieved. For example, 27/3/2026.",
        error_messages={"invalid": "Enter a real date it was achieved, for example 27/3/2026."},
    )

    def __init__(
        self, *args: Any, person: Person, outcome: Outcome | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        called = person.called
        self.fields["text"].help_text = (
            f"In {called}'s words, for example: “I want to swim in the sea at Brighton next "
            "summer”."
        )
        self.fields["text"].error_messages.update(
            {
                "required": f"Write the outcome, in {called}'s words.",
                "max_length": "The outcome is %(show_value)d characters long: keep it to "
                "%(limit_value)d characters or fewer.",
            }
        )
        note_field = cast(forms.TypedChoiceField, self.fields["source_note"])
        note_field.choices = note_choices(person, keep=outcome.source_note_id if outcome else None)
        note_field.help_text = (
            f"From {called}'s Planning Live board. Best guesses are marked: check them with "
            f"{called}."
        )
        note_field.error_messages["invalid_choice"] = f"Choose a note from {called}'s board."

    def clean_achieved_on(self) -> dt.date | None:
        achieved: dt.date | None = self.cleaned_data["achieved_on"]
        if achieved and achieved > timezone.localdate():
            raise forms.ValidationError("The date it was achieved cannot be in the future.")
        return achieved

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors.pop("version", None):
            self.add_error(
                None, "This page was out of date. Open the outcome again and start afresh."
            )
        note, tool = cleaned.get("source_note"), cleaned.get("source_tool")
        if "source_note" in self.errors:
            return cleaned
        if note and tool:
            self.add_error("source_tool", "Choose a note or a tool, not both.")
        elif not note and not tool:
            self.add_error(
                "source_note",
                f"Say where this outcome came from: choose a note from {self.person.called}'s "
                "board, or a tool.",
            )
        if note and cleaned.get("source_text"):
            self.add_error(
                "source_text",
                "The note's own words are kept with the outcome: leave the words from a tool "
                "empty when you choose a note.",
            )
        return cleaned

    def details(self) -> OutcomeDetails:
        data = self.cleaned_data
        note_pk = data["source_note"]
        note = CaptureNote.objects.filter(person=self.person, pk=note_pk).first()
        return OutcomeDetails(
            text=data["text"],
            source_note=note,
            source_tool=data["source_tool"],
            source_text=data["source_text"],
            achieved_on=data["achieved_on"],
        )


class ActionForm(forms.Form):
    """One action. Optional at field level: an empty row is left out; a row with anything in
    it needs what, who and by when (checked in clean())."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        number: int,
        can_remove: bool,
        saved_dates: dict[int, dt.date],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.number = number
        self.saved_dates = saved_dates
        where = f"Action {number}"
        self.fields["what"] = forms.CharField(
            label="What will be done",
            required=False,
            max_length=300,
            error_messages={
                "max_length": f"{where}: what will be done is %(show_value)d characters long: "
                "keep it to %(limit_value)d characters or fewer."
            },
        )
        self.fields["who"] = forms.CharField(
            label="Who will do it",
            required=False,
            max_length=150,
            error_messages={
                "max_length": f"{where}: who will do it is %(show_value)d characters long: "
                "keep it to %(limit_value)d characters or fewer."
            },
        )
        self.fields["by_when"] = forms.DateField(
            label="By when",
            required=False,
            input_formats=DATE_INPUT_FORMATS,
            widget=_date_widget(),
            help_text="For example, 27/3/2026.",
            error_messages={"invalid": f"{where}: enter a real date, for example 27/3/2026."},
        )
        self.fields["done"] = forms.BooleanField(label="Done", required=False)
        if can_remove:
            self.fields["remove"] = forms.BooleanField(label="Remove this action", required=False)

    @property
    def anchor(self) -> str:
        return f"action-{self.number}"

    @property
    def every_field_optional(self) -> bool:
        return True

    def is_removed(self) -> bool:
        if "remove" not in self.fields or not self.is_bound:
            return False
        widget = self.fields["remove"].widget
        return bool(widget.value_from_datadict(self.data, self.files, self.add_prefix("remove")))

    def full_clean(self) -> None:
        if self.is_removed():
            self._errors = ErrorDict()
            self.cleaned_data = {"remove": True}
            return
        super().full_clean()

    def has_content(self) -> bool:
        cleaned = getattr(self, "cleaned_data", {})
        return any(cleaned.get(name) for name in ("what", "who", "by_when"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.has_content():
            return cleaned
        where = f"Action {self.number}"
        needed = {
            "what": f"{where}: say what will be done.",
            "who": f"{where}: say who will do it.",
            "by_when": f"{where}: say by when, for example 27/3/2026.",
        }
        for name, message in needed.items():
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, message)
        by_when = cleaned.get("by_when")
        # A date already gone by is only right for something done; an existing action that
        # has fallen overdue may keep its date (changing something else must not need it moved).
        unchanged = self.saved_dates.get(cleaned.get("id") or 0) == by_when
        if by_when and by_when < timezone.localdate() and not cleaned.get("done") and not unchanged:
            self.add_error(
                "by_when",
                f"{where}: {dateformat.format(by_when, UK_DATE)} has already gone by. Choose a "
                "later date, or tick “Done” if it has been done.",
            )
        return cleaned

    def action(self) -> ActionInput | None:
        cleaned = getattr(self, "cleaned_data", {})
        if cleaned.get("remove") or not self.has_content():
            return None
        return ActionInput(
            id=cleaned.get("id"),
            what=cleaned["what"],
            who=cleaned["who"],
            by_when=cleaned["by_when"],
            done=bool(cleaned.get("done")),
        )


class BaseActionFormSet(BaseFormSet):
    default_error_messages = {
        "too_many_forms": f"Keep it to {MAX_ACTIONS} actions or fewer for one outcome.",
    }

    def __init__(self, *args: Any, saved_dates: dict[int, dt.date], **kwargs: Any) -> None:
        self.saved_dates = saved_dates
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {
            "number": (index or 0) + 1,
            "can_remove": index is not None and index < self.initial_form_count(),
            "saved_dates": self.saved_dates,
        }

    def actions(self) -> list[ActionInput]:
        return [a for form in self.forms if (a := cast(ActionForm, form).action())]


# formset_factory makes a subclass of the formset given; the stubs only know BaseFormSet.
ActionFormSet = cast(
    type[BaseActionFormSet],
    formset_factory(
        ActionForm,
        formset=BaseActionFormSet,
        extra=EXTRA_ACTIONS,
        max_num=MAX_ACTIONS,
        validate_max=True,
        absolute_max=MAX_ACTIONS + EXTRA_ACTIONS,
    ),
)


def action_initial(actions: list[OutcomeAction]) -> list[dict[str, Any]]:
    return [
        {
            "id": action.pk,
            "what": action.what,
            "who": action.who,
            "by_when": action.by_when,
            "done": action.done_on is not None,
        }
        for action in actions
    ]


class OutcomeEditor:
    """The outcome form and its actions, validated and shown together."""

    def __init__(self, person: Person, data: Any = None, *, outcome: Outcome | None = None) -> None:
        initial: dict[str, Any] = {}
        saved = list(outcome.actions.order_by("by_when", "id")) if outcome is not None else []
        if outcome is not None:
            initial = {
                "version": outcome.version,
                "text": outcome.text,
                "source_note": outcome.source_note_id or "",
                "source_tool": outcome.source_tool,
                "source_text": "" if outcome.source_note_id else outcome.source_text,
                "achieved_on": outcome.achieved_on,
            }
        self.form = OutcomeForm(data, person=person, outcome=outcome, initial=initial)
        self.actions = ActionFormSet(
            data,
            prefix="actions",
            initial=action_initial(saved),
            saved_dates={action.pk: action.by_when for action in saved},
        )

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.actions.is_valid()])

    @property
    def version(self) -> int:
        return int(self.form.cleaned_data.get("version") or 0)

    def add_error(self, message: str) -> None:
        self.form.add_error(None, message)

    @property
    def has_errors(self) -> bool:
        return bool(self.error_links())

    def error_links(self) -> list[tuple[str, str]]:
        links = [("", str(error)) for error in self.form.non_field_errors()]
        for field in self.form.visible_fields():
            links += [(field.id_for_label, str(error)) for error in field.errors]
        if self.actions.is_bound:
            links += [("actions", str(error)) for error in self.actions.non_form_errors()]
            for row in self.actions.forms:
                for name, errors in row.errors.items():
                    target = (
                        cast(ActionForm, row).anchor
                        if name == NON_FIELD_ERRORS or name not in row.fields
                        else row[name].id_for_label
                    )
                    links += [(target, str(error)) for error in errors]
        return links
