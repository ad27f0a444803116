"""The Perfect Week as a part of the Plan Book (planning/plan_book_parts.py): week registers it,
so planning compiles it without importing week."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from directsupport.planning import plan_book_parts
from directsupport.planning.planbook.compile import compile_plan_book
from directsupport.week.compile import compile_week


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(plan_book_parts, "_parts", dict(plan_book_parts._parts))
    return plan_book_parts


def test_the_perfect_week_is_a_registered_part():
    assert plan_book_parts._parts["week"] is compile_week


@pytest.mark.django_db
def test_a_registered_part_is_compiled_into_the_plan_book(registry, dee):
    registry.register_plan_book_part("made_up", lambda person: {"called": person.called})
    compiled = compile_plan_book(dee)
    assert compiled["made_up"] == {"called": "Dee"}
    assert "week" in compiled


def test_registering_the_same_part_again_changes_nothing(registry):
    registry.register_plan_book_part("week", compile_week)
    assert registry._parts["week"] is compile_week


@pytest.mark.parametrize(
    ("name", "message"),
    [("week", "Two Plan Book parts are called 'week'"), ("tools", "own part 'tools'")],
)
def test_a_part_may_not_take_another_parts_name(registry, name, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        registry.register_plan_book_part(name, lambda person: None)
