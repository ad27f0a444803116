"""The Jinja2 environment for every form and the few hot page bodies (issue 14).

Most templates are Django templates. Jinja2, through Django's own backend, draws what is drawn
most: every form (``lib/forms.GovukFormRenderer``: ``templates/forms/*.jinja`` and Django's
own Jinja2 widget templates), and the bodies of the pages opened most (the people list's count
and table, the Perfect Week's timetable, table and price, a person's About page, the circle
picture and the circle in words, a statement's figures). Jinja2 compiles a template to Python
and draws the same markup several times quicker. A body lives in its app's ``jinja2/`` folder,
is named ``*.jinja``, and is drawn inside an ordinary Django page (``render_with_body`` below,
or ``{% jinja %}`` of lib/templatetags/jinja_parts.py for a part several pages share), so the
site keeps one base layout and one person layout.

It has the same helpers as the Django templates, answering the same way:
``url(name, *args)`` (``lib.urls.reverse``), ``static(path)``, ``heroicon_outline(name, ...)``
(the remembered icons of ``lib/templatetags/site_builtins.py``), and the filters ``date``,
``floatformat``, ``capfirst``, ``money`` and ``hours``. Autoescaping is on, as in every Django
template, and escapes as Django does, so a page reads byte for byte the same. What it bought
is measured in ``bench/results.json`` ("foundation", ``before_and_after``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import engines
from django.template.backends.jinja2 import Jinja2
from django.template.defaultfilters import capfirst, date, floatformat
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

from directsupport.lib.templatetags import site_builtins
from directsupport.lib.templatetags.forms_extra import is_checkbox, is_choice_group
from directsupport.lib.templatetags.money import hours, money
from directsupport.lib.urls import reverse


def url(viewname: str, *args: Any, **kwargs: Any) -> str:
    return reverse(viewname, args=args, kwargs=kwargs)


def heroicon_outline(name: str, **attrs: Any) -> Markup:
    # django-heroicons' own SVG, already marked safe by it.
    return Markup(site_builtins.heroicon_outline(name, **attrs))  # noqa: S704


def widget(field: Any) -> Markup:
    """A form field's input as Django's templates write ``{{ field }}`` (its widget, and the
    hidden initial value when the field keeps one). In Jinja2 ``{{ field }}`` would be its whole
    group: a bound field's ``__html__`` is its field template."""
    return Markup(str(field))  # noqa: S704 (Django drew and escaped it)


# Django's escape (django.utils.html.escape), as one translation table: Django writes an
# apostrophe as &#x27; and a quote as &quot;, Jinja2's markupsafe as &#39; and &#34;.
_DJANGO_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
)


def _escape_as_django(value: Any) -> Any:
    """Every ``{{ value }}`` escaped as Django escapes it, so a page reads the same whichever
    engine drew it. What is already safe (``__html__``) is left alone, as both engines do."""
    if hasattr(value, "__html__"):
        return value
    return Markup(str(value).translate(_DJANGO_ESCAPES))  # noqa: S704 (escaped just now)


def widget_environment(**options: Any) -> Environment:
    """For Django's own Jinja2 widget templates (lib/forms.py): they rely on Jinja2's lenient
    undefined values, so only the escaping is ours."""
    options.pop("autoescape", None)
    return Environment(**options, autoescape=True, finalize=_escape_as_django)


def environment(**options: Any) -> Environment:
    # A misspelt name is an error (and so a failing test), not an empty gap in the page.
    options["undefined"] = StrictUndefined
    options.pop("autoescape", None)  # Django's backend asks for it too: said here, where it matters
    env = Environment(**options, autoescape=True, finalize=_escape_as_django)
    env.globals.update(url=url, static=static, heroicon_outline=heroicon_outline)
    env.filters.update(
        date=date,
        floatformat=floatformat,
        capfirst=capfirst,
        money=money,
        hours=hours,
        widget=widget,
        is_choice_group=is_choice_group,
        is_checkbox=is_checkbox,
    )
    return env


def render_with_body(
    request: HttpRequest, template_name: str, body_name: str, context: dict[str, Any]
) -> HttpResponse:
    """The Django page ``template_name`` with ``{{ body }}``: the Jinja2 template ``body_name``
    drawn from the same context. The page keeps its title, layout and tabs; tests see the
    Django template and its context as before."""
    body = render_to_string(body_name, context, request, using="jinja2")
    return render(request, template_name, {**context, "body": mark_safe(body)})  # noqa: S308


def draw_part(template_name: str, context: dict[str, Any]) -> SafeString:
    """The Jinja2 template ``template_name`` drawn from ``context`` alone (no request, no context
    processors): a part of a page, escaped as it was drawn. Used by ``{% jinja %}``
    (lib/templatetags/jinja_parts.py) and by template tags that draw a Jinja2 part."""
    backend = engines["jinja2"]
    if not isinstance(backend, Jinja2):
        raise ImproperlyConfigured('TEMPLATES needs the Jinja2 engine named "jinja2"')
    drawn = backend.env.get_template(template_name).render(context)
    return mark_safe(drawn)  # noqa: S308 (Jinja2 escaped every value it drew)
