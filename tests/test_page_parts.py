"""lib/page_parts.py: the slots a lower app's page offers and the parts later apps fill them with
(people's person panels, planning's event panels), checked at start-up and drawn in order."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template
from django.utils.safestring import mark_safe

from directsupport.lib import page_parts
from directsupport.lib.page_parts import PagePart, drawn_with


@pytest.fixture
def registry(monkeypatch):
    """The registry as the apps filled it, on a copy this test may change."""
    monkeypatch.setattr(page_parts, "_slots", set(page_parts._slots))
    monkeypatch.setattr(
        page_parts, "_parts", {slot: dict(parts) for slot, parts in page_parts._parts.items()}
    )
    return page_parts


def said(words: str):
    return lambda context, subject: words


def test_parts_are_drawn_in_order_and_plain_text_is_escaped(registry):
    slot = registry.slot("probe.place")
    registry.register_parts(
        [
            PagePart(slot=slot, name="b.second", order=20, render=said("<b>2</b>")),
            PagePart(slot=slot, name="a.first", order=10, render=said(mark_safe("<i>1</i>"))),
        ]
    )
    assert [part.name for part in registry.parts_in(slot)] == ["a.first", "b.second"]
    assert registry.render_slot(slot, Context(), None) == "<i>1</i>&lt;b&gt;2&lt;/b&gt;"


def test_a_slot_nobody_fills_draws_nothing(registry):
    assert registry.render_slot(registry.slot("probe.empty"), Context(), None) == ""


def test_registering_the_same_part_again_does_nothing(registry):
    slot = registry.slot("probe.place")
    part = PagePart(slot=slot, name="a.first", order=10, render=said("1"))
    registry.register_parts([part])
    registry.register_parts([part])
    assert registry.parts_in(slot) == [part]


def test_mistakes_are_found_at_start_up(registry):
    slot = registry.slot("probe.place")
    registry.register_parts([PagePart(slot=slot, name="a.first", order=10, render=said("1"))])
    with pytest.raises(ImproperlyConfigured, match="not a slot"):
        registry.register_parts(
            [PagePart(slot="probe.misspelt", name="a.other", order=10, render=said("1"))]
        )
    with pytest.raises(ImproperlyConfigured, match=r"Two page parts are called a\.first"):
        registry.register_parts([PagePart(slot=slot, name="a.first", order=30, render=said("3"))])
    with pytest.raises(ImproperlyConfigured, match="both have order 10"):
        registry.register_parts([PagePart(slot=slot, name="b.other", order=10, render=said("2"))])
    with pytest.raises(ImproperlyConfigured, match="not a slot of any page"):
        registry.parts_in("probe.misspelt")


def test_a_drawn_part_is_drawn_as_an_inclusion_tag_draws_and_nothing_is_empty():
    page = Template("{{ part }}")  # any template being rendered: the part uses its engine
    context = Context({"csrf_token": "token"})
    context.template = page
    shown = drawn_with("funds/includes/record_support_link.html", lambda c, s: {"show": False})
    assert shown(context, None) == ""
    form = drawn_with(
        "planbook/batch/event_panel.html",
        lambda c, event: {"event": event, "can_plan": True, "batches": []},
    )
    event = type("Event", (), {"pk": 7})()
    html = form(context, event)
    assert "<h3>Everyone's Plan Books</h3>" in html
    assert 'name="csrfmiddlewaretoken" value="token"' in html
