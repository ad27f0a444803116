"""The form fields every app shares (directsupport/lib/forms.py): money typed as pounds and
pence, what a representative gives when they decide for the person, and the hidden key that
makes a form act once however often it is sent."""

from __future__ import annotations

import pytest
from django import forms

from directsupport.lib.forms import (
    FORM_OUT_OF_DATE,
    IfNeededInput,
    IfNeededTextarea,
    PoundsField,
    RequiredIfRepresentative,
    SubmitOnceForm,
)


class RepresentativeForm(forms.Form):
    name = RequiredIfRepresentative(widget=IfNeededInput)
    reason = RequiredIfRepresentative(widget=IfNeededTextarea)


def test_a_representatives_name_is_one_line_and_the_reason_keeps_its_lines():
    form = RepresentativeForm(
        {"name": "  Siobhan \n Fitzgerald ", "reason": "\r\nFirst.\r\nSecond.\r\n"}
    )
    assert form.is_valid()
    assert form.cleaned_data == {"name": "Siobhan Fitzgerald", "reason": "First.\nSecond."}


def test_an_empty_representative_passes_the_field_and_the_browser_is_not_made_to_insist():
    form = RepresentativeForm({"name": "", "reason": ""})
    assert form.is_valid()
    assert "required" not in str(form["name"]) and "required" not in str(form["reason"])
    assert "(optional)" not in str(form)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("lots", "The rate: enter an amount in pounds and pence, like 32.14"),
        ("0", "The rate: enter more than £0.00"),
        ("1001", "The rate: enter an amount no more than £1,000.00"),
    ],
)
def test_money_messages_name_the_field(typed, message):
    field = PoundsField(what="the rate", max_pence=1_000_00)
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(typed)
    assert refused.value.messages == [message]


def test_money_is_whole_pence_and_zero_only_where_allowed():
    assert PoundsField(what="the rate", max_pence=1_000_00).clean("£32.14") == 3214
    assert PoundsField(what="the fee", max_pence=100, allow_zero=True).clean("0") == 0
    assert PoundsField(what="the fee", max_pence=100, required=False).clean("") is None


# --- The one "submit once" form (lib.forms.SubmitOnceForm) --------------------------------------


def test_a_submit_once_form_carries_a_fresh_key_each_time_it_is_shown():
    first, second = SubmitOnceForm(), SubmitOnceForm()
    assert f'name="form_key" value="{first.initial["form_key"]}"' in str(first)
    assert first.initial["form_key"] != second.initial["form_key"]


@pytest.mark.parametrize("key", ["", "not-a-key", "x" * 32])
def test_a_missing_or_damaged_key_is_said_above_the_form_and_nothing_is_saved(key):
    form = SubmitOnceForm(data={"form_key": key})
    assert not form.is_valid()
    assert form.non_field_errors() == [FORM_OUT_OF_DATE]


def test_the_key_sent_back_is_the_key_kept():
    form = SubmitOnceForm(data={"form_key": "0123456789abcdef0123456789abcdef"})
    assert form.is_valid()
    assert form.cleaned_data["form_key"] == "0123456789abcdef0123456789abcdef"
