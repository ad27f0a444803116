"""The Jinja2 parts of the site (lib/jinja_env.py): they escape as Django does, refuse a
misspelt name, and draw forms in the same GOV.UK pattern as before."""

from __future__ import annotations

import dataclasses

import pytest
from django import forms
from django.template import engines
from django.utils.html import escape
from django.utils.safestring import mark_safe
from jinja2 import UndefinedError

from directsupport.lib.forms import FilterForm

HOSTILE = 'O\'Brien & "Sons" <script>alert(1)</script>'


def _jinja(source: str, **context: object) -> str:
    return engines["jinja2"].from_string(source).render(context)


def test_values_are_escaped_exactly_as_django_escapes_them():
    assert _jinja("{{ name }}", name=HOSTILE) == escape(HOSTILE)
    assert "&#x27;" in _jinja("{{ name }}", name=HOSTILE)
    assert "<script>" not in _jinja("<p>{{ name }}</p>", name=HOSTILE)


def test_what_is_already_safe_is_not_escaped_twice():
    assert _jinja("{{ html }}", html=mark_safe("<b>bold</b>")) == "<b>bold</b>"
    assert _jinja("{{ name|money }}", name=12345) == "£123.45"


def test_a_misspelt_name_is_an_error_not_a_gap():
    with pytest.raises(UndefinedError):
        _jinja("<p>{{ persn.name }}</p>", person={"name": "Dee"})


def test_links_and_icons_are_the_django_templates_own():
    django_side = engines["django"].from_string(
        '{% url "people:detail" 7 %}|{% heroicon_outline "plus" class="icon" aria_hidden="true" %}'
    )
    jinja_side = _jinja(
        '{{ url("people:detail", 7) }}|'
        '{{ heroicon_outline("plus", class="icon", aria_hidden="true") }}'
    )
    assert jinja_side == django_side.render({})


def test_a_jinja_part_in_a_django_template_reads_the_page_and_its_own_values():
    """{% jinja %} (lib/templatetags/jinja_parts.py): one part, drawn by several Django pages."""
    page = engines["django"].from_string(
        '{% load jinja_parts %}<main>{% jinja "people/circle_in_words.jinja" heading="h4" %}</main>'
    )
    drawn = page.render({"groups": [_Quarter(key="family", label=HOSTILE)]})
    assert drawn.startswith("<main>") and drawn.endswith("</main>")
    assert '<h4 id="circle-words-family" class="circle-words__title">' in drawn
    assert escape(HOSTILE) in drawn and "<script>" not in drawn
    assert "Nobody in this part yet." in drawn


@dataclasses.dataclass(frozen=True)
class _Quarter:
    key: str
    label: str
    count: int = 0
    rings: tuple[object, ...] = ()


class _Example(forms.Form):
    name = forms.CharField(label="Name", help_text="As they like to be called")
    notes = forms.CharField(label="Notes", required=False)
    agree = forms.BooleanField(label="I agree", required=False)
    colour = forms.ChoiceField(
        label="Colour", choices=[("r", "Red"), ("g", "Green")], widget=forms.RadioSelect
    )


class _Search(FilterForm):
    q = forms.CharField(label="Name", required=False)


def test_a_field_with_an_error_keeps_what_was_typed_beside_its_label_hint_and_error():
    form = _Example({"name": "", "notes": HOSTILE, "colour": "x"})
    assert not form.is_valid()
    html = str(form)
    assert '<div class="form-group form-group--error">' in html
    assert '<label class="label" for="id_name">Name</label>' in html
    assert '<div class="hint" id="id_name_helptext">As they like to be called</div>' in html
    assert 'id="id_name_error"><span class="visually-hidden">Error:</span> This field is' in html
    # What was typed is kept, escaped as Django escapes it.
    assert f'value="{escape(HOSTILE)}"' in html
    assert "(optional)" in html.split('for="id_notes"')[1].split("</label>")[0]


def test_radios_are_a_fieldset_and_a_checkbox_sits_before_its_label():
    html = str(_Example({"colour": "x"}))
    assert '<fieldset class="fieldset"' in html
    assert '<legend class="label">Colour</legend>' in html
    assert 'type="radio" name="colour" value="r"' in html
    assert '<div class="choice"><input type="checkbox" name="agree"' in html


def test_a_field_is_its_widget_and_as_field_group_its_whole_group():
    form = _Example()
    assert str(form["name"]).startswith("<input")
    assert str(form["name"].as_field_group()).startswith('<div class="form-group">')


def test_a_search_form_says_no_field_is_optional():
    assert "(optional)" not in str(_Search())
