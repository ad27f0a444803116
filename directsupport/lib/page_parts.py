"""Parts of a lower app's page that later apps fill, so its templates never load their tags.

A page of a lower app sometimes shows something only a later app knows: what waits for the person
on their own page (a review to answer, guesses to check, a Plan Book to agree), their money and
their support, everyone's Plan Books on a Planning Live event's page. The lower app may not import
the later ones (DESIGN.md §2), and ``{% load %}`` of their tag library is the same import, written
in the template language (tests/test_layers.py checks templates too). So the lower app names the
places on its page (*slots*) and the later apps register what they put there, from their
AppConfig.ready(), as they register the person page's tabs (people/person_tabs.py).

The lower app names its slots, in a module of its own that says what each page gives the parts
(people's ``person_panels.py``, planning's ``event_panels.py``)::

    WAITING_FOR_ME = slot("people.waiting_for_me")

and draws a slot from a tag in its own library (``draw_slot("people", "waiting_for_me",
context, person)``). A later app, in a ``person_panels.py`` of its own::

    from directsupport.lib.page_parts import PagePart, drawn_with

    # WAITING_FOR_ME comes from the lower app's slots module, which the later app may import.
    PANELS = (
        PagePart(
            slot=WAITING_FOR_ME,
            name="planbook.my_plan_book",
            order=30,
            render=drawn_with("planbook/includes/my_plan_book.html", my_plan_book),
        ),
    )

and in its AppConfig (the panels read models, so they are imported once those are loaded)::

    def ready(self) -> None:
        from directsupport.lib.page_parts import register_parts

        from .person_panels import PANELS

        register_parts(PANELS)

A part is a function of the template context (the request, so the viewer, and whatever the page
says it gives) and the page's subject (the person, the event) that returns safe HTML, or "" when it
has nothing to show. It makes its own access check, as the page behind a tab does: the slot shows
whatever the parts return. ``drawn_with`` makes one from a template and a function giving that
template's context, drawn exactly as an inclusion tag draws it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.template import Context, TemplateSyntaxError
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

# (the page's template context, its subject) -> safe HTML, "" for nothing to show.
Render = Callable[[Context, Any], str]


@dataclass(frozen=True)
class PagePart:
    """One part of a lower app's page: which slot, who fills it, where in the slot, how it draws."""

    slot: str  # a name from slot(), e.g. "people.waiting_for_me"
    name: str  # the owner and the part, e.g. "planbook.my_plan_book"; one of its kind in the slot
    order: int  # lowest first; leave room between (10, 20, 30)
    render: Render


_slots: set[str] = set()
_parts: dict[str, dict[str, PagePart]] = {}


def slot(name: str) -> str:
    """Name a place on a page that later apps may fill ("<app>.<place>"); the page's own app
    calls this, so a part registered for a misspelt slot fails at start-up."""
    _slots.add(name)
    return name


def register_parts(parts: Iterable[PagePart]) -> None:
    """Add parts to their slots. Registering the same part again does nothing (Django may run
    ready() more than once); two parts with the same name or order in a slot are a mistake to fix
    at start-up, not a page that silently depends on which app loaded first."""
    for part in parts:
        if part.slot not in _slots:
            raise ImproperlyConfigured(f"Page part {part.name} is for {part.slot!r}, not a slot")
        in_slot = _parts.setdefault(part.slot, {})
        if in_slot.get(part.name, part) != part:
            raise ImproperlyConfigured(f"Two page parts are called {part.name} in {part.slot}")
        orders = {other.order: other.name for other in in_slot.values() if other != part}
        if part.order in orders:
            raise ImproperlyConfigured(
                f"Page parts {orders[part.order]} and {part.name} both have order {part.order} "
                f"in {part.slot}"
            )
        in_slot[part.name] = part


def parts_in(name: str) -> list[PagePart]:
    """A slot's parts, in order."""
    if name not in _slots:
        raise ImproperlyConfigured(f"{name!r} is not a slot of any page")
    return sorted(_parts.get(name, {}).values(), key=lambda part: part.order)


def render_slot(name: str, context: Context, subject: Any) -> SafeString:
    """A slot's parts drawn one after another ("" when none has anything to show). A part that
    returns plain text, not safe HTML, is escaped."""
    return mark_safe(  # noqa: S308 (each part is escaped unless it is safe already)
        "".join(conditional_escape(part.render(context, subject)) for part in parts_in(name))
    )


def draw_slot(app: str, place: str, context: Context, subject: Any) -> SafeString:
    """What the lower app's own tag calls: ``{% person_panels "waiting_for_me" person %}`` draws
    people's slot "people.waiting_for_me". A place the app has no slot for is the template's
    mistake, said with the places it has."""
    name = f"{app}.{place}"
    if name not in _slots:
        places = sorted(s.removeprefix(f"{app}.") for s in _slots if s.startswith(f"{app}."))
        raise TemplateSyntaxError(f"{place!r} is not one of {places}")
    return render_slot(name, context, subject)


def drawn_with(template_name: str, values: Callable[[Context, Any], dict[str, Any]]) -> Render:
    """A part drawn from a template, exactly as an inclusion tag draws it: ``values(context,
    subject)`` gives the template's own context (the page's CSRF token is passed on, for a form).
    A template that draws only white space (its ``{% if show %}`` was false) gives ""."""

    def render(context: Context, subject: Any) -> str:
        new_context = context.new(values(context, subject))
        csrf_token = context.get("csrf_token")
        if csrf_token is not None:
            new_context["csrf_token"] = csrf_token
        if context.template is None:
            raise ImproperlyConfigured(f"{template_name} is a page part, drawn inside a page")
        html = context.template.engine.get_template(template_name).render(new_context)
        return html if html.strip() else ""

    return render
